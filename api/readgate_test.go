package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/sync/semaphore"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// waitFor yields until cond holds: the goroutines it waits for run
// without a clock, so the tests say nothing of time.
func waitFor(cond func() bool) {
	for !cond() {
		runtime.Gosched()
	}
}

// waiting counts the goroutines that wait in a read gate's line: parked
// in semaphore.Weighted's Acquire, which parks only once the waiter is in
// the line, and leaves it before it runs again. The semaphore does not
// say how many wait, and a count kept around the call to Acquire would
// not say whether a waiter is in the line yet, which the tests' order
// rests on. Every goroutine of the process is counted: the package's
// tests do not run in parallel.
func waiting() int {
	return parkedIn("golang.org/x/sync/semaphore.(*Weighted).Acquire")
}

// freeSlots is how many of g's slots are free, taking none.
func freeSlots(g *semaphore.Weighted) int {
	free := 0
	for g.TryAcquire(1) {
		free++
	}
	g.Release(int64(free))
	return free
}

// TestReadGateFIFO: the gate grants its slot to the waiters in the order
// they asked, each freed slot going to the longest waiter.
func TestReadGateFIFO(t *testing.T) {
	g := semaphore.NewWeighted(1)
	ctx := context.Background()
	must(t, g.Acquire(ctx, 1))
	var (
		mu    sync.Mutex
		order []int
		wg    sync.WaitGroup
	)
	const n = 8
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := g.Acquire(ctx, 1); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			g.Release(1)
		}()
		// The next one asks only once this one waits in line.
		waitFor(func() bool { return waiting() == i+1 })
	}
	g.Release(1)
	wg.Wait()
	if want := []int{0, 1, 2, 3, 4, 5, 6, 7}; !slices.Equal(order, want) {
		t.Errorf("slots granted in the order %v, want %v", order, want)
	}
	// Every slot came back.
	if free, w := freeSlots(g), waiting(); free != 1 || w != 0 {
		t.Errorf("after the waiters: %d free, %d waiting; want 1, 0", free, w)
	}
}

// TestReadGateCancelledWaiter: a waiter whose context ends leaves the line
// without taking a slot, and the next waiter gets the freed one.
func TestReadGateCancelledWaiter(t *testing.T) {
	g := semaphore.NewWeighted(1)
	must(t, g.Acquire(context.Background(), 1))
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan error)
	go func() { gone <- g.Acquire(ctx, 1) }()
	waitFor(func() bool { return waiting() == 1 })
	next := make(chan error)
	go func() { next <- g.Acquire(context.Background(), 1) }()
	waitFor(func() bool { return waiting() == 2 })
	cancel()
	if err := <-gone; !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled waiter's acquire = %v, want context.Canceled", err)
	}
	if w := waiting(); w != 1 {
		t.Fatalf("%d waiting after the cancelled waiter left, want 1", w)
	}
	g.Release(1)
	must(t, <-next)
	g.Release(1)
	if free, w := freeSlots(g), waiting(); free != 1 || w != 0 {
		t.Errorf("at the end: %d free, %d waiting; want 1, 0", free, w)
	}
}

// blockingStore holds every listing of topics until release is closed,
// saying on started that one began; its writes fail at once.
type blockingStore struct {
	failingStore
	started chan struct{}
	release chan struct{}
}

func (s blockingStore) ListTopics(context.Context, claims.TopicFilter) (claims.Page[*claims.Topic], error) {
	s.started <- struct{}{}
	<-s.release
	return claims.Page[*claims.Topic]{}, nil
}

