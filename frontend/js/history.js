// history.js is the history tab of a record: every change with its
// author, time, reason and what it changed, and "Restore this version"
// for analysts; and the admins' trash, where a delete is undone in one
// click.

import { h, replace } from './dom.js';
import * as api from './api.js';
import * as fmt from './format.js';
import * as auth from './auth.js';

// Members every change touches, left out of the diff.
// parsed_interval and parser_version follow quantity_text, which the diff shows.
const NOISE = new Set(['version', 'updated_at', 'created_at', 'parsed_interval', 'parser_version']);

const show = (v) => {
  if (v === undefined || v === null || v === '') return '(empty)';
  if (typeof v === 'object' && !Array.isArray(v) && ('low' in v || 'high' in v)) return fmt.interval(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join(', ') || '(none)';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** diff lists the members a change altered: [{key, before, after}]. */
export function diff(before, after) {
  const b = before || {};
  const a = after || {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !NOISE.has(k));
  return keys.filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ key: k, before: b[k], after: a[k] }));
}

const when = (t) => new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

const ACTION = { create: 'created', update: 'edited', delete: 'deleted', restore: 'restored' };

/**
 * panel returns the history of the record at path (/claims/ID) as a
 * disclosure that reads it when first opened, so a screen still costs one
 * request; onRestored runs after a restore.
 */
export function panel({ path, summary = 'Show every change', onRestored }) {
  const list = h('ol', { class: 'history', reversed: true, 'data-testid': 'history' });
  const msg = h('p', { class: 'err', role: 'alert' });
  const load = async () => {
    let lines;
    try {
      lines = (await api.get(`${path}/history`)).items;
    } catch (err) {
      replace(list, h('li', { class: 'err' }, err.message));
      return;
    }
    const latest = lines.length ? lines[lines.length - 1].version : 0;
    replace(list, lines.slice().reverse().map((l) => {
      const changes = l.action === 'create' ? [] : diff(l.before, l.after);
      let restore = null;
      if (auth.can('analyst') && l.after && l.version !== latest) {
        restore = h('button', { type: 'button', class: 'needs-analyst', 'data-testid': `restore-${l.version}` }, 'Restore this version');
        restore.addEventListener('click', async () => {
          msg.textContent = '';
          try {
            await api.post(`${path}/restore`, { version: l.version, reason: `back to version ${l.version}` });
            if (onRestored) await onRestored();
            await load();
          } catch (err) {
            msg.textContent = err.message;
          }
        });
      }
      return h('li', { class: `hist hist-${l.action}`, dataset: { version: l.version } },
        h('div', null, h('strong', null, `Version ${l.version}`), ' ',
          `${ACTION[l.action] || l.action} by `, h('strong', { class: 'hist-actor' }, l.actor), ' ',
          h('time', { datetime: l.at, title: l.at }, when(l.at)),
          l.restored_from ? h('span', { class: 'muted' }, ` (from version ${l.restored_from})`) : null),
        l.reason ? h('div', { class: 'hist-reason' }, '“', l.reason, '”') : null,
        changes.length ? h('ul', { class: 'hist-diff' }, changes.map((c) => h('li', null,
          h('span', { class: 'hist-key' }, fmt.label(c.key)), ': ',
          h('del', null, show(c.before)), ' → ', h('ins', null, show(c.after))))) : null,
        restore);
    }));
  };
  const box = h('details', { class: 'history-box', 'data-testid': 'history-box' }, h('summary', null, summary), list, msg);
  let loaded = false;
  box.addEventListener('toggle', () => {
    if (box.open && !loaded) {
      loaded = true;
      load();
    }
  });
  return { node: box, reload: load };
}

/** trash is the admins' view of deleted records, each with Restore. */
export async function trash(ctx) {
  ctx.setTitle('Trash');
  const items = (await api.get('/trash')).items;
  const seg = { topic: 'topics', source: 'sources', claimant: 'claimants', claim: 'claims', link: 'links', review: 'reviews' };
  const rows = items.map((l) => {
    const rec = l.before || {};
    const title = rec.title || rec.name || rec.quote || rec.quantity_text || l.record_id;
    const btn = h('button', { type: 'button', class: 'primary', 'data-testid': `undelete-${l.record_id}` }, 'Restore');
    const out = h('span', { role: 'status' });
    btn.addEventListener('click', async () => {
      try {
        await api.post(`/trash/${seg[l.kind]}/${encodeURIComponent(l.record_id)}/restore`);
        btn.disabled = true;
        const page = { claim: 'claims', source: 'sources', claimant: 'claimants', topic: 'topics' }[l.kind];
        replace(out, ' restored ✓ ', page ? h('a', { href: `/${page}/${encodeURIComponent(l.record_id)}` }, 'open it') : null);
      } catch (err) {
        out.textContent = ` ${err.message}`;
      }
    });
    return h('tr', null, h('td', null, fmt.label(l.kind)), h('td', null, title),
      h('td', null, l.actor), h('td', null, when(l.at)), h('td', null, l.reason || ''),
      h('td', null, l.cause ? `with ${l.cause}` : ''), h('td', null, btn, out));
  });
  return h('div', null, h('h1', null, 'Trash'),
    h('p', { class: 'muted' }, 'Deleted records are hidden from every list and comparison. Restoring one brings it back as it was, with what was deleted along with it.'),
    rows.length ? h('table', { class: 'trash' },
      h('thead', null, h('tr', null, ['Kind', 'Record', 'Deleted by', 'When', 'Reason', '', ''].map((t) => h('th', null, t)))),
      h('tbody', null, rows)) : h('p', null, 'The trash is empty.'));
}
