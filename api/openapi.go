package api

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"reflect"
	"sort"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// The OpenAPI document describes every route NewHandler serves. It is
// written by hand: openapi.json holds the base and the core resources, and
// each file in openapi/ adds the paths and components of one area (the
// comparison, exchange...), so areas can grow without editing one large
// file. The schemas of a claim and of the objects it holds (Scope,
// Interval...) are the exception: they are built from claims.Claim itself
// (claimschema.go). The tests check the merged
// document against the router and every response.
var (
	//go:embed openapi.json
	openAPIBase []byte
	//go:embed openapi
	openAPIParts embed.FS

	// openAPIDocument is merged when the first handler is made (see
	// newEngine), not when the program starts: commands that serve no
	// API (claimdesk extract, parse...) do not pay for it.
	openAPIDocument = sync.OnceValue(func() []byte { return mustMergeOpenAPI(openAPIBase, openAPIParts) })
)

func (h *handler) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", openAPIDocument())
}

// mustMergeOpenAPI adds the paths and components of every part to the base
// document. A part that redefines a path or a component is a programming
// error, caught when a handler is made and by every test.
func mustMergeOpenAPI(base []byte, parts fs.FS) []byte {
	var doc map[string]any
	if err := json.Unmarshal(base, &doc); err != nil {
		panic(fmt.Sprintf("api: openapi.json: %v", err))
	}
	names, err := fs.Glob(parts, "openapi/*.json")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := fs.ReadFile(parts, name)
		if err != nil {
			panic(err)
		}
		var part map[string]any
		if err := json.Unmarshal(b, &part); err != nil {
			panic(fmt.Sprintf("api: %s: %v", name, err))
		}
		for key, v := range part {
			if err := mergeInto(doc, key, v, name+": "+key); err != nil {
				panic("api: " + err.Error())
			}
		}
	}
	if err := mergeInto(doc, "components", map[string]any{"schemas": claimSchemas(reflect.TypeFor[claims.Claim]())}, "claims.Claim"); err != nil {
		panic("api: " + err.Error())
	}
	addAccessResponses(doc)
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err)
	}
	return out.Bytes()
}

// mergeInto sets dst[key] to v, merging objects level by level below
// "paths" and "components" and refusing to overwrite anything else.
func mergeInto(dst map[string]any, key string, v any, where string) error {
	old, exists := dst[key]
	if !exists {
		dst[key] = v
		return nil
	}
	om, ok1 := old.(map[string]any)
	nm, ok2 := v.(map[string]any)
	if !ok1 || !ok2 {
		return fmt.Errorf("%s is defined twice", where)
	}
	for k, nv := range nm {
		if err := mergeInto(om, k, nv, where+"."+k); err != nil {
			return err
		}
	}
	return nil
}

// addAccessResponses documents, on every operation, the answers of the
// authentication that runs before any handler: 401 for bad or missing
// credentials, 403 for a role too low, a missing CSRF token or a foreign
// Host on a local server; and, on every write, the reason header with the
// 422 of a malformed one.
func addAccessResponses(doc map[string]any) {
	paths, _ := doc["paths"].(map[string]any)
	for _, item := range paths {
		for method, op := range item.(map[string]any) {
			o, ok := op.(map[string]any)
			if !ok {
				continue
			}
			resp, ok := o["responses"].(map[string]any)
			if !ok {
				continue
			}
			add := map[string]string{"401": "Unauthorized", "403": "Forbidden"}
			if method != "get" && method != "head" {
				add["422"] = "Invalid"
				params, _ := o["parameters"].([]any)
				o["parameters"] = append(params, map[string]any{"$ref": "#/components/parameters/Reason"})
			}
			for status, name := range add {
				if _, ok := resp[status]; !ok {
					resp[status] = map[string]any{"$ref": "#/components/responses/" + name}
				}
			}
		}
	}
}
