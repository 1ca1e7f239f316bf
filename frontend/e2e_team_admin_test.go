package frontend_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/frontend"
)

// teamClaim is the demo claim the team tests work on.
const teamClaim = "r11-kolokoltsev-2015-09"

// teamServer serves the demo with accounts: each user's password is their
// name followed by " has a long password".
func teamServer(t *testing.T, users map[string]claims.Role) (*httptest.Server, *gormstore.Store) {
	t.Helper()
	old := claims.PasswordCost
	claims.PasswordCost = bcrypt.MinCost
	t.Cleanup(func() { claims.PasswordCost = old })
	ctx := context.Background()
	store := storetest.SQLite(t)
	if _, err := demo.Load(ctx, service.New(store, nil)); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	for name, role := range users {
		u := &claims.User{Name: name, Role: role}
		if err := u.SetPassword(name + " has a long password"); err != nil {
			t.Fatal(err)
		}
		if err := store.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(api.NewHandler(api.Options{Store: store, Accounts: store, Local: true, Assets: frontend.FS}))
	t.Cleanup(srv.Close)
	return srv, store
}

// logInAt opens path, is sent to the log-in page, signs in as name and
// waits to be back on path.
func logInAt(t *testing.T, s *session, base, path, name string) {
	t.Helper()
	s.do(t, chromedp.Navigate(base+path))
	s.waitFor(t, "the log-in page", `location.pathname === '/login' && !!document.querySelector('#login-name')`)
	s.do(t, chromedp.SendKeys(chromedp.CSS(`#login-name`), name),
		chromedp.SendKeys(chromedp.CSS(`#login-password`), name+" has a long password"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)))
	s.waitFor(t, path+" after log-in as "+name, `location.pathname === `+jsString(path)+` && !!document.querySelector('main h1') && !document.querySelector('main [aria-busy]') && document.querySelector('[data-testid=whoami]')?.textContent === `+jsString(name))
}

func logOut(t *testing.T, s *session) {
	t.Helper()
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=logout]`)))
	s.waitFor(t, "the log-in page after log-out", `location.pathname === '/login' && !!document.querySelector('#login-name')`)
}

// setField replaces the text of the input that sel finds with value, as
// typed.
func setField(t *testing.T, s *session, sel, value string) {
	t.Helper()
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).select()`), chromedp.KeyEvent(value))
}

