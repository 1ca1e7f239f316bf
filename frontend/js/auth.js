// auth.js knows who is signed in: GET /api/v1/session at start, the user
// bar in the header (name, role, log out), the CSRF token of the session
// cookie for api.js, and the role on <body data-role> that the stylesheet
// uses to hide what the role cannot do (the API refuses it anyway).

import { h, replace } from './dom.js';
import * as api from './api.js';

const RANK = { viewer: 1, analyst: 2, admin: 3 };

/** me is the signed-in user {name, role, via}, or null. */
export let me = null;

/** can reports whether the signed-in user has at least role. */
export function can(role) {
  return Boolean(me) && (RANK[me.role] || 0) >= RANK[role];
}

function bar() {
  const el = document.getElementById('user');
  if (!el) return;
  if (!me) {
    replace(el);
    return;
  }
  const out = h('button', { type: 'button', class: 'linkish', 'data-testid': 'logout' }, 'Log out');
  out.addEventListener('click', async () => {
    try {
      await api.del('/session');
    } finally {
      me = null;
      api.setCSRF('');
      document.body.dataset.role = 'none';
      bar();
      // main.js renders on popstate: the log-in page, without a reload.
      history.pushState(null, '', '/login');
      window.dispatchEvent(new PopStateEvent('popstate'));
    }
  });
  if (me.via === 'open') {
    // No accounts exist: the server's one local user has no name worth
    // showing ("local admin"), only the fact that nobody signs in.
    replace(el, h('span', {
      class: 'muted', 'data-testid': 'open-mode',
      title: 'No user accounts exist: this claimdesk runs open for whoever uses this machine. Add a user under Users (or with claimdesk user add) to require sign-in.',
    }, 'Single-user mode: no sign-in'));
    return;
  }
  replace(el,
    h('span', { 'data-testid': 'whoami' }, me.name), ' ', h('span', { class: 'tag role' }, me.role),
    me.via === 'session' ? [' ', out] : null);
}

function mark() {
  document.body.dataset.role = me ? me.role : 'none';
  bar();
}

/** load asks the server who is signed in; false means a log-in is needed. */
export async function load() {
  try {
    me = await api.get('/session');
    api.setCSRF(me.csrf_token);
  } catch (err) {
    me = null;
    if (!(err instanceof api.APIError) || err.status !== 401) throw err;
  }
  mark();
  return me !== null;
}

/** logIn signs in with a name and password. */
export async function logIn(name, password) {
  me = await api.post('/session', { name, password });
  api.setCSRF(me.csrf_token);
  mark();
  return me;
}
