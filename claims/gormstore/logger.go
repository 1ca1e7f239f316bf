package gormstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowQuery is the duration above which a query is logged as slow.
const slowQuery = 200 * time.Millisecond

// gormLogger adapts gorm's logger to slog. It logs slow queries and errors
// only; errors that the store turns into user errors (missing records,
// duplicate and foreign keys) are logged at debug level.
// The DSN's password, if any, and every password hash are replaced by ***
// in every line it writes: a failed or slow INSERT or UPDATE of users
// carries its password_hash as a bound value, which gorm interpolates into
// the SQL it hands the logger.
type gormLogger struct {
	log    *slog.Logger
	secret string
}

func newGormLogger(l *slog.Logger, dsn string) logger.Interface {
	return gormLogger{log: l, secret: dsnPassword(dsn)}
}

// passwordHash matches a bcrypt hash in any of its versions ($2$, $2a$,
// $2b$, $2x$, $2y$): a cost of two digits and 53 characters of salt and
// digest in bcrypt's base64 alphabet.
var passwordHash = regexp.MustCompile(`\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}`)

// clean hides the DSN's password and password hashes in a logged text.
func (g gormLogger) clean(s string) string {
	if g.secret != "" {
		s = strings.ReplaceAll(s, g.secret, "***")
	}
	return passwordHash.ReplaceAllLiteralString(s, "***")
}

func (g gormLogger) cleanArgs(args []any) string { return g.clean(fmt.Sprint(args...)) }

func (g gormLogger) LogMode(logger.LogLevel) logger.Interface { return g }

func (g gormLogger) Info(ctx context.Context, msg string, args ...any) {
	g.log.DebugContext(ctx, g.clean("gorm: "+msg), "args", g.cleanArgs(args))
}

func (g gormLogger) Warn(ctx context.Context, msg string, args ...any) {
	g.log.WarnContext(ctx, g.clean("gorm: "+msg), "args", g.cleanArgs(args))
}

func (g gormLogger) Error(ctx context.Context, msg string, args ...any) {
	g.log.ErrorContext(ctx, g.clean("gorm: "+msg), "args", g.cleanArgs(args))
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
		g.log.Log(ctx, level, "database error", "err", g.clean(err.Error()), "sql", abridge(g.clean(sql)), "rows", rows, "elapsed", elapsed)
	case elapsed > slowQuery:
		sql, rows := fc()
		g.log.WarnContext(ctx, "slow query", "sql", abridge(g.clean(sql)), "rows", rows, "elapsed", elapsed)
	}
}

// loggedSQL is how much of a statement a log line shows: a bulk import's
// statements carry a thousand IDs or rows, 30 KB and more, and a line that
// long buries the log rather than explaining it.
const loggedSQL = 600

// abridge cuts a statement to loggedSQL bytes (on a character boundary)
// and says how long it was. It runs after clean, so a hash cut in two
// cannot escape it.
func abridge(sql string) string {
	if len(sql) <= loggedSQL {
		return sql
	}
	cut := loggedSQL
	for cut > 0 && !utf8.RuneStart(sql[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes in all)", sql[:cut], len(sql))
}

// keywordPassword finds password=… in a keyword/value DSN or a URL query.
var keywordPassword = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)`)

// dsnPassword returns the password a DSN holds, or "".
func dsnPassword(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok && pw != "" {
			return pw
		}
	}
	if m := keywordPassword.FindStringSubmatch(dsn); m != nil {
		return strings.Trim(m[2], "'")
	}
	return ""
}

// RedactDSN returns dsn with its password, in the user part of a URL, a
// password query parameter or a password=… keyword, replaced by ***.
func RedactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "***")
			dsn = u.String()
			dsn = strings.Replace(dsn, ":%2A%2A%2A@", ":***@", 1)
		}
	}
	return keywordPassword.ReplaceAllString(dsn, "${1}***")
}
