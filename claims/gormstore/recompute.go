package gormstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Recomputing many topics at once
//
// A write recomputes a handful of topics; a bulk import or a gazetteer
// change recomputes thousands. recomputer does both the same way, with a
// number of queries that grows with the number of batches rather than
// with the number of topics:
//
//   - the topics, their parents and children and their claim counts are
//     read in chunks of IDs up front;
//   - the topics are visited family by family (a parent, then its
//     children), in batches of a bounded number of claims; each batch
//     loads the claims of the topics it needs that are not loaded yet
//     (its topics and their parents) with one query per chunk of topic
//     IDs, and the links and reviews touching its topics with two
//     queries each;
//   - of a parent's children, a batch reads only the claims that report
//     a statement of one of the parent's claims, the only ones the engine
//     reads of them (parts summed against a total given in the same
//     statement), and does not cache them: a parent costs its own claims,
//     not its family's, which in a skewed database holds a large share
//     of all claims. It finds them reading of each child's claim only
//     the columns of its statement key (xref.StatementKey), and reads
//     whole only the claims that match (partIDs);
//   - claims are read lean (xref.Lean: only what the engine reads, each
//     text, scope and interval held once in a table of the topic's, a
//     claim its ID and indexes into the tables), about 110 bytes a claim
//     where one read whole took 1.3 KB: each row becomes a claim that is
//     garbage as soon as it is added, and the engine reads the claims
//     one at a time into its facts (xref.RecomputeLean);
//   - loaded claims stay in a cache while a topic still to be recomputed
//     needs them (a parent's claims serve each of its children), and
//     leave it as soon as none does (when the last batch that needs them
//     is loaded: its job then holds them only until it has computed), so
//     memory follows the largest topic with its parent rather than the
//     database; a batch larger than the aim (one big topic) is loaded
//     only once the batch before it is written, so that two of them are
//     never held at once;
//   - a topic's result becomes rows part by part, each part let go once
//     its rows are made, and its series and sums of parts are encoded as
//     JSON an element at a time (listJSON);
//   - a batch is computed (xref.Recompute, then the rows and JSON of its
//     results) on as many goroutines as there are processors while the
//     connection loads the next batch and writes the previous one;
//   - the results are written with multi-row INSERTs prepared once per
//     recompute; when the summary tables were empty when the recompute
//     began (an import into an empty database) nothing is read back to
//     compare with, otherwise only the rows that changed are rewritten.
//
// Every topic is still computed by xref.Recompute from exactly what the
// tests' reference loader (computeTopic) loads for it: the claims of a
// topic and of its children ordered by ID, the links and reviews touching
// it ordered by ID. This is the one loader of the engine's inputs
// (xref.Input): PreparedTopic reads with it the claims it prepares for
// relations computed on demand, and TopicInput the whole input.

// The limits are variables for the tests, which lower them to exercise
// many batches and evictions.
var (
	// recomputeBatchClaims is the number of claims a batch of topics aims
	// to need (a single topic with its parent may need more). With the batch computing
	// while the next loads, and the cache, it bounds the recompute's
	// memory (a claim loaded costs about 110 bytes, lean, against 1.3 KB
	// read whole), which is part of an import's
	// (the target: under 300 MB at a million claims).
	recomputeBatchClaims = 5_000
	// recomputeBatchPairs caps the pairs of claims a batch compares (a
	// topic's claims times the claims it reads: its own, its parent's and
	// its children's). The results a batch holds until it is written
	// (conflicts, sums of parts) grow with the pairs, not the claims: a
	// family of ten topics of 100 claims compares about 280,000.
	recomputeBatchPairs = 300_000
	// recomputeBatchTopics caps the topics of a batch (and so the size of
	// its IN lists).
	recomputeBatchTopics = 500
	// recomputeCacheClaims is how many claims the cache may hold between
	// batches; above it, topics still needed later are dropped too, the
	// least recently used first, to be read again when needed. Topics no
	// longer needed leave at once, so with families visited in order the
	// cache holds about one family (the largest, a parent with its
	// children, is needed whole by the parent's batch anyway).
	recomputeCacheClaims = 10_000
)

// onRecompute, when set (by the tests), is called with the peak of each
// recompute's claims (recomputer.peak) when it ends.
var onRecompute func(peak int)

// onRecomputeRead, when set (by the tests), is called with the claims a
// batched recompute read, topic by topic, as it caches them.
var onRecomputeRead func(views []xref.ClaimView)

// idChunk is the number of IDs in one IN list.
const idChunk = 500

