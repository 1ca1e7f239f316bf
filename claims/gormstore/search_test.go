package gormstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// searchWorld stores claims in two languages by two claimants.
type searchWorld struct {
	topic, other       *claims.Topic
	bogdanova, irina   *claims.Claimant
	kadyrov            *claims.Claimant
	tass               *claims.Source
	ru, en, kad, plain *claims.Claim
}

func newSearchWorld(t *testing.T, s *gormstore.Store) searchWorld {
	t.Helper()
	ctx := context.Background()
	w := searchWorld{
		topic:     &claims.Topic{Title: "Боевики из России в Сирии"},
		other:     &claims.Topic{Title: "Refugees in Europe"},
		bogdanova: &claims.Claimant{Name: "Мария Богданова", Role: "депутат"},
		irina:     &claims.Claimant{Name: "Ирина Богданова"},
		kadyrov:   &claims.Claimant{Name: "Ramzan Kadyrov"},
		tass:      &claims.Source{Name: "ТАСС", Kind: claims.SourceAgency},
	}
	must(t, "create topic", svc(s).CreateTopic(ctx, w.topic))
	must(t, "create topic", svc(s).CreateTopic(ctx, w.other))
	must(t, "create claimant", svc(s).CreateClaimant(ctx, w.bogdanova))
	must(t, "create claimant", svc(s).CreateClaimant(ctx, w.kadyrov))
	must(t, "create claimant", svc(s).CreateClaimant(ctx, w.irina))
	must(t, "create source", svc(s).CreateSource(ctx, w.tass))
	mk := func(topic *claims.Topic, who *claims.Claimant, quote, qty, lang, saidOn string, grade claims.Grade, places ...string) *claims.Claim {
		c := &claims.Claim{
			NoNumber: qty == "", // a claim without a figure conflicts with none
			TopicID:  topic.ID, ClaimantID: who.ID, Quote: quote, QuantityText: qty, Language: lang,
			SaidOn: claims.Date(saidOn), Grade: grade, Scope: claims.Scope{Places: places},
			Provenance: claims.Provenance{SourceID: w.tass.ID},
		}
		must(t, "create claim "+quote, svc(s).CreateClaim(ctx, c))
		return c
	}
	w.ru = mk(w.topic, w.bogdanova, "В Сирии воюют около двух тысяч граждан России", "2000", "ru", "2015-09-29", claims.GradeFair, "Syria")
	w.en = mk(w.topic, w.irina, "Some 5,000 fighters travelled from Russia", "5,000", "en", "2016-03", claims.GradeWeak, "Syria")
	w.kad = mk(w.topic, w.kadyrov, "Hundreds of Chechens went to fight", "", "en", "2015", claims.GradeFair)
	w.plain = mk(w.other, w.kadyrov, "A million refugees reached Germany", "a million", "en", "2016-01-05", claims.GradeConfirmed, "Germany")
	return w
}

func hitIDs(hits []claims.Hit[*claims.Claim]) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Item.ID)
	}
	slices.Sort(out)
	return out
}

func sorted(ids ...string) []string {
	slices.Sort(ids)
	return ids
}

func search(t *testing.T, s *gormstore.Store, f claims.ClaimFilter) claims.SearchResult {
	t.Helper()
	res, err := s.Search(context.Background(), f)
	must(t, "search "+f.Query, err)
	return res
}

func TestSearchFindsInflectedNamesAndWords(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		// The claimant is "Богданова"; the analyst types the masculine form
		// and an oblique case.
		for _, q := range []string{"Богданов", "Богдановой", "богданова"} {
			res := search(t, s, claims.ClaimFilter{Query: q})
			if got, want := hitIDs(res.Claims.Items), sorted(w.ru.ID, w.en.ID); !slices.Equal(got, want) {
				t.Errorf("search %q: claims %v, want %v", q, got, want)
			}
			var who []string
			for _, h := range res.Claimants {
				who = append(who, h.Item.Name)
			}
			slices.Sort(who)
			if want := []string{"Ирина Богданова", "Мария Богданова"}; !slices.Equal(who, want) {
				t.Errorf("search %q: claimants %v, want %v", q, who, want)
			}
		}
		// A word of the quote in another case: "Сирия" for "Сирии".
		res := search(t, s, claims.ClaimFilter{Query: "Сирия"})
		if got, want := hitIDs(res.Claims.Items), sorted(w.ru.ID, w.en.ID, w.kad.ID); !slices.Equal(got, want) {
			// the topic title "... в Сирии" is part of every claim of the topic
			t.Errorf("search Сирия: claims %v, want %v", got, want)
		}
		if len(res.Topics) != 1 || res.Topics[0].Item.ID != w.topic.ID {
			t.Errorf("search Сирия: topics %+v, want the topic", res.Topics)
		}
		// English inflection, and every word must match.
		res = search(t, s, claims.ClaimFilter{Query: "refugee germany"})
		if got, want := hitIDs(res.Claims.Items), sorted(w.plain.ID); !slices.Equal(got, want) {
			t.Errorf("search refugee germany: claims %v, want %v", got, want)
		}
		res = search(t, s, claims.ClaimFilter{Query: "refugee chechens"})
		if len(res.Claims.Items) != 0 {
			t.Errorf("search refugee chechens: %d claims, want none", len(res.Claims.Items))
		}
	})
}

