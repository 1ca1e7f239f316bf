package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestQueryTextWithNULIsRejected: a NUL character, which PostgreSQL's text
// cannot hold (it answered 500), is a 422 naming the parameter, on both
// databases alike.
func TestQueryTextWithNULIsRejected(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		for _, text := range []string{"war\x00", "\x00", "Богданов\x00а"} {
			for _, c := range []struct{ path, field string }{
				{"/api/v1/search?q=%s", "q"},
				{"/api/v1/claims?q=%s", "q"},
				{"/api/v1/claims?q=war&tag=%s", "tag"},
			} {
				p := fmt.Sprintf(c.path, url.QueryEscape(text))
				rec := e.do(t, request{method: http.MethodGet, path: p})
				if body := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"`+c.field+`"`) || !strings.Contains(body, "NUL") {
					t.Errorf("%s: %d %s, want a 422 naming %s and the NUL", p, rec.Code, body, c.field)
				}
			}
		}
	})
}
