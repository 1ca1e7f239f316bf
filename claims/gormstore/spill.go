package gormstore

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/claimdesk/claimdesk/claims"
)

// The claims an import wrote, spilled for its recompute
//
// A bulk import recomputes, at its end, the summaries of every topic it
// touched, and the recompute reads the claims of those topics back from
// the database: at a million claims those reads were 61 s of the
// summaries phase's 157 s of CPU (SQLite's steps and cgo column reads,
// most of it). Yet the import has just had every one of those claims in
// hand. So while it inserts a claim, the bulk writer also appends to a
// temporary file (the spill) the columns the recompute reads of it
// (spillCols), and the recompute reads a topic from the spill instead of
// the database when every claim the topic holds came from this import:
// the claims it counts in the database are exactly those the spill holds
// for it. An import that updates a claim (moves or rewrites it) drops
// its spill, and every topic is read from the database, as without it:
// the spill holds claims as they were inserted.
//
// A record is the row as it was inserted, so that reading it back is the
// same conversion as reading the row from the database (claimRow.domain):
// the same places, dates, intervals and texts. The records of a topic are
// chained backwards in the file, each one giving the offset and length of
// the topic's record before it, so that memory holds a few numbers per
// topic, not per claim (a million claims, 10,000 topics: under 1 MB). The
// order of a topic's claims does not matter: the recompute orders them
// by ID (xref.Lean's Named).
//
// The spill is an optimisation: when the file cannot be created or
// written (no temporary directory, a full disk) it is dropped and every
// topic is read from the database, as without it. Its name is removed as
// soon as it is created where the system allows it (Unix), else when the
// import ends, whether it commits or not.

// spillCols are the columns of claimRow a record holds: what xref.Lean
// keeps of a claim, but for its interval. Of the two interval columns a
// record holds only the one in force (inForceCol), the one domain reads
// the claim's interval from.
var spillCols = []func(r *claimRow) *string{
	func(r *claimRow) *string { return &r.Meta.ID },
	func(r *claimRow) *string { return &r.TopicID },
	func(r *claimRow) *string { return &r.ClaimantID },
	func(r *claimRow) *string { return &r.SourceID },
	func(r *claimRow) *string { return &r.QuantityText },
	func(r *claimRow) *string { return &r.IntervalSource },
	func(r *claimRow) *string { return &r.Unit },
	func(r *claimRow) *string { return &r.Places },
	func(r *claimRow) *string { return &r.Population },
	func(r *claimRow) *string { return &r.GroupName },
	func(r *claimRow) *string { return &r.Measure },
	func(r *claimRow) *string { return &r.Occasion },
	func(r *claimRow) *string { return &r.SaidOn },
	func(r *claimRow) *string { return &r.PublishedOn },
	func(r *claimRow) *string { return &r.AsOf },
	func(r *claimRow) *string { return &r.Since },
	func(r *claimRow) *string { return &r.EvidenceType },
	func(r *claimRow) *string { return &r.Grade },
	func(r *claimRow) *string { return &r.Rank },
	func(r *claimRow) *string { return &r.Basis },
}

// inForceCol returns the interval column of r that domain reads the
// claim's interval from (as inForce does), nil for none.
func inForceCol(r *claimRow) *string {
	switch claims.IntervalSource(r.IntervalSource) {
	case claims.FromAnalyst:
		return &r.AnalystInterval
	case claims.FromParser:
		return &r.Parsed
	}
	return nil
}

// spill is the temporary file of the claims an import inserted.
type spill struct {
	f    *os.File
	w    *bufio.Writer
	size int64 // bytes appended
	// topics holds, by topic, its last record and its number of records.
	topics map[string]*spillTopic
	buf    []byte
	log    *slog.Logger
	// unlinked is true once the file's name is removed (newSpill).
	unlinked bool
}

type spillTopic struct {
	last  int64 // offset of the topic's last record
	size  int   // its length
	count int
}

// newSpill creates the spill in the system's temporary directory; nil
// when it cannot (logged to log).
func newSpill(log *slog.Logger) *spill {
	f, err := os.CreateTemp("", "claimdesk-import-*.spill")
	if err != nil {
		logSpillDropped(log, "the spill file cannot be created", err)
		return nil
	}
	// Remove the name at once where the system allows it (Unix: the open
	// file stays readable and writable, and goes when it is closed), so
	// that an import killed (kill -9, out of memory) leaves nothing in the
	// temporary directory. Elsewhere (Windows) close removes it.
	unlinked := os.Remove(f.Name()) == nil
	return &spill{f: f, w: bufio.NewWriterSize(f, 1<<16), topics: map[string]*spillTopic{}, log: log, unlinked: unlinked}
}