func TestSearchStarredWordIsAPrefix(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		// "Kadyro*" is no word of any claim, nor a stem PostgreSQL's
		// configurations make of "Kadyrov": only a prefix match finds the
		// claims of the claimant Ramzan Kadyrov, on both databases.
		for _, q := range []string{"Kadyro*", "kadyrov*", "Ramzan Kadyr*"} {
			res := search(t, s, claims.ClaimFilter{Query: q})
			if got, want := hitIDs(res.Claims.Items), sorted(w.kad.ID, w.plain.ID); !slices.Equal(got, want) {
				t.Errorf("search %q: claims %v, want Kadyrov's %v", q, got, want)
			}
			if len(res.Claimants) != 1 || res.Claimants[0].Item.ID != w.kadyrov.ID {
				t.Errorf("search %q: claimants %+v, want Kadyrov", q, res.Claimants)
			}
		}
		if res := search(t, s, claims.ClaimFilter{Query: "Kadyrova*"}); len(res.Claims.Items) != 0 {
			t.Errorf("search Kadyrova*: %d claims, want none", len(res.Claims.Items))
		}
	})
}

func TestSearchSnippetMarksTheMatch(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		res := search(t, s, claims.ClaimFilter{Query: "Chechens"})
		if len(res.Claims.Items) != 1 || res.Claims.Items[0].Item.ID != w.kad.ID {
			t.Fatalf("search Chechens: %+v, want the Kadyrov claim", res.Claims.Items)
		}
		var marked, all strings.Builder
		for _, p := range res.Claims.Items[0].Snippet {
			if p.Match {
				marked.WriteString(p.Text + "|")
			}
			all.WriteString(p.Text)
		}
		if marked.String() != "Chechens|" || !strings.Contains(all.String(), "Hundreds of Chechens went") {
			t.Errorf("snippet %+v: want Chechens marked within the quote", res.Claims.Items[0].Snippet)
		}
		if res.Claims.Items[0].Score <= 0 {
			t.Errorf("score %v, want positive", res.Claims.Items[0].Score)
		}
		// Found by its claimant's name, a claim shows its own words.
		res = search(t, s, claims.ClaimFilter{Query: "Мария"})
		if len(res.Claims.Items) != 1 || res.Claims.Items[0].Item.ID != w.ru.ID {
			t.Fatalf("search Мария: %+v, want the claim of Мария Богданова", res.Claims.Items)
		}
		var text strings.Builder
		for _, p := range res.Claims.Items[0].Snippet {
			text.WriteString(p.Text)
		}
		if !strings.Contains(text.String(), "воюют около двух тысяч") {
			t.Errorf("snippet of a claim found by name = %q, want its quote", text.String())
		}
	})
}

func TestSearchRanksAndPages(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		ctx := context.Background()
		// "fighters" twice in the quote ranks above once in the notes.
		strong := &claims.Claim{TopicID: w.other.ID, ClaimantID: w.kadyrov.ID, Quote: "fighters, fighters and more fighters", QuantityText: "3", Language: "en", Provenance: claims.Provenance{SourceID: w.tass.ID}}
		weak := &claims.Claim{TopicID: w.other.ID, ClaimantID: w.kadyrov.ID, Quote: "Three people", QuantityText: "3", Language: "en", Notes: "long notes that mention fighters once among many other words about the count and its origin", Provenance: claims.Provenance{SourceID: w.tass.ID}}
		must(t, "create", svc(s).CreateClaim(ctx, weak))
		must(t, "create", svc(s).CreateClaim(ctx, strong))
		res := search(t, s, claims.ClaimFilter{Query: "fighter", ListOptions: claims.ListOptions{Limit: 2}})
		if len(res.Claims.Items) != 2 || res.Claims.Items[0].Item.ID != strong.ID {
			t.Fatalf("first page %v: want %s first", hitIDs(res.Claims.Items), strong.ID)
		}
		if res.Claims.Next == "" {
			t.Fatal("first page has no next cursor; 3 claims match")
		}
		next := search(t, s, claims.ClaimFilter{Query: "fighter", ListOptions: claims.ListOptions{Limit: 2, Cursor: res.Claims.Next}})
		all := append(hitIDs(res.Claims.Items), hitIDs(next.Claims.Items)...)
		slices.Sort(all)
		if want := sorted(strong.ID, weak.ID, w.en.ID); !slices.Equal(all, want) || next.Claims.Next != "" {
			t.Errorf("pages %v (next %q), want %v on two pages", all, next.Claims.Next, want)
		}
		_, err := s.Search(ctx, claims.ClaimFilter{Query: "fighter", ListOptions: claims.ListOptions{Cursor: "bm90IGEgY3Vyc29y"}})
		if got := fields(err); !slices.Equal(got, []string{"cursor"}) {
			t.Errorf("bad cursor: fields %v (%v), want [cursor]", got, err)
		}
		_, err = s.Search(ctx, claims.ClaimFilter{Query: " ,. "})
		if got := fields(err); !slices.Equal(got, []string{"q"}) {
			t.Errorf("empty query: fields %v (%v), want [q]", got, err)
		}
	})
}

