package xref

import (
	"cmp"
	"slices"
	"strings"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Prepared is a topic's claims (and its parent topic's) made ready for the
// relations of any one of them (issue 14): the places of every claim
// resolved, and the claims grouped in classes that relate alike to any
// target. Relations on a Prepared gives what Relations gives on the same
// claims, but relates one by one only the claims whose relation to the
// target depends on more than their class: those of its statement, origin
// cluster, claimant or links, and those of a class compared with the
// target's that lie within the topic's window of it. The others (a
// different population, place, unit or measure; a date beyond the window)
// take their class's verdict without being related. A Prepared is
// immutable and safe for concurrent use; build one with Prepare and keep it
// while the topic's claims, the topics and the gazetteer are unchanged
// (links are read on each call).
type Prepared struct {
	topic, parent *claims.Topic
	gaz           *gazetteer.Gazetteer
	leanSet       // the candidates: the topic's claims, then the parent's
	sets          []gazetteer.Set
	setOf         []int32         // claims[k]'s places are sets[setOf[k]]
	start, end    []int64         // claims[k]'s reference span in days
	minutes       map[int32]int64 // claims[k]'s reference minute, for a date with a time of day
	scopePops     [][2]popRef     // the population and group of scopes[i]
	classOf       []int32
	classes       []pclass
	byID          []int32 // views by ID
	byClaimant    []int32 // views by claimant ID, then index
	byStatement   []int32 // views with a statement key, by key, then index
	statements    []string
	statementOf   []int32 // claims[k]'s statement key is statements[statementOf[k]]; -1 for none
	bytes         int
}

// pclass is one class of candidates: the same topic (own or parent),
// numbered or not, unit, change, basis kind, measure with its bound, place
// atoms, population and group. Two candidates of one class relate alike to
// any target in every rule that reads no more than these (see verdict).
type pclass struct {
	rep    fact    // a member, prepared
	parent bool    // a class of the parent topic's claims
	dated  []int32 // members with a known span, by start
	maxLen int64   // the longest span of dated
	open   []int32 // members with an open or unknown span
	size   int
}

type classKey struct {
	parent, numbered bool
	change           changeDir
	kind             int8
	unit, measure    string
	bound, places    string
	pop, grp         popRef
}

// Prepare prepares claims (the topic's, ordered by ID) and parentClaims
// (the parent topic's, when parent is not nil) for Prepared.Relations.
// A nil gazetteer means gazetteer.Builtin().
func Prepare(topic, parent *claims.Topic, g *gazetteer.Gazetteer, claimViews, parentClaims []ClaimView) *Prepared {
	return PrepareLean(topic, parent, g, LeanOf(claimViews), LeanOf(parentClaims))
}

