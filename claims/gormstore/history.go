package gormstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

var (
	_ claims.History         = (*Store)(nil)
	_ exchange.HistoryStore  = (*Store)(nil)
	_ exchange.HistoryWriter = (*bulkWriter)(nil)
)

// History: every create, update, delete and restore writes one line to
// the history table in the transaction of the write itself, so a write
// and its line commit or roll back together. Deleted records leave their
// tables (lists, comparisons and exports never see them) and live on in
// their last line, from which Undelete brings them back. The write path
// calls logChange, loadRecord and neverDeleted; nothing else does.

// historyRow is a line of the history table.
type historyRow struct {
	Kind         string
	RecordID     string
	Version      int
	Action       string
	Actor        string
	At           time.Time
	Reason       string
	RestoredFrom int
	Cause        string
	BeforeDoc    *string
	AfterDoc     *string
}

func (r *historyRow) domain() claims.Change {
	c := claims.Change{Kind: r.Kind, RecordID: r.RecordID, Version: r.Version, Action: claims.Action(r.Action),
		Actor: r.Actor, At: r.At.UTC(), Reason: r.Reason, RestoredFrom: r.RestoredFrom, Cause: r.Cause}
	if r.BeforeDoc != nil {
		c.Before = json.RawMessage(*r.BeforeDoc)
	}
	if r.AfterDoc != nil {
		c.After = json.RawMessage(*r.AfterDoc)
	}
	return c
}

// restoring is what a restore tells the create and update it runs: the
// version to store (create) and the version brought back.
type restoring struct {
	version int
	from    int
}

type restoringKey struct{}
type causeKey struct{}

// noHistoryKey turns history off for the writes made with its context:
// only the benchmark that measures what history costs sets it.
type noHistoryKey struct{}

func restoringOf(ctx context.Context) *restoring {
	r, _ := ctx.Value(restoringKey{}).(*restoring)
	return r
}

// logChange writes the history line of a write: before and after are the
// domain records (nil for none).
func (s *Store) logChange(ctx context.Context, tx *gorm.DB, kind, id string, version int, action claims.Action, before, after any) error {
	if ctx.Value(noHistoryKey{}) != nil {
		return nil
	}
	row := historyRow{Kind: kind, RecordID: id, Version: version, Action: string(action),
		Actor: claims.ActorFrom(ctx).Name, At: s.clock(), Reason: claims.ReasonFrom(ctx)}
	if row.Actor == "" {
		row.Actor = claims.SystemActor
	}
	if rs := restoringOf(ctx); rs != nil && action != claims.ActionDelete {
		row.Action, row.RestoredFrom = string(claims.ActionRestore), rs.from
	}
	if c, ok := ctx.Value(causeKey{}).(string); ok && action == claims.ActionDelete {
		row.Cause = c
	}
	for _, d := range []struct {
		v   any
		dst **string
	}{{before, &row.BeforeDoc}, {after, &row.AfterDoc}} {
		if d.v == nil {
			continue
		}
		b, err := json.Marshal(d.v)
		if err != nil {
			return fmt.Errorf("history of %s %q: %w", kind, id, err)
		}
		doc := string(b)
		*d.dst = &doc
	}
	return tx.Table("history").Create(&row).Error
}

// loaders read a stored record as its domain value, for the "before" of
// a history line.
var loaders = map[string]func(tx *gorm.DB, id string) (any, error){
	"topic":    loader("topics", (*topicRow).domain),
	"source":   loader("sources", (*sourceRow).domain),
	"claimant": loader("claimants", (*claimantRow).domain),
	"claim":    loader("claims", (*claimRow).domain),
	"link":     loader("links", (*linkRow).domain),
	"review":   loader("reviews", (*reviewRow).domain),
}

func loader[R any, D any](table string, domain func(*R) (D, error)) func(tx *gorm.DB, id string) (any, error) {
	return func(tx *gorm.DB, id string) (any, error) {
		var r R
		if err := tx.Table(table).Where("id = ?", id).Take(&r).Error; err != nil {
			return nil, err
		}
		return domain(&r)
	}
}

func loadRecord(tx *gorm.DB, kind, id string) (any, error) {
	load, ok := loaders[kind]
	if !ok {
		return nil, fmt.Errorf("history: unknown kind %q", kind)
	}
	return load(tx, id)
}

