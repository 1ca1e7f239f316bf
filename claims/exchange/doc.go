// Package exchange exports and imports claimdesk's records: a versioned
// JSON document, NDJSON for large sets, CSV for spreadsheets, and two
// export-only interchange dialects, schema.org ClaimReview and
// Wikidata-style statements. It imports only package claims and the
// standard library (and the quantity parser); the store side is the
// Reader interface for export and BulkStore for import (together Store),
// which gormstore implements.
//
// # Streaming
//
// Export reads records from the store one at a time (Reader.Each*) and
// encodes them one by one, flushing the header at once, so memory stays
// flat however many claims there are and a download starts immediately.
// For json and ndjson, a store that implements RawClaimStore hands over
// claims as stored and AppendClaimJSON writes them without decoding them
// into claims.Claim: the same bytes, several times faster.
// Import decodes one record at a time, validates it, and writes in
// batches inside one transaction.
//
// # Formats
//
// json is the document of claims.Bundle, described by the JSON Schema in
// schema.json (Schema): {schema_version, exported_at, topics, sources,
// claimants, claims, links, reviews}, one record a line. Claims carry
// their parsed_interval, analyst_interval, the interval in force, scope
// and provenance.
//
// ndjson starts with a header line, {"type":"header","schema_version":1,
// "exported_at":"…"}, followed by one {"type":"KIND","record":{…}} per
// line, KIND being topic, source, claimant, claim, link or review.
//
// csv has one row per claim under a header row naming the columns
// (CSVColumns). The columns are the claim's JSON members in their order,
// each named by its own name (scope and provenance are flattened: places,
// population, group, measure, source_id, url, archive_url, relays):
// id, created_at, updated_at (RFC 3339), version, topic_id, … tags.
// An interval gives one column per member: parsed_low … parsed_explanation
// (the parser's reading), analyst_low … analyst_explanation, and low, high,
// best for the interval in force. A list (places, tags) is joined with
// "; ", or is a JSON array when an item holds a ';'; relays are a JSON
// array. Numbers are written in the shortest form that reads back
// exactly. A text cell that starts with = + - @, a tab, a carriage return
// or a quote gets a leading quote so spreadsheets do not run it as a
// formula; import removes it. On import the derived columns
// (claims.DerivedMembers: parsed_*, low/high/best, interval_source,
// parser_version) are ignored: the quantity is read again. The columns
// may come in any order; id, topic_id, claimant_id and source_id are
// required.
//
// claimreview is a JSON-LD document, {"@context":"https://schema.org",
// "@graph":[…]}, with one ClaimReview per claim an analyst assessed (a
// grade other than ungraded, or a conflict review naming it):
// claimReviewed is the quote (else the quantity text); itemReviewed is a
// Claim whose author is the claimant (Person or Organization, with
// jobTitle and affiliation), datePublished said_on (else published_on),
// firstAppearance the origin (URL, outlet, publisher) and appearance the
// relays; reviewRating has alternateName = the grade in a reader's words
// (GradeWords), name = the grade, ratingExplanation its definition and,
// for graded claims, ratingValue on a 1 (discounted) to 5 (confirmed)
// scale with bestRating and worstRating; datePublished is the claim's last
// update; url is the claim's page under Publisher.BaseURL and author the
// Publisher's organisation, when ExportOptions names them;
// reviewBody joins the analyst's notes, the conflict reviews and the
// deprecation reason; @id is urn:claimdesk:claim:ID.
//
// wikidata is {"schema_version","exported_at","statements":[…]}: one
// statement per claim in the shape of Wikidata's JSON, with the topic as
// subject. The mainsnak's quantity has amount = best (else the midpoint
// of low and high, else the one bound), lowerBound and upperBound = low
// and high, and unit; a claimant who gave no number is a "novalue" snak,
// a quantity that could not be read "somevalue". Qualifiers:
// point_in_time (as_of, else said_on; P585), start_time (since; P580),
// location (each place; P276), population_counted, group, measure,
// determination_method (evidence type; P459), stated_by (the claimant),
// grade and reason_for_deprecated_rank. References: stated_in (the origin
// source; P248), reference_url (P854), archive_url (P1065),
// publication_date (P577) and quotation (P1683); each relay is a further
// reference with relayed_by in place of stated_in. Times use Wikidata's
// time values with precision 9 (year), 10 (month) or 11 (day). The rank
// is the claim's: preferred, normal or deprecated. The property names are
// descriptive; the P-numbers noted are where claimdesk is sure of the
// correspondence.
//
// quickstatements is QuickStatements V1 text (see quickstatements.go and
// package qid): one P1114 command per claim of a topic that names its
// Wikidata item, with bounds, unit, P585, P580 and P276 qualifiers and a
// P248, P854, P577, P1683 reference; what has no Wikidata ID is left out
// and said in a comment line.
//
// csv with ExportOptions.Excel starts with a UTF-8 byte order mark and
// ends lines with CRLF, for Microsoft Excel.
//
// # Import
//
// Import reads json, ndjson or csv. Records are matched by ID, so every
// record needs one: a record the store lacks is created, a record whose
// version is newer than the stored one replaces it whole, and one whose
// version is the same or older is skipped. Importing a file twice
// therefore changes nothing. Imported records keep their IDs, versions,
// created_at and updated_at: an import is a copy, not an edit, so
// exporting, importing into an empty database and exporting again gives
// the same document except exported_at. (A claim's parsed interval is
// read again by the importing claimdesk's parser, as on every write.)
//
// Every record is normalised and validated as the store does (claims with
// Claim.Prepare), IDs may not repeat within a kind, and references must
// name a record in the file (anywhere: records are held back until what
// they name has been written) or in the store. Import is atomic: a file
// with any bad record writes nothing, and the report lists every bad
// record (up to Limits.MaxErrors) with its location, a JSON path such as
// $.claims[12].analyst_interval.low or a line such as "line 57", and the
// reason. A dry run plans and reports without writing.
//
// Limits (file size, record count, record size, nesting depth, string
// length) turn hostile input into a clear error: CodeTooLarge for a file
// over a limit, CodeMalformed for a document that cannot be read, and
// CodeInvalid for bad records.
package exchange