func TestSearchCombinesWithFilters(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		yes := true
		cases := []struct {
			name string
			f    claims.ClaimFilter
			want []string
		}{
			{"grade", claims.ClaimFilter{Query: "Богданова", Grade: claims.GradeFair}, sorted(w.ru.ID)},
			{"claimant and name", claims.ClaimFilter{Query: "Богданова", ClaimantID: w.irina.ID}, sorted(w.en.ID)},
			{"claimant", claims.ClaimFilter{Query: "России", ClaimantID: w.kadyrov.ID}, sorted(w.kad.ID)},
			{"place", claims.ClaimFilter{Query: "Сирии", Place: "Syria"}, sorted(w.ru.ID, w.en.ID)},
			{"other place", claims.ClaimFilter{Query: "million", Place: "Germany"}, sorted(w.plain.ID)},
			{"said between", claims.ClaimFilter{Query: "Сирии", SaidFrom: "2015-09-01", SaidTo: "2015-12"}, sorted(w.ru.ID, w.kad.ID)},
			{"value overlaps", claims.ClaimFilter{Query: "Сирии", ValueLow: ptr(2500), ValueHigh: ptr(10000)}, sorted(w.en.ID)},
			{"in conflict", claims.ClaimFilter{Query: "Сирии", InConflict: &yes}, sorted(w.ru.ID, w.en.ID)},
		}
		for _, c := range cases {
			res := search(t, s, c.f)
			if got := hitIDs(res.Claims.Items); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
			page, err := s.ListClaims(context.Background(), c.f)
			must(t, "list "+c.name, err)
			got := []string{}
			for _, cl := range page.Items {
				got = append(got, cl.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("list %s: %v, want %v", c.name, got, c.want)
			}
		}
	})
}

func TestSearchFollowsEveryWrite(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		ctx := context.Background()
		found := func(q string) []string { return hitIDs(search(t, s, claims.ClaimFilter{Query: q}).Claims.Items) }

		w.kad.Quote = "Several hundred Dagestanis left"
		must(t, "update claim", svc(s).UpdateClaim(ctx, w.kad))
		if got := found("Chechens"); len(got) != 0 {
			t.Errorf("old quote still found: %v", got)
		}
		if got := found("Dagestanis"); !slices.Equal(got, []string{w.kad.ID}) {
			t.Errorf("new quote: %v", got)
		}

		w.kadyrov.Name = "Рамзан Кадыров"
		must(t, "rename claimant", svc(s).UpdateClaimant(ctx, w.kadyrov))
		if got, want := found("Кадырова"), sorted(w.kad.ID, w.plain.ID); !slices.Equal(got, want) {
			t.Errorf("after rename, Кадырова finds %v, want %v", got, want)
		}
		if got := found("Ramzan"); len(got) != 0 {
			t.Errorf("old name still finds %v", got)
		}

		w.other.Title = "Беженцы в Европе"
		must(t, "retitle topic", svc(s).UpdateTopic(ctx, w.other))
		if got := found("беженцев"); !slices.Equal(got, []string{w.plain.ID}) {
			t.Errorf("after retitle, беженцев finds %v", got)
		}
		if res := search(t, s, claims.ClaimFilter{Query: "беженцев"}); len(res.Topics) != 1 {
			t.Errorf("after retitle, topics %+v", res.Topics)
		}

		must(t, "delete claim", s.DeleteClaim(ctx, w.plain.ID, 0))
		if got := found("беженцев"); len(got) != 0 {
			t.Errorf("deleted claim still found: %v", got)
		}
		must(t, "rebuild", s.RebuildSearch(ctx))
		if got, want := found("Кадырова"), sorted(w.kad.ID); !slices.Equal(got, want) {
			t.Errorf("after rebuild, Кадырова finds %v, want %v", got, want)
		}
	})
}

func TestClaimFacetsCount(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		f, err := s.ClaimFacets(context.Background(), claims.ClaimFilter{Query: "Сирии"})
		must(t, "facets", err)
		if f.Total != 3 {
			t.Errorf("total %d, want 3", f.Total)
		}
		want := map[string][]claims.FacetCount{
			claims.FacetTopic: {{Value: w.topic.ID, Label: w.topic.Title, Count: 3}},
			claims.FacetClaimant: facetByValue(
				claims.FacetCount{Value: w.bogdanova.ID, Label: "Мария Богданова", Count: 1},
				claims.FacetCount{Value: w.irina.ID, Label: "Ирина Богданова", Count: 1},
				claims.FacetCount{Value: w.kadyrov.ID, Label: "Ramzan Kadyrov", Count: 1}),
			claims.FacetSource:       {{Value: w.tass.ID, Label: "ТАСС", Count: 3}},
			claims.FacetPlace:        {{Value: "Syria", Count: 2}},
			claims.FacetYear:         {{Value: "2015", Count: 2}, {Value: "2016", Count: 1}},
			claims.FacetGrade:        {{Value: "fair", Count: 2}, {Value: "weak", Count: 1}},
			claims.FacetEvidenceType: {{Value: "unknown", Count: 3}},
			claims.FacetInConflict:   {{Value: "true", Count: 2}, {Value: "false", Count: 1}},
		}
		for _, name := range claims.FacetNames {
			if got := f.Counts[name]; !slices.Equal(got, want[name]) {
				t.Errorf("facet %s = %+v, want %+v", name, got, want[name])
			}
		}
	})
}

// facetByValue orders counts of the same size as the store does: by value.
func facetByValue(counts ...claims.FacetCount) []claims.FacetCount {
	slices.SortFunc(counts, func(a, b claims.FacetCount) int { return strings.Compare(a.Value, b.Value) })
	return counts
}

