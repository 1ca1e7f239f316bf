package exchange

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// readAllCSV decodes every row of a CSV import, or returns the error that
// stopped it (the header's, before any row).
func readAllCSV(t *testing.T, file string) ([]*claims.Claim, error) {
	t.Helper()
	dec, err := newCSVDecoder(strings.NewReader(file), DefaultLimits)
	if err != nil {
		return nil, err
	}
	var out []*claims.Claim
	for {
		it, err := dec.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if len(it.errs) > 0 {
			t.Fatalf("%s: %v", it.loc, it.errs)
		}
		out = append(out, it.rec.(*claims.Claim))
	}
}

// TestCSVSeparatorFromTheHeader reads files as spreadsheets and tools
// save them: the separator is told from the header line alone, quotes
// honoured, so the rows may hold the other separators in quotes and in
// numbers as said ("2,5 тысячи").
func TestCSVSeparatorFromTheHeader(t *testing.T) {
	t.Parallel()
	want := []struct{ id, quote, quantity, notes string }{
		{"c-1", "Несколько десятков; по другим данным, до 800", "несколько десятков", "ТАСС, 29.09.2015"},
		{"c-2", "about 2,500, \"maybe\" more;\tor fewer", "2,5 тысячи", ""},
	}
	for _, c := range []struct{ name, file string }{
		{"Excel, Russian locale: BOM, semicolons, CRLF", "\ufeffid;topic_id;claimant_id;source_id;quote;quantity_text;notes\r\n" +
			"c-1;t-ru;bogdanov;tass;\"Несколько десятков; по другим данным, до 800\";несколько десятков;ТАСС, 29.09.2015\r\n" +
			"c-2;t-ru;bogdanov;tass;\"about 2,500, \"\"maybe\"\" more;\tor fewer\";2,5 тысячи;\r\n"},
		{"Excel, English locale: BOM, commas, CRLF", "\ufeffid,topic_id,claimant_id,source_id,quote,quantity_text,notes\r\n" +
			"c-1,t-ru,bogdanov,tass,\"Несколько десятков; по другим данным, до 800\",несколько десятков,\"ТАСС, 29.09.2015\"\r\n" +
			"c-2,t-ru,bogdanov,tass,\"about 2,500, \"\"maybe\"\" more;\tor fewer\",\"2,5 тысячи\",\r\n"},
		{"tab-separated, the header's names quoted", "\"id\"\t\"topic_id\"\t\"claimant_id\"\t\"source_id\"\t\"quote\"\t\"quantity_text\"\t\"notes\"\n" +
			"c-1\tt-ru\tbogdanov\ttass\tНесколько десятков; по другим данным, до 800\tнесколько десятков\tТАСС, 29.09.2015\n" +
			"c-2\tt-ru\tbogdanov\ttass\t\"about 2,500, \"\"maybe\"\" more;\tor fewer\"\t2,5 тысячи\t\n"},
		{"semicolons, a blank line before the header, no final line end", "\n\r\nid;topic_id;claimant_id;source_id;quote;quantity_text;notes\n" +
			"c-1;t-ru;bogdanov;tass;\"Несколько десятков; по другим данным, до 800\";несколько десятков;ТАСС, 29.09.2015\n" +
			"c-2;t-ru;bogdanov;tass;\"about 2,500, \"\"maybe\"\" more;\tor fewer\";2,5 тысячи;"},
		{"Excel's first line sep=; then semicolons", "sep=;\r\nid;topic_id;claimant_id;source_id;quote;quantity_text;notes\r\n" +
			"c-1;t-ru;bogdanov;tass;\"Несколько десятков; по другим данным, до 800\";несколько десятков;ТАСС, 29.09.2015\r\n" +
			"c-2;t-ru;bogdanov;tass;\"about 2,500, \"\"maybe\"\" more;\tor fewer\";2,5 тысячи;\r\n"},
		{"SEP=, in capitals, then commas", "SEP=,\nid,topic_id,claimant_id,source_id,quote,quantity_text,notes\n" +
			"c-1,t-ru,bogdanov,tass,\"Несколько десятков; по другим данным, до 800\",несколько десятков,\"ТАСС, 29.09.2015\"\n" +
			"c-2,t-ru,bogdanov,tass,\"about 2,500, \"\"maybe\"\" more;\tor fewer\",\"2,5 тысячи\",\n"},
		{"commas, names padded with spaces, one quoted", "id , topic_id,\" claimant_id\",source_id,quote, quantity_text ,notes\n" +
			"c-1,t-ru,bogdanov,tass,\"Несколько десятков; по другим данным, до 800\",несколько десятков,\"ТАСС, 29.09.2015\"\n" +
			"c-2,t-ru,bogdanov,tass,\"about 2,500, \"\"maybe\"\" more;\tor fewer\",\"2,5 тысячи\",\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := readAllCSV(t, c.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d claims, want %d", len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.ID != w.id || g.TopicID != "t-ru" || g.ClaimantID != "bogdanov" || g.Provenance.SourceID != "tass" || g.Quote != w.quote || g.QuantityText != w.quantity || g.Notes != w.notes {
					t.Errorf("row %d = %q %q %q %q %q %q %q; want %q t-ru bogdanov tass %q %q %q", i+2, g.ID, g.TopicID, g.ClaimantID, g.Provenance.SourceID, g.Quote, g.QuantityText, g.Notes, w.id, w.quote, w.quantity, w.notes)
				}
			}
		})
	}
}

