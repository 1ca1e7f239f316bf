package api

import (
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// A record's ETag is its version in quotes ("3"), which every write
// raises. A claim's is "3.5f0c91e2": what GET returns of a claim also
// changes without a new version, when `claimdesk reparse` finds that a
// new parser version reads its quantity exactly as before and only
// restamps its parser_version, and when a release changes the members a
// claim is written with. The hash after the dot covers both: the stored
// parser version, and the shape of a claim in this build (its schema in
// the OpenAPI document), hashed once. If-Match compares the version
// alone, so a client holding either form of a claim's tag, or a tag from
// before a restamp, may still write at that version.

// etag returns the strong entity tag of a record version.
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// claimShape is the hash of the Claim schema this build writes claims
// by, computed once: the part of every claim's tag that no claim changes.
// FNV-1a is stable across processes and replicas, unlike maphash.
var claimShape = sync.OnceValue(func() []byte {
	b, err := json.Marshal(claimSchemas(reflect.TypeFor[claims.Claim]())["Claim"])
	if err != nil {
		panic("api: the Claim schema: " + err.Error())
	}
	h := fnv.New64a()
	h.Write(b)
	return h.Sum(nil)
})

// claimTagHash is the length of the hash in a claim's tag, in hex digits.
const claimTagHash = 8

// claimETag returns the strong entity tag of a claim as GET returns it:
// "<version>.<hash of the claim's shape and parser version>".
func claimETag(c *claims.Claim) string {
	h := fnv.New32a()
	h.Write(claimShape())
	h.Write([]byte(c.ParserVersion))
	b := make([]byte, 0, 24)
	b = append(b, '"')
	b = strconv.AppendInt(b, int64(c.Version), 10)
	b = append(b, '.')
	b = hex.AppendEncode(b, h.Sum(nil))
	return string(append(b, '"'))
}

// changeETag returns the tag of the record a history line (of a restore
// or an undelete) leaves current: a claim's from the claim it stores.
func changeETag(line *claims.Change) string {
	if line.Kind != "claim" || len(line.After) == 0 {
		return etag(line.Version)
	}
	var after struct {
		ParserVersion string `json:"parser_version"`
	}
	if json.Unmarshal(line.After, &after) != nil {
		return etag(line.Version)
	}
	return claimETag(&claims.Claim{Meta: claims.Meta{Version: line.Version}, ParserVersion: after.ParserVersion})
}

// anyVersion is what If-Match: * asks for: whatever is stored.
const anyVersion = 0

// ifMatchHeader names the header in the problems of a malformed one.
const ifMatchHeader = "If-Match"

// ifMatch returns the version the If-Match header names, or anyVersion for
// "*". A missing header is 428: updates without it could overwrite a
// colleague's change unseen. The header is one tag as the server sends
// it: a bare version ("3"), or a claim's version and hash ("3.5f0c91e2"),
// of which only the version is compared.
func ifMatch(c *gin.Context) (int, error) {
	v := strings.TrimSpace(c.GetHeader("If-Match"))
	if v == "" {
		return 0, claims.Errorf(codePreconditionRequired,
			"If-Match is required: GET the record, and send its ETag header (such as \"3\") as If-Match, or * to overwrite whatever is stored")
	}
	if v == "*" {
		return anyVersion, nil
	}
	if n, ok := parseTag(v); ok {
		return n, nil
	}
	const detail = "must be one ETag as the server sent it, such as \"3\" or, for a claim, \"3.5f0c91e2\" (the version before the dot is what is compared), or *"
	return 0, &claims.Error{Code: claims.CodeMalformed, Message: "malformed If-Match header: " + strconv.Quote(v) + " " + detail,
		Fields: []claims.FieldError{{Field: ifMatchHeader, Detail: detail}}}
}

// parseTag returns the version of a strong tag "N" or "N.hash", N a
// version from 1 and hash claimTagHash lower-case hex digits.
func parseTag(v string) (int, bool) {
	if len(v) < 3 || v[0] != '"' || v[len(v)-1] != '"' {
		return 0, false
	}
	num, hash, dotted := strings.Cut(v[1:len(v)-1], ".")
	if dotted && (len(hash) != claimTagHash || strings.Trim(hash, "0123456789abcdef") != "") {
		return 0, false
	}
	if num == "" || strings.Trim(num, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}