// openHistory opens the history panel and waits for n lines.
func openHistory(t *testing.T, s *session, n int) {
	t.Helper()
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=history-box] summary`)))
	s.waitFor(t, "the history lines", `document.querySelectorAll('[data-testid=history] li.hist').length === `+strconv.Itoa(n))
	s.do(t, chromedp.ScrollIntoView(chromedp.CSS(`[data-testid=history]`)))
}

// TestTrashUndo: an analyst deletes a claim with a reason; an admin finds
// it in the trash with who deleted it and why, and brings it back in one
// click.
func TestTrashUndo(t *testing.T) {
	s := startBrowser(t)
	srv, store := teamServer(t, map[string]claims.Role{"ada": claims.RoleAdmin, "bob": claims.RoleAnalyst})
	ctx := context.Background()
	before, err := store.FindClaim(ctx, teamClaim)
	if err != nil {
		t.Fatal(err)
	}
	const why = "entered twice – Kommersant’s figure is already here"

	logInAt(t, s, srv.URL, "/claims/"+teamClaim, "bob")
	if eval[bool](t, s, `document.querySelector('[data-nav=trash]').offsetParent !== null`) {
		t.Error("an analyst sees the Trash in the menu")
	}
	s.do(t, chromedp.Click(chromedp.CSS(`.deleter > button.danger`)))
	s.do(t, chromedp.SendKeys(chromedp.CSS(`[data-testid=delete-reason]`), why))
	s.screenshot(t, "trash-delete-reason", false)
	s.do(t, chromedp.Click(chromedp.CSS(`.deleter .confirm button.danger.primary`)))
	// A claim with links or reviews asks again before taking them along.
	s.waitFor(t, "the topic page or the cascade question", `location.pathname.startsWith('/topics/') || [...document.querySelectorAll('.deleter .confirm button.danger')].some((b) => !b.hidden && b.textContent.includes('with its links'))`)
	if eval[bool](t, s, `!location.pathname.startsWith('/topics/')`) {
		s.do(t, chromedp.Click(chromedp.CSS(`.deleter .confirm button.danger:not(.primary):not([hidden])`)))
		s.waitFor(t, "the topic page after the delete", `location.pathname.startsWith('/topics/') && !!document.querySelector('[data-testid=flash]')`)
	}
	if _, err := store.FindClaim(ctx, teamClaim); claims.ErrorCode(err) != claims.CodeNotFound {
		t.Fatalf("after the delete, FindClaim: %v, want not found", err)
	}
	logOut(t, s)

	logInAt(t, s, srv.URL, "/trash", "ada")
	row := `[...document.querySelectorAll('table.trash tbody tr')].find((r) => r.querySelector('[data-testid="undelete-` + teamClaim + `"]'))`
	s.waitFor(t, "the deleted claim in the trash", `!!`+row)
	text := eval[string](t, s, row+`.innerText`)
	if !strings.Contains(text, why) || !strings.Contains(text, "bob") || !strings.Contains(text, before.QuantityText) {
		t.Errorf("trash row %q: want the quantity %q, bob and the reason %q", text, before.QuantityText, why)
	}
	s.screenshot(t, "trash-admin", false)
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid="undelete-`+teamClaim+`"]`)))
	s.waitFor(t, "the restore", row+`.innerText.includes('restored')`)
	s.screenshot(t, "trash-restored", false)
	got, err := store.FindClaim(ctx, teamClaim)
	if err != nil {
		t.Fatalf("after undo: %v", err)
	}
	if got.QuantityText != before.QuantityText || got.Version <= before.Version {
		t.Errorf("after undo: %q v%d, want %q at a version after %d", got.QuantityText, got.Version, before.QuantityText, before.Version)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`table.trash a[href="/claims/`+teamClaim+`"]`)))
	s.waitFor(t, "the claim page again", `location.pathname === '/claims/`+teamClaim+`' && !!document.querySelector('main h1')`)
	openHistory(t, s, int(got.Version))
	top := eval[string](t, s, `document.querySelector('[data-testid=history] li.hist').innerText`)
	prev := eval[string](t, s, `document.querySelectorAll('[data-testid=history] li.hist')[1].innerText`)
	if !strings.Contains(top, "restored by ada") || !strings.Contains(prev, "deleted by bob") || !strings.Contains(prev, why) {
		t.Errorf("claim history: top %q, then %q; want restored by ada after deleted by bob with the reason", top, prev)
	}
	s.checkClean(t)
}

