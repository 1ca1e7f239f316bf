package quantity

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

//go:embed lexicon.json
var lexiconJSON []byte

// Meaning is what one vague word or hedge means.
//
// For a vague entry Low, High and Best are counts; for a multiplier entry
// ("a few", "several") they are multiples of the unit that follows ("a few
// dozen" = 2 to 5 dozen) and plain counts when nothing follows. For a hedge
// they are fractions of the stated figure ("about" = 0.9 to 1.1).
type Meaning struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Best is the central estimate; nil means the reading has none.
	Best *float64 `json:"best,omitempty"`
	// LowExclusive and HighExclusive make a bound open: for a whole count
	// it moves one unit inwards ("dozens" below 100 = at most 99).
	LowExclusive  bool `json:"low_exclusive,omitempty"`
	HighExclusive bool `json:"high_exclusive,omitempty"`
	// OpenHigh makes a hedge a lower bound with no ceiling ("upwards of
	// 400"): High is then ignored and the reading has no Best.
	OpenHigh bool `json:"open_high,omitempty"`
	// Why is the reasoning behind the interval, shown to analysts.
	Why string `json:"why"`
}

// Calibration overrides the meaning of vague words and hedges. Keys are
// the entry names of the built-in table (see the package documentation);
// an entry replaces the built-in meaning whole. Entries left out keep the
// built-in meaning.
type Calibration struct {
	Vague  map[string]Meaning `json:"vague,omitempty"`
	Hedges map[string]Meaning `json:"hedges,omitempty"`
}

// lexiconEntry is one vague entry of lexicon.json.
type lexiconEntry struct {
	As string   `json:"as"` // "multiplier" or "plural"
	En []string `json:"en"`
	Ru []string `json:"ru"`
	Meaning
}

type lexiconFile struct {
	Vague  map[string]lexiconEntry `json:"vague"`
	Hedges map[string]Meaning      `json:"hedges"`
}

var builtin = mustLoadLexicon()

func mustLoadLexicon() lexiconFile {
	var f lexiconFile
	d := json.NewDecoder(bytes.NewReader(lexiconJSON))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		panic("quantity: lexicon.json: " + err.Error())
	}
	for _, k := range sortedKeys(f.Vague) {
		e := f.Vague[k]
		if e.As != "multiplier" && e.As != "plural" {
			panic(fmt.Sprintf("quantity: lexicon.json: vague %q: as must be multiplier or plural", k))
		}
		if err := e.Meaning.check(false, ""); err != nil {
			panic(fmt.Sprintf("quantity: lexicon.json: vague %q: %v", k, err))
		}
	}
	for _, k := range sortedKeys(f.Hedges) {
		if err := f.Hedges[k].check(true, k); err != nil {
			panic(fmt.Sprintf("quantity: lexicon.json: hedge %q: %v", k, err))
		}
	}
	return f
}

// DefaultCalibration returns the built-in meanings, the table documented in
// the package doc. It is a starting point for a deployment's own file.
func DefaultCalibration() Calibration {
	c := Calibration{Vague: map[string]Meaning{}, Hedges: map[string]Meaning{}}
	for k, e := range builtin.Vague {
		c.Vague[k] = e.Meaning
	}
	for k, m := range builtin.Hedges {
		c.Hedges[k] = m
	}
	return c
}

// calibrationEntry is an entry as a calibration file states it: pointers
// tell a missing field from a zero.
type calibrationEntry struct {
	Low           *float64 `json:"low"`
	High          *float64 `json:"high"`
	Best          *float64 `json:"best"`
	LowExclusive  bool     `json:"low_exclusive"`
	HighExclusive bool     `json:"high_exclusive"`
	OpenHigh      bool     `json:"open_high"`
	Why           string   `json:"why"`
}

