package claims

import (
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// Measure says how a count behaves over time.
type Measure string

// The measures. Claims of different measures are compared only where a rule
// links them: a current figure is at most the cumulative total of the same
// date and at most the peak of the same period.
const (
	Current    Measure = "current"    // how many at a moment: "fighting now"
	Cumulative Measure = "cumulative" // total to date: "have joined since 2011", "killed so far"
	PerPeriod  Measure = "per_period" // how many within a period: "in 2015"
	Peak       Measure = "peak"       // the most at any one moment
	Proxy      Measure = "proxy"      // a stand-in: "criminal cases opened"
)

// Measures lists the valid measures.
var Measures = []Measure{Current, Cumulative, PerPeriod, Peak, Proxy}

// Values returns the valid measures as text, for documents that describe
// a claim.
func (Measure) Values() []string { return texts(Measures) }

// texts returns the values of an enum as text.
func texts[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// The measures of export schema versions 1 to 3 and of the database
// before migration step 2; see LegacyMeasure.
const (
	legacyStock Measure = "stock"
	legacyFlow  Measure = "flow"
)

// InputValues returns the measures a claim may be given: the valid ones
// and the legacy stock and flow, which Normalize reads (LegacyMeasure).
func (Measure) InputValues() []string {
	return append(texts(Measures), string(legacyStock), string(legacyFlow))
}

// LegacyMeasure maps a measure of the old stock/flow/proxy scheme to the
// current one: stock becomes current; flow becomes per_period where a
// period is given (since equals as_of, as "in 2015" is since 2015 as of
// 2015), else cumulative. Any other value is returned as it is.
func LegacyMeasure(m Measure, since, asOf Date) Measure {
	switch m {
	case legacyStock:
		return Current
	case legacyFlow:
		if since != "" && since == asOf {
			return PerPeriod
		}
		return Cumulative
	}
	return m
}

// Basis says what sort of figure a claim gives.
type Basis string

// The bases. A projection, a declared figure or a model's output beside a
// count or an estimate differs in kind: it is not compared.
const (
	BasisCount      Basis = "count"      // enumerated or recorded
	BasisEstimate   Basis = "estimate"   // an informed guess
	BasisProjection Basis = "projection" // a forecast: "expected"
	BasisDeclared   Basis = "declared"   // an organiser's permit application, an announced target
	BasisModel      Basis = "model"      // excess deaths, an extrapolation
)

// Bases lists the valid bases.
var Bases = []Basis{BasisCount, BasisEstimate, BasisProjection, BasisDeclared, BasisModel}

// Values returns the valid bases as text.
func (Basis) Values() []string { return texts(Bases) }

// EvidenceType says what a figure rests on.
type EvidenceType string

// The evidence types.
const (
	EvidenceUnknown      EvidenceType = "unknown"
	EvidenceIntelligence EvidenceType = "intelligence_estimate"
	EvidenceRoster       EvidenceType = "roster"              // a list of named people
	EvidenceOfficial     EvidenceType = "official_statistics" // court cases, border records
	EvidenceResearch     EvidenceType = "research_estimate"   // think tanks, academics
	EvidenceSurvey       EvidenceType = "survey"
	EvidenceMedia        EvidenceType = "media_report" // a newspaper's own count
	EvidenceStatement    EvidenceType = "official_statement"
)

// EvidenceTypes lists the valid evidence types.
var EvidenceTypes = []EvidenceType{EvidenceUnknown, EvidenceIntelligence, EvidenceRoster, EvidenceOfficial, EvidenceResearch, EvidenceSurvey, EvidenceMedia, EvidenceStatement}

// Values returns the valid evidence types as text.
func (EvidenceType) Values() []string { return texts(EvidenceTypes) }

// Grade is an analyst's assessment of a claim, in the spirit of Airwars'
// grading of civilian-harm reports.
type Grade string

// The grades, from strongest to weakest.
const (
	GradeUngraded   Grade = "ungraded"
	GradeConfirmed  Grade = "confirmed"
	GradeFair       Grade = "fair"
	GradeWeak       Grade = "weak"
	GradeContested  Grade = "contested"
	GradeDiscounted Grade = "discounted"
)

// GradeDefinitions says what each grade means; the API and frontend show it.
var GradeDefinitions = map[Grade]string{
	GradeUngraded:   "Not yet assessed by an analyst.",
	GradeConfirmed:  "The claimant is authoritative for this count and the figure is attested in a primary source or by two or more independent origins.",
	GradeFair:       "A credible claimant, reported by a reliable outlet, but resting on one origin that cannot be checked independently.",
	GradeWeak:       "A single report, second-hand or paraphrased, or from a claimant with little access to the count.",
	GradeContested:  "Credible, but disputed by another credible claimant or inconsistent with better-graded claims.",
	GradeDiscounted: "Assessed as wrong: mistranscribed, misattributed, or refuted. Kept for the record.",
}

// Grades lists the valid grades.
var Grades = []Grade{GradeUngraded, GradeConfirmed, GradeFair, GradeWeak, GradeContested, GradeDiscounted}

// Values returns the valid grades as text.
func (Grade) Values() []string { return texts(Grades) }

// Rank orders claims for a reader, as Wikidata ranks statements. Wrong
// values are deprecated with a reason, never deleted.
type Rank string

// The ranks.
const (
	RankPreferred  Rank = "preferred"
	RankNormal     Rank = "normal"
	RankDeprecated Rank = "deprecated"
)

// Ranks lists the valid ranks.
var Ranks = []Rank{RankPreferred, RankNormal, RankDeprecated}

// Values returns the valid ranks as text.
func (Rank) Values() []string { return texts(Ranks) }

// Interval is a quantity as bounds: Low and High are inclusive and either
// may be open (nil); Best is the central estimate where there is one.
type Interval struct {
	Low    *float64 `json:"low"`
	High   *float64 `json:"high"`
	Best   *float64 `json:"best"`
	Approx bool     `json:"approx"`
	// Kind is exact, approximate, range, lower_bound, upper_bound, vague
	// or change (quantity.Kind). Only a change ("fell by 3,000": -3,000)
	// may have negative bounds; every other kind is a count or amount.
	Kind quantity.Kind `json:"kind,omitempty" enum:"unchecked" doc:"exact, approximate, range, lower_bound, upper_bound, vague or change (a signed change: \"fell by 3,000\" is -3,000; only a change has negative bounds); absent for an analyst's interval that gives none."`
	// Rule names the parser rule that produced the interval; Explanation
	// says in words how the text was read. Both are empty for an
	// analyst's interval.
	Rule        string `json:"rule,omitempty" doc:"The parser rule that produced the interval; absent for an analyst's."`
	Explanation string `json:"explanation,omitempty" doc:"How the parser read the text; absent for an analyst's."`
}

// Bounds returns the interval's bounds with open ends as -Inf and +Inf.
func (iv Interval) Bounds() (lo, hi float64) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if iv.Low != nil {
		lo = *iv.Low
	}
	if iv.High != nil {
		hi = *iv.High
	}
	return lo, hi
}

// Empty reports whether the interval has no bound and no best estimate.
func (iv Interval) Empty() bool { return iv.Low == nil && iv.High == nil && iv.Best == nil }

func (iv Interval) check(p *Problems, field string) {
	for _, v := range []struct {
		name string
		v    *float64
	}{{"low", iv.Low}, {"high", iv.High}, {"best", iv.Best}} {
		if v.v != nil && (math.IsNaN(*v.v) || math.IsInf(*v.v, 0)) {
			p.Add(field+"."+v.name, "must be a finite number")
			return
		}
	}
	for _, v := range []struct {
		name string
		v    *float64
	}{{"low", iv.Low}, {"high", iv.High}, {"best", iv.Best}} {
		if v.v != nil && *v.v < 0 && iv.Kind != quantity.Change {
			p.Add(field+"."+v.name, "must not be negative: claimdesk records counts and amounts; a change (\"fell by 3,000\") says kind \"change\"")
			return
		}
		if v.v != nil && math.Abs(*v.v) > quantity.MaxValue {
			p.Add(field+"."+v.name, "must be at most 10^15, the largest figure claimdesk reads")
			return
		}
	}
	if iv.Low != nil && iv.High != nil && *iv.Low > *iv.High {
		p.Add(field+".low", "%g is greater than high (%g)", *iv.Low, *iv.High)
	}
	if iv.Best != nil {
		lo, hi := iv.Bounds()
		if *iv.Best < lo || *iv.Best > hi {
			p.Add(field+".best", "%g lies outside the interval", *iv.Best)
		}
	}
	if iv.Empty() {
		p.Add(field, "needs at least one of low, high and best")
	}
}

// Scope says what a claim counts: where, who, and what sort of count.
type Scope struct {
	// Places are the places the count covers, by name ("Syria", "Iraq").
	// Empty means unspecified.
	Places []string `json:"places" maxitems:"MaxPlaces" minlen:"1" maxlen:"MaxShortLen"`
	// Population is who is counted: "Russian nationals", "Chechens".
	Population string `json:"population" maxlen:"MaxNameLen" doc:"Who is counted: a population of the topic's tree or free text (free text the tree cannot place makes comparisons \"scope unclear\"). Empty means the topic's own."`
	// Group is the side they are counted with: "Islamic State", "any militant group".
	Group   string  `json:"group" maxlen:"MaxNameLen" doc:"The side they are counted with, placed in the topic's tree like population."`
	Measure Measure `json:"measure" doc:"How the count behaves over time: current (at a moment), cumulative (total to date: \"have joined since 2011\"), per_period (within since..as_of: \"in 2015\"), peak (the most at any one moment), proxy (a stand-in). The legacy values stock and flow are accepted on input and read as current, and as per_period where since equals as_of or else cumulative."`
}

// Unplaced reports whether the scope names no place.
func (s Scope) Unplaced() bool { return len(s.Places) == 0 }

// Relay is an outlet that repeated a claim after its origin.
type Relay struct {
	SourceID    string `json:"source_id"`
	URL         string `json:"url"`
	ArchiveURL  string `json:"archive_url"`
	PublishedOn Date   `json:"published_on"`
	Note        string `json:"note" maxlen:"MaxTextLen"`
}

// Provenance is where a claim was first published and who relayed it.
type Provenance struct {
	SourceID   string  `json:"source_id"` // the origin
	URL        string  `json:"url"`
	ArchiveURL string  `json:"archive_url"`
	Relays     []Relay `json:"relays" maxitems:"MaxRelays"`
}

// IntervalSource says which interval of a claim is in force.
type IntervalSource string

// The interval sources.
const (
	FromNone    IntervalSource = "none"
	FromParser  IntervalSource = "parsed"
	FromAnalyst IntervalSource = "analyst"
)

// IntervalSources lists the interval sources.
var IntervalSources = []IntervalSource{FromNone, FromParser, FromAnalyst}

// Values returns the interval sources as text.
func (IntervalSource) Values() []string { return texts(IntervalSources) }

// DerivedMembers are the members of a claim's JSON that Prepare derives
// from the others on every write: clients read them and never set them.
var DerivedMembers = []string{"parsed_interval", "interval", "interval_source", "parser_version"}

// Claim is one numeric claim: who said how many of what, where and when,
// and where it was published.
//
// A field's doc tag describes its member for readers of the documents
// that describe a claim (the API's OpenAPI document); an enum's valid
// values come from its type's Values method (and the values accepted on
// input, where more, from InputValues); enum:"unchecked" marks a string
// type whose values Validate does not check. The size limits of a field
// are its maxlen, minlen and maxitems tags (limits.go), which Validate
// enforces. The same holds of the types a claim holds (Scope, Interval...).
type Claim struct {
	Meta
	TopicID    string `json:"topic_id"`
	ClaimantID string `json:"claimant_id"`
	// Quote is the claimant's words as published, in Language.
	Quote string `json:"quote" maxlen:"MaxTextLen"`
	// QuantityText is the quantity as said: "a few dozen".
	QuantityText string `json:"quantity_text" maxlen:"MaxNameLen" doc:"The quantity as said: \"a few dozen\". Read by the parser into parsed_interval."`
	Language     string `json:"language"`
	// OriginalText is the wording before translation, in OriginalLanguage:
	// "несколько десятков".
	OriginalText     string `json:"original_text" maxlen:"MaxTextLen"`
	OriginalLanguage string `json:"original_language"`
	// NoNumber marks a claimant who declined to quantify.
	NoNumber bool `json:"no_number" doc:"The claimant declined to quantify."`
	// Parsed is the interval the quantity parser read from QuantityText
	// (read-only); AnalystInterval is an analyst's override. Interval is
	// the one in force and IntervalSource says which that is.
	Parsed          *Interval      `json:"parsed_interval"`
	AnalystInterval *Interval      `json:"analyst_interval"`
	Interval        *Interval      `json:"interval"`
	IntervalSource  IntervalSource `json:"interval_source" doc:"Which interval is in force: the analyst's when given, else the parser's."`
	ParserVersion   string         `json:"parser_version"`
	Unit            string         `json:"unit" maxlen:"MaxShortLen"`

	Scope      Scope      `json:"scope"`
	Provenance Provenance `json:"provenance"`
	// Occasion names the utterance (an interview, a summit speech): claims
	// of the same claimant and occasion are reports of one statement.
	Occasion string `json:"occasion" maxlen:"MaxNameLen"`
	// SaidOn is when it was said, PublishedOn when the origin published
	// it, AsOf the date the figure describes ("as of the end of 2015") and
	// Since the start of the period a cumulative or per-period figure counts
	// from. AsOf may carry a time of day ("2014-09-29T12:00", "by noon").
	SaidOn      Date `json:"said_on"`
	PublishedOn Date `json:"published_on"`
	AsOf        Date `json:"as_of"`
	Since       Date `json:"since"`

	// Basis says whether the figure is a count, an estimate, a
	// projection, a declared figure or a model's; empty means estimate.
	Basis             Basis        `json:"basis" doc:"What the figure rests on: count (enumerated or recorded), estimate (the default), projection (a forecast), declared (an organiser's permit application, an announced target), model (excess deaths, an extrapolation). A projection, declared or modelled figure beside a count or an estimate \"differs in kind\" and is not compared."`
	EvidenceType      EvidenceType `json:"evidence_type"`
	Grade             Grade        `json:"grade"`
	Rank              Rank         `json:"rank"`
	DeprecationReason string       `json:"deprecation_reason" maxlen:"MaxTextLen"`
	Notes             string       `json:"notes" maxlen:"MaxTextLen"`
	Tags              []string     `json:"tags"`
}

// RefDate returns the date the claim's figure describes: AsOf, else
// SaidOn, else PublishedOn.
func (c *Claim) RefDate() Date {
	switch {
	case c.AsOf != "":
		return c.AsOf
	case c.SaidOn != "":
		return c.SaidOn
	}
	return c.PublishedOn
}

// Normalize trims the claim's text fields, fills defaults and settles which
// interval is in force. It does not parse QuantityText: see Resolve.
func (c *Claim) Normalize() {
	c.Quote = strings.TrimSpace(c.Quote)
	c.QuantityText = strings.TrimSpace(c.QuantityText)
	c.Tags = normTags(c.Tags)
	if c.Scope.Measure == "" {
		c.Scope.Measure = Current
	}
	c.Scope.Measure = LegacyMeasure(c.Scope.Measure, c.Since, c.AsOf)
	c.Scope.Population = strings.TrimSpace(c.Scope.Population)
	c.Scope.Group = strings.TrimSpace(c.Scope.Group)
	if c.Basis == "" {
		c.Basis = BasisEstimate
	}
	if c.EvidenceType == "" {
		c.EvidenceType = EvidenceUnknown
	}
	if c.Grade == "" {
		c.Grade = GradeUngraded
	}
	if c.Rank == "" {
		c.Rank = RankNormal
	}
	if c.Scope.Places == nil {
		c.Scope.Places = []string{}
	}
	for i, pl := range c.Scope.Places {
		c.Scope.Places[i] = strings.TrimSpace(pl)
	}
	if c.Provenance.Relays == nil {
		c.Provenance.Relays = []Relay{}
	}
	c.settleInterval()
}

func (c *Claim) settleInterval() {
	switch {
	case c.NoNumber:
		c.Interval, c.IntervalSource = nil, FromNone
	case c.AnalystInterval != nil:
		c.Interval, c.IntervalSource = c.AnalystInterval, FromAnalyst
	case c.Parsed != nil:
		c.Interval, c.IntervalSource = c.Parsed, FromParser
	default:
		c.Interval, c.IntervalSource = nil, FromNone
	}
}

// Validate reports every field of c that breaks a rule. It does not check
// that referenced records exist: the store does.
func (c *Claim) Validate() error {
	var p Problems
	checkID(&p, "id", c.ID)
	if c.TopicID == "" {
		p.Add("topic_id", "is required")
	}
	checkID(&p, "topic_id", c.TopicID)
	if c.ClaimantID == "" {
		p.Add("claimant_id", "is required")
	}
	checkID(&p, "claimant_id", c.ClaimantID)
	checkLanguage(&p, "language", c.Language)
	checkLanguage(&p, "original_language", c.OriginalLanguage)
	switch {
	case c.NoNumber:
		if c.AnalystInterval != nil {
			p.Add("analyst_interval", "must be empty when no_number is set")
		}
	case c.AnalystInterval != nil:
		c.AnalystInterval.check(&p, "analyst_interval")
	case c.Parsed == nil && c.QuantityText == "":
		p.Add("quantity_text", "is required unless analyst_interval or no_number is given")
	case c.Parsed == nil:
		p.Add("quantity_text", "holds no quantity claimdesk can read: give analyst_interval, or set no_number")
	}
	checkEnum(&p, "scope.measure", c.Scope.Measure, Measures...)
	checkEnum(&p, "basis", c.Basis, Bases...)
	if c.Scope.Measure == PerPeriod && (c.Since == "" || c.RefDate() == "") {
		p.Add("since", "is required for a per_period figure, with as_of: the period it counts (since 2015 as of 2015 for \"in 2015\")")
	}
	if c.Provenance.SourceID == "" {
		p.Add("provenance.source_id", "is required: the outlet that first published the claim")
	}
	checkID(&p, "provenance.source_id", c.Provenance.SourceID)
	checkURL(&p, "provenance.url", c.Provenance.URL)
	checkURL(&p, "provenance.archive_url", c.Provenance.ArchiveURL)
	for i, r := range c.Provenance.Relays {
		f := "provenance.relays[" + strconv.Itoa(i) + "]"
		if r.SourceID == "" {
			p.Add(f+".source_id", "is required")
		}
		checkID(&p, f+".source_id", r.SourceID)
		checkURL(&p, f+".url", r.URL)
		checkURL(&p, f+".archive_url", r.ArchiveURL)
		checkDate(&p, f+".published_on", r.PublishedOn)
	}
	checkDate(&p, "said_on", c.SaidOn)
	checkDate(&p, "published_on", c.PublishedOn)
	checkDate(&p, "as_of", c.AsOf)
	checkDate(&p, "since", c.Since)
	if end := c.RefDate(); c.Since != "" && end != "" && c.Since.Valid() && end.Valid() && c.Since.Start().After(end.End()) {
		p.Add("since", "%s is after the date the figure describes (%s): a count cannot start after it ends", c.Since, end)
	}
	checkEnum(&p, "evidence_type", c.EvidenceType, EvidenceTypes...)
	checkEnum(&p, "grade", c.Grade, Grades...)
	checkEnum(&p, "rank", c.Rank, Ranks...)
	if c.Rank == RankDeprecated && strings.TrimSpace(c.DeprecationReason) == "" {
		p.Add("deprecation_reason", "is required when rank is deprecated")
	}
	checkTags(&p, "tags", c.Tags)
	// The limits the fields' tags declare (limits.go).
	checkLimits(&p, reflect.ValueOf(c).Elem(), claimLimits, "")
	return p.Err("claim")
}