// TestCSVHeaderSeparatorErrors: a header whose separator cannot be told is
// an error at its line that says why; one that splits, but into a name
// that is no column, names that column, split where the quotes say.
func TestCSVHeaderSeparatorErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, file, at, reason string }{
		{"spaces between the names", "id topic_id claimant_id source_id\nc-1 t-ru bogdanov tass\n", "line 1",
			`cannot tell the separator: the header "id topic_id claimant_id source_id" holds no comma, semicolon or tab outside quotes`},
		{"one name", "\ufeffid\r\nc-1\r\n", "line 1", `cannot tell the separator: the header "id" holds no comma, semicolon or tab`},
		{"separators only in quotes", "\"id;topic_id,claimant_id\tsource_id\"\n", "line 1", "cannot tell the separator"},
		{"the header after a blank line", "\nid|topic_id|claimant_id|source_id\n", "line 2", "cannot tell the separator"},
		{"commas and semicolons, neither giving a column name", "Name;Value,Unit\nBogdanov;40,people\n", "line 1",
			"cannot tell the separator: the header holds commas and semicolons outside quotes, and none of them splits it into more column names"},
		{"a quoted name holding a comma in a semicolon header", "id;topic_id;claimant_id;source_id;\"quote, as said\"\n", "line 1",
			`column 5, "quote, as said", is not a column of the CSV format`},
		{"an unquoted name holding a comma in a semicolon header", "id;topic_id;claimant_id;source_id;quote, as said\n", "line 1",
			`column 5, "quote, as said", is not a column of the CSV format`},
		{"a quote never closed", "id,topic_id,claimant_id,source_id,\"quote\nc-1,t,p,s,q\n", "line 1", "extraneous or missing \" in quoted-field"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := readAllCSV(t, c.file)
			var de *DecodeError
			if !errors.As(err, &de) || de.Location != c.at || !strings.Contains(de.Reason, c.reason) {
				t.Errorf("error %v, want a decode error at %s: …%s…", err, c.at, c.reason)
			}
		})
	}
}

// TestCSVHeaderUpTo1MiB: a header may take up to 1 MiB (names padded with
// spaces, as some tools write fixed-width columns), beyond which it is an
// error at line 1, before any more of the file is read.
func TestCSVHeaderUpTo1MiB(t *testing.T) {
	t.Parallel()
	names := "id;topic_id;claimant_id;source_id;quote"
	row := "\r\nc-1;t-ru;bogdanov;tass;\"a, b; c\"\r\n"
	padded := func(n int) string { return names + strings.Repeat(" ", n-len(names)) }
	got, err := readAllCSV(t, "\ufeff"+padded(MaxCSVHeaderBytes)+row)
	if err != nil || len(got) != 1 || got[0].Quote != "a, b; c" {
		t.Fatalf("a header of 1 MiB: %v, %d claims", err, len(got))
	}
	_, err = readAllCSV(t, padded(MaxCSVHeaderBytes+1)+row)
	var de *DecodeError
	if !errors.As(err, &de) || de.Location != "line 1" || !strings.Contains(de.Reason, "longer than 1 MiB") {
		t.Errorf("a header of 1 MiB and a byte: %v, want a decode error at line 1 saying it is longer than 1 MiB", err)
	}
	// A quote never closed reads no further than the limit.
	r := &countingReader{r: strings.NewReader("id;\"" + strings.Repeat("x", 4*MaxCSVHeaderBytes))}
	if _, err := newCSVDecoder(r, DefaultLimits); !errors.As(err, &de) || de.Location != "line 1" || r.n > MaxCSVHeaderBytes+256<<10 {
		t.Errorf("a quote never closed: %v after %d bytes, want an error at line 1 within the limit", err, r.n)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestCSVSeparatorHint: a first line "sep=;" names the separator, even
// where the header alone could not tell it; errors in the header and the
// rows name the file's own lines.
func TestCSVSeparatorHint(t *testing.T) {
	t.Parallel()
	var de *DecodeError
	// A semicolon and a comma, each splitting off one name of the format:
	// the header alone is refused, the hint decides, and the header's
	// error is at its own line, 2.
	if _, err := readAllCSV(t, "id;topic_id,claimant_id\n"); !errors.As(err, &de) || de.Location != "line 1" || !strings.Contains(de.Reason, "cannot tell the separator") {
		t.Errorf("no hint: %v, want the separator refused at line 1", err)
	}
	if _, err := readAllCSV(t, "sep=,\nid;topic_id,claimant_id\n"); !errors.As(err, &de) || de.Location != "line 2" || !strings.Contains(de.Reason, `column 1, "id;topic_id", is not a column`) {
		t.Errorf("sep=,: %v, want the header split at the comma and refused at line 2", err)
	}
	dec, err := newCSVDecoder(strings.NewReader("sep=;\nid;topic_id;claimant_id;source_id;quote;quantity_text\n"+
		"c-1;t-ru;bogdanov;tass;q;40\n"+
		"c-2;t-ru;bogdanov;tass;q;\"unclosed\n"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	it, err := dec.next()
	if err != nil || len(it.errs) > 0 || it.loc.line != 3 {
		t.Fatalf("first row: %+v, %v; want a claim at line 3", it, err)
	}
	if _, err = dec.next(); !errors.As(err, &de) || de.Location != "line 4" {
		t.Errorf("the unclosed quote: %v, want a decode error at line 4", err)
	}
	// "sep=|" names no separator of the format: the line is the header.
	if _, err := readAllCSV(t, "sep=|\nid;topic_id\n"); !errors.As(err, &de) || de.Location != "line 1" {
		t.Errorf("sep=|: %v, want an error at line 1", err)
	}
	// A blank line before the header: its errors are at its line too.
	if _, err := readAllCSV(t, "\nid;topic_id\n"); !errors.As(err, &de) || de.Location != "line 2" || !strings.Contains(de.Reason, `"claimant_id" column is required`) {
		t.Errorf("a header after a blank line: %v, want its error at line 2", err)
	}
}
