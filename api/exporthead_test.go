package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestExportHeadSmallExport (review of conflictsscreen): the export of
// a topic with no claim is under compress's 1 KB, so its GET is sent
// plain even to a client that accepts gzip; its HEAD must then not say
// Content-Encoding: gzip (RFC 9110 9.3.2: the same header fields as the
// GET, or none where they are known only while making the body). The
// HEAD omits Content-Encoding, so it agrees with every GET; this asserts
// the premise (the GET is plain) and the agreement.
func TestExportHeadSmallExport(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		if err := s.CreateTopic(context.Background(), &claims.Topic{Meta: claims.Meta{ID: "empty"}, Title: "An empty topic", Unit: "people"}); err != nil {
			t.Fatal(err)
		}
		h := NewHandler(Options{Store: s})
		for _, format := range []string{"json", "ndjson", "csv"} {
			answer := func(method string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(method, "/api/v1/export?topic_id=empty&format="+format, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					t.Fatalf("%s %s: %d %s", method, format, rec.Code, rec.Body)
				}
				return rec
			}
			get, head := answer(http.MethodGet), answer(http.MethodHead)
			if g := get.Header().Get("Content-Encoding"); g != "" {
				t.Fatalf("GET %s of an empty topic (%d bytes): Content-Encoding %q: the premise (under 1 KB, sent plain) is broken", format, get.Body.Len(), g)
			}
			if g, hd := get.Header().Get("Content-Encoding"), head.Header().Get("Content-Encoding"); g != hd {
				t.Errorf("%s of an empty topic (%d bytes): GET's Content-Encoding %q, HEAD's %q", format, get.Body.Len(), g, hd)
			}
		}
	})
}
