package article_test

import (
	"errors"
	"io"
	"strings"
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
