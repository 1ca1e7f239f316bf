package exchange

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Format of the input: JSON (the default), NDJSON or CSV.
	Format Format
	// DryRun validates and plans everything and writes nothing.
	DryRun bool
	Limits Limits
	// Parser reads claims' quantity_text, as the store would; nil uses
	// the built-in lexicon.
	Parser *quantity.Parser
	// Now fills the timestamps a record lacks; nil means time.Now.
	Now func() time.Time
	// OnRecord, when set, is called after each record is read.
	OnRecord func()
}

// Report says what an import did, or would do on a dry run: how many
// records of each kind it created, updated and skipped, and every bad
// record with its location (up to Limits.MaxErrors; ErrorCount counts
// them all). Applied is true when the records were written.
type Report struct {
	Format     Format        `json:"format"`
	DryRun     bool          `json:"dry_run"`
	Applied    bool          `json:"applied"`
	Records    int           `json:"records"`
	Created    Counts        `json:"created"`
	Updated    Counts        `json:"updated"`
	Skipped    Counts        `json:"skipped"`
	History    HistoryCounts `json:"history"`
	ErrorCount int           `json:"error_count"`
	Errors     []RecordError `json:"errors"`
}

// errDryRun rolls back the transaction of a dry run.
var errDryRun = errors.New("exchange: dry run")

// batchSize is how many records Import looks up and writes at once.
const batchSize = 2000

// Import reads a document in opts.Format from r and writes its records
// into s, all in one transaction: either every record is written or none.
//
// Every record is normalised and validated as the store would (claims are
// parsed with opts.Parser), must carry an ID, and may appear once per
// kind. Its references must resolve to a record in the file or in s.
// A record whose ID s lacks is created; one whose version is newer than
// the stored one replaces it whole; one whose version is the same or
// older is skipped, so importing a file twice changes nothing. Records
// keep their IDs, versions and timestamps: an import is a copy, not an
// edit.
//
// Import always returns a report. When the file holds a bad record, or is
// malformed or over a limit, it writes nothing and returns, with the
// report, a claims error: CodeInvalid for bad records, CodeMalformed or
// CodeTooLarge for the file.
func Import(ctx context.Context, s BulkStore, r io.Reader, opts ImportOptions) (*Report, error) {
	if opts.Format == "" {
		opts.Format = JSON
	}
	if !opts.Format.Importable() {
		return &Report{Format: opts.Format, DryRun: opts.DryRun, Errors: []RecordError{}},
			claims.Errorf(claims.CodeInvalid, "cannot import format %q: use json, ndjson or csv", opts.Format)
	}
	p := newPlanner(opts)
	var err error
	if opts.DryRun {
		err = p.run(ctx, r, s, nil)
	} else {
		err = s.Bulk(ctx, func(w BulkWriter) error {
			err := p.run(ctx, r, w, w)
			// The writer goes on to rebuild indexes and recompute
			// summaries: the IDs read (tens of MB at a million claims)
			// are no longer needed.
			p.forget()
			if err != nil {
				return err
			}
			if p.rep.ErrorCount > 0 {
				return errDryRun
			}
			return nil
		})
		if errors.Is(err, errDryRun) {
			err = nil
		}
		p.rep.Applied = err == nil && p.rep.ErrorCount == 0
	}
	// Dangling references are found once the whole file is read: put the
	// errors back in the order of the file.
	slices.SortStableFunc(p.rep.Errors, func(a, b RecordError) int { return p.compareLocations(a.Location, b.Location) })
	if err == nil && p.rep.ErrorCount > 0 {
		err = p.failure()
	}
	return p.rep, err
}

// entry is a record read, validated and waiting to be classified.
type entry struct {
	kind Kind
	loc  location
	rec  any
	refs []ref
}

// ref is a field of a record that names another record.
type ref struct {
	field string
	kind  Kind
	id    string
}

type planner struct {
	opts   ImportOptions
	lim    Limits
	parser *quantity.Parser
	now    time.Time
	rep    *Report
	fatal  error

	seen     map[Kind]*idSet // IDs read, per kind
	deferred map[Kind]*idSet // IDs held until the end
	batch    []entry
	held     []entry // records with a reference not yet resolved
	// order is the place of each kind's list in the file, as first met,
	// so errors found at the end can be put back in file order.
	order  map[Kind]int
	create Batch
	update Batch
	// history holds lines of history waiting to be written.
	history []claims.Change
}

