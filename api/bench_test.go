package api

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

const benchClaim = `{"topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"40","quote":"several dozen Russians",
	"said_on":"2015-10","grade":"fair","rank":"preferred","tags":["official","isis"],"scope":{"places":["Syria","Iraq"],"population":"Russian nationals"},
	"analyst_interval":{"low":24,"high":60,"best":36},"provenance":{"source_id":"s-tass","relays":[{"source_id":"s-indy","url":"https://example.org/a"}]}}`

// BenchmarkDecodeClaim measures the strict decoding of a claim body
// (syntax, exact member names, types with paths) against plain
// encoding/json with DisallowUnknownFields, its baseline.
func BenchmarkDecodeClaim(b *testing.B) {
	r := &resource[claims.Claim]{kind: "claim", readOnly: metaFields}
	b.Run("baseline=encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			dec := json.NewDecoder(strings.NewReader(benchClaim))
			dec.DisallowUnknownFields()
			var c claims.Claim
			if err := dec.Decode(&c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("strict", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v, err := readJSON(strings.NewReader(benchClaim), DefaultMaxBodyBytes)
			if err == nil {
				_, err = r.decode(v, true)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGetClaim measures GET /api/v1/claims/:id through the whole
// handler (no request log, as claimdesk-load's server child) against two
// ceilings in the same run, as claimdesk-load -wrk measures it: a gin
// handler doing the same primary-key read with database/sql on the same
// SQLite file (a prepared statement scanned into a struct, the JSON
// columns passed through, the store's pool size), and a bare gin handler
// encoding the claim's JSON from memory; and the store's FindClaim with
// json.Marshal.
func BenchmarkGetClaim(b *testing.B) {
	dsn := filepath.Join(b.TempDir(), "claimdesk.db")
	s := storetest.Open(b, dsn)
	e := newEnv(b, s, nil)
	for _, p := range []struct{ path, body string }{
		{"/api/v1/topics", `{"id":"t-ru","title":"Russians with IS"}`},
		{"/api/v1/sources", `{"id":"s-tass","name":"TASS"}`},
		{"/api/v1/sources", `{"id":"s-indy","name":"The Independent"}`},
		{"/api/v1/claimants", `{"id":"c-bogdanov","name":"Mikhail Bogdanov"}`},
		{"/api/v1/claims", strings.Replace(benchClaim, "{", `{"id":"cl-1",`, 1)},
	} {
		if rec := e.do(b, request{method: "POST", path: p.path, body: p.body}); rec.Code != 201 {
			b.Fatalf("seed %s: %d %s", p.path, rec.Code, rec.Body)
		}
	}
	gin.SetMode(gin.ReleaseMode)
	h := NewHandler(Options{Store: s})
	serve := func(b *testing.B, h http.Handler, path string) {
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			if rec.Code != 200 {
				b.Fatal(rec.Code, rec.Body)
			}
		}
	}
	b.Run("ceiling=database_sql", func(b *testing.B) {
		serve(b, sqlCeiling(b, dsn), "/ceiling/sql/claims/cl-1")
	})
	b.Run("ceiling=memory", func(b *testing.B) {
		var v any
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/claims/cl-1", nil))
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			b.Fatal(err)
		}
		g := gin.New()
		g.GET("/ceiling/mem", func(c *gin.Context) { c.JSON(http.StatusOK, v) })
		serve(b, g, "/ceiling/mem")
	})
	b.Run("store+marshal", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		for b.Loop() {
			c, err := s.FindClaim(context.Background(), "cl-1")
			if err != nil {
				b.Fatal(err)
			}
			buf.Reset()
			if err := json.NewEncoder(&buf).Encode(c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("handler", func(b *testing.B) { serve(b, h, "/api/v1/claims/cl-1") })
}

// sqlCeiling is claimdesk-load's database/sql ceiling for reading a claim
// (cmd/claimdesk-load/wrk.go), on the SQLite file dsn.
func sqlCeiling(b *testing.B, dsn string) http.Handler {
	raw, err := sql.Open("sqlite3", "file:"+dsn+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close() })
	raw.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	raw.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)))
	st, err := raw.Prepare(`SELECT id, created_at, updated_at, version, topic_id, claimant_id, source_id, quote,
	quantity_text, language, original_text, original_language, no_number, parsed, analyst_interval,
	interval_source, parser_version, unit, low, high, best, places, population, group_name, measure, url,
	archive_url, relays, occasion, said_on, published_on, as_of, since, evidence_type, grade, rank, notes,
	tags, basis FROM claims WHERE id = ?`)
	if err != nil {
		b.Fatal(err)
	}
	type row struct {
		ID                                                              string          `json:"id"`
		CreatedAt                                                       time.Time       `json:"created_at"`
		UpdatedAt                                                       time.Time       `json:"updated_at"`
		Version                                                         int             `json:"version"`
		TopicID                                                         string          `json:"topic_id"`
		ClaimantID                                                      string          `json:"claimant_id"`
		SourceID                                                        string          `json:"source_id"`
		Quote                                                           string          `json:"quote"`
		QuantityText                                                    string          `json:"quantity_text"`
		Language                                                        string          `json:"language"`
		OriginalText                                                    string          `json:"original_text"`
		OriginalLanguage                                                string          `json:"original_language"`
		NoNumber                                                        bool            `json:"no_number"`
		Parsed                                                          json.RawMessage `json:"parsed"`
		AnalystInterval, IntervalSource, ParserVersion, Unit            string
		Low, High, Best                                                 *float64
		Places                                                          json.RawMessage `json:"places"`
		Population, GroupName, Measure, URL, ArchiveURL                 string
		Relays                                                          json.RawMessage `json:"relays"`
		Occasion, SaidOn, PublishedOn, AsOf, Since, EvidenceType, Grade string
		Rank, Notes                                                     string
		Tags                                                            json.RawMessage `json:"tags"`
		Basis                                                           string
	}
	rawJSON := func(s string) json.RawMessage {
		if s == "" {
			return json.RawMessage("null")
		}
		return json.RawMessage(s)
	}
	g := gin.New()
	g.GET("/ceiling/sql/claims/:id", func(c *gin.Context) {
		var r row
		var parsed, places, relays, tags string
		err := st.QueryRowContext(c.Request.Context(), c.Param("id")).Scan(&r.ID, &r.CreatedAt, &r.UpdatedAt, &r.Version,
			&r.TopicID, &r.ClaimantID, &r.SourceID, &r.Quote, &r.QuantityText, &r.Language, &r.OriginalText,
			&r.OriginalLanguage, &r.NoNumber, &parsed, &r.AnalystInterval, &r.IntervalSource, &r.ParserVersion,
			&r.Unit, &r.Low, &r.High, &r.Best, &places, &r.Population, &r.GroupName, &r.Measure, &r.URL,
			&r.ArchiveURL, &relays, &r.Occasion, &r.SaidOn, &r.PublishedOn, &r.AsOf, &r.Since, &r.EvidenceType,
			&r.Grade, &r.Rank, &r.Notes, &tags, &r.Basis)
		if err != nil {
			c.String(http.StatusInternalServerError, err.Error())
			return
		}
		r.Parsed, r.Places, r.Relays, r.Tags = rawJSON(parsed), rawJSON(places), rawJSON(relays), rawJSON(tags)
		c.JSON(http.StatusOK, &r)
	})
	return g
}
