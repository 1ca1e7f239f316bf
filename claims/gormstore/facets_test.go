package gormstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// TestClaimFacetsMatchOracle: the facets of searches and listings, with
// and without filters, on the plans a search takes (all matches, a small
// topic's looked up, a large topic's walked, other filters joined) and
// capped, equal counts made from the tables themselves in Go: the
// matches found by their quotes' words, not by the full-text index.
func TestClaimFacetsMatchOracle(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		sqlite := strings.HasSuffix(t.Name(), "sqlite")
		topics := make([]*claims.Topic, 3)
		for i := range topics {
			topics[i] = &claims.Topic{Title: fmt.Sprintf("Topic %c", 'A'+i)}
			must(t, "create topic", svc(s).CreateTopic(ctx, topics[i]))
		}
		// More claimants than a facet shows, so that the cut and the
		// order of ties count.
		claimants := make([]*claims.Claimant, 29)
		for i := range claimants {
			claimants[i] = &claims.Claimant{Name: fmt.Sprintf("Speaker %d", i)}
			must(t, "create claimant", svc(s).CreateClaimant(ctx, claimants[i]))
		}
		sources := make([]*claims.Source, 4)
		for i := range sources {
			sources[i] = &claims.Source{Name: fmt.Sprintf("Agency %d", i), Kind: claims.SourceAgency}
			must(t, "create source", svc(s).CreateSource(ctx, sources[i]))
		}
		places := []string{"Syria", "Iraq", "Турция", "Germany"}
		grades := []claims.Grade{claims.GradeFair, claims.GradeWeak, claims.GradeConfirmed}
		evidence := []claims.EvidenceType{claims.EvidenceUnknown, claims.EvidenceType("official_statement")}
		for i := range 64 {
			word := "zebra"
			if i%3 == 2 {
				word = "okapi"
			}
			topic := topics[0]
			switch {
			case i%16 == 5:
				topic = topics[2] // a small topic
			case i%2 == 1:
				topic = topics[1]
			}
			c := &claims.Claim{
				TopicID: topic.ID, ClaimantID: claimants[i%len(claimants)].ID,
				Quote:        fmt.Sprintf("Some %d fighters, a %s said", 100+i*37, word),
				QuantityText: fmt.Sprint(100 + i*37), Language: "en",
				Grade: grades[i%len(grades)], EvidenceType: evidence[(i/2)%len(evidence)],
				Provenance: claims.Provenance{SourceID: sources[i%len(sources)].ID},
			}
			if i%4 != 3 {
				c.SaidOn = claims.Date(fmt.Sprintf("%d-%02d", 2013+i%5, 1+i%12))
			}
			if i%3 != 0 {
				c.Scope.Places = []string{places[i%len(places)]}
				if i%5 == 0 {
					c.Scope.Places = append(c.Scope.Places, places[(i+1)%len(places)])
				}
			}
			if i%4 == 1 {
				c.Provenance.Relays = []claims.Relay{{SourceID: sources[(i+1)%len(sources)].ID}}
			}
			must(t, "create claim", svc(s).CreateClaim(ctx, c))
		}

		// The oracle's tables, read whole.
		var rows []struct {
			ID, TopicID, ClaimantID, Places, Grade, EvidenceType, Quote string
			RefStart                                                    *string
			RowID                                                       int64
		}
		rowid := "0"
		if sqlite {
			rowid = "rowid"
		}
		must(t, "read claims", gormstore.ScanRaw(ctx, s, &rows, `SELECT id, topic_id, claimant_id, places, grade, evidence_type, quote, ref_start, `+rowid+` AS row_id FROM claims`))
		var links []struct{ ClaimID, SourceID string }
		must(t, "read claim sources", gormstore.ScanRaw(ctx, s, &links, `SELECT claim_id, source_id FROM claim_sources`))
		var summaries []struct {
			ClaimID       string
			ConflictCount int
		}
		must(t, "read summaries", gormstore.ScanRaw(ctx, s, &summaries, `SELECT claim_id, conflict_count FROM claim_summaries`))
		var names []struct{ ID, Name string }
		must(t, "read names", gormstore.ScanRaw(ctx, s, &names, `SELECT id, title AS name FROM topics UNION ALL SELECT id, name FROM claimants UNION ALL SELECT id, name FROM sources`))
		label := map[string]string{}
		for _, n := range names {
			label[n.ID] = n.Name
		}
		sourcesOf := map[string][]string{}
		for _, l := range links {
			sourcesOf[l.ClaimID] = append(sourcesOf[l.ClaimID], l.SourceID)
		}
		conflicts := map[string]bool{}
		for _, c := range summaries {
			conflicts[c.ClaimID] = c.ConflictCount > 0
		}

		// oracle counts the claims keep selects, the newest capAt of them
		// (by rowid) when capAt > 0.
		type row = struct {
			ID, TopicID, ClaimantID, Places, Grade, EvidenceType, Quote string
			RefStart                                                    *string
			RowID                                                       int64
		}
		oracle := func(keep func(r row) bool, capAt int) claims.Facets {
			var sel []row
			for _, r := range rows {
				if keep(r) {
					sel = append(sel, r)
				}
			}
			out := claims.Facets{Counts: map[string][]claims.FacetCount{}}
			if capAt > 0 && len(sel) > capAt {
				slices.SortFunc(sel, func(a, b row) int { return int(b.RowID - a.RowID) })
				sel, out.Capped = sel[:capAt], true
			}
			out.Total = len(sel)
			counts := map[string]map[string]int{}
			add := func(facet, v string) {
				if counts[facet] == nil {
					counts[facet] = map[string]int{}
				}
				counts[facet][v]++
			}
			for _, r := range sel {
				add(claims.FacetTopic, r.TopicID)
				add(claims.FacetClaimant, r.ClaimantID)
				for _, src := range sourcesOf[r.ID] {
					add(claims.FacetSource, src)
				}
				var ps []string
				if err := json.Unmarshal([]byte(r.Places), &ps); err != nil {
					t.Fatalf("places %q: %v", r.Places, err)
				}
				for _, p := range ps {
					add(claims.FacetPlace, p)
				}
				if r.RefStart != nil {
					add(claims.FacetYear, (*r.RefStart)[:min(4, len(*r.RefStart))])
				}
				add(claims.FacetGrade, r.Grade)
				add(claims.FacetEvidenceType, r.EvidenceType)
				add(claims.FacetInConflict, fmt.Sprint(conflicts[r.ID]))
			}
			for _, name := range claims.FacetNames {
				list := []claims.FacetCount{}
				for v, n := range counts[name] {
					list = append(list, claims.FacetCount{Value: v, Count: n})
				}
				slices.SortFunc(list, func(a, b claims.FacetCount) int {
					if a.Count != b.Count {
						return b.Count - a.Count
					}
					return strings.Compare(a.Value, b.Value)
				})
				list = list[:min(len(list), claims.FacetLimit)]
				if name == claims.FacetTopic || name == claims.FacetClaimant || name == claims.FacetSource {
					for i := range list {
						list[i].Label = label[list[i].Value]
					}
				}
				out.Counts[name] = list
			}
			return out
		}
		zebra := func(r row) bool { return strings.Contains(r.Quote, "zebra") }
		all := func(row) bool { return true }
		and := func(a, b func(row) bool) func(row) bool { return func(r row) bool { return a(r) && b(r) } }
		inTopic := func(i int) func(row) bool { return func(r row) bool { return r.TopicID == topics[i].ID } }

		check := func(what string, f claims.ClaimFilter, want claims.Facets) {
			t.Helper()
			got, err := s.ClaimFacets(ctx, f)
			must(t, what, err)
			if got.Total != want.Total || got.Capped != want.Capped {
				t.Errorf("%s: total %d, capped %v; want %d, %v", what, got.Total, got.Capped, want.Total, want.Capped)
			}
			for _, name := range claims.FacetNames {
				if !slices.Equal(got.Counts[name], want.Counts[name]) {
					t.Errorf("%s: %s\n got %+v\nwant %+v", what, name, got.Counts[name], want.Counts[name])
				}
			}
		}
		// The data hold what the facets are to tell apart.
		if w := oracle(zebra, 0); len(w.Counts[claims.FacetInConflict]) != 2 || len(w.Counts[claims.FacetClaimant]) != claims.FacetLimit ||
			w.Total < 40 || len(w.Counts[claims.FacetYear]) != 5 {
			t.Fatalf("the test's claims: %+v", w)
		}

		check("a search in a large topic", claims.ClaimFilter{Query: "zebra", TopicID: topics[0].ID}, oracle(and(zebra, inTopic(0)), 0))
		check("a search in a small topic", claims.ClaimFilter{Query: "zebra", TopicID: topics[2].ID}, oracle(and(zebra, inTopic(2)), 0))
		check("a search by grade", claims.ClaimFilter{Query: "zebra", Grade: claims.GradeWeak},
			oracle(and(zebra, func(r row) bool { return r.Grade == string(claims.GradeWeak) }), 0))
		check("a search by claimant", claims.ClaimFilter{Query: "zebra", ClaimantID: claimants[7].ID},
			oracle(and(zebra, func(r row) bool { return r.ClaimantID == claimants[7].ID }), 0))
		check("a search matching nothing", claims.ClaimFilter{Query: "giraffe"}, oracle(func(row) bool { return false }, 0))
		check("a query of no words", claims.ClaimFilter{Query: "!!!"}, oracle(func(row) bool { return false }, 0))
		check("a query of no words in a topic", claims.ClaimFilter{Query: "!!!", TopicID: topics[1].ID}, oracle(func(row) bool { return false }, 0))
		// One list filter each, as the browse screen asks them: every
		// facet counted from an index (facetEach).
		hasPlace := func(p string) func(row) bool {
			return func(r row) bool {
				var ps []string
				if err := json.Unmarshal([]byte(r.Places), &ps); err != nil {
					t.Fatalf("places %q: %v", r.Places, err)
				}
				return slices.Contains(ps, p)
			}
		}
		// Each alone, and under a filter by conflict either way, where
		// every facet reads the claims in conflict
		// (claim_summaries_conflicted) and the conflict facet is the
		// filter's value.
		yes, no := true, false
		inConflict := func(want bool) func(row) bool { return func(r row) bool { return conflicts[r.ID] == want } }
		for _, c := range []struct {
			what string
			f    claims.ClaimFilter
			keep func(row) bool
		}{
			{"every claim", claims.ClaimFilter{}, all},
			{"a search", claims.ClaimFilter{Query: "zebra"}, zebra},
			{"a topic", claims.ClaimFilter{TopicID: topics[1].ID}, inTopic(1)},
			{"a claimant", claims.ClaimFilter{ClaimantID: claimants[3].ID}, func(r row) bool { return r.ClaimantID == claimants[3].ID }},
			{"a source", claims.ClaimFilter{SourceID: sources[1].ID}, func(r row) bool { return slices.Contains(sourcesOf[r.ID], sources[1].ID) }},
			{"a place", claims.ClaimFilter{Place: "Iraq"}, hasPlace("Iraq")},
			{"a place of another script", claims.ClaimFilter{Place: "Турция"}, hasPlace("Турция")},
			{"a grade", claims.ClaimFilter{Grade: claims.GradeWeak}, func(r row) bool { return r.Grade == string(claims.GradeWeak) }},
			{"an evidence type", claims.ClaimFilter{EvidenceType: evidence[1]}, func(r row) bool { return r.EvidenceType == string(evidence[1]) }},
			{"a year", claims.ClaimFilter{From: "2015", To: "2015"}, func(r row) bool { return r.RefStart != nil && strings.HasPrefix(*r.RefStart, "2015") }},
			// Nothing selected: a total of 0 and no count, the statement
			// grouping no claim at all.
			{"a place no claim names", claims.ClaimFilter{Place: "Atlantis"}, hasPlace("Atlantis")},
		} {
			check(c.what, c.f, oracle(c.keep, 0))
			for _, want := range []*bool{&yes, &no} {
				f := c.f
				f.InConflict = want
				check(fmt.Sprintf("%s, in conflict %v", c.what, *want), f, oracle(and(c.keep, inConflict(*want)), 0))
			}
		}
		check("a grade in a topic", claims.ClaimFilter{TopicID: topics[0].ID, Grade: claims.GradeFair},
			oracle(and(inTopic(0), func(r row) bool { return r.Grade == string(claims.GradeFair) }), 0))
		check("a place and a grade", claims.ClaimFilter{Place: "Syria", Grade: claims.GradeConfirmed},
			oracle(and(hasPlace("Syria"), func(r row) bool { return r.Grade == string(claims.GradeConfirmed) }), 0))
		func() {
			// On SQLite the newest 7 matches are counted; PostgreSQL
			// counts every match.
			defer gormstore.SetFacetScan(7)()
			capAt := 0
			if sqlite {
				capAt = 7
			}
			check("a capped search", claims.ClaimFilter{Query: "zebra"}, oracle(zebra, capAt))
			check("a capped search in a large topic", claims.ClaimFilter{Query: "zebra", TopicID: topics[0].ID}, oracle(and(zebra, inTopic(0)), capAt))
		}()
	})
}
