package claims

import "testing"

// BenchmarkValidate checks a prepared claim with two places and two relays,
// as every write and every imported claim does.
func BenchmarkValidate(b *testing.B) {
	c := validClaim()
	c.Provenance.Relays = []Relay{{SourceID: "src-a", Note: "repeated"}, {SourceID: "src-b"}}
	c.Notes, c.Occasion = "Interview", "TV interview"
	if err := c.Prepare(nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
