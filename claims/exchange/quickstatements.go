package exchange

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange/qid"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// The Wikidata properties of the QuickStatements export. Each was checked
// against Wikidata's own use of it.
const (
	pQuantity      = "P1114" // quantity: the figure, on the topic's item
	pPointInTime   = "P585"  // point in time: as_of, else said_on
	pStartTime     = "P580"  // start time: since
	pLocation      = "P276"  // location: each place, as an item
	pDetermination = "P459"  // determination method: the item the deployment maps an evidence type or basis to
	pStatedIn      = "P248"  // stated in: the source's item (reference)
	pReferenceURL  = "P854"  // reference URL (reference)
	pPublished     = "P577"  // publication date (reference)
	pQuote         = "P1683" // quotation, monolingual (reference)
)

// quickStatementsEncoder writes QuickStatements V1 commands, one line per
// claim that Wikidata can take: the topic's item, P1114 and the figure,
// then qualifiers and, after S-prefixed properties, one reference. A relay
// is one more line with the same statement and the relay's reference, so
// QuickStatements adds it to the statement the first line made. What
// cannot be written with a Wikidata ID is left out and said in a comment
// line, /* … */, which QuickStatements skips.
type quickStatementsEncoder struct {
	w *bufio.Writer
	referenced
	noItem map[string]bool // topics already reported as having no item
	gaz    *gazetteer.Gazetteer
	// methods maps evidence types and bases to the items of their
	// determination methods (Publisher.Determination).
	methods map[string]string
}

func newQuickStatementsEncoder(w *bufio.Writer, methods map[string]string) *quickStatementsEncoder {
	return &quickStatementsEncoder{w: w, referenced: newReferenced(), noItem: map[string]bool{}, gaz: gazetteer.Builtin(), methods: methods}
}

func (e *quickStatementsEncoder) kinds() []Kind {
	return []Kind{KindTopic, KindSource, KindClaimant, KindClaim}
}

func (e *quickStatementsEncoder) begin(h Header) error {
	e.comment(fmt.Sprintf("claimdesk export, QuickStatements V1, %s", h.ExportedAt.Format("2006-01-02T15:04:05Z07:00")))
	return nil
}

func (e *quickStatementsEncoder) end() error { return nil }

// comment writes a comment line. A comment cannot hold "*/" or a line
// break, so they are replaced.
func (e *quickStatementsEncoder) comment(s string) {
	s = strings.ReplaceAll(qsClean(s), "*/", "* /")
	e.w.WriteString("/* " + s + " */\n")
}

// qsClean makes text safe inside one field of a command: no tab, no line
// break and no "||", which QuickStatements reads as separators.
func qsClean(s string) string {
	s = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	for strings.Contains(s, "||") {
		s = strings.ReplaceAll(s, "||", "| |")
	}
	return s
}

// qsString is a string value: the text in double quotes.
func qsString(s string) string { return `"` + qsClean(s) + `"` }

// qsNumber writes a number as QuickStatements reads it: decimal digits,
// no exponent.
func qsNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// qsTime writes a claims.Date as a Wikidata time with its precision:
// +2015-00-00T00:00:00Z/9 for a year, /10 for a month, /11 for a day.
func qsTime(d claims.Date) (string, bool) {
	if d == "" || !d.Valid() {
		return "", false
	}
	s := string(d)
	switch len(s) {
	case 4:
		return "+" + s + "-00-00T00:00:00Z/9", true
	case 7:
		return "+" + s + "-00T00:00:00Z/10", true
	case 10:
		return "+" + s + "T00:00:00Z/11", true
	}
	return "", false
}

// qsLanguage reports whether tag can prefix a monolingual text: Wikidata
// language codes are lower-case letters, digits and hyphens.
func qsLanguage(tag string) (string, bool) {
	tag = strings.ToLower(tag)
	if tag == "" || tag[0] < 'a' || tag[0] > 'z' {
		return "", false
	}
	for _, r := range tag {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return "", false
		}
	}
	return tag, true
}

func (e *quickStatementsEncoder) record(k Kind, rec any) error {
	if e.keep(rec) {
		return nil
	}
	e.claim(rec.(*claims.Claim))
	return e.w.Flush()
}

