package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

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
// handler against its baseline: the store's FindClaim and json.Marshal.
func BenchmarkGetClaim(b *testing.B) {
	s := storetest.SQLite(b)
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
	b.Run("baseline=store+marshal", func(b *testing.B) {
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
	b.Run("handler", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			e.h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/claims/cl-1", nil))
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}
