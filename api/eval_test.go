package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// evalFile is the hand-labelled evaluation set of the conflict verdicts.
const evalFile = "../claims/xref/testdata/eval.json"

type evalClaim struct {
	Claimant     string   `json:"claimant"`
	QuantityText string   `json:"quantity_text"`
	Places       []string `json:"places"`
	Population   string   `json:"population"`
	Group        string   `json:"group"`
	Measure      string   `json:"measure"`
	Basis        string   `json:"basis"`
	AsOf         string   `json:"as_of"`
	Since        string   `json:"since"`
	SaidOn       string   `json:"said_on"`
	Unit         string   `json:"unit"`
	SourceURL    string   `json:"source_url"`
}

type evalGroup struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Conflict bool   `json:"conflict"`
	Reason   string `json:"reason"`
	SetAside bool   `json:"set_aside"`
	Topic    struct {
		Unit        string `json:"unit"`
		Additive    *bool  `json:"additive"`
		Populations []struct {
			Name    string `json:"name"`
			Broader string `json:"broader,omitempty"`
		} `json:"populations"`
	} `json:"topic"`
	Claims []evalClaim `json:"claims"`
}

// score counts the verdicts of a set of groups against their labels.
type score struct{ tp, fp, tn, fn int }

func (s score) n() int { return s.tp + s.fp + s.tn + s.fn }

func (s score) accuracy() float64 { return ratio(s.tp+s.tn, s.n()) }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }

func (s score) recall() float64 { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s score) String() string {
	return fmt.Sprintf("%d groups: accuracy %.2f, precision %.2f, recall %.2f (tp %d, fp %d, tn %d, fn %d)",
		s.n(), s.accuracy(), s.precision(), s.recall(), s.tp, s.fp, s.tn, s.fn)
}

// TestEvaluation enters every group of the evaluation set through the
// API as an analyst would (the quantity text as published, the scope the
// article gives, no interval typed in), reads the topic's listed
// conflicts and scores the conflict flag against the hand labels, for
// the groups tuned on and for the third set aside, separately. It fails
// when a figure falls below its floor: the floors are the figures
// measured when the engine's rules were written, so a change that makes
// the verdicts worse is caught.
func TestEvaluation(t *testing.T) {
	data, err := os.ReadFile(evalFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Groups []evalGroup `json:"groups"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", evalFile, err)
	}
	if len(doc.Groups) < 40 {
		t.Fatalf("%s holds %d groups, want at least 40", evalFile, len(doc.Groups))
	}
	e := newEnv(t, storetest.SQLite(t), nil)
	post := func(path string, body any) {
		t.Helper()
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		e.doJSON(t, request{method: "POST", path: path, body: string(b)}, http.StatusCreated, nil)
	}
	sources := map[string]string{}
	var tuned, aside score
	for gi, g := range doc.Groups {
		topicID := fmt.Sprintf("eval-%d", gi)
		topic := map[string]any{"id": topicID, "title": g.Question, "additive": true, "populations": g.Topic.Populations}
		if g.Topic.Additive != nil {
			topic["additive"] = *g.Topic.Additive
		}
		if g.Topic.Unit != "" {
			topic["unit"] = g.Topic.Unit
		}
		post("/api/v1/topics", topic)
		claimants := map[string]string{}
		for ci, c := range g.Claims {
			src, ok := sources[c.SourceURL]
			if !ok {
				src = fmt.Sprintf("src-%d", len(sources))
				sources[c.SourceURL] = src
				post("/api/v1/sources", map[string]any{"id": src, "name": c.SourceURL, "kind": "news", "url": c.SourceURL})
			}
			// One body named twice in a group (a revision) is one
			// claimant, as an analyst would pick the existing record.
			claimant, ok := claimants[c.Claimant]
			if !ok {
				claimant = fmt.Sprintf("%s-who-%d", topicID, ci)
				claimants[c.Claimant] = claimant
				post("/api/v1/claimants", map[string]any{"id": claimant, "name": c.Claimant})
			}
			claim := map[string]any{
				"id": fmt.Sprintf("%s-c%d", topicID, ci), "topic_id": topicID, "claimant_id": claimant,
				"quantity_text": c.QuantityText, "as_of": c.AsOf, "since": c.Since, "said_on": c.SaidOn,
				"scope":      map[string]any{"places": c.Places, "population": c.Population, "group": c.Group, "measure": c.Measure},
				"provenance": map[string]any{"source_id": src, "url": c.SourceURL},
			}
			if c.Basis != "" {
				claim["basis"] = c.Basis
			}
			if c.Unit != "" {
				claim["unit"] = c.Unit
			}
			post("/api/v1/claims", claim)
		}
		var page struct {
			Items []struct {
				Kind        xref.Kind `json:"kind"`
				Explanation string    `json:"explanation"`
			} `json:"items"`
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?topic_id=" + topicID}, http.StatusOK, &page)
		flagged, why := false, ""
		for _, it := range page.Items {
			if it.Kind == xref.Conflicts || it.Kind == xref.Contradicts {
				flagged, why = true, it.Explanation
				break
			}
		}
		s := &tuned
		if g.SetAside {
			s = &aside
		}
		switch {
		case flagged && g.Conflict:
			s.tp++
		case flagged:
			s.fp++
			t.Logf("false alarm %s (%s): %s", g.ID, setName(g.SetAside), why)
		case g.Conflict:
			s.fn++
			t.Logf("missed %s (%s): %s", g.ID, setName(g.SetAside), g.Reason)
		default:
			s.tn++
		}
	}
	t.Logf("tuned: %s", tuned)
	t.Logf("set aside: %s", aside)
	all := score{tuned.tp + aside.tp, tuned.fp + aside.fp, tuned.tn + aside.tn, tuned.fn + aside.fn}
	t.Logf("all: %s", all)
	for _, f := range []struct {
		name  string
		got   float64
		floor float64
	}{
		{"set-aside accuracy", aside.accuracy(), evalFloorAccuracy},
		{"set-aside precision", aside.precision(), evalFloorPrecision},
		{"all accuracy", all.accuracy(), evalFloorAccuracy},
		{"all precision", all.precision(), evalFloorPrecision},
		{"all recall", all.recall(), evalFloorRecall},
	} {
		if f.got < f.floor {
			t.Errorf("%s %.2f is below its floor %.2f", f.name, f.got, f.floor)
		}
	}
}

func setName(aside bool) string {
	if aside {
		return "set aside"
	}
	return "tuned"
}

// The floors of TestEvaluation.
const (
	evalFloorAccuracy  = 0.9
	evalFloorPrecision = 0.9
	evalFloorRecall    = 0.8
)
