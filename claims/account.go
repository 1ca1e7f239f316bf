package claims

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Role is what a user may do. Each role may do everything the one before
// it may.
type Role string

// The roles, from least to most trusted.
const (
	RoleViewer  Role = "viewer"  // reads everything
	RoleAnalyst Role = "analyst" // writes claims, topics, sources, claimants, links and reviews; restores versions
	RoleAdmin   Role = "admin"   // users, tokens, imports, the trash and undoing deletes
)

// Roles lists the roles from least to most trusted.
var Roles = []Role{RoleViewer, RoleAnalyst, RoleAdmin}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// Allows reports whether a user with role r may do what needs role need.
func (r Role) Allows(need Role) bool { return r.Valid() && r.rank() >= need.rank() }

// User is a person who signs in. PasswordHash is a bcrypt hash and is
// never serialised.
type User struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	PasswordHash string    `json:"-"`
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Validate checks a user's name and role.
func (u *User) Validate() error {
	var p Problems
	if !ValidID(u.Name) {
		p.Add("name", "must be 1 to 64 letters, digits, '-' or '_'")
	}
	if !u.Role.Valid() {
		p.Add("role", "must be viewer, analyst or admin")
	}
	return p.Err("user")
}

// PasswordCost is the bcrypt cost of new password hashes. Tests lower it.
var PasswordCost = bcrypt.DefaultCost

// SetPassword checks a password's length and stores its slow hash.
func (u *User) SetPassword(password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		var p Problems
		p.Add("password", "must be at least %d characters long", MinPasswordLen)
		return p.Err("user")
	}
	if len(password) > 72 { // bcrypt reads no further
		var p Problems
		p.Add("password", "must be at most 72 bytes long")
		return p.Err("user")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), PasswordCost)
	if err != nil {
		return err
	}
	u.PasswordHash = string(h)
	return nil
}

// CheckPassword reports whether password is the user's.
func (u *User) CheckPassword(password string) bool {
	return u.PasswordHash != "" && bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) == nil
}

// TokenKind tells API tokens from browser sessions.
type TokenKind string

// The kinds of token.
const (
	TokenAPI     TokenKind = "api"     // a Bearer token for scripts
	TokenSession TokenKind = "session" // a browser's session cookie
)

// Token is a credential: a random secret shown once to its owner, stored
// only as its SHA-256 hash. A zero ExpiresAt never expires.
type Token struct {
	ID        string     `json:"id"`
	UserID    string     `json:"user_id"`
	UserName  string     `json:"user_name,omitempty"`
	Kind      TokenKind  `json:"kind"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at,omitzero"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	Hash      string     `json:"-"`
}

// Usable reports whether t may authenticate a request at time now.
func (t *Token) Usable(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// tokenPrefix marks claimdesk secrets, so that secret scanners and people
// recognise a leaked one.
const tokenPrefix = "cdk_"

// NewSecret returns a new random secret and the hash to store for it.
func NewSecret() (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	secret = tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret)
}

// HashSecret returns the stored form of a secret. Secrets are long and
// random, so a fast hash suffices: there is nothing to guess.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// PlausibleSecret reports whether s has the shape of a secret NewSecret
// makes, so that malformed credentials are refused without a lookup.
func PlausibleSecret(s string) bool {
	rest, ok := strings.CutPrefix(s, tokenPrefix)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// CSRFToken derives the anti-forgery token of a session from its secret.
// A page on another site can neither read the cookie nor this token.
func CSRFToken(sessionSecret string) string {
	sum := sha256.Sum256([]byte("claimdesk csrf\x00" + sessionSecret))
	return hex.EncodeToString(sum[:16])
}

// EqualSecrets compares two secrets in constant time.
func EqualSecrets(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// Accounts stores users and their tokens.
//
// CreateUser returns CodeConflict for a name in use and CodeInvalid for a
// bad name or role. FindUser and RevokeToken return CodeNotFound for an
// unknown name or ID. FindToken returns the token with the hash and its
// user, or CodeNotFound.
type Accounts interface {
	CreateUser(ctx context.Context, u *User) error
	FindUser(ctx context.Context, name string) (*User, error)
	ListUsers(ctx context.Context) ([]*User, error)
	// UpdateUser stores u's role, disabled flag and password hash.
	UpdateUser(ctx context.Context, u *User) error
	// CountUsers returns how many users exist and how many of them are
	// enabled admins.
	CountUsers(ctx context.Context) (users, admins int, err error)

	CreateToken(ctx context.Context, t *Token) error
	FindToken(ctx context.Context, hash string) (*Token, *User, error)
	ListTokens(ctx context.Context, userName string) ([]*Token, error)
	RevokeToken(ctx context.Context, id string, at time.Time) error
}

// Actor is who makes a change: the name recorded in history and in the
// author fields, and the role they act with.
type Actor struct {
	Name string
	Role Role
}

// LocalActor is the one analyst a local server with no users serves.
var LocalActor = Actor{Name: "local", Role: RoleAdmin}

type actorKey struct{}
type reasonKey struct{}

// WithActor returns a context that carries who acts, for the history of
// the writes made with it.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor ctx carries, or the zero Actor.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// WithReason returns a context that carries why a change is made: the
// message of the history lines written with it.
func WithReason(ctx context.Context, reason string) context.Context {
	return context.WithValue(ctx, reasonKey{}, reason)
}

// ReasonFrom returns the reason ctx carries, or "".
func ReasonFrom(ctx context.Context) string {
	r, _ := ctx.Value(reasonKey{}).(string)
	return r
}
