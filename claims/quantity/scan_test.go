package quantity

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCyrillicLowerFast checks the inlined fast path against cyrillicLower
// on every pair of bytes: where it answers, it answers as cyrillicLower
// does, and it answers for every letter of Russian but ё and Ё.
func TestCyrillicLowerFast(t *testing.T) {
	t.Parallel()
	answered := 0
	for c := 0; c < 256; c++ {
		for c2 := 0; c2 < 256; c2++ {
			b0, b1, ok := cyrillicLowerFast(byte(c), byte(c2))
			if !ok {
				continue
			}
			answered++
			r, want := cyrillicLower(string([]byte{byte(c), byte(c2)}), 0)
			if !want || utf8.RuneLen(r) != 2 || string(utf8.AppendRune(nil, r)) != string([]byte{b0, b1}) {
				t.Errorf("% x: fast % x, cyrillicLower %q %v", []byte{byte(c), byte(c2)}, []byte{b0, b1}, r, want)
			}
		}
	}
	for _, r := range "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" {
		b := utf8.AppendRune(nil, r)
		if _, _, ok := cyrillicLowerFast(b[0], b[1]); !ok {
			t.Errorf("%q not answered", r)
		}
	}
	if answered != 64 {
		t.Errorf("answered for %d pairs, want 64", answered)
	}
}

// TestScanWordFolds checks the word IDs tokenize gives on random text made
// of lexicon words in random case, with ё, other scripts and figures
// between them, against the lexicon map looked up with the word folded by
// strings.ToLower and ё to е; and that every other token has ID 0.
func TestScanWordFolds(t *testing.T) {
	t.Parallel()
	lex := New().lex
	var words []string
	for w := range lex.ids {
		if w != "" {
			words = append(words, w)
		}
	}
	extra := []string{"ёлка", "Ёж", "Ѐ", "ѓ", "Straße", "ÉTÉ", "İstanbul", "ǅ", "ΣΑΣ", "ї", "ﬁ", "a\u0301b", "5", "1,5", " ", "-", "—", "«", "\u00a0"}
	seps := []string{" ", "  ", ", ", "-", "\n", "\u00a0", ""}
	rng := rand.New(rand.NewPCG(11, 3))
	checked := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			var w string
			if rng.IntN(4) == 0 {
				w = extra[rng.IntN(len(extra))]
			} else {
				w = words[rng.IntN(len(words))]
			}
			rs := []rune(w)
			for k := range rs {
				switch rng.IntN(3) {
				case 0:
					rs[k] = []rune(strings.ToUpper(string(rs[k])))[0]
				case 1:
					if rs[k] == 'е' {
						rs[k] = 'ё'
					}
				}
			}
			b.WriteString(string(rs))
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		s := b.String()
		for _, tok := range lex.tokenize(s, nil) {
			if tok.kind != tWord {
				if tok.id != 0 {
					t.Fatalf("%q in %q: a token of kind %d with ID %d (Parser.word reads it)", s[tok.start:tok.end], s, tok.kind, tok.id)
				}
				continue
			}
			key := normalizeKey(s[tok.start:tok.end])
			want := int32(0)
			if len(key) <= maxWordLen {
				want = lex.ids[key]
			}
			if tok.id != want {
				t.Fatalf("%q in %q: ID %d, want %d (%q)", s[tok.start:tok.end], s, tok.id, want, key)
			}
			if want != 0 {
				checked++
			}
		}
	}
	if checked < 20000 {
		t.Errorf("only %d known words checked", checked)
	}
}
