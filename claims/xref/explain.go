package xref

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// describe names a claim for an explanation: the claimant's name and
// what the claim says, "Bogdanov's a few dozen (24-60)"; see amount.
func describe(f *fact) string {
	name := possessive(f.v.Name())
	if !f.numbered {
		return name + " claim"
	}
	return name + " " + amount(f)
}

// amount is what a claim says, without the claimant: the quantity text as
// said and, unless the text already says it, the interval read from it in
// brackets. A text that reads as a number phrase after a possessive ("about
// 800", "more than 20,000", "nine thousand at least") is given as it is,
// its first letter lower-cased; any other text is quoted ("\"exceeds
// 20,000\" (20,001 or more)", "\"a little half\" (4,000-4,500)"). A plain
// number is written with separators ("7,000", not "7000 (7,000)"), and a
// text whose numbers are exactly the interval's finite bounds ("between
// 800 and 1,500", "at least 4,000") goes without brackets.
func amount(f *fact) string {
	if !f.numbered {
		return "claim without a number"
	}
	r := rangeWords(f.lo, f.hi)
	q := strings.TrimSpace(f.v.QuantityText)
	if q == "" || q == r {
		return r
	}
	if plainNumber(q) && f.lo == f.hi {
		return r
	}
	phrase, ok := numberPhrase(q)
	if !ok {
		phrase = "\"" + q + "\""
	}
	if sameNumbers(q, f.lo, f.hi) {
		return phrase
	}
	return phrase + " (" + r + ")"
}

// plainNumber reports whether s is a bare number: "7000", "2,719".
func plainNumber(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			return false
		}
	}
	return s != ""
}

// numbersIn returns the numbers written in digits in s: "between 800 and
// 1,500" gives 800 and 1500.
func numbersIn(s string) []float64 {
	var out []float64
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || (s[j] == ',' || s[j] == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
			j++
		}
		if v, err := strconv.ParseFloat(strings.ReplaceAll(s[i:j], ",", ""), 64); err == nil {
			out = append(out, v)
		}
		i = j
	}
	return out
}

// sameNumbers reports whether the numbers written in text are exactly the
// interval's finite bounds, so that bracketing the interval would repeat
// the text. Numbers followed by a word that multiplies them ("5-7
// thousand") never match, as their digits are not the bounds.
func sameNumbers(text string, lo, hi float64) bool {
	got := numbersIn(text)
	if len(got) == 0 {
		return false
	}
	var want []float64
	for _, v := range []float64{lo, hi} {
		if !math.IsInf(v, 0) && !slices.Contains(want, v) {
			want = append(want, v)
		}
	}
	for _, v := range got {
		if !slices.Contains(want, v) {
			return false
		}
	}
	for _, v := range want {
		if !slices.Contains(got, v) {
			return false
		}
	}
	return true
}

// phraseStarts are the words that begin a number phrase ("about 800",
// "nine thousand at least", "a few dozen"); phraseSeconds the words that
// may follow a leading "a" ("a few dozen", but not "a little half").
var (
	phraseStarts = map[string]bool{
		"about": true, "around": true, "approximately": true, "roughly": true, "some": true, "nearly": true,
		"almost": true, "close": true, "up": true, "more": true, "over": true, "under": true, "fewer": true,
		"less": true, "at": true, "as": true, "between": true, "several": true, "few": true, "dozens": true,
		"hundreds": true, "thousands": true, "tens": true, "an": true, "estimated": true, "perhaps": true,
		"possibly": true, "exactly": true, "only": true, "just": true, "well": true, "no": true, "upwards": true,
		"zero": true, "one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
		"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "fifteen": true,
		"twenty": true, "thirty": true, "forty": true, "fifty": true, "sixty": true, "seventy": true,
		"eighty": true, "ninety": true, "hundred": true, "thousand": true, "dozen": true, "half": true,
		"below": true, "above": true, "beyond": true, "maximum": true, "minimum": true,
	}
	phraseSeconds = map[string]bool{
		"few": true, "dozen": true, "hundred": true, "thousand": true, "million": true, "couple": true,
		"handful": true, "maximum": true, "minimum": true,
	}
)

