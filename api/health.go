package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// readyTimeout bounds the store's ping in /readyz.
const readyTimeout = 2 * time.Second

// healthz says the process is up; it touches nothing else.
func (h *handler) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok", "version": h.version})
}

// readyz says whether the store answers, so a load balancer sends traffic
// only to instances that can serve it.
func (h *handler) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
	defer cancel()
	if err := h.store.Ping(ctx); err != nil {
		h.log.WarnContext(ctx, "store not ready", "error", err.Error(), "request_id", c.GetString(requestIDKey))
		h.writeError(c, &claims.Error{Code: claims.CodeUnavailable, Message: "the database does not answer", Err: fmt.Errorf("api: ping: %w", err)})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}