// latest returns the newest history line of a record, or nil.
func latest(tx *gorm.DB, kind, id string) (*historyRow, error) {
	var r historyRow
	err := tx.Table("history").Where("kind = ? AND record_id = ?", kind, id).Order("version DESC").Limit(1).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// neverDeleted refuses to create a record with the ID of a deleted one:
// IDs are never reused, so an old link or If-Match can never reach a
// stranger's record.
func neverDeleted(tx *gorm.DB, kind, id string) error {
	last, err := latest(tx, kind, id)
	if err != nil || last == nil || last.Action != string(claims.ActionDelete) {
		return err
	}
	return claims.Errorf(claims.CodeConflict,
		"%s %q was deleted by %s on %s and IDs are never reused: an admin can restore it from the trash, or choose another ID",
		kind, id, last.Actor, last.At.UTC().Format(time.RFC3339))
}

func kindKnown(kind string) error {
	if _, ok := loaders[kind]; !ok {
		return claims.Errorf(claims.CodeNotFound, "no kind of record %q: use one of %s", kind, strings.Join(claims.HistoryKinds, ", "))
	}
	return nil
}

// History returns the history of a record, oldest first.
func (s *Store) History(ctx context.Context, kind, id string) ([]claims.Change, error) {
	if err := kindKnown(kind); err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	var rows []historyRow
	if err := db.Table("history").Where("kind = ? AND record_id = ?", kind, id).Order("version").Find(&rows).Error; err != nil {
		return nil, translate(err, "read history")
	}
	if len(rows) == 0 {
		if _, err := loadRecord(db, kind, id); err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return nil, claims.NotFound(kind, id)
			}
			return nil, translate(err, "read history")
		}
	}
	out := make([]claims.Change, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// maxTrash bounds the trash listing.
const maxTrash = 500

// Trash returns the delete lines of records still deleted, newest first.
func (s *Store) Trash(ctx context.Context) ([]claims.Change, error) {
	var rows []historyRow
	err := s.db.WithContext(ctx).Table("history AS h").
		Where("h.action = ? AND h.version = (SELECT MAX(version) FROM history AS n WHERE n.kind = h.kind AND n.record_id = h.record_id)",
			string(claims.ActionDelete)).
		Order("h.at DESC, h.kind, h.record_id").Limit(maxTrash).Find(&rows).Error
	if err != nil {
		return nil, translate(err, "read trash")
	}
	out := make([]claims.Change, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
		out[i].After = nil
	}
	return out, nil
}

// restorers write a record back from a history document: update it when
// it is stored (live), create it again when it was deleted. The record
// read from the document goes through prepare first (the service's
// normalising and validating: a version written under older rules comes
// back as today's rules read it, and must still be valid), then is stored
// as given.
var restorers = map[string]func(s *Store, ctx context.Context, doc []byte, current int, live bool, prepare func(any) error) error{
	"topic":    restorer(func(t *claims.Topic) *claims.Meta { return &t.Meta }, (*Store).CreateTopic, (*Store).UpdateTopic),
	"source":   restorer(func(t *claims.Source) *claims.Meta { return &t.Meta }, (*Store).CreateSource, (*Store).UpdateSource),
	"claimant": restorer(func(t *claims.Claimant) *claims.Meta { return &t.Meta }, (*Store).CreateClaimant, (*Store).UpdateClaimant),
	"claim":    restorer(func(t *claims.Claim) *claims.Meta { return &t.Meta }, (*Store).CreateClaim, (*Store).UpdateClaim),
	"link":     restorer(func(t *claims.Link) *claims.Meta { return &t.Meta }, (*Store).CreateLink, (*Store).UpdateLink),
	"review":   restorer(func(t *claims.Review) *claims.Meta { return &t.Meta }, (*Store).CreateReview, (*Store).UpdateReview),
}

func restorer[T any](meta func(*T) *claims.Meta, create, update func(*Store, context.Context, *T) error) func(*Store, context.Context, []byte, int, bool, func(any) error) error {
	return func(s *Store, ctx context.Context, doc []byte, current int, live bool, prepare func(any) error) error {
		v := new(T)
		if err := json.Unmarshal(doc, v); err != nil {
			return fmt.Errorf("history document: %w", err)
		}
		if err := prepare(v); err != nil {
			return err
		}
		if live {
			meta(v).Version = current
			return update(s, ctx, v)
		}
		return create(s, ctx, v)
	}
}

// Restore makes version of a stored record current again, as a new
// version whose history line says which one it brought back. The record
// goes through prepare (claims/service's) before it is stored as given.
func (s *Store) Restore(ctx context.Context, kind, id string, version int, prepare func(rec any) error) (*claims.Change, error) {
	if err := kindKnown(kind); err != nil {
		return nil, err
	}
	var out *claims.Change
	err := s.Atomically(ctx, func(txs claims.Store) error {
		tx := txs.(*Store)
		db := tx.db.WithContext(ctx)
		var line historyRow
		err := db.Table("history").Where("kind = ? AND record_id = ? AND version = ?", kind, id, version).Take(&line).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			var p claims.Problems
			p.Add("version", "%s %q has no version %d in its history", kind, id, version)
			return p.Err("restore")
		}
		if err != nil {
			return err
		}
		if line.AfterDoc == nil {
			var p claims.Problems
			p.Add("version", "version %d of %s %q is its deletion: restore the version before it", version, kind, id)
			return p.Err("restore")
		}
		cur, err := current(db, record{kind: kind, table: kind + "s"}, id)
		if claims.ErrorCode(err) == claims.CodeNotFound {
			return claims.Errorf(claims.CodeConflict, "%s %q is deleted: an admin can bring it back from the trash first", kind, id)
		}
		if err != nil {
			return err
		}
		rctx := context.WithValue(ctx, restoringKey{}, &restoring{from: version})
		if err := restorers[kind](tx, rctx, []byte(*line.AfterDoc), cur.Version, true, prepare); err != nil {
			return err
		}
		out, err = tx.lastChange(ctx, kind, id)
		return err
	})
	return out, translate(err, "restore "+kind)
}

