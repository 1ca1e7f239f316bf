package xref_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// builtinTables are the built-in gazetteer's fingerprints by the
// RulesVersion they were released under. A change of the built-in places
// needs a new RulesVersion and its fingerprint here; so does a change of
// the cross-referencing rules (the fingerprint then repeats the last).
var builtinTables = map[int]string{
	1: "f86caa7cac71839b8bac30b6fc4946a457d03476245daaa2aca7d6f416cef255",
	2: "f86caa7cac71839b8bac30b6fc4946a457d03476245daaa2aca7d6f416cef255", // the spread's period is its raising conflict's
	3: "f86caa7cac71839b8bac30b6fc4946a457d03476245daaa2aca7d6f416cef255", // a conflict a month or more apart says so
}

// TestRulesVersionPinsGazetteer: the built-in gazetteer is the one
// RulesVersion was given for, so that a release that changes it says so,
// and `claimdesk serve` asks for the stored summaries to be recomputed.
func TestRulesVersionPinsGazetteer(t *testing.T) {
	got, err := gazetteer.BuiltinFingerprint()
	if err != nil {
		t.Fatal(err)
	}
	if want := builtinTables[xref.RulesVersion]; got != want {
		t.Errorf("the built-in gazetteer is %s, but xref.RulesVersion %d was given for %q: "+
			"a change of the built-in places needs the next RulesVersion, with this fingerprint in builtinTables",
			got, xref.RulesVersion, want)
	}
}
