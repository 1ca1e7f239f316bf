package gormstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

// memClaims serves claims from memory and hides the store's raw path, so
// that a benchmark of the CSV export measures the encoder, not the
// database.
type memClaims struct {
	exchange.Store
	cs []*claims.Claim
}

func (m memClaims) EachClaim(_ context.Context, _ exchange.Filter, fn func(*claims.Claim) error) error {
	for _, c := range m.cs {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// deepCopy copies v and every slice it holds, whatever exchange.RawClaim's
// shape, so the claims EachRawClaim hands over outlive its callback.
func deepCopy(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeSlice(v.Type(), v.Len(), v.Len()))
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
	case reflect.Struct:
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
	default:
		out.Set(v)
	}
	return out
}

// BenchmarkEncodeClaims measures the encoders alone, on 20,000 claims
// read into memory first: AppendClaimJSON on the raw claims, the
// reference (encoding/json without HTML escaping, as the slow export path
// writes) on the claims, and the CSV export of the claims. Each reports
// wall and CPU time per claim; on a loaded machine compare cpu-ns/claim.
func BenchmarkEncodeClaims(b *testing.B) {
	const n = 20000
	s := benchImported(b, n)
	ctx := context.Background()
	var raws []*exchange.RawClaim
	if err := s.EachRawClaim(ctx, exchange.Filter{}, func(r *exchange.RawClaim) error {
		c := deepCopy(reflect.ValueOf(r).Elem()).Addr().Interface().(*exchange.RawClaim)
		raws = append(raws, c)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	var cs []*claims.Claim
	if err := s.EachClaim(ctx, exchange.Filter{}, func(c *claims.Claim) error { cs = append(cs, c); return nil }); err != nil {
		b.Fatal(err)
	}
	// The raw claims encode to what encoding/json writes.
	var fast, ref bytes.Buffer
	enc := json.NewEncoder(&ref)
	enc.SetEscapeHTML(false)
	for i := range raws {
		out, err := exchange.AppendClaimJSON(nil, raws[i])
		if err != nil {
			b.Fatal(err)
		}
		fast.Write(append(out, '\n'))
		if err := enc.Encode(cs[i]); err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.Equal(fast.Bytes(), ref.Bytes()) {
		b.Fatal("AppendClaimJSON differs from encoding/json")
	}
	b.Run("append", func(b *testing.B) {
		cpu := cpuTime(b)
		buf := make([]byte, 0, 4<<10)
		for b.Loop() {
			for _, r := range raws {
				var err error
				if buf, err = exchange.AppendClaimJSON(buf[:0], r); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportPerClaim(b, n, cpu)
	})
	b.Run("encoding-json", func(b *testing.B) {
		cpu := cpuTime(b)
		enc := json.NewEncoder(io.Discard)
		enc.SetEscapeHTML(false)
		for b.Loop() {
			for _, c := range cs {
				if err := enc.Encode(c); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportPerClaim(b, n, cpu)
	})
	b.Run("csv", func(b *testing.B) {
		m := memClaims{s, cs}
		cpu := cpuTime(b)
		for b.Loop() {
			if err := exchange.Export(ctx, m, io.Discard, exchange.CSV, exchange.Filter{}, exchange.ExportOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		reportPerClaim(b, n, cpu)
	})
}

// reportPerClaim reports the wall time per claim, and the CPU time per
// claim since cpu (a cpuTime reading taken before the loop): on a shared
// machine the wall time also counts the time others held the processors,
// the CPU time only this process's work, its garbage collection included
// (see cpuTime).
func reportPerClaim(b *testing.B, n int, cpu time.Duration) {
	used := cpuTime(b) - cpu
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/claim")
	b.ReportMetric(float64(used.Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/claim")
}