// LoadCalibration reads a calibration file:
//
//	{"vague":  {"few": {"low": 3, "high": 5, "best": 4, "why": "…"}},
//	 "hedges": {"about": {"low": 0.85, "high": 1.15, "best": 1, "why": "…"}}}
//
// It rejects unknown fields and entry names, missing low or high, and
// intervals that do not hold together; the error names the entry at fault.
func LoadCalibration(r io.Reader) (Calibration, error) {
	var raw struct {
		Vague  map[string]json.RawMessage `json:"vague"`
		Hedges map[string]json.RawMessage `json:"hedges"`
	}
	d := json.NewDecoder(r)
	d.DisallowUnknownFields()
	if err := d.Decode(&raw); err != nil {
		return Calibration{}, fmt.Errorf("quantity: calibration: %w", err)
	}
	c := Calibration{Vague: map[string]Meaning{}, Hedges: map[string]Meaning{}}
	for _, sec := range []struct {
		name    string
		entries map[string]json.RawMessage
		out     map[string]Meaning
		hedge   bool
	}{{"vague", raw.Vague, c.Vague, false}, {"hedges", raw.Hedges, c.Hedges, true}} {
		for _, k := range sortedKeys(sec.entries) {
			m, err := decodeEntry(sec.entries[k])
			if err == nil {
				err = m.check(sec.hedge, k)
			}
			if err != nil {
				return Calibration{}, fmt.Errorf("quantity: calibration: %s %q: %w", sec.name, k, err)
			}
			sec.out[k] = m
		}
	}
	if err := c.Validate(); err != nil {
		return Calibration{}, err
	}
	return c, nil
}

func decodeEntry(b json.RawMessage) (Meaning, error) {
	var e calibrationEntry
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&e); err != nil {
		return Meaning{}, err
	}
	if e.Low == nil || e.High == nil {
		return Meaning{}, errors.New("low and high are required")
	}
	m := Meaning{Low: *e.Low, High: *e.High, Best: e.Best, LowExclusive: e.LowExclusive, HighExclusive: e.HighExclusive, OpenHigh: e.OpenHigh, Why: e.Why}
	if m.Why == "" {
		m.Why = "set by the deployment's calibration file"
	}
	return m, nil
}

// Validate reports the first entry that is unknown or whose interval does
// not hold together. New panics on a calibration that fails it.
func (c Calibration) Validate() error {
	for _, k := range sortedKeys(c.Vague) {
		if _, ok := builtin.Vague[k]; !ok {
			return fmt.Errorf("quantity: calibration: vague %q: unknown entry (known: %v)", k, sortedKeys(builtin.Vague))
		}
		if err := c.Vague[k].check(false, k); err != nil {
			return fmt.Errorf("quantity: calibration: vague %q: %w", k, err)
		}
	}
	for _, k := range sortedKeys(c.Hedges) {
		if _, ok := builtin.Hedges[k]; !ok {
			return fmt.Errorf("quantity: calibration: hedges %q: unknown entry (known: %v)", k, sortedKeys(builtin.Hedges))
		}
		if err := c.Hedges[k].check(true, k); err != nil {
			return fmt.Errorf("quantity: calibration: hedges %q: %w", k, err)
		}
	}
	return nil
}

func (m Meaning) check(hedge bool, key string) error {
	for _, v := range []float64{m.Low, m.High} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("low and high must be finite and not negative")
		}
	}
	if m.Low > m.High {
		return fmt.Errorf("low (%g) is greater than high (%g)", m.Low, m.High)
	}
	if m.Best != nil && (math.IsNaN(*m.Best) || *m.Best < m.Low || *m.Best > m.High) {
		return fmt.Errorf("best (%g) lies outside low-high (%g-%g)", *m.Best, m.Low, m.High)
	}
	if !hedge {
		if m.Low == 0 {
			return errors.New("low must be above zero")
		}
		if m.OpenHigh {
			return errors.New("open_high is for hedges only")
		}
		return nil
	}
	if m.OpenHigh != (key == "upwards_of" || key == "north_of" || key == "bolee_chem") {
		return fmt.Errorf("open_high must be set for upwards_of, north_of and bolee_chem, and only for them")
	}
	switch key {
	case "upwards_of", "north_of", "bolee_chem":
		if m.Low < 1 || m.Best != nil {
			return fmt.Errorf("low (%g) must be at least 1, the stated figure, and there is no best", m.Low)
		}
	case "about", "in_the_region_of", "okolo", "poryadka":
		if m.Low > 1 || m.High < 1 {
			return fmt.Errorf("low-high (%g-%g) must contain 1, the stated figure", m.Low, m.High)
		}
	case "nearly", "just_under", "close_to", "just_shy_of", "pochti", "bez_malogo":
		if m.High > 1 || m.Low == 0 {
			return fmt.Errorf("low-high (%g-%g) must lie at or below 1, the stated figure, and above 0", m.Low, m.High)
		}
	case "just_over":
		if m.Low < 1 {
			return fmt.Errorf("low (%g) must be at least 1, the stated figure", m.Low)
		}
	}
	return nil
}

// hash identifies a calibration for Parser.Version.
func (c Calibration) hash() string {
	b, err := json.Marshal(c) // map keys are sorted, so the bytes are stable
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:4])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