// TestAdminUsersAndSourceHistory: an admin adds an analyst and makes a
// token on the users screen; the analyst signs in, edits a source from its
// page, restores its earlier version from the source's history, and edits
// a claimant whose page shows the change with its reason.
func TestAdminUsersAndSourceHistory(t *testing.T) {
	s := startBrowser(t)
	srv, store := teamServer(t, map[string]claims.Role{"ada": claims.RoleAdmin, "old": claims.RoleAnalyst})
	ctx := context.Background()
	claim, err := store.FindClaim(ctx, teamClaim)
	if err != nil {
		t.Fatal(err)
	}
	src, err := store.FindSource(ctx, claim.Provenance.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	who, err := store.FindClaimant(ctx, claim.ClaimantID)
	if err != nil {
		t.Fatal(err)
	}

	logInAt(t, s, srv.URL, "/", "ada")
	s.do(t, chromedp.Click(chromedp.CSS(`[data-nav=users]`)))
	s.waitFor(t, "the users screen", `location.pathname === '/admin/users' && document.querySelectorAll('[data-testid=users] tbody tr').length === 2`)
	s.screenshot(t, "admin-users", true)

	// A short password is refused next to its field; then cleo is added.
	s.do(t, chromedp.SendKeys(chromedp.CSS(`#nu-name`), "cleo"), chromedp.SendKeys(chromedp.CSS(`#nu-password`), "short"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Add a user"] button[type=submit]`)))
	s.waitFor(t, "the password error", `document.querySelector('#nu-password-err').textContent !== ''`)
	if msg := eval[string](t, s, `document.querySelector('#nu-password-err').textContent`); !strings.Contains(msg, "10") {
		t.Errorf("short password: %q, want the rule of at least 10 characters", msg)
	}
	s.screenshot(t, "admin-users-error", false)
	setField(t, s, `#nu-password`, "cleo has a long password")
	s.do(t, chromedp.Click(chromedp.CSS(`form[aria-label="Add a user"] button[type=submit]`)))
	s.waitFor(t, "cleo in the list", `!!document.querySelector('[data-testid=users] tr[data-user=cleo]')`)
	if row := eval[string](t, s, `document.querySelector('[data-testid=users] tr[data-user=cleo]').innerText`); !strings.Contains(row, "analyst") || !strings.Contains(row, "active") {
		t.Errorf("cleo's row %q: want an active analyst", row)
	}

	// Disable old: they can no longer sign in.
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=toggle-old]`)))
	s.waitFor(t, "old disabled", `document.querySelector('[data-testid=users] tr[data-user=old]').innerText.includes('disabled')`)
	if code := call(t, "POST", srv.URL+"/api/v1/session", map[string]string{"name": "old", "password": "old has a long password"}, nil); code != http.StatusUnauthorized {
		t.Errorf("a disabled user signs in: status %d, want 401", code)
	}

	// A token for cleo, shown once, that works until revoked.
	s.do(t, chromedp.SetValue(chromedp.CSS(`#tok-user`), "cleo"), chromedp.SendKeys(chromedp.CSS(`#tok-name`), "cleo's import script"),
		chromedp.Click(chromedp.CSS(`form[aria-label="Create an API token"] button[type=submit]`)))
	s.waitFor(t, "the new token", `!!document.querySelector('[data-testid=token-secret]') && document.querySelectorAll('[data-testid=tokens] tbody tr').length === 1`)
	secret := eval[string](t, s, `document.querySelector('[data-testid=token-secret]').value`)
	if note := eval[string](t, s, `document.querySelector('[data-testid=token-new]').innerText`); !strings.Contains(note, "You will not see it again") {
		t.Errorf("the new token's note %q does not say it is shown once", note)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=copy-token]`)))
	s.waitFor(t, "the copy", `document.querySelector('[data-testid=copy-status]').textContent !== ''`)
	s.screenshot(t, "admin-token-once", true)
	bearer := func() int {
		req, err := http.NewRequest("GET", srv.URL+"/api/v1/session", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+secret)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := bearer(); code != http.StatusOK {
		t.Errorf("the new token: status %d, want 200", code)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=tokens] button[data-testid^=revoke-]`)))
	s.waitFor(t, "the revoked token", `document.querySelector('[data-testid=tokens] tbody tr').innerText.includes('revoked') && !document.querySelector('[data-testid^=revoke-]')`)
	if code := bearer(); code != http.StatusUnauthorized {
		t.Errorf("a revoked token: status %d, want 401", code)
	}
	s.screenshot(t, "admin-token-revoked", true)
	logOut(t, s)

	// cleo reaches the source from the claim's card, edits it and restores
	// the earlier version from the source's history.
	logInAt(t, s, srv.URL, "/claims/"+teamClaim, "cleo")
	s.do(t, chromedp.Click(chromedp.CSS(`article.card .card-pages a[href^="/sources/"]`)))
	s.waitFor(t, "the source page", `location.pathname === '/sources/`+src.ID+`' && document.querySelector('main h1')?.textContent === `+jsString(src.Name)+` && !!document.querySelector('.record-claims article.card')`)
	s.screenshot(t, "source-page", true)
	setField(t, s, `form.editor input[id$="-publisher"]`, "Kommersant Publishing House")
	s.do(t, chromedp.SendKeys(chromedp.CSS(`form.editor [data-testid=reason]`), "the masthead names the publisher"),
		chromedp.Click(chromedp.CSS(`form.editor button[type=submit]`)))
	s.waitFor(t, "the saved source", `!!document.querySelector('[data-testid=flash]') && document.querySelector('.record-facts').textContent.includes('Kommersant Publishing House')`)
	if got, err := store.FindSource(ctx, src.ID); err != nil || got.Publisher != "Kommersant Publishing House" {
		t.Fatalf("after the edit: %+v, %v", got, err)
	}
	h, err := store.History(ctx, "source", src.ID)
	if err != nil {
		t.Fatal(err)
	}
	openHistory(t, s, len(h))
	top := eval[string](t, s, `document.querySelector('[data-testid=history] li.hist').innerText`)
	if !strings.Contains(top, "edited by cleo") || !strings.Contains(top, "the masthead names the publisher") || !strings.Contains(top, "Kommersant Publishing House") {
		t.Errorf("source history %q: want the edit by cleo, its reason and the new publisher", top)
	}
	s.screenshot(t, "source-history", false)
	prevVersion := h[len(h)-2].Version
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=restore-`+strconv.Itoa(int(prevVersion))+`]`)))
	s.waitFor(t, "the restored source", `!!document.querySelector('[data-testid=flash]') && document.querySelector('[data-testid=flash]').textContent.includes('Restored') && !document.querySelector('.record-facts').textContent.includes('Kommersant Publishing House')`)
	got, err := store.FindSource(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Publisher != src.Publisher || got.Version != src.Version+2 {
		t.Errorf("after restoring: publisher %q v%d, want %q at v%d", got.Publisher, got.Version, src.Publisher, src.Version+2)
	}
	openHistory(t, s, len(h)+1)
	if top := eval[string](t, s, `document.querySelector('[data-testid=history] li.hist').innerText`); !strings.Contains(top, "restored by cleo") {
		t.Errorf("source history after the restore: %q", top)
	}
	s.screenshot(t, "source-restored", false)

	// The claimant's page, from a card of the comparison screen.
	s.do(t, chromedp.Navigate(srv.URL+"/topics/"+claim.TopicID))
	sel := `#claim-` + teamClaim + ` .card-pages a[href^="/claimants/"]`
	s.waitFor(t, "the comparison's card", `!!document.querySelector(`+jsString(sel)+`)`)
	s.do(t, chromedp.Click(chromedp.CSS(sel)))
	s.waitFor(t, "the claimant page", `location.pathname === '/claimants/`+who.ID+`' && document.querySelector('main h1')?.textContent === `+jsString(who.Name)+` && !!document.querySelector('.record-claims article.card')`)
	setField(t, s, `form.editor input[id$="-role"]`, "Interior Minister of Russia")
	s.do(t, chromedp.SendKeys(chromedp.CSS(`form.editor [data-testid=reason]`), "his full title"),
		chromedp.Click(chromedp.CSS(`form.editor button[type=submit]`)))
	s.waitFor(t, "the saved claimant", `!!document.querySelector('[data-testid=flash]') && document.querySelector('.record-facts').textContent.includes('Interior Minister of Russia')`)
	ch, err := store.History(ctx, "claimant", who.ID)
	if err != nil {
		t.Fatal(err)
	}
	openHistory(t, s, len(ch))
	top = eval[string](t, s, `document.querySelector('[data-testid=history] li.hist').innerText`)
	if !strings.Contains(top, "edited by cleo") || !strings.Contains(top, "his full title") || !strings.Contains(top, "Interior Minister of Russia") {
		t.Errorf("claimant history %q: want the edit by cleo, its reason and the new role", top)
	}
	s.screenshot(t, "claimant-page", true)
	s.checkClean(t)
}