// PrepareLean is Prepare on claims in lean form.
func PrepareLean(topic, parent *claims.Topic, g *gazetteer.Gazetteer, cs, parentClaims *Lean) *Prepared {
	ctx := NewContext(topic, g, nil)
	if parent != nil {
		ctx.WithParent(parent)
	} else {
		parentClaims = nil
	}
	n := cs.Len() + parentClaims.Len()
	p := &Prepared{topic: ctx.topic, parent: parent, gaz: ctx.gaz, leanSet: leanSet{claims: make([]lean, 0, n)},
		setOf: make([]int32, n), start: make([]int64, n), end: make([]int64, n), classOf: make([]int32, n)}
	setIx := map[string]int32{}
	classIx := map[classKey]int32{}
	statement := make([]string, n)
	for k, v := range allOf(cs, parentClaims) {
		names := ctx.placesOf(v)
		sk := strings.Join(names, "\x00")
		si, ok := setIx[sk]
		if !ok {
			si = int32(len(p.sets))
			setIx[sk] = si
			p.sets = append(p.sets, ctx.gaz.Resolve(names))
		}
		p.setOf[k] = si
		p.add(v)
		f := ctx.factSet(v, p.sets[si])
		p.start[k], p.end[k] = f.start, f.end
		if f.timed {
			if p.minutes == nil {
				p.minutes = map[int32]int64{}
			}
			p.minutes[int32(k)] = f.minute
		}
		statement[k] = f.statement
		key := classKey{parent: parent != nil && v.TopicID == parent.ID, numbered: f.numbered, change: f.change,
			kind: kindOf(f.basis), unit: f.unit, measure: string(f.measure), places: f.set.Key(), pop: f.pop, grp: f.grp}
		switch f.measure {
		case claims.Cumulative:
			key.bound = string(f.since)
		case claims.PerPeriod:
			key.bound = f.period
		}
		ci, ok := classIx[key]
		if !ok {
			ci = int32(len(p.classes))
			classIx[key] = ci
			p.classes = append(p.classes, pclass{rep: f, parent: key.parent})
		}
		p.classOf[k] = ci
		c := &p.classes[ci]
		c.size++
		if f.start == dayMin || f.end == dayMax {
			c.open = append(c.open, int32(k))
		} else {
			c.dated = append(c.dated, int32(k))
			c.maxLen = max(c.maxLen, f.end-f.start)
		}
	}
	for i := range p.classes {
		c := &p.classes[i]
		slices.SortFunc(c.dated, func(a, b int32) int { return cmp.Or(cmp.Compare(p.start[a], p.start[b]), cmp.Compare(a, b)) })
		c.dated, c.open = slices.Clip(c.dated), slices.Clip(c.open)
	}
	p.done()
	p.scopePops = make([][2]popRef, len(p.scopes))
	for i, sc := range p.scopes {
		p.scopePops[i] = [2]popRef{ctx.pops.ref(sc.Population), ctx.pops.ref(sc.Group)}
	}
	p.byID = indexes(n)
	slices.SortFunc(p.byID, func(a, b int32) int { return strings.Compare(p.claims[a].id, p.claims[b].id) })
	p.byClaimant = indexes(n)
	slices.SortFunc(p.byClaimant, func(a, b int32) int {
		return cmp.Or(strings.Compare(p.str(p.claims[a].s[lClaimant]), p.str(p.claims[b].s[lClaimant])), cmp.Compare(a, b))
	})
	for k, s := range statement {
		if s != "" {
			p.byStatement = append(p.byStatement, int32(k))
		}
	}
	slices.SortFunc(p.byStatement, func(a, b int32) int { return cmp.Or(strings.Compare(statement[a], statement[b]), cmp.Compare(a, b)) })
	p.statements = make([]string, len(p.byStatement))
	p.statementOf = make([]int32, n)
	for k := range p.statementOf {
		p.statementOf[k] = -1
	}
	for i, k := range p.byStatement {
		p.statements[i] = statement[k]
		p.statementOf[k] = int32(i)
	}
	p.bytes = p.indexBytes()
	return p
}

func indexes(n int) []int32 {
	ix := make([]int32, n)
	for k := range ix {
		ix[k] = int32(k)
	}
	return ix
}

// indexBytes estimates the memory p holds besides the views: its indexes,
// classes, sets and statement keys.
func (p *Prepared) indexBytes() int {
	n := len(p.claims)
	b := n*int(unsafe.Sizeof(lean{})) + n*(4+8+8+4+4+4+4+4) + len(p.byStatement)*(4+16)
	for _, c := range p.claims {
		b += len(c.id)
	}
	for _, s := range p.strs {
		b += 16 + len(s)
	}
	for _, sc := range p.scopes {
		b += int(unsafe.Sizeof(sc)) + 16*len(sc.Places) + len(sc.Population) + len(sc.Group) + len(sc.Measure)
	}
	b += len(p.scopePops)*int(unsafe.Sizeof([2]popRef{})) + len(p.minutes)*(4+8+8)
	b += len(p.intervals) * int(8+unsafe.Sizeof(claims.Interval{})+3*8)
	for _, s := range p.statements {
		b += len(s)
	}
	for _, c := range p.classes {
		b += int(unsafe.Sizeof(c)) + 4*(len(c.dated)+len(c.open))
	}
	for _, s := range p.sets {
		b += int(unsafe.Sizeof(s)) + 16*(len(s.Names)+len(s.Unknown)+len(s.Atoms()))
		for _, x := range s.Atoms() {
			b += len(x)
		}
	}
	return b
}

// Bytes estimates the memory p holds.
func (p *Prepared) Bytes() int { return p.bytes }

