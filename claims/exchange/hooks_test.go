package exchange

// The record decoders, for the tests of package exchange_test, which can
// build a store and export it (package exchange cannot: gormstore imports
// it).

// DecodeRecord is what import makes of one record of kind k, under the
// default limits: the record, or the errors that refuse it.
func DecodeRecord(k Kind, raw []byte) (any, []RecordError) {
	it := decodeRecord(k, raw, location{line: 1}, DefaultLimits)
	return it.rec, it.errs
}

// DecodeStrict is the reference decoding of a record, with encoding/json
// and strictjson, as import decoded every record before the one-pass
// decoder.
func DecodeStrict(k Kind, raw []byte) (any, []RecordError) { return decodeStrict(k, raw) }

// DecodeFast is the one-pass decoder alone: ok is false when it leaves
// the record to DecodeStrict.
func DecodeFast(k Kind, raw []byte) (rec any, ok bool) { return decodeFast(k, raw) }
