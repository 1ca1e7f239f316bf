package claims

import "strings"

// LinkKind is an analyst's verdict on how two claims relate.
type LinkKind string

// The link kinds. A manual link overrules what claimdesk infers for the
// same pair and survives recomputation.
const (
	LinkContradicts   LinkKind = "contradicts"
	LinkCorroborates  LinkKind = "corroborates"
	LinkDerivedFrom   LinkKind = "derived_from"   // From repeats, cites or copies To
	LinkSupersedes    LinkKind = "supersedes"     // From is the same claimant's revision of To
	LinkUnrelated     LinkKind = "unrelated"      // overrules an automatic conflict
	LinkSameStatement LinkKind = "same_statement" // two reports of one utterance
)

// LinkKinds lists the valid link kinds.
var LinkKinds = []LinkKind{LinkContradicts, LinkCorroborates, LinkDerivedFrom, LinkSupersedes, LinkUnrelated, LinkSameStatement}

// Link is a manual relation between two claims, with the analyst's note.
type Link struct {
	Meta
	FromID string   `json:"from_id"`
	ToID   string   `json:"to_id"`
	Kind   LinkKind `json:"kind"`
	Note   string   `json:"note"`
	Author string   `json:"author"`
}

// Normalize trims the link's text fields.
func (l *Link) Normalize() {
	l.Note = strings.TrimSpace(l.Note)
	l.Author = strings.TrimSpace(l.Author)
}

// Validate reports every field of l that breaks a rule. It does not check
// that the claims exist: the store does.
func (l *Link) Validate() error {
	var p Problems
	checkID(&p, "id", l.ID)
	for _, f := range []struct{ name, v string }{{"from_id", l.FromID}, {"to_id", l.ToID}} {
		if f.v == "" {
			p.Add(f.name, "is required")
		}
		checkID(&p, f.name, f.v)
	}
	if l.FromID != "" && l.FromID == l.ToID {
		p.Add("to_id", "a claim cannot be linked to itself")
	}
	checkEnum(&p, "kind", l.Kind, LinkKinds...)
	checkText(&p, "note", l.Note, MaxTextLen)
	checkText(&p, "author", l.Author, MaxNameLen)
	return p.Err("link")
}

// ReviewStatus is where a conflict stands in an analyst's review.
type ReviewStatus string

// The review statuses.
const (
	ReviewOpen      ReviewStatus = "open"
	ReviewReviewed  ReviewStatus = "reviewed"  // looked at; the conflict stands
	ReviewDismissed ReviewStatus = "dismissed" // looked at; not a real conflict
)

// Review records an analyst's review of the conflict between two claims.
// ClaimA sorts before ClaimB, so a pair has one review.
type Review struct {
	Meta
	ClaimA     string       `json:"claim_a"`
	ClaimB     string       `json:"claim_b"`
	Status     ReviewStatus `json:"status"`
	Resolution string       `json:"resolution"`
	Author     string       `json:"author"`
}

// Normalize orders the pair and fills defaults.
func (r *Review) Normalize() {
	if r.ClaimB < r.ClaimA {
		r.ClaimA, r.ClaimB = r.ClaimB, r.ClaimA
	}
	if r.Status == "" {
		r.Status = ReviewOpen
	}
	r.Resolution = strings.TrimSpace(r.Resolution)
}

// Validate reports every field of r that breaks a rule.
func (r *Review) Validate() error {
	var p Problems
	checkID(&p, "id", r.ID)
	for _, f := range []struct{ name, v string }{{"claim_a", r.ClaimA}, {"claim_b", r.ClaimB}} {
		if f.v == "" {
			p.Add(f.name, "is required")
		}
		checkID(&p, f.name, f.v)
	}
	if r.ClaimA != "" && r.ClaimA == r.ClaimB {
		p.Add("claim_b", "a claim cannot conflict with itself")
	}
	checkEnum(&p, "status", r.Status, ReviewOpen, ReviewReviewed, ReviewDismissed)
	if r.Status == ReviewDismissed && r.Resolution == "" {
		p.Add("resolution", "is required when a conflict is dismissed: say why")
	}
	checkText(&p, "resolution", r.Resolution, MaxTextLen)
	checkText(&p, "author", r.Author, MaxNameLen)
	return p.Err("review")
}
