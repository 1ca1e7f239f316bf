package gormstore

import "context"

// MigrateTo runs the first n migration steps only, to build a database at
// an older schema version.
func MigrateTo(ctx context.Context, s *Store, n int) error {
	return s.migrate(ctx, migrations[:n])
}

// Steps returns the number of migration steps.
func Steps() int { return len(migrations) }

// Exec runs a statement, for tests that build old databases by hand.
func Exec(ctx context.Context, s *Store, stmt string, args ...any) error {
	return s.db.WithContext(ctx).Exec(stmt, args...).Error
}

// QueryString runs a query that returns one string, such as a PRAGMA.
func QueryString(ctx context.Context, s *Store, query string) (string, error) {
	var v string
	err := s.db.WithContext(ctx).Raw(query).Scan(&v).Error
	return v, err
}
