// The review inbox: conflicts across topics, most severe first, with
// reviewed and dismissed actions.

import { h, replace } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import * as data from '../data.js';

// review records the analyst's verdict: a pair has one review, so an
// existing one is patched at its version.
async function review(c, status, resolution) {
  const body = { claim_a: c.claim_a, claim_b: c.claim_b, status, resolution };
  try {
    return await api.post('/reviews', body);
  } catch (err) {
    if (!(err instanceof api.APIError) || err.status !== 409) throw err;
  }
  const existing = (await api.all('/reviews', { claim_id: c.claim_a }))
    .find((r) => r.claim_a === c.claim_a && r.claim_b === c.claim_b);
  if (!existing) throw new api.APIError(409, { detail: 'the review of this pair changed meanwhile: reload the page' });
  return api.patch(`/reviews/${encodeURIComponent(existing.id)}`, { status, resolution }, existing.version);
}

/** render lists conflicts filtered by ?status= and ?min_severity=. */
export async function render(ctx) {
  ctx.setTitle('Conflicts');
  const status = ctx.query.get('status') || '';
  const minSev = ctx.query.get('min_severity') || '';
  let list;
  try {
    list = (await api.get('/conflicts', { status, min_severity: minSev })).items;
  } catch (err) {
    if (err instanceof api.APIError && err.missingEndpoint) {
      return h('div', null, h('h1', null, 'Conflicts'), h('p', { class: 'notice' }, 'This server does not list conflicts yet (GET /api/v1/conflicts). Open a topic to see its claims.'));
    }
    throw err;
  }
  list.sort((a, b) => b.severity - a.severity);
  const topics = new Map((await api.all('/topics')).map((t) => [t.id, t]));
  const label = async (cid) => {
    try {
      const c = await api.get(`/claims/${encodeURIComponent(cid)}`);
      const who = await data.claimant(c.claimant_id);
      return `${who ? who.name : c.claimant_id}: ${c.quantity_text}`;
    } catch (e) {
      return cid;
    }
  };
  const names = new Map();
  await Promise.all([...new Set(list.flatMap((c) => [c.claim_a, c.claim_b]))].map(async (id) => names.set(id, await label(id))));
  const filters = h('p', { class: 'sortbar' }, 'Show: ',
    [['open', 'open'], ['reviewed', 'reviewed'], ['dismissed', 'dismissed'], ['', 'all']].map(([v, t]) => [
      h('a', { href: v ? `/conflicts?status=${v}` : '/conflicts', 'aria-current': status === v ? 'true' : null }, t), ' ']));
  const items = list.map((c) => {
    const cls = fmt.severityClass(c.severity);
    const res = h('input', { 'aria-label': 'Resolution note (required to dismiss)', placeholder: 'Resolution: why it stands or is not real' });
    const state = h('span', { role: 'status', class: 'muted' });
    // Offer only the moves that change something: an open conflict cannot
    // be reopened, a dismissed one cannot be dismissed again.
    const buttons = {};
    const sync = () => {
      const st = c.status || 'open';
      for (const [to, b] of Object.entries(buttons)) b.hidden = to === st;
    };
    const act = (st) => async () => {
      try {
        await review(c, st, res.value);
        c.status = st;
        sync();
        res.removeAttribute('aria-invalid');
        state.textContent = `Marked ${st}.`;
      } catch (err) {
        const bad = err.fields && err.fields.find((f) => f.field === 'resolution');
        if (bad) {
          res.setAttribute('aria-invalid', 'true');
          res.focus();
        }
        state.textContent = bad ? `Resolution ${bad.detail}` : err.message;
      }
    };
    const t = topics.get(c.topic_id);
    const li = h('li', { class: `conflict-item ${cls}` },
      h('span', { class: 'sev-badge' }, h('span', { class: `sev-icon ${cls}`, 'aria-hidden': 'true' }), `${fmt.severityLabel(c.severity)} · ${fmt.factor(c.severity)}`),
      h('span', { class: 'kind' }, fmt.label(c.kind), c.status && c.status !== 'open' ? h('span', { class: 'tag' }, c.status) : null),
      h('span', { class: 'expl' }, c.explanation),
      h('span', { class: 'pair' }, t ? [h('a', { href: `/topics/${encodeURIComponent(t.id)}` }, t.title), ': '] : null,
        h('a', { href: `/claims/${encodeURIComponent(c.claim_a)}` }, names.get(c.claim_a)), ' vs ',
        h('a', { href: `/claims/${encodeURIComponent(c.claim_b)}` }, names.get(c.claim_b))),
      h('span', { class: 'actions' }, res,
        buttons.reviewed = h('button', { type: 'button', onclick: act('reviewed') }, 'Conflict stands'),
        buttons.dismissed = h('button', { type: 'button', onclick: act('dismissed') }, 'Dismiss'),
        buttons.open = h('button', { type: 'button', onclick: act('open') }, 'Reopen'), state));
    sync();
    return li;
  });
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Conflicts'),
      h('p', { class: 'summary-line' }, `${list.length} conflict${list.length === 1 ? '' : 's'}, most severe first`))),
    filters,
    list.length ? h('ol', { class: 'conflict-list' }, items) : h('p', { class: 'empty' }, 'Nothing to review.'));
}