// claim writes the commands of one claim, or the comment saying why it
// has none.
func (e *quickStatementsEncoder) claim(c *claims.Claim) {
	t := e.topics[c.TopicID]
	if t == nil || t.WikidataID == "" {
		if !e.noItem[c.TopicID] {
			e.noItem[c.TopicID] = true
			title := c.TopicID
			if t != nil {
				title = t.Title
			}
			e.comment(fmt.Sprintf("topic %s (%s) names no Wikidata item: its claims are left out; set the topic's wikidata_id", c.TopicID, title))
		}
		return
	}
	who := c.ClaimantID
	if cl := e.claimants[c.ClaimantID]; cl != nil {
		who = cl.Name
	}
	var left []string
	value, ok, why := e.quantity(c, t)
	if !ok {
		e.comment(fmt.Sprintf("claim %s (%s): left out: %s", c.ID, who, why))
		return
	}
	if why != "" {
		left = append(left, why)
	}
	head := t.WikidataID + "\t" + pQuantity + "\t" + value
	var quals []string
	if v, ok := qsTime(firstDate(c.AsOf, c.SaidOn)); ok {
		quals = append(quals, pPointInTime, v)
	}
	if v, ok := qsTime(c.Since); ok {
		quals = append(quals, pStartTime, v)
	}
	for _, name := range c.Scope.Places {
		if item, ok := e.place(name); ok {
			quals = append(quals, pLocation, item)
		} else {
			left = append(left, fmt.Sprintf("location %q (no Wikidata item known)", name))
		}
	}
	// Determination method: the items the deployment maps the claim's
	// evidence type and basis to. An unmapped evidence type is said in the
	// comment line; a basis is not, as every claim has one.
	if et := string(c.EvidenceType); et != "" && c.EvidenceType != claims.EvidenceUnknown {
		if item, ok := e.methods[et]; ok {
			quals = append(quals, pDetermination, item)
		} else {
			left = append(left, fmt.Sprintf("determination method %q (no Wikidata item mapped)", et))
		}
	}
	if item, ok := e.methods[string(c.Basis)]; ok && c.Basis != "" {
		quals = append(quals, pDetermination, item)
	}
	ref, refLeft := e.reference(c.Provenance.SourceID, c.Provenance.URL, firstDate(c.PublishedOn), c.Quote, c.Language)
	left = append(left, refLeft...)
	e.comment(fmt.Sprintf("claim %s: %s, %q", c.ID, who, firstString(c.QuantityText, c.Quote)))
	if len(left) > 0 {
		e.comment(fmt.Sprintf("claim %s: left out: %s", c.ID, strings.Join(left, "; ")))
	}
	e.line(head, quals, ref)
	for _, rl := range c.Provenance.Relays {
		ref, refLeft := e.reference(rl.SourceID, rl.URL, rl.PublishedOn, "", "")
		if len(refLeft) > 0 {
			e.comment(fmt.Sprintf("claim %s, relay: left out: %s", c.ID, strings.Join(refLeft, "; ")))
		}
		if len(ref) > 0 {
			e.line(head, nil, ref)
		}
	}
}

func (e *quickStatementsEncoder) line(head string, quals, ref []string) {
	e.w.WriteString(head)
	for _, f := range quals {
		e.w.WriteString("\t" + f)
	}
	for i, f := range ref {
		if i%2 == 0 {
			f = "S" + strings.TrimPrefix(f, "P")
		}
		e.w.WriteString("\t" + f)
	}
	e.w.WriteString("\n")
}

// quantity returns the main value: amount[low,high]U<unit item>. ok is
// false when the claim cannot be written (why says so); a non-empty why
// with ok true notes what was lost.
func (e *quickStatementsEncoder) quantity(c *claims.Claim, t *claims.Topic) (value string, ok bool, why string) {
	if c.NoNumber {
		return "novalue", true, ""
	}
	iv := c.Interval
	if iv == nil || iv.Empty() {
		return "somevalue", true, ""
	}
	unitName := firstString(c.Unit, t.Unit)
	unit, known := qid.Unit(unitName)
	if !known {
		return "", false, fmt.Sprintf("unit %q has no Wikidata item mapped", unitName)
	}
	var amount float64
	switch {
	case iv.Best != nil:
		amount = *iv.Best
	case iv.Low != nil && iv.High != nil:
		amount = (*iv.Low + *iv.High) / 2
	case iv.Low != nil:
		amount = *iv.Low
	default:
		amount = *iv.High
	}
	value = qsNumber(amount)
	switch {
	case iv.Low != nil && iv.High != nil:
		value += "[" + qsNumber(*iv.Low) + "," + qsNumber(*iv.High) + "]"
	case iv.Low != nil:
		why = fmt.Sprintf("the open upper bound (at least %s): a Wikidata quantity has both bounds or none", qsNumber(*iv.Low))
	case iv.High != nil:
		why = fmt.Sprintf("the open lower bound (at most %s): a Wikidata quantity has both bounds or none", qsNumber(*iv.High))
	}
	return value + "U" + strings.TrimPrefix(unit, "Q"), true, why
}

// place returns the item of a place name the gazetteer resolves to an
// ISO 3166 code that the Q-ID table maps.
func (e *quickStatementsEncoder) place(name string) (string, bool) {
	p, ok := e.gaz.Lookup(name)
	if !ok {
		return "", false
	}
	return qid.Place(p.ID)
}

// reference returns the property-value pairs of one reference (with P
// prefixes; line writes them as S) and what was left out of it.
func (e *quickStatementsEncoder) reference(sourceID, url string, published claims.Date, quote, lang string) (pairs, left []string) {
	src := e.sources[sourceID]
	if src != nil {
		if src.WikidataID != "" {
			pairs = append(pairs, pStatedIn, src.WikidataID)
		} else {
			left = append(left, fmt.Sprintf("stated in %q (the source names no Wikidata item)", src.Name))
		}
		url = firstString(url, src.URL)
		published = firstDate(published, src.PublishedOn)
	}
	if url != "" {
		pairs = append(pairs, pReferenceURL, qsString(url))
	}
	if v, ok := qsTime(published); ok && len(pairs) > 0 {
		pairs = append(pairs, pPublished, v)
	}
	if quote != "" && len(pairs) > 0 {
		if tag, ok := qsLanguage(lang); ok {
			pairs = append(pairs, pQuote, tag+":"+qsString(quote))
		}
	}
	return pairs, left
}
