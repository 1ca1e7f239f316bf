package exchange

import (
	"bufio"
	"fmt"
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

// claimReviewEncoder writes a JSON-LD document whose @graph holds one
// schema.org ClaimReview per claim that an analyst has assessed: a grade
// other than ungraded, or a conflict review naming the claim. It reads
// topics, sources, claimants and reviews first and keeps them in memory
// (they are few next to claims), then streams the claims.
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

type claimReviewEncoder struct {
	w         *bufio.Writer
	js        *jsonWriter
	h         Header
	sources   map[string]*claims.Source
	claimants map[string]*claims.Claimant
	reviews   map[string][]*claims.Review
	items     arrayItems
}

func newClaimReviewEncoder(w *bufio.Writer) *claimReviewEncoder {
	return &claimReviewEncoder{w: w, js: newJSONWriter(), items: arrayItems{w: w}, sources: map[string]*claims.Source{},
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
	if c.Grade == claims.GradeUngraded && len(reviews) == 0 {
		return nil
	}
	b, err := e.js.marshal(e.claimReview(c, reviews))
	if err != nil {
		return err
	}
	return e.items.add(b)
}

// claimReview maps a claim to a ClaimReview. See the package doc.
func (e *claimReviewEncoder) claimReview(c *claims.Claim, reviews []*claims.Review) ldThing {
	author := ldThing{"@type": "Person"}
	if cl := e.claimants[c.ClaimantID]; cl != nil {
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
	if src := e.sources[c.Provenance.SourceID]; src != nil || c.Provenance.URL != "" {
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
			a.set("url", firstString(rl.URL, sourceURL(e.sources[rl.SourceID])))
			if src := e.sources[rl.SourceID]; src != nil {
				a.set("name", src.Name)
			}
			a.set("datePublished", string(rl.PublishedOn))
			apps = append(apps, a)
		}
		item["appearance"] = apps
	}
	rating := ldThing{"@type": "Rating", "alternateName": string(c.Grade),
		"ratingExplanation": claims.GradeDefinitions[c.Grade]}
	if v, ok := gradeRatings[c.Grade]; ok {
		rating["ratingValue"], rating["bestRating"], rating["worstRating"] = v, 5, 1
	}
	cr := ldThing{
		"@type":         "ClaimReview",
		"@id":           "urn:claimdesk:claim:" + c.ID,
		"claimReviewed": firstString(c.Quote, c.QuantityText, c.OriginalText),
		"itemReviewed":  item,
		"datePublished": c.UpdatedAt.Format("2006-01-02"),
		"reviewRating":  rating,
	}
	var body []string
	if c.Notes != "" {
		body = append(body, c.Notes)
	}
	for _, r := range reviews {
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
