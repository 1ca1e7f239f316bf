package claims

import "time"

// BundleSchemaVersion is the version of the exchange document written by
// export and read by import and the demo loader.
const BundleSchemaVersion = 2

// OldestBundleSchemaVersion is the oldest version import still reads:
// version 1 documents give measures as stock and flow, which Normalize
// maps as the database migration does (see LegacyMeasure).
const OldestBundleSchemaVersion = 1

// Bundle is the exchange document: a self-contained set of records whose
// references resolve within the bundle or the target store.
type Bundle struct {
	SchemaVersion int         `json:"schema_version"`
	ExportedAt    time.Time   `json:"exported_at"`
	Topics        []*Topic    `json:"topics"`
	Sources       []*Source   `json:"sources"`
	Claimants     []*Claimant `json:"claimants"`
	Claims        []*Claim    `json:"claims"`
	Links         []*Link     `json:"links"`
	Reviews       []*Review   `json:"reviews"`
}