// Undelete brings a deleted record back as it was when deleted, with the
// records its cascading delete took along. The record comes back with the
// version after its deletion's. Each record goes through prepare, as in
// Restore.
func (s *Store) Undelete(ctx context.Context, kind, id string, prepare func(rec any) error) (*claims.Change, error) {
	if err := kindKnown(kind); err != nil {
		return nil, err
	}
	var out *claims.Change
	err := s.Atomically(ctx, func(txs claims.Store) error {
		tx := txs.(*Store)
		if err := tx.undelete(ctx, kind, id, prepare); err != nil {
			return err
		}
		db := tx.db.WithContext(ctx)
		var along []historyRow
		if err := db.Table("history").Where("cause = ? AND action = ?", kind+"/"+id, string(claims.ActionDelete)).
			Order("at, kind, record_id").Find(&along).Error; err != nil {
			return err
		}
		for _, a := range along {
			last, err := latest(db, a.Kind, a.RecordID)
			if err != nil {
				return err
			}
			if last.Version != a.Version {
				continue // already restored, or changed since
			}
			if err := tx.undelete(ctx, a.Kind, a.RecordID, prepare); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.lastChange(ctx, kind, id)
		return err
	})
	return out, translate(err, "undelete "+kind)
}

func (s *Store) undelete(ctx context.Context, kind, id string, prepare func(any) error) error {
	db := s.db.WithContext(ctx)
	last, err := latest(db, kind, id)
	if err != nil {
		return err
	}
	if last == nil || last.Action != string(claims.ActionDelete) || last.BeforeDoc == nil {
		return claims.Errorf(claims.CodeNotFound, "%s %q is not in the trash", kind, id)
	}
	rctx := context.WithValue(ctx, restoringKey{}, &restoring{version: last.Version + 1, from: last.Version - 1})
	return restorers[kind](s, rctx, []byte(*last.BeforeDoc), 0, false, prepare)
}

func (s *Store) lastChange(ctx context.Context, kind, id string) (*claims.Change, error) {
	last, err := latest(s.db.WithContext(ctx), kind, id)
	if err != nil || last == nil {
		return nil, err
	}
	c := last.domain()
	return &c, nil
}

// DeleteClaimCascade deletes a claim together with the links and reviews
// that name it, each with its history line; undeleting the claim brings
// them back.
func (s *Store) DeleteClaimCascade(ctx context.Context, id string, version int) error {
	err := s.Atomically(ctx, func(txs claims.Store) error {
		tx := txs.(*Store)
		db := tx.db.WithContext(ctx)
		if _, err := current(db, record{kind: "claim", table: "claims"}, id); err != nil {
			return err
		}
		cctx := context.WithValue(ctx, causeKey{}, "claim/"+id)
		var links, reviews []string
		if err := db.Table("links").Where("from_id = ? OR to_id = ?", id, id).Order("id").Pluck("id", &links).Error; err != nil {
			return err
		}
		if err := db.Table("reviews").Where("claim_a = ? OR claim_b = ?", id, id).Order("id").Pluck("id", &reviews).Error; err != nil {
			return err
		}
		for _, l := range links {
			if err := tx.DeleteLink(cctx, l, 0); err != nil {
				return err
			}
		}
		for _, r := range reviews {
			if err := tx.DeleteReview(cctx, r, 0); err != nil {
				return err
			}
		}
		return tx.DeleteClaim(ctx, id, version)
	})
	return translate(err, "delete claim")
}

// historyColumns are the columns EachChange reads, in scan order.
const historyColumns = "kind, record_id, version, action, actor, at, reason, restored_from, cause, before_doc, after_doc"

// EachChange streams the history lines of the records f selects, by kind,
// record and version: every line without a topic (deleted records'
// included), and with one the lines of the records its export holds.
func (s *Store) EachChange(ctx context.Context, f exchange.Filter, fn func(*claims.Change) error) error {
	q := s.db.WithContext(ctx).Table("history")
	if f.TopicID != "" {
		chain, err := s.topicChain(ctx, f.TopicID)
		if err != nil {
			return err
		}
		in := func(sub string) string { return "record_" + sub }
		q = q.Where(s.db.Where("kind = 'topic' AND record_id IN ?", chain).
			Or("kind = 'claim' AND record_id "+inTopic, f.TopicID).
			Or("kind = 'source' AND "+in(sourcesOf), f.TopicID).
			Or("kind = 'claimant' AND "+in(claimantsOf), f.TopicID).
			Or("kind = 'link' AND record_id IN (SELECT id FROM links WHERE "+linksOfTopic+")", f.TopicID, f.TopicID).
			Or("kind = 'review' AND record_id IN (SELECT id FROM reviews WHERE "+reviewsOfTopc+")", f.TopicID, f.TopicID))
	}
	if s.dialect == dialectSQLite {
		q = q.WithContext(context.WithoutCancel(ctx)) // see stream
	}
	rows, err := q.Select(historyColumns).Order("kind, record_id, version").Rows()
	if err != nil {
		return translate(err, "export history")
	}
	defer rows.Close()
	for n := 0; rows.Next(); n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var r historyRow
		if err := rows.Scan(&r.Kind, &r.RecordID, &r.Version, &r.Action, &r.Actor, &r.At, &r.Reason,
			&r.RestoredFrom, &r.Cause, &r.BeforeDoc, &r.AfterDoc); err != nil {
			return translate(err, "export history")
		}
		c := r.domain()
		if err := fn(&c); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "export history")
}

