package gormstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// TestConflictFacetsClientIDs (review): the facets under a filter by
// conflict, with claim IDs a client chose (of differing length and case,
// prefixes of one another), a claim whose summary row is missing and one
// whose conflict_count is 0, equal counts made from the tables in Go.
func TestConflictFacetsClientIDs(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		topic := &claims.Topic{Title: "Fighters"}
		must(t, "create topic", svc(s).CreateTopic(ctx, topic))
		src := &claims.Source{Name: "Agency", Kind: claims.SourceAgency}
		must(t, "create source", svc(s).CreateSource(ctx, src))
		ids := []string{"a", "A", "a-", "a-1", "a-10", "a_1", "Z", "z9", "zz", "ab", "a-2", "B-1", "b", "0", "00", "0-a"}
		for i, id := range ids {
			who := &claims.Claimant{Name: fmt.Sprintf("Speaker %d", i)}
			must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
			c := &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: topic.ID, ClaimantID: who.ID,
				Quote: fmt.Sprintf("About %d fighters", []int{40, 800, 2400, 60, 5000}[i%5]), QuantityText: fmt.Sprint([]int{40, 800, 2400, 60, 5000}[i%5]),
				Language: "en", Scope: claims.Scope{Places: []string{[]string{"Iraq", "Syria"}[i%2]}},
				Grade: []claims.Grade{claims.GradeFair, claims.GradeWeak}[i%2], Provenance: claims.Provenance{SourceID: src.ID}}
			if i%3 == 0 {
				c.SaidOn = claims.Date(fmt.Sprintf("%d", 2014+i%3))
			}
			must(t, "create claim "+id, svc(s).CreateClaim(ctx, c))
		}
		must(t, "drop a summary", gormstore.Exec(ctx, s, "DELETE FROM claim_summaries WHERE claim_id = 'a-1'"))
		must(t, "zero a count", gormstore.Exec(ctx, s, "UPDATE claim_summaries SET conflict_count = 0 WHERE claim_id = 'zz'"))

		var rows []struct {
			ID, Places, Grade, EvidenceType string
			RefStart                        *string
		}
		must(t, "read claims", gormstore.ScanRaw(ctx, s, &rows, `SELECT id, places, grade, evidence_type, ref_start FROM claims`))
		var sums []struct {
			ClaimID       string
			ConflictCount int
		}
		must(t, "read summaries", gormstore.ScanRaw(ctx, s, &sums, `SELECT claim_id, conflict_count FROM claim_summaries`))
		in := map[string]bool{}
		for _, x := range sums {
			in[x.ClaimID] = x.ConflictCount > 0
		}
		if n := len(slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !in[id] })); n < 3 || n > len(ids)-2 {
			t.Fatalf("the test's claims: %d of %d in conflict", n, len(ids))
		}
		for _, want := range []bool{true, false} {
			for _, place := range []string{"", "Iraq"} {
				f := claims.ClaimFilter{InConflict: &want, Place: place}
				got, err := s.ClaimFacets(ctx, f)
				must(t, "facets", err)
				total, years, places := 0, map[string]int{}, map[string]int{}
				for _, r := range rows {
					var ps []string
					must(t, "places", json.Unmarshal([]byte(r.Places), &ps))
					if in[r.ID] != want || (place != "" && !slices.Contains(ps, place)) {
						continue
					}
					total++
					if r.RefStart != nil {
						years[(*r.RefStart)[:4]]++
					}
					for _, p := range ps {
						places[p]++
					}
				}
				if got.Total != total {
					t.Errorf("in conflict %v, place %q: total %d, want %d", want, place, got.Total, total)
				}
				for name, m := range map[string]map[string]int{claims.FacetYear: years, claims.FacetPlace: places} {
					g := map[string]int{}
					for _, c := range got.Counts[name] {
						g[c.Value] = c.Count
					}
					if fmt.Sprint(g) != fmt.Sprint(m) {
						t.Errorf("in conflict %v, place %q: %s %v, want %v", want, place, name, g, m)
					}
				}
				src := 0
				for _, c := range got.Counts[claims.FacetSource] {
					src += c.Count
				}
				if src != total {
					t.Errorf("in conflict %v, place %q: sources count %d claims, want %d", want, place, src, total)
				}
			}
		}
	})
}