// TestReadGateAdmitsInTurn: with every slot held by a GET in the store, the
// next GET waits in the gate and is answered once one ends, while a write,
// which the gate does not hold back, is answered meanwhile. A gate that
// held writes back would leave this test hanging.
func TestReadGateAdmitsInTurn(t *testing.T) {
	s := blockingStore{started: make(chan struct{}), release: make(chan struct{})}
	e := newEngine(Options{Store: s, ReadSlots: 2})
	get := func(done chan<- int) {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/topics", nil))
		done <- rec.Code
	}
	done := make(chan int, 3)
	go get(done)
	go get(done)
	<-s.started
	<-s.started
	go get(done)
	waitFor(func() bool { return waiting() == 1 })

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/topics", nil))
	if rec.Code == 0 || rec.Code == 200 {
		t.Errorf("POST /api/v1/topics while reads hold every slot = %d, want its own answer", rec.Code)
	}
	if w := waiting(); w != 1 {
		t.Errorf("%d GETs waiting while the write was answered, want 1", w)
	}

	close(s.release) // the two holders end; the third gets a slot
	<-s.started
	for range 3 {
		if code := <-done; code != 200 {
			t.Errorf("GET /api/v1/topics = %d, want 200", code)
		}
	}
}

// TestReadGateClientGone: a GET whose client goes away while it waits in
// the gate leaves the line and is answered 499, as when the client goes
// during the store read (TestClientGoneIsNotAFailure); the GET that held
// the slot is answered, and so is the next one.
func TestReadGateClientGone(t *testing.T) {
	s := blockingStore{started: make(chan struct{}), release: make(chan struct{})}
	e := newEngine(Options{Store: s, ReadSlots: 1})
	get := func(ctx context.Context, done chan<- int) {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/topics", nil).WithContext(ctx))
		done <- rec.Code
	}
	held := make(chan int)
	go get(context.Background(), held)
	<-s.started
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan int)
	go get(ctx, gone)
	waitFor(func() bool { return waiting() == 1 })
	cancel()
	if code := <-gone; code != statusClientClosed {
		t.Errorf("GET /api/v1/topics whose client went away in the gate = %d, want %d", code, statusClientClosed)
	}
	if w := waiting(); w != 0 {
		t.Errorf("%d waiting after the client went away, want 0", w)
	}
	close(s.release)
	if code := <-held; code != 200 {
		t.Errorf("GET /api/v1/topics holding the slot = %d, want 200", code)
	}
	next := make(chan int, 1)
	go get(context.Background(), next)
	<-s.started
	if code := <-next; code != 200 {
		t.Errorf("GET /api/v1/topics after them = %d, want 200", code)
	}
}

// TestReadGateNested: with one slot, a GET whose handler reads the store
// many times (a claim's page: its topic, claimant, sources, relations,
// links and reviews) is answered, as are writes between such GETs: the
// reads of a request never wait for a second slot.
func TestReadGateNested(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := &env{h: NewHandler(Options{Store: s, ReadSlots: 1}), store: s, log: &syncBuffer{}}
		seed(t, e)
		for i := range 3 {
			e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-bogdanov?include=page"}, 200, nil)
			e.doJSON(t, request{method: "POST", path: "/api/v1/claims",
				body: fmt.Sprintf(`{"id":"cl-%d","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"%d","quote":"%d fighters","provenance":{"source_id":"s-indy"}}`, i, 100+i, 100+i)}, 201, nil)
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/search?q=fighters"}, 200, nil)
	})
}

// topicStore lists one topic at once; its writes fail.
type topicStore struct{ failingStore }

func (topicStore) ListTopics(context.Context, claims.TopicFilter) (claims.Page[*claims.Topic], error) {
	return claims.Page[*claims.Topic]{Items: []*claims.Topic{{Title: "Russian nationals fighting with Islamic State"}}}, nil
}

// stalledClient is the connection of a client that never reads its
// answer: the first bytes written to it say so on writing, and the write
// blocks until read is closed.
type stalledClient struct {
	header  http.Header
	writing chan struct{}
	read    chan struct{}
	code    int
}

func (c *stalledClient) Header() http.Header { return c.header }
func (c *stalledClient) WriteHeader(code int) {
	if c.code == 0 {
		c.code = code
	}
}

func (c *stalledClient) Write(p []byte) (int, error) {
	if c.code == 0 {
		c.code = 200
	}
	if c.writing != nil {
		close(c.writing)
		c.writing = nil
		<-c.read
	}
	return len(p), nil
}

