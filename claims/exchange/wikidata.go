package exchange

import (
	"bufio"
	"fmt"
	"strconv"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// Property names of the Wikidata-style statements. They are descriptive
// names, not Wikidata P-numbers; the Wikidata property each corresponds to
// is noted for whoever maps them.
const (
	propQuantity      = "quantity"             // the figure (like P1114, quantity)
	propPointInTime   = "point_in_time"        // as_of, else said_on (P585)
	propStartTime     = "start_time"           // since, for flows (P580)
	propLocation      = "location"             // scope.places (P276)
	propPopulation    = "population_counted"   // scope.population
	propGroup         = "group"                // scope.group
	propMeasure       = "measure"              // stock, flow or proxy
	propDetermination = "determination_method" // evidence_type (P459)
	propClaimant      = "stated_by"            // the claimant's name (no P-number claimed)
	propGrade         = "grade"                // the analyst's grade
	propStatedIn      = "stated_in"            // the origin source (P248)
	propReferenceURL  = "reference_url"        // provenance.url (P854)
	propArchiveURL    = "archive_url"          // provenance.archive_url (P1065)
	propPublished     = "publication_date"     // published_on (P577)
	propQuotation     = "quotation"            // the quote (P1683)
	propRetrieved     = "relayed_by"           // a relay's source, in place of stated_in
	propDeprecation   = "reason_for_deprecated_rank"
)

// wikidataEncoder writes {"statements":[…]}: one statement per claim, in
// the shape of Wikidata's JSON (mainsnak, qualifiers, references, rank),
// with the topic as subject.
type wikidataEncoder struct {
	w  *bufio.Writer
	js *jsonWriter
	referenced
	items arrayItems
}

func newWikidataEncoder(w *bufio.Writer) *wikidataEncoder {
	return &wikidataEncoder{w: w, js: newJSONWriter(), items: arrayItems{w: w}, referenced: newReferenced()}
}

func (e *wikidataEncoder) kinds() []Kind {
	return []Kind{KindTopic, KindSource, KindClaimant, KindClaim}
}

func (e *wikidataEncoder) begin(h Header) error {
	_, err := fmt.Fprintf(e.w, "{\"schema_version\":%d,\"exported_at\":%q,\"statements\":[", h.SchemaVersion, h.ExportedAt.Format(time.RFC3339Nano))
	return err
}

type snak struct {
	SnakType  string     `json:"snaktype"`
	Property  string     `json:"property"`
	DataValue *dataValue `json:"datavalue,omitempty"`
}

type dataValue struct {
	Type  string `json:"type"`
	Value any    `json:"value"`
}

type quantityValue struct {
	Amount     string `json:"amount"`
	LowerBound string `json:"lowerBound,omitempty"`
	UpperBound string `json:"upperBound,omitempty"`
	Unit       string `json:"unit"`
}

type timeValue struct {
	Time      string `json:"time"`
	Precision int    `json:"precision"` // 9 year, 10 month, 11 day
	Calendar  string `json:"calendarmodel"`
}

type statement struct {
	ID         string            `json:"id"`
	Type       string            `json:"type"`
	Subject    map[string]string `json:"subject"`
	MainSnak   snak              `json:"mainsnak"`
	Qualifiers map[string][]snak `json:"qualifiers,omitempty"`
	QualOrder  []string          `json:"qualifiers-order,omitempty"`
	References []reference       `json:"references,omitempty"`
	Rank       string            `json:"rank"`
}

type reference struct {
	Snaks      map[string][]snak `json:"snaks"`
	SnaksOrder []string          `json:"snaks-order"`
}

// amount writes a number as Wikidata does: a decimal string with a sign.
func amount(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v >= 0 {
		return "+" + s
	}
	return s
}

func stringSnak(prop, v string) snak {
	return snak{SnakType: "value", Property: prop, DataValue: &dataValue{Type: "string", Value: v}}
}

func timeSnak(prop string, d claims.Date) snak {
	precision := map[int]int{4: 9, 7: 10, 10: 11}[len(d)]
	return snak{SnakType: "value", Property: prop, DataValue: &dataValue{Type: "time", Value: timeValue{
		Time: "+" + d.Start().Format("2006-01-02") + "T00:00:00Z", Precision: precision,
		Calendar: "http://www.wikidata.org/entity/Q1985727"}}}
}

// mainSnak is the claim's figure: amount is the best estimate, else the
// midpoint of both bounds, else the one bound there is; the bounds are the
// interval's. A claimant who declined to give a number is "novalue", and a
// claim whose quantity could not be read is "somevalue".
func mainSnak(c *claims.Claim, unit string) snak {
	if c.NoNumber {
		return snak{SnakType: "novalue", Property: propQuantity}
	}
	iv := c.Interval
	if iv == nil || iv.Empty() {
		return snak{SnakType: "somevalue", Property: propQuantity}
	}
	var a float64
	switch {
	case iv.Best != nil:
		a = *iv.Best
	case iv.Low != nil && iv.High != nil:
		a = (*iv.Low + *iv.High) / 2
	case iv.Low != nil:
		a = *iv.Low
	default:
		a = *iv.High
	}
	q := quantityValue{Amount: amount(a), Unit: unit}
	if iv.Low != nil {
		q.LowerBound = amount(*iv.Low)
	}
	if iv.High != nil {
		q.UpperBound = amount(*iv.High)
	}
	return snak{SnakType: "value", Property: propQuantity, DataValue: &dataValue{Type: "quantity", Value: q}}
}

func (e *wikidataEncoder) record(k Kind, rec any) error {
	if e.keep(rec) {
		return nil
	}
	c := rec.(*claims.Claim)
	b, err := e.js.marshal(e.statement(c))
	if err != nil {
		return err
	}
	return e.items.add(b)
}

func (e *wikidataEncoder) statement(c *claims.Claim) statement {
	unit := c.Unit
	subject := map[string]string{"topic_id": c.TopicID}
	if t := e.topics[c.TopicID]; t != nil {
		subject["label"] = t.Title
		if unit == "" {
			unit = t.Unit
		}
	}
	st := statement{ID: c.ID, Type: "statement", Subject: subject, MainSnak: mainSnak(c, unit),
		Qualifiers: map[string][]snak{}, Rank: string(c.Rank)}
	add := func(s snak) {
		if _, ok := st.Qualifiers[s.Property]; !ok {
			st.QualOrder = append(st.QualOrder, s.Property)
		}
		st.Qualifiers[s.Property] = append(st.Qualifiers[s.Property], s)
	}
	if d := firstDate(c.AsOf, c.SaidOn); d != "" && d.Valid() {
		add(timeSnak(propPointInTime, d))
	}
	if c.Since != "" && c.Since.Valid() {
		add(timeSnak(propStartTime, c.Since))
	}
	for _, pl := range c.Scope.Places {
		add(stringSnak(propLocation, pl))
	}
	if c.Scope.Population != "" {
		add(stringSnak(propPopulation, c.Scope.Population))
	}
	if c.Scope.Group != "" {
		add(stringSnak(propGroup, c.Scope.Group))
	}
	add(stringSnak(propMeasure, string(c.Scope.Measure)))
	add(stringSnak(propDetermination, string(c.EvidenceType)))
	if cl := e.claimants[c.ClaimantID]; cl != nil {
		add(stringSnak(propClaimant, cl.Name))
	} else {
		add(stringSnak(propClaimant, c.ClaimantID))
	}
	add(stringSnak(propGrade, string(c.Grade)))
	if c.Rank == claims.RankDeprecated && c.DeprecationReason != "" {
		add(stringSnak(propDeprecation, c.DeprecationReason))
	}
	st.References = append(st.References, e.reference(c.Provenance.SourceID, c.Provenance.URL, c.Provenance.ArchiveURL, c.PublishedOn, c.Quote))
	for _, rl := range c.Provenance.Relays {
		r := e.reference(rl.SourceID, rl.URL, rl.ArchiveURL, rl.PublishedOn, "")
		r.Snaks[propRetrieved] = r.Snaks[propStatedIn]
		delete(r.Snaks, propStatedIn)
		r.SnaksOrder[0] = propRetrieved
		st.References = append(st.References, r)
	}
	return st
}

func (e *wikidataEncoder) reference(sourceID, url, archive string, published claims.Date, quote string) reference {
	r := reference{Snaks: map[string][]snak{}}
	add := func(s snak) {
		r.SnaksOrder = append(r.SnaksOrder, s.Property)
		r.Snaks[s.Property] = []snak{s}
	}
	name := sourceID
	if src := e.sources[sourceID]; src != nil {
		name = src.Name
		if url == "" {
			url = src.URL
		}
		if published == "" {
			published = src.PublishedOn
		}
	}
	add(stringSnak(propStatedIn, name))
	if url != "" {
		add(stringSnak(propReferenceURL, url))
	}
	if archive != "" {
		add(stringSnak(propArchiveURL, archive))
	}
	if published != "" && published.Valid() {
		add(timeSnak(propPublished, published))
	}
	if quote != "" {
		add(stringSnak(propQuotation, quote))
	}
	return r
}

func (e *wikidataEncoder) end() error {
	_, err := e.w.WriteString("\n]}\n")
	return err
}

// referenced holds the topics, sources and claimants that the statement
// encoders (Wikidata JSON, QuickStatements) look claims' references up in:
// the export sends every one of them before the claims.
type referenced struct {
	topics    map[string]*claims.Topic
	sources   map[string]*claims.Source
	claimants map[string]*claims.Claimant
}

func newReferenced() referenced {
	return referenced{topics: map[string]*claims.Topic{}, sources: map[string]*claims.Source{}, claimants: map[string]*claims.Claimant{}}
}

// keep records rec if it is a topic, source or claimant, and says so.
func (r referenced) keep(rec any) bool {
	switch v := rec.(type) {
	case *claims.Topic:
		r.topics[v.ID] = v
	case *claims.Source:
		r.sources[v.ID] = v
	case *claims.Claimant:
		r.claimants[v.ID] = v
	default:
		return false
	}
	return true
}
