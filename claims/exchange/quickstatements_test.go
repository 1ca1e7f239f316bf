package exchange_test

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// The QuickStatements V1 grammar, written from the tool's documentation
// (Wikidata's Help:QuickStatements) and its V1 parser, independently of
// the encoder: a line is a comment, /* … */, or a command of TAB-separated
// fields: item, property, value, then property-value pairs, P for a
// qualifier and S for a reference.
var (
	qsComment  = regexp.MustCompile(`^/\* (.*) \*/$`)
	qsItem     = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	qsProperty = regexp.MustCompile(`^P[1-9][0-9]*$`)
	qsQualRef  = regexp.MustCompile(`^([PS])([1-9][0-9]*)$`)
	qsNum      = `[-+]?[0-9]+(?:\.[0-9]+)?`
	// amount, optional [lower,upper], optional U and the unit item's number.
	qsQuantity = regexp.MustCompile(`^(` + qsNum + `)(?:\[(` + qsNum + `),(` + qsNum + `)\])?(?:U([1-9][0-9]*))?$`)
	// +YYYY-MM-DDT00:00:00Z/precision, with 00 for unknown month and day.
	qsTime        = regexp.MustCompile(`^[+-][0-9]{4,}-([0-9]{2})-([0-9]{2})T00:00:00Z/(9|10|11)$`)
	qsString      = regexp.MustCompile(`^"[^\t\n]*"$`)
	qsMonolingual = regexp.MustCompile(`^[a-z][a-z0-9-]*:"[^\t\n]*"$`)
)

// qsTypes is the datatype of each property the export may write, as
// Wikidata defines it.
var qsTypes = map[string]string{
	"P1114": "quantity", // quantity
	"P585":  "time",     // point in time
	"P580":  "time",     // start time
	"P276":  "item",     // location
	"P459":  "item",     // determination method
	"P248":  "item",     // stated in
	"P854":  "url",      // reference URL
	"P577":  "time",     // publication date
	"P1683": "monolingual",
}

// checkQSValue reports what is wrong with v as a value of type typ.
func checkQSValue(typ, v string) string {
	switch typ {
	case "item":
		if !qsItem.MatchString(v) {
			return "not an item ID"
		}
	case "url":
		if !qsString.MatchString(v) || !strings.HasPrefix(v, `"http`) {
			return "not a quoted URL"
		}
	case "monolingual":
		if !qsMonolingual.MatchString(v) {
			return "not a monolingual text"
		}
	case "time":
		m := qsTime.FindStringSubmatch(v)
		if m == nil {
			return "not a time"
		}
		// The precision must match what is known: 9 (year) has month and
		// day 00, 10 (month) has day 00, 11 (day) has both.
		if p := m[3]; p == "9" && (m[1] != "00" || m[2] != "00") || p == "10" && (m[1] == "00" || m[2] != "00") || p == "11" && (m[1] == "00" || m[2] == "00") {
			return "precision does not match the date"
		}
	case "quantity":
		if v == "novalue" || v == "somevalue" {
			return ""
		}
		m := qsQuantity.FindStringSubmatch(v)
		if m == nil {
			return "not a quantity"
		}
		if m[2] != "" {
			a, _ := strconv.ParseFloat(m[1], 64)
			lo, _ := strconv.ParseFloat(m[2], 64)
			hi, _ := strconv.ParseFloat(m[3], 64)
			if lo > a || a > hi {
				return "amount outside its bounds"
			}
		}
	default:
		return "unknown type " + typ
	}
	return ""
}

