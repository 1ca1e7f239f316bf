package exchange

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/claimdesk/claimdesk/claims"
)

// History in a document: with ExportOptions.History a JSON or NDJSON
// export ends with every line of history of the records it holds (who,
// when, why, before and after), and, without a topic filter, of deleted
// records too, so the trash survives the trip. Import writes the lines of
// a document into the same transaction as its records: a line whose kind,
// record and version are stored already is skipped, so importing twice
// changes nothing, and a round trip into an empty database gives the same
// history.

// HistoryStore is a Reader that also streams the history it keeps.
type HistoryStore interface {
	// EachChange streams the history lines of the records f selects
	// (with no topic, every line, deleted records' included), by kind,
	// record and version, holding no more than a batch in memory.
	EachChange(ctx context.Context, f Filter, fn func(*claims.Change) error) error
}

// HistoryWriter is a BulkWriter that keeps history.
type HistoryWriter interface {
	// InsertHistory writes lines as they are and returns how many it
	// wrote: a line whose kind, record and version are stored is skipped.
	InsertHistory(ctx context.Context, lines []claims.Change) (int, error)
}

// exportHistory writes the history lines f selects.
func exportHistory(ctx context.Context, s Reader, enc encoder, f Filter, opts ExportOptions) error {
	hs, ok := s.(HistoryStore)
	if !ok {
		return claims.Errorf(claims.CodeInvalid, "this store keeps no history to export")
	}
	if je, ok := enc.(*jsonEncoder); ok {
		je.openHistory() // "history":[] says there was none
	}
	return hs.EachChange(ctx, f, func(c *claims.Change) error {
		if err := enc.record(KindChange, c); err != nil {
			return err
		}
		if opts.OnRecord != nil {
			opts.OnRecord(KindChange)
		}
		return nil
	})
}

func changeKey(c *claims.Change) string {
	return c.Kind + "/" + c.RecordID + "/" + strconv.Itoa(c.Version)
}

// prepareChange validates a line of history on its own.
func (p *planner) prepareChange(it item, c *checked) {
	ch := it.rec.(*claims.Change)
	c.id = changeKey(ch)
	bad := func(field, reason string) {
		c.errs = append(c.errs, RecordError{Location: it.loc.at(field), Kind: KindChange, ID: c.id, Field: field, Reason: reason})
	}
	if !slices.Contains(claims.HistoryKinds, ch.Kind) {
		bad("kind", fmt.Sprintf("must be one of %v", claims.HistoryKinds))
	}
	if !claims.ValidID(ch.RecordID) {
		bad("record_id", "must be 1 to 64 letters, digits, '-' or '_'")
	}
	if ch.Version < 1 {
		bad("version", "must be 1 or more")
	}
	switch ch.Action {
	case claims.ActionCreate, claims.ActionUpdate, claims.ActionRestore:
		if !isObject(ch.After) {
			bad("after", "must be the record after the change, an object")
		}
	case claims.ActionDelete:
		if !isObject(ch.Before) || len(ch.After) > 0 && string(ch.After) != "null" {
			bad("before", "a delete must hold the record deleted in before, and nothing in after")
		}
		ch.After = nil
	default:
		bad("action", "must be create, update, delete or restore")
	}
	if len(ch.Before) > 0 && string(ch.Before) != "null" && !isObject(ch.Before) {
		bad("before", "must be the record before the change, an object")
	}
	if string(ch.Before) == "null" {
		ch.Before = nil
	}
	if ch.Actor == "" {
		bad("actor", "is required: who made the change")
	}
	if ch.At.IsZero() {
		bad("at", "is required: when the change was made")
	}
	if ch.RestoredFrom < 0 || ch.RestoredFrom >= max(ch.Version, 1) {
		bad("restored_from", "must be an earlier version")
	}
	ch.At = ch.At.UTC()
}

func isObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 1 && b[0] == '{'
}

// admitChange reports a line's errors, catches repeated lines, and keeps
// the line to write.
func (p *planner) admitChange(ctx context.Context, c checked, w BulkWriter) error {
	for _, e := range c.errs {
		p.addErr(e)
	}
	if c.entry.rec == nil {
		return nil
	}
	if !p.seen[KindChange].Add(c.id) {
		p.addErr(RecordError{Location: c.entry.loc.String(), Kind: KindChange, ID: c.id,
			Reason: "repeats the kind, record_id and version of an earlier line of history in the file"})
		return nil
	}
	if len(c.errs) > 0 {
		return nil
	}
	p.rep.History.Read++
	p.history = append(p.history, *c.entry.rec.(*claims.Change))
	if len(p.history) >= batchSize {
		return p.flushHistory(ctx, w)
	}
	return nil
}

// flushHistory writes the lines kept, while the file has no error.
func (p *planner) flushHistory(ctx context.Context, w BulkWriter) error {
	lines := p.history
	p.history = p.history[:0]
	if w == nil || p.rep.ErrorCount > 0 || len(lines) == 0 {
		return nil
	}
	hw, ok := w.(HistoryWriter)
	if !ok {
		return claims.Errorf(claims.CodeInvalid, "the file holds history and this store keeps none")
	}
	n, err := hw.InsertHistory(ctx, lines)
	if err != nil {
		return err
	}
	p.rep.History.Created += n
	p.rep.History.Skipped += len(lines) - n
	return nil
}

// HistoryCounts says how many lines of history an import read, and of
// them how many it wrote and skipped as already stored (only when it
// wrote).
type HistoryCounts struct {
	Read    int `json:"read"`
	Created int `json:"created"`
	Skipped int `json:"skipped"`
}
