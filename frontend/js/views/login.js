// The log-in page: a name and a password, answered by a session cookie.

import { h } from '../dom.js';
import * as auth from '../auth.js';

export async function render(ctx) {
  ctx.setTitle('Log in');
  const name = h('input', { id: 'login-name', autocomplete: 'username', required: true });
  const pw = h('input', { id: 'login-password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('p', { class: 'err', role: 'alert', 'data-testid': 'login-error' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'form login', 'aria-label': 'Log in' },
    h('div', { class: 'field' }, h('label', { for: 'login-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), pw),
    msg, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    submit.disabled = true;
    try {
      await auth.logIn(name.value.trim(), pw.value);
      const next = ctx.query.get('next');
      ctx.navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      msg.textContent = err.message;
      pw.select();
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', { class: 'narrow' }, h('h1', null, 'Log in to claimdesk'), form,
    h('p', { class: 'muted' }, 'Accounts are made by an admin: claimdesk user add --role analyst NAME.'));
}
