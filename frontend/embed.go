// Package frontend holds the analysts' web app: plain HTML, CSS and ES
// modules with no build step, embedded in the binary and served by package
// api at "/". It imports only the standard library.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed index.html css js
var files embed.FS

// FS is the web app's files, rooted at the directory that holds index.html.
var FS fs.FS = files
