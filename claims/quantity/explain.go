package quantity

import (
	"math"
	"strconv"
)

// explain writes the short sentence an analyst reads in a tooltip: what
// the words mean, in figures, without repeating them. "a few dozen: 2 to
// 5 dozen (24-60, best 36)", "about 800: ±10% (720-880)", "более тысячи:
// at least 1,001", "up to about 4 thousand: at most 4,000, hedged".
func (p *Parser) explain(lead string, m *match, r *reading) string {
	var arr [192]byte
	b := append(arr[:0], lead...)
	b = append(b, ": "...)
	body := len(b)
	pct := m.unit == "percent"
	num := func(b []byte, v float64) []byte { return appendNum(b, v, pct) }
	span := func(b []byte) []byte {
		b = append(b, " ("...)
		b = num(b, r.lo)
		b = append(b, '-')
		b = num(b, r.hi)
		return append(b, ')')
	}
	// bound writes "word v", or the other phrasing when that would only
	// repeat the lead ("at least 4,000: 4,000 or more").
	bound := func(b []byte, word string, v float64, alt string, altAfter bool) []byte {
		b = append(b, word...)
		b = append(b, ' ')
		b = num(b, v)
		if !sameText(lead, b[body:]) {
			return b
		}
		b = b[:body]
		if !altAfter {
			b = append(b, alt...)
			b = append(b, ' ')
		}
		b = num(b, v)
		if altAfter {
			b = append(b, ' ')
			b = append(b, alt...)
		}
		return b
	}
	margin := func(b []byte, frac float64, side string) []byte {
		b = append(b, "up to "...)
		b = appendNum(b, math.Abs(frac)*100, true)
		b = append(b, side...)
		b = num(b, r.coreBest)
		return span(b)
	}
	mod := m.mod
	if mod == modOdd && r.rule != "odd" {
		mod = modNone
	}
	switch {
	case r.roundFigure:
		b = append(b, "a round figure, read as "...)
		b = num(b, r.lo)
		b = append(b, " to "...)
		b = num(b, r.hi)
	case r.kind == LowerBound && (mod == modMoreThan || mod == modNorthOf || mod == modBoleeChem) && m.core == coreNumeral && r.lo == r.coreLo:
		// Not a whole count: the interval cannot say "just above".
		b = bound(b, "more than", r.lo, "above", false)
	case r.kind == LowerBound:
		b = bound(b, "at least", r.lo, "or more", true)
	case r.kind == UpperBound && mod == modFewerThan && m.core == coreNumeral && r.hi == r.coreHi:
		b = bound(b, "less than", r.hi, "below", false)
	case r.kind == UpperBound:
		b = bound(b, "at most", r.hi, "or less", true)
	case m.core == coreRange:
		b = append(b, "midpoint "...)
		b = num(b, r.best)
		b = span(b)
		if mod != modNone && mod != modExact || m.alt {
			b = append(b, ", hedged"...)
		}
		// "from several hundred to a thousand: midpoint 650 (300-1,000),
		// from the low end of several hundred (300-900)"
		for i, end := range [2]*amount{&m.a, &m.b} {
			if end.vague == 0 {
				continue
			}
			e := &p.vague[end.vague-1]
			b = append(b, ", "...)
			if i == 0 {
				b = append(b, "from the low end of "...)
			} else {
				b = append(b, "to the high end of "...)
			}
			b = num(b, e.Low*end.scale)
			b = append(b, '-')
			b = num(b, e.High*end.scale)
		}
	case m.core == coreVague:
		e := &p.vague[m.vague]
		if !e.plural && m.base != 1 {
			b = appendNum(b, e.Low, false)
			b = append(b, " to "...)
			b = appendNum(b, e.High, false)
			b = append(b, ' ')
			b = appendBase(b, m.base)
			b = append(b, " ("...)
			b = num(b, r.lo)
			b = append(b, '-')
			b = num(b, r.hi)
			if r.hasBest {
				b = append(b, ", best "...)
				b = num(b, r.best)
			}
			b = append(b, ')')
		} else {
			b = num(b, r.lo)
			b = append(b, " to "...)
			b = num(b, r.hi)
			if r.hasBest {
				b = append(b, ", best "...)
				b = num(b, r.best)
			}
		}
		if mod != modNone && mod != modExact {
			b = append(b, ", hedged"...)
		}
	case mod == modError:
		b = append(b, "±"...)
		b = num(b, m.err)
		b = span(b)
	case isApproxMod(mod):
		h := &p.hedges[mod]
		if lo, hi := 1-h.Low, h.High-1; math.Abs(lo-hi) < 1e-9 {
			b = append(b, "±"...)
			b = appendNum(b, lo*100, true)
		} else {
			b = append(b, '-')
			b = appendNum(b, lo*100, true)
			b = append(b, " to +"...)
			b = appendNum(b, hi*100, true)
		}
		b = span(b)
	case mod == modNearly || mod == modJustUnder || mod == modCloseTo || mod == modJustShy || mod == modPochti || mod == modBezMalogo:
		b = margin(b, 1-p.hedges[mod].Low, " under ")
	case mod == modJustOver:
		b = margin(b, p.hedges[mod].High-1, " over ")
	case mod == modOdd:
		b = num(b, r.coreBest)
		b = append(b, " and some"...)
		b = span(b)
	case m.core == coreFraction || m.core == coreRatio:
		b = num(b, r.best)
		if r.lo != r.hi {
			b = append(b, " (rounded)"...)
		}
	default:
		b = num(b, r.best)
		if sameText(lead, b[body:]) {
			b = append(b[:body], "exact figure"...)
		}
	}
	if m.hedged && (r.kind == LowerBound || r.kind == UpperBound) {
		b = append(b, ", hedged"...)
	}
	if len(m.unit) == 3 && m.unit == m.a.currency {
		b = append(b, ", in "...)
		b = append(b, m.unit...)
	}
	return string(b)
}

