package gormstore

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// Row structs mirror the tables of migrate.go and are the one declaration
// of their columns (see columns.go). They are private: the domain types
// carry json tags only, and the conversions below (for claims, those of
// claimconv.go, driven by claimRow itself) are the one place that knows
// how a record maps to columns.

type metaRow struct {
	ID        string    `gorm:"primaryKey"`
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
	Version   int
}

func rowMeta(m claims.Meta) metaRow {
	return metaRow{ID: m.ID, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt, Version: m.Version}
}

func (m metaRow) meta() claims.Meta {
	return claims.Meta{ID: m.ID, CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC(), Version: m.Version}
}

// search joins the lowercased text fields a listing's text filter matches.
func search(fields ...string) string {
	return strings.ToLower(strings.Join(fields, "\x1f"))
}

func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func fromJSON(s, what string, v any) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("gormstore: decode %s: %w", what, err)
	}
	return nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type topicRow struct {
	Meta        metaRow `gorm:"embedded"`
	Title       string
	Description string
	Measure     string
	Unit        string
	Additive    bool
	ParentID    *string
	WindowDays  int
	Tags        string
	WikidataID  string
	Search      string `row:"derived"`
	Places      string
	Populations string
}

func (topicRow) TableName() string { return "topics" }

func toTopicRow(t *claims.Topic) (*topicRow, error) {
	tags, err := toJSON(t.Tags)
	if err != nil {
		return nil, err
	}
	places, err := toJSON(orEmpty(t.Places))
	if err != nil {
		return nil, err
	}
	pops, err := toJSON(orEmpty(t.Populations))
	if err != nil {
		return nil, err
	}
	return &topicRow{
		Meta: rowMeta(t.Meta), Title: t.Title, Description: t.Description,
		Measure: t.Measure, Unit: t.Unit, Additive: t.Additive, ParentID: nullable(t.ParentID),
		WindowDays: t.WindowDays, Tags: tags, WikidataID: t.WikidataID,
		Search: search(t.Title, t.Description), Places: places, Populations: pops,
	}, nil
}

func (r *topicRow) domain() (*claims.Topic, error) {
	t := &claims.Topic{
		Meta: r.Meta.meta(), Title: r.Title, Description: r.Description, Measure: r.Measure,
		Unit: r.Unit, Additive: r.Additive, ParentID: deref(r.ParentID), WindowDays: r.WindowDays,
		WikidataID: r.WikidataID,
	}
	for _, f := range []struct {
		src, what string
		dst       any
	}{{r.Tags, "topic tags", &t.Tags}, {r.Places, "topic places", &t.Places}, {r.Populations, "topic populations", &t.Populations}} {
		if f.src == "" {
			continue
		}
		if err := fromJSON(f.src, f.what, f.dst); err != nil {
			return nil, err
		}
	}
	t.Places, t.Populations = orEmpty(t.Places), orEmpty(t.Populations)
	return t, nil
}

func (r *topicRow) sortValue(col string) any {
	switch col {
	case "title":
		return r.Title
	case "updated_at":
		return r.Meta.UpdatedAt
	}
	return r.Meta.CreatedAt
}

type sourceRow struct {
	Meta        metaRow `gorm:"embedded"`
	Name        string
	URL         string
	Kind        string
	Publisher   string
	Language    string
	PublishedOn *string
	Notes       string
	WikidataID  string
	Search      string `row:"derived"`
}

func (sourceRow) TableName() string { return "sources" }

func toSourceRow(s *claims.Source) *sourceRow {
	return &sourceRow{
		Meta: rowMeta(s.Meta), Name: s.Name, URL: s.URL, Kind: string(s.Kind),
		Publisher: s.Publisher, Language: s.Language, PublishedOn: nullable(string(s.PublishedOn)),
		Notes: s.Notes, WikidataID: s.WikidataID,
		Search: search(s.Name, s.Publisher, s.URL),
	}
}

func (r *sourceRow) domain() (*claims.Source, error) {
	return &claims.Source{
		Meta: r.Meta.meta(), Name: r.Name, URL: r.URL, Kind: claims.SourceKind(r.Kind),
		Publisher: r.Publisher, Language: r.Language, PublishedOn: claims.Date(deref(r.PublishedOn)),
		Notes: r.Notes, WikidataID: r.WikidataID,
	}, nil
}

func (r *sourceRow) sortValue(col string) any {
	switch col {
	case "name":
		return r.Name
	case "published_on":
		return r.PublishedOn
	case "updated_at":
		return r.Meta.UpdatedAt
	}
	return r.Meta.CreatedAt
}

