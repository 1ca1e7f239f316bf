package gormstore

import (
	"reflect"

	"gorm.io/gorm"
)

// claimSelect is the SELECT list of claimRow's read columns by dialect
// (see readSelect), qualified by the table, so that a query joining
// another table stays unambiguous.
var claimSelect = [...]string{
	dialectSQLite:   claimCols.readSelect(dialectSQLite, "claims."),
	dialectPostgres: claimCols.readSelect(dialectPostgres, "claims."),
}

// scanClaims runs q, a query of the claims table, for the columns a claim
// is read from (plus extra, a derived column a listing sorts on, or "")
// and scans each row straight into a claimRow, as readClaim does: gorm's
// Find reflects over every field of every row, which cost listings and
// the reads by ID several times the database's own work.
func scanClaims(q *gorm.DB, extra string) ([]claimRow, error) {
	d := dialectPostgres
	if q.Dialector.Name() == "sqlite" {
		d = dialectSQLite
	}
	sel := claimSelect[d]
	var extraIndex []int
	if extra != "" && !isReadColumn(extra) {
		for _, c := range claimCols.all {
			if c.name == extra {
				extraIndex = c.index
				sel += ", claims." + c.name
			}
		}
	}
	rows, err := q.Select(sel).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []claimRow
	for rows.Next() {
		out = append(out, claimRow{})
		r := &out[len(out)-1]
		dest := claimCols.readDest(r)
		if extraIndex != nil {
			dest = append(dest, reflect.ValueOf(r).Elem().FieldByIndex(extraIndex).Addr().Interface())
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		// As readClaim: JSON null is the empty column domain leaves nil.
		for _, f := range []*string{&r.Places, &r.Relays, &r.Tags} {
			if *f == "null" {
				*f = ""
			}
		}
	}
	return out, rows.Err()
}

func isReadColumn(name string) bool {
	for _, c := range claimCols.read {
		if c.name == name {
			return true
		}
	}
	return false
}
