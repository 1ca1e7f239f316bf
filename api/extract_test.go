package api

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestExtractCandidates checks the claim-candidate fields of POST
// /api/v1/extract on a short Russian report: the claimant resolved from a
// pronoun to the full name given before, the outlet, the counted thing,
// the places, the sentence span and a time left out as not a claim.
func TestExtractCandidates(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	text := "Директор ФСБ Александр Бортников выступил в Москве в 18.30.\n" +
		"По его словам, которые передает «Интерфакс», в Ираке воюют около 1,7 тысячи российских граждан."
	var got struct {
		Items []struct {
			Text     string
			Claimant *struct{ Name, Role, Kind string }
			Outlet   string
			Counted  string
			Places   []string
			Sentence struct {
				Text               string
				Start, End, Offset int
			}
			LikelyClaim bool `json:"likely_claim"`
			Reason      string
			Start, End  int
		}
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{"text":` + strconv.Quote(text) + `}`}, 200, &got)
	if len(got.Items) != 2 {
		t.Fatalf("got %d items, want the time and the count: %+v", len(got.Items), got.Items)
	}
	tm, c := got.Items[0], got.Items[1]
	if tm.LikelyClaim || tm.Reason == "" {
		t.Errorf("%q: likely_claim %v (%q), want false with a reason", tm.Text, tm.LikelyClaim, tm.Reason)
	}
	if !c.LikelyClaim || c.Reason != "" {
		t.Errorf("%q: likely_claim %v %q", c.Text, c.LikelyClaim, c.Reason)
	}
	if c.Claimant == nil || c.Claimant.Name != "Александр Бортников" || c.Claimant.Role != "Директор ФСБ" || c.Claimant.Kind != "person" {
		t.Errorf("claimant = %+v, want Александр Бортников, Директор ФСБ, person", c.Claimant)
	}
	if c.Outlet != "Интерфакс" {
		t.Errorf("outlet = %q, want Интерфакс", c.Outlet)
	}
	if c.Counted != "российских граждан" {
		t.Errorf("counted = %q, want российских граждан", c.Counted)
	}
	if len(c.Places) != 1 || c.Places[0] != "Iraq" {
		t.Errorf("places = %v, want [Iraq]", c.Places)
	}
	s := c.Sentence
	if s.Text[s.Start:s.End] != c.Text || text[s.Offset:s.Offset+len(s.Text)] != s.Text || text[c.Start:c.End] != c.Text {
		t.Errorf("spans disagree: sentence %+v, item %d-%d %q", s, c.Start, c.End, c.Text)
	}
}

// TestExtractRefusals checks that POST /api/v1/extract lists what it cannot
// read right, a source's typo, with its span, sentence and reason, and
// offers no candidate for it.
func TestExtractRefusals(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	text := "Police counted 12,000 people.\nМВД насчитало 150,00 человек на площади."
	var got struct {
		Items   []struct{ Text string }
		Refused []struct {
			Text       string
			Start, End int
			Sentence   struct {
				Text               string
				Start, End, Offset int
			}
			Error string
		}
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{"text":` + strconv.Quote(text) + `}`}, 200, &got)
	if len(got.Items) != 1 || got.Items[0].Text != "12,000 people" {
		t.Errorf("items %+v, want 12,000 people alone", got.Items)
	}
	if len(got.Refused) != 1 {
		t.Fatalf("refused %+v, want the typo", got.Refused)
	}
	r := got.Refused[0]
	if r.Text != "150,00 человек" || text[r.Start:r.End] != r.Text || !strings.Contains(r.Error, "a typo in the source") {
		t.Errorf("refusal %+v", r)
	}
	s := r.Sentence
	if s.Text != "МВД насчитало 150,00 человек на площади." || s.Text[s.Start:s.End] != r.Text || text[s.Offset:s.Offset+len(s.Text)] != s.Text {
		t.Errorf("refusal sentence %+v", s)
	}
	var none struct{ Items, Refused []any }
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{"text":"no figures here"}`}, 200, &none)
	if none.Items == nil || none.Refused == nil || len(none.Refused) != 0 {
		t.Errorf("no figures: %+v, want empty lists", none)
	}
}

// TestExtractForTopic checks what POST /api/v1/extract adds for a topic:
// each candidate's population and group, suggested from the topic's tree
// (the founding article's "Russians fighting alongside Islamic State" is
// the demo's "Russian nationals" with "Islamic State"), the unit to store
// its claim with (none, the topic's, for "fighters"; "USD" for "$5
// million") and a note on a figure that unit keeps from the topic's
// comparison. Without topic_id the answer is as before; an unknown topic
// is a 422 naming topic_id.
func TestExtractForTopic(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: `{"id":"t-ru","title":"Russian nationals fighting with the Islamic State","unit":"people","additive":true,
		"populations":[{"name":"Russian nationals"},{"name":"Russian nationals from the Caucasus","broader":"Russian nationals"},
		{"name":"any militant group"},{"name":"Islamic State and other groups","broader":"any militant group"},
		{"name":"Islamic State","broader":"Islamic State and other groups"}]}`}, 201, nil)
	text := `But when asked approximately how many Russians were fighting alongside the Islamic State, Bogdanov said: "I think we're talking about a few dozen."` +
		"\n\nRamzan Kadyrov said that about 500 Russian fighters had joined the Islamic State." +
		"\n\nThe group took $5 million in ransoms, Bogdanov said."
	type item struct {
		Text  string
		Scope *struct {
			Population *string
			Group      *string
		}
		Unit      string
		ClaimUnit *string `json:"claim_unit"`
		UnitNote  *string `json:"unit_note"`
	}
	var got struct{ Items []item }
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{"topic_id":"t-ru","text":` + strconv.Quote(text) + `}`}, 200, &got)
	if len(got.Items) != 3 {
		t.Fatalf("items %+v, want a few dozen, about 500 Russian fighters and $5 million", got.Items)
	}
	few, fighters, usd := got.Items[0], got.Items[1], got.Items[2]
	claimUnit := func(it item) string {
		if it.ClaimUnit == nil {
			return "(absent)"
		}
		return *it.ClaimUnit
	}
	if few.Text != "a few dozen" || few.Scope == nil || few.Scope.Population == nil || *few.Scope.Population != "Russian nationals" ||
		few.Scope.Group == nil || *few.Scope.Group != "Islamic State" || few.UnitNote != nil {
		t.Errorf("a few dozen: %q, scope %+v, unit note %v; want Russian nationals, Islamic State and no note", few.Text, few.Scope, few.UnitNote)
	}
	if claimUnit(few) != "" {
		t.Errorf("a few dozen: claim unit %q, want none", claimUnit(few))
	}
	// A counted word is what the topic counts, in its unit: no note.
	if fighters.Text != "about 500 Russian fighters" || fighters.Unit != "fighters" || claimUnit(fighters) != "" || fighters.UnitNote != nil {
		t.Errorf("%q: unit %q, claim unit %q, unit note %v; want fighters, none and no note", fighters.Text, fighters.Unit, claimUnit(fighters), fighters.UnitNote)
	}
	if claimUnit(usd) != "USD" {
		t.Errorf("$5 million: claim unit %q, want USD", claimUnit(usd))
	}
	if usd.Text != "$5 million" || usd.Scope == nil || usd.Scope.Population == nil || *usd.Scope.Population != "" || usd.Scope.Group == nil || *usd.Scope.Group != "" {
		t.Errorf("$5 million: %q, scope %+v; want empty population and group", usd.Text, usd.Scope)
	}
	if want := "The topic counts people; this figure is in \"USD\", so it will not be compared with the topic's figures in people."; usd.UnitNote == nil || *usd.UnitNote != want {
		t.Errorf("$5 million: unit note %v, want %q", usd.UnitNote, want)
	}

	// A word that counts no people keeps its unit, and the card says so.
	var more struct{ Items []item }
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{"topic_id":"t-ru","text":"Kadyrov said that a convoy of 40 vehicles had crossed the border."}`}, 200, &more)
	if len(more.Items) != 1 || more.Items[0].Text != "40 vehicles" || claimUnit(more.Items[0]) != "vehicles" || more.Items[0].UnitNote == nil ||
		*more.Items[0].UnitNote != "The topic counts people; this figure is in \"vehicles\", so it will not be compared with the topic's figures in people." {
		t.Errorf("40 vehicles: %+v, want claim unit vehicles and its note", more.Items)
	}

	// Without a topic, none of the three members.
	rec := e.do(t, request{method: "POST", path: "/api/v1/extract", body: `{"text":` + strconv.Quote(text) + `}`})
	if b := rec.Body.String(); rec.Code != 200 || strings.Contains(b, `"scope"`) || strings.Contains(b, `"claim_unit"`) || strings.Contains(b, `"unit_note"`) {
		t.Errorf("without topic_id: %d %s, want no scope, claim_unit or unit_note", rec.Code, rec.Body)
	}

	rec = e.do(t, request{method: "POST", path: "/api/v1/extract", body: `{"topic_id":"t-nope","text":"about 800"}`})
	p := decodeProblem(t, rec)
	want := []fieldProblem{{Field: "topic_id", Pointer: "/topic_id", Detail: `no topic with ID "t-nope"`}}
	if rec.Code != 422 || p.Code != claims.CodeInvalid || !cmp.Equal(p.Errors, want) {
		t.Errorf("unknown topic: %d %s %+v, want 422 invalid with %+v", rec.Code, p.Code, p.Errors, want)
	}
}