type recomputer struct {
	tx  *gorm.DB
	ctx context.Context
	dia dialect
	g   *gazetteer.Gazetteer

	topics   map[string]*claims.Topic
	children map[string][]string
	counts   map[string]int
	// refs counts, for each topic, the topics still to recompute that
	// need its claims.
	refs map[string]int

	cache  map[string]*cachedClaims
	cached int // claims in the cache
	// peak is about the most claims held at once: by the cache and the
	// parts read for the batch loaded and the batch computing. The tests
	// read it (onRecompute).
	peak int
	// computingParts is the number of parts the pending job holds.
	computingParts int
	batch          int
	names          map[string]string // claimant names by ID

	// diffSummaries and diffConflicts are false when the table was empty
	// when the recompute began: there is nothing to compare with.
	diffSummaries, diffConflicts bool

	stmts   insertStmts
	args    []any
	pending *job // computing

	// spill holds the claims a bulk import inserted (nil outside one):
	// a topic all of whose claims it holds is read from it, not from the
	// database (see spill.go).
	spill *spill
}

type cachedClaims struct {
	claims *xref.Lean
	used   int // the last batch that needed them
}

func newRecomputer(tx *gorm.DB, dia dialect, g *gazetteer.Gazetteer) *recomputer {
	return &recomputer{
		tx: tx, ctx: tx.Statement.Context, dia: dia, g: g,
		topics: map[string]*claims.Topic{}, children: map[string][]string{}, counts: map[string]int{},
		refs: map[string]int{}, cache: map[string]*cachedClaims{}, names: map[string]string{},
		stmts: insertStmts{dia: dia},
	}
}

func (r *recomputer) close() {
	if r.pending != nil {
		<-r.pending.done
	}
	r.stmts.close()
}

// run recomputes the topics ids names (sorted, distinct); those that no
// longer exist, or whose parent no longer does, are skipped.
func (r *recomputer) run(ids []string) error {
	defer r.close()
	if onRecompute != nil {
		defer func() { onRecompute(r.peak) }()
	}
	if err := r.loadTopics(ids); err != nil {
		return err
	}
	var parents []string
	for _, id := range ids {
		if t := r.topics[id]; t != nil && t.ParentID != "" && r.topics[t.ParentID] == nil {
			parents = append(parents, t.ParentID)
		}
	}
	slices.Sort(parents)
	if err := r.loadTopics(slices.Compact(parents)); err != nil {
		return err
	}
	live := make([]string, 0, len(ids))
	for _, id := range ids {
		t := r.topics[id]
		if t == nil || t.ParentID != "" && r.topics[t.ParentID] == nil {
			continue // deleted in this transaction
		}
		live = append(live, id)
	}
	if len(live) == 0 {
		return nil
	}
	if err := r.loadChildren(live); err != nil {
		return err
	}
	needed := map[string]bool{}
	for _, id := range live {
		for _, n := range r.needs(id) {
			r.refs[n]++
			needed[n] = true
		}
	}
	if err := r.countClaims(keys(needed)); err != nil {
		return err
	}
	var err error
	if r.diffSummaries, err = r.nonEmpty("claim_summaries"); err != nil {
		return err
	}
	if r.diffConflicts, err = r.nonEmpty("topic_conflicts"); err != nil {
		return err
	}

	// A parent first, then its children: they all need its claims.
	family := func(id string) string {
		if p := r.topics[id].ParentID; p != "" {
			return p + "\x00" + id
		}
		return id
	}
	slices.SortFunc(live, func(a, b string) int { return strings.Compare(family(a), family(b)) })

	var batch []string
	inBatch := map[string]bool{}
	size, pairs := 0, 0
	for _, id := range live {
		add, reads := 0, 0
		for _, n := range r.needs(id) {
			reads += r.counts[n]
			if !inBatch[n] {
				add += r.counts[n]
			}
		}
		// What the engine keeps of a topic (relations, conflicts) grows
		// with its claims times the claims it compares them with.
		cost := r.counts[id] * reads
		if len(batch) > 0 && (len(batch) >= recomputeBatchTopics || size+add > recomputeBatchClaims || pairs+cost > recomputeBatchPairs) {
			if err := r.runBatch(batch, size > recomputeBatchClaims); err != nil {
				return err
			}
			batch, inBatch, size, pairs = nil, map[string]bool{}, 0, 0
			add = reads
		}
		batch = append(batch, id)
		for _, n := range r.needs(id) {
			inBatch[n] = true
		}
		size += add
		pairs += cost
	}
	if err := r.runBatch(batch, size > recomputeBatchClaims); err != nil {
		return err
	}
	return r.runBatch(nil, false)
}

