package gormstore_test

import (
	"cmp"
	"context"
	"encoding/base64"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// pages walks a listing to its end and returns the items and the number of
// pages it took.
func pages[T any](t *testing.T, fetch func(cursor string) (claims.Page[T], error)) ([]T, int) {
	t.Helper()
	var all []T
	cursor, n := "", 0
	for {
		p, err := fetch(cursor)
		if err != nil {
			t.Fatalf("page %d: %v", n+1, err)
		}
		n++
		all = append(all, p.Items...)
		if p.Next == "" {
			return all, n
		}
		if n > 100 {
			t.Fatalf("listing does not end")
		}
		cursor = p.Next
	}
}

func claimIDs(cs []*claims.Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// listWorld is a set of claims chosen to tell every filter and sort apart.
type listWorld struct {
	world
	topic2   *claims.Topic
	claimant *claims.Claimant
}

func newListWorld(t *testing.T, s *gormstore.Store, clk *clock) listWorld {
	t.Helper()
	ctx := context.Background()
	lw := listWorld{world: newWorld(t, s)}
	lw.topic2 = &claims.Topic{Title: "Chechens"}
	must(t, "create topic", svc(s).CreateTopic(ctx, lw.topic2))
	lw.claimant = &claims.Claimant{Name: "Alexander Bortnikov"}
	must(t, "create claimant", svc(s).CreateClaimant(ctx, lw.claimant))
	w := lw.world
	relay := []claims.Relay{{SourceID: w.relay.ID}}

	c1 := w.claim("800")
	c1.ID, c1.AsOf, c1.Tags, c1.Quote, c1.Provenance.Relays = "c1", "2015", []string{"russia"}, "Some 800 Russians", relay
	c2 := w.claim("800")
	c2.ID, c2.SaidOn, c2.Tags, c2.Grade, c2.ClaimantID = "c2", "2015-09-29", []string{"russia", "fsb"}, claims.GradeConfirmed, lw.claimant.ID
	c3 := w.claim("")
	c3.ID, c3.AnalystInterval, c3.PublishedOn, c3.Quote = "c3", &claims.Interval{Low: ptr(100)}, "2014-12", "50% of them"
	c4 := w.claim("")
	c4.ID, c4.NoNumber, c4.Quote, c4.TopicID = "c4", true, "ПОЧТИ все", lw.topic2.ID
	c4.Rank, c4.DeprecationReason = claims.RankDeprecated, "misquoted"
	c5 := w.claim("2,000")
	c5.ID, c5.AsOf, c5.Tags, c5.Notes, c5.Provenance.Relays, c5.Grade = "c5", "2016-01-15", []string{"is"}, "under_score", relay, claims.GradeConfirmed
	c6 := w.claim("500")
	c6.ID, c6.SaidOn, c6.Quote, c6.Notes = "c6", "2013", "500 fighters", "underXscore"

	// c1, c2 and c3 share a creation time, as do c4 and c5.
	for i, c := range []*claims.Claim{c1, c2, c3, c4, c5, c6} {
		if i == 3 || i == 5 {
			clk.Advance(time.Second)
		}
		must(t, "create claim "+c.ID, svc(s).CreateClaim(ctx, c))
	}
	return lw
}

func TestListClaimsFilters(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		lw := newListWorld(t, s, clk)
		for _, tc := range []struct {
			name string
			f    claims.ClaimFilter
			want []string
		}{
			{"no filter", claims.ClaimFilter{}, []string{"c1", "c2", "c3", "c4", "c5", "c6"}},
			{"topic", claims.ClaimFilter{TopicID: lw.topic2.ID}, []string{"c4"}},
			{"claimant", claims.ClaimFilter{ClaimantID: lw.claimant.ID}, []string{"c2"}},
			{"origin source", claims.ClaimFilter{SourceID: lw.origin.ID}, []string{"c1", "c2", "c3", "c4", "c5", "c6"}},
			{"relay source", claims.ClaimFilter{SourceID: lw.relay.ID}, []string{"c1", "c5"}},
			{"unknown source", claims.ClaimFilter{SourceID: "nope"}, []string{}},
			{"tag russia", claims.ClaimFilter{Tag: "russia"}, []string{"c1", "c2"}},
			{"tag prefix rus", claims.ClaimFilter{Tag: "rus"}, []string{}},
			{"text 800", claims.ClaimFilter{Text: "800"}, []string{"c1", "c2"}},
			{"text SOME", claims.ClaimFilter{Text: "SOME"}, []string{"c1"}},
			{"text 50%", claims.ClaimFilter{Text: "50%"}, []string{"c3"}},
			{"text under_score", claims.ClaimFilter{Text: "under_score"}, []string{"c5"}},
			{"text почти", claims.ClaimFilter{Text: "почти"}, []string{"c4"}},
			{`text \`, claims.ClaimFilter{Text: `\`}, []string{}},
			{"grade confirmed", claims.ClaimFilter{Grade: claims.GradeConfirmed}, []string{"c2", "c5"}},
			{"rank deprecated", claims.ClaimFilter{Rank: claims.RankDeprecated}, []string{"c4"}},
			{"from 2015-10", claims.ClaimFilter{From: "2015-10"}, []string{"c1", "c5"}},
			{"to 2014", claims.ClaimFilter{To: "2014"}, []string{"c3", "c6"}},
			{"from 2015-09-29 to 2015-09-29", claims.ClaimFilter{From: "2015-09-29", To: "2015-09-29"}, []string{"c1", "c2"}},
			{"from 2014-12-31 to 2015-01", claims.ClaimFilter{From: "2014-12-31", To: "2015-01"}, []string{"c1", "c3"}},
			{"from 2017", claims.ClaimFilter{From: "2017"}, []string{}},
			{"tag russia, text 800, grade confirmed", claims.ClaimFilter{Tag: "russia", Text: "800", Grade: claims.GradeConfirmed}, []string{"c2"}},
		} {
			tc.f.Sort = "created_at"
			p, err := s.ListClaims(ctx, tc.f)
			if err != nil {
				t.Errorf("ListClaims(%s): %v", tc.name, err)
				continue
			}
			got := claimIDs(p.Items)
			if diff := gocmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ListClaims(%s) (-want +got):\n%s", tc.name, diff)
			}
		}
	})
}

// claimKey returns a claim's value for a sort field; ok is false for NULL.
func claimKey(c *claims.Claim, field string) (v any, ok bool) {
	num := func(f func(iv *claims.Interval) *float64) (any, bool) {
		if c.Interval == nil || f(c.Interval) == nil {
			return nil, false
		}
		return *f(c.Interval), true
	}
	switch field {
	case "created_at":
		return c.CreatedAt, true
	case "updated_at":
		return c.UpdatedAt, true
	case "ref_date":
		if c.RefDate() == "" {
			return nil, false
		}
		return c.RefDate().Start(), true
	case "low":
		return num(func(iv *claims.Interval) *float64 { return iv.Low })
	case "high":
		return num(func(iv *claims.Interval) *float64 { return iv.High })
	case "best":
		return num(func(iv *claims.Interval) *float64 { return iv.Best })
	}
	panic("no sort field " + field)
}

func compareAny(a, b any) int {
	switch a := a.(type) {
	case time.Time:
		return a.Compare(b.(time.Time))
	case float64:
		return cmp.Compare(a, b.(float64))
	case string:
		return cmp.Compare(a, b.(string))
	}
	panic("cannot compare")
}

// sortedLike orders items as a listing must: by key with NULL greater than
// every value, ties broken by ID, all reversed for a descending sort.
func sortedLike[T any](items []T, desc bool, key func(T) (any, bool), id func(T) string) []string {
	s := slices.Clone(items)
	slices.SortStableFunc(s, func(a, b T) int {
		va, oka := key(a)
		vb, okb := key(b)
		c := 0
		switch {
		case !oka && !okb:
		case !oka:
			c = 1
		case !okb:
			c = -1
		default:
			c = compareAny(va, vb)
		}
		if c == 0 {
			c = cmp.Compare(id(a), id(b))
		}
		if desc {
			return -c
		}
		return c
	})
	out := make([]string, len(s))
	for i, it := range s {
		out[i] = id(it)
	}
	return out
}

func TestListClaimsSortAndPages(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		newListWorld(t, s, clk)
		all, err := s.ListClaims(ctx, claims.ClaimFilter{})
		must(t, "list claims", err)
		for _, field := range claims.ClaimSorts {
			for _, desc := range []bool{false, true} {
				sort := field
				if desc {
					sort = "-" + field
				}
				want := sortedLike(all.Items, desc, func(c *claims.Claim) (any, bool) { return claimKey(c, field) },
					func(c *claims.Claim) string { return c.ID })
				got, n := pages(t, func(cursor string) (claims.Page[*claims.Claim], error) {
					return s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Sort: sort, Limit: 2, Cursor: cursor}})
				})
				if diff := gocmp.Diff(want, claimIDs(got)); diff != "" {
					t.Errorf("ListClaims(sort %s, 2 a page) (-want +got):\n%s", sort, diff)
				}
				if n != 3 {
					t.Errorf("ListClaims(sort %s): 6 claims took %d pages of 2, want 3", sort, n)
				}
			}
		}
		// The default sort is created_at ascending; a filter applies on every page.
		got, _ := pages(t, func(cursor string) (claims.Page[*claims.Claim], error) {
			return s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Limit: 1, Cursor: cursor}, Grade: claims.GradeConfirmed})
		})
		if diff := gocmp.Diff([]string{"c2", "c5"}, claimIDs(got)); diff != "" {
			t.Errorf("ListClaims(grade confirmed, 1 a page) (-want +got):\n%s", diff)
		}

		// A cursor belongs to its listing and sort.
		p, err := s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Sort: "low", Limit: 1}})
		must(t, "list claims", err)
		byCreation, err := s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Limit: 1}})
		must(t, "list claims", err)
		for name, f := range map[string]func() error{
			"other sort": func() error {
				return errOf(s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Sort: "-low", Cursor: p.Next}}))
			},
			"default sort": func() error {
				return errOf(s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Cursor: p.Next}}))
			},
			"other listing": func() error {
				return errOf(s.ListTopics(ctx, claims.TopicFilter{ListOptions: claims.ListOptions{Cursor: byCreation.Next}}))
			},
			"truncated": func() error {
				return errOf(s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Sort: "low", Cursor: p.Next[:len(p.Next)/2]}}))
			},
			"not base64url": func() error {
				return errOf(s.ListClaims(ctx, claims.ClaimFilter{ListOptions: claims.ListOptions{Sort: "low", Cursor: p.Next + "=="}}))
			},
			"SQL in a value": func() error {
				return errOf(s.ListLinks(ctx, claims.LinkFilter{ListOptions: claims.ListOptions{Cursor: base64.RawURLEncoding.EncodeToString([]byte(`{"l":"links","s":"created_at","v":"'; DROP TABLE links;--","i":"x"}`))}}))
			},
		} {
			err := f()
			wantCode(t, "cursor from "+name, err, claims.CodeInvalid)
			if diff := gocmp.Diff([]string{"cursor"}, fields(err)); diff != "" {
				t.Errorf("cursor from %s: fields (-want +got):\n%s", name, diff)
			}
		}
	})
}

func TestListTopicsSourcesClaimantsLinks(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		mk := func(id, title, parent string, tags ...string) *claims.Topic {
			top := &claims.Topic{Meta: claims.Meta{ID: id}, Title: title, ParentID: parent, Tags: tags, Description: "about " + title}
			must(t, "create topic "+id, svc(s).CreateTopic(ctx, top))
			return top
		}
		mk("t1", "Foreign fighters", "", "syria")
		mk("t2", "Russians", "t1", "syria", "russia")
		clk.Advance(time.Minute)
		mk("t3", "Chechens", "t2", "russia")
		mk("t4", "Russians", "t1")
		for _, tc := range []struct {
			name string
			f    claims.TopicFilter
			want []string
		}{
			{"title", claims.TopicFilter{ListOptions: claims.ListOptions{Sort: "title"}}, []string{"t3", "t1", "t2", "t4"}},
			{"-title", claims.TopicFilter{ListOptions: claims.ListOptions{Sort: "-title"}}, []string{"t4", "t2", "t1", "t3"}},
			{"-created_at", claims.TopicFilter{ListOptions: claims.ListOptions{Sort: "-created_at"}}, []string{"t4", "t3", "t2", "t1"}},
			{"parent t1", claims.TopicFilter{ParentID: "t1"}, []string{"t2", "t4"}},
			{"tag russia", claims.TopicFilter{Tag: "russia"}, []string{"t2", "t3"}},
			{"text RUSS", claims.TopicFilter{Text: "RUSS"}, []string{"t2", "t4"}},
			{"text ABOUT c", claims.TopicFilter{Text: "ABOUT c"}, []string{"t3"}},
		} {
			got, _ := pages(t, func(cursor string) (claims.Page[*claims.Topic], error) {
				f := tc.f
				f.Limit, f.Cursor = 1, cursor
				return s.ListTopics(ctx, f)
			})
			gotIDs := make([]string, len(got))
			for i, x := range got {
				gotIDs[i] = x.ID
			}
			if diff := gocmp.Diff(tc.want, gotIDs); diff != "" {
				t.Errorf("ListTopics(%s) (-want +got):\n%s", tc.name, diff)
			}
		}

		for _, src := range []*claims.Source{
			{Meta: claims.Meta{ID: "s1"}, Name: "TASS", Kind: claims.SourceAgency, PublishedOn: ""},
			{Meta: claims.Meta{ID: "s2"}, Name: "UN report", Kind: claims.SourceReport, Publisher: "United Nations", PublishedOn: "2015-05"},
			{Meta: claims.Meta{ID: "s3"}, Name: "Soufan", Kind: claims.SourceReport, URL: "https://soufangroup.com/x", PublishedOn: "2015"},
			{Meta: claims.Meta{ID: "s4"}, Name: "RIA", Kind: claims.SourceAgency, PublishedOn: "2015-05"},
		} {
			must(t, "create source", svc(s).CreateSource(ctx, src))
		}
		for _, tc := range []struct {
			name string
			f    claims.SourceFilter
			want []string
		}{
			{"published_on", claims.SourceFilter{ListOptions: claims.ListOptions{Sort: "published_on"}}, []string{"s3", "s2", "s4", "s1"}},
			{"-published_on", claims.SourceFilter{ListOptions: claims.ListOptions{Sort: "-published_on"}}, []string{"s1", "s4", "s2", "s3"}},
			{"name", claims.SourceFilter{ListOptions: claims.ListOptions{Sort: "name"}}, []string{"s4", "s3", "s1", "s2"}},
			{"kind report", claims.SourceFilter{Kind: claims.SourceReport}, []string{"s2", "s3"}},
			{"text nations", claims.SourceFilter{Text: "nations"}, []string{"s2"}},
			{"text soufangroup.com", claims.SourceFilter{Text: "SOUFANGROUP.com"}, []string{"s3"}},
		} {
			got, _ := pages(t, func(cursor string) (claims.Page[*claims.Source], error) {
				f := tc.f
				f.Limit, f.Cursor = 1, cursor
				return s.ListSources(ctx, f)
			})
			gotIDs := make([]string, len(got))
			for i, x := range got {
				gotIDs[i] = x.ID
			}
			if diff := gocmp.Diff(tc.want, gotIDs); diff != "" {
				t.Errorf("ListSources(%s) (-want +got):\n%s", tc.name, diff)
			}
		}

		for _, c := range []*claims.Claimant{
			{Meta: claims.Meta{ID: "k1"}, Name: "Bogdanov", Role: "Deputy Foreign Minister"},
			{Meta: claims.Meta{ID: "k2"}, Name: "Bortnikov", Affiliation: "FSB"},
		} {
			must(t, "create claimant", svc(s).CreateClaimant(ctx, c))
		}
		for _, tc := range []struct {
			name string
			f    claims.ClaimantFilter
			want []string
		}{
			{"-name", claims.ClaimantFilter{ListOptions: claims.ListOptions{Sort: "-name"}}, []string{"k2", "k1"}},
			{"text minister", claims.ClaimantFilter{Text: "minister"}, []string{"k1"}},
			{"text fsb", claims.ClaimantFilter{Text: "fsb"}, []string{"k2"}},
		} {
			p, err := s.ListClaimants(ctx, tc.f)
			must(t, "list claimants", err)
			gotIDs := make([]string, len(p.Items))
			for i, x := range p.Items {
				gotIDs[i] = x.ID
			}
			if diff := gocmp.Diff(tc.want, gotIDs); diff != "" {
				t.Errorf("ListClaimants(%s) (-want +got):\n%s", tc.name, diff)
			}
		}

		w := world{topic: &claims.Topic{Meta: claims.Meta{ID: "t1"}}, claimant: &claims.Claimant{Meta: claims.Meta{ID: "k1"}}, origin: &claims.Source{Meta: claims.Meta{ID: "s1"}}}
		for _, id := range []string{"a", "b", "c"} {
			c := w.claim("1")
			c.ID = id
			must(t, "create claim", svc(s).CreateClaim(ctx, c))
		}
		for _, l := range []*claims.Link{
			{Meta: claims.Meta{ID: "l1"}, FromID: "a", ToID: "b", Kind: claims.LinkContradicts},
			{Meta: claims.Meta{ID: "l2"}, FromID: "c", ToID: "a", Kind: claims.LinkDerivedFrom},
			{Meta: claims.Meta{ID: "l3"}, FromID: "b", ToID: "c", Kind: claims.LinkContradicts},
		} {
			must(t, "create link", svc(s).CreateLink(ctx, l))
		}
		for _, tc := range []struct {
			name string
			f    claims.LinkFilter
			want []string
		}{
			{"claim a", claims.LinkFilter{ClaimID: "a"}, []string{"l1", "l2"}},
			{"claim a, contradicts", claims.LinkFilter{ClaimID: "a", Kind: claims.LinkContradicts}, []string{"l1"}},
			{"-updated_at", claims.LinkFilter{ListOptions: claims.ListOptions{Sort: "-updated_at"}}, []string{"l3", "l2", "l1"}},
		} {
			p, err := s.ListLinks(ctx, tc.f)
			must(t, "list links", err)
			gotIDs := make([]string, len(p.Items))
			for i, x := range p.Items {
				gotIDs[i] = x.ID
			}
			if diff := gocmp.Diff(tc.want, gotIDs); diff != "" {
				t.Errorf("ListLinks(%s) (-want +got):\n%s", tc.name, diff)
			}
		}
		if p, err := s.ListLinks(ctx, claims.LinkFilter{ClaimID: "nope"}); err != nil || p.Items == nil || len(p.Items) != 0 {
			t.Errorf("ListLinks(no match) = %#v, %v; want an empty, non-nil page", p.Items, err)
		}
	})
}