// checkQSLine checks one line against the grammar and returns its
// problems.
func checkQSLine(line string) []string {
	if m := qsComment.FindStringSubmatch(line); m != nil {
		if strings.Contains(m[1], "*/") {
			return []string{"comment holds */"}
		}
		return nil
	}
	f := strings.Split(line, "\t")
	if len(f) < 3 {
		return []string{"a command has at least item, property and value"}
	}
	var errs []string
	if !qsItem.MatchString(f[0]) {
		errs = append(errs, "first field is not an item")
	}
	if !qsProperty.MatchString(f[1]) {
		errs = append(errs, "second field is not a property")
	}
	if e := checkQSValue(qsTypes[f[1]], f[2]); e != "" {
		errs = append(errs, f[1]+": "+e)
	}
	if (len(f)-3)%2 != 0 {
		return append(errs, "a qualifier or reference property lacks its value")
	}
	seenS := false
	for i := 3; i < len(f); i += 2 {
		m := qsQualRef.FindStringSubmatch(f[i])
		if m == nil {
			errs = append(errs, "bad qualifier/reference key "+f[i])
			continue
		}
		if m[1] == "S" {
			seenS = true
		} else if seenS {
			errs = append(errs, "qualifier after a reference")
		}
		typ, ok := qsTypes["P"+m[2]]
		if !ok {
			errs = append(errs, "unexpected property P"+m[2])
			continue
		}
		if e := checkQSValue(typ, f[i+1]); e != "" {
			errs = append(errs, f[i]+": "+e)
		}
	}
	return errs
}

func f64(v float64) *float64 { return &v }

// quickStatementsFixture stores a topic with an item and claims that use
// every part of the export, and a topic without an item.
func quickStatementsFixture(t *testing.T, s *gormstore.Store) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w := service.New(s, nil)
	must(w.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "qs-t1"}, Title: "Russians fighting in Syria", Unit: "people", WikidataID: "Q4115189"}))
	must(w.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "qs-t2"}, Title: "No item", Unit: "people"}))
	must(w.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "qs-t3"}, Title: "Money", Unit: "USD", WikidataID: "Q4115189"}))
	must(w.CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: "qs-s1"}, Name: "Origin outlet", Kind: claims.SourceNews, WikidataID: "Q11148"}))
	must(w.CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: "qs-s2"}, Name: "Relay outlet", Kind: claims.SourceNews}))
	must(w.CreateClaimant(ctx, &claims.Claimant{Meta: claims.Meta{ID: "qs-fsb"}, Name: "FSB", Kind: claims.ClaimantOrganisation}))
	base := func(id, topic string) *claims.Claim {
		return &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: topic, ClaimantID: "qs-fsb", Language: "en",
			Provenance: claims.Provenance{SourceID: "qs-s1", URL: "https://example.org/" + id}}
	}
	c1 := base("qs-c1", "qs-t1")
	c1.Quote, c1.QuantityText = "about 400 Russians are fighting in Syria, Iraq and Chechnya", "about 400"
	c1.AnalystInterval = &claims.Interval{Low: f64(300), High: f64(500), Best: f64(400)}
	c1.Scope.Places = []string{"Syria", "Iraq", "Chechnya"}
	c1.AsOf, c1.PublishedOn = "2015-03", "2015-03-17"
	c1.EvidenceType = claims.EvidenceOfficial
	c1.Provenance.Relays = []claims.Relay{{SourceID: "qs-s2", URL: "https://example.org/relay", PublishedOn: "2015-04-01"}}
	must(w.CreateClaim(ctx, c1))
	c2 := base("qs-c2", "qs-t1")
	c2.Quote, c2.NoNumber, c2.SaidOn = "I will not give a number", true, "2016"
	must(w.CreateClaim(ctx, c2))
	c3 := base("qs-c3", "qs-t1")
	c3.Quote, c3.QuantityText = "at least 1,000 fighters", "at least 1,000"
	c3.AnalystInterval = &claims.Interval{Low: f64(1000)}
	c3.SaidOn = "2016-05-02"
	must(w.CreateClaim(ctx, c3))
	c4 := base("qs-c4", "qs-t2")
	c4.QuantityText = "300"
	must(w.CreateClaim(ctx, c4))
	c5 := base("qs-c5", "qs-t3")
	c5.QuantityText = "5 million dollars"
	c5.AnalystInterval = &claims.Interval{Best: f64(5e6)}
	must(w.CreateClaim(ctx, c5))
}

