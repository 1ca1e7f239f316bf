package xref

import (
	"cmp"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
)

// Series is one claimant's figures for one scope (places, measure and
// unit) in time order: FSB 1,700, then 2,400, then 2,900.
type Series struct {
	ClaimantID   string         `json:"claimant_id"`
	ClaimantName string         `json:"claimant_name"`
	Places       []string       `json:"places"`
	Measure      claims.Measure `json:"measure"`
	Entries      []SeriesEntry  `json:"entries"`
	// FlowFell is set when a cumulative figure falls below an earlier one.
	FlowFell bool `json:"flow_fell"`
}

// SeriesEntry is one figure of a series. Superseded figures are kept.
type SeriesEntry struct {
	ClaimID      string      `json:"claim_id"`
	RefDate      claims.Date `json:"ref_date"`
	QuantityText string      `json:"quantity_text"`
	Range
	// SupersededBy is the next figure with a strictly later date.
	SupersededBy string `json:"superseded_by,omitempty"`
	// FlowFell is set on a cumulative figure below an earlier one.
	FlowFell bool `json:"flow_fell"`
}

// SeriesOf groups the claims into revision series (see Series); only
// series of two figures or more are returned.
func SeriesOf(cs []ClaimView, ctx *Context) []Series {
	facts := make([]fact, len(cs))
	for k := range cs {
		facts[k] = ctx.fact(cs[k])
	}
	return seriesOf(facts)
}

func seriesOf(facts []fact) []Series {
	groups := map[string][]int{}
	var keys []string
	for k := range facts {
		f := &facts[k]
		if !f.active {
			continue
		}
		key := strings.Join([]string{f.v.ClaimantID, f.set.Key(), string(f.measure), f.unit}, "\x00")
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], k)
	}
	slices.Sort(keys)
	out := []Series{}
	for _, key := range keys {
		ix := groups[key]
		if len(ix) < 2 {
			continue
		}
		slices.SortFunc(ix, func(a, b int) int {
			fa, fb := &facts[a], &facts[b]
			return cmp.Or(cmp.Compare(fa.start, fb.start), cmp.Compare(fa.end, fb.end), strings.Compare(fa.v.ID, fb.v.ID))
		})
		f0 := &facts[ix[0]]
		s := Series{ClaimantID: f0.v.ClaimantID, ClaimantName: f0.v.ClaimantName, Places: f0.set.Names, Measure: f0.measure}
		if s.Places == nil {
			s.Places = []string{}
		}
		for n, k := range ix {
			f := &facts[k]
			e := SeriesEntry{ClaimID: f.v.ID, RefDate: f.v.RefDate(), QuantityText: f.v.QuantityText, Range: rangeOf(f.lo, f.hi)}
			for _, later := range ix[n+1:] {
				if facts[later].start > f.end {
					e.SupersededBy = facts[later].v.ID
					break
				}
			}
			if f.measure == flow {
				for _, earlier := range ix[:n] {
					fe := &facts[earlier]
					if fe.end < f.start && f.hi < fe.lo && sinceCompatible(f, fe) {
						e.FlowFell, s.FlowFell = true, true
						break
					}
				}
			}
			s.Entries = append(s.Entries, e)
		}
		out = append(out, s)
	}
	return out
}
