package claims

import (
	"strconv"
	"strings"
	"unicode"
)

// Topic is a question being tracked, such as "Russian nationals fighting
// with Islamic State": what is counted (Measure) in which Unit, and
// optionally the broader topic it is part of (Chechens within Russians
// within all foreign fighters).
type Topic struct {
	Meta
	Title       string `json:"title"`
	Description string `json:"description"`
	Measure     string `json:"measure"` // what is counted: "people fighting with IS"
	Unit        string `json:"unit"`    // "people", "USD", "percent"
	// Additive is true when counts add up across places and groups (people,
	// money), so a count for Syria cannot exceed one for Syria and Iraq.
	// Percentages and rates are not additive.
	Additive bool `json:"additive"`
	// ParentID names the broader topic whose population includes this one's.
	ParentID string `json:"parent_id,omitempty"`
	// WindowDays is how far apart, in days, two claims' reference dates may
	// be before they are read as a change over time rather than a conflict.
	// Zero means DefaultWindowDays.
	WindowDays int      `json:"window_days"`
	Tags       []string `json:"tags"`
	// WikidataID names the Wikidata item the topic's figures are about
	// ("Q123"), the subject of the QuickStatements export; empty when the
	// analyst has named none.
	WikidataID string `json:"wikidata_id"`
	// Places is where the topic's counts are, by name ("Syria", "Iraq"):
	// a claim that gives no place takes these. Empty means unstated, and
	// then a claim without places is "place unspecified", never compared.
	Places []string `json:"places"`
	// Populations is an optional tree of who may be counted: each
	// population is broader or narrower than others ("Chechens" within
	// "Russian nationals"; "deployed" within "trained" within
	// "recruited"). A claim's scope.population and scope.group name one of
	// them (or one of its aliases) or are free text.
	Populations []Population `json:"populations"`
}

// Population is one node of a topic's population tree.
type Population struct {
	Name string `json:"name"`
	// Broader names the population this one lies within; empty for a
	// root.
	Broader string   `json:"broader,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
}

// MaxPopulations caps a topic's population tree.
const MaxPopulations = 200

// DefaultWindowDays is the comparison window of a topic that sets none.
const DefaultWindowDays = 180

// Window returns the topic's comparison window in days.
func (t *Topic) Window() int {
	if t.WindowDays > 0 {
		return t.WindowDays
	}
	return DefaultWindowDays
}

// Normalize trims the topic's text fields and fills defaults.
func (t *Topic) Normalize() {
	t.Title = strings.TrimSpace(t.Title)
	t.Measure = strings.TrimSpace(t.Measure)
	t.Unit = strings.TrimSpace(t.Unit)
	t.Tags = normTags(t.Tags)
	t.WikidataID = strings.ToUpper(strings.TrimSpace(t.WikidataID))
	if t.Unit == "" {
		t.Unit = "people"
	}
	if t.Places == nil {
		t.Places = []string{}
	}
	for i, pl := range t.Places {
		t.Places[i] = strings.TrimSpace(pl)
	}
	if t.Populations == nil {
		t.Populations = []Population{}
	}
	for i := range t.Populations {
		p := &t.Populations[i]
		p.Name, p.Broader = strings.TrimSpace(p.Name), strings.TrimSpace(p.Broader)
		for j, a := range p.Aliases {
			p.Aliases[j] = strings.TrimSpace(a)
		}
	}
}

// FoldName folds a population or place name for comparison: lower case,
// inner spaces collapsed.
func FoldName(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// Validate reports every field of t that breaks a rule. It does not check
// that ParentID exists: the store does.
func (t *Topic) Validate() error {
	var p Problems
	checkID(&p, "id", t.ID)
	checkRequired(&p, "title", t.Title, MaxNameLen)
	checkText(&p, "description", t.Description, MaxTextLen)
	checkText(&p, "measure", t.Measure, MaxNameLen)
	checkRequired(&p, "unit", t.Unit, MaxShortLen)
	checkID(&p, "parent_id", t.ParentID)
	if t.ParentID != "" && t.ParentID == t.ID {
		p.Add("parent_id", "a topic cannot be part of itself")
	}
	if t.WindowDays < 0 || t.WindowDays > 36600 {
		p.Add("window_days", "must be between 0 and 36600 days")
	}
	checkTags(&p, "tags", t.Tags)
	if t.WikidataID != "" && !ValidWikidataItem(t.WikidataID) {
		p.Add("wikidata_id", "must be a Wikidata item ID: Q followed by its number, such as Q42")
	}
	if len(t.Places) > MaxPlaces {
		p.Add("places", "has %d places, the limit is %d", len(t.Places), MaxPlaces)
	}
	for i, pl := range t.Places {
		f := "places[" + strconv.Itoa(i) + "]"
		if pl == "" {
			p.Add(f, "is empty")
		} else {
			checkText(&p, f, pl, MaxShortLen)
		}
	}
	checkPopulations(&p, t.Populations)
	return p.Err("topic")
}

// ValidWikidataItem reports whether s is a Wikidata item ID: Q followed by
// a number without leading zeros, at most 12 digits.
func ValidWikidataItem(s string) bool {
	if len(s) < 2 || len(s) > 13 || s[0] != 'Q' || s[1] == '0' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Slug is the readable name of a topic in URLs: the title in lower case,
// each run of characters other than letters and digits turned into one
// hyphen, with none at either end. "Russians fighting with IS (2015)"
// becomes "russians-fighting-with-is-2015". The frontend computes the same.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// checkPopulations checks that the tree's names are unique, that each
// broader population exists and that no population lies within itself.
func checkPopulations(p *Problems, ps []Population) {
	if len(ps) > MaxPopulations {
		p.Add("populations", "has %d populations, the limit is %d", len(ps), MaxPopulations)
		return
	}
	byName := map[string]int{}
	for i, n := range ps {
		f := "populations[" + strconv.Itoa(i) + "]"
		checkRequired(p, f+".name", n.Name, MaxNameLen)
		for _, name := range append([]string{n.Name}, n.Aliases...) {
			k := FoldName(name)
			if k == "" {
				continue
			}
			if j, ok := byName[k]; ok && j != i {
				p.Add(f+".name", "%q already names populations[%d]", name, j)
			}
			byName[k] = i
		}
	}
	for i, n := range ps {
		if n.Broader == "" {
			continue
		}
		f := "populations[" + strconv.Itoa(i) + "].broader"
		j, ok := byName[FoldName(n.Broader)]
		if !ok {
			p.Add(f, "%q is not a population of the topic", n.Broader)
			continue
		}
		// Follow the chain up: it must end at a root, not come back.
		seen := map[int]bool{i: true}
		for ok && ps[j].Broader != "" {
			if seen[j] {
				p.Add(f, "makes a cycle: a population cannot lie within itself")
				break
			}
			seen[j] = true
			j, ok = byName[FoldName(ps[j].Broader)]
		}
	}
}
