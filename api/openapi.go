package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDocument describes every route NewHandler serves. It is written
// by hand; the tests check it against the router and every response.
//
//go:embed openapi.json
var openAPIDocument []byte

func (h *handler) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", openAPIDocument)
}
