package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

// exportRetryAfter is the Retry-After, in seconds, of an export refused
// because --max-exports are running.
const exportRetryAfter = "10"

// export streams everything, or one topic, in the format of ?format= as a
// download named claimdesk-<topic or all>-<date>.<ext>.
//
// An export reads the store as it writes, so it holds a connection of the
// pool for as long as its client takes to read the download; it does not
// wait in the read gate (readgate.go), which would hold a slot as long.
// Only h.exporting's number run at once, so that a few slow downloads
// cannot take every connection from the other requests. Another export is
// answered at once with 503, Retry-After and a problem, which HTTP
// clients' retries (curl --retry, urllib3's Retry) know, rather than
// queued: a queued request would wait, with nothing sent, for as long as
// the running downloads' clients take to read, which no bound on the
// queue says, and a script's read timeout would end it with no reason.
//
// Its Retry-After is exportRetryAfter, not a lock wait's second: clients
// such as curl --retry wait what Retry-After says instead of backing off,
// so with 1 s, curl --retry 10 gave up after some ten seconds, while a
// running export of everything lasts tens of seconds at a million claims
// and a slow client's longer.
func (h *handler) export(c *gin.Context) {
	ctx := c.Request.Context()
	f, err := exchange.ParseFormat(c.Query("format"))
	if err != nil {
		h.writeError(c, fieldErr(claims.CodeInvalid, "invalid export", claims.FieldError{Field: "format", Detail: claims.ErrorMessage(err)}))
		return
	}
	excel := false
	if q := c.Query("excel"); q != "" {
		var detail string
		if excel, err = strconv.ParseBool(q); err != nil {
			detail = "must be true or false"
		} else if excel && f != exchange.CSV {
			detail = "is for format=csv only: it adds a byte order mark and CRLF line ends for Microsoft Excel"
		}
		if detail != "" {
			h.writeError(c, fieldErr(claims.CodeInvalid, "invalid export", claims.FieldError{Field: "excel", Detail: detail}))
			return
		}
	}
	history := false
	if q := c.Query("history"); q != "" {
		var detail string
		if history, err = strconv.ParseBool(q); err != nil {
			detail = "must be true or false"
		} else if history && f != exchange.JSON && f != exchange.NDJSON {
			detail = "is for format=json and format=ndjson only"
		}
		if detail != "" {
			h.writeError(c, fieldErr(claims.CodeInvalid, "invalid export", claims.FieldError{Field: "history", Detail: detail}))
			return
		}
	}
	topic := c.Query("topic_id")
	name := "all"
	if topic != "" {
		if !claims.ValidID(topic) {
			h.writeError(c, fieldErr(claims.CodeInvalid, "invalid export", claims.FieldError{Field: "topic_id", Detail: "must be 1 to 64 letters, digits, '-' or '_'"}))
			return
		}
		if _, err := h.store.FindTopic(ctx, topic); err != nil {
			h.writeError(c, err)
			return
		}
		name = topic
	}
	// A HEAD gets the headers a GET would now: the refusal when every
	// place is taken, else the download's, without taking a place or
	// reading a claim (a HEAD of everything ran the whole export).
	if headOnly(c) {
		if len(h.exporting) == cap(h.exporting) {
			h.refuseExport(c)
			return
		}
		// No Content-Encoding: compress gzips the GET's body only once it
		// passes 1 KB, which is known only while making it (a nearly empty
		// topic's export is sent plain), and RFC 9110 (9.3.2) lets a HEAD
		// omit a header known only then rather than guess it.
		h.exportHeaders(c, name, f)
		return
	}
	select {
	case h.exporting <- struct{}{}:
		defer func() { <-h.exporting }()
	default:
		h.refuseExport(c)
		return
	}
	h.exportHeaders(c, name, f)
	if err := exchange.Export(ctx, h.store, c.Writer, f, exchange.Filter{TopicID: topic}, exchange.ExportOptions{Excel: excel, Publisher: h.publisher, History: history}); err != nil {
		if !c.Writer.Written() {
			h.writeError(c, err)
			return
		}
		// The status is sent: all that is left is to cut the download
		// short, so the client sees a failed transfer, not a short file.
		h.log.ErrorContext(ctx, "export failed midway", "error", err.Error(), "request_id", c.GetString(requestIDKey))
		panic(http.ErrAbortHandler)
	}
}

// refuseExport answers an export while every place is taken, in words an
// analyst reads in the web app as well as a script's author.
func (h *handler) refuseExport(c *gin.Context) {
	c.Header("Retry-After", exportRetryAfter)
	running := "another export is running, and this server runs one at a time"
	if n := cap(h.exporting); n > 1 {
		running = fmt.Sprintf("%d exports are running, the most this server runs at once", n)
	}
	h.writeError(c, claims.Errorf(claims.CodeUnavailable, "%s: try again in %s seconds", running, exportRetryAfter))
}

// exportHeaders sends the status and headers of a download of name (a
// topic's ID or "all") in format f.
func (h *handler) exportHeaders(c *gin.Context, name string, f exchange.Format) {
	filename := "claimdesk-" + name + "-" + time.Now().UTC().Format("2006-01-02") + "." + f.Ext()
	c.Header("Content-Type", f.ContentType())
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
}

// exportSchema serves the JSON Schema of the JSON export.
func (h *handler) exportSchema(c *gin.Context) {
	c.Data(http.StatusOK, "application/schema+json", exchange.Schema)
}
