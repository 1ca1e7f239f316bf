package api

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

func ptr(v float64) *float64 { return &v }

// TestFoundingExample enters the example claimdesk was made for through
// the API: Bogdanov said "a few dozen" Russians fight with Islamic State
// in Syria and Iraq; The Independent said "about 800" in Syria alone. The
// claims carry only their quantity text; the store reads the intervals.
func TestFoundingExample(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		var topic claims.Topic
		e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: `{"title":"Russian nationals fighting with Islamic State","measure":"people fighting with IS","additive":true}`}, 201, &topic)
		var ria, indy claims.Source
		e.doJSON(t, request{method: "POST", path: "/api/v1/sources", body: `{"name":"RIA Novosti","kind":"agency","language":"ru"}`}, 201, &ria)
		e.doJSON(t, request{method: "POST", path: "/api/v1/sources", body: `{"name":"The Independent","kind":"news","language":"en","url":"https://www.independent.co.uk/"}`}, 201, &indy)
		var bogdanov, paper claims.Claimant
		e.doJSON(t, request{method: "POST", path: "/api/v1/claimants", body: `{"name":"Mikhail Bogdanov","role":"Deputy Foreign Minister","affiliation":"Russian Ministry of Foreign Affairs"}`}, 201, &bogdanov)
		e.doJSON(t, request{method: "POST", path: "/api/v1/claimants", body: `{"name":"The Independent","kind":"organisation"}`}, 201, &paper)

		var unread []string
		for _, tc := range []struct {
			text, claimant, source, places string
			low, high                      float64 // fixed by the project
		}{
			{"a few dozen", bogdanov.ID, ria.ID, `["Syria","Iraq"]`, 24, 60},
			{"about 800", paper.ID, indy.ID, `["Syria"]`, 720, 880},
		} {
			body := `{"topic_id":"` + topic.ID + `","claimant_id":"` + tc.claimant + `","quantity_text":"` + tc.text +
				`","scope":{"places":` + tc.places + `,"population":"Russian nationals","group":"Islamic State"},"provenance":{"source_id":"` + tc.source + `"}}`
			var r reading
			if rec := e.do(t, request{method: "POST", path: "/api/v1/parse", body: `{"text":"` + tc.text + `"}`}); rec.Code != 200 {
				// The parser cannot read it (yet): then neither can a claim
				// be stored with only that text.
				unread = append(unread, tc.text)
				rec = e.do(t, request{method: "POST", path: "/api/v1/claims", body: body})
				if p := decodeProblem(t, rec); rec.Code != 422 || !slices.Equal(problemFields(p), []string{"quantity_text"}) {
					t.Errorf("claim of unreadable %q = %d %s, want 422 naming quantity_text", tc.text, rec.Code, rec.Body)
				}
				continue
			} else if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			if r.Low == nil || r.High == nil || *r.Low != tc.low || *r.High != tc.high {
				t.Errorf("POST /api/v1/parse %q = %v..%v, want %g..%g", tc.text, deref(r.Low), deref(r.High), tc.low, tc.high)
			}

			var created, got claims.Claim
			e.doJSON(t, request{method: "POST", path: "/api/v1/claims", body: body}, 201, &created)
			e.doJSON(t, request{method: "GET", path: "/api/v1/claims/" + created.ID}, 200, &got)
			if diff := cmp.Diff(got, created); diff != "" {
				t.Errorf("GET after POST (-got +want):\n%s", diff)
			}
			want := &claims.Interval{Low: r.Low, High: r.High, Best: r.Best, Approx: r.Approx, Kind: r.Kind, Rule: r.Rule, Explanation: r.Explanation}
			if diff := cmp.Diff(got.Parsed, want); diff != "" {
				t.Errorf("%q: parsed_interval differs from POST /parse (-got +want):\n%s", tc.text, diff)
			}
			if diff := cmp.Diff(got.Interval, want); diff != "" || got.IntervalSource != claims.FromParser || got.ParserVersion == "" {
				t.Errorf("%q: interval in force = %+v from %q (parser %q), want the parsed one", tc.text, got.Interval, got.IntervalSource, got.ParserVersion)
			}
		}
		if len(unread) > 0 {
			t.Fatalf("the quantity parser does not read %q; the intervals 24..60 and 720..880 cannot be checked", unread)
		}

		var page claims.Page[*claims.Claim]
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims?topic_id=" + topic.ID + "&sort=high"}, 200, &page)
		if len(page.Items) != 2 || page.Items[0].QuantityText != "a few dozen" || page.Items[1].QuantityText != "about 800" {
			t.Errorf("the topic's claims by high bound = %+v, want a few dozen then about 800", page.Items)
		}
	})
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestAnalystInterval overrides a parsed interval and removes the override.
func TestAnalystInterval(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	seed(t, e)
	var c claims.Claim
	e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/cl-indy", headers: map[string]string{"If-Match": `"1"`},
		body: `{"analyst_interval":{"low":700,"high":900,"best":800,"approx":true}}`}, 200, &c)
	analyst := &claims.Interval{Low: ptr(700), High: ptr(900), Best: ptr(800), Approx: true}
	if diff := cmp.Diff(c.Interval, analyst); diff != "" || c.IntervalSource != claims.FromAnalyst {
		t.Errorf("interval in force after an override from %q (-got +want):\n%s", c.IntervalSource, diff)
	}
	if c.Parsed == nil || *c.Parsed.Low != 800 {
		t.Errorf("parsed_interval after an override = %+v, want the parser's 800 kept", c.Parsed)
	}

	// Re-wording the quantity re-parses it, and the analyst's interval
	// stays in force.
	// The parser's reading is the server's: a patch cannot set it.
	prob := decodeProblem(t, e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/cl-indy", headers: map[string]string{"If-Match": `"2"`},
		body: `{"quantity_text":"750","parsed_interval":{"low":1}}`}, 422, nil))
	if fields := problemFields(prob); len(fields) != 1 || fields[0] != "parsed_interval" {
		t.Errorf("a patch setting parsed_interval: fields %v, want parsed_interval", fields)
	}
	e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/cl-indy", headers: map[string]string{"If-Match": `"2"`},
		body: `{"quantity_text":"750"}`}, 200, &c)
	if c.Parsed == nil || *c.Parsed.Low != 750 || c.IntervalSource != claims.FromAnalyst {
		t.Errorf("after re-wording: parsed %+v, source %q; want 750 parsed and the analyst's in force", c.Parsed, c.IntervalSource)
	}

	// Null removes the override (RFC 7396).
	e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/cl-indy", headers: map[string]string{"If-Match": `"3"`},
		body: `{"analyst_interval":null}`}, 200, &c)
	if c.AnalystInterval != nil || c.IntervalSource != claims.FromParser || c.Interval == nil || *c.Interval.Low != 750 {
		t.Errorf("after removing the override: %+v from %q, want the parsed 750", c.Interval, c.IntervalSource)
	}

	// A claimant who declined to quantify has no interval.
	e.doJSON(t, request{method: "POST", path: "/api/v1/claims", body: `{"topic_id":"t-ru","claimant_id":"c-indy","no_number":true,"quote":"we do not count","provenance":{"source_id":"s-indy"}}`}, 201, &c)
	if c.Interval != nil || c.IntervalSource != claims.FromNone {
		t.Errorf("no_number claim: interval %+v from %q, want none", c.Interval, c.IntervalSource)
	}
}