func TestQuickStatementsGrammar(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		loadDemo(t, s)
		quickStatementsFixture(t, s)
		out := string(export(t, s, exchange.QuickStatements, exchange.Filter{}, t0))
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("the export does not end with a line break")
		}
		commands := 0
		for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if errs := checkQSLine(line); len(errs) > 0 {
				t.Errorf("line %d %q: %s", i+1, line, strings.Join(errs, "; "))
			}
			if !strings.HasPrefix(line, "/*") {
				commands++
			}
		}
		// qs-c1 and its relay, qs-c2 and qs-c3: the demo's topics name no
		// item, qs-t2 neither, and qs-t3 counts USD, which has no item.
		if commands != 4 {
			t.Errorf("%d commands, want 4:\n%s", commands, out)
		}
		for _, want := range []string{
			"/* topic qs-t2 (No item) names no Wikidata item: its claims are left out; set the topic's wikidata_id */",
			`/* claim qs-c5 (FSB): left out: unit "USD" has no Wikidata item mapped */`,
			"/* topic topic-russians-is (",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("the export lacks %q", want)
			}
		}
	})
}

// TestQuickStatementsStatement checks one claim's commands against a block
// checked by hand: the topic's item Q4115189 has P1114 (quantity) 400
// between 300 and 500 humans (Q5); P585 (point in time) March 2015, month
// precision (10); P276 (location) Syria (Q858) and Iraq (Q796), Chechnya
// left out; and one reference: P248 (stated in) the source's item, P854
// (reference URL), P577 (publication date) and P1683 (quote) in English.
// The relay adds a second reference to the same statement.
func TestQuickStatementsStatement(t *testing.T) {
	s := storetest.SQLite(t)
	quickStatementsFixture(t, s)
	out := string(export(t, s, exchange.QuickStatements, exchange.Filter{TopicID: "qs-t1"}, t0))
	var block []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "qs-c1") || strings.HasPrefix(line, "Q4115189\tP1114\t400") {
			block = append(block, line)
		}
	}
	want := []string{
		`/* claim qs-c1: FSB, "about 400" */`,
		`/* claim qs-c1: left out: location "Chechnya" (no Wikidata item known); determination method "official_statistics" (no Wikidata item mapped) */`,
		"Q4115189\tP1114\t400[300,500]U5\tP585\t+2015-03-00T00:00:00Z/10\tP276\tQ858\tP276\tQ796\tS248\tQ11148\tS854\t\"https://example.org/qs-c1\"\tS577\t+2015-03-17T00:00:00Z/11\tS1683\ten:\"about 400 Russians are fighting in Syria, Iraq and Chechnya\"",
		`/* claim qs-c1, relay: left out: stated in "Relay outlet" (the source names no Wikidata item) */`,
		"Q4115189\tP1114\t400[300,500]U5\tS854\t\"https://example.org/relay\"\tS577\t+2015-04-01T00:00:00Z/11",
	}
	if diff := cmp.Diff(want, block); diff != "" {
		t.Errorf("qs-c1 (-want +got):\n%s\nwhole export:\n%s", diff, out)
	}
	for _, want := range []string{
		"Q4115189\tP1114\tnovalue\tP585\t+2016-00-00T00:00:00Z/9\tS248\tQ11148\tS854\t\"https://example.org/qs-c2\"\tS1683\ten:\"I will not give a number\"",
		"Q4115189\tP1114\t1000U5\tP585\t+2016-05-02T00:00:00Z/11\tS248",
		"/* claim qs-c3: left out: the open upper bound (at least 1000): a Wikidata quantity has both bounds or none */",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the export lacks %q:\n%s", want, out)
		}
	}
}

