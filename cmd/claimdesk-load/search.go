package main

// The search benchmarks (part of -compare): full-text search, facets, a
// filtered listing and reading one claim, each timed through the real
// handler against a ceiling measured in the same run: a minimal gin
// handler that encodes the same JSON from memory, so that the ratio is the
// share of the time that is the endpoint's own work (reading, searching,
// counting) rather than answering.

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"

	"github.com/gin-gonic/gin"
)

// searchCase is one measured request.
type searchCase struct {
	name, url string
}

// searchCases picks realistic requests from the database at path: a word of
// a quote, a claimant's surname, a filtered listing and a claim's ID.
func searchCases(raw *sql.DB, largest string) ([]searchCase, error) {
	var quote, name, claimID, grade string
	if err := raw.QueryRow(`SELECT id, quote, grade FROM claims WHERE quote <> '' ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 3 FROM claims)`).Scan(&claimID, &quote, &grade); err != nil {
		return nil, fmt.Errorf("pick a claim: %w", err)
	}
	if err := raw.QueryRow(`SELECT name FROM claimants ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM claimants)`).Scan(&name); err != nil {
		return nil, fmt.Errorf("pick a claimant: %w", err)
	}
	word := longestWord(quote)
	surname := longestWord(name)
	return []searchCase{
		{"read a claim", "/api/v1/claims/" + claimID},
		{"list, filtered (topic, grade), 50", "/api/v1/claims?limit=50&topic_id=" + url.QueryEscape(largest) + "&grade=" + grade},
		{"search a claimant's name (" + surname + ")", "/api/v1/search?limit=20&q=" + url.QueryEscape(surname)},
		{"search a quote's word (" + word + ")", "/api/v1/search?limit=20&q=" + url.QueryEscape(word)},
		{"search " + word + " in the largest topic", "/api/v1/search?limit=20&q=" + url.QueryEscape(word) + "&topic_id=" + url.QueryEscape(largest)},
		{"search " + surname + " with facets", "/api/v1/search?limit=20&facets=true&q=" + url.QueryEscape(surname)},
		{"facets of the largest topic", "/api/v1/claims?limit=1&facets=true&topic_id=" + url.QueryEscape(largest)},
	}, nil
}

func longestWord(s string) string {
	best := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 'а' && r <= 'я' || r >= 'А' && r <= 'Я')
	}) {
		if len([]rune(w)) > len([]rune(best)) {
			best = w
		}
	}
	return best
}

// ceilingOf returns a gin engine answering every path with the JSON of
// body, decoded once and encoded again for each request, as a handler
// that had the record in memory would.
func ceilingOf(body []byte) (http.Handler, error) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, err
	}
	e := gin.New()
	e.NoRoute(func(c *gin.Context) { c.JSON(http.StatusOK, v) })
	return e, nil
}

// timeSearch times each case and its ceiling, interleaved, and prints the
// figures and the ratios.
func timeSearch(h http.Handler, cases []searchCase, n int) error {
	fmt.Printf("  search, facets, listing and reading, %d requests each, against a gin handler encoding the same JSON from memory\n", n)
	for _, c := range cases {
		req := httptest.NewRequest(http.MethodGet, c.url, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return fmt.Errorf("GET %s: %d %s", c.url, rec.Code, rec.Body.String())
		}
		body := rec.Body.Bytes()
		ceiling, err := ceilingOf(body)
		if err != nil {
			return err
		}
		et, ct, err := timeAlternating(h, ceiling, c.url, n)
		if err != nil {
			return err
		}
		em, ep := stats(et)
		cm, cp := stats(ct)
		// CPU time, which a loaded machine inflates less than wall time:
		// the process's user and system time over n requests in a row.
		ecpu, err := cpuPerRequest(h, c.url, n)
		if err != nil {
			return err
		}
		ccpu, err := cpuPerRequest(ceiling, c.url, n)
		if err != nil {
			return err
		}
		fmt.Printf("    %-46s %7d B  median %7.2f ms (%5.3fx ceiling %.3f ms), p95 %7.2f ms (%5.3fx); CPU %.3f ms (%5.3fx ceiling %.3f ms); load %s\n",
			c.name, len(body), em, cm/em, cm, ep, cp/ep, ecpu, ccpu/ecpu, ccpu, loadAvg())
	}
	return nil
}

// cpuPerRequest serves n requests to url through h, one at a time, and
// returns the CPU time (user and system) this process spent a request, in
// ms.
func cpuPerRequest(h http.Handler, url string, n int) (float64, error) {
	cpu := func() float64 {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
	}
	start := cpu()
	for range n {
		if _, err := get(h, url); err != nil {
			return 0, err
		}
	}
	return (cpu() - start) / float64(n), nil
}