func newPlanner(opts ImportOptions) *planner {
	p := &planner{
		opts: opts, lim: opts.Limits.withDefaults(), parser: opts.Parser,
		rep:      &Report{Format: opts.Format, DryRun: opts.DryRun, Errors: []RecordError{}},
		seen:     map[Kind]*idSet{},
		deferred: map[Kind]*idSet{},
		order:    map[Kind]int{},
	}
	if p.parser == nil {
		p.parser = quantity.New()
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	p.now = now().UTC().Truncate(time.Microsecond)
	for _, k := range Kinds {
		p.seen[k] = newIDSet()
		p.deferred[k] = newIDSet()
	}
	p.seen[KindChange] = newIDSet()
	return p
}

// forget drops what the planner holds to plan records once the file is
// read: the registers of IDs and the batches. The report stays.
func (p *planner) forget() {
	p.seen, p.deferred = nil, nil
	p.batch, p.held, p.history = nil, nil, nil
	p.create, p.update = Batch{}, Batch{}
}

func (p *planner) addErr(e RecordError) {
	p.rep.ErrorCount++
	if len(p.rep.Errors) < p.lim.MaxErrors {
		p.rep.Errors = append(p.rep.Errors, e)
	}
}

// failure is the error Import returns with a report that lists errors.
//
// A file refused as a whole (unreadable, too large, no schema_version)
// fails with that error's code; when bad records were found besides, the
// message counts them all and names the first in the file's order, as for
// bad records alone, rather than the file-wide error only.
func (p *planner) failure() error {
	if p.fatal != nil {
		fatal := p.fatal
		var de *DecodeError
		if errors.As(fatal, &de) {
			fatal = de.claimsError()
		}
		code := claims.ErrorCode(fatal)
		if p.rep.ErrorCount <= 1 || code == claims.CodeTooLarge {
			return fatal
		}
		return claims.Errorf(code, "the file has %d errors, so nothing was written; the first: %s", p.rep.ErrorCount, p.rep.Errors[0])
	}
	first := p.rep.Errors[0]
	msg := fmt.Sprintf("the file has a bad record, so nothing was written: %s", first)
	if p.rep.ErrorCount > 1 {
		msg = fmt.Sprintf("the file has %d bad records, so nothing was written; the first: %s", p.rep.ErrorCount, first)
	}
	return claims.Errorf(claims.CodeInvalid, "%s", msg)
}

// run reads the whole document, validating every record; while no error
// has been found and w is not nil, it writes batch by batch.
func (p *planner) run(ctx context.Context, r io.Reader, look Lookup, w BulkWriter) error {
	dec, err := newDecoder(p.opts.Format, r, p.lim)
	if err != nil {
		return p.abort(err)
	}
	// Decoding and validating one record does not depend on the others:
	// a goroutine does it ahead of the planning and writing here, so the
	// two run side by side.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []checked, 4)
	var decErr error // set before chunks is closed
	go func() {
		defer close(chunks)
		const size = 256
		buf := make([]checked, 0, size)
		for {
			if err := ctx.Err(); err != nil {
				decErr = err
				return
			}
			it, err := dec.next()
			if err != nil {
				if err != io.EOF {
					decErr = err
				}
				break
			}
			buf = append(buf, p.prepare(it))
			if len(buf) == size {
				select {
				case chunks <- buf:
				case <-ctx.Done():
					decErr = ctx.Err()
					return
				}
				buf = make([]checked, 0, size)
			}
		}
		if len(buf) > 0 {
			select {
			case chunks <- buf:
			case <-ctx.Done():
			}
		}
	}()
	stop := func(err error) error {
		cancel()
		for range chunks {
		}
		return err
	}
	for chunk := range chunks {
		for _, c := range chunk {
			if _, ok := p.order[c.entry.kind]; !ok {
				p.order[c.entry.kind] = len(p.order)
			}
			p.rep.Records++
			if p.opts.OnRecord != nil {
				p.opts.OnRecord()
			}
			if c.entry.kind == KindChange {
				if err := p.admitChange(ctx, c, w); err != nil {
					return stop(err)
				}
				continue
			}
			if e, ok := p.admit(c); ok {
				p.batch = append(p.batch, e)
			}
			if len(p.batch) >= batchSize {
				if err := p.flush(ctx, look, w); err != nil {
					return stop(err)
				}
			}
		}
	}
	if decErr != nil {
		return p.abort(decErr)
	}
	if err := p.flush(ctx, look, w); err != nil {
		return err
	}
	if err := p.finish(ctx, look, w); err != nil {
		return err
	}
	return p.flushHistory(ctx, w)
}

// abort records a failure that stops reading: a malformed document, a file
// over a limit. Other errors (I/O, the database) are returned as they are.
func (p *planner) abort(err error) error {
	var de *DecodeError
	if errors.As(err, &de) {
		p.fatal = de
		p.addErr(RecordError{Location: de.Location, Reason: de.Reason})
		return nil
	}
	var ce *claims.Error
	if errors.As(err, &ce) {
		p.fatal = err
		p.addErr(RecordError{Location: "$", Reason: ce.Message})
		return nil
	}
	return err
}

// checked is a record validated on its own, with what is wrong with it.
type checked struct {
	entry entry
	id    string
	errs  []RecordError
}

// prepare validates one record on its own. It touches no state shared
// between records, so it runs ahead in the decoding goroutine.
func (p *planner) prepare(it item) checked {
	c := checked{entry: entry{kind: it.kind, loc: it.loc, rec: it.rec}}
	if it.kind == KindChange {
		for _, e := range it.errs {
			e.Location, e.Kind = it.loc.at(e.Field), it.kind
			c.errs = append(c.errs, e)
		}
		if it.rec != nil && len(it.errs) == 0 {
			p.prepareChange(it, &c)
		}
		return c
	}
	if it.rec != nil {
		c.id = meta(it.rec).ID
	}
	if len(it.errs) > 0 {
		for _, e := range it.errs {
			e.Location, e.Kind, e.ID = it.loc.at(e.Field), it.kind, c.id
			c.errs = append(c.errs, e)
		}
		return c
	}
	bad := func(field, reason string) {
		c.errs = append(c.errs, RecordError{Location: it.loc.at(field), Kind: it.kind, ID: c.id, Field: field, Reason: reason})
	}
	m := meta(it.rec)
	switch {
	case m.ID == "":
		bad("id", "is required: an import matches records by ID")
	case !claims.ValidID(m.ID):
		bad("id", "must be 1 to 64 letters, digits, '-' or '_'")
	}
	if m.Version < 0 {
		bad("version", "must not be negative")
	}
	if m.Version == 0 {
		m.Version = 1
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = p.now
	}
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = m.CreatedAt
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	refs, err := p.validate(it.rec)
	for _, f := range claims.ErrorFields(err) {
		bad(f.Field, f.Detail)
	}
	if err != nil && len(claims.ErrorFields(err)) == 0 {
		bad("", claims.ErrorMessage(err))
	}
	c.entry.refs = refs
	return c
}

// admit reports a checked record's errors, registers its ID, catching
// duplicates, and says whether the record can be planned.
func (p *planner) admit(c checked) (entry, bool) {
	for _, e := range c.errs {
		p.addErr(e)
	}
	if c.entry.rec == nil || c.id == "" || !claims.ValidID(c.id) {
		return entry{}, false
	}
	k := c.entry.kind
	if !p.seen[k].Add(c.id) {
		p.addErr(RecordError{Location: c.entry.loc.at("id"), Kind: k, ID: c.id, Field: "id",
			Reason: fmt.Sprintf("repeats the ID of an earlier %s in the file", k)})
		return entry{}, false
	}
	return c.entry, len(c.errs) == 0
}

// validate normalises and validates a record and returns its references.
func (p *planner) validate(rec any) ([]ref, error) {
	switch r := rec.(type) {
	case *claims.Topic:
		r.Normalize()
		var refs []ref
		if r.ParentID != "" {
			refs = []ref{{"parent_id", KindTopic, r.ParentID}}
		}
		return refs, r.Validate()
	case *claims.Source:
		r.Normalize()
		return nil, r.Validate()
	case *claims.Claimant:
		r.Normalize()
		return nil, r.Validate()
	case *claims.Claim:
		refs := []ref{
			{"topic_id", KindTopic, r.TopicID},
			{"claimant_id", KindClaimant, r.ClaimantID},
			{"provenance.source_id", KindSource, r.Provenance.SourceID},
		}
		for i, rl := range r.Provenance.Relays {
			refs = append(refs, ref{"provenance.relays[" + strconv.Itoa(i) + "].source_id", KindSource, rl.SourceID})
		}
		return refs, r.Prepare(p.parser)
	case *claims.Link:
		r.Normalize()
		return []ref{{"from_id", KindClaim, r.FromID}, {"to_id", KindClaim, r.ToID}}, r.Validate()
	case *claims.Review:
		r.Normalize()
		return []ref{{"claim_a", KindClaim, r.ClaimA}, {"claim_b", KindClaim, r.ClaimB}}, r.Validate()
	}
	return nil, nil
}

// flush resolves the references of the batch: a record whose references
// are all in the file so far or in the store is classified (and written);
// one that names a record not seen yet is held until the end.
func (p *planner) flush(ctx context.Context, look Lookup, w BulkWriter) error {
	if len(p.batch) == 0 {
		return nil
	}
	missing := map[Kind]map[string]struct{}{}
	for _, e := range p.batch {
		for _, r := range e.refs {
			if !p.seen[r.kind].Has(r.id) {
				if missing[r.kind] == nil {
					missing[r.kind] = map[string]struct{}{}
				}
				missing[r.kind][r.id] = struct{}{}
			}
		}
	}
	stored := map[Kind]map[string]int{}
	for k, ids := range missing {
		m, err := look.Stored(ctx, k, keys(ids))
		if err != nil {
			return err
		}
		stored[k] = m
	}
	// Hold every record with a reference to a record not yet seen or held
	// itself, until nothing changes: in a file out of order, a claim may
	// come before a topic that is held.
	wait := make([]bool, len(p.batch))
	for changed := true; changed; {
		changed = false
		for i, e := range p.batch {
			if wait[i] {
				continue
			}
			for _, r := range e.refs {
				inFile := p.seen[r.kind].Has(r.id)
				held := p.deferred[r.kind].Has(r.id)
				_, inStore := stored[r.kind][r.id]
				if held || (!inFile && !inStore) {
					wait[i], changed = true, true
					p.deferred[e.kind].Add(meta(e.rec).ID)
					break
				}
			}
		}
	}
	ready := p.batch[:0:0]
	for i, e := range p.batch {
		if wait[i] {
			p.held = append(p.held, e)
		} else {
			ready = append(ready, e)
		}
	}
	p.batch = p.batch[:0]
	return p.classify(ctx, look, w, ready)
}

// finish resolves the held records against the whole file and the store,
// reports those whose references dangle, and writes the rest.
func (p *planner) finish(ctx context.Context, look Lookup, w BulkWriter) error {
	if len(p.held) == 0 || p.fatal != nil {
		return nil
	}
	missing := map[Kind]map[string]struct{}{}
	for _, e := range p.held {
		for _, r := range e.refs {
			if !p.seen[r.kind].Has(r.id) {
				if missing[r.kind] == nil {
					missing[r.kind] = map[string]struct{}{}
				}
				missing[r.kind][r.id] = struct{}{}
			}
		}
	}
	for k, ids := range missing {
		m, err := look.Stored(ctx, k, keys(ids))
		if err != nil {
			return err
		}
		for id := range m {
			delete(ids, id)
		}
	}
	ok := p.held[:0:0]
	for _, e := range p.held {
		good := true
		for _, r := range e.refs {
			if _, dangling := missing[r.kind][r.id]; dangling {
				p.addErr(RecordError{Location: e.loc.at(r.field), Kind: e.kind, ID: meta(e.rec).ID, Field: r.field,
					Reason: fmt.Sprintf("no %s with ID %q in the file or the database", r.kind, r.id)})
				good = false
			}
		}
		if good {
			ok = append(ok, e)
		}
	}
	return p.classify(ctx, look, w, ok)
}

// parentsFirst orders held topics so that each parent comes before its
// children, and reports cycles.
func (p *planner) parentsFirst(es []entry) []entry {
	n := 0
	for n < len(es) && es[n].kind == KindTopic {
		n++
	}
	topics := es[:n]
	byID := map[string]int{}
	for i, e := range topics {
		byID[meta(e.rec).ID] = i
	}
	state := make([]int, len(topics)) // 1 visiting, 2 done
	out := make([]entry, 0, len(es))
	var visit func(i int) bool
	visit = func(i int) bool {
		switch state[i] {
		case 2:
			return true
		case 1:
			return false
		}
		state[i] = 1
		t := topics[i].rec.(*claims.Topic)
		if j, ok := byID[t.ParentID]; ok && !visit(j) {
			if state[i] == 1 {
				p.addErr(RecordError{Location: topics[i].loc.at("parent_id"), Kind: KindTopic, ID: t.ID, Field: "parent_id",
					Reason: "the topic is its own ancestor"})
			}
			state[i] = 2
			return false
		}
		state[i] = 2
		out = append(out, topics[i])
		return true
	}
	for i := range topics {
		visit(i)
	}
	return append(out, es[n:]...)
}

// classify looks up the stored versions of es and counts each as a
// create, an update or a skip; while the file has no error, it writes
// them.
func (p *planner) classify(ctx context.Context, look Lookup, w BulkWriter, es []entry) error {
	if len(es) == 0 {
		return nil
	}
	// Kind order, and parents before children among topics.
	slices.SortStableFunc(es, func(a, b entry) int {
		return slices.Index(Kinds, a.kind) - slices.Index(Kinds, b.kind)
	})
	es = p.parentsFirst(es)
	ids := map[Kind][]string{}
	for _, e := range es {
		ids[e.kind] = append(ids[e.kind], meta(e.rec).ID)
	}
	stored := map[Kind]map[string]int{}
	for k, list := range ids {
		m, err := look.Stored(ctx, k, list)
		if err != nil {
			return err
		}
		stored[k] = m
	}
	p.create.Reset()
	p.update.Reset()
	for _, e := range es {
		m := meta(e.rec)
		v, exists := stored[e.kind][m.ID]
		switch {
		case !exists:
			p.rep.Created.Add(e.kind, 1)
			p.create.Add(e.rec)
		case m.Version > v:
			p.rep.Updated.Add(e.kind, 1)
			p.update.Add(e.rec)
		default:
			p.rep.Skipped.Add(e.kind, 1)
		}
	}
	if w == nil || p.rep.ErrorCount > 0 {
		return nil
	}
	if p.create.Len() > 0 {
		if err := w.Insert(ctx, &p.create); err != nil {
			return err
		}
	}
	if p.update.Len() > 0 {
		if err := w.Update(ctx, &p.update); err != nil {
			return err
		}
	}
	return nil
}

func keys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// compareLocations orders error locations as they stand in the file:
// lines by number; JSON paths by the place of the kind's list in the file,
// then by index.
func (p *planner) compareLocations(a, b string) int {
	ka, ia, ra := p.locationKey(a)
	kb, ib, rb := p.locationKey(b)
	if c := cmp.Compare(ka, kb); c != 0 {
		return c
	}
	if c := cmp.Compare(ia, ib); c != 0 {
		return c
	}
	return strings.Compare(ra, rb)
}

func (p *planner) locationKey(loc string) (kind, index int, rest string) {
	if n, ok := strings.CutPrefix(loc, "line "); ok {
		if i, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(n, ":", 2)[0])); err == nil {
			return 0, i, loc
		}
	}
	path, ok := strings.CutPrefix(loc, "$.")
	if !ok {
		return -1, 0, loc
	}
	name, idx, _ := strings.Cut(path, "[")
	kind = len(Kinds)
	for _, k := range Kinds {
		if k.plural() == name {
			if o, ok := p.order[k]; ok {
				kind = o
			}
		}
	}
	num, after, _ := strings.Cut(idx, "]")
	index, _ = strconv.Atoi(num)
	return kind, index, after
}