func TestParse(t *testing.T) {
	e := newEnv(t, failingStore{}, nil) // parsing needs no store
	p := quantity.New()
	want := func(text string) reading {
		q, err := p.Parse(text)
		if err != nil {
			t.Fatalf("quantity: parse %q: %v", text, err)
		}
		return q
	}
	var got reading
	e.doJSON(t, request{method: "POST", path: "/api/v1/parse", body: `{"text":"1,500"}`}, 200, &got)
	if diff := cmp.Diff(got, want("1,500")); diff != "" {
		t.Errorf("POST /parse 1,500 (-got +want):\n%s", diff)
	}
	if got.Low == nil || *got.Low != 1500 || got.Kind != "exact" {
		t.Errorf("POST /parse 1,500 = %+v, want exactly 1500", got)
	}

	var batch struct {
		Results []map[string]any `json:"results"`
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/parse", body: `{"texts":["800","nobody knows",""]}`}, 200, &batch)
	if len(batch.Results) != 3 {
		t.Fatalf("batch of 3 = %d results", len(batch.Results))
	}
	if batch.Results[0]["low"] != 800.0 || batch.Results[0]["error"] != nil {
		t.Errorf("results[0] = %v, want a reading of 800", batch.Results[0])
	}
	for _, i := range []int{1, 2} {
		if batch.Results[i]["error"] == "" || batch.Results[i]["error"] == nil || batch.Results[i]["low"] != nil {
			t.Errorf("results[%d] = %v, want {text, error}", i, batch.Results[i])
		}
	}
}