// numberPhrase returns text as a number phrase to follow a possessive,
// its first letter lower-cased, and whether it is one: it begins with a
// digit or with one of phraseStarts.
func numberPhrase(text string) (string, bool) {
	if text[0] >= '0' && text[0] <= '9' {
		return text, true
	}
	words := strings.Fields(strings.ToLower(text))
	first := strings.Trim(words[0], ",.;:")
	ok := phraseStarts[first]
	if first == "a" && len(words) > 1 {
		ok = phraseSeconds[strings.Trim(words[1], ",.;:")]
	}
	if !ok {
		return text, false
	}
	r, n := utf8.DecodeRuneInString(text)
	return string(unicode.ToLower(r)) + text[n:], true
}

// dateWords is a claim's reference date for an explanation: "as of
// 2015-02", or "undated".
func dateWords(f *fact) string {
	d := f.v.RefDate()
	if d == "" {
		return "undated"
	}
	return "as of " + string(d)
}

// describeDated adds the reference date: "Bortnikov's around 1,700
// (1,530-1,870) as of 2015-02".
func describeDated(f *fact) string {
	return describe(f) + " " + dateWords(f)
}

// amountDated is amount with the reference date.
func amountDated(f *fact) string {
	return amount(f) + " " + dateWords(f)
}

// sameClaimant reports whether two claims have one claimant, whom an
// explanation then names once.
func sameClaimant(a, b *fact) bool {
	return a.v.ClaimantID == b.v.ClaimantID && a.v.Name() == b.v.Name()
}

// and names two claims joined by "and": "Smirnov's 2,400 and Novikov's
// close to 5,000", or "Putin's up to 4,000 and as many as 4,000" when
// they have one claimant. da and db describe each claim's figure.
func and(a, b *fact, da, db func(*fact) string) string {
	if sameClaimant(a, b) {
		return possessive(a.v.Name()) + " " + da(a) + " and " + db(b)
	}
	return possessive(a.v.Name()) + " " + da(a) + " and " + possessive(b.v.Name()) + " " + db(b)
}

// object names b after a verb whose subject is a: "Bogdanov's a few dozen",
// or "the same claimant's a few dozen" when they have one claimant.
func object(a, b *fact, db func(*fact) string) string {
	if sameClaimant(a, b) {
		return "the same claimant's " + db(b)
	}
	return possessive(b.v.Name()) + " " + db(b)
}

// describeIn adds the places: "in Syria alone" for an inner count, "for
// Syria and Iraq" otherwise, "with no place stated" when it states none.
func describeIn(f *fact, alone bool) string {
	return describe(f) + inWords(f, alone)
}

// amountIn is amount with the places, as describeIn.
func amountIn(f *fact, alone bool) string {
	return amount(f) + inWords(f, alone)
}

func inWords(f *fact, alone bool) string {
	switch {
	case f.set.Unspecified():
		return " with no place stated"
	case alone:
		return " in " + placeWords(f) + " alone"
	}
	return " for " + placeWords(f)
}

func placeWords(f *fact) string {
	if f.set.Unspecified() {
		return "no stated place"
	}
	return joinAnd(f.set.Names)
}

// placeClauses say where two claims compared as covering the same area
// are for: inline after the pair (", each for Syria,") when both state the
// same places, else trailing after the verdict ("; neither states a
// place").
func placeClauses(a, b *fact) (inline, trailing string) {
	switch {
	case a.set.Unspecified() && b.set.Unspecified():
		return "", "; neither states a place"
	case a.set.Unspecified():
		return "", "; the first states no place, the second is for " + placeWords(b)
	case b.set.Unspecified():
		return "", "; the second states no place, the first is for " + placeWords(a)
	}
	return ", each for " + placeWords(a) + ",", ""
}

func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func possessive(name string) string {
	if strings.HasSuffix(name, "'") {
		return name
	}
	return name + "'s"
}

func measureWords(f *fact) string {
	switch f.measure {
	case claims.Cumulative:
		if f.since != "" {
			return "a cumulative total since " + string(f.since)
		}
		return "a cumulative total (to date)"
	case claims.PerPeriod:
		return "a figure for the period " + strings.ReplaceAll(f.period, "..", " to ")
	case claims.Peak:
		return "a peak (the most at any one moment)"
	case claims.Proxy:
		return "a proxy measure"
	}
	return "a current figure (how many at a moment)"
}

