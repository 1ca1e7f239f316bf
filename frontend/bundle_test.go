package frontend_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// bundle is an NDJSON import built record by record, for fixtures too
// large to write out.
type bundle struct {
	t   *testing.T
	doc bytes.Buffer
	enc *json.Encoder
}

func newBundle(t *testing.T) *bundle {
	b := &bundle{t: t}
	b.doc.WriteString(`{"type":"header","schema_version":2}` + "\n")
	b.enc = json.NewEncoder(&b.doc)
	return b
}

// put adds a record of the kind (topic, source, claimant, claim).
func (b *bundle) put(kind string, rec map[string]any) {
	b.t.Helper()
	if err := b.enc.Encode(map[string]any{"type": kind, "record": rec}); err != nil {
		b.t.Fatal(err)
	}
}

// post imports the bundle into the server at base; anything but 200 fails.
func (b *bundle) post(base string) {
	b.t.Helper()
	res, err := http.Post(base+"/api/v1/import", "application/x-ndjson", &b.doc)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.t.Fatalf("import: %s", res.Status)
	}
}
