// The topics screen: every topic with its claims, open conflicts and
// spread; search and filter; a small form to start a topic.

import { h, replace, debounce, focusItem } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import { fieldErrors } from '../forms.js';
import { setFlash, takeFlash } from '../editor.js';
import { scopeInputs } from '../topicscope.js';

async function load() {
  try {
    return { topics: await api.all('/topics', { include: 'summary' }, Infinity), full: true };
  } catch (err) {
    if (!(err instanceof api.APIError) || err.status !== 422) throw err;
  }
  // The server has no summaries yet: count the claims ourselves.
  const [topics, claims] = await Promise.all([api.all('/topics', {}, Infinity), api.all('/claims')]);
  for (const t of topics) {
    const mine = claims.filter((c) => c.topic_id === t.id);
    const centrals = mine.filter((c) => c.interval && c.rank !== 'deprecated').map((c) => fmt.central(c.interval)).filter((v) => v > 0);
    t.summary = { claim_count: mine.length, open_conflicts: null, spread: centrals.length > 1 ? Math.max(...centrals) / Math.min(...centrals) : 1 };
  }
  return { topics, full: false };
}

/** tree orders topics parent first, children indented under them. */
function tree(topics) {
  const kids = new Map();
  const ids = new Set(topics.map((t) => t.id));
  for (const t of topics) {
    const p = t.parent_id && ids.has(t.parent_id) ? t.parent_id : '';
    if (!kids.has(p)) kids.set(p, []);
    kids.get(p).push(t);
  }
  const out = [];
  const walk = (p, depth) => {
    for (const t of kids.get(p) || []) {
      out.push({ t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

/** words are a title's words of three letters or more. */
const words = (title) => new Set(fmt.slug(title).split('-').filter((w) => w.length > 2));

/**
 * similarTopics returns the topics whose title is close to title: the same
 * slug, a slug a few typing slips away, or most words shared.
 */
export function similarTopics(title, topics) {
  const sl = fmt.slug(title);
  if (sl.length < 4) return [];
  const mine = words(title);
  return topics.filter((t) => {
    const other = fmt.slug(t.title);
    if (other === sl || fmt.editDistance(other, sl) <= Math.max(2, Math.floor(sl.length / 8))) return true;
    const theirs = words(t.title);
    const shared = [...mine].filter((w) => theirs.has(w)).length;
    return shared >= 2 && shared / new Set([...mine, ...theirs]).size >= 0.6;
  });
}

function newTopicForm(ctx, topics) {
  const err = h('p', { class: 'err', id: 'nt-title-err' });
  const title = h('input', { id: 'nt-title', name: 'title', required: true, 'aria-describedby': 'nt-title-err nt-similar', autocomplete: 'off' });
  const unit = h('input', { id: 'nt-unit', name: 'unit', value: 'people' });
  const additive = h('input', { id: 'nt-additive', type: 'checkbox', checked: true });
  const wikidata = h('input', { id: 'nt-wikidata', name: 'wikidata_id', placeholder: 'Q42', autocomplete: 'off', 'aria-describedby': 'nt-wikidata-help nt-wikidata-err' });
  const scope = scopeInputs('nt');
  const similar = h('div', { class: 'similar warn-box', id: 'nt-similar', 'aria-live': 'polite', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create topic');
  let warned = '';
  const check = () => {
    const close = similarTopics(title.value, topics);
    similar.hidden = !close.length;
    replace(similar, close.length ? [h('strong', null, `${close.length === 1 ? 'A topic' : `${close.length} topics`} with a close title already exist${close.length === 1 ? 's' : ''}: `),
      close.slice(0, 5).map((t, i) => [i ? ', ' : '', h('a', { href: fmt.topicHref(t) }, t.title)]),
      '. Add the claims there, or say in the title how this topic differs.'] : []);
    if (warned !== title.value) submit.textContent = 'Create topic';
    return close;
  };
  title.addEventListener('input', debounce(check, 120));
  const form = h('form', { class: 'mini', 'aria-label': 'New topic' },
    h('div', { class: 'row2' },
      h('div', { class: 'field' }, h('label', { for: 'nt-title' }, 'Title'), title, err),
      h('div', { class: 'field' }, h('label', { for: 'nt-unit' }, 'Unit'), unit, h('p', { class: 'err', id: 'nt-unit-err' })),
      h('div', { class: 'field' }, h('label', { for: 'nt-wikidata' }, 'Wikidata item'), wikidata,
        h('p', { class: 'muted', id: 'nt-wikidata-help' }, 'Optional: the item the figures are about, the subject of the QuickStatements export.'),
        h('p', { class: 'err', id: 'nt-wikidata-err' }))),
    similar,
    h('div', null, additive, ' ', h('label', { for: 'nt-additive' }, 'Counts add up across places (a count for Syria cannot exceed one for Syria and Iraq)')),
    h('div', { class: 'row2' }, scope.nodes),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    // A close title is confirmed by a second press: "Create anyway".
    if (check().length && warned !== title.value) {
      warned = title.value;
      submit.textContent = 'Create anyway';
      similar.querySelector('a').focus();
      return;
    }
    try {
      const t = await api.post('/topics', { title: title.value, unit: unit.value, additive: additive.checked, wikidata_id: wikidata.value, ...scope.get() });
      setFlash(`Topic created: ${t.title}.`);
      ctx.navigate(`/topics/${encodeURIComponent(t.id)}`);
    } catch (ex) {
      fieldErrors(form, ex, { title: 'nt-title', unit: 'nt-unit', wikidata_id: 'nt-wikidata', ...scope.errorIds });
    }
  });
  return form;
}

// SHOWN is how many rows the table draws at first and at each "Show more":
// every topic is read, so the counts and the search cover them all, but
// ten thousand rows took seconds to draw at every keystroke.
export const SHOWN = 300;

/** render lists the topics. */
export async function render(ctx) {
  ctx.setTitle('Topics');
  const { topics, full } = await load();
  const qInput = h('input', { id: 'tq', type: 'search', placeholder: 'title, description, tag', value: ctx.query.get('q') || '', autocomplete: 'off' });
  const onlyConflicts = h('input', { id: 'tc', type: 'checkbox', checked: ctx.query.get('conflicts') === '1' });
  const tbody = h('tbody');
  const count = h('p', { class: 'muted', role: 'status' });
  let limit = SHOWN;
  const more = h('button', { type: 'button', hidden: true, 'data-testid': 'more-topics', onclick: () => {
    const from = limit;
    limit += SHOWN;
    draw();
    focusItem(tbody.rows[from]);
  } });
  const draw = () => {
    const q = qInput.value.trim().toLowerCase();
    const rows = tree(topics).filter(({ t }) => {
      const text = `${t.title} ${t.description} ${(t.tags || []).join(' ')}`.toLowerCase();
      if (q && !text.includes(q)) return false;
      if (onlyConflicts.checked && !(t.summary && t.summary.open_conflicts > 0)) return false;
      return true;
    });
    replace(tbody, rows.slice(0, limit).map(({ t, depth }) => {
      const sm = t.summary || {};
      return h('tr', { class: `indent-${Math.min(depth, 3)}`, dataset: { topic: t.id } },
        h('td', { class: 'topic-title' }, h('a', { href: fmt.topicHref(t) }, t.title),
          t.measure && h('span', { class: 'desc' }, `${t.measure} · ${t.unit}`)),
        h('td', { class: 'num', 'data-col': 'claims' }, fmt.num(sm.claim_count)),
        h('td', { class: 'num', 'data-col': 'conflicts' }, sm.open_conflicts === null || sm.open_conflicts === undefined ? '–'
          : sm.open_conflicts > 0 ? h('span', { class: `sev-badge ${fmt.severityClass(sm.worst_severity || 5)}` }, fmt.num(sm.open_conflicts)) : '0'),
        h('td', { class: 'num', 'data-col': 'spread' }, sm.spread ? fmt.factor(sm.spread) : ''),
        h('td', { class: 'hide-narrow' }, (t.tags || []).map((g) => h('span', { class: 'badge' }, g)), ' '));
    }));
    count.textContent = `${fmt.num(rows.length)} of ${fmt.num(topics.length)} topics${rows.length > limit ? `, the first ${fmt.num(limit)} shown: type a few words to narrow` : ''}`;
    more.hidden = rows.length <= limit;
    more.textContent = `Show ${fmt.num(Math.min(SHOWN, rows.length - limit))} more`;
    const p = new URLSearchParams();
    if (qInput.value) p.set('q', qInput.value);
    if (onlyConflicts.checked) p.set('conflicts', '1');
    history.replaceState(null, '', p.toString() ? `/?${p}` : '/');
  };
  const redraw = () => { limit = SHOWN; draw(); };
  qInput.addEventListener('input', debounce(redraw, 120));
  onlyConflicts.addEventListener('change', redraw);
  draw();
  const newBox = h('div', { hidden: true });
  const toggle = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'new-topic' }, 'New topic');
  newBox.id = 'new-topic';
  toggle.addEventListener('click', () => {
    const open = newBox.hidden;
    newBox.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      if (!newBox.firstChild) newBox.appendChild(newTopicForm(ctx, topics));
      newBox.querySelector('input').focus();
    }
  });
  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Topics'),
      h('p', { class: 'summary-line' }, 'Questions being tracked: how many, according to whom.')),
    h('div', { class: 'actions' }, toggle, h('a', { class: 'btn', href: '/claims/new' }, 'Enter claim'))),
    takeFlash(),
    newBox,
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'tq' }, 'Search'), qInput),
      h('div', null, onlyConflicts, ' ', h('label', { for: 'tc' }, 'Only topics with open conflicts'), full ? null : h('span', { class: 'muted' }, ' (needs conflict summaries from the server)')),
      count),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, 'Topics with their number of claims, open conflicts and spread'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Topic'), h('th', { scope: 'col', class: 'num' }, 'Claims'),
        h('th', { scope: 'col', class: 'num' }, 'Open conflicts'), h('th', { scope: 'col', class: 'num' }, 'Spread'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Tags'))),
      tbody)),
    more);
}
