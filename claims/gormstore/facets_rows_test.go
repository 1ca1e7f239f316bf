package gormstore

import "context"

// ScanRaw runs a query and scans its rows into dest, for tests whose
// oracle reads the tables directly.
func ScanRaw(ctx context.Context, s *Store, dest any, query string, args ...any) error {
	return s.db.WithContext(ctx).Raw(query, args...).Scan(dest).Error
}
