package xref

import (
	"slices"

	"github.com/claimdesk/claimdesk/claims"
)

// unionFind clusters claim IDs; each cluster is named by its smallest ID.
type unionFind map[string]string

func (u unionFind) find(x string) string {
	p, ok := u[x]
	if !ok {
		u[x] = x
		return x
	}
	if p == x {
		return x
	}
	r := u.find(p)
	u[x] = r
	return r
}

func (u unionFind) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	switch {
	case ra == rb:
	case ra < rb:
		u[rb] = ra
	default:
		u[ra] = rb
	}
}

func (u unionFind) roots() map[string]string {
	out := make(map[string]string, len(u))
	for x := range u {
		out[x] = u.find(x)
	}
	return out
}

// originLink reports whether a link says its claims share an origin.
func originLink(k claims.LinkKind) bool {
	return k == claims.LinkDerivedFrom || k == claims.LinkSameStatement
}

func originsFromLinks(links []*claims.Link) map[string]string {
	u := unionFind{}
	for _, l := range links {
		if originLink(l.Kind) {
			u.union(l.FromID, l.ToID)
		}
	}
	return u.roots()
}

// Origins clusters claims that are not independent of each other: claims
// joined by derived_from or same_statement links, claims of one claimant
// and occasion, and claims of one claimant, origin source and said_on
// date. It returns each claim's cluster, named by the smallest claim ID in
// it, and the number of clusters among the claims that have a number and
// are not deprecated: the independent origins.
func Origins(cs []ClaimView, links []*claims.Link) (origin map[string]string, independent int) {
	return origins(len(cs), func(k int) (string, string, bool) {
		c := cs[k]
		return c.ID, statementKey(c.Claim), c.Interval != nil && !c.NoNumber && c.Rank != claims.RankDeprecated
	}, links)
}

// originsOf is Origins of the facts' claims.
func originsOf(facts []fact, links []*claims.Link) (origin map[string]string, independent int) {
	return origins(len(facts), func(k int) (string, string, bool) {
		f := &facts[k]
		return f.v.ID, f.statement, f.v.counted
	}, links)
}

// origins is Origins of n claims, claim k's ID, statement key and whether
// it counts among the independent origins given by claim(k).
func origins(n int, claim func(k int) (id, statement string, counted bool), links []*claims.Link) (origin map[string]string, independent int) {
	u := unionFind{}
	first := map[string]string{}
	for k := range n {
		id, st, _ := claim(k)
		u.find(id)
		if st != "" {
			if f, ok := first[st]; ok {
				u.union(f, id)
			} else {
				first[st] = id
			}
		}
	}
	for _, l := range links {
		if originLink(l.Kind) {
			u.union(l.FromID, l.ToID)
		}
	}
	origin = u.roots()
	var roots []string
	for k := range n {
		if id, _, counted := claim(k); counted {
			roots = append(roots, origin[id])
		}
	}
	slices.Sort(roots)
	return origin, len(slices.Compact(roots))
}

// UseOrigins makes c treat claims in one origin cluster of cs (see
// Origins) as reports of one statement. Without it c knows only the
// clusters its links form.
func (c *Context) UseOrigins(cs []ClaimView) {
	c.origins, _ = Origins(cs, c.linkList())
}

// useTargetOrigins is UseOrigins for the relations of one claim: as only
// pairs with target are related, it finds only target's cluster among the
// claims of facts (prepared by Context.fact) and the links, without clustering every claim (which took a map entry
// per claim, twice, on every request). Claims outside the cluster get no
// entry, which sameOrigin reads as another origin. The cluster is named by
// its smallest ID, as in Origins.
func (c *Context) useTargetOrigins(target *fact, facts []fact) {
	var links []*claims.Link
	for _, l := range c.linkList() {
		if originLink(l.Kind) {
			links = append(links, l)
		}
	}
	members := map[string]bool{target.v.ID: true}
	statements := map[string]bool{}
	if target.statement != "" {
		statements[target.statement] = true
	}
	// Grow the cluster to a fixed point: a claim joins by its statement
	// key or by a link (whose ends may be claims outside cs), and brings
	// its own key in.
	for grown := true; grown; {
		grown = false
		for k := range facts {
			id, key := facts[k].v.ID, facts[k].statement
			switch {
			case members[id]:
				if key != "" && !statements[key] {
					statements[key], grown = true, true
				}
			case key != "" && statements[key]:
				members[id], grown = true, true
			}
		}
		for _, l := range links {
			if members[l.FromID] != members[l.ToID] {
				members[l.FromID], members[l.ToID], grown = true, true, true
			}
		}
	}
	root := target.v.ID
	for id := range members {
		root = min(root, id)
	}
	c.origins = make(map[string]string, len(members))
	for id := range members {
		c.origins[id] = root
	}
}
