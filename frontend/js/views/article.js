// The paste-an-article screen: the analyst pastes an article with its URL,
// title, outlet and date and chooses the topic once; every quantity in it
// comes back from POST /extract as a candidate, in reading order, with the
// quantity marked in its sentence and the claimant, counted thing and
// reading beside it. Each candidate is accepted, edited or dropped with
// one action. Accepting creates the claim: the claimant and the article's
// source are matched to existing records by name (the analyst chooses when
// several match, or, for the source, when only near names match) or
// created, and the claim links back to the article's source. The claim's ID is derived from the article's URL and the
// quantity's span, so accepting a candidate twice (even after a reload)
// creates nothing new. Where the topic has a population tree, each card
// offers its names as the claim's population and group, set to what the
// server suggests from the counted phrase (asked again when the topic
// changes), and says plainly, before accepting, what keeps the claim from
// being compared with the topic's claims: a population the tree does not
// hold, a unit that is not the topic's. The claim takes the unit the
// server gives for the topic: none, the topic's own, for a figure of
// counted things ("800 fighters"), so that it is compared.

import { h, replace } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';

/** digest returns a stable 26-hex-digit hash of s (two 53-bit cyrb53 runs). */
export function digest(s) {
  const run = (seed) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0').slice(-13);
  };
  return run(1) + run(2);
}

const fold = (s) => (s || '').trim().toLowerCase().replace(/ё/g, 'е');

function field(id, labelText, input, hint) {
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input,
    hint && h('span', { class: 'hint', id: hintId }, hint));
}

/** reading says a candidate's interval in a few words. */
function reading(c) {
  if (c.explanation) return c.explanation;
  const n = (v) => (v === null || v === undefined ? '…' : fmt.num(v));
  return `${n(c.low)}–${n(c.high)}`;
}

function claimantText(c) {
  if (!c.claimant) return 'the article itself';
  return c.claimant.role ? `${c.claimant.name} (${c.claimant.role})` : c.claimant.name;
}