// TestPreparedTopicFollowsEveryClaimWrite reads a topic's prepared claims
// (the cache of relations) after each kind of write: every write of a
// claim, a claimant's name or the topic's row prepares them again; a
// review, a link or a recompute of the summaries alone does not (the
// links, kept apart by links_version, are read again).
func TestPreparedTopicFollowsEveryClaimWrite(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		gormstore.CacheEveryTopic(s)
		w := newSearchWorld(t, s)
		ctx := context.Background()
		prepared := func() (*xref.Prepared, map[string]xref.ClaimView) {
			t.Helper()
			p, _, err := s.PreparedTopic(ctx, w.topic.ID)
			must(t, "prepared topic", err)
			out := map[string]xref.ClaimView{}
			for _, v := range p.Claims() {
				out[v.ID] = v
			}
			return p, out
		}
		first, views := prepared()
		if again, _ := prepared(); len(views) != 3 || again != first {
			t.Fatalf("an unchanged topic is prepared again (%d claims): want the cached preparation", len(views))
		}
		kept := func(what string) {
			t.Helper()
			if p, _ := prepared(); p != first {
				t.Errorf("after %s, which changes no claim, the topic was prepared again", what)
			}
		}
		changed := func(what string) map[string]xref.ClaimView {
			t.Helper()
			p, views := prepared()
			if p == first {
				t.Errorf("after %s the cached preparation was served", what)
			}
			first = p
			return views
		}

		rv := &claims.Review{ClaimA: w.ru.ID, ClaimB: w.en.ID, Status: claims.ReviewDismissed, Resolution: "different periods"}
		must(t, "create review", s.CreateReview(ctx, rv))
		kept("a review")
		link := &claims.Link{FromID: w.ru.ID, ToID: w.en.ID, Kind: claims.LinkContradicts}
		must(t, "create link", svc(s).CreateLink(ctx, link))
		kept("a link (and the recompute of the topic's summaries it makes)")
		if _, links, err := s.PreparedTopic(ctx, w.topic.ID); err != nil || len(links) != 1 {
			t.Errorf("links after a link was written: %d (%v), want 1", len(links), err)
		}
		page, ok := first.Relations(w.ru.ID, []*claims.Link{link}, xref.RelationQuery{})
		if !ok || page.Total != 2 || !page.Items[0].Manual {
			t.Errorf("relations with the new link: %+v (%v), want the linked pair first", page, ok)
		}
		// The links are kept with the preparation until a link is written.
		must(t, "delete link", s.DeleteLink(ctx, link.ID, 0))
		kept("a deleted link")
		if _, links, err := s.PreparedTopic(ctx, w.topic.ID); err != nil || len(links) != 0 {
			t.Errorf("links after the link was deleted: %d (%v), want 0", len(links), err)
		}

		w.ru.Occasion = "пресс-конференция в Москве"
		must(t, "update claim", svc(s).UpdateClaim(ctx, w.ru))
		if got := changed("an update")[w.ru.ID]; got.Occasion != "пресс-конференция в Москве" {
			t.Errorf("after an update: occasion %q", got.Occasion)
		}
		w.irina.Name = "Ирина Петрова"
		must(t, "rename claimant", svc(s).UpdateClaimant(ctx, w.irina))
		if got := changed("a rename")[w.en.ID]; got.ClaimantName != "Ирина Петрова" {
			t.Errorf("after a rename: claimant name %q", got.ClaimantName)
		}
		w.topic.Places = []string{"Syria"}
		must(t, "update topic", svc(s).UpdateTopic(ctx, w.topic))
		changed("an update of the topic's row")
		w.plain.TopicID = w.topic.ID
		must(t, "move claim", svc(s).UpdateClaim(ctx, w.plain))
		if _, ok := changed("a move")[w.plain.ID]; !ok {
			t.Error("a claim moved into the topic is missing")
		}
		must(t, "delete claim", s.DeleteClaim(ctx, w.kad.ID, 0))
		got := changed("a delete")
		if _, ok := got[w.kad.ID]; ok || len(got) != 3 {
			t.Errorf("after a delete: %d claims, deleted one present %v", len(got), ok)
		}
		// Claims written inside Atomically are seen by it, never cached.
		err := s.Atomically(ctx, func(tx claims.Store) error {
			c := &claims.Claim{TopicID: w.topic.ID, ClaimantID: w.kadyrov.ID, QuantityText: "7", Provenance: claims.Provenance{SourceID: w.tass.ID}}
			if err := svc(tx).CreateClaim(ctx, c); err != nil {
				return err
			}
			p, _, err := tx.(*gormstore.Store).PreparedTopic(ctx, w.topic.ID)
			if err == nil && p.Len() != 4 {
				t.Errorf("inside the transaction: %d claims, want 4", p.Len())
			}
			return errors.New("roll back")
		})
		if err == nil {
			t.Fatal("Atomically committed")
		}
		if _, got := prepared(); len(got) != 3 {
			t.Errorf("after a rolled-back write: %d claims, want 3", len(got))
		}
	})
}

