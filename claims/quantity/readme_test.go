package quantity

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestREADMEReadings parses every text of the README's table of readings
// and checks the low, high and best it states. A cell that lists values
// with " / " gives one for each text, and then low, high and best are the
// same; "open" and an empty cell are no bound; "refused" is an error.
func TestREADMEReadings(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "| text | low | high | best | why |")
	if start < 0 {
		t.Fatal("README.md has no table of readings")
	}
	rows := 0
	for _, line := range strings.Split(text[start:], "\n")[2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(line, "|")
		if len(cells) < 6 {
			t.Fatalf("README row %q: want 5 cells", line)
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		texts := strings.Split(cells[1], " / ")
		lows := strings.Split(cells[2], " / ")
		for i, in := range texts {
			rows++
			low, high, best := cells[2], cells[3], cells[4]
			if len(lows) == len(texts) && len(texts) > 1 {
				low, high, best = lows[i], lows[i], lows[i]
			} else if len(texts) > 1 && cells[3] == "" && cells[4] == "" {
				high, best = low, low
			}
			if len(texts) == 1 && cells[3] == "" && cells[4] == "" && low != "refused" && !strings.Contains(cells[5], "open") {
				high, best = low, low
			}
			q, err := Parse(in)
			if low == "refused" {
				if err == nil {
					t.Errorf("README: %q reads as %v-%v, the table says refused", in, fmtPtr(q.Low), fmtPtr(q.High))
				}
				continue
			}
			if err != nil {
				t.Errorf("README: %q: %v", in, err)
				continue
			}
			for _, c := range []struct {
				name, cell string
				got        *float64
			}{{"low", low, q.Low}, {"high", high, q.High}, {"best", best, q.Best}} {
				want := readmeValue(t, c.cell)
				if !sameFloat(want, c.got) {
					t.Errorf("README: %q %s is %s, the table says %q", in, c.name, fmtPtr(c.got), c.cell)
				}
			}
		}
	}
	if rows < 30 {
		t.Errorf("README table has %d readings, want a row for each family", rows)
	}
}

func readmeValue(t *testing.T, cell string) *float64 {
	if cell == "" || cell == "open" {
		return nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(cell, ",", ""), 64)
	if err != nil {
		t.Fatalf("README cell %q: %v", cell, err)
	}
	return &v
}
