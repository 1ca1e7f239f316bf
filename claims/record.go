package claims

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Meta holds what every stored record carries: its public ID, timestamps
// and a version that increases by one on every update, used for optimistic
// concurrency (ETag and If-Match in the API).
type Meta struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int       `json:"version"`
}

// Length limits, in characters, for the text fields of records.
const (
	MaxNameLen  = 300
	MaxTextLen  = 20000
	MaxTags     = 50
	MaxTagLen   = 64
	MaxURLLen   = 2048
	MaxPlaces   = 50
	MaxRelays   = 50
	MaxShortLen = 100
)

func checkID(p *Problems, field, id string) {
	if id != "" && !ValidID(id) {
		p.Add(field, "must be 1 to 64 letters, digits, '-' or '_'")
	}
}

func checkRequired(p *Problems, field, s string, max int) {
	if strings.TrimSpace(s) == "" {
		p.Add(field, "is required")
		return
	}
	checkText(p, field, s, max)
}

func checkText(p *Problems, field, s string, max int) {
	if !utf8.ValidString(s) {
		p.Add(field, "is not valid UTF-8")
		return
	}
	if strings.ContainsRune(s, 0) {
		p.Add(field, "contains a NUL character")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		p.Add(field, "is %d characters long, the limit is %d", n, max)
	}
}

func checkURL(p *Problems, field, s string) {
	if s == "" {
		return
	}
	if len(s) > MaxURLLen {
		p.Add(field, "is longer than %d bytes", MaxURLLen)
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Add(field, "must be an absolute http or https URL")
	}
}

func checkDate(p *Problems, field string, d Date) {
	if _, err := ParseDate(string(d)); err != nil {
		p.Add(field, "%v", err)
	}
}

func checkTags(p *Problems, field string, tags []string) {
	if len(tags) > MaxTags {
		p.Add(field, "has %d tags, the limit is %d", len(tags), MaxTags)
		return
	}
	seen := make(map[string]bool, len(tags))
	for i, t := range tags {
		f := field + "[" + strconv.Itoa(i) + "]"
		switch {
		case strings.TrimSpace(t) == "":
			p.Add(f, "is empty")
		case utf8.RuneCountInString(t) > MaxTagLen:
			p.Add(f, "is longer than %d characters", MaxTagLen)
		case seen[t]:
			p.Add(f, "repeats %q", t)
		}
		seen[t] = true
	}
}

func checkEnum[T ~string](p *Problems, field string, v T, allowed ...T) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	p.Add(field, "must be one of %s, not %q", strings.Join(names, ", "), string(v))
}

// normTags trims the tags and drops empty ones, keeping their order. It
// never returns nil, so records always carry a list.
func normTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