// Len returns the number of candidates: the topic's claims and the
// parent's.
func (p *Prepared) Len() int { return len(p.claims) }

// ParentID returns the ID of the parent topic p was prepared with, "" for
// none.
func (p *Prepared) ParentID() string {
	if p.parent == nil {
		return ""
	}
	return p.parent.ID
}

// Claims returns the candidates as the engine reads them: the topic's
// claims, then the parent's, each as Slim gives it with its claimant's
// name.
func (p *Prepared) Claims() []ClaimView {
	out := make([]ClaimView, len(p.claims))
	for k := range out {
		out[k] = p.view(int32(k))
	}
	return out
}

// Topic, Parent and Gazetteer return what p was prepared with.
func (p *Prepared) Topic() *claims.Topic            { return p.topic }
func (p *Prepared) Parent() *claims.Topic           { return p.parent }
func (p *Prepared) Gazetteer() *gazetteer.Gazetteer { return p.gaz }

// find returns the index of the candidate with the given ID, or -1.
func (p *Prepared) find(id string) int32 {
	i, ok := slices.BinarySearchFunc(p.byID, id, func(k int32, id string) int { return strings.Compare(p.claims[k].id, id) })
	if !ok {
		return -1
	}
	return p.byID[i]
}

func (p *Prepared) factOf(ctx *Context, k int32) fact { return p.factInto(ctx, k, new(claims.Claim)) }

// factInto is factOf with candidate k's claim written into c (see
// viewInto), its places, reference span, population, group and statement
// key the ones prepared: a request relates thousands of candidates, and
// parsing their dates and folding their populations again took a third
// of the time of making their facts.
func (p *Prepared) factInto(ctx *Context, k int32, c *claims.Claim) fact {
	sp := refSpan{start: p.start[k], end: p.end[k]}
	sp.minute, sp.timed = p.minutes[k]
	pops := &p.scopePops[p.claims[k].scope]
	f := ctx.factWith(p.viewInto(k, c), p.sets[p.setOf[k]], sp, pops[0], pops[1])
	if i := p.statementOf[k]; i >= 0 {
		f.statement = p.statements[i]
	}
	return f
}

// verdict is how the members of a class relate to a target, when that
// does not depend on the member itself: in is the kind of a member within
// the topic's window of the target (all members unless windowed), out the
// kind of one beyond it; "" means each such member is related.
type verdict struct {
	windowed bool
	in, out  Kind
}

// verdictOf follows decideAuto (and partWhole) for the members of c that
// share no statement, origin, claimant nor link with target: the rules it
// passes read only what the class key holds. target is not a change (a
// change's relations depend on each member's period).
func (ctx *Context) verdictOf(target *fact, c *pclass) verdict {
	rep := &c.rep
	if c.parent {
		switch {
		case incomparable(target, rep) != "":
			return verdict{in: NotComparable}
		case target.measure != rep.measure:
			return verdict{in: NotComparable}
		}
		v := verdict{windowed: true, out: ChangeOverTime}
		switch gazetteer.Compare(target.set, rep.set) {
		case gazetteer.Equal, gazetteer.Unknown, gazetteer.Inside:
		default:
			v.in = ScopeDiffers
		}
		return v
	}
	if incomparable(target, rep) != "" {
		return verdict{in: NotComparable}
	}
	places := gazetteer.Compare(target.set, rep.set)
	cmp := ctx.compare(target, rep, places)
	switch cmp.mode {
	case modeNone:
		r := Relation{Places: places}
		ctx.notCompared(target, rep, &r, cmp.why)
		return verdict{in: r.Kind}
	case modeWindow:
		return verdict{windowed: true, out: ChangeOverTime}
	}
	return verdict{}
}

// rank is a relation's place in the order of a relations page.
type rank struct {
	conflict bool
	severity float64
	id       string
}

func compareRank(a, b rank) int {
	return cmp.Or(-boolCmp(a.conflict, b.conflict), cmp.Compare(b.severity, a.severity), strings.Compare(a.id, b.id))
}