// TestReadGateSlowClient: with one slot, a GET whose answer is being
// written to a client that does not read it holds no slot: another GET is
// answered meanwhile, where it would wait in the gate until the first
// client read. Each writing of the first answer (its status, its bytes)
// would give the slot back again if the gate did not give it back once:
// the semaphore would panic on a second release.
func TestReadGateSlowClient(t *testing.T) {
	e := newEngine(Options{Store: topicStore{}, ReadSlots: 1})
	stalled := &stalledClient{header: http.Header{}, writing: make(chan struct{}), read: make(chan struct{})}
	writing := stalled.writing
	first := make(chan struct{})
	go func() {
		e.ServeHTTP(stalled, httptest.NewRequest("GET", "/api/v1/topics", nil))
		close(first)
	}()
	<-writing

	var answered atomic.Bool
	second := httptest.NewRecorder()
	go func() {
		e.ServeHTTP(second, httptest.NewRequest("GET", "/api/v1/topics", nil))
		answered.Store(true)
	}()
	// The second GET is either answered or parked in the gate's line.
	waitFor(func() bool { return answered.Load() || waiting() == 1 })
	if !answered.Load() {
		t.Error("a GET waits in the gate while the only slot's GET writes to a client that does not read")
	}

	close(stalled.read)
	<-first
	waitFor(answered.Load)
	if stalled.code != 200 || second.Code != 200 {
		t.Errorf("GET /api/v1/topics = %d to the stalled client, %d to the other; want 200, 200", stalled.code, second.Code)
	}
	if !strings.Contains(second.Body.String(), `Russian nationals`) {
		t.Errorf("the second GET's answer lacks the topic: %s", second.Body)
	}
	// Both slots' holders gave it back: a third GET is answered.
	third := httptest.NewRecorder()
	e.ServeHTTP(third, httptest.NewRequest("GET", "/api/v1/topics", nil))
	if third.Code != 200 {
		t.Errorf("GET /api/v1/topics after them = %d, want 200", third.Code)
	}
}

// countingAccounts is a server's accounts that count the token lookups,
// which read the store, and know one API token, of a viewer: its hash.
type countingAccounts struct {
	claims.Accounts
	known string
	finds *atomic.Int32
}

func (a countingAccounts) FindToken(_ context.Context, hash string) (*claims.Token, *claims.User, error) {
	a.finds.Add(1)
	if hash != a.known {
		return nil, nil, claims.Errorf(claims.CodeNotFound, "no such token")
	}
	return &claims.Token{Kind: claims.TokenAPI, Name: "reader"}, &claims.User{Name: "ana", Role: claims.RoleViewer}, nil
}

