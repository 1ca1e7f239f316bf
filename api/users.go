package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// Users and tokens, for admins: what `claimdesk user` and `claimdesk
// token` do, over HTTP. A token's secret is in the answer that creates it
// and nowhere else: the database keeps only its hash.

type newUserRequest struct {
	Name     string      `json:"name"`
	Role     claims.Role `json:"role"`
	Password string      `json:"password"`
}

type userPatch struct {
	Role     *claims.Role `json:"role"`
	Disabled *bool        `json:"disabled"`
	Password *string      `json:"password"`
}

type newTokenRequest struct {
	User string `json:"user"`
	Name string `json:"name"`
	// ExpiresIn is a Go duration ("720h"); empty never expires.
	ExpiresIn string `json:"expires_in"`
}

// newToken is the answer to a token's creation: the token and, this once,
// its secret.
type newToken struct {
	*claims.Token
	Secret string `json:"secret"`
}

// accounts returns the server's accounts, or writes a 404 for a server
// without any.
func (h *handler) accounts(c *gin.Context) (claims.Accounts, bool) {
	if h.auth.accounts == nil {
		h.writeError(c, claims.Errorf(claims.CodeNotFound, "this server has no accounts"))
		return nil, false
	}
	return h.auth.accounts, true
}

func (h *handler) listUsers(c *gin.Context) {
	acc, ok := h.accounts(c)
	if !ok {
		return
	}
	users, err := acc.ListUsers(c.Request.Context())
	if err != nil {
		h.writeError(c, err)
		return
	}
	if users == nil {
		users = []*claims.User{}
	}
	c.JSON(http.StatusOK, gin.H{"items": users})
}

// lastAdmin is the refusal of a change that would leave users but no
// enabled admin: nobody could then manage accounts but through the CLI.
func lastAdmin(what string) error {
	return claims.Errorf(claims.CodeConflict, "%s would leave no enabled admin: make another user admin first", what)
}

func (h *handler) createUser(c *gin.Context) {
	acc, ok := h.accounts(c)
	if !ok {
		return
	}
	var req newUserRequest
	if err := decodeBody(c, h.maxBody, &req, "user"); err != nil {
		h.writeError(c, err)
		return
	}
	u := &claims.User{Name: req.Name, Role: req.Role}
	if err := u.Validate(); err != nil {
		h.writeError(c, err)
		return
	}
	if err := u.SetPassword(req.Password); err != nil {
		h.writeError(c, err)
		return
	}
	ctx := c.Request.Context()
	if _, admins, err := acc.CountUsers(ctx); err != nil {
		h.writeError(c, err)
		return
	} else if admins == 0 && u.Role != claims.RoleAdmin {
		h.writeError(c, lastAdmin("a first user who is not an admin"))
		return
	}
	if err := acc.CreateUser(ctx, u); err != nil {
		h.writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, u)
}

// patchUser changes a user's role, disabled flag or password. A disabled
// user's tokens and sessions stop working at once.
func (h *handler) patchUser(c *gin.Context) {
	acc, ok := h.accounts(c)
	if !ok {
		return
	}
	var req userPatch
	if err := decodeBody(c, h.maxBody, &req, "user"); err != nil {
		h.writeError(c, err)
		return
	}
	ctx := c.Request.Context()
	u, err := acc.FindUser(ctx, c.Param("name"))
	if err != nil {
		h.writeError(c, err)
		return
	}
	wasAdmin := u.Role == claims.RoleAdmin && !u.Disabled
	if req.Role != nil {
		u.Role = *req.Role
	}
	if req.Disabled != nil {
		u.Disabled = *req.Disabled
	}
	if err := u.Validate(); err != nil {
		h.writeError(c, err)
		return
	}
	if req.Password != nil {
		if err := u.SetPassword(*req.Password); err != nil {
			h.writeError(c, err)
			return
		}
	}
	if wasAdmin && (u.Role != claims.RoleAdmin || u.Disabled) {
		if _, admins, err := acc.CountUsers(ctx); err != nil {
			h.writeError(c, err)
			return
		} else if admins <= 1 {
			h.writeError(c, lastAdmin("changing "+u.Name))
			return
		}
	}
	if err := acc.UpdateUser(ctx, u); err != nil {
		h.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, u)
}

func (h *handler) listTokens(c *gin.Context) {
	acc, ok := h.accounts(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	if name := c.Query("user"); name != "" {
		if _, err := acc.FindUser(ctx, name); err != nil {
			h.writeError(c, err)
			return
		}
	}
	ts, err := acc.ListTokens(ctx, c.Query("user"))
	if err != nil {
		h.writeError(c, err)
		return
	}
	if ts == nil {
		ts = []*claims.Token{}
	}
	c.JSON(http.StatusOK, gin.H{"items": ts})
}

// createToken makes an API token for a user; the answer holds its secret,
// shown this once.
func (h *handler) createToken(c *gin.Context) {
	acc, ok := h.accounts(c)
	if !ok {
		return
	}
	var req newTokenRequest
	if err := decodeBody(c, h.maxBody, &req, "token"); err != nil {
		h.writeError(c, err)
		return
	}
	var p claims.Problems
	var ttl time.Duration
	if req.ExpiresIn != "" {
		d, err := time.ParseDuration(req.ExpiresIn)
		if err != nil || d <= 0 {
			p.Add("expires_in", "must be a positive duration such as 720h, or empty for a token that never expires")
		}
		ttl = d
	}
	if req.User == "" {
		p.Add("user", "names the user the token acts as")
	}
	if req.Name == "" {
		req.Name = "api token"
	} else if len(req.Name) > 200 {
		p.Add("name", "must be at most 200 bytes")
	}
	if err := p.Err("token"); err != nil {
		h.writeError(c, err)
		return
	}
	ctx := c.Request.Context()
	u, err := acc.FindUser(ctx, req.User)
	if err != nil {
		if claims.ErrorCode(err) == claims.CodeNotFound {
			var p claims.Problems
			p.Add("user", "no user is named %q", req.User)
			err = p.Err("token")
		}
		h.writeError(c, err)
		return
	}
	secret, hash := claims.NewSecret()
	t := &claims.Token{UserID: u.ID, UserName: u.Name, Kind: claims.TokenAPI, Name: req.Name, Hash: hash}
	if ttl > 0 {
		t.ExpiresAt = h.auth.now().Add(ttl).UTC().Truncate(time.Second)
	}
	if err := acc.CreateToken(ctx, t); err != nil {
		h.writeError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, newToken{Token: t, Secret: secret})
}

// revokeToken revokes a token; revoking it again changes nothing.
func (h *handler) revokeToken(c *gin.Context) {
	acc, ok := h.accounts(c)
	if !ok {
		return
	}
	if err := acc.RevokeToken(c.Request.Context(), c.Param("id"), h.auth.now()); err != nil {
		h.writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
