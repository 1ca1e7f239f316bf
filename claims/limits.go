package claims

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The size limits of a claim's members are declared once, by tags on the
// fields of Claim and of the types it holds:
//
//	maxlen:"MaxTextLen"  a string's length in characters, or each item's of a []string
//	minlen:"1"           the same, at least (1: not empty)
//	maxitems:"MaxPlaces" a list's number of items
//
// Each value is a number or the name of one of this package's limit
// constants. Validate enforces them (checkLimits) and documents that
// describe a claim (the API's OpenAPI document) read them with
// FieldLimits, so a limit cannot be checked in one place and described
// differently in another.

// Limits are the size limits a field declares; zero means none.
type Limits struct {
	MinLen, MaxLen int // in characters: of a string, or of each item of a []string
	MaxItems       int // of a list
}

// limitConstants are the constants a limit tag may name.
var limitConstants = map[string]int{
	"MaxNameLen":  MaxNameLen,
	"MaxTextLen":  MaxTextLen,
	"MaxShortLen": MaxShortLen,
	"MaxPlaces":   MaxPlaces,
	"MaxRelays":   MaxRelays,
}

// FieldLimits returns the limits f's tags declare. It panics on a tag it
// cannot read, or one on a field of a type it does not fit: a programming
// error, caught when the package loads.
func FieldLimits(f reflect.StructField) Limits {
	read := func(tag string) int {
		v, ok := f.Tag.Lookup(tag)
		if !ok {
			return 0
		}
		if n, ok := limitConstants[v]; ok {
			return n
		}
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			panic(fmt.Sprintf("claims: %s's %s tag is %q: give a positive number or the name of a limit constant", f.Name, tag, v))
		}
		return n
	}
	l := Limits{MinLen: read("minlen"), MaxLen: read("maxlen"), MaxItems: read("maxitems")}
	t := f.Type
	text := t.Kind() == reflect.String || (t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String)
	if (l.MinLen > 0 || l.MaxLen > 0) && !text {
		panic(fmt.Sprintf("claims: %s is a %s: minlen and maxlen fit a string or a list of strings", f.Name, t))
	}
	if l.MaxItems > 0 && t.Kind() != reflect.Slice {
		panic(fmt.Sprintf("claims: %s is a %s: maxitems fits a list", f.Name, t))
	}
	if l.MaxLen > 0 && l.MinLen > l.MaxLen {
		panic(fmt.Sprintf("claims: %s's minlen is above its maxlen", f.Name))
	}
	return l
}

// limitCheck is one field that declares limits or holds fields that do.
type limitCheck struct {
	name  string // its member's name
	index []int
	lim   Limits
	sub   []limitCheck // of a struct, a pointer to one, or a list's items
}

// claimLimits are the checks of Claim's limits, found once.
var claimLimits = limitChecks(reflect.TypeFor[Claim]())

// limitChecks walks t's fields as encoding/json does (json tags,
// embedded structs) and returns those with limits, or holding some.
func limitChecks(t reflect.Type) []limitCheck {
	var out []limitCheck
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for _, c := range limitChecks(f.Type) {
				c.index = append([]int{i}, c.index...)
				out = append(out, c)
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		c := limitCheck{name: name, index: []int{i}, lim: FieldLimits(f)}
		switch et := f.Type; {
		case et.Kind() == reflect.Struct:
			c.sub = limitChecks(et)
		case (et.Kind() == reflect.Pointer || et.Kind() == reflect.Slice) && et.Elem().Kind() == reflect.Struct:
			c.sub = limitChecks(et.Elem())
		}
		if c.lim != (Limits{}) || len(c.sub) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// checkLimits reports every field of v (a struct) that breaks its
// declared limits, naming it by its path below prefix ("scope.places[2]").
// It first walks v without building paths (withinLimits), so a valid
// claim costs no allocation.
func checkLimits(p *Problems, v reflect.Value, checks []limitCheck, prefix string) {
	if withinLimits(v, checks) {
		return
	}
	reportLimits(p, v, checks, prefix)
}

// withinLimits reports whether every field of v keeps its limits.
func withinLimits(v reflect.Value, checks []limitCheck) bool {
	for _, c := range checks {
		fv := v.FieldByIndex(c.index)
		switch fv.Kind() {
		case reflect.String:
			if !lenOK(fv.String(), c.lim) {
				return false
			}
		case reflect.Struct:
			if !withinLimits(fv, c.sub) {
				return false
			}
		case reflect.Pointer:
			if !fv.IsNil() && !withinLimits(fv.Elem(), c.sub) {
				return false
			}
		case reflect.Slice:
			if c.lim.MaxItems > 0 && fv.Len() > c.lim.MaxItems {
				return false
			}
			for i := range fv.Len() {
				item := fv.Index(i)
				if item.Kind() == reflect.String {
					if !lenOK(item.String(), c.lim) {
						return false
					}
				} else if len(c.sub) > 0 && !withinLimits(item, c.sub) {
					return false
				}
			}
		}
	}
	return true
}

// lenOK reports whether checkLen finds nothing wrong with s.
func lenOK(s string, l Limits) bool {
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
		return false
	}
	if l.MinLen == 0 && l.MaxLen == 0 {
		return true
	}
	n := utf8.RuneCountInString(s)
	return n >= l.MinLen && (l.MaxLen == 0 || n <= l.MaxLen)
}

// reportLimits is checkLimits' walk that reports.
func reportLimits(p *Problems, v reflect.Value, checks []limitCheck, prefix string) {
	for _, c := range checks {
		fv := v.FieldByIndex(c.index)
		path := prefix + c.name
		switch fv.Kind() {
		case reflect.String:
			checkLen(p, path, fv.String(), c.lim)
		case reflect.Struct:
			reportLimits(p, fv, c.sub, path+".")
		case reflect.Pointer:
			if !fv.IsNil() {
				reportLimits(p, fv.Elem(), c.sub, path+".")
			}
		case reflect.Slice:
			if n := fv.Len(); c.lim.MaxItems > 0 && n > c.lim.MaxItems {
				p.Add(path, "has %d %s, the limit is %d", n, c.name, c.lim.MaxItems)
			}
			for i := range fv.Len() {
				item, ip := fv.Index(i), path+"["+strconv.Itoa(i)+"]"
				if item.Kind() == reflect.String {
					checkLen(p, ip, item.String(), c.lim)
				} else if len(c.sub) > 0 {
					reportLimits(p, item, c.sub, ip+".")
				}
			}
		}
	}
}

// checkLen checks a string against the length limits of its field.
func checkLen(p *Problems, field, s string, l Limits) {
	if l.MinLen > 0 {
		if s == "" {
			p.Add(field, "is empty")
			return
		}
		if n := utf8.RuneCountInString(s); n < l.MinLen {
			p.Add(field, "is %d characters long, the minimum is %d", n, l.MinLen)
			return
		}
	}
	max := l.MaxLen
	if max == 0 {
		max = math.MaxInt
	}
	checkText(p, field, s, max)
}
