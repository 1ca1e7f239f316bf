package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// maxParseTexts bounds a batch of POST /api/v1/parse.
const maxParseTexts = 1000

// parseRequest is the body of POST /api/v1/parse: one text, or a batch.
type parseRequest struct {
	Text  *string  `json:"text"`
	Texts []string `json:"texts"`
}

// reading is the parser's reading of one text: the API serves the same
// shape as claimdesk parse prints.
type reading = quantity.Quantity

// parseFailure is a batch entry for a text with no quantity.
type parseFailure struct {
	Text  string `json:"text"`
	Error string `json:"error"`
}

// parse answers the parser's reading of {"text"}, or of each of {"texts"}
// as {"results"}, where a text with no quantity gets {"text","error"}.
func (h *handler) parse(c *gin.Context) {
	body, err := readJSON(c.Request.Body, h.maxBody)
	var req parseRequest
	if err == nil {
		err = decodeStrict(body, &req, "parse request", nil)
	}
	if err == nil {
		err = req.check()
	}
	if err != nil {
		h.writeError(c, err)
		return
	}
	if req.Text != nil {
		r, reason, err := h.read(*req.Text)
		if err == nil && reason != "" {
			err = fieldErr(claims.CodeInvalid, "text: "+reason,
				claims.FieldError{Field: "text", Detail: reason})
		}
		if err != nil {
			h.writeError(c, err)
			return
		}
		c.JSON(http.StatusOK, r)
		return
	}
	results := make([]any, len(req.Texts))
	for i, t := range req.Texts {
		r, reason, err := h.read(t)
		switch {
		case err != nil:
			h.writeError(c, err)
			return
		case reason != "":
			results[i] = parseFailure{Text: t, Error: reason}
		default:
			results[i] = r
		}
	}
	c.JSON(http.StatusOK, gin.H{"results": results})
}

func (req *parseRequest) check() error {
	var p claims.Problems
	switch {
	case req.Text == nil && req.Texts == nil:
		p.Add("text", "is required: give text, or texts for a batch")
	case req.Text != nil && req.Texts != nil:
		p.Add("texts", "cannot be given with text: give one or the other")
	case len(req.Texts) > maxParseTexts:
		p.Add("texts", "has %d texts, the limit is %d", len(req.Texts), maxParseTexts)
	}
	return p.Err("parse request")
}

// read parses text. For a text with no quantity it returns the parser's
// reason; err is any other failure of the parser.
func (h *handler) read(text string) (r reading, reason string, err error) {
	q, err := h.parser.Parse(text)
	if qe := (*quantity.Error)(nil); errors.As(err, &qe) {
		return reading{}, qe.Reason, nil
	}
	if err != nil {
		return reading{}, "", fmt.Errorf("api: parse %q: %w", text, err)
	}
	return q, "", nil
}

// extractRequest is the body of POST /api/v1/extract.
type extractRequest struct {
	Text *string `json:"text"`
	// TopicID, when given, names the topic the candidates are for: each
	// then carries the scope, the claim unit and the unit note of that
	// topic.
	TopicID string `json:"topic_id"`
}

// extractCandidate is a candidate as POST /api/v1/extract answers it: with
// a topic_id, the names of the topic's population tree suggested for its
// scope (xref.SuggestScope), the unit its claim is stored with in the
// topic (xref.ClaimUnit: "" for a counted word such as "fighters") and a
// note when that unit is not the topic's (xref.UnitNote). The claim unit
// stands beside the scope, not in it, as a claim's unit does.
type extractCandidate struct {
	article.Candidate
	Scope     *suggestedScope `json:"scope,omitempty"`
	ClaimUnit *string         `json:"claim_unit,omitempty"`
	UnitNote  string          `json:"unit_note,omitempty"`
}

// suggestedScope is the population and group suggested for a candidate,
// "" where none is.
type suggestedScope struct {
	Population string `json:"population"`
	Group      string `json:"group"`
}

// extract answers every quantity found in running text (a quote, an
// article), in order, as claim candidates: the reading with its byte
// offsets, the sentence, claimant, outlet, counted thing, places and
// whether it is likely a claim. The claim form offers them to an analyst
// who pastes a quote; the article screen lists them for acceptance, with
// the topic it files them under, so that each carries the population and
// group suggested from that topic's tree, the unit to store the claim with
// and a note when that unit keeps it from being compared with the topic's
// claims.
// "refused" lists what reads as a quantity but cannot be read right (a
// source's "150,00"), with its span, sentence and reason, so that the
// analyst can enter the figure by hand.
func (h *handler) extract(c *gin.Context) {
	body, err := readJSON(c.Request.Body, h.maxBody)
	var req extractRequest
	if err == nil {
		err = decodeStrict(body, &req, "extract request", nil)
	}
	if err == nil && req.Text == nil {
		var p claims.Problems
		p.Add("text", "is required")
		err = p.Err("extract request")
	}
	var topic *claims.Topic
	if err == nil && req.TopicID != "" {
		topic, err = h.store.FindTopic(c.Request.Context(), req.TopicID)
		if claims.ErrorCode(err) == claims.CodeNotFound {
			var p claims.Problems
			p.Add("topic_id", "no topic with ID %q", req.TopicID)
			err = p.Err("extract request")
		}
	}
	if err != nil {
		h.writeError(c, err)
		return
	}
	found, refused := h.articles.ExtractAll(*req.Text)
	items := make([]extractCandidate, len(found))
	for i, cand := range found {
		items[i].Candidate = cand
		if topic != nil {
			pop, group := xref.SuggestScope(topic, cand.Counted)
			items[i].Scope = &suggestedScope{Population: pop, Group: group}
			unit := xref.ClaimUnit(topic, cand.Unit, cand.Counted)
			items[i].ClaimUnit = &unit
			items[i].UnitNote = xref.UnitNote(topic, unit)
		}
	}
	if refused == nil {
		refused = []article.Refusal{}
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "refused": refused})
}
