package gormstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

// A record describes one kind of record to the generic create, update,
// find and delete below.
type record struct {
	kind  string // "claim", in messages
	table string // "claims"
	// checkRefs returns a CodeInvalid error naming every field that refers
	// to a missing record.
	checkRefs func(tx *gorm.DB) error
	// row builds the row to write, from the record as it will be stored.
	row func() (any, error)
	// afterWrite maintains the record's side tables (tags, sources).
	afterWrite func(tx *gorm.DB) error
	// topics returns the topics the record as it will be stored belongs
	// to (a claim's topic, the topics of a link's claims), read without
	// locks; nil for records that belong to none.
	topics func(tx *gorm.DB) ([]string, error)
	// value is the domain record as it will be stored, for its history.
	value any
}

// predict returns the predictor of a write of rec: the topics the record
// as stored and as it will be stored belong to.
func (rec record) predict(id string) predictor {
	return func(tx *gorm.DB) ([]string, error) {
		ids, err := storedTopics(tx, rec.table, id)
		if err != nil || rec.topics == nil {
			return ids, err
		}
		more, err := rec.topics(tx)
		return append(ids, more...), err
	}
}

// create stores a new record, which the caller (package service) has
// normalised and validated. m is the record's Meta. On failure m is left as
// it was.
func (s *Store) create(ctx context.Context, m *claims.Meta, rec record) error {
	orig := *m
	if m.ID == "" {
		m.ID = claims.NewID()
	}
	now := s.clock()
	m.CreatedAt, m.UpdatedAt, m.Version = now, now, 1
	rs := restoringOf(ctx)
	if rs != nil {
		m.Version = rs.version
	}
	err := s.write(ctx, rec.predict(m.ID), func(tx *gorm.DB) error {
		if rs == nil {
			if err := neverDeleted(tx, rec.kind, m.ID); err != nil {
				return err
			}
		}
		if rec.checkRefs != nil {
			if err := rec.checkRefs(tx); err != nil {
				return err
			}
		}
		row, err := rec.row()
		if err != nil {
			return err
		}
		if err := tx.Table(rec.table).Create(row).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return claims.Errorf(claims.CodeConflict, "a %s with ID %q already exists", rec.kind, m.ID)
			}
			return err
		}
		if rec.afterWrite != nil {
			if err := rec.afterWrite(tx); err != nil {
				return err
			}
		}
		if err := s.logChange(ctx, tx, rec.kind, m.ID, m.Version, claims.ActionCreate, nil, rec.value); err != nil {
			return err
		}
		return touch(tx, rec.table, m.ID, afterCreate)
	})
	if err != nil {
		*m = orig
		return translate(err, "create "+rec.kind)
	}
	return nil
}

type versionRow struct {
	Version   int
	CreatedAt time.Time
}

// current returns the stored version and creation time of a record.
func current(tx *gorm.DB, rec record, id string) (versionRow, error) {
	var v versionRow
	err := tx.Table(rec.table).Select("version, created_at").Where("id = ?", id).Take(&v).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return v, claims.NotFound(rec.kind, id)
	}
	return v, err
}

// update replaces a stored record whose version is m.Version with the
// record the caller (package service) has normalised and validated. The
// UPDATE is conditional on the version, so of two concurrent updates from
// the same version exactly one wins. On failure m is left as it was.
func (s *Store) update(ctx context.Context, m *claims.Meta, rec record) error {
	orig := *m
	err := s.write(ctx, rec.predict(m.ID), func(tx *gorm.DB) error {
		// An attempt the write path runs again starts from the caller's
		// version, not the one a rolled-back attempt set.
		*m = orig
		cur, err := current(tx, rec, m.ID)
		if err != nil {
			return err
		}
		if cur.Version != m.Version {
			return stale(rec.kind, m.ID, cur.Version)
		}
		if rec.checkRefs != nil {
			if err := rec.checkRefs(tx); err != nil {
				return err
			}
		}
		var before any
		if ctx.Value(noHistoryKey{}) == nil {
			if before, err = loadRecord(tx, rec.kind, m.ID); err != nil {
				return err
			}
		}
		if err := touch(tx, rec.table, m.ID, beforeUpdate); err != nil {
			return err
		}
		m.CreatedAt, m.UpdatedAt, m.Version = cur.CreatedAt.UTC(), s.clock(), cur.Version+1
		row, err := rec.row()
		if err != nil {
			return err
		}
		res := tx.Table(rec.table).Where("id = ? AND version = ?", m.ID, cur.Version).
			Select("*").Omit("id", "created_at").Updates(row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			// Another writer got in between; report what it left.
			now, err := current(tx, rec, m.ID)
			if err != nil {
				return err
			}
			return stale(rec.kind, m.ID, now.Version)
		}
		if rec.afterWrite != nil {
			if err := rec.afterWrite(tx); err != nil {
				return err
			}
		}
		if err := s.logChange(ctx, tx, rec.kind, m.ID, m.Version, claims.ActionUpdate, before, rec.value); err != nil {
			return err
		}
		return touch(tx, rec.table, m.ID, afterUpdate)
	})
	if err != nil {
		*m = orig
		return translate(err, "update "+rec.kind)
	}
	return nil
}

