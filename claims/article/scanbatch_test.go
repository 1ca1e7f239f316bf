package article

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// heldBytes sums what the preps of bs hold: each slice field's capacity
// times its element's size, and the text of a paragraph read, in the
// prep or in its tokens' room.
func heldBytes(bs *batches) int {
	n := 0
	for i := range bs {
		for _, pp := range bs[i].pps {
			v := reflect.ValueOf(pp).Elem()
			for j := range v.NumField() {
				if f := v.Field(j); f.Kind() == reflect.Slice {
					n += f.Cap() * int(f.Type().Elem().Size())
				}
			}
			n += len(pp.p)
			for _, t := range pp.toks[:cap(pp.toks)] {
				n += len(t.s)
			}
		}
	}
	return n
}

// TestScanBatchesKeepLittle reads paragraphs of 20,000 words, each at
// another place in its batch, then ordinary news text: the batches, once
// read, keep at most maxKeptBatch bytes of buffers each, and no text of
// the paragraphs read, rather than every buffer the long paragraphs grew.
func TestScanBatchesKeepLittle(t *testing.T) {
	long := strings.Repeat("The 12 ministers met on Monday in Moscow, ", 20000/8)
	var in strings.Builder
	for i := range batchParagraphs {
		for range i {
			in.WriteString("A short line.\n")
		}
		in.WriteString(long + "\n")
	}
	for range 50 * batchParagraphs {
		in.WriteString("The ministry said 1,200 people were evacuated from 14 villages on Monday, a spokesman told RIA Novosti.\n")
	}
	x := New(nil, nil)
	d := x.newDoc()
	defer d.release()
	var cur []Candidate
	n := 0
	err := d.prepareAhead(strings.NewReader(in.String()), func(pp *prep) error {
		cur = d.read(pp, cur[:0], 0)
		n += len(cur)
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("prepareAhead: %v, %d candidates", err, n)
	}
	got, limit := heldBytes(d.batches), batchesInFlight*maxKeptBatch
	t.Logf("the batches hold %d bytes once read", got)
	if got > limit {
		t.Errorf("the batches hold %d bytes once read, want at most %d", got, limit)
	}
	if sc := d.scratch(); sc.batches != d.batches {
		t.Error("the doc does not leave its batches for the next scan")
	}
}

// TestScanBatchesReusedAfterStop stops reading in the middle of a text,
// then reads it again with the same batches (as the next scan does, from
// the pool): the second reading has every paragraph once, in order, and
// none of the first's left over.
func TestScanBatchesReusedAfterStop(t *testing.T) {
	var in strings.Builder
	var want []int
	for i := range 100 {
		want = append(want, in.Len())
		in.WriteString(strings.Repeat("Paragraph of a few words. ", 1+i%7) + "\n")
	}
	x := New(nil, nil)
	d := x.newDoc()
	n := 0
	err := d.prepareAhead(strings.NewReader(in.String()), func(*prep) error {
		if n++; n == 20 {
			return ErrStop
		}
		return nil
	})
	if err != ErrStop {
		t.Fatalf("prepareAhead returned %v, want ErrStop", err)
	}
	d2 := x.newDoc()
	d2.batches = d.batches
	var got []int
	if err := d2.prepareAhead(strings.NewReader(in.String()), func(pp *prep) error {
		got = append(got, pp.base)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs read at %v, want %v", got, want)
	}
}