// TestPreparedTopicKeepsTheNewer prepares a topic while a write changes
// it and a second request prepares and keeps the newer claims: the first
// preparation, older, is served to its request but does not replace the
// newer one in the cache.
func TestPreparedTopicKeepsTheNewer(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		gormstore.CacheEveryTopic(s)
		w := newSearchWorld(t, s)
		ctx := context.Background()
		var newer *xref.Prepared
		written := false
		gormstore.BeforeKeepPrepared(s, func() {
			if written {
				return // the second preparation, run from here
			}
			written = true
			w.ru.Occasion = "пресс-конференция в Москве"
			must(t, "update claim", svc(s).UpdateClaim(ctx, w.ru))
			var err error
			newer, _, err = s.PreparedTopic(ctx, w.topic.ID)
			must(t, "prepared topic, the newer", err)
		})
		older, _, err := s.PreparedTopic(ctx, w.topic.ID)
		must(t, "prepared topic, the older", err)
		if newer == nil || newer == older {
			t.Fatalf("the write during the preparation did not prepare the topic again")
		}
		for _, v := range older.Claims() {
			if v.ID == w.ru.ID && v.Occasion == w.ru.Occasion {
				t.Fatalf("the first preparation already holds the write made after it was read")
			}
		}
		gormstore.BeforeKeepPrepared(s, nil)
		if p, _, err := s.PreparedTopic(ctx, w.topic.ID); err != nil || p != newer {
			t.Errorf("after both preparations: the cache serves %s (%v); want the newer preparation kept", describePrepared(p, older, newer), err)
		}
	})
}

func describePrepared(p, older, newer *xref.Prepared) string {
	switch p {
	case older:
		return "the older preparation"
	case newer:
		return "the newer preparation"
	}
	return "a third preparation"
}

// TestPreparedTopicFollowsItsParent reads a sub-topic's prepared claims,
// which hold its parent's, after each write that changes what they hold
// of the parent: the topic given a parent, a write to one of the parent's
// claims, to the parent's row, a custom place, and the parent taken away.
func TestPreparedTopicFollowsItsParent(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		gormstore.CacheEveryTopic(s)
		w := newSearchWorld(t, s)
		ctx := context.Background()
		var last *xref.Prepared
		changed := func(what string) (*xref.Prepared, map[string]xref.ClaimView) {
			t.Helper()
			p, _, err := s.PreparedTopic(ctx, w.topic.ID)
			must(t, "prepared topic", err)
			if p == last {
				t.Errorf("after %s the cached preparation was served", what)
			}
			if again, _, err := s.PreparedTopic(ctx, w.topic.ID); err != nil || again != p {
				t.Errorf("after %s the topic, unchanged since, was prepared again", what)
			}
			last = p
			out := map[string]xref.ClaimView{}
			for _, v := range p.Claims() {
				out[v.ID] = v
			}
			return p, out
		}
		if p, views := changed("the first read"); p.ParentID() != "" || len(views) != 3 {
			t.Fatalf("a topic without a parent: parent %q, %d claims, want none and 3", p.ParentID(), len(views))
		}
		w.topic.ParentID = w.other.ID
		must(t, "give the topic a parent", svc(s).UpdateTopic(ctx, w.topic))
		if p, views := changed("the topic was given a parent"); p.ParentID() != w.other.ID || len(views) != 4 {
			t.Errorf("after the topic was given a parent: parent %q, %d claims, want %s and 4", p.ParentID(), len(views), w.other.ID)
		}
		w.plain.Occasion = "Bundestag hearing"
		must(t, "update the parent's claim", svc(s).UpdateClaim(ctx, w.plain))
		if _, views := changed("a write to the parent's claim"); views[w.plain.ID].Occasion != "Bundestag hearing" {
			t.Errorf("after a write to the parent's claim: occasion %q", views[w.plain.ID].Occasion)
		}
		w.other.WindowDays = 30
		must(t, "update the parent", svc(s).UpdateTopic(ctx, w.other))
		if p, _ := changed("a write to the parent's row"); p.Parent().WindowDays != 30 {
			t.Errorf("after a write to the parent's row: its window %d days, want 30", p.Parent().WindowDays)
		}
		place := gazetteerPlace("Dabiq", "SY")
		must(t, "create place", svc(s).CreatePlace(ctx, &place))
		if p, _ := changed("a custom place"); p.Gazetteer() == nil {
			t.Error("after a custom place: no gazetteer")
		} else if _, ok := p.Gazetteer().Lookup("Dabiq"); !ok {
			t.Error("after a custom place: the preparation's gazetteer does not know it")
		}
		w.topic.ParentID = ""
		must(t, "take the parent away", svc(s).UpdateTopic(ctx, w.topic))
		if p, views := changed("the parent was taken away"); p.ParentID() != "" || len(views) != 3 {
			t.Errorf("after the parent was taken away: parent %q, %d claims, want none and 3", p.ParentID(), len(views))
		}
	})
}

