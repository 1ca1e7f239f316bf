package main

import (
	"fmt"
	"strings"
)

// table collects one database's figures and prints them as a markdown
// table to paste into the README: each figure beside its ceiling from the
// same run, the ratio, and the load average while it was measured.
type table struct {
	title string
	rows  [][5]string
}

func (t *table) add(what, figure, ceiling, ratio, load string) {
	t.rows = append(t.rows, [5]string{what, figure, ceiling, ratio, load})
}

func (t *table) print() {
	fmt.Printf("\n%s\n\n", t.title)
	fmt.Println("| measure | claimdesk | ceiling, same run | ratio | load average |")
	fmt.Println("|---|---|---|---|---|")
	for _, r := range t.rows {
		fmt.Printf("| %s |\n", strings.Join(r[:], " | "))
	}
}

// ratio formats a/b, or "—" when b is zero.
func ratio(a, b float64) string {
	if b == 0 || a == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

// thousands formats v with thousands separators, rounded.
func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
