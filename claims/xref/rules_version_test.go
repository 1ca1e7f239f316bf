package xref_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// builtinTables are the built-in gazetteer's fingerprints by the
// RulesVersion they were released under. A change of the tables needs a
// new RulesVersion (stored summaries are recomputed under it) and its
// fingerprint here.
var builtinTables = map[int]string{
	1: "7cd56c77b77f0b0255212324cc5c7be35fbd513e51ee62c38b39e632d06f4aaf",
}

// TestRulesVersionPinsGazetteer: the built-in gazetteer's tables are the
// ones RulesVersion was given for, so that a database's summaries
// computed under the old tables are recomputed after an upgrade.
func TestRulesVersionPinsGazetteer(t *testing.T) {
	got := gazetteer.BuiltinFingerprint()
	if want := builtinTables[xref.RulesVersion]; got != want {
		t.Errorf("the built-in gazetteer's tables are %s, but xref.RulesVersion %d was given for %q: "+
			"a change of the tables needs the next RulesVersion, with this fingerprint in builtinTables",
			got, xref.RulesVersion, want)
	}
	for v, fp := range builtinTables {
		if v != xref.RulesVersion && fp == got {
			t.Errorf("RulesVersion %d had the same tables as %d: a version is given for a change", v, xref.RulesVersion)
		}
	}
}