type claimantRow struct {
	Meta        metaRow `gorm:"embedded"`
	Name        string
	Kind        string
	Role        string
	Affiliation string
	Notes       string
	Search      string `row:"derived"`
}

func (claimantRow) TableName() string { return "claimants" }

func toClaimantRow(c *claims.Claimant) *claimantRow {
	return &claimantRow{
		Meta: rowMeta(c.Meta), Name: c.Name, Kind: string(c.Kind), Role: c.Role,
		Affiliation: c.Affiliation, Notes: c.Notes,
		Search: search(c.Name, c.Role, c.Affiliation),
	}
}

func (r *claimantRow) domain() (*claims.Claimant, error) {
	return &claims.Claimant{
		Meta: r.Meta.meta(), Name: r.Name, Kind: claims.ClaimantKind(r.Kind), Role: r.Role,
		Affiliation: r.Affiliation, Notes: r.Notes,
	}, nil
}

func (r *claimantRow) sortValue(col string) any {
	switch col {
	case "name":
		return r.Name
	case "updated_at":
		return r.Meta.UpdatedAt
	}
	return r.Meta.CreatedAt
}

// claimRow keeps the interval in force in low, high and best for sorting
// and summaries; the parsed and analyst intervals are JSON ("" for none),
// and Interval is rebuilt from IntervalSource on reading. A column holds
// the member of claims.Claim's JSON named like it, or the one its claim
// tag names: the conversions (claimconv.go) and the raw export
// (export_fast.go) read them so, and need no other list.
type claimRow struct {
	Meta              metaRow `gorm:"embedded"`
	TopicID           string
	ClaimantID        string
	SourceID          string
	Quote             string
	QuantityText      string
	Language          string
	OriginalText      string
	OriginalLanguage  string
	NoNumber          bool
	Parsed            string `claim:"parsed_interval"`
	AnalystInterval   string
	IntervalSource    string
	ParserVersion     string
	Unit              string
	Low               *float64 `row:"derived"`
	High              *float64 `row:"derived"`
	Best              *float64 `row:"derived"`
	Places            string
	Population        string
	GroupName         string `claim:"scope.group"`
	Measure           string
	URL               string
	ArchiveURL        string
	Relays            string
	Occasion          string
	SaidOn            string
	PublishedOn       string
	AsOf              string
	Since             string
	RefStart          *string `row:"derived"`
	RefEnd            *string `row:"derived"`
	EvidenceType      string
	Grade             string
	Rank              string
	DeprecationReason string
	Notes             string
	Tags              string
	Search            string `row:"derived"`
	Basis             string
}

func (claimRow) TableName() string { return "claims" }

const isoDay = "2006-01-02"

func (r *claimRow) sortValue(col string) any {
	switch col {
	case "updated_at":
		return r.Meta.UpdatedAt
	case "ref_start":
		return r.RefStart
	case "low":
		return r.Low
	case "high":
		return r.High
	case "best":
		return r.Best
	}
	return r.Meta.CreatedAt
}

// sourceIDs returns the distinct sources a claim names, origin first.
func sourceIDs(c *claims.Claim) []string {
	ids := []string{c.Provenance.SourceID}
	for _, r := range c.Provenance.Relays {
		if !slices.Contains(ids, r.SourceID) {
			ids = append(ids, r.SourceID)
		}
	}
	return ids
}

type linkRow struct {
	Meta   metaRow `gorm:"embedded"`
	FromID string
	ToID   string
	Kind   string
	Note   string
	Author string
}

func (linkRow) TableName() string { return "links" }

func toLinkRow(l *claims.Link) *linkRow {
	return &linkRow{
		Meta: rowMeta(l.Meta), FromID: l.FromID, ToID: l.ToID, Kind: string(l.Kind),
		Note: l.Note, Author: l.Author,
	}
}

func (r *linkRow) domain() (*claims.Link, error) {
	return &claims.Link{
		Meta: r.Meta.meta(), FromID: r.FromID, ToID: r.ToID, Kind: claims.LinkKind(r.Kind),
		Note: r.Note, Author: r.Author,
	}, nil
}

func (r *topicRow) id() string    { return r.Meta.ID }
func (r *sourceRow) id() string   { return r.Meta.ID }
func (r *claimantRow) id() string { return r.Meta.ID }
func (r *claimRow) id() string    { return r.Meta.ID }
func (r *linkRow) id() string     { return r.Meta.ID }

func (r *linkRow) sortValue(col string) any {
	if col == "updated_at" {
		return r.Meta.UpdatedAt
	}
	return r.Meta.CreatedAt
}
