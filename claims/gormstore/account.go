package gormstore

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

var _ claims.Accounts = (*Store)(nil)

type userRow struct {
	ID           string
	Name         string
	Role         string
	Disabled     bool
	PasswordHash string
	CreatedAt    time.Time
}

func (r *userRow) domain() *claims.User {
	return &claims.User{ID: r.ID, Name: r.Name, Role: claims.Role(r.Role), Disabled: r.Disabled,
		PasswordHash: r.PasswordHash, CreatedAt: r.CreatedAt.UTC()}
}

type tokenRow struct {
	ID        string
	UserID    string
	Kind      string
	Name      string
	Hash      string
	CreatedAt time.Time
	ExpiresAt *time.Time
	RevokedAt *time.Time
}

func (r *tokenRow) domain() *claims.Token {
	t := &claims.Token{ID: r.ID, UserID: r.UserID, Kind: claims.TokenKind(r.Kind), Name: r.Name,
		Hash: r.Hash, CreatedAt: r.CreatedAt.UTC(), RevokedAt: r.RevokedAt}
	if r.ExpiresAt != nil {
		t.ExpiresAt = r.ExpiresAt.UTC()
	}
	if t.RevokedAt != nil {
		at := t.RevokedAt.UTC()
		t.RevokedAt = &at
	}
	return t
}

// CreateUser stores a new user, validated by claims/service. A name in
// use is CodeConflict.
func (s *Store) CreateUser(ctx context.Context, u *claims.User) error {
	if u.ID == "" {
		u.ID = claims.NewID()
	}
	u.CreatedAt = s.clock()
	row := userRow{ID: u.ID, Name: u.Name, Role: string(u.Role), Disabled: u.Disabled, PasswordHash: u.PasswordHash, CreatedAt: u.CreatedAt}
	err := s.write(ctx, nil, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("users").Where("name = ?", u.Name).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return claims.Errorf(claims.CodeConflict, "a user named %q already exists", u.Name)
		}
		return tx.Table("users").Create(&row).Error
	})
	return translate(err, "create user")
}

// FindUser returns the user with the given name, or CodeNotFound.
func (s *Store) FindUser(ctx context.Context, name string) (*claims.User, error) {
	var r userRow
	err := s.db.WithContext(ctx).Table("users").Where("name = ?", name).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, claims.NotFound("user", name)
	}
	if err != nil {
		return nil, translate(err, "find user")
	}
	return r.domain(), nil
}

// ListUsers returns every user, by name.
func (s *Store) ListUsers(ctx context.Context) ([]*claims.User, error) {
	var rows []userRow
	if err := s.db.WithContext(ctx).Table("users").Order("name").Find(&rows).Error; err != nil {
		return nil, translate(err, "list users")
	}
	out := make([]*claims.User, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}

// UpdateUser stores a user's role, disabled flag and password hash, as
// claims/service validated them.
func (s *Store) UpdateUser(ctx context.Context, u *claims.User) error {
	err := s.write(ctx, nil, func(tx *gorm.DB) error {
		res := tx.Table("users").Where("id = ?", u.ID).Updates(map[string]any{
			"role": string(u.Role), "disabled": u.Disabled, "password_hash": u.PasswordHash})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return claims.NotFound("user", u.Name)
		}
		return nil
	})
	return translate(err, "update user")
}

// CountUsers returns the number of users and of enabled admins.
func (s *Store) CountUsers(ctx context.Context) (users, admins int, err error) {
	var r struct{ Users, Admins int }
	err = s.db.WithContext(ctx).Raw(`SELECT COUNT(*) AS users,
		COALESCE(SUM(CASE WHEN role = ? AND NOT disabled THEN 1 ELSE 0 END), 0) AS admins FROM users`,
		string(claims.RoleAdmin)).Scan(&r).Error
	return r.Users, r.Admins, translate(err, "count users")
}

// CreateToken stores a token; t.Hash must be set.
func (s *Store) CreateToken(ctx context.Context, t *claims.Token) error {
	if t.ID == "" {
		t.ID = claims.NewID()
	}
	t.CreatedAt = s.clock()
	row := tokenRow{ID: t.ID, UserID: t.UserID, Kind: string(t.Kind), Name: t.Name, Hash: t.Hash, CreatedAt: t.CreatedAt}
	if !t.ExpiresAt.IsZero() {
		at := t.ExpiresAt.UTC()
		row.ExpiresAt = &at
	}
	err := s.write(ctx, nil, func(tx *gorm.DB) error { return tx.Table("tokens").Create(&row).Error })
	return translate(err, "create token")
}

// FindToken returns the token with the given hash and its user.
func (s *Store) FindToken(ctx context.Context, hash string) (*claims.Token, *claims.User, error) {
	db := s.db.WithContext(ctx)
	var t tokenRow
	err := db.Table("tokens").Where("hash = ?", hash).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, claims.NotFound("token", "")
	}
	if err != nil {
		return nil, nil, translate(err, "find token")
	}
	var u userRow
	if err := db.Table("users").Where("id = ?", t.UserID).Take(&u).Error; err != nil {
		return nil, nil, translate(err, "find token")
	}
	tok := t.domain()
	tok.UserName = u.Name
	return tok, u.domain(), nil
}

// ListTokens returns the API tokens of a user, or of everyone when
// userName is empty, newest first. Sessions are not listed.
func (s *Store) ListTokens(ctx context.Context, userName string) ([]*claims.Token, error) {
	var rows []tokenRow
	q := s.db.WithContext(ctx).Table("tokens").Select("tokens.*").
		Joins("JOIN users ON users.id = tokens.user_id").Where("tokens.kind = ?", string(claims.TokenAPI))
	if userName != "" {
		q = q.Where("users.name = ?", userName)
	}
	if err := q.Order("tokens.created_at DESC, tokens.id").Find(&rows).Error; err != nil {
		return nil, translate(err, "list tokens")
	}
	users, err := s.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	out := make([]*claims.Token, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
		out[i].UserName = names[out[i].UserID]
	}
	return out, nil
}

// RevokeToken marks a token revoked; revoking it again changes nothing.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time) error {
	err := s.write(ctx, nil, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("tokens").Where("id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return claims.NotFound("token", id)
		}
		return tx.Table("tokens").Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", at.UTC()).Error
	})
	return translate(err, "revoke token")
}
