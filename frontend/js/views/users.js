// The admins' screen of users and API tokens: who may sign in and with
// what role, adding and disabling users, and tokens for scripts, whose
// secret is shown once, when made (the server keeps only its hash).

import { h, replace } from '../dom.js';
import * as api from '../api.js';
import * as auth from '../auth.js';
import { fieldErrors, clearErrors } from '../forms.js';

const ROLES = ['viewer', 'analyst', 'admin'];
const EXPIRY = [['', 'never'], ['720h', 'in 30 days'], ['2160h', 'in 90 days'], ['8760h', 'in a year']];

const when = (t) => (t ? new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '');

function tokenState(t) {
  if (t.revoked_at) return h('span', { class: 'tag' }, `revoked ${when(t.revoked_at)}`);
  if (t.expires_at && new Date(t.expires_at) <= new Date()) return h('span', { class: 'tag' }, `expired ${when(t.expires_at)}`);
  return h('span', { class: 'tag status-reviewed' }, t.expires_at ? `active until ${when(t.expires_at)}` : 'active, never expires');
}

/** secretBox shows a new token's secret once, with a copy button. */
function secretBox(tok, onDone) {
  const field = h('input', { id: 'token-secret', readonly: true, value: tok.secret, class: 'secret', 'data-testid': 'token-secret', spellcheck: 'false', autocomplete: 'off' });
  const said = h('span', { role: 'status', 'data-testid': 'copy-status' });
  const copy = h('button', { type: 'button', class: 'primary', 'data-testid': 'copy-token' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(tok.secret);
      said.textContent = 'Copied ✓';
    } catch (err) {
      field.focus();
      field.select();
      said.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  });
  const done = h('button', { type: 'button' }, 'I have copied it');
  done.addEventListener('click', onDone);
  return h('div', { class: 'token-new', role: 'alert', 'data-testid': 'token-new' },
    h('p', null, h('strong', null, `Token “${tok.name}” for ${tok.user_name}: copy it now. You will not see it again.`),
      ' claimdesk keeps only a hash of it. Scripts send it as ', h('code', null, 'Authorization: Bearer …'), '.'),
    h('div', { class: 'secret-row' }, h('label', { for: 'token-secret', class: 'visually-hidden' }, 'New token'), field, copy, said),
    h('div', { class: 'form-actions' }, done));
}

