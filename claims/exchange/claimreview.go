package exchange

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
)

// gradeRatings maps grades to schema.org ratingValue, on a scale of 1
// (worst) to 5 (best). Ungraded claims get no rating value.
var gradeRatings = map[claims.Grade]int{
	claims.GradeConfirmed:  5,
	claims.GradeFair:       4,
	claims.GradeWeak:       3,
	claims.GradeContested:  2,
	claims.GradeDiscounted: 1,
}

// GradeWords says each grade in the words a reader of a fact check
// understands: the reviewRating's alternateName, the text search engines
// show.
var GradeWords = map[claims.Grade]string{
	claims.GradeUngraded:   "Not yet rated",
	claims.GradeConfirmed:  "Well established",
	claims.GradeFair:       "Credible, single source",
	claims.GradeWeak:       "Weakly supported",
	claims.GradeContested:  "Disputed",
	claims.GradeDiscounted: "Wrong or misattributed",
}

// Publisher says who publishes a deployment's reviews and where, and how
// its exports name what Wikidata has no item for in claimdesk's terms.
// The ClaimReview export names the organisation as each review's author
// and links each review to its claim's page under BaseURL. It is the
// deployment's settings record: flags and environment variables give its
// defaults, and an admin's record (SettingsStore) overrides them field by
// field (see Over).
type Publisher struct {
	// Name, URL and Logo describe the organisation: "Example Newsroom",
	// its home page and the URL of its logo.
	Name string `json:"org_name"`
	URL  string `json:"org_url"`
	Logo string `json:"org_logo"`
	// BaseURL is where the deployment's frontend is published,
	// "https://claims.example.org": a claim's page is BaseURL/claims/ID.
	BaseURL string `json:"public_url"`
	// Determination maps an evidence type (official_statistics) or a
	// basis (count) to the Wikidata item of its determination method, a
	// Q-ID: claimdesk's terms have no item of their own, so the
	// deployment names the one its editors accept. A mapped claim gets a
	// P459 qualifier in QuickStatements; an unmapped one a comment line.
	Determination map[string]string `json:"determination_methods"`
}

// Validate reports a URL of p that is not an absolute http(s) URL, a
// logo or URL without a name, and a determination method that is not an
// evidence type or basis mapped to a Q-ID.
func (p Publisher) Validate() error {
	var pr claims.Problems
	for _, f := range []struct{ name, v string }{{"org_url", p.URL}, {"org_logo", p.Logo}, {"public_url", p.BaseURL}} {
		if f.v == "" {
			continue
		}
		u, err := url.Parse(f.v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			pr.Add(f.name, "must be an absolute http or https URL")
		}
	}
	if p.Name == "" && (p.URL != "" || p.Logo != "") {
		pr.Add("org_name", "is required when the organisation's URL or logo is given")
	}
	keys := make([]string, 0, len(p.Determination))
	for k := range p.Determination {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(claims.EvidenceTypes, claims.EvidenceType(k)) && !slices.Contains(claims.Bases, claims.Basis(k)) || k == string(claims.EvidenceUnknown) {
			pr.Add("determination_methods."+k, "is neither an evidence type nor a basis of a claim")
		} else if !qidPattern.MatchString(p.Determination[k]) {
			pr.Add("determination_methods."+k, "must be a Wikidata item ID such as Q1234")
		}
	}
	return pr.Err("settings")
}

var qidPattern = regexp.MustCompile(`^Q[1-9][0-9]{0,11}$`)