// A reference is a table whose rows may still point at a record.
type reference struct {
	what  string // "claims"
	table string
	where string // "topic_id = ?"
}

// remove deletes a record at the given version (0 for any) unless other
// records still reference it.
func (s *Store) remove(ctx context.Context, kind, table, id string, version int, refs ...reference) error {
	err := s.write(ctx, record{table: table}.predict(id), func(tx *gorm.DB) error {
		cur, err := current(tx, record{kind: kind, table: table}, id)
		if err != nil {
			return err
		}
		if version != 0 && cur.Version != version {
			return stale(kind, id, cur.Version)
		}
		var still []string
		for _, r := range refs {
			var n int64
			q := tx.Table(r.table).Where(r.where, repeat(id, strings.Count(r.where, "?"))...)
			if err := q.Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				what := r.what
				if n == 1 {
					what = strings.TrimSuffix(what, "s") // "1 link", "2 links"
				}
				still = append(still, fmt.Sprintf("%d %s", n, what))
			}
		}
		if len(still) > 0 {
			return claims.Errorf(claims.CodeConflict, "%s %q is still referenced by %s: delete or change those first",
				kind, id, strings.Join(still, " and "))
		}
		before, err := loadRecord(tx, kind, id)
		if err != nil {
			return err
		}
		if err := touch(tx, table, id, beforeDelete); err != nil {
			return err
		}
		// The delete is conditional on the version the caller named, so an
		// update that commits meanwhile makes it stale; version 0 deletes
		// whatever is stored.
		q := tx.Where("id = ?", id)
		if version != 0 {
			q = q.Where("version = ?", version)
		}
		res := q.Table(table).Delete(nil)
		if res.Error != nil {
			if errors.Is(res.Error, gorm.ErrForeignKeyViolated) {
				return &claims.Error{Code: claims.CodeConflict, Err: res.Error,
					Message: fmt.Sprintf("%s %q is still referenced by other records", kind, id)}
			}
			return res.Error
		}
		if res.RowsAffected == 0 {
			now, err := current(tx, record{kind: kind, table: table}, id)
			if err != nil {
				return err
			}
			return stale(kind, id, now.Version)
		}
		return s.logChange(ctx, tx, kind, id, cur.Version+1, claims.ActionDelete, before, nil)
	})
	return translate(err, "delete "+kind)
}

func repeat(v any, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// find reads the row of a record into dest.
func (s *Store) find(ctx context.Context, dest any, kind, table, id string) error {
	err := s.db.WithContext(ctx).Table(table).Where("id = ?", id).Take(dest).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return claims.NotFound(kind, id)
	}
	return translate(err, "find "+kind)
}

// existing returns which of ids are rows of table.
func existing(tx *gorm.DB, table string, ids []string) (map[string]bool, error) {
	var found []string
	if err := tx.Table(table).Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
		return nil, err
	}
	m := make(map[string]bool, len(found))
	for _, id := range found {
		m[id] = true
	}
	return m, nil
}

// A ref is a field of a record that names another record.
type ref struct {
	field string // "provenance.relays[2].source_id"
	table string // "sources"
	kind  string // "source"
	id    string
}

// checkRefs reports every ref whose record does not exist, as a CodeInvalid
// error about a record of the given kind.
func checkRefs(tx *gorm.DB, kind string, refs ...ref) error {
	byTable := map[string][]string{}
	for _, r := range refs {
		if r.id != "" {
			byTable[r.table] = append(byTable[r.table], r.id)
		}
	}
	found := map[string]map[string]bool{}
	for table, ids := range byTable {
		m, err := existing(tx, table, ids)
		if err != nil {
			return err
		}
		found[table] = m
	}
	var p claims.Problems
	for _, r := range refs {
		if r.id != "" && !found[r.table][r.id] {
			p.Add(r.field, "no %s with ID %q", r.kind, r.id)
		}
	}
	return p.Err(kind)
}

// replaceTags rewrites the tags of a record in a tag table.
func replaceTags(tx *gorm.DB, table, key, id string, tags []string) error {
	if err := tx.Exec("DELETE FROM "+table+" WHERE "+key+" = ?", id).Error; err != nil {
		return err
	}
	return insertTags(tx, table, key, id, tags)
}
