package claims

import (
	"strings"

	"github.com/oklog/ulid/v2"
)

// NewID returns a new public identifier: a ULID in lower case. ULIDs sort by
// creation time and are stable across export and import, unlike
// auto-increment keys.
func NewID() string { return strings.ToLower(ulid.Make().String()) }

// ValidID reports whether id has the shape of an identifier claimdesk
// accepts from clients and imports: 1 to 64 characters of letters, digits,
// '-' and '_'.
func ValidID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}