// needs returns the topics whose claims recomputing id reads whole: its
// own and its parent's. Of its children's it reads only the parts (see
// parts).
func (r *recomputer) needs(id string) []string {
	if p := r.topics[id].ParentID; p != "" {
		return []string{id, p}
	}
	return []string{id}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (r *recomputer) loadTopics(ids []string) error {
	for chunk := range slices.Chunk(ids, idChunk) {
		var rows []topicRow
		if err := r.tx.Table("topics").Where("id IN ?", chunk).Find(&rows).Error; err != nil {
			return err
		}
		for i := range rows {
			t, err := rows[i].domain()
			if err != nil {
				return err
			}
			r.topics[t.ID] = t
		}
	}
	return nil
}

// loadChildren reads the children of the given topics, sorted by ID.
func (r *recomputer) loadChildren(ids []string) error {
	for chunk := range slices.Chunk(ids, idChunk) {
		rows, err := r.tx.Raw("SELECT id, parent_id FROM topics WHERE parent_id IN ?", chunk).Rows()
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, parent string
			if err := rows.Scan(&id, &parent); err != nil {
				rows.Close()
				return err
			}
			r.children[parent] = append(r.children[parent], id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, cs := range r.children {
		slices.Sort(cs)
	}
	return nil
}

func (r *recomputer) countClaims(ids []string) error {
	for chunk := range slices.Chunk(ids, idChunk) {
		rows, err := r.tx.Raw("SELECT topic_id, COUNT(*) FROM claims WHERE topic_id IN ? GROUP BY topic_id", chunk).Rows()
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return err
			}
			r.counts[id] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (r *recomputer) nonEmpty(table string) (bool, error) {
	var one []int
	err := r.tx.Raw("SELECT 1 FROM " + table + " LIMIT 1").Scan(&one).Error
	return len(one) > 0, err
}

// A job is one batch of topics: its inputs, captured from the cache when
// the batch is loaded, and its results. Jobs compute on other goroutines
// while the connection loads the next batch and writes the previous one.
type job struct {
	ids    []string
	inputs []jobInput
	parts  []batchWrite // by topic
	err    error
	done   chan struct{}
}

type jobInput struct {
	topic    *claims.Topic
	claims   *xref.Lean
	links    []*claims.Link
	related  xref.LeanRelated
	children []*xref.Lean // joined into related.ChildClaims by the job
}

// runBatch loads what the topics of batch need and starts computing them;
// then it writes the results of the batch started before, if any. A big
// batch is loaded after that write instead, so that the batch before it
// has left memory (its claims evicted, its results written).
func (r *recomputer) runBatch(batch []string, big bool) error {
	if big {
		if err := r.finish(); err != nil {
			return err
		}
	}
	if len(batch) > 0 {
		j, err := r.load(batch)
		if err != nil {
			return err
		}
		go j.run()
		if err := r.finish(); err != nil {
			<-j.done
			return err
		}
		r.pending = j
		return nil
	}
	return r.finish()
}

// finish waits for the pending job and writes its results.
func (r *recomputer) finish() error {
	j := r.pending
	if j == nil {
		return nil
	}
	r.pending = nil
	<-j.done
	r.computingParts = 0
	if j.err != nil {
		return j.err
	}
	w := j.merge()
	if err := r.write(&w); err != nil {
		return err
	}
	for _, id := range j.ids {
		for _, n := range r.needs(id) {
			r.refs[n]--
		}
	}
	r.evict()
	return nil
}

// merge returns the rows of the job's results in one batchWrite, and lets
// go of the parts: each part's rows are copied once into rows sized for
// the whole batch, and a batch of one topic (the largest topics are
// batches of their own) takes its part's rows as they are, instead of
// holding them twice while they are copied.
func (j *job) merge() batchWrite {
	if len(j.parts) == 1 {
		w := j.parts[0]
		w.topics, j.parts = j.ids, nil
		return w
	}
	var ns, nc, nr int
	for _, p := range j.parts {
		ns, nc, nr = ns+len(p.summaries), nc+len(p.conflicts), nr+len(p.results)
	}
	w := batchWrite{topics: j.ids, summaries: make([]claimSummaryRow, 0, ns),
		conflicts: make([]topicConflictRow, 0, nc), results: make([]topicSummaryRow, 0, nr)}
	for k := range j.parts {
		p := &j.parts[k]
		w.summaries = append(w.summaries, p.summaries...)
		w.conflicts = append(w.conflicts, p.conflicts...)
		w.results = append(w.results, p.results...)
		*p = batchWrite{}
	}
	j.parts = nil
	return w
}

// load reads the claims the topics of batch need that are not cached yet,
// and the links and reviews touching them, and returns the batch's job.
func (r *recomputer) load(batch []string) (*job, error) {
	r.batch++
	var load []string
	seen := map[string]bool{}
	for _, id := range batch {
		for _, n := range r.needs(id) {
			if seen[n] {
				continue
			}
			seen[n] = true
			if c := r.cache[n]; c != nil {
				c.used = r.batch
			} else {
				load = append(load, n)
			}
		}
	}
	slices.Sort(load)
	if err := r.loadClaims(load); err != nil {
		return nil, err
	}
	links, err := r.loadLinks(batch)
	if err != nil {
		return nil, err
	}
	reviews, err := r.loadReviews(batch)
	if err != nil {
		return nil, err
	}
	j := &job{ids: slices.Clone(batch), inputs: make([]jobInput, len(batch)), done: make(chan struct{})}
	parts := 0
	for k, id := range batch {
		t := r.topics[id]
		in := jobInput{topic: t, claims: r.cache[id].claims, links: orEmpty(links[id]),
			related: xref.LeanRelated{Gazetteer: r.g, Reviews: orEmpty(reviews[id])}}
		if t.ParentID != "" {
			in.related.Parent, in.related.ParentClaims = r.topics[t.ParentID], r.cache[t.ParentID].claims
		}
		if in.children, err = r.parts(id); err != nil {
			return nil, err
		}
		for _, c := range in.children {
			parts += c.Len()
		}
		j.inputs[k] = in
	}
	r.peak = max(r.peak, r.cached+parts+r.computingParts)
	r.computingParts = parts
	// Claims no topic after this batch needs leave the cache now rather
	// than once the batch is written: the job holds them while it
	// computes, and they are garbage as soon as it has (for the largest
	// topic, before its results become rows).
	uses := map[string]int{}
	for _, id := range batch {
		for _, n := range r.needs(id) {
			uses[n]++
		}
	}
	for n, k := range uses {
		if c := r.cache[n]; c != nil && r.refs[n] <= k {
			r.cached -= c.claims.Len()
			delete(r.cache, n)
		}
	}
	return j, nil
}

// parts returns, for each child of topic id that has any, the child's
// claims that report a statement of one of id's claims (in the cache):
// the only claims of its children that xref.Recompute reads
// (Related.ChildClaims).
func (r *recomputer) parts(id string) ([]*xref.Lean, error) {
	if len(r.children[id]) == 0 {
		return nil, nil
	}
	stmts := map[string]bool{}
	for _, v := range r.cache[id].claims.All() {
		if k := xref.StatementKey(v.Claim); k != "" {
			stmts[k] = true
		}
	}
	if len(stmts) == 0 {
		return nil, nil
	}
	var out []*xref.Lean
	var read []string
	for _, c := range r.children[id] {
		e := r.cache[c]
		if e == nil {
			read = append(read, c)
			continue
		}
		vs := xref.NewLean(0)
		for _, v := range e.claims.All() {
			if stmts[xref.StatementKey(v.Claim)] {
				vs.Add(v)
			}
		}
		if vs.Len() > 0 {
			out = append(out, vs)
		}
	}
	ids, err := r.partIDs(read, stmts)
	if err != nil {
		return nil, err
	}
	got, err := r.readClaimsWhere("id", ids)
	if err != nil {
		return nil, err
	}
	for _, c := range read {
		if got[c].Len() > 0 {
			out = append(out, got[c])
		}
	}
	return out, nil
}

// partIDs returns the IDs of the claims of the given topics whose
// statement key is one of stmts, reading of each claim only the columns
// the key is made from: most of a child's claims are not parts, and
// reading them whole (37 columns, each row converted into a claim) cost
// about twice as much (a profile at 100,000 claims: 1.7 s against 0.8 s,
// of which SQLite's step 0.55 s).
func (r *recomputer) partIDs(topicIDs []string, stmts map[string]bool) ([]string, error) {
	var ids []string
	for chunk := range slices.Chunk(topicIDs, idChunk) {
		rows, err := r.tx.Raw("SELECT id, claimant_id, occasion, said_on, source_id FROM claims WHERE topic_id IN ?", chunk).Rows()
		if err != nil {
			return nil, err
		}
		var id, saidOn string
		var c claims.Claim
		for rows.Next() {
			if err := rows.Scan(&id, &c.ClaimantID, &c.Occasion, &saidOn, &c.Provenance.SourceID); err != nil {
				rows.Close()
				return nil, err
			}
			c.SaidOn = claims.Date(saidOn)
			if stmts[xref.StatementKey(&c)] {
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// run computes the job's topics on as many goroutines as there are
// processors.
func (j *job) run() {
	defer close(j.done)
	j.parts = make([]batchWrite, len(j.inputs))
	var next atomic.Int64
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(j.inputs) {
					return
				}
				if err := j.compute(k); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	j.err = errors.Join(errs...)
	j.inputs = nil
}

// compute recomputes the job's topic k. A panic of the engine becomes the
// error of the write, as it would on the writer's goroutine, rather than
// ending the process.
func (j *job) compute(k int) (err error) {
	in := &j.inputs[k]
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("recompute topic %s: panic: %v", j.ids[k], p)
		}
	}()
	switch len(in.children) {
	case 0:
	case 1:
		in.related.ChildClaims = in.children[0]
	default:
		in.related.ChildClaims = xref.JoinLean(in.children)
	}
	res := xref.RecomputeLean(in.topic, in.claims, in.links, &in.related)
	*in = jobInput{}
	return j.parts[k].add(res)
}

// evict drops the claims no topic still to recompute needs, then the
// least recently used until the cache is within recomputeCacheClaims.
func (r *recomputer) evict() {
	for id, c := range r.cache {
		if r.refs[id] <= 0 {
			r.cached -= c.claims.Len()
			delete(r.cache, id)
		}
	}
	if r.cached <= recomputeCacheClaims {
		return
	}
	ids := make([]string, 0, len(r.cache))
	for id := range r.cache {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return r.cache[a].used - r.cache[b].used })
	for _, id := range ids {
		if r.cached <= recomputeCacheClaims {
			break
		}
		r.cached -= r.cache[id].claims.Len()
		delete(r.cache, id)
	}
}

// loadClaims reads the claims of the given topics into the cache.
func (r *recomputer) loadClaims(topicIDs []string) error {
	got, err := r.readClaims(topicIDs)
	if err != nil {
		return err
	}
	for _, id := range topicIDs {
		r.cache[id] = &cachedClaims{claims: got[id], used: r.batch}
		r.cached += got[id].Len()
		if onRecomputeRead != nil {
			onRecomputeRead(got[id].Views())
		}
	}
	return nil
}

// readClaims reads the claims of the given topics, by topic, each
// topic's with their claimants' names and ordered by ID, in lean form:
// each row's claim is garbage once added. Like the join of loadViews, a
// claim whose claimant is missing is left out. A topic whose claims a
// bulk import's spill holds all is read from the spill, the others from
// the database.
func (r *recomputer) readClaims(topicIDs []string) (map[string]*xref.Lean, error) {
	out := make(map[string]*xref.Lean, len(topicIDs))
	var stored, spilled []string
	for _, id := range topicIDs {
		out[id] = xref.NewLean(r.counts[id])
		if r.spill.holds(id, r.counts[id]) {
			spilled = append(spilled, id)
		} else {
			stored = append(stored, id)
		}
	}
	for _, id := range spilled {
		if err := r.spill.each(id, func(row *claimRow) error { return addRow(out, row) }); err != nil {
			return nil, err
		}
	}
	if len(spilled) > 0 && onSpillRead != nil {
		onSpillRead(spilled)
	}
	if err := r.scanClaims("topic_id", stored, out); err != nil {
		return nil, err
	}
	return out, r.name(out)
}

// onSpillRead, when set (by the tests), is called with the topics a
// recompute read from a bulk import's spill.
var onSpillRead func(topicIDs []string)

// readClaimsWhere reads, as readClaims does from the database, the
// claims whose column col is one of vals.
func (r *recomputer) readClaimsWhere(col string, vals []string) (map[string]*xref.Lean, error) {
	out := map[string]*xref.Lean{}
	if err := r.scanClaims(col, vals, out); err != nil {
		return nil, err
	}
	return out, r.name(out)
}

// scanClaims reads the claims whose column col is one of vals into out,
// by topic.
func (r *recomputer) scanClaims(col string, vals []string, out map[string]*xref.Lean) error {
	for chunk := range slices.Chunk(vals, idChunk) {
		rows, err := r.tx.Raw("SELECT "+claimCols.readList()+" FROM claims WHERE "+col+" IN ?", chunk).Rows()
		if err != nil {
			return err
		}
		var row claimRow
		dest := claimCols.readDest(&row)
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
			if err := addRow(out, &row); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// addRow adds the claim of row to its topic's Lean in out.
func addRow(out map[string]*xref.Lean, row *claimRow) error {
	c, err := row.domain()
	if err != nil {
		return err
	}
	l := out[c.TopicID]
	if l == nil {
		l = xref.NewLean(0)
		out[c.TopicID] = l
	}
	l.Add(xref.ClaimView{Claim: c})
	return nil
}

// name gives the claims of each Lean of out their claimants' names,
// leaving out those whose claimant is missing, and orders them by ID
// (xref.Lean's Named).
func (r *recomputer) name(out map[string]*xref.Lean) error {
	var unknown []string
	for _, l := range out {
		for _, id := range l.ClaimantIDs() {
			if _, ok := r.names[id]; !ok {
				unknown = append(unknown, id)
			}
		}
	}
	slices.Sort(unknown)
	if err := r.loadNames(slices.Compact(unknown)); err != nil {
		return err
	}
	for _, l := range out {
		l.Named(func(id string) (string, bool) {
			name, ok := r.names[id]
			return name, ok
		})
	}
	return nil
}

func (r *recomputer) loadNames(ids []string) error {
	for chunk := range slices.Chunk(ids, idChunk) {
		rows, err := r.tx.Raw("SELECT id, name FROM claimants WHERE id IN ?", chunk).Rows()
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			r.names[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// loadLinks returns the links touching a claim of each of the topics, by
// topic, ordered by ID.
func (r *recomputer) loadLinks(topicIDs []string) (map[string][]*claims.Link, error) {
	out := map[string][]*claims.Link{}
	for chunk := range slices.Chunk(topicIDs, idChunk) {
		for _, end := range []string{"from_id", "to_id"} {
			rows, err := r.tx.Raw(`SELECT l.id, l.created_at, l.updated_at, l.version, l.from_id, l.to_id, l.kind, l.note, l.author, c.topic_id
				FROM links l JOIN claims c ON c.id = l.`+end+` WHERE c.topic_id IN ?`, chunk).Rows()
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var l linkRow
				var topic string
				if err := rows.Scan(&l.Meta.ID, &l.Meta.CreatedAt, &l.Meta.UpdatedAt, &l.Meta.Version,
					&l.FromID, &l.ToID, &l.Kind, &l.Note, &l.Author, &topic); err != nil {
					rows.Close()
					return nil, err
				}
				if end == "to_id" && slices.ContainsFunc(out[topic], func(x *claims.Link) bool { return x.ID == l.Meta.ID }) {
					continue // both ends in the topic
				}
				d, _ := l.domain()
				out[topic] = append(out[topic], d)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	for _, ls := range out {
		slices.SortFunc(ls, func(a, b *claims.Link) int { return strings.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// loadReviews returns the reviews of a pair with a claim of each of the
// topics, by topic, ordered by ID.
func (r *recomputer) loadReviews(topicIDs []string) (map[string][]*claims.Review, error) {
	out := map[string][]*claims.Review{}
	for chunk := range slices.Chunk(topicIDs, idChunk) {
		for _, end := range []string{"claim_a", "claim_b"} {
			rows, err := r.tx.Raw(`SELECT v.id, v.created_at, v.updated_at, v.version, v.claim_a, v.claim_b, v.status, v.resolution, v.author, c.topic_id
				FROM reviews v JOIN claims c ON c.id = v.`+end+` WHERE c.topic_id IN ?`, chunk).Rows()
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var v reviewRow
				var topic string
				if err := rows.Scan(&v.Meta.ID, &v.Meta.CreatedAt, &v.Meta.UpdatedAt, &v.Meta.Version,
					&v.ClaimA, &v.ClaimB, &v.Status, &v.Resolution, &v.Author, &topic); err != nil {
					rows.Close()
					return nil, err
				}
				if end == "claim_b" && slices.ContainsFunc(out[topic], func(x *claims.Review) bool { return x.ID == v.Meta.ID }) {
					continue
				}
				d, _ := v.domain()
				out[topic] = append(out[topic], d)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	for _, vs := range out {
		slices.SortFunc(vs, func(a, b *claims.Review) int { return strings.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// batchWrite collects the rows of a batch's results.
type batchWrite struct {
	topics    []string
	summaries []claimSummaryRow
	conflicts []topicConflictRow
	results   []topicSummaryRow
}

// add appends the rows of a topic's result, letting go of each part of
// the result once its rows are made: for the largest topic of a million
// claims the result and its rows were, at once, the larger part of the
// import's peak.
func (w *batchWrite) add(res xref.TopicResult) error {
	topicID := res.Topic.TopicID
	w.summaries = slices.Grow(w.summaries, len(res.Claims))
	for _, s := range res.Claims {
		w.summaries = append(w.summaries, toClaimSummaryRow(s))
	}
	res.Claims = nil
	w.conflicts = slices.Grow(w.conflicts, len(res.Conflicts))
	for _, c := range res.Conflicts {
		w.conflicts = append(w.conflicts, topicConflictRow{
			TopicID: topicID, ClaimA: c.ClaimA, ClaimB: c.ClaimB, Kind: string(c.Kind), Severity: c.Severity, Priority: c.Priority,
			Explanation: c.Explanation, Manual: c.Manual, Status: string(c.Status), Resolution: c.Resolution,
		})
	}
	res.Conflicts = nil
	t := res.Topic
	row := topicSummaryRow{
		TopicID: topicID, ClaimCount: t.ClaimCount, ActiveCount: t.ActiveCount,
		ConflictCount: t.ConflictCount, ConflictPairs: t.ConflictPairs,
		NotableConflicts: t.NotableConflicts, OpenConflicts: t.OpenConflicts, Spread: t.Spread,
		IndependentOrigins: t.IndependentOrigins, FlowFalls: t.FlowFalls, UnknownCount: len(t.UnknownPlaces),
	}
	var err error
	if row.Summary, err = toJSON(t); err != nil {
		return err
	}
	if row.Series, err = listJSON(res.Series); err != nil {
		return err
	}
	res.Series = nil
	if row.SumOfParts, err = listJSON(res.SumOfParts); err != nil {
		return err
	}
	w.results = append(w.results, row)
	return nil
}

var (
	claimSummaryTable = table{"claim_summaries", strings.Fields(`claim_id topic_id conflict_count
		part_whole_count worst_severity worst_against worst_relation worst_explanation group_index
		superseded_by independent_origin active unknown_places flow_fell`)}
	topicConflictTable = table{"topic_conflicts", strings.Fields(`topic_id claim_a claim_b kind severity
		explanation manual status resolution priority`)}
	topicSummaryTable = table{"topic_summaries", strings.Fields(`topic_id claim_count active_count
		conflict_count conflict_pairs notable_conflicts open_conflicts spread independent_origins
		flow_falls unknown_count summary series sum_of_parts computed_at`)}
)

// write stores a batch's results, rewriting only the claim summaries and
// conflicts that changed.
func (r *recomputer) write(w *batchWrite) error {
	// In key order, the rows go to the end of the primary key's index.
	slices.SortFunc(w.summaries, func(a, b claimSummaryRow) int { return strings.Compare(a.ClaimID, b.ClaimID) })
	summaries := w.summaries
	if r.diffSummaries {
		var err error
		if summaries, err = r.changedSummaries(w); err != nil {
			return err
		}
	}
	if err := insertRows(r, claimSummaryTable, "", summaries, func(args []any, s *claimSummaryRow) []any {
		return append(args, s.ClaimID, s.TopicID, s.ConflictCount, s.PartWholeCount, s.WorstSeverity,
			s.WorstAgainst, s.WorstRelation, s.WorstExplanation, s.GroupIndex, s.SupersededBy,
			s.IndependentOrigin, s.Active, s.UnknownPlaces, s.FlowFell)
	}); err != nil {
		return err
	}

	conflicts := w.conflicts
	if r.diffConflicts {
		var err error
		if conflicts, err = r.changedConflicts(w); err != nil {
			return err
		}
	}
	if err := insertRows(r, topicConflictTable, "", conflicts, func(args []any, c *topicConflictRow) []any {
		return append(args, c.TopicID, c.ClaimA, c.ClaimB, c.Kind, c.Severity, c.Explanation, c.Manual,
			c.Status, c.Resolution, c.Priority)
	}); err != nil {
		return err
	}

	now := r.tx.NowFunc()
	var upsert strings.Builder
	upsert.WriteString(" ON CONFLICT (topic_id) DO UPDATE SET ")
	for i, c := range topicSummaryTable.cols[1:] {
		if i > 0 {
			upsert.WriteString(", ")
		}
		upsert.WriteString(c + " = excluded." + c)
	}
	return insertRows(r, topicSummaryTable, upsert.String(), w.results, func(args []any, t *topicSummaryRow) []any {
		return append(args, t.TopicID, t.ClaimCount, t.ActiveCount, t.ConflictCount, t.ConflictPairs,
			t.NotableConflicts, t.OpenConflicts, t.Spread, t.IndependentOrigins, t.FlowFalls, t.UnknownCount,
			t.Summary, t.Series, t.SumOfParts, now)
	})
}

// insertRows writes rows into t a statement's worth at a time: the
// arguments of one statement (rowsPer(t) rows) are all that is held
// besides the rows, not those of the batch (for a topic of 60,000 claims
// they were 840,000 values of summaries, each boxed, kept by r.args for
// the rest of the recompute).
func insertRows[T any](r *recomputer, t table, suffix string, rows []T, appendRow func([]any, *T) []any) error {
	for chunk := range slices.Chunk(rows, rowsPer(t)) {
		args := r.args[:0]
		for i := range chunk {
			args = appendRow(args, &chunk[i])
		}
		err := r.insert(t, suffix, args)
		clear(args)
		r.args = args[:0]
		if err != nil {
			return err
		}
	}
	return nil
}

// changedSummaries deletes the stored summaries of the batch's topics
// that are gone or changed (and those of claims that moved into them) and
// returns the rows to insert.
func (r *recomputer) changedSummaries(w *batchWrite) ([]claimSummaryRow, error) {
	old := map[string]claimSummaryRow{}
	for chunk := range slices.Chunk(w.topics, idChunk) {
		var rows []claimSummaryRow
		if err := r.tx.Where("topic_id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, o := range rows {
			old[o.ClaimID] = o
		}
	}
	var changed []claimSummaryRow
	var gone []string
	for _, s := range w.summaries {
		o, ok := old[s.ClaimID]
		if ok {
			delete(old, s.ClaimID)
		}
		if !ok || o != s {
			changed = append(changed, s)
			gone = append(gone, s.ClaimID) // also a row left in another topic
		}
	}
	for id := range old {
		gone = append(gone, id)
	}
	slices.Sort(gone)
	for chunk := range slices.Chunk(gone, idChunk) {
		if err := r.tx.Where("claim_id IN ?", chunk).Delete(&claimSummaryRow{}).Error; err != nil {
			return nil, err
		}
	}
	return changed, nil
}

// changedConflicts deletes the stored conflicts of the batch's topics
// that are gone or changed and returns the rows to insert.
func (r *recomputer) changedConflicts(w *batchWrite) ([]topicConflictRow, error) {
	type key struct{ topic, a, b string }
	old := map[key]topicConflictRow{}
	for chunk := range slices.Chunk(w.topics, idChunk) {
		var rows []topicConflictRow
		if err := r.tx.Where("topic_id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, o := range rows {
			old[key{o.TopicID, o.ClaimA, o.ClaimB}] = o
		}
	}
	var changed []topicConflictRow
	var gone []key
	for _, c := range w.conflicts {
		k := key{c.TopicID, c.ClaimA, c.ClaimB}
		o, ok := old[k]
		delete(old, k)
		if ok && o == c {
			continue
		}
		if ok {
			gone = append(gone, k)
		}
		changed = append(changed, c)
	}
	for k := range old {
		gone = append(gone, k)
	}
	for _, k := range gone {
		if err := r.tx.Where("topic_id = ? AND claim_a = ? AND claim_b = ?", k.topic, k.a, k.b).Delete(&topicConflictRow{}).Error; err != nil {
			return nil, err
		}
	}
	return changed, nil
}

// insert writes rows of t, each given as len(t.cols) consecutive values of
// args; suffix follows the VALUES (an ON CONFLICT clause).
func (r *recomputer) insert(t table, suffix string, args []any) error {
	return r.stmts.insert(r.ctx, r.tx.Statement.ConnPool, t, suffix, args)
}

// listJSON returns what toJSON(orEmpty(xs)) does, encoding one element at
// a time into a buffer of its own: json.Marshal of the whole list (the
// series of a topic of 67,000 claims is about 10 MB of JSON) grows a
// buffer by doubling, keeps it in its pool, and copies it out twice (to
// its result, then to a string), about three and a half times the JSON at
// once; this holds it about once.
func listJSON[T any](xs []T) (string, error) {
	buf := []byte{'['}
	for i := range xs {
		b, err := json.Marshal(&xs[i])
		if err != nil {
			return "", err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, b...)
	}
	buf = append(buf, ']')
	// buf is not written again: the string may share its bytes.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), nil
}
