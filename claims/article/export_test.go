package article

// WithReader returns a copy of x whose Scan reads on one goroutine
// (pipelined false) or always through the pipeline, with batches of about
// batch bytes of text (pipelined true).
func WithReader(x *Extractor, pipelined bool, batch int) *Extractor {
	y := *x
	y.mode, y.pipeBytes = readSequential, 0
	if pipelined {
		y.mode, y.pipeBytes = readPipelined, batch
	}
	return &y
}