// TestViewerSeesNoWrites: a viewer gets no users screen, no trash and no
// control to change anything on the source and claimant pages.
func TestViewerSeesNoWrites(t *testing.T) {
	s := startBrowser(t)
	srv, store := teamServer(t, map[string]claims.Role{"ada": claims.RoleAdmin, "ann": claims.RoleViewer})
	ctx := context.Background()
	claim, err := store.FindClaim(ctx, teamClaim)
	if err != nil {
		t.Fatal(err)
	}
	src := "/sources/" + claim.Provenance.SourceID
	lines := func(kind, id string) int {
		h, err := store.History(ctx, kind, id)
		if err != nil {
			t.Fatal(err)
		}
		return len(h)
	}
	logInAt(t, s, srv.URL, src, "ann")
	s.waitFor(t, "the source's claims", `!!document.querySelector('.record-claims article.card')`)
	openHistory(t, s, lines("source", claim.Provenance.SourceID))
	noWrites := `document.querySelector('[data-nav=users]').offsetParent === null && document.querySelector('[data-nav=trash]').offsetParent === null &&
		document.querySelector('[data-nav=new]').offsetParent === null &&
		[...document.querySelectorAll('form.editor, .deleter, [data-testid^=restore-]')].every((e) => e.offsetParent === null) &&
		![...document.querySelectorAll('main button')].some((b) => b.offsetParent !== null)`
	if !eval[bool](t, s, noWrites) {
		t.Errorf("a viewer sees a write control on the source page: %s", eval[string](t, s, `[...document.querySelectorAll('main button, main form')].filter((b) => b.offsetParent !== null).map((b) => b.outerHTML.slice(0, 80)).join('\n')`))
	}
	s.screenshot(t, "viewer-source", true)
	s.do(t, chromedp.Click(chromedp.CSS(`article.card .card-pages a[href^="/claimants/"]`)))
	s.waitFor(t, "the claimant page", `location.pathname.startsWith('/claimants/') && !!document.querySelector('.record-claims article.card')`)
	openHistory(t, s, lines("claimant", claim.ClaimantID))
	if !eval[bool](t, s, noWrites) {
		t.Error("a viewer sees a write control on the claimant page")
	}
	// On a phone the pages fit the screen's width.
	s.do(t, chromedp.EmulateViewport(360, 780))
	for _, p := range []string{src, "/claimants/" + claim.ClaimantID} {
		s.do(t, chromedp.Navigate(srv.URL+p))
		s.waitFor(t, p+" rendered", `!!document.querySelector('.record-claims article.card')`)
		if w := eval[[]int](t, s, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
			t.Errorf("%s at 360 px: page is %d px wide, viewport %d", p, w[0], w[1])
		}
	}
	s.screenshot(t, "viewer-claimant-360", true)
	s.do(t, chromedp.EmulateViewport(1360, 900))
	s.do(t, chromedp.Navigate(srv.URL+"/admin/users"))
	s.waitFor(t, "the refusal", `!!document.querySelector('main h1') && !!document.querySelector('main [role=alert]')`)
	if eval[bool](t, s, `!!document.querySelector('[data-testid=users]')`) {
		t.Error("a viewer sees the list of users")
	}
	s.screenshot(t, "viewer-users", false)
	if code := call(t, "GET", srv.URL+"/api/v1/users", nil, nil); code != http.StatusUnauthorized {
		t.Errorf("GET /users without a session: %d, want 401", code)
	}
	s.checkClean(t)
}

// TestUsersScreenLocal: a claimdesk without accounts runs open, and its
// users screen says how to make the first admin instead of failing.
func TestUsersScreenLocal(t *testing.T) {
	s := startBrowser(t)
	srv := newServer(t, false)
	s.do(t, chromedp.Navigate(srv.URL+"/admin/users"))
	s.waitFor(t, "the local-mode note", `!!document.querySelector('[data-testid=no-accounts]')`)
	if text := eval[string](t, s, `document.querySelector('[data-testid=no-accounts]').innerText`); !strings.Contains(text, "claimdesk user add --role admin") {
		t.Errorf("local-mode users screen %q: want the command that makes the first admin", text)
	}
	s.screenshot(t, "admin-users-local", false)
	s.checkClean(t)
}