// TestReadGateBeforeAuthentication: a GET's token is looked up in the
// store only once the GET has its slot, so that the lookups of a crowd of
// signed-in readers do not crowd database/sql's pool around the gate.
func TestReadGateBeforeAuthentication(t *testing.T) {
	s := blockingStore{started: make(chan struct{}), release: make(chan struct{})}
	var finds atomic.Int32
	known, hash := claims.NewSecret()
	e := newEngine(Options{Store: s, Accounts: countingAccounts{known: hash, finds: &finds}, ReadSlots: 1})
	get := func(secret string, done chan<- int) {
		req := httptest.NewRequest("GET", "/api/v1/topics", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		done <- rec.Code
	}
	first, second := make(chan int, 1), make(chan int, 1)
	go get(known, first)
	<-s.started // the only slot is held in the store
	if n := finds.Load(); n != 1 {
		t.Fatalf("%d token lookups for the GET in the store, want 1 (the test's premise)", n)
	}

	unknown, _ := claims.NewSecret()
	go get(unknown, second)
	// The second GET is parked in the gate's line, or was answered
	// without waiting for a slot.
	waitFor(func() bool { return waiting() == 1 || len(second) == 1 })
	if len(second) == 1 {
		t.Error("a GET was answered while the only slot was held: its token was checked before the gate")
	}
	if n := finds.Load(); n != 1 {
		t.Errorf("the waiting GET's token was looked up while it waited in the gate (%d lookups, want 1)", n)
	}
	close(s.release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("GET with the viewer's token = %d, want 200", code)
	}
	if code := <-second; code != http.StatusUnauthorized {
		t.Errorf("GET with an unknown token = %d, want 401", code)
	}
	if n := finds.Load(); n != 2 {
		t.Errorf("%d token lookups in all, want 2", n)
	}
}

// goroutines returns the stack of every goroutine, one entry each.
func goroutines() [][]byte {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Split(buf[:n], []byte("\n\n"))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parkedIn counts the goroutines parked in a select inside fn (a
// function's full name, as a stack gives it). Every goroutine of the
// process is counted: the package's tests do not run in parallel.
func parkedIn(fn string) int {
	count := 0
	for _, g := range goroutines() {
		header, _, _ := bytes.Cut(g, []byte("\n"))
		if bytes.Contains(header, []byte("[select")) && bytes.Contains(g, []byte(fn+"(")) {
			count++
		}
	}
	return count
}

// TestReadGateRelationsWaitHoldsNoSlot: a relations request that waits
// for a place to compute (every place taken) has given its slot of the
// read gate back, so that with one slot another GET is answered
// meanwhile; the relations request is answered once a place frees.
func TestReadGateRelationsWaitHoldsNoSlot(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 30)
		e, h := buildEngine(Options{Store: s, ReadSlots: 1})
		get := func(path string) *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			return rec
		}
		var page claims.Page[*claims.Claim]
		rec := get("/api/v1/claims?topic_id=t-5&limit=1")
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || len(page.Items) == 0 {
			t.Fatalf("seed: no claim in t-5 (%d %s)", rec.Code, rec.Body)
		}
		for range cap(h.computing) {
			h.computing <- struct{}{}
		}
		relations := make(chan *httptest.ResponseRecorder, 1)
		go func() { relations <- get("/api/v1/claims/" + page.Items[0].ID + "/relations?limit=5") }()
		waitFor(func() bool { return parkedIn("github.com/claimdesk/claimdesk/api.(*handler).relationsOf") == 1 })

		other := make(chan int, 1)
		go func() { other <- get("/api/v1/topics").Code }()
		waitFor(func() bool { return len(other) == 1 || waiting() == 1 })
		if len(other) == 0 {
			t.Error("a GET waits in the gate while the only slot's holder waits for a place to compute")
		}
		for range cap(h.computing) {
			<-h.computing
		}
		if code := <-other; code != http.StatusOK {
			t.Errorf("GET /api/v1/topics = %d, want 200", code)
		}
		if rec := <-relations; rec.Code != http.StatusOK {
			t.Errorf("GET relations = %d, want 200: %s", rec.Code, rec.Body)
		}
	})
}

// TestReadSlotsCappedAtReadConns: ReadSlots above the store's read
// connections is capped at them, with a warning in the log that says
// both; at or below them it is kept, and nothing is said.
func TestReadSlotsCappedAtReadConns(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		conns := s.ReadConns()
		for _, tc := range []struct{ asked, want int }{
			{conns + 10, conns},
			{conns + 1, conns},
			{conns, conns},
			{conns - 1, conns - 1},
			{0, conns},
		} {
			var log syncBuffer
			_, h := buildEngine(Options{Store: s, ReadSlots: tc.asked,
				Logger: slog.New(slog.NewTextHandler(&log, nil))})
			if got := freeSlots(h.reads); got != tc.want {
				t.Errorf("ReadSlots %d on %d read connections: a gate of %d slots, want %d", tc.asked, conns, got, tc.want)
			}
			warned := strings.Contains(log.String(), "level=WARN") &&
				strings.Contains(log.String(), fmt.Sprintf("read_slots=%d", tc.asked)) &&
				strings.Contains(log.String(), fmt.Sprintf("read_conns=%d", conns))
			if want := tc.asked > conns; warned != want {
				t.Errorf("ReadSlots %d on %d read connections: warned %v, want %v; log: %s", tc.asked, conns, warned, want, log.String())
			}
		}
	})
}
