package frontend_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestServerWritesFactorsAsTheBadge runs the web app's own factor (the
// badge beside every conflict, frontend/js/format.js) in the browser over
// the edges of each band, the halves JavaScript rounds up and Go's
// strconv to even, and a sweep of random factors from 1 to past
// MaxSeverity, and checks that xref.Factor, which the server's
// explanations and tolerances are written with, gives each the same text.
func TestServerWritesFactorsAsTheBadge(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, false).URL
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the app", `document.readyState === 'complete'`)

	vs := []float64{0, 0.5, 1, 1.004, 1.005, 1.0051, 1.125, 1.155, 1.375, 1.995, 2, 2.675, 9.995, 9.999, 10, 10.25, 10.75,
		25.5, 99.94, 99.95, 99.96, 100, 100.5, 999.5, 1000, 32800, 32813.4, 536870912, 999999999, 999999999.5, xref.MaxSeverity}
	rng := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		vs = append(vs, math.Pow(10, rng.Float64()*9.2)) // 1 to about 1.6e9
	}
	for range 500 {
		vs = append(vs, float64(rng.IntN(8000)+1)/8, float64(rng.IntN(400)+40)/4) // exact halves at two and one decimals
	}
	arg, err := json.Marshal(vs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(s.ctx, chromedp.Evaluate[[]string](`(async () => {
		const { factor } = await import('/js/format.js');
		return `+string(arg)+`.map(factor);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(vs) {
		t.Fatalf("the browser gave %d factors for %d numbers", len(got), len(vs))
	}
	bad := 0
	for i, v := range vs {
		if want := got[i]; xref.Factor(v) != want {
			if bad++; bad <= 10 {
				t.Errorf("xref.Factor(%v) = %q, the badge shows %q", v, xref.Factor(v), want)
			}
		}
	}
}
