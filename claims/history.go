package claims

import (
	"context"
	"encoding/json"
	"time"
)

// Action is what a change did to a record.
type Action string

// The actions a history line records.
const (
	ActionCreate  Action = "create"
	ActionUpdate  Action = "update"
	ActionDelete  Action = "delete"
	ActionRestore Action = "restore" // an earlier version made current again, or a deleted record brought back
)

// Kinds of record with a history, as they are named in history lines.
var HistoryKinds = []string{"topic", "source", "claimant", "claim", "link", "review"}

// Change is one line of a record's history: who changed it, when, why, and
// the record before and after. Version is the record's version after the
// change; a delete takes a version of its own, so versions keep counting
// across delete and restore and an old If-Match never matches a record
// brought back.
type Change struct {
	Kind     string    `json:"kind"`
	RecordID string    `json:"record_id"`
	Version  int       `json:"version"`
	Action   Action    `json:"action"`
	Actor    string    `json:"actor"`
	At       time.Time `json:"at"`
	Reason   string    `json:"reason,omitempty"`
	// RestoredFrom is the version a restore brought back.
	RestoredFrom int `json:"restored_from,omitempty"`
	// Cause names the record whose cascading delete deleted this one,
	// such as "claim/cl-1".
	Cause  string          `json:"cause,omitempty"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

// History reads the history of records.
//
// History returns the lines of one record, oldest first, or CodeNotFound
// for a record that never existed. Trash returns the delete lines of
// records still deleted, newest first.
type History interface {
	History(ctx context.Context, kind, id string) ([]Change, error)
	Trash(ctx context.Context) ([]Change, error)
}

// Restorer brings versions back; claims/service implements it, so that a
// record brought back is normalised and validated like any other write.
//
// Restore makes an earlier version of a record current again, as a new
// version (CodeConflict for a deleted record, CodeInvalid for a version
// that is not a state of the record). Undelete brings a deleted record
// back as it was, with the records its cascading delete took along.
type Restorer interface {
	Restore(ctx context.Context, kind, id string, version int) (*Change, error)
	Undelete(ctx context.Context, kind, id string) (*Change, error)
}

// SystemActor names the writer of changes made with no actor in the
// context: the demo loader, migrations.
const SystemActor = "system"