// Over returns p with the fields it leaves empty taken from defaults, and
// the determination methods of both, p's winning for the same key.
func (p Publisher) Over(defaults Publisher) Publisher {
	out := defaults
	for _, f := range []struct {
		dst *string
		v   string
	}{{&out.Name, p.Name}, {&out.URL, p.URL}, {&out.Logo, p.Logo}, {&out.BaseURL, p.BaseURL}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if len(p.Determination) > 0 {
		out.Determination = maps.Clone(defaults.Determination)
		if out.Determination == nil {
			out.Determination = map[string]string{}
		}
		maps.Copy(out.Determination, p.Determination)
	}
	return out
}

// ParseDetermination reads determination methods written as
// "official_statistics=Q1234,count=Q5678", as a flag or variable gives
// them.
func ParseDetermination(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not TERM=QID", pair)
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, nil
}

// SettingsStore keeps a deployment's settings record.
type SettingsStore interface {
	// Settings returns the stored record, or the zero Publisher.
	Settings(ctx context.Context) (Publisher, error)
	// SaveSettings replaces the record.
	SaveSettings(ctx context.Context, p Publisher) error
}

// ClaimPageURL returns the public URL of the page of the claim with the
// given ID, or "" when p has no BaseURL.
func (p Publisher) ClaimPageURL(id string) string {
	if p.BaseURL == "" {
		return ""
	}
	return strings.TrimSuffix(p.BaseURL, "/") + "/claims/" + url.PathEscape(id)
}

// Reviewed reports whether an analyst has assessed c: a grade other than
// ungraded, or a conflict review naming it. Only those get a ClaimReview.
func Reviewed(c *claims.Claim, reviews []*claims.Review) bool {
	return c.Grade != claims.GradeUngraded || len(reviews) > 0
}

// ClaimReviewInput is what one claim's ClaimReview is made of: the claim,
// its claimant, the sources of its origin and relays (by ID) and the
// conflict reviews that name it. Missing records are left out.
type ClaimReviewInput struct {
	Claim    *claims.Claim
	Claimant *claims.Claimant
	Sources  map[string]*claims.Source
	Reviews  []*claims.Review
}

// ClaimReviewJSON returns the ClaimReview of in as a JSON-LD document with
// its own @context: what the server writes into a claim's page. The JSON
// escapes <, > and &, so it cannot close the script element it sits in.
func ClaimReviewJSON(in ClaimReviewInput, p Publisher) ([]byte, error) {
	cr := claimReview(in, p)
	cr["@context"] = "https://schema.org"
	b, err := json.Marshal(cr)
	if err != nil {
		return nil, fmt.Errorf("exchange: encode ClaimReview: %w", err)
	}
	return b, nil
}

// arrayItems writes the elements of a JSON array one a line, with the
// commas between them; the caller writes the brackets.
type arrayItems struct {
	w *bufio.Writer
	n int
}

func (a *arrayItems) add(b []byte) error {
	if a.n > 0 {
		a.w.WriteString(",")
	}
	a.n++
	a.w.WriteString("\n")
	_, err := a.w.Write(b)
	return err
}

// claimReviewEncoder writes a JSON-LD document whose @graph holds one
// schema.org ClaimReview per claim that an analyst has assessed: a grade
// other than ungraded, or a conflict review naming the claim. It reads
// sources, claimants and reviews first and keeps them in memory (they are
// few next to claims), then streams the claims.
type claimReviewEncoder struct {
	w         *bufio.Writer
	js        *jsonWriter
	h         Header
	pub       Publisher
	sources   map[string]*claims.Source
	claimants map[string]*claims.Claimant
	reviews   map[string][]*claims.Review
	items     arrayItems
}

func newClaimReviewEncoder(w *bufio.Writer, pub Publisher) *claimReviewEncoder {
	return &claimReviewEncoder{w: w, js: newJSONWriter(), pub: pub, items: arrayItems{w: w}, sources: map[string]*claims.Source{},
		claimants: map[string]*claims.Claimant{}, reviews: map[string][]*claims.Review{}}
}

func (e *claimReviewEncoder) kinds() []Kind {
	return []Kind{KindSource, KindClaimant, KindReview, KindClaim}
}

func (e *claimReviewEncoder) begin(h Header) error {
	e.h = h
	_, err := fmt.Fprintf(e.w, "{\"@context\":\"https://schema.org\",\"dateCreated\":%q,\"@graph\":[", h.ExportedAt.Format("2006-01-02T15:04:05.999999Z07:00"))
	return err
}

// ldThing is a node of the JSON-LD graph; empty members are left out.
type ldThing map[string]any

func (t ldThing) set(key string, v string) {
	if v != "" {
		t[key] = v
	}
}

func (e *claimReviewEncoder) record(k Kind, rec any) error {
	switch r := rec.(type) {
	case *claims.Source:
		e.sources[r.ID] = r
		return nil
	case *claims.Claimant:
		e.claimants[r.ID] = r
		return nil
	case *claims.Review:
		e.reviews[r.ClaimA] = append(e.reviews[r.ClaimA], r)
		e.reviews[r.ClaimB] = append(e.reviews[r.ClaimB], r)
		return nil
	}
	c := rec.(*claims.Claim)
	reviews := e.reviews[c.ID]
	if !Reviewed(c, reviews) {
		return nil
	}
	in := ClaimReviewInput{Claim: c, Claimant: e.claimants[c.ClaimantID], Sources: e.sources, Reviews: reviews}
	b, err := e.js.marshal(claimReview(in, e.pub))
	if err != nil {
		return err
	}
	return e.items.add(b)
}

// claimReview maps a claim to a ClaimReview. See the package doc.
func claimReview(in ClaimReviewInput, pub Publisher) ldThing {
	c := in.Claim
	author := ldThing{"@type": "Person"}
	if cl := in.Claimant; cl != nil {
		if cl.Kind == claims.ClaimantOrganisation {
			author["@type"] = "Organization"
		}
		author.set("name", cl.Name)
		author.set("jobTitle", cl.Role)
		if cl.Affiliation != "" {
			author["affiliation"] = ldThing{"@type": "Organization", "name": cl.Affiliation}
		}
		author["identifier"] = "urn:claimdesk:claimant:" + cl.ID
	}
	item := ldThing{"@type": "Claim", "author": author}
	item.set("datePublished", string(firstDate(c.SaidOn, c.PublishedOn)))
	item.set("inLanguage", c.Language)
	if src := in.Sources[c.Provenance.SourceID]; src != nil || c.Provenance.URL != "" {
		appearance := ldThing{"@type": "CreativeWork"}
		appearance.set("url", firstString(c.Provenance.URL, sourceURL(src)))
		if src != nil {
			appearance.set("name", src.Name)
			appearance.set("datePublished", string(firstDate(c.PublishedOn, src.PublishedOn)))
			if p := firstString(src.Publisher, src.Name); p != "" {
				appearance["publisher"] = ldThing{"@type": "Organization", "name": p}
			}
		}
		appearance.set("archivedAt", c.Provenance.ArchiveURL)
		item["firstAppearance"] = appearance
	}
	if len(c.Provenance.Relays) > 0 {
		var apps []ldThing
		for _, rl := range c.Provenance.Relays {
			a := ldThing{"@type": "CreativeWork"}
			src := in.Sources[rl.SourceID]
			a.set("url", firstString(rl.URL, sourceURL(src)))
			if src != nil {
				a.set("name", src.Name)
				if p := firstString(src.Publisher, src.Name); p != "" {
					a["publisher"] = ldThing{"@type": "Organization", "name": p}
				}
			}
			a.set("datePublished", string(rl.PublishedOn))
			a.set("archivedAt", rl.ArchiveURL)
			apps = append(apps, a)
		}
		item["appearance"] = apps
	}
	// alternateName is the verdict in a reader's words; name keeps the
	// grade as claimdesk calls it, and ratingExplanation defines it.
	rating := ldThing{"@type": "Rating", "alternateName": GradeWords[c.Grade], "name": string(c.Grade),
		"ratingExplanation": claims.GradeDefinitions[c.Grade]}
	if v, ok := gradeRatings[c.Grade]; ok {
		rating["ratingValue"], rating["bestRating"], rating["worstRating"] = v, 5, 1
	}
	cr := ldThing{
		"@type":         "ClaimReview",
		"@id":           "urn:claimdesk:claim:" + c.ID,
		"claimReviewed": firstString(c.Quote, c.QuantityText, c.OriginalText),
		"itemReviewed":  item,
		"datePublished": c.UpdatedAt.UTC().Format("2006-01-02"),
		"reviewRating":  rating,
	}
	cr.set("url", pub.ClaimPageURL(c.ID))
	if pub.Name != "" {
		org := ldThing{"@type": "Organization", "name": pub.Name}
		org.set("url", pub.URL)
		if pub.Logo != "" {
			org["logo"] = ldThing{"@type": "ImageObject", "url": pub.Logo}
		}
		cr["author"] = org
	}
	var body []string
	if c.Notes != "" {
		body = append(body, c.Notes)
	}
	for _, r := range in.Reviews {
		other := r.ClaimB
		if other == c.ID {
			other = r.ClaimA
		}
		line := fmt.Sprintf("Conflict with claim %s: %s.", other, r.Status)
		if r.Resolution != "" {
			line += " " + r.Resolution
		}
		body = append(body, line)
	}
	if c.Rank == claims.RankDeprecated {
		body = append(body, "Deprecated: "+c.DeprecationReason)
	}
	if len(body) > 0 {
		cr["reviewBody"] = strings.Join(body, "\n")
	}
	if len(c.Tags) > 0 {
		cr["keywords"] = strings.Join(c.Tags, ", ")
	}
	return cr
}

func (e *claimReviewEncoder) end() error {
	_, err := e.w.WriteString("\n]}\n")
	return err
}

func sourceURL(s *claims.Source) string {
	if s == nil {
		return ""
	}
	return s.URL
}

func firstString(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func firstDate(ds ...claims.Date) claims.Date {
	for _, d := range ds {
		if d != "" {
			return d
		}
	}
	return ""
}
