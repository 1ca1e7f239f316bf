package gormstore

import (
	"bytes"
	"cmp"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

// conflictWalked reports whether facetsEach counts the facets of f by
// walking claims_topic_facets once (facetsByConflict): on SQLite, under a
// filter by conflict, when nothing else in f keeps the index from being
// read (facetIndexed).
func (s *Store) conflictWalked(f claims.ClaimFilter) bool {
	if s.dialect != dialectSQLite || f.InConflict == nil {
		return false
	}
	f.InConflict = nil
	return facetIndexed(f)
}

// facetsByConflict counts the facets of the claims f selects, f filtering
// by conflict (conflictWalked), in one walk of claims_topic_facets, the
// claims in conflict tested in Go rather than looked up in SQL: the IDs
// of the claims in conflict are read once from claim_summaries_conflicted,
// sorted, into one packed array (idSet: about 14 bytes a claim in
// conflict, 10 MB at a million claims), and each index entry's ID is
// searched in it. Each facet's statement instead looked up every claim in
// conflict's wide row (at a million claims, 746,285 of them: 11.6-13.2 s
// of CPU for the facets of in_conflict=true, 20.9-26.2 s for false, where
// the same facets with no filter took 2.3 s). The sources are the
// selected claims' rows of claim_sources, their claim tested the same way.
// The counts are exact; the statements are not one snapshot, as
// facetsEach's are not.
func (s *Store) facetsByConflict(db *gorm.DB, f claims.ClaimFilter) (claims.Facets, error) {
	out := claims.Facets{Counts: make(map[string][]claims.FacetCount, len(claims.FacetNames))}
	want := *f.InConflict
	rest := f
	rest.InConflict = nil

	var set idSet
	rows, err := db.Raw(`SELECT claim_id FROM claim_summaries WHERE conflict_count > 0 ORDER BY claim_id`).Rows()
	if err != nil {
		return out, translate(err, "count claims by conflict")
	}
	var id sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return out, translate(err, "count claims by conflict")
		}
		set.add(id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, translate(err, "count claims by conflict")
	}
	set.finish()
	selected := func(id []byte) bool { return set.has(id) == want }

	// One walk of the index for every facet but the source.
	counts := make(map[string]map[string]*int, len(claims.FacetNames))
	for _, name := range claims.FacetNames {
		counts[name] = map[string]*int{}
	}
	lists := map[string]*int{}
	walk := s.whereClaims(s.facetClaims(db, rest), rest).
		Select("claims.topic_id, claims.claimant_id, claims.evidence_type, claims.grade, claims.ref_start, claims.places, claims.id")
	rows, err = walk.Rows()
	if err != nil {
		return out, translate(err, "count claims by facet")
	}
	var topic, claimant, evidence, grade, places sql.RawBytes
	var refStart sql.RawBytes // nil for NULL
	for rows.Next() {
		if err := rows.Scan(&topic, &claimant, &evidence, &grade, &refStart, &places, &id); err != nil {
			rows.Close()
			return out, translate(err, "count claims by facet")
		}
		if !selected(id) {
			continue
		}
		out.Total++
		tally(counts[claims.FacetTopic], topic, 1)
		tally(counts[claims.FacetClaimant], claimant, 1)
		tally(counts[claims.FacetEvidenceType], evidence, 1)
		tally(counts[claims.FacetGrade], grade, 1)
		if refStart != nil {
			tally(counts[claims.FacetYear], firstRunes(refStart, 4), 1)
		}
		tally(lists, places, 1)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, translate(err, "count claims by facet")
	}
	// The claims' lists of places split into places, as json_each does
	// (facetEach): a list not JSON's array counts no place.
	for list, n := range lists {
		if !strings.HasPrefix(list, "[") {
			continue
		}
		var values []any
		if err := json.Unmarshal([]byte(list), &values); err != nil {
			return out, translate(fmt.Errorf("places %q: %w", list, err), "count claims by place")
		}
		for _, v := range values {
			switch v := v.(type) {
			case nil:
			case string:
				tally(counts[claims.FacetPlace], []byte(v), *n)
			default:
				tally(counts[claims.FacetPlace], fmt.Append(nil, v), *n)
			}
		}
	}

	rows, err = s.perClaimRows(db, rest, isUnfiltered(rest), "claim_sources facet_cs", "facet_cs").
		Select("facet_cs.claim_id, facet_cs.source_id").Rows()
	if err != nil {
		return out, translate(err, "count claims by source")
	}
	var source sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id, &source); err != nil {
			rows.Close()
			return out, translate(err, "count claims by source")
		}
		if selected(id) {
			tally(counts[claims.FacetSource], source, 1)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, translate(err, "count claims by source")
	}

	for _, name := range claims.FacetNames {
		var top []claims.FacetCount
		if name == claims.FacetInConflict {
			top, _ = s.conflictFacet(db, f, false, out.Total)
		} else {
			top = largest(counts[name], claims.FacetLimit)
		}
		if fs := s.facetSQL(name); fs.labelTable != "" {
			if err := s.label(db, fs, top); err != nil {
				return out, translate(err, "count claims by "+name)
			}
		}
		if top == nil {
			top = []claims.FacetCount{}
		}
		out.Counts[name] = top
	}
	return out, nil
}

// tally adds n to the count of the value v, a map's key made of v only
// when v is new.
func tally(counts map[string]*int, v []byte, n int) {
	if c := counts[string(v)]; c != nil {
		*c += n
		return
	}
	c := n
	counts[string(v)] = &c
}

// firstRunes is the first n characters of b, as SQLite's substr(b, 1, n).
func firstRunes(b []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return b[:i]
}

// largest is the limit largest counts, largest first and, of a tie, by
// value in byte order, as ORDER BY count DESC, value of SQLite's BINARY
// collation.
func largest(counts map[string]*int, limit int) []claims.FacetCount {
	list := make([]claims.FacetCount, 0, len(counts))
	for v, n := range counts {
		list = append(list, claims.FacetCount{Value: v, Count: *n})
	}
	slices.SortFunc(list, func(a, b claims.FacetCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return list[:min(len(list), limit)]
}

// idSet is a set of IDs, packed: their bytes one after the other and
// where each ends, in byte order once finished, searched by bisection.
type idSet struct {
	data []byte
	ends []uint32
}

func (s *idSet) add(id []byte) {
	s.data = append(s.data, id...)
	s.ends = append(s.ends, uint32(len(s.data)))
}

func (s *idSet) at(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.data[start:s.ends[i]]
}

// finish sorts the set if the IDs were not added in byte order (ORDER BY
// claim_id reads them in that order), so that has may bisect it.
func (s *idSet) finish() {
	for i := 1; i < len(s.ends); i++ {
		if bytes.Compare(s.at(i-1), s.at(i)) > 0 {
			ids := make([][]byte, len(s.ends))
			for j := range ids {
				ids[j] = s.at(j)
			}
			slices.SortFunc(ids, bytes.Compare)
			var sorted idSet
			for _, id := range ids {
				sorted.add(id)
			}
			*s = sorted
			return
		}
	}
}

func (s *idSet) has(id []byte) bool {
	i := sort.Search(len(s.ends), func(i int) bool { return bytes.Compare(s.at(i), id) >= 0 })
	return i < len(s.ends) && bytes.Equal(s.at(i), id)
}
