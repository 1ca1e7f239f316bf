package gormstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// placeRow is a place an analyst added to the gazetteer.
type placeRow struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	Kind      string
	Aliases   string
	Parents   string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (placeRow) TableName() string { return "custom_places" }

func (r *placeRow) place() (gazetteer.Place, error) {
	p := gazetteer.Place{ID: r.ID, Name: r.Name, Kind: gazetteer.Kind(r.Kind)}
	if err := fromJSON(r.Aliases, "place aliases", &p.Aliases); err != nil {
		return p, err
	}
	return p, fromJSON(r.Parents, "place parents", &p.In)
}

func customPlaces(tx *gorm.DB) ([]gazetteer.Place, error) {
	var rows []placeRow
	if err := tx.Order("created_at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]gazetteer.Place, len(rows))
	for i := range rows {
		p, err := rows[i].place()
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// cachedGazetteer is the last gazetteer loadGazetteer built, with the
// custom places it was built from (key) and its version.
type cachedGazetteer struct {
	key string
	g   *gazetteer.Gazetteer
	// version names the gazetteer's content: a digest of key, the custom
	// places beside the built-in ones (the built-in table is the
	// program's). The caches keyed by the gazetteer (preparedKey,
	// RelationsVersion) hold it by version, not by g's address: a
	// gazetteer built again with the same places, as when another store of
	// the process built its own in between (lastGazetteer is the
	// process's), has a new address though nothing changed, and the
	// address of one no longer used may be taken by a later one of other
	// places (a key holds the address as text, which keeps nothing alive).
	version string
}

var lastGazetteer atomic.Pointer[cachedGazetteer]

// loadGazetteer returns the built-in gazetteer with the custom places. It
// reads the custom places on every call, but builds the gazetteer only
// when they differ from the last call's: a recompute no longer copies the
// built-in table each time. The result is shared: callers must not Add
// to it (CreatePlace adds to a Clone).
func loadGazetteer(tx *gorm.DB) (*gazetteer.Gazetteer, error) {
	c, err := loadCachedGazetteer(tx)
	if err != nil {
		return nil, err
	}
	return c.g, nil
}

// loadCachedGazetteer is loadGazetteer, with the gazetteer's version.
func loadCachedGazetteer(tx *gorm.DB) (*cachedGazetteer, error) {
	ps, err := customPlaces(tx)
	if err != nil {
		return nil, err
	}
	var key strings.Builder
	for _, p := range ps {
		for _, s := range [][]string{{p.ID, p.Name, string(p.Kind)}, p.Aliases, p.In} {
			for _, v := range s {
				key.WriteString(v)
				key.WriteByte(0)
			}
			key.WriteByte(1)
		}
	}
	if c := lastGazetteer.Load(); c != nil && c.key == key.String() {
		return c, nil
	}
	g := gazetteer.Builtin()
	if err := g.Add(ps...); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(key.String()))
	c := &cachedGazetteer{key: key.String(), g: g, version: hex.EncodeToString(sum[:8])}
	lastGazetteer.Store(c)
	return c, nil
}

// Gazetteer returns the built-in gazetteer with the analysts' places.
func (s *Store) Gazetteer(ctx context.Context) (*gazetteer.Gazetteer, error) {
	g, err := loadGazetteer(s.db.WithContext(ctx))
	return g, translate(err, "read gazetteer")
}

// GazetteerVersion returns the version of the gazetteer Gazetteer
// returns: it changes when the custom places do, and not otherwise (see
// cachedGazetteer). The custom places are read again only after a commit
// (the commit watch, where the store has one): a cached search of a
// Russian query, keyed by it too, read them on every request, at 2.3x to
// 2.5x the CPU of one keyed by SearchVersion alone (1.5x through the
// watch).
func (s *Store) GazetteerVersion(ctx context.Context) (string, error) {
	v, err := s.watched(ctx, "gazetteer", func(db *gorm.DB) (string, error) {
		c, err := loadCachedGazetteer(db)
		if err != nil {
			return "", err
		}
		return c.version, nil
	})
	return v, translate(err, "read gazetteer")
}

// CustomPlaces returns the places analysts added, oldest first.
func (s *Store) CustomPlaces(ctx context.Context) ([]gazetteer.Place, error) {
	ps, err := customPlaces(s.db.WithContext(ctx))
	return ps, translate(err, "read custom places")
}

// CreatePlace adds a custom place, as claims/service prepared it (its ID,
// kind and lists set, its name checked), and recomputes the topics whose
// claims name places the gazetteer did not know: only they can change.
// What needs the database is checked here: a place that clashes with a
// known name or ID, or names an unknown parent, is CodeInvalid.
func (s *Store) CreatePlace(ctx context.Context, p *gazetteer.Place) error {
	err := s.write(ctx, nil, func(tx *gorm.DB) error {
		g, err := loadGazetteer(tx)
		if err != nil {
			return err
		}
		g = g.Clone()
		if err := g.Add(*p); err != nil {
			var ie *gazetteer.InvalidError
			if !errors.As(err, &ie) {
				return err
			}
			var pr claims.Problems
			pr.Add("place", "%s", ie.Reason)
			return pr.Err("place")
		}
		aliases, _ := toJSON(p.Aliases)
		parents, _ := toJSON(p.In)
		row := placeRow{ID: p.ID, Name: p.Name, Kind: string(p.Kind), Aliases: aliases, Parents: parents, CreatedAt: s.clock()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		var topics []string
		if err := tx.Table("topic_summaries").Where("unknown_count > 0").Pluck("topic_id", &topics).Error; err != nil {
			return err
		}
		dirtyOf(tx).add(true, topics...)
		return nil
	})
	return translate(err, "create place")
}

// DeletePlace removes a custom place, named by ID or name, and recomputes
// the topics that named it (placeTopics), with their parents and children
// as a write's: recomputing every topic in the one transaction held
// SQLite's write lock for minutes at a million claims, and ran out of
// PostgreSQL's lock table (a lock a topic) past about 12,500 topics.
func (s *Store) DeletePlace(ctx context.Context, idOrName string) error {
	err := s.write(ctx, nil, func(tx *gorm.DB) error {
		ps, err := customPlaces(tx)
		if err != nil {
			return err
		}
		key := gazetteer.Fold(idOrName)
		var found *gazetteer.Place
		for i := range ps {
			if ps[i].ID == idOrName || gazetteer.Fold(ps[i].Name) == key {
				found = &ps[i]
				break
			}
		}
		if found == nil {
			if _, ok := gazetteer.Builtin().Lookup(idOrName); ok {
				return claims.Errorf(claims.CodeInvalid, "place %q is built in: only places analysts added can be deleted", idOrName)
			}
			return claims.NotFound("place", idOrName)
		}
		var inside []string
		for _, p := range ps {
			for _, parent := range p.In {
				if parent == found.ID {
					inside = append(inside, p.Name)
				}
			}
		}
		if len(inside) > 0 {
			return claims.Errorf(claims.CodeConflict, "place %q still contains %s: delete them first", found.Name, strings.Join(inside, ", "))
		}
		before, err := loadGazetteer(tx)
		if err != nil {
			return err
		}
		if err := tx.Where("id = ?", found.ID).Delete(&placeRow{}).Error; err != nil {
			return err
		}
		after, err := loadGazetteer(tx)
		if err != nil {
			return err
		}
		// The names of the places holding the deleted one lose its own
		// elements; that changes no relation when it lies in one place
		// that is no region: every name covering that place's own elements
		// covered the deleted place's too. A region is its members, and
		// its members named one by one covered it less the deleted place;
		// with two places holding it, one's name could overlap the other's
		// in it alone. There every name that resolves differently counts.
		var gone []string
		if in := found.In; len(in) == 0 || len(in) == 1 && !isRegion(before, in[0]) {
			gone = before.Resolve([]string{found.ID}).Atoms()
		}
		topics, err := placeTopics(tx, before, after, gone)
		if err != nil {
			return err
		}
		dirtyOf(tx).add(true, topics...)
		return nil
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return claims.NotFound("place", idOrName)
	}
	return translate(err, "delete place")
}

// isRegion reports whether id names a region: a grouping defined by its
// members.
func isRegion(g *gazetteer.Gazetteer, id string) bool {
	p, ok := g.Lookup(id)
	return ok && p.Kind == gazetteer.Region
}

// placeTopics returns the topics whose claims or own places name a place
// that the gazetteers before and after a custom place was deleted resolve
// differently: the topics the deletion can change. The deleted place's
// own elements (gone) are set aside where DeletePlace found that no
// relation turns on them: "Syria", holding a town deleted, then does not
// count. Each
// distinct list of places (a claim's, a topic's) is decoded once, and
// each name in it resolved once by each gazetteer.
func placeTopics(tx *gorm.DB, before, after *gazetteer.Gazetteer, gone []string) ([]string, error) {
	moved := map[string]bool{}
	changed := func(list string) (bool, error) {
		if !strings.HasPrefix(list, "[") {
			return false, nil // no list, no place
		}
		var names []string
		if err := fromJSON(list, "places", &names); err != nil {
			return false, err
		}
		for _, n := range names {
			m, ok := moved[n]
			if !ok {
				a, b := before.Resolve([]string{n}), after.Resolve([]string{n})
				kept := slices.DeleteFunc(slices.Clone(a.Atoms()), func(e string) bool { return slices.Contains(gone, e) })
				m = !slices.Equal(kept, b.Atoms()) || !slices.Equal(a.Names, b.Names) || !slices.Equal(a.Unknown, b.Unknown)
				moved[n] = m
			}
			if m {
				return true, nil
			}
		}
		return false, nil
	}
	var lists, hit []string
	if err := tx.Table("claims").Distinct("places").Pluck("places", &lists).Error; err != nil {
		return nil, err
	}
	for _, l := range lists {
		m, err := changed(l)
		if err != nil {
			return nil, err
		}
		if m {
			hit = append(hit, l)
		}
	}
	topics := map[string]bool{}
	for chunk := range slices.Chunk(hit, 500) {
		var ids []string
		if err := tx.Table("claims").Where("places IN ?", chunk).Distinct("topic_id").Pluck("topic_id", &ids).Error; err != nil {
			return nil, err
		}
		for _, id := range ids {
			topics[id] = true
		}
	}
	var rows []struct{ ID, Places string }
	if err := tx.Table("topics").Select("id, places").Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		m, err := changed(r.Places)
		if err != nil {
			return nil, err
		}
		if m {
			topics[r.ID] = true
		}
	}
	return slices.Sorted(maps.Keys(topics)), nil
}