// TestSearchAfterBulkImport loads claims into an empty database, where the
// import indexes them in one pass instead of row by row, then into a
// database that has claims, and finds both; the topic's cached claims
// follow.
func TestSearchAfterBulkImport(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		gormstore.CacheEveryTopic(s)
		ctx := context.Background()
		topic := map[string]any{"id": "t1", "title": "Беженцы в Европе", "measure": "stock"}
		who := map[string]any{"id": "p1", "name": "Ангела Меркель"}
		src := map[string]any{"id": "s1", "name": "Deutsche Welle", "kind": "news"}
		claim := func(id, quote string) map[string]any {
			return map[string]any{"id": id, "topic_id": "t1", "claimant_id": "p1", "quote": quote, "language": "en", "quantity_text": "a million", "provenance": map[string]any{"source_id": "s1"}}
		}
		importDoc(t, s, "topic", topic, "claimant", who, "source", src, "claim", claim("c1", "A million refugees arrived"))
		if got := hitIDs(search(t, s, claims.ClaimFilter{Query: "Меркель refugees"}).Claims.Items); !slices.Equal(got, []string{"c1"}) {
			t.Fatalf("after a load into an empty database: %v, want [c1]", got)
		}
		before, err := topicClaims(s, ctx, "t1")
		must(t, "topic claims", err)
		importDoc(t, s, "claim", claim("c2", "More refugees are expected"))
		if got := hitIDs(search(t, s, claims.ClaimFilter{Query: "Меркель refugee"}).Claims.Items); !slices.Equal(got, []string{"c1", "c2"}) {
			t.Errorf("after a second load: %v, want [c1 c2]", got)
		}
		after, err := topicClaims(s, ctx, "t1")
		must(t, "topic claims", err)
		if len(before) != 1 || len(after) != 2 {
			t.Errorf("topic claims %d then %d, want 1 then 2", len(before), len(after))
		}
		// The triggers are back: a claim written one by one is found.
		c := &claims.Claim{TopicID: "t1", ClaimantID: "p1", Quote: "Refugees again", QuantityText: "5", Provenance: claims.Provenance{SourceID: "s1"}}
		must(t, "create claim", svc(s).CreateClaim(ctx, c))
		if got := hitIDs(search(t, s, claims.ClaimFilter{Query: "again"}).Claims.Items); !slices.Equal(got, []string{c.ID}) {
			t.Errorf("a claim created after the loads: %v", got)
		}
	})
}

// TestSearchRareWordRanksWhole: a query one of whose words fewer claims
// hold than a search ranks at once is ranked whole (in one walk of the
// matches in rowid order): the same claims, order and scores as the
// newest window holding all of them, and no further page.
func TestSearchRareWordRanksWhole(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		ctx := context.Background()
		for i := range 8 {
			c := &claims.Claim{TopicID: w.other.ID, ClaimantID: w.kadyrov.ID, Quote: strings.Repeat("fighters ", 1+i%3) + "counted" + strings.Repeat(" here", i%4),
				QuantityText: "3", Language: "en", Provenance: claims.Provenance{SourceID: w.tass.ID}}
			must(t, "create", s.CreateClaim(ctx, c))
		}
		type hit struct {
			id    string
			score float64
		}
		page := func(window int) ([]hit, string) {
			defer gormstore.SetSearchWindow(window)()
			res := search(t, s, claims.ClaimFilter{Query: "fighters counted", ListOptions: claims.ListOptions{Limit: 20}})
			var out []hit
			for _, h := range res.Claims.Items {
				out = append(out, hit{h.Item.ID, h.Score})
			}
			return out, res.Claims.Next
		}
		// "counted": 8 claims; a window of 9 ranks them whole, one of 8
		// ranks the newest 8 and looks for older ones.
		whole, next := page(9)
		windowed, nextWindowed := page(8)
		if len(whole) != 8 || next != "" || nextWindowed != "" {
			t.Fatalf("ranked whole: %d claims, next %q; windowed: next %q; want 8 and no next page", len(whole), next, nextWindowed)
		}
		if !slices.Equal(whole, windowed) {
			t.Errorf("ranked whole %v, want the window's %v", whole, windowed)
		}
		for i := 1; i < len(whole); i++ {
			if whole[i].score > whole[i-1].score {
				t.Errorf("ranked whole: %v scores above %v", whole[i], whole[i-1])
			}
		}
	})
}

// TestSearchPagesThroughWindows: with more matches than a search ranks at
// once, paging still returns every match once, the filters applied.
func TestSearchPagesThroughWindows(t *testing.T) {
	searchPagesThroughWindows(t)
}

