// Package fts5 adds SQLite's FTS5 full-text module to the SQLite that
// github.com/mattn/go-sqlite3 links in.
//
// The driver compiles FTS5 only under the build tag sqlite_fts5, which would
// make every `go run`, `go build` and `go test` of the project need a flag.
// Instead this package compiles SQLite's own fts5.c (copied unchanged from the
// amalgamation the driver ships, SQLite 3.45.1, public domain) as an extension
// and registers it with sqlite3_auto_extension, so every connection opened
// afterwards has the fts5 module. When the driver was built with FTS5 anyway,
// the registration is skipped.
//
// It also registers claimdesk_bm25 and claimdesk_idf (rank.c): bm25 with a
// bounded count of the rows holding each phrase, and the IDFs that count
// gives, to pass to claimdesk_bm25 once for a whole statement.
//
// Importing the package (for its side effect) is all a caller does.
package fts5

/*
#cgo CFLAGS: -DNDEBUG -DSQLITE_OMIT_DEPRECATED -DHAVE_USLEEP=1 -Wno-deprecated-declarations
#cgo LDFLAGS: -lm
#include "sqlite3-binding.h"

extern int sqlite3_fts5_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);
extern int claimdesk_rank_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

static int claimdesk_fts5_register(void) {
	int rc = SQLITE_OK;
	if (!sqlite3_compileoption_used("ENABLE_FTS5")) rc = sqlite3_auto_extension((void (*)(void))sqlite3_fts5_init);
	if (rc != SQLITE_OK) return rc;
	return sqlite3_auto_extension((void (*)(void))claimdesk_rank_init);
}
*/
import "C"

import (
	"fmt"

	_ "github.com/mattn/go-sqlite3" // the SQLite this extends
)

func init() {
	if rc := C.claimdesk_fts5_register(); rc != C.SQLITE_OK {
		panic(fmt.Sprintf("fts5: sqlite3_auto_extension: code %d", int(rc)))
	}
}
