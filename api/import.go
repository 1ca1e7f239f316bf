package api

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

// DefaultMaxImportBytes is the import body limit when Options sets none.
const DefaultMaxImportBytes = 256 << 20

// importTypes maps the media types POST /import accepts to formats.
var importTypes = map[string]exchange.Format{
	"application/json":     exchange.JSON,
	"application/x-ndjson": exchange.NDJSON,
	"application/jsonl":    exchange.NDJSON,
	"text/csv":             exchange.CSV,
}

// limitImport is limitBody for imports: JSON, NDJSON or CSV, up to the
// import limit rather than the API's.
func (h *handler) limitImport(c *gin.Context) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if _, ok := importTypes[mt]; err != nil || !ok {
		h.writeError(c, claims.Errorf(codeUnsupportedMediaType,
			"an import must be sent as application/json, application/x-ndjson or text/csv"))
		return
	}
	c.Set("import_format", importTypes[mt])
	if c.Request.ContentLength > h.maxImport {
		h.writeError(c, tooLarge(h.maxImport))
		return
	}
	c.Next()
}

// importRecords runs an import, or a dry run with ?dry_run=true, and
// answers its report: 200 when it was applied (or the dry run found
// nothing wrong), else a problem whose errors locate every bad record.
func (h *handler) importRecords(c *gin.Context) {
	f, _ := c.Get("import_format")
	format := f.(exchange.Format)
	var p claims.Problems
	if q := c.Query("format"); q != "" {
		qf, err := exchange.ParseFormat(q)
		if err != nil || !qf.Importable() {
			p.Add("format", "must be json, ndjson or csv")
		}
		format = qf
	}
	dry := false
	if q := c.Query("dry_run"); q != "" {
		var err error
		if dry, err = strconv.ParseBool(q); err != nil {
			p.Add("dry_run", "must be true or false")
		}
	}
	if err := p.Err("import"); err != nil {
		h.writeError(c, err)
		return
	}
	// One import at a time: an import holds the database's write lock
	// and memory in proportion to its file.
	select {
	case h.importing <- struct{}{}:
		defer func() { <-h.importing }()
	default:
		h.writeError(c, claims.Errorf(claims.CodeConflict,
			"an import is already running on this server: send this one again when it has finished"))
		return
	}
	rep, err := h.writes.Import(c.Request.Context(), c.Request.Body, exchange.ImportOptions{
		Format: format, DryRun: dry, Limits: exchange.Limits{MaxBytes: h.maxImport},
	})
	if err == nil {
		c.JSON(http.StatusOK, rep)
		return
	}
	if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
		err = tooLarge(h.maxImport)
	}
	switch claims.ErrorCode(err) {
	case claims.CodeInvalid, claims.CodeMalformed, claims.CodeTooLarge:
		h.writeImportProblem(c, err, rep)
	default:
		h.writeError(c, err)
	}
}

// importProblem is a problem with the import's report.
type importProblem struct {
	problem
	Report *exchange.Report `json:"report"`
}

func (h *handler) writeImportProblem(c *gin.Context, err error, rep *exchange.Report) {
	code := claims.ErrorCode(err)
	status := statusOf[code]
	p := importProblem{problem: problem{
		Type: "urn:claimdesk:problem:" + string(code), Title: http.StatusText(status), Status: status,
		Detail: claims.ErrorMessage(err), Instance: c.Request.URL.Path, Code: code,
		RequestID: c.GetString(requestIDKey),
	}, Report: rep}
	for _, e := range rep.Errors {
		fp := fieldProblem{Field: e.Location, Detail: e.Reason}
		if path, ok := strings.CutPrefix(e.Location, "$."); ok {
			fp.Pointer = pointer(path)
		} else if e.Field != "" {
			fp.Field += ": " + e.Field
		}
		if e.ID != "" {
			fp.Detail += " (" + string(e.Kind) + " " + strconv.Quote(e.ID) + ")"
		}
		p.Errors = append(p.Errors, fp)
	}
	body, mErr := json.Marshal(p)
	if mErr != nil {
		h.writeError(c, mErr)
		return
	}
	c.Data(status, "application/problem+json", body)
	c.Abort()
}
