package article_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

var updateGolden = flag.Bool("golden.update", false, "rewrite testdata/golden.jsonl from the extractor's output")

// goldenText is every text the package's tests read, one after another:
// the founding article, the Russian report and the corpus passages but the
// set-aside ones.
func goldenText(t testing.TB) string {
	t.Helper()
	var parts []string
	for _, name := range []string{"testdata/seed_en.txt", "testdata/ru_report.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, string(b))
	}
	for _, p := range loadCorpus(t) {
		if !p.Holdout { // a diff of the golden file must not show the set-aside
			parts = append(parts, p.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

// TestGolden holds the extractor to the output recorded in
// testdata/golden.jsonl, one candidate a line as encoding/json writes it.
// Changes made for speed must leave it byte for byte as it is; a change
// meant to alter the output rewrites it with -golden.update, and the diff
// of the file shows what changed.
func TestGolden(t *testing.T) {
	t.Parallel()
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	for _, c := range article.New(nil, nil).Extract(goldenText(t)) {
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
	}
	if *updateGolden {
		if err := os.WriteFile("testdata/golden.jsonl", got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(want, []byte("\n")) < 150 {
		t.Fatalf("golden.jsonl holds %d candidates, want at least 150", bytes.Count(want, []byte("\n")))
	}
	g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("line %d differs from testdata/golden.jsonl:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
}