func searchPagesThroughWindows(t *testing.T) {
	defer gormstore.SetSearchWindow(3)()
	defer gormstore.SetFacetScan(5)()
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		ctx := context.Background()
		// Two by another claimant, stored first (older than the window
		// checked below).
		var irinaOther []string
		for range 2 {
			c := &claims.Claim{TopicID: w.other.ID, ClaimantID: w.irina.ID, Quote: "fighters seen", QuantityText: "4", Language: "en",
				Provenance: claims.Provenance{SourceID: w.tass.ID}}
			must(t, "create", s.CreateClaim(ctx, c))
			irinaOther = append(irinaOther, c.ID)
		}
		var inOther []string
		for i := range 8 {
			c := &claims.Claim{TopicID: w.other.ID, ClaimantID: w.kadyrov.ID, Quote: strings.Repeat("fighters ", 1+i%3) + "counted",
				QuantityText: "3", Language: "en", Provenance: claims.Provenance{SourceID: w.tass.ID}}
			must(t, "create", s.CreateClaim(ctx, c))
			inOther = append(inOther, c.ID)
		}
		for _, tt := range []struct {
			name string
			f    claims.ClaimFilter
			want []string
		}{
			{"all", claims.ClaimFilter{Query: "fighters"}, slices.Concat(inOther, irinaOther, []string{w.en.ID})},
			{"one topic", claims.ClaimFilter{Query: "fighters", TopicID: w.other.ID}, slices.Concat(inOther, irinaOther)},
			{"other topic", claims.ClaimFilter{Query: "fighters", TopicID: w.topic.ID}, []string{w.en.ID}},
			// A topic and another filter, which read the claims' rows.
			{"topic and claimant", claims.ClaimFilter{Query: "fighters", TopicID: w.other.ID, ClaimantID: w.kadyrov.ID}, inOther},
			{"topic and other claimant", claims.ClaimFilter{Query: "fighters", TopicID: w.other.ID, ClaimantID: w.irina.ID}, irinaOther},
			{"topic and claimant of none", claims.ClaimFilter{Query: "fighters", TopicID: w.topic.ID, ClaimantID: w.kadyrov.ID}, nil},
			{"claimant", claims.ClaimFilter{Query: "fighters", ClaimantID: w.irina.ID}, slices.Concat(irinaOther, []string{w.en.ID})},
		} {
			f := tt.f
			f.Limit = 2
			var got []string
			for pages := 0; ; pages++ {
				if pages > 20 {
					t.Fatalf("%s: more than 20 pages", tt.name)
				}
				res := search(t, s, f)
				got = append(got, hitIDs(res.Claims.Items)...)
				if res.Claims.Next == "" {
					break
				}
				f.Cursor = res.Claims.Next
			}
			slices.Sort(got)
			if want := sorted(tt.want...); !slices.Equal(got, want) {
				t.Errorf("%s: pages hold %v, want each of %v once", tt.name, got, want)
			}
		}
		// Within the newest window (the last three stored, on PostgreSQL
		// by ID, which follows the order claims were made in), more
		// "fighters" rank first.
		res := search(t, s, claims.ClaimFilter{Query: "fighters", TopicID: w.other.ID, ListOptions: claims.ListOptions{Limit: 3}})
		var got []string
		for _, h := range res.Claims.Items {
			got = append(got, h.Item.ID)
		}
		if want := []string{inOther[5], inOther[7], inOther[6]}; !slices.Equal(got, want) {
			t.Errorf("first window %v, want %v (3, 2 and 1 mentions)", got, want)
		}
		// Facets count at most five matches, the newest, and say so.
		fc, err := s.ClaimFacets(ctx, claims.ClaimFilter{Query: "fighters", TopicID: w.other.ID})
		must(t, "facets", err)
		fewer, err := s.ClaimFacets(ctx, claims.ClaimFilter{Query: "fighters", TopicID: w.topic.ID})
		must(t, "facets", err)
		if fewer.Capped || fewer.Total != 1 {
			t.Errorf("facets of one match: total %d, capped %v; want 1, not capped", fewer.Total, fewer.Capped)
		}
		if strings.HasSuffix(t.Name(), "/sqlite") {
			if !fc.Capped || fc.Total != 5 {
				t.Errorf("facets of 10 matches: total %d, capped %v; want 5, capped", fc.Total, fc.Capped)
			}
		} else if fc.Capped || fc.Total != 10 {
			t.Errorf("facets of 10 matches: total %d, capped %v; want 10", fc.Total, fc.Capped)
		}
	})
}

// TestSearchBreaksTiesByID pages through matches of equal relevance: they
// come by claim ID, each once, after the better match, whatever the page
// size.
func TestSearchBreaksTiesByID(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		ctx := context.Background()
		mk := func(quote string) string {
			c := &claims.Claim{TopicID: w.other.ID, ClaimantID: w.kadyrov.ID, Quote: quote, QuantityText: "3", Language: "en",
				Provenance: claims.Provenance{SourceID: w.tass.ID}}
			must(t, "create", svc(s).CreateClaim(ctx, c))
			return c.ID
		}
		var ties []string
		for range 5 {
			ties = append(ties, mk("mercenaries counted"))
		}
		strong := mk("mercenaries, mercenaries and mercenaries")
		want := append([]string{strong}, sorted(ties...)...)
		for _, limit := range []int{1, 2, 4, 6} {
			f := claims.ClaimFilter{Query: "mercenaries", ListOptions: claims.ListOptions{Limit: limit}}
			var got []string
			for pages := 0; ; pages++ {
				if pages > 10 {
					t.Fatalf("limit %d: more than 10 pages", limit)
				}
				res := search(t, s, f)
				for _, h := range res.Claims.Items {
					got = append(got, h.Item.ID) // in rank order (hitIDs sorts)
				}
				if res.Claims.Next == "" {
					break
				}
				f.Cursor = res.Claims.Next
			}
			if !slices.Equal(got, want) {
				t.Errorf("limit %d: pages hold %v, want %v", limit, got, want)
			}
		}
	})
}