export async function render(ctx) {
  ctx.setTitle('Paste an article');
  const topics = await api.all('/topics');
  const topicSel = h('select', { required: true },
    h('option', { value: '' }, 'Choose the topic…'),
    topics.map((t) => h('option', { value: t.id, selected: t.id === ctx.query.get('topic') }, t.title)));
  const url = h('input', { type: 'url', autocomplete: 'off', placeholder: 'https://…' });
  const title = h('input', { type: 'text', autocomplete: 'off' });
  const outlet = h('input', { type: 'text', autocomplete: 'off', placeholder: 'The Moscow Times' });
  const date = h('input', { type: 'text', autocomplete: 'off', placeholder: 'YYYY-MM-DD', inputmode: 'numeric' });
  const language = h('select', null, h('option', { value: '' }, 'Detect'), h('option', { value: 'en' }, 'English'), h('option', { value: 'ru' }, 'Russian'));
  const text = h('textarea', { rows: 12, required: true, spellcheck: 'false' });
  const find = h('button', { type: 'submit', class: 'primary' }, 'Find claims');
  const problem = h('p', { class: 'err', role: 'alert', hidden: true });
  const form = h('form', { class: 'article-form', novalidate: true },
    h('fieldset', null, h('legend', null, 'The article'),
      h('div', { class: 'row2' }, field('a-topic', 'Topic', topicSel, 'Every claim accepted goes to this topic.'), field('a-language', 'Language', language)),
      h('div', { class: 'row2' }, field('a-url', 'URL', url), field('a-title', 'Title', title)),
      h('div', { class: 'row2' }, field('a-outlet', 'Outlet', outlet, 'Claimant of figures the article gives in its own voice.'), field('a-date', 'Published on', date, 'YYYY, YYYY-MM or YYYY-MM-DD')),
      field('a-text', 'Text', text, 'Paste the article; paragraphs on their own lines.')),
    problem,
    h('div', { class: 'form-actions' }, find, h('span', { class: 'kbd' }, 'Ctrl+Enter or ⌘+Enter finds the claims')));
  const summary = h('p', { id: 'cands-summary', role: 'status' });
  const list = h('ol', { class: 'cands', 'aria-labelledby': 'cands-h' });
  const sourceBox = h('div', { class: 'source-box', id: 'source-choice', role: 'group', 'aria-label': 'The article’s source', hidden: true });
  const results = h('section', { class: 'cands-section', hidden: true, 'aria-labelledby': 'cands-h' },
    h('h2', { id: 'cands-h', tabindex: '-1' }, 'Candidates'), summary, sourceBox, list);

  const topicOf = () => topics.find((t) => t.id === topicSel.value);
  let extracted = null; // the text the candidates were found in
  let extractSeq = 0; // the latest request for candidates
  const suggestTo = new Map(); // a candidate's span -> its card's wait and update for a new topic
  let sourcePromise = null; // the article's source record, found or created once
  const chosenByName = new Map(); // the analyst's choice among claimants of one name, for this article
  let sourceKey = '';
  const articleKey = () => url.value.trim() || `${title.value.trim()}\n${text.value}`;
  const lang = () => language.value || (/[а-яё]/i.test(text.value) && (text.value.match(/[а-яё]/gi) || []).length > text.value.length / 10 ? 'ru' : 'en');

  // sourceMatches returns the stored sources that may be the article's:
  // exact ones carry its URL, or its title or outlet as their name; near
  // ones hold its outlet or title in their name, or the other way round,
  // or are of the same publisher. A source with another URL is another
  // article, unless it is the outlet's own record.
  async function sourceMatches() {
    const u = url.value.trim();
    const names = [title.value.trim(), outlet.value.trim()].filter(Boolean);
    const queries = [...new Set([...names, ...names.map((n) => n.replace(/^the\s+/i, ''))].filter((q) => q.length >= 3))];
    const byId = new Map();
    for (const q of queries) {
      for (const s of (await api.get('/sources', { q, limit: 20 })).items) byId.set(s.id, s);
    }
    const exact = [];
    const near = [];
    const f = names.map(fold);
    const out = fold(outlet.value);
    for (const s of byId.values()) {
      const n = fold(s.name);
      if (u && s.url === u) return { exact: [s], near: [] };
      const isOutlet = out && n === out;
      if (!isOutlet && u && s.url && s.url !== u) continue;
      if (isOutlet || f.includes(n)) exact.push(s);
      else if (f.some((x) => x.length >= 4 && n.length >= 4 && (n.includes(x) || x.includes(n))) || (out && fold(s.publisher) === out)) near.push(s);
    }
    return { exact, near };
  }

  // ensureSource finds the article's source by URL or by name, or creates
  // it under an ID derived from the article, so a second try finds it.
  // Where several stored sources match, or only near ones, the analyst
  // chooses one or a new one (onChoose tells the caller it waits).
  function ensureSource(onChoose) {
    const key = articleKey();
    if (sourcePromise && sourceKey === key) {
      if (!sourceBox.hidden) onChoose();
      return sourcePromise;
    }
    sourceKey = key;
    sourcePromise = (async () => {
      const id = `src-${digest(key)}`;
      try {
        return await api.get(`/sources/${id}`);
      } catch (err) {
        if (err.status !== 404) throw err;
      }
      const name = title.value.trim() || outlet.value.trim() || url.value.trim();
      if (!name) throw new Error('give the article a title, an outlet or a URL');
      const { exact, near } = await sourceMatches();
      if (exact.length === 1 && near.length === 0) return exact[0];
      if (exact.length + near.length > 0) {
        onChoose();
        const chosen = await chooseSource([...exact, ...near], name);
        if (chosen) return chosen;
      }
      const body = { id, name, url: url.value.trim(), kind: 'news', publisher: outlet.value.trim(), language: lang(), published_on: date.value.trim() };
      try {
        return await api.post('/sources', body);
      } catch (err) {
        if (err.status === 409) return api.get(`/sources/${id}`);
        throw err;
      }
    })();
    sourcePromise.catch(() => { sourcePromise = null; });
    return sourcePromise;
  }

  // chooseSource asks which stored source the article is, or for a new
  // one; it resolves to the source chosen, or null for a new one.
  function chooseSource(sources, name) {
    return new Promise((resolve, reject) => {
      const describe = (s) => [s.publisher && fold(s.publisher) !== fold(s.name) ? s.publisher : '', s.published_on, s.url, s.notes, `ID ${s.id}`].filter(Boolean).join(' · ');
      const opts = [...sources.slice(0, 8).map((s) => ({ id: s.id, label: s.name, detail: describe(s), source: s })),
        { id: 'new', label: `A new source “${name}”`, detail: [outlet.value.trim(), date.value.trim(), url.value.trim()].filter(Boolean).join(' · ') }];
      const use = h('button', { type: 'button', class: 'primary' }, 'Use this source');
      const cancel = h('button', { type: 'button' }, 'Cancel');
      const fs = h('fieldset', { class: 'choose source-choice' },
        h('legend', null, sources.length > 1 ? `${sources.length} stored sources may be this article’s` : 'A stored source may be this article’s'),
        opts.map((o, k) => h('label', { class: 'choice' },
          h('input', { type: 'radio', name: 'article-source', value: o.id, checked: k === 0 }), ' ',
          h('span', { class: 'choice-text' }, o.label), o.detail && h('span', { class: 'hint' }, ` ${o.detail}`))),
        h('div', { class: 'form-actions' }, use, cancel));
      const done = () => {
        replace(sourceBox);
        sourceBox.hidden = true;
      };
      use.addEventListener('click', () => {
        const v = fs.querySelector('input[name="article-source"]:checked').value;
        done();
        resolve(v === 'new' ? null : opts.find((o) => o.id === v).source);
      });
      cancel.addEventListener('click', () => {
        done();
        reject(new Error('no source chosen'));
      });
      fs.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') cancel.click();
        if (e.key === 'Enter' && e.target.matches('input[type=radio]')) {
          e.preventDefault();
          use.click();
        }
      });
      replace(sourceBox, h('p', null, 'Which source is this article? Claims accepted from it link to the one you choose.'), fs);
      sourceBox.hidden = false;
      fs.querySelector('input').focus();
    });
  }

  // claimantMatches lists the claimants a name may denote: the same name,
  // or one name inside the other ("Bogdanov", "Mikhail Bogdanov").
  async function claimantMatches(name) {
    const items = (await api.get('/claimants', { q: name, limit: 20 })).items;
    const exact = items.filter((c) => fold(c.name) === fold(name));
    if (exact.length) return exact;
    const last = fold(name).split(/\s+/).pop();
    const near = items.filter((c) => fold(c.name).includes(fold(name)) || fold(name).includes(fold(c.name)));
    if (near.length) return near;
    if (last.length < 4) return [];
    return (await api.get('/claimants', { q: last, limit: 20 })).items
      .filter((c) => fold(c.name).split(/\s+/).some((w) => w.slice(0, 5) === last.slice(0, 5)));
  }

  function row(c, i) {
    const s = c.sentence;
    const before = s.text.slice(0, byteToChar(s.text, s.start));
    const qty = s.text.slice(byteToChar(s.text, s.start), byteToChar(s.text, s.end));
    const after = s.text.slice(byteToChar(s.text, s.end));
    // A refusal (c.error): a span the parser cannot read right, such as a
    // source's "150,00". It has no reading to accept: the analyst enters
    // the figure by hand in the edit form.
    const refused = typeof c.error === 'string';
    const state = { claimant: c.claimant ? { ...c.claimant } : null, counted: c.counted || '', places: [...(c.places || [])], text: refused ? '' : c.text, chosenClaimant: '' };
    // The population and group the claim is stored with: the server's
    // suggestion for the topic, then the analyst's choice (a phrase the
    // analyst edited stays). Without a suggestion the population is the
    // phrase itself. The unit is the server's for the topic (none, the
    // topic's own, for a counted word such as "fighters"), with its note.
    // While the suggestions of a newly chosen topic are on their way the
    // card cannot be accepted: it would be stored with the other topic's.
    let awaitingTopic = false;
    const suggest = (item) => {
      if (state.counted === (c.counted || '')) {
        state.population = (item.scope && item.scope.population) || state.counted;
        state.group = (item.scope && item.scope.group) || '';
      }
      state.unit = typeof item.claim_unit === 'string' ? item.claim_unit : c.unit;
      state.unitNote = item.unit_note || '';
    };
    suggest(c);
    const status = h('p', { class: 'cand-status', role: 'status' });
    const accept = h('button', { type: 'button', class: 'primary accept', 'aria-label': `Accept “${c.text}”`, 'aria-describedby': `cand-${i}-notes` }, 'Accept');
    const edit = h('button', { type: 'button', class: 'edit', 'aria-label': refused ? `Enter “${c.text}” by hand` : `Edit “${c.text}”`, 'aria-expanded': 'false' }, refused ? 'Enter by hand' : 'Edit');
    accept.hidden = refused;
    const drop = h('button', { type: 'button', class: 'drop', 'aria-label': `Drop “${c.text}”` }, 'Drop');
    const meta = h('dl', { class: 'cand-meta' });
    const scopeBox = h('div', { class: 'cand-scope' });
    const notes = h('div', { class: 'cand-notes', id: `cand-${i}-notes`, 'aria-live': 'polite' });
    const extra = h('div', { class: 'cand-extra' });
    const li = h('li', { class: `cand${refused ? ' refused' : c.likely_claim ? '' : ' dim'}`, id: `cand-${i}`, dataset: { state: 'pending' } },
      h('blockquote', { class: 'cand-sentence' }, before, h('mark', null, qty), after),
      meta, scopeBox, notes, extra,
      h('div', { class: 'cand-actions' }, accept, edit, drop), status);
    const showMeta = () => replace(meta,
      refused && h('div', { class: 'cand-refused' }, h('dt', null, 'not read:'), h('dd', null, c.error)),
      h('div', null, h('dt', null, 'Claimant'), h('dd', { class: 'cand-claimant' }, state.claimant ? claimantText(state) : `${outlet.value.trim() || 'the outlet'} (in its own voice)`)),
      h('div', null, h('dt', null, 'Counts'), h('dd', { class: 'cand-counted' }, state.counted || '—')),
      !refused && h('div', null, h('dt', null, 'Reading'), h('dd', null, reading(c))),
      h('div', null, h('dt', null, 'Places'), h('dd', null, state.places.join(', ') || '—')),
      !refused && !c.likely_claim && h('div', null, h('dt', null, 'Probably not a claim'), h('dd', null, c.reason)));
    showMeta();

    // showScope offers the topic's tree for the population and the group,
    // with the phrase as extracted; showNotes says what keeps the claim
    // from being compared with the topic's claims. A topic without a tree
    // stores the phrase, as "Counts" shows it.
    const showNotes = (names) => {
      const unplaced = names.length > 0 && state.population && state.population === state.counted && !names.includes(state.population);
      replace(notes,
        unplaced && h('p', { class: 'warn cand-unplaced' }, `This figure counts “${state.counted}”, which is not one of the topic’s populations, so it will not be compared with the topic’s claims until you choose one.`),
        state.unitNote && h('p', { class: 'warn cand-unit' }, state.unitNote));
    };
    const showScope = () => {
      const names = ((topicOf() || {}).populations || []).map((p) => p.name);
      if (!names.length) {
        replace(scopeBox);
        showNotes(names);
        return;
      }
      const own = (what) => h('option', { value: '' }, `None stated: the topic’s own ${what}`);
      const options = names.map((n) => h('option', { value: n }, n));
      const pop = h('select', { id: `cand-${i}-population`, 'aria-label': `Population of “${c.text}”`, 'aria-describedby': `cand-${i}-notes` },
        state.counted && !names.includes(state.counted) ? h('option', { value: state.counted }, `“${state.counted}”, as extracted`) : own('population'),
        options);
      const grp = h('select', { id: `cand-${i}-group`, 'aria-label': `Group of “${c.text}”`, 'aria-describedby': `cand-${i}-notes` }, own('group'), options.map((o) => o.cloneNode(true)));
      pop.value = state.population;
      grp.value = state.group;
      pop.addEventListener('change', () => { state.population = pop.value; showNotes(names); });
      grp.addEventListener('change', () => { state.group = grp.value; });
      pop.disabled = grp.disabled = ['accepted', 'busy'].includes(li.dataset.state);
      replace(scopeBox, h('div', { class: 'field' }, h('label', { for: pop.id }, 'Population'), pop),
        h('div', { class: 'field' }, h('label', { for: grp.id }, 'Group'), grp));
      showNotes(names);
    };
    showScope();
    const reads = 'Reading the topic…';
    suggestTo.set(`${c.start}-${c.end}`, {
      wait() {
        awaitingTopic = true;
        accept.disabled = true;
        if (li.dataset.state === 'pending') replace(status, reads);
      },
      // update takes the topic's suggestion, {} for none.
      update(item) {
        awaitingTopic = false;
        if (li.dataset.state !== 'accepted') {
          suggest(item);
          showScope();
        }
        accept.disabled = ['accepted', 'busy', 'dropped'].includes(li.dataset.state);
        if (status.textContent === reads) replace(status);
      },
    });
    const setState = (st, msg, link) => {
      li.dataset.state = st;
      replace(status, msg || '', link ? [' ', h('a', { href: link }, 'View claim')] : '');
      accept.disabled = st === 'accepted' || st === 'busy' || awaitingTopic;
      edit.disabled = st === 'accepted' || st === 'busy';
      drop.textContent = st === 'dropped' ? 'Undo drop' : 'Drop';
      drop.setAttribute('aria-label', st === 'dropped' ? `Undo dropping “${c.text}”` : `Drop “${c.text}”`);
      drop.disabled = st === 'accepted' || st === 'busy';
      for (const sel of scopeBox.querySelectorAll('select')) sel.disabled = st === 'accepted' || st === 'busy';
      if (st === 'accepted') accept.textContent = 'Accepted';
    };
    const nextPending = () => {
      const next = [...list.querySelectorAll('li.cand:not(.refused)')].filter((el) => el.compareDocumentPosition(li) & Node.DOCUMENT_POSITION_PRECEDING).find((el) => el.dataset.state === 'pending');
      (next ? next.querySelector('button.accept') : list.closest('section').querySelector('h2')).focus();
    };

    async function doAccept() {
      if (awaitingTopic) {
        setState('pending', reads);
        return;
      }
      if (!topicSel.value) {
        setState('pending', 'Choose the topic first.');
        topicSel.focus();
        return;
      }
      setState('busy', 'Saving…');
      try {
        const source = await ensureSource(() => setState('busy', 'Choose the article’s source above.'));
        const name = state.claimant ? state.claimant.name : outlet.value.trim();
        if (!name) throw new Error('no claimant: give the outlet, or edit the candidate to name one');
        let claimantId = state.chosenClaimant || chosenByName.get(fold(name)) || '';
        if (!claimantId) {
          const matches = await claimantMatches(name);
          if (matches.length === 1) {
            claimantId = matches[0].id;
          } else if (matches.length > 1) {
            chooseClaimant(matches, name);
            return;
          }
        }
        if (claimantId === 'new' || !claimantId) {
          const kind = state.claimant && state.claimant.kind === 'person' ? 'person' : 'organisation';
          const role = state.claimant ? state.claimant.role : '';
          claimantId = (await api.post('/claimants', { name, kind, role })).id;
        }
        if (state.chosenClaimant) chosenByName.set(fold(name), claimantId);
        const id = `c-${digest(`${articleKey()}#${c.start}-${c.end}`)}`;
        const body = {
          id, topic_id: topicSel.value, claimant_id: claimantId, quote: s.text, quantity_text: state.text, unit: state.unit,
          language: lang(), scope: { places: state.places, population: state.population || '', group: state.group || '', measure: 'current' },
          provenance: { source_id: source.id, url: url.value.trim() }, published_on: date.value.trim(),
        };
        let claim;
        let again = false;
        try {
          claim = await api.post('/claims', body);
        } catch (err) {
          if (err.status !== 409) throw err;
          claim = await api.get(`/claims/${id}`);
          again = true;
        }
        replace(extra);
        setState('accepted', again ? 'Already accepted: no new claim.' : 'Accepted.', `/claims/${encodeURIComponent(claim.id)}`);
        nextPending();
      } catch (err) {
        setState('pending', `Not saved: ${err.message}`);
        accept.focus();
      }
    }

    // chooseClaimant asks which existing claimant a name denotes.
    function chooseClaimant(matches, name) {
      const group = `choose-${i}`;
      const opts = [...matches.map((m) => ({ id: m.id, label: m.role ? `${m.name} (${m.role})` : m.name })), { id: 'new', label: `A new claimant “${name}”` }];
      const go = h('button', { type: 'button', class: 'primary' }, 'Accept with this claimant');
      const fs = h('fieldset', { class: 'choose' }, h('legend', null, `Several claimants match “${name}”`),
        opts.map((o, k) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: group, value: o.id, checked: k === 0 }), ' ', o.label)),
        go);
      go.addEventListener('click', () => {
        state.chosenClaimant = fs.querySelector(`input[name="${group}"]:checked`).value;
        doAccept();
      });
      replace(extra, fs);
      setState('choosing', 'Choose the claimant.');
      fs.querySelector('input').focus();
    }

    function openEdit() {
      const q = h('input', { type: 'text', value: state.text, placeholder: refused ? `The figure as it should read, not “${c.text}”` : '' });
      const who = h('input', { type: 'text', value: state.claimant ? state.claimant.name : '' });
      const role = h('input', { type: 'text', value: state.claimant ? state.claimant.role : '' });
      const counted = h('input', { type: 'text', value: state.counted });
      const places = h('input', { type: 'text', value: state.places.join(', ') });
      const save = h('button', { type: 'submit', class: 'primary' }, 'Save and accept');
      const cancel = h('button', { type: 'button' }, 'Cancel');
      const f = h('form', { class: 'cand-edit' },
        h('div', { class: 'row2' }, field(`e${i}-qty`, 'Quantity as said', q), field(`e${i}-who`, 'Claimant', who, 'Empty: the outlet, in its own voice')),
        h('div', { class: 'row2' }, field(`e${i}-role`, 'Role', role), field(`e${i}-counted`, 'Counts', counted)),
        field(`e${i}-places`, 'Places', places, 'Comma-separated'),
        h('div', { class: 'form-actions' }, save, cancel));
      const close = () => {
        replace(extra);
        edit.setAttribute('aria-expanded', 'false');
        li.dataset.state = 'pending';
        edit.focus();
      };
      cancel.addEventListener('click', close);
      f.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
      f.addEventListener('submit', (e) => {
        e.preventDefault();
        if (refused && !q.value.trim()) {
          q.setAttribute('aria-invalid', 'true');
          q.focus();
          return;
        }
        state.text = q.value.trim() || c.text;
        state.claimant = who.value.trim() ? { name: who.value.trim(), role: role.value.trim(), kind: (state.claimant && state.claimant.kind) || 'person' } : null;
        if (state.population === state.counted) state.population = counted.value.trim();
        state.counted = counted.value.trim();
        state.places = places.value.split(',').map((p) => p.trim()).filter(Boolean);
        state.chosenClaimant = '';
        showMeta();
        showScope();
        replace(extra);
        edit.setAttribute('aria-expanded', 'false');
        doAccept();
      });
      replace(extra, f);
      li.dataset.state = 'editing';
      edit.setAttribute('aria-expanded', 'true');
      q.focus();
    }

    accept.addEventListener('click', doAccept);
    edit.addEventListener('click', openEdit);
    drop.addEventListener('click', () => {
      if (li.dataset.state === 'dropped') {
        setState('pending', '');
        return;
      }
      replace(extra);
      setState('dropped', 'Dropped.');
      accept.disabled = true;
      edit.disabled = true;
      drop.disabled = false;
      nextPending();
    });
    return li;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    problem.hidden = true;
    if (!text.value.trim()) {
      problem.textContent = 'Paste the article’s text first.';
      problem.hidden = false;
      text.focus();
      return;
    }
    find.disabled = true;
    try {
      const asked = topicSel.value;
      const sent = text.value; // the text the answer's offsets are in
      extractSeq += 1; // an answer for a topic chosen before is stale
      const res = await api.post('/extract', { text: sent, topic_id: asked || undefined });
      extracted = sent;
      suggestTo.clear();
      const items = res.items;
      const refusals = res.refused || [];
      const likely = items.filter((c) => c.likely_claim).length;
      const notRead = refusals.length ? ` ${refusals.length} not read: enter ${refusals.length === 1 ? 'it' : 'them'} by hand.` : '';
      replace(summary, `${items.length} ${items.length === 1 ? 'quantity' : 'quantities'}, ${likely} likely ${likely === 1 ? 'claim' : 'claims'}, in reading order. Dimmed ones are probably not claims.${notRead}`);
      replace(list, [...items, ...refusals].sort((a, b) => a.start - b.start).map(row));
      results.hidden = false;
      const first = list.querySelector('li.cand:not(.dim):not(.refused) button.accept') || list.querySelector('li.cand:not(.refused) button.accept');
      (first || results.querySelector('h2')).focus();
      if (topicSel.value !== asked) suggestFor();
    } catch (err) {
      problem.textContent = err.message;
      problem.hidden = false;
    } finally {
      find.disabled = false;
    }
  });
  // Another topic: the cards not yet accepted take its tree's
  // suggestions and its unit notes, and wait for them. If they cannot be
  // had, the cards keep no suggestion: each figure as extracted.
  async function suggestFor() {
    if (extracted === null) return;
    const seq = ++extractSeq;
    problem.hidden = true;
    for (const card of suggestTo.values()) card.wait();
    const items = new Map();
    try {
      const res = await api.post('/extract', { text: extracted, topic_id: topicSel.value || undefined });
      if (seq !== extractSeq) return;
      for (const item of [...res.items, ...(res.refused || [])]) items.set(`${item.start}-${item.end}`, item);
    } catch (err) {
      if (seq !== extractSeq) return;
      problem.textContent = `The topic’s populations and unit could not be read, so the cards suggest none: each figure is as extracted (${err.message}).`;
      problem.hidden = false;
    }
    for (const [span, card] of suggestTo) card.update(items.get(span) || {});
  }
  topicSel.addEventListener('change', suggestFor);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  return h('div', { class: 'article-screen' },
    h('h1', null, 'Paste an article'),
    h('p', { class: 'muted' }, 'claimdesk finds every quantity, says who gave it and what it counts; accept, edit or drop each one.'),
    form, results);
}

/** byteToChar turns a UTF-8 byte offset in s into a JavaScript string index. */
export function byteToChar(s, bytes) {
  let b = 0;
  let i = 0;
  while (i < s.length && b < bytes) {
    const cp = s.codePointAt(i);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return i;
}
