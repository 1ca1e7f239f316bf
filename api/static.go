package api

import (
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// noRoute answers what no route matched. gin cannot mount a file server at
// "/" next to /api, so the frontend is served from here: unknown /api/
// paths get a JSON 404, other GET and HEAD requests get the asset, and a
// path with no extension that names no file gets index.html, because the
// frontend uses history-API URLs such as /topics/ID/compare.
func (h *handler) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if h.assets == nil || p == "/api" || strings.HasPrefix(p, "/api/") {
		h.writeError(c, claims.Errorf(claims.CodeNotFound, "no such endpoint: %s %s", c.Request.Method, p))
		return
	}
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		c.Header("Allow", "GET, HEAD")
		h.writeError(c, claims.Errorf(codeMethodNotAllowed, "%s is not allowed here: the frontend is read with GET", c.Request.Method))
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "index.html"
	}
	info, err := fs.Stat(h.assets, name)
	switch {
	case err == nil && !info.IsDir() && name != "index.html":
		h.assetHeaders(c, name)
		http.FileServerFS(h.assets).ServeHTTP(c.Writer, c.Request)
	case name == "index.html" || path.Ext(name) == "":
		if id := claimPageID(path.Clean(p)); id != "" && h.mayRead(c) && h.claimPageLD(c, id) {
			return
		}
		h.assetHeaders(c, "index.html")
		http.ServeFileFS(c.Writer, c.Request, h.assets, "index.html")
	default:
		h.writeError(c, claims.NotFound("file", p))
	}
}

// assetHeaders lets a browser keep an asset and ask whether it changed:
// the ETag is a hash of the file's content, and no-cache means "revalidate
// before use", which net/http answers with 304 Not Modified when the
// If-None-Match matches. The ETag is weak because the same content may be
// sent gzipped or not.
func (h *handler) assetHeaders(c *gin.Context, name string) {
	c.Header("Cache-Control", "no-cache")
	if tag, ok := h.assetTags[name]; ok {
		c.Header("ETag", tag)
	}
}

// assetETags hashes every file of assets once, at start: the files are
// embedded in the binary and never change while it runs.
func assetETags(assets fs.FS) map[string]string {
	tags := map[string]string{}
	if assets == nil {
		return tags
	}
	_ = fs.WalkDir(assets, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(assets, name)
		if err != nil {
			return nil // served without a validator
		}
		sum := sha256.Sum256(b)
		tags[name] = `W/"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
		return nil
	})
	return tags
}

// methodNotAllowed answers a known path asked with the wrong method; gin
// has set the Allow header.
func (h *handler) methodNotAllowed(c *gin.Context) {
	h.writeError(c, claims.Errorf(codeMethodNotAllowed, "%s is not allowed on %s: use %s",
		c.Request.Method, c.Request.URL.Path, c.Writer.Header().Get("Allow")))
}