func hedgeWords(f *fact) string {
	var k string
	switch f.v.Interval.Kind {
	case quantity.LowerBound:
		k = "a lower bound"
	case quantity.UpperBound:
		k = "an upper bound"
	case quantity.Exact:
		k = "an exact figure"
	case quantity.Approximate:
		k = "an approximation"
	case quantity.Range:
		k = "a range"
	case quantity.Vague:
		k = "a vague figure"
	case quantity.Change:
		k = "a change"
	default:
		k = "unqualified"
	}
	if q := strings.TrimSpace(f.v.QuantityText); q != "" {
		return "\"" + q + "\" is " + k
	}
	return "one is " + k
}

// rangeWords formats an interval: "720-880", "2,400", "400 or more", "up to 3,000".
func rangeWords(lo, hi float64) string {
	loInf, hiInf := math.IsInf(lo, 0), math.IsInf(hi, 0)
	switch {
	case loInf && hiInf:
		return "any number"
	case hiInf:
		return num(lo) + " or more"
	case loInf:
		return "up to " + num(hi)
	case lo == hi:
		return num(lo)
	}
	return num(lo) + "-" + num(hi)
}

// num formats a number with thousands separators: 2,719; 0.25.
func num(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if v != math.Trunc(v) || math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	s := strconv.FormatInt(int64(math.Abs(v)), 10)
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// times formats a severity for an explanation as the web app's badge
// gives it beside the explanation: rounded as it is stored (see
// roundSeverity), then written by Factor: "12×", "25.5×", "32,800×".
// near is the lower figure's nearer bound, of which s is the factor to
// the higher one's. At MaxSeverity, which the badge shows as "∞", it says
// why: a bound of zero or below leaves the factor unbounded, while two
// positive bounds a billion times apart or more ("1" against "2 billion")
// have a factor past the cap.
func times(s, near float64) string {
	r := roundSeverity(s)
	switch {
	case r < MaxSeverity:
		return Factor(r)
	case near == 0:
		return "an unbounded factor (one bound is zero)"
	case near < 0:
		return "an unbounded factor (one bound is below zero)"
	}
	return num(MaxSeverity) + "× or more"
}

// Factor writes a factor as the web app's badge does (frontend/js/format.js,
// factor): "1×" for 1 or less, two decimals below 10 ("1.82×", "1.8×",
// "2×"), one below 100 ("25.5×"), then a whole number with thousands
// separators ("537×", "32,800×"), and "∞" from MaxSeverity. Halves round
// up, as JavaScript's toFixed and Math.round do (1.125 is "1.13×", where
// strconv alone would write 1.12).
func Factor(v float64) string {
	switch {
	case !(v > 1):
		return "1×"
	case v >= MaxSeverity:
		return "∞"
	case v >= 100:
		return num(math.Round(v)) + "×"
	case v >= 10:
		return decimals(v, 1) + "×"
	}
	return decimals(v, 2) + "×"
}

// decimals writes a positive v with at most d (1 or 2) decimals, a half
// rounded up and trailing zeros dropped, as JavaScript's
// Number(v.toFixed(d)) reads: 1.80 is "1.8", 2.00 "2". v lies exactly
// half-way between two such numbers only when v×2^(d+1) is an odd
// integer (a float is a fraction over a power of two, and 10^d×2 is
// 2^(d+1) times the odd 5^d); strconv rounds that half to even, toFixed
// up.
func decimals(v float64, d int) string {
	p := math.Pow10(d)
	if h := math.Ldexp(v, d+1); h == math.Trunc(h) && math.Mod(h, 2) == 1 {
		v = math.Ceil(v*p) / p
	}
	t := strconv.FormatFloat(v, 'f', d, 64)
	return strings.TrimSuffix(strings.TrimRight(t, "0"), ".")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// sentence upper-cases the first letter of an explanation: a claimant's
// name may begin in lower case ("an unnamed official").
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