// Relations returns the page of target's relations that Relations returns
// for target and the candidates p was prepared with, and a Context with
// links, and the parent set when p has one. ok is false when target is
// not a claim of p's topic.
func (p *Prepared) Relations(targetID string, links []*claims.Link, q RelationQuery) (page RelationPage, ok bool) {
	t := p.find(targetID)
	if t < 0 || p.str(p.claims[t].s[lTopic]) != p.topic.ID {
		return RelationPage{}, false
	}
	ctx := NewContext(p.topic, p.gaz, links)
	if p.parent != nil {
		ctx.WithParent(p.parent)
	}
	ft := p.factOf(ctx, t)
	ctx.origins = p.targetOrigins(ctx, t)
	keep := func(k Kind) bool { return len(q.Kinds) == 0 || slices.Contains(q.Kinds, k) }

	// Members related one by one: the target's statement and origin
	// cluster (in ctx.origins), claimant and links, and every member when
	// the target is a change.
	special := map[int32]bool{}
	for id := range ctx.origins {
		if k := p.find(id); k >= 0 {
			special[k] = true
		}
	}
	lo, _ := slices.BinarySearchFunc(p.byClaimant, ft.v.ClaimantID, func(k int32, id string) int { return strings.Compare(p.str(p.claims[k].s[lClaimant]), id) })
	for _, k := range p.byClaimant[lo:] {
		if p.str(p.claims[k].s[lClaimant]) != ft.v.ClaimantID {
			break
		}
		special[k] = true
	}
	for key := range ctx.links {
		if key[0] != targetID && key[1] != targetID {
			continue
		}
		for _, id := range key {
			if k := p.find(id); k >= 0 {
				special[k] = true
			}
		}
	}
	delete(special, t)
	all := ft.change != notChange
	verdicts := make([]verdict, len(p.classes))
	w := int64(p.topic.Window())
	within := func(k int32) bool {
		return daysApart(&ft, &fact{start: p.start[k], end: p.end[k]}) <= w
	}

	type scored struct {
		rank
		k int32
	}
	var related []scored
	ctx.terse = true
	// The ranking keeps no claim of the facts it relates: one scratch
	// claim serves them all.
	var scratch claims.Claim
	relate := func(k int32) {
		f := p.factInto(ctx, k, &scratch)
		r := ctx.relate(&ft, &f)
		if keep(r.Kind) {
			related = append(related, scored{rank{r.Conflict(), r.Severity, r.OtherID}, k})
		}
	}
	total := 0
	for i := range p.classes {
		c := &p.classes[i]
		if all {
			verdicts[i] = verdict{}
		} else {
			verdicts[i] = ctx.verdictOf(&ft, c)
		}
		v := verdicts[i]
		if !v.windowed {
			if v.in == "" {
				for _, ks := range [][]int32{c.dated, c.open} {
					for _, k := range ks {
						if k != t && !special[k] {
							relate(k)
						}
					}
				}
			} else if keep(v.in) {
				total += c.size
			}
			continue
		}
		// Windowed: only the dated members whose start lies within the
		// window of the target's span (less the class's longest span) can
		// be within the window, and the open ones.
		inWindow := 0
		visit := func(k int32) {
			if !within(k) {
				return
			}
			inWindow++
			if k == t || special[k] {
				return
			}
			if v.in == "" {
				relate(k)
			} else if keep(v.in) {
				total++
			}
		}
		from, _ := slices.BinarySearchFunc(c.dated, ft.start-w-c.maxLen, func(k int32, d int64) int { return cmp.Compare(p.start[k], d) })
		for _, k := range c.dated[from:] {
			if p.start[k] > ft.end+w {
				break
			}
			visit(k)
		}
		for _, k := range c.open {
			visit(k)
		}
		if keep(v.out) {
			total += c.size - inWindow
		}
	}
	// The class counts above hold the special members and the target
	// where they take the class's verdict; they are related (or skipped)
	// here instead.
	counted := func(k int32) bool {
		v := verdicts[p.classOf[k]]
		if v.windowed {
			return !within(k) && keep(v.out)
		}
		return v.in != "" && keep(v.in)
	}
	for k := range special {
		if counted(k) {
			total--
		}
		relate(k)
	}
	if counted(t) {
		total--
	}
	ctx.terse = false
	total += len(related)

	// The members that take their class's verdict rank after every
	// conflict and before any relation of a severity below 1, by ID.
	constant := func(k int32) bool {
		if k == t || special[k] {
			return false
		}
		v := verdicts[p.classOf[k]]
		in := !v.windowed || within(k)
		return isConstant(v, in) && keep(constantKind(v, in))
	}
	page = RelationPage{Total: total, Items: []Relation{}}
	limit := q.Limit
	if limit <= 0 {
		limit = claims.DefaultLimit
	}
	off := max(q.Offset, 0)
	if off >= total {
		return page, true
	}
	end := min(total, off+limit)
	// The merge below reads at most the first end of the related members.
	sortFirst(related, end, func(a, b scored) int { return compareRank(a.rank, b.rank) })
	page.Items = make([]Relation, 0, end-off)
	pos, r, c := 0, 0, 0 // pos in the merged order, r in related, c in byID
	nextConstant := func() int32 {
		for ; c < len(p.byID); c++ {
			if k := p.byID[c]; constant(k) {
				return k
			}
		}
		return -1
	}
	kc := nextConstant()
	for pos < end {
		var k int32
		if kc >= 0 && (r == len(related) || compareRank(rank{false, 1, p.claims[kc].id}, related[r].rank) < 0) {
			k = kc
			c++
			kc = nextConstant()
		} else {
			k = related[r].k
			r++
		}
		if pos >= off {
			f := p.factOf(ctx, k)
			page.Items = append(page.Items, ctx.relate(&ft, &f))
		}
		pos++
	}
	if end < total {
		page.NextOffset = end
	}
	return page, true
}