// sameText reports whether an explanation says no more than the lead:
// the same letters and digits, ignoring case, spaces and thousands
// commas ("at most 3000" and "at most 3,000").
func sameText(lead string, b []byte) bool {
	i, j := 0, 0
	for {
		for i < len(lead) && (lead[i] == ' ' || lead[i] == ',') {
			i++
		}
		for j < len(b) && (b[j] == ' ' || b[j] == ',') {
			j++
		}
		if i == len(lead) || j == len(b) {
			return i == len(lead) && j == len(b)
		}
		c, d := lead[i], b[j]
		if c >= 'A' && c <= 'Z' {
			c |= 0x20
		}
		if c != d {
			return false
		}
		i++
		j++
	}
}

// appendNum formats v with thousands separators and at most two decimals:
// 1,500; 3.5; 66.67.
func appendNum(b []byte, v float64, pct bool) []byte {
	switch {
	case v == math.Trunc(v) && v >= 0 && v <= MaxValue:
		var digits [24]byte
		d := strconv.AppendInt(digits[:0], int64(v), 10)
		for i, c := range d {
			if i > 0 && (len(d)-i)%3 == 0 {
				b = append(b, ',')
			}
			b = append(b, c)
		}
	case math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > MaxValue:
		b = strconv.AppendFloat(b, v, 'g', 6, 64)
	default:
		v = math.Round(v*100) / 100
		if v < 0 {
			b = append(b, '-')
			v = -v
		}
		ip, fp := math.Modf(v)
		var digits [24]byte
		d := strconv.AppendInt(digits[:0], int64(ip), 10)
		for i, c := range d {
			if i > 0 && (len(d)-i)%3 == 0 {
				b = append(b, ',')
			}
			b = append(b, c)
		}
		if fp > 0.001 {
			c := int64(math.Round(fp * 100))
			b = append(b, '.', byte('0'+c/10))
			if c%10 != 0 {
				b = append(b, byte('0'+c%10))
			}
		}
	}
	if pct {
		b = append(b, '%')
	}
	return b
}

// appendBase names the unit of a vague multiplier: "dozen", "hundred".
func appendBase(b []byte, base float64) []byte {
	names := [...]struct {
		v    float64
		name string
	}{
		{10, "tens"}, {12, "dozen"}, {20, "score"}, {100, "hundred"}, {1e3, "thousand"}, {1e4, "ten thousand"},
		{1e5, "hundred thousand"}, {1e6, "million"}, {1e7, "ten million"}, {1e8, "hundred million"},
		{1e9, "billion"}, {1e12, "trillion"}, {12e3, "dozen thousand"},
	}
	for _, n := range names {
		if n.v == base {
			return append(b, n.name...)
		}
	}
	b = append(b, "times "...)
	return appendNum(b, base, false)
}
