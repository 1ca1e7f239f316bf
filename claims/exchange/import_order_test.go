package exchange

import (
	"slices"
	"testing"
)

func TestCompareLocations(t *testing.T) {
	t.Parallel()
	// A file whose lists stand as json.Marshal writes a map: claims, links, sources.
	p := &planner{order: map[Kind]int{KindClaim: 0, KindLink: 1, KindSource: 2}}
	got := []string{"$.sources[66].id", "$.claims[7].topic_id", "$.links[0]", "$.claims[12]", "$.claims[3]", "$.claims[7]"}
	want := []string{"$.claims[3]", "$.claims[7]", "$.claims[7].topic_id", "$.claims[12]", "$.links[0]", "$.sources[66].id"}
	slices.SortStableFunc(got, p.compareLocations)
	if !slices.Equal(got, want) {
		t.Errorf("sorted JSON locations = %q, want %q", got, want)
	}
	lines := []string{"line 57", "line 3", "line 120: topic_id", "line 12"}
	slices.SortStableFunc(lines, p.compareLocations)
	if want := []string{"line 3", "line 12", "line 57", "line 120: topic_id"}; !slices.Equal(lines, want) {
		t.Errorf("sorted lines = %q, want %q", lines, want)
	}
}