// InsertHistory writes imported lines of history as they are, in the
// import's transaction; a line whose kind, record and version are stored
// is skipped.
func (w *bulkWriter) InsertHistory(ctx context.Context, lines []claims.Change) (int, error) {
	rows := make([]historyRow, len(lines))
	for i, c := range lines {
		rows[i] = historyRow{Kind: c.Kind, RecordID: c.RecordID, Version: c.Version, Action: string(c.Action),
			Actor: c.Actor, At: c.At.UTC(), Reason: c.Reason, RestoredFrom: c.RestoredFrom, Cause: c.Cause}
		if len(c.Before) > 0 {
			doc := string(c.Before)
			rows[i].BeforeDoc = &doc
		}
		if len(c.After) > 0 {
			doc := string(c.After)
			rows[i].AfterDoc = &doc
		}
	}
	res := w.tx.WithContext(ctx).Table("history").
		Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "kind"}, {Name: "record_id"}, {Name: "version"}}, DoNothing: true}).
		CreateInBatches(rows, 500)
	if res.Error != nil {
		return 0, translate(res.Error, "import history")
	}
	return int(res.RowsAffected), nil
}

// createHistory is step 8: the history of every write.
func createHistory(tx *gorm.DB, d dialect) error {
	return execAll(tx, d,
		`CREATE TABLE history (
			kind TEXT NOT NULL,
			record_id TEXT NOT NULL,
			version INTEGER NOT NULL,
			action TEXT NOT NULL,
			actor TEXT NOT NULL,
			at TIMESTAMP NOT NULL,
			reason TEXT NOT NULL,
			restored_from INTEGER NOT NULL,
			cause TEXT NOT NULL,
			before_doc TEXT,
			after_doc TEXT,
			PRIMARY KEY (kind, record_id, version))`,
		`CREATE INDEX history_at ON history (at, kind, record_id)`,
		`CREATE INDEX history_cause ON history (cause)`,
	)
}