// TestTopicFacetsFollowEveryWrite: the facets of a topic change with
// every write that changes them (the API caches them by TopicVersion:
// api's TestTopicFacetsCacheFollowsWrites).
func TestTopicFacetsFollowEveryWrite(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		w := newSearchWorld(t, s)
		ctx := context.Background()
		facets := func(f claims.ClaimFilter) claims.Facets {
			t.Helper()
			fc, err := s.ClaimFacets(ctx, f)
			must(t, "facets", err)
			return fc
		}
		inTopic := claims.ClaimFilter{TopicID: w.topic.ID}
		check := func(what string, f claims.ClaimFilter, total int, name string, want ...claims.FacetCount) {
			t.Helper()
			for range 2 { // counted, then from the cache
				fc := facets(f)
				if fc.Total != total || !slices.Equal(fc.Counts[name], want) {
					t.Fatalf("%s: total %d, %s %+v; want %d, %+v", what, fc.Total, name, fc.Counts[name], total, want)
				}
			}
		}
		check("at first", inTopic, 3, claims.FacetGrade, claims.FacetCount{Value: "fair", Count: 2}, claims.FacetCount{Value: "weak", Count: 1})
		// A caller changing what it got leaves the cache alone.
		fc := facets(inTopic)
		fc.Counts[claims.FacetGrade][0].Count = 99
		check("after changing a result", inTopic, 3, claims.FacetGrade, claims.FacetCount{Value: "fair", Count: 2}, claims.FacetCount{Value: "weak", Count: 1})

		w.en.Grade = claims.GradeConfirmed
		must(t, "update claim", svc(s).UpdateClaim(ctx, w.en))
		check("after a grade changed", inTopic, 3, claims.FacetGrade, claims.FacetCount{Value: "fair", Count: 2}, claims.FacetCount{Value: "confirmed", Count: 1})

		w.kad.Scope.Places = []string{"Chechnya"}
		must(t, "update claim", svc(s).UpdateClaim(ctx, w.kad))
		check("after a place was added", inTopic, 3, claims.FacetPlace, claims.FacetCount{Value: "Syria", Count: 2}, claims.FacetCount{Value: "Chechnya", Count: 1})

		w.kadyrov.Name = "Рамзан Кадыров"
		must(t, "rename claimant", svc(s).UpdateClaimant(ctx, w.kadyrov))
		check("after a claimant was renamed", claims.ClaimFilter{TopicID: w.topic.ID, ClaimantID: w.kadyrov.ID}, 1, claims.FacetClaimant,
			claims.FacetCount{Value: w.kadyrov.ID, Label: "Рамзан Кадыров", Count: 1})

		c := &claims.Claim{TopicID: w.topic.ID, ClaimantID: w.kadyrov.ID, Quote: "A hundred more Chechens", QuantityText: "100", Language: "en",
			Grade: claims.GradeWeak, Provenance: claims.Provenance{SourceID: w.tass.ID}}
		must(t, "create claim", svc(s).CreateClaim(ctx, c))
		check("after a claim was added", inTopic, 4, claims.FacetGrade,
			claims.FacetCount{Value: "fair", Count: 2}, claims.FacetCount{Value: "confirmed", Count: 1}, claims.FacetCount{Value: "weak", Count: 1})
		check("a search in the topic", claims.ClaimFilter{TopicID: w.topic.ID, Query: "Chechens"}, 2, claims.FacetGrade,
			claims.FacetCount{Value: "fair", Count: 1}, claims.FacetCount{Value: "weak", Count: 1})

		must(t, "delete claim", svc(s).DeleteClaim(ctx, c.ID, c.Version))
		check("after a claim was deleted", inTopic, 3, claims.FacetGrade, claims.FacetCount{Value: "fair", Count: 2}, claims.FacetCount{Value: "confirmed", Count: 1})
		check("a search in the topic", claims.ClaimFilter{TopicID: w.topic.ID, Query: "Chechens"}, 1, claims.FacetGrade,
			claims.FacetCount{Value: "fair", Count: 1})
	})
}

// TestSearchSnippetsOfNearAndFarClaims: every hit of a page shows its
// passage with the match marked, whether the page's claims were stored
// close together or far apart (a few hundred claims between them), and
// whether the match is in the quote or in the original text.
func TestSearchSnippetsOfNearAndFarClaims(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		topic := map[string]any{"id": "t1", "title": "Беженцы в Европе", "measure": "stock"}
		who := map[string]any{"id": "p1", "name": "Ангела Меркель"}
		src := map[string]any{"id": "s1", "name": "Deutsche Welle", "kind": "news"}
		claim := func(id, quote, original string) map[string]any {
			return map[string]any{"id": id, "topic_id": "t1", "claimant_id": "p1", "quote": quote, "original_text": original, "language": "en", "quantity_text": "a million", "provenance": map[string]any{"source_id": "s1"}}
		}
		recs := []any{"topic", topic, "claimant", who, "source", src,
			"claim", claim("c001", "Refugees arrived in Hamburg", ""),
			"claim", claim("c002", "A quote without the city", "Flüchtlinge in Hamburg")}
		for i := 3; i <= 400; i++ {
			recs = append(recs, "claim", claim(fmt.Sprintf("c%03d", i), fmt.Sprintf("Filler claim number %d", i), ""))
		}
		recs = append(recs, "claim", claim("c401", "Hamburg took more refugees", ""),
			"claim", claim("c402", "Another quote without the city", "Hamburg again"))
		importDoc(t, s, recs...)
		for _, q := range []struct {
			query string
			want  []string
		}{
			{"Hamburg", []string{"c001", "c002", "c401", "c402"}}, // far apart
			{"refugees", []string{"c001", "c401"}},                // far apart
			{"number 7", []string{"c007"}},
			{"filler", nil}, // 398 claims close together: the first page
		} {
			res := search(t, s, claims.ClaimFilter{Query: q.query})
			if q.want != nil && !slices.Equal(sorted(hitIDs(res.Claims.Items)...), q.want) {
				t.Errorf("search %q: %v, want %v", q.query, hitIDs(res.Claims.Items), q.want)
			}
			if len(res.Claims.Items) == 0 {
				t.Errorf("search %q: no hits", q.query)
			}
			for _, h := range res.Claims.Items {
				marked := ""
				for _, p := range h.Snippet {
					if p.Match {
						marked += p.Text
					}
				}
				if marked == "" {
					t.Errorf("search %q: claim %s's snippet %+v marks no match", q.query, h.Item.ID, h.Snippet)
				}
			}
		}
	})
}