// sortFirst puts the n least elements of s by cmp, sorted, first, and
// the rest after them in no order: a page reads the first few of the
// thousands of members a target of a large topic is related to one by
// one, and sorting them all was a tenth of a request's ranking. cmp must
// order no two elements alike (ranks end with the ID), so that the first
// n are the ones a whole sort puts first.
func sortFirst[E any](s []E, n int, cmp func(a, b E) int) {
	if n >= len(s)/4 {
		slices.SortFunc(s, cmp)
		return
	}
	if n <= 0 {
		return
	}
	// h is a heap of the n least seen so far, the greatest at its root.
	h := s[:n]
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= n {
				return
			}
			if c+1 < n && cmp(h[c+1], h[c]) > 0 {
				c++
			}
			if cmp(h[c], h[i]) <= 0 {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for i := n; i < len(s); i++ {
		if cmp(s[i], h[0]) < 0 {
			h[0], s[i] = s[i], h[0]
			down(0)
		}
	}
	slices.SortFunc(h, cmp)
}

func isConstant(v verdict, in bool) bool { return constantKind(v, in) != "" }

func constantKind(v verdict, in bool) Kind {
	if in || !v.windowed {
		return v.in
	}
	return v.out
}

// targetOrigins is useTargetOrigins on p's candidates: target's origin
// cluster grown through the statement keys and the origin links, named by
// its smallest ID.
func (p *Prepared) targetOrigins(ctx *Context, t int32) map[string]string {
	linked := map[string][]string{}
	for _, l := range ctx.linkList() {
		if originLink(l.Kind) {
			linked[l.FromID] = append(linked[l.FromID], l.ToID)
			linked[l.ToID] = append(linked[l.ToID], l.FromID)
		}
	}
	members := map[string]bool{}
	keys := map[string]bool{}
	queue := []string{p.claims[t].id}
	members[p.claims[t].id] = true
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		add := func(o string) {
			if !members[o] {
				members[o] = true
				queue = append(queue, o)
			}
		}
		if k := p.find(id); k >= 0 {
			if key := statementKey(p.view(k).Claim); key != "" && !keys[key] {
				keys[key] = true
				i, _ := slices.BinarySearch(p.statements, key)
				for ; i < len(p.statements) && p.statements[i] == key; i++ {
					add(p.claims[p.byStatement[i]].id)
				}
			}
		}
		for _, o := range linked[id] {
			add(o)
		}
	}
	root := p.claims[t].id
	for id := range members {
		root = min(root, id)
	}
	out := make(map[string]string, len(members))
	for id := range members {
		out[id] = root
	}
	return out
}