func TestQuickStatementsEscaping(t *testing.T) {
	s := storetest.SQLite(t)
	quickStatementsFixture(t, s)
	ctx := context.Background()
	c, err := s.FindClaim(ctx, "qs-c2")
	if err != nil {
		t.Fatal(err)
	}
	c.Quote = "a\ttab, a line\nbreak, a || pipe pair and a */ closer"
	if err := s.UpdateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	out := string(export(t, s, exchange.QuickStatements, exchange.Filter{TopicID: "qs-t1"}, t0))
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if errs := checkQSLine(line); len(errs) > 0 {
			t.Errorf("line %d %q: %s", i+1, line, strings.Join(errs, "; "))
		}
		if strings.Contains(line, "||") {
			t.Errorf("line %d holds ||, a QuickStatements separator: %q", i+1, line)
		}
	}
}

func TestQuickStatementsGrammarRejects(t *testing.T) {
	t.Parallel()
	// The checker itself must fail bad lines, or the tests above prove
	// nothing.
	for _, line := range []string{
		"Q1\tP1114\t400[500,600]U5",
		"Q1\tP1114\t4e2",
		"Q1\tP585\t+2015-03-01T00:00:00Z/9",
		"Q1\tP1114\t1\tP276\t\"Syria\"",
		"Q1\tP1114\t1\tS854\t\"https://x\"\tP585\t+2015-00-00T00:00:00Z/9",
		"Q1\tP1114\t1\tS854",
		"/* a */ b */",
		"Q01\tP1114\t1",
	} {
		if errs := checkQSLine(line); len(errs) == 0 {
			t.Errorf("checkQSLine(%q) found nothing wrong", line)
		}
	}
}

// TestQuickStatementsDeterminationMethod: an evidence type and a basis the
// deployment maps to items get P459 qualifiers, in grammar; unmapped, the
// evidence type stays a comment line.
func TestQuickStatementsDeterminationMethod(t *testing.T) {
	s := storetest.SQLite(t)
	quickStatementsFixture(t, s)
	pub := exchange.Publisher{Determination: map[string]string{"official_statistics": "Q1234", "estimate": "Q5678"}}
	if err := pub.Validate(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), s, &buf, exchange.QuickStatements, exchange.Filter{TopicID: "qs-t1"},
		exchange.ExportOptions{Now: func() time.Time { return t0 }, Publisher: pub}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if errs := checkQSLine(line); len(errs) > 0 {
			t.Errorf("line %d %q: %v", i+1, line, errs)
		}
	}
	want := "Q4115189\tP1114\t400[300,500]U5\tP585\t+2015-03-00T00:00:00Z/10\tP276\tQ858\tP276\tQ796\tP459\tQ1234\tP459\tQ5678\tS248\t"
	if !strings.Contains(out, want) {
		t.Errorf("qs-c1 lacks its determination methods %q:\n%s", want, out)
	}
	if strings.Contains(out, "determination method") {
		t.Errorf("a mapped determination method is still said to be left out:\n%s", out)
	}
	// Only the basis mapped: the evidence type is a comment again.
	pub.Determination = map[string]string{"estimate": "Q5678"}
	buf.Reset()
	if err := exchange.Export(context.Background(), s, &buf, exchange.QuickStatements, exchange.Filter{TopicID: "qs-t1"},
		exchange.ExportOptions{Publisher: pub}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, `determination method "official_statistics" (no Wikidata item mapped)`) ||
		!strings.Contains(out, "\tP459\tQ5678\t") || strings.Contains(out, "Q1234") {
		t.Errorf("with the basis mapped only:\n%s", out)
	}
	for m, field := range map[string]string{"roster": "determination_methods.roster", "unknown": "determination_methods.unknown", "vibes": "determination_methods.vibes"} {
		p := exchange.Publisher{Determination: map[string]string{m: "Q12"}}
		if m == "roster" {
			p.Determination[m] = "12"
		}
		if fs := claims.ErrorFields(p.Validate()); len(fs) != 1 || fs[0].Field != field {
			t.Errorf("determination %s: %v, want one error on %s", m, fs, field)
		}
	}
}
