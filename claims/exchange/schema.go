package exchange

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of the JSON exchange document,
// the format of claims.Bundle. The API serves it; the tests validate every
// JSON export against it.
//
//go:embed schema.json
var Schema []byte