/** render is the users and tokens screen, for admins. */
export async function render(ctx) {
  ctx.setTitle('Users and tokens');
  const head = h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Users and tokens'),
    h('p', { class: 'muted' }, 'Who may sign in, with which role, and the API tokens scripts use. Only admins see this page.')));
  if (!auth.can('admin')) {
    return h('div', null, head, h('p', { class: 'error-box', role: 'alert' }, 'Only an admin can manage users and tokens.'));
  }
  let users;
  let tokens;
  try {
    [users, tokens] = await Promise.all([api.get('/users'), api.get('/tokens')]);
  } catch (err) {
    if (err.status === 404 && !err.missingEndpoint) {
      return h('div', null, head, h('div', { class: 'panel', 'data-testid': 'no-accounts' },
        h('p', null, h('strong', null, 'This claimdesk has no user accounts: '), 'it runs open for one analyst on this machine.'),
        h('p', null, 'To share it with a team, create the first admin on the command line, then restart claimdesk:'),
        h('pre', null, h('code', null, 'claimdesk user add --role admin NAME'))));
    }
    throw err;
  }
  users = users.items;
  tokens = tokens.items;
  const reload = () => ctx.navigate(location.pathname, { replace: true });
  const flash = h('p', { class: 'flash', role: 'status', hidden: true, 'data-testid': 'users-flash' });
  const say = (msg) => {
    flash.textContent = msg;
    flash.hidden = !msg;
  };

  // Users.
  const userRow = (u) => {
    const me = auth.me && auth.me.name === u.name;
    // Nobody disables themselves here: they would be signed out at once.
    const toggle = me ? null : h('button', { type: 'button', class: u.disabled ? '' : 'danger', 'data-testid': `toggle-${u.name}` }, u.disabled ? 'Enable' : 'Disable');
    const err = h('span', { class: 'err', role: 'alert' });
    if (toggle) toggle.addEventListener('click', async () => {
      err.textContent = '';
      try {
        await api.patch(`/users/${encodeURIComponent(u.name)}`, { disabled: !u.disabled });
        say(u.disabled ? `${u.name} can sign in again.` : `${u.name} is disabled: their sessions and tokens stop working now.`);
        await redraw();
      } catch (e) {
        err.textContent = ` ${e.message}`;
      }
    });
    return h('tr', { dataset: { user: u.name }, class: u.disabled ? 'disabled' : '' },
      h('td', null, h('strong', null, u.name), me ? h('span', { class: 'muted' }, ' (you)') : null),
      h('td', null, u.role),
      h('td', null, u.disabled ? h('span', { class: 'tag' }, 'disabled') : h('span', { class: 'tag status-reviewed' }, 'active')),
      h('td', null, when(u.created_at)),
      h('td', null, toggle, err));
  };
  const userBody = h('tbody');

  const tokenRow = (t) => {
    const live = !t.revoked_at && !(t.expires_at && new Date(t.expires_at) <= new Date());
    let action = null;
    if (live) {
      action = h('button', { type: 'button', class: 'danger', 'data-testid': `revoke-${t.id}` }, 'Revoke');
      const err = h('span', { class: 'err', role: 'alert' });
      action.addEventListener('click', async () => {
        try {
          await api.del(`/tokens/${encodeURIComponent(t.id)}`);
          say(`Token “${t.name}” of ${t.user_name} is revoked: it no longer works.`);
          await redraw();
        } catch (e) {
          err.textContent = ` ${e.message}`;
        }
      });
      action = [action, err];
    }
    return h('tr', { dataset: { token: t.id } },
      h('td', null, t.name), h('td', null, t.user_name || t.user_id), h('td', null, when(t.created_at)),
      h('td', null, tokenState(t)), h('td', null, action));
  };
  const tokenBody = h('tbody');
  const tokenTable = h('table', { class: 'data', 'data-testid': 'tokens' },
    h('thead', null, h('tr', null, ['Name', 'User', 'Created', 'State', ''].map((t) => h('th', null, t)))), tokenBody);
  const noTokens = h('p', { class: 'empty' }, 'No API tokens yet. Make one below for a script or another tool.');

  const tokenUser = h('select', { id: 'tok-user', 'aria-describedby': 'tok-user-err' });
  const draw = () => {
    replace(userBody, users.map(userRow));
    replace(tokenBody, tokens.map(tokenRow));
    tokenTable.hidden = !tokens.length;
    noTokens.hidden = Boolean(tokens.length);
    const keep = tokenUser.value;
    replace(tokenUser, users.filter((u) => !u.disabled).map((u) => h('option', { value: u.name, selected: u.name === keep }, `${u.name} (${u.role})`)));
  };
  const redraw = async () => {
    [users, tokens] = await Promise.all([api.get('/users').then((r) => r.items), api.get('/tokens').then((r) => r.items)]);
    draw();
  };

  // Add a user.
  const uName = h('input', { id: 'nu-name', autocomplete: 'off', 'aria-describedby': 'nu-name-hint nu-name-err', spellcheck: 'false' });
  const uRole = h('select', { id: 'nu-role', 'aria-describedby': 'nu-role-hint nu-role-err' }, ROLES.map((v) => h('option', { value: v, selected: v === 'analyst' }, v)));
  const uPw = h('input', { id: 'nu-password', type: 'password', autocomplete: 'new-password', 'aria-describedby': 'nu-password-hint nu-password-err' });
  const addForm = h('form', { class: 'form', 'aria-label': 'Add a user', novalidate: true },
    h('div', { class: 'grid-fields' },
      h('div', { class: 'field' }, h('label', { for: 'nu-name' }, 'Name'), uName,
        h('span', { class: 'hint', id: 'nu-name-hint' }, 'Letters, digits, - or _; used to sign in.'), h('p', { class: 'err', id: 'nu-name-err' })),
      h('div', { class: 'field' }, h('label', { for: 'nu-role' }, 'Role'), uRole,
        h('span', { class: 'hint', id: 'nu-role-hint' }, 'A viewer reads; an analyst also writes; an admin also manages users, tokens and the trash.'), h('p', { class: 'err', id: 'nu-role-err' })),
      h('div', { class: 'field' }, h('label', { for: 'nu-password' }, 'Password'), uPw,
        h('span', { class: 'hint', id: 'nu-password-hint' }, 'At least 10 characters. Tell it to them privately.'), h('p', { class: 'err', id: 'nu-password-err' }))),
    h('p', { class: 'form-error err', role: 'alert', tabindex: '-1' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add user')));
  addForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(addForm);
    try {
      const u = await api.post('/users', { name: uName.value.trim(), role: uRole.value, password: uPw.value });
      uName.value = '';
      uPw.value = '';
      say(`Added ${u.name} as ${u.role}. They can sign in now.`);
      await redraw();
    } catch (err) {
      fieldErrors(addForm, err, { name: 'nu-name', role: 'nu-role', password: 'nu-password' });
    }
  });

  // Create a token.
  const tName = h('input', { id: 'tok-name', autocomplete: 'off', placeholder: 'e.g. nightly import script', 'aria-describedby': 'tok-name-err' });
  const tExp = h('select', { id: 'tok-expires', 'aria-describedby': 'tok-expires-err' }, EXPIRY.map(([v, t]) => h('option', { value: v }, t)));
  const secret = h('div');
  const tokForm = h('form', { class: 'form', 'aria-label': 'Create an API token', novalidate: true },
    h('div', { class: 'grid-fields' },
      h('div', { class: 'field' }, h('label', { for: 'tok-user' }, 'Acts as user'), tokenUser, h('p', { class: 'err', id: 'tok-user-err' })),
      h('div', { class: 'field' }, h('label', { for: 'tok-name' }, 'Name'), tName, h('p', { class: 'err', id: 'tok-name-err' })),
      h('div', { class: 'field' }, h('label', { for: 'tok-expires' }, 'Expires'), tExp, h('p', { class: 'err', id: 'tok-expires-err' }))),
    h('p', { class: 'form-error err', role: 'alert', tabindex: '-1' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create token')));
  tokForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(tokForm);
    try {
      const tok = await api.post('/tokens', { user: tokenUser.value, name: tName.value.trim(), expires_in: tExp.value });
      tName.value = '';
      say('');
      replace(secret, secretBox(tok, () => replace(secret)));
      await redraw();
      secret.querySelector('input').select();
    } catch (err) {
      fieldErrors(tokForm, err, { user: 'tok-user', name: 'tok-name', expires_in: 'tok-expires' });
    }
  });

  draw();
  return h('div', { class: 'admin-users' }, head, flash,
    h('section', { class: 'panel', 'aria-labelledby': 'users-h' }, h('h2', { id: 'users-h' }, `Users`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'users' },
        h('thead', null, h('tr', null, ['Name', 'Role', 'State', 'Created', ''].map((t) => h('th', null, t)))), userBody)),
      h('h3', null, 'Add a user'), addForm),
    h('section', { class: 'panel', 'aria-labelledby': 'tokens-h' }, h('h2', { id: 'tokens-h' }, 'API tokens'),
      h('p', { class: 'muted' }, 'A token acts as its user, with their role, until it is revoked or expires. A disabled user’s tokens stop working.'),
      secret, h('div', { class: 'table-wrap' }, tokenTable), noTokens,
      h('h3', null, 'Create a token'), tokForm));
}
