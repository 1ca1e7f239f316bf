package api

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// place is a gazetteer entry as GET /api/v1/places lists it.
type place struct {
	gazetteer.Place
	// Custom is set for the places analysts added; the others come from
	// the built-in table (see package gazetteer).
	Custom bool `json:"custom"`
}

// listPlaces serves GET /api/v1/places: the built-in gazetteer's listed
// places (countries and groupings) and the analysts' places, with what
// each lies inside. With ?name= it looks one name up instead, among the
// GeoNames cities and regions too, which are not listed: the place it
// denotes, or none and the nearest known name as "suggestion".
func (h *handler) listPlaces(c *gin.Context) {
	q, err := parseQuery(c.Request.URL.Query(), "name")
	if err != nil {
		h.writeError(c, err)
		return
	}
	g, err := h.store.Gazetteer(c.Request.Context())
	if err != nil {
		h.writeError(c, err)
		return
	}
	if name, ok := q.values["name"]; ok {
		custom, err := h.store.CustomPlaces(c.Request.Context())
		if err != nil {
			h.writeError(c, err)
			return
		}
		out := gin.H{"items": []place{}}
		if p, ok := g.Lookup(name[0]); ok {
			out["items"] = []place{placeOut(p, slices.ContainsFunc(custom, func(o gazetteer.Place) bool { return o.ID == p.ID }))}
		} else if s, ok := g.Suggest(name[0]); ok {
			out["suggestion"] = s
		}
		c.JSON(http.StatusOK, out)
		return
	}
	custom, err := h.store.CustomPlaces(c.Request.Context())
	if err != nil {
		h.writeError(c, err)
		return
	}
	isCustom := make(map[string]bool, len(custom))
	for _, p := range custom {
		isCustom[p.ID] = true
	}
	items := []place{}
	for _, p := range g.Places() {
		items = append(items, placeOut(p, isCustom[p.ID]))
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func placeOut(p gazetteer.Place, custom bool) place {
	if p.Aliases == nil {
		p.Aliases = []string{}
	}
	if p.In == nil {
		p.In = []string{}
	}
	return place{Place: p, Custom: custom}
}

// createPlace serves POST /api/v1/places: an analyst's place, such as a
// city inside a country, so that claims naming it are compared by place.
func (h *handler) createPlace(c *gin.Context) {
	body, err := readJSON(c.Request.Body, h.maxBody)
	if err != nil {
		h.writeError(c, err)
		return
	}
	var p gazetteer.Place
	if err := decodeStrict(body, &p, "place", nil); err != nil {
		h.writeError(c, err)
		return
	}
	if err := h.writes.CreatePlace(c.Request.Context(), &p); err != nil {
		h.writeError(c, err)
		return
	}
	c.Header("Location", "/api/v1/places/"+url.PathEscape(p.ID))
	c.JSON(http.StatusCreated, placeOut(p, true))
}

// deletePlace serves DELETE /api/v1/places/{name}: removes a custom place,
// named by ID or name.
func (h *handler) deletePlace(c *gin.Context) {
	if err := h.writes.DeletePlace(c.Request.Context(), c.Param("name")); err != nil {
		h.writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
