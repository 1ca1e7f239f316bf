package claims

import (
	"strings"

	"golang.org/x/text/language"
)

// SourceKind says what sort of publication a Source is.
type SourceKind string

// The kinds of source.
const (
	SourceNews        SourceKind = "news"
	SourceGovernment  SourceKind = "government"
	SourceNGO         SourceKind = "ngo"
	SourceReport      SourceKind = "report"
	SourceSocialMedia SourceKind = "social_media"
	SourceInterview   SourceKind = "interview"
	SourceAgency      SourceKind = "agency" // news agency: TASS, RIA, Interfax, Reuters
	SourceOther       SourceKind = "other"
)

// SourceKinds lists the valid kinds of source.
var SourceKinds = []SourceKind{SourceNews, SourceAgency, SourceGovernment, SourceNGO, SourceReport, SourceSocialMedia, SourceInterview, SourceOther}

// Source is where claims are published: an outlet (The Independent) or a
// document (a UN monitoring team's report).
type Source struct {
	Meta
	Name        string     `json:"name"`
	URL         string     `json:"url"`
	Kind        SourceKind `json:"kind"`
	Publisher   string     `json:"publisher"`
	Language    string     `json:"language"` // BCP 47 tag: "en", "ru"
	PublishedOn Date       `json:"published_on"`
	Notes       string     `json:"notes"`
	// WikidataID names the source's Wikidata item ("Q11148" for a
	// newspaper), written as "stated in" (P248) by the QuickStatements
	// export; empty when the analyst has named none.
	WikidataID string `json:"wikidata_id"`
}

// Normalize trims the source's text fields and fills defaults.
func (s *Source) Normalize() {
	s.Name = strings.TrimSpace(s.Name)
	s.URL = strings.TrimSpace(s.URL)
	s.Language = strings.TrimSpace(s.Language)
	s.WikidataID = strings.ToUpper(strings.TrimSpace(s.WikidataID))
	if s.Kind == "" {
		s.Kind = SourceOther
	}
}

// Validate reports every field of s that breaks a rule.
func (s *Source) Validate() error {
	var p Problems
	checkID(&p, "id", s.ID)
	checkRequired(&p, "name", s.Name, MaxNameLen)
	checkURL(&p, "url", s.URL)
	checkEnum(&p, "kind", s.Kind, SourceKinds...)
	checkText(&p, "publisher", s.Publisher, MaxNameLen)
	checkLanguage(&p, "language", s.Language)
	checkDate(&p, "published_on", s.PublishedOn)
	checkText(&p, "notes", s.Notes, MaxTextLen)
	if s.WikidataID != "" && !ValidWikidataItem(s.WikidataID) {
		p.Add("wikidata_id", "must be a Wikidata item ID: Q followed by its number, such as Q42")
	}
	return p.Err("source")
}

// ClaimantKind says whether a claimant is a person or an organisation.
type ClaimantKind string

// The kinds of claimant.
const (
	ClaimantPerson       ClaimantKind = "person"
	ClaimantOrganisation ClaimantKind = "organisation"
)

// Claimant is the person or organisation a number is attributed to, such as
// "Mikhail Bogdanov, Russia's deputy foreign minister".
type Claimant struct {
	Meta
	Name        string       `json:"name"`
	Kind        ClaimantKind `json:"kind"`
	Role        string       `json:"role"`        // "Deputy Foreign Minister"
	Affiliation string       `json:"affiliation"` // "Russian Ministry of Foreign Affairs"
	Notes       string       `json:"notes"`
}

// Normalize trims the claimant's text fields and fills defaults.
func (c *Claimant) Normalize() {
	c.Name = strings.TrimSpace(c.Name)
	c.Role = strings.TrimSpace(c.Role)
	c.Affiliation = strings.TrimSpace(c.Affiliation)
	if c.Kind == "" {
		c.Kind = ClaimantPerson
	}
}

// Validate reports every field of c that breaks a rule.
func (c *Claimant) Validate() error {
	var p Problems
	checkID(&p, "id", c.ID)
	checkRequired(&p, "name", c.Name, MaxNameLen)
	checkEnum(&p, "kind", c.Kind, ClaimantPerson, ClaimantOrganisation)
	checkText(&p, "role", c.Role, MaxNameLen)
	checkText(&p, "affiliation", c.Affiliation, MaxNameLen)
	checkText(&p, "notes", c.Notes, MaxTextLen)
	return p.Err("claimant")
}

// checkLanguage accepts an empty value or a well-formed BCP 47 tag.
func checkLanguage(p *Problems, field, tag string) {
	if tag == "" {
		return
	}
	if _, err := language.Parse(tag); err != nil {
		p.Add(field, "must be a language tag such as en or ru, not %q", tag)
	}
}
