package article_test

import (
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/claimdesk/claimdesk/claims/article"
)

// watchedReader counts what is read of r, and whether a Read began after
// closed was set.
type watchedReader struct {
	r            io.Reader
	n            int
	closed, late bool
}

func (w *watchedReader) Read(b []byte) (int, error) {
	if w.closed {
		w.late = true
	}
	n, err := w.r.Read(b)
	w.n += n
	return n, err
}

// TestScanStopsItsPreparer stops Scan early on a stream of several
// megabytes, with ErrStop, with a failing callback and with a read error
// in the middle: each time Scan returns with what it should, has read a
// bounded stretch of the input ahead of what it emitted, reads no more of
// it once returned, and leaves no goroutine behind (synctest fails the
// test when a goroutine of its bubble is still blocked at its end).
func TestScanStopsItsPreparer(t *testing.T) {
	var parts []string
	for _, p := range loadCorpus(t) {
		parts = append(parts, p.Text)
	}
	round := strings.Join(parts, "\n") + "\n"
	text := strings.Repeat(round, 4<<20/len(round)+1)
	x := article.New(nil, nil)
	failed := errors.New("writer gone")
	boom := errors.New("disk gone")
	for _, c := range []struct {
		name    string
		r       func() io.Reader
		emitErr error // returned from the 10th candidate on
		want    error
	}{
		{"ErrStop", func() io.Reader { return strings.NewReader(text) }, article.ErrStop, nil},
		{"failing callback", func() io.Reader { return strings.NewReader(text) }, failed, failed},
		{"read error", func() io.Reader {
			return io.MultiReader(strings.NewReader(text[:len(text)/2]), &errAfter{r: strings.NewReader(""), err: boom})
		}, nil, boom},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				w := &watchedReader{r: c.r()}
				n := 0
				err := x.Scan(w, func(*article.Candidate) error {
					if n++; n >= 10 && c.emitErr != nil {
						return c.emitErr
					}
					return nil
				})
				w.closed = true
				synctest.Wait() // every other goroutine of the test has ended or is blocked
				if !errors.Is(err, c.want) || c.want == nil && err != nil {
					t.Fatalf("Scan returned %v, want %v", err, c.want)
				}
				if c.emitErr != nil && (n != 10 || w.n > 1<<20) {
					t.Errorf("%d candidates emitted and %d bytes read of %d, want 10 and at most 1 MB", n, w.n, len(text))
				}
				if c.emitErr == nil && n < 1000 {
					t.Errorf("%d candidates before the read error, want the first half's", n)
				}
				if w.late {
					t.Error("the input was read after Scan returned")
				}
			})
		})
	}
}

// paragraphsWithCandidates returns n passages of the corpus, each with a
// candidate of its own.
func paragraphsWithCandidates(t *testing.T, n int) []string {
	x := article.New(nil, nil)
	var out []string
	for _, p := range loadCorpus(t) {
		if cs := x.Extract(p.Text); len(cs) > 0 && !strings.Contains(p.Text, "\n") {
			out = append(out, p.Text)
			if len(out) == n {
				return out
			}
		}
	}
	t.Fatalf("fewer than %d passages with candidates", n)
	return nil
}

// TestScanReportsAsItReads writes two paragraphs into a pipe and waits:
// Scan reports the first one's candidates (the second's may still be
// attributed by the next paragraph) before more input comes, as it did
// reading the paragraphs in turn; and stopped at the first candidate of
// twenty paragraphs, it returns without waiting for more input.
func TestScanReportsAsItReads(t *testing.T) {
	paras := paragraphsWithCandidates(t, 20)
	x := article.New(nil, nil)
	t.Run("reports", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			pr, pw := io.Pipe()
			go func() {
				pw.Write([]byte(paras[0] + "\n" + paras[1] + "\n"))
			}()
			var mu sync.Mutex
			var starts []int
			scanned := make(chan error)
			go func() {
				scanned <- x.Scan(pr, func(c *article.Candidate) error {
					mu.Lock()
					starts = append(starts, c.Start)
					mu.Unlock()
					return nil
				})
			}()
			synctest.Wait() // the pipe is empty, Scan waits for more
			mu.Lock()
			if len(starts) == 0 || starts[len(starts)-1] > len(paras[0]) {
				t.Errorf("candidates at %v reported before more input, want the first paragraph's (%d bytes)", starts, len(paras[0]))
			}
			mu.Unlock()
			pw.Close()
			if err := <-scanned; err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("stops", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			pr, pw := io.Pipe()
			go func() {
				pw.Write([]byte(strings.Join(paras, "\n") + "\n"))
			}()
			scanned := make(chan error, 1)
			go func() {
				scanned <- x.Scan(pr, func(*article.Candidate) error { return article.ErrStop })
			}()
			synctest.Wait()
			select {
			case err := <-scanned:
				if err != nil {
					t.Errorf("Scan returned %v", err)
				}
			default:
				t.Error("Scan, stopped at the first candidate, waits for more input")
				pw.Close()
				<-scanned
			}
			pw.Close()
		})
	})
}

// panicReader gives its text, then panics.
type panicReader struct{ r *strings.Reader }

func (p panicReader) Read(b []byte) (int, error) {
	if p.r.Len() == 0 {
		panic("reader gone")
	}
	return p.r.Read(b)
}

// TestScanPanics panics in the callback and in the reader's Read: Scan
// passes the panic on, on its goroutine, to a caller that recovers it, and
// leaves no goroutine behind (synctest fails the test if one is blocked
// at its end).
func TestScanPanics(t *testing.T) {
	paras := paragraphsWithCandidates(t, 40)
	text := strings.Join(paras, "\n") + "\n"
	x := article.New(nil, nil)
	for _, c := range []struct {
		name string
		r    func() io.Reader
		emit func(*article.Candidate) error
		want string
	}{
		{"callback", func() io.Reader { return strings.NewReader(text) },
			func(*article.Candidate) error { panic("callback gone") }, "callback gone"},
		{"reader", func() io.Reader { return panicReader{strings.NewReader(text)} },
			func(*article.Candidate) error { return nil }, "reader gone"},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				got := func() (p any) {
					defer func() { p = recover() }()
					x.Scan(c.r(), c.emit)
					return nil
				}()
				if got != c.want {
					t.Errorf("recovered %v, want %q", got, c.want)
				}
			})
		})
	}
}
