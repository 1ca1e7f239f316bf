package gormstore

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowQuery is the duration above which a query is logged as slow.
const slowQuery = 200 * time.Millisecond

// gormLogger adapts gorm's logger to slog. It logs slow queries and errors
// only; errors that the store turns into user errors (missing records,
// duplicate and foreign keys) are logged at debug level.
type gormLogger struct{ log *slog.Logger }

func newGormLogger(l *slog.Logger) logger.Interface { return gormLogger{log: l} }

func (g gormLogger) LogMode(logger.LogLevel) logger.Interface { return g }

func (g gormLogger) Info(ctx context.Context, msg string, args ...any) {
	g.log.DebugContext(ctx, "gorm: "+msg, "args", args)
}

func (g gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	g.log.WarnContext(ctx, "gorm: "+msg, "args", args)
}

func (g gormLogger) Error(ctx context.Context, msg string, args ...any) {
	g.log.ErrorContext(ctx, "gorm: "+msg, "args", args)
}

func (g gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	switch {
	case err != nil:
		level := slog.LevelError
		if errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, gorm.ErrDuplicatedKey) ||
			errors.Is(err, gorm.ErrForeignKeyViolated) || errors.Is(err, context.Canceled) {
			level = slog.LevelDebug
		}
		if !g.log.Enabled(ctx, level) {
			return
		}
		sql, rows := fc()
		g.log.Log(ctx, level, "database error", "err", err, "sql", sql, "rows", rows, "elapsed", elapsed)
	case elapsed > slowQuery:
		sql, rows := fc()
		g.log.WarnContext(ctx, "slow query", "sql", sql, "rows", rows, "elapsed", elapsed)
	}
}
