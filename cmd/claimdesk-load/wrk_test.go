package main

import (
	"slices"
	"testing"
)

// TestServeArgs: the serve child reads back the database and the read
// gate's size its parent started it with (-read-slots, negative
// included), and tells other children's arguments and a bad size apart.
func TestServeArgs(t *testing.T) {
	for _, dsn := range []string{"claims.db", "postgres://claimdesk@db.example:5432/claims?sslmode=disable"} {
		for _, slots := range []int{0, 8, -1} {
			args := serveArgs(dsn, slots)
			gotDSN, gotSlots, ok, err := parseServeArgs(args)
			if !ok || err != nil || gotDSN != dsn || gotSlots != slots {
				t.Errorf("parseServeArgs(%q) = %q, %d, %v, %v; want %q, %d, true, nil", args, gotDSN, gotSlots, ok, err, dsn, slots)
			}
		}
	}
	if want := []string{"child", "serve", "claims.db", "-1"}; !slices.Equal(serveArgs("claims.db", -1), want) {
		t.Errorf("serveArgs(claims.db, -1) = %q, want %q", serveArgs("claims.db", -1), want)
	}
	for _, args := range [][]string{
		{"child", "import", "claims.db", "claims.ndjson"},
		{"child", "serve", "claims.db"},
		{"-wrk-db", "claims.db"},
		{},
	} {
		if _, _, ok, _ := parseServeArgs(args); ok {
			t.Errorf("parseServeArgs(%q) starts the serve child, want not", args)
		}
	}
	if _, _, ok, err := parseServeArgs([]string{"child", "serve", "claims.db", "four"}); !ok || err == nil {
		t.Errorf("parseServeArgs with a read gate of \"four\" = %v, %v; want true and an error", ok, err)
	}
}

// TestReadGateNote: the table's header says the read gate the API was
// served with, and where its size came from.
func TestReadGateNote(t *testing.T) {
	for _, c := range []struct {
		slots, conns int
		want         string
	}{
		{0, 5, "read gate of 5 slots (the store's read connections)"},
		{8, 5, "read gate of 8 slots (-read-slots 8)"},
		{-1, 5, "no read gate (-read-slots -1)"},
		{0, 0, "no read gate (the store does not say its read connections)"},
	} {
		if got := readGateNote(c.slots, c.conns); got != c.want {
			t.Errorf("readGateNote(%d, %d) = %q, want %q", c.slots, c.conns, got, c.want)
		}
	}
}
