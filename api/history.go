package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// historyKinds maps the path segment of each kind of record with a
// history to its name in history lines.
var historyKinds = map[string]string{
	"topics": "topic", "sources": "source", "claimants": "claimant",
	"claims": "claim", "links": "link", "reviews": "review",
}

// history serves GET /api/v1/{kind}/{id}/history: every change of the
// record, oldest first, with who, when, why and the record before and
// after.
func (h *handler) history(kind string) gin.HandlerFunc {
	return func(c *gin.Context) {
		lines, err := h.store.History(c.Request.Context(), kind, c.Param("id"))
		if err != nil {
			h.writeError(c, err)
			return
		}
		if lines == nil {
			lines = []claims.Change{}
		}
		c.JSON(http.StatusOK, gin.H{"items": lines})
	}
}

type restoreRequest struct {
	Version int    `json:"version"`
	Reason  string `json:"reason"`
}

// restore serves POST /api/v1/{kind}/{id}/restore {"version": n}: version
// n becomes current again as a new version with its own history line.
func (h *handler) restore(kind string) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req restoreRequest
		if err := decodeBody(c, h.maxBody, &req, "restore"); err != nil {
			h.writeError(c, err)
			return
		}
		ctx := c.Request.Context()
		if req.Reason != "" {
			if err := reasonProblem(req.Reason); err != nil {
				h.writeError(c, err)
				return
			}
			ctx = claims.WithReason(ctx, req.Reason)
		}
		if req.Version < 1 {
			var p claims.Problems
			p.Add("version", "is required: the version to bring back, from the record's history")
			h.writeError(c, p.Err("restore"))
			return
		}
		line, err := h.writes.Restore(ctx, kind, c.Param("id"), req.Version)
		if err != nil {
			h.writeError(c, err)
			return
		}
		c.Header("ETag", changeETag(line))
		c.JSON(http.StatusOK, line)
	}
}

// trash serves GET /api/v1/trash: the records deleted and not brought
// back, newest first, each with its last state.
func (h *handler) trash(c *gin.Context) {
	lines, err := h.store.Trash(c.Request.Context())
	if err != nil {
		h.writeError(c, err)
		return
	}
	if lines == nil {
		lines = []claims.Change{}
	}
	c.JSON(http.StatusOK, gin.H{"items": lines})
}

// undelete serves POST /api/v1/trash/{kind}/{id}/restore: a deleted
// record comes back as it was, with what its cascading delete took.
func (h *handler) undelete(c *gin.Context) {
	kind, ok := historyKinds[c.Param("kind")]
	if !ok {
		h.writeError(c, claims.Errorf(claims.CodeNotFound, "no kind of record %q: use topics, sources, claimants, claims, links or reviews", c.Param("kind")))
		return
	}
	line, err := h.writes.Undelete(c.Request.Context(), kind, c.Param("id"))
	if err != nil {
		h.writeError(c, err)
		return
	}
	c.Header("ETag", changeETag(line))
	c.JSON(http.StatusOK, line)
}