// drop closes the spill, logging why: the recompute then reads every
// topic from the database.
func (s *spill) drop(reason string, err error) {
	if s == nil || s.f == nil {
		return
	}
	logSpillDropped(s.log, reason, err)
	s.close()
}

func logSpillDropped(log *slog.Logger, reason string, err error) {
	attrs := []slog.Attr{slog.String("reason", reason)}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	log.LogAttrs(context.Background(), slog.LevelInfo,
		"bulk import: spill dropped, the summaries will read the claims from the database", attrs...)
}

// close closes and removes the file; the spill takes nothing more.
func (s *spill) close() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	if !s.unlinked {
		os.Remove(s.f.Name())
	}
	s.f, s.w, s.topics = nil, nil, nil
}

// add appends the claim row r, just inserted; a failed write drops the
// spill (drop).
func (s *spill) add(r *claimRow) {
	if s == nil || s.f == nil {
		return
	}
	t := s.topics[r.TopicID]
	if t == nil {
		t = &spillTopic{last: -1}
		s.topics[r.TopicID] = t
	}
	// A record: the previous record of the topic (offset + 1, 0 for
	// none, and length), the version, no_number, then each column of
	// spillCols and the interval in force as its length and bytes.
	b := binary.AppendUvarint(s.buf[:0], uint64(t.last+1))
	b = binary.AppendUvarint(b, uint64(t.size))
	b = binary.AppendVarint(b, int64(r.Meta.Version))
	b = append(b, boolByte(r.NoNumber))
	for _, col := range spillCols {
		b = appendString(b, *col(r))
	}
	iv := ""
	if p := inForceCol(r); p != nil {
		iv = *p
	}
	b = appendString(b, iv)
	s.buf = b
	if _, err := s.w.Write(b); err != nil {
		s.drop("a write to the spill failed", err)
		return
	}
	t.last, t.size = s.size, len(b)
	t.count++
	s.size += int64(len(b))
}

func appendString(b []byte, v string) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// holds reports whether the spill holds every claim of topic id, of which
// the database holds n.
func (s *spill) holds(id string, n int) bool {
	if s == nil || s.f == nil {
		return false
	}
	t := s.topics[id]
	return t != nil && t.count == n
}

// flush writes out what is buffered, before the spill is read; a failure
// drops the spill.
func (s *spill) flush() {
	if s == nil || s.f == nil {
		return
	}
	if err := s.w.Flush(); err != nil {
		s.drop("flushing the spill failed", err)
	}
}

// each calls fn with each record of topic id as a claim row (the same
// row, overwritten each time), the last spilled first.
func (s *spill) each(id string, fn func(r *claimRow) error) error {
	t := s.topics[id]
	if t == nil {
		return nil
	}
	off, size := t.last, t.size
	var r claimRow
	var err error
	for off >= 0 {
		if cap(s.buf) < size {
			s.buf = make([]byte, size)
		}
		b := s.buf[:size]
		if _, err := s.f.ReadAt(b, off); err != nil {
			return fmt.Errorf("read the import's spill: %w", err)
		}
		prev, n := binary.Uvarint(b)
		if n <= 0 {
			return errSpill
		}
		prevSize, m := binary.Uvarint(b[n:])
		if m <= 0 {
			return errSpill
		}
		b = b[n+m:]
		version, n := binary.Varint(b)
		if n <= 0 || len(b) < n+1 {
			return errSpill
		}
		r = claimRow{}
		r.Meta.Version, r.NoNumber = int(version), b[n] == 1
		b = b[n+1:]
		for _, col := range spillCols {
			if b, err = readString(b, col(&r)); err != nil {
				return err
			}
		}
		var iv string
		if _, err = readString(b, &iv); err != nil {
			return err
		}
		if p := inForceCol(&r); p != nil {
			*p = iv
		}
		if err := fn(&r); err != nil {
			return err
		}
		off, size = int64(prev)-1, int(prevSize)
	}
	return nil
}

// readString reads into v a string appendString wrote at the start of b,
// and returns the rest of b.
func readString(b []byte, v *string) ([]byte, error) {
	l, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) < l {
		return nil, errSpill
	}
	// A string of its own: the recompute keeps some of them (interned),
	// and a substring of the buffer would keep all of it.
	*v = string(b[n : n+int(l)])
	return b[n+int(l):], nil
}

var errSpill = errors.New("the import's spill is damaged")
