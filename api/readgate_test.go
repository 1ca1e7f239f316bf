package api

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// waitFor yields until cond holds: the goroutines it waits for run
// without a clock, so the tests say nothing of time.
func waitFor(cond func() bool) {
	for !cond() {
		runtime.Gosched()
	}
}

// TestReadGateFIFO: the gate grants its slot to the waiters in the order
// they asked, each freed slot going to the longest waiter.
func TestReadGateFIFO(t *testing.T) {
	g := newReadGate(1)
	ctx := context.Background()
	must(t, g.acquire(ctx))
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
			if err := g.acquire(ctx); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, i)
			mu.Unlock()
			g.release()
		}()
		// The next one asks only once this one waits in line.
		waitFor(func() bool { return g.waiting() == i+1 })
	}
	g.release()
	wg.Wait()
	if want := []int{0, 1, 2, 3, 4, 5, 6, 7}; !slices.Equal(order, want) {
		t.Errorf("slots granted in the order %v, want %v", order, want)
	}
	// Every slot came back: n holders at once would block the test.
	must(t, g.acquire(ctx))
	if g.free != 0 || g.waiting() != 0 {
		t.Errorf("after the waiters: %d free, %d waiting; want 0, 0", g.free, g.waiting())
	}
}

// TestReadGateCancelledWaiter: a waiter whose context ends leaves the line
// without taking a slot, and the next waiter gets the freed one.
func TestReadGateCancelledWaiter(t *testing.T) {
	g := newReadGate(1)
	must(t, g.acquire(context.Background()))
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan error)
	go func() { gone <- g.acquire(ctx) }()
	waitFor(func() bool { return g.waiting() == 1 })
	next := make(chan error)
	go func() { next <- g.acquire(context.Background()) }()
	waitFor(func() bool { return g.waiting() == 2 })
	cancel()
	if err := <-gone; !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled waiter's acquire = %v, want context.Canceled", err)
	}
	if w := g.waiting(); w != 1 {
		t.Fatalf("%d waiting after the cancelled waiter left, want 1", w)
	}
	g.release()
	must(t, <-next)
	g.release()
	if g.free != 1 || g.waiting() != 0 {
		t.Errorf("at the end: %d free, %d waiting; want 1, 0", g.free, g.waiting())
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
	e, h := buildEngine(Options{Store: s, ReadSlots: 2})
	gate := h.reads
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
	waitFor(func() bool { return gate.waiting() == 1 })

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/topics", nil))
	if rec.Code == 0 || rec.Code == 200 {
		t.Errorf("POST /api/v1/topics while reads hold every slot = %d, want its own answer", rec.Code)
	}
	if w := gate.waiting(); w != 1 {
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

// TestReadGateNested: with one slot, a GET whose handler reads the store
// many times (a claim's page: its topic, claimant, sources, relations,
// links and reviews) is answered, as are writes between such GETs: the
// reads of a request never wait for a second slot.
func TestReadGateNested(t *testing.T) {
	s := storetest.SQLite(t)
	e := &env{h: NewHandler(Options{Store: s, ReadSlots: 1}), store: s, log: &syncBuffer{}}
	seed(t, e)
	for i := range 3 {
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-bogdanov?include=page"}, 200, nil)
		e.doJSON(t, request{method: "POST", path: "/api/v1/claims",
			body: fmt.Sprintf(`{"id":"cl-%d","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"%d","quote":"%d fighters","provenance":{"source_id":"s-indy"}}`, i, 100+i, 100+i)}, 201, nil)
	}
	e.doJSON(t, request{method: "GET", path: "/api/v1/search?q=fighters"}, 200, nil)
}
