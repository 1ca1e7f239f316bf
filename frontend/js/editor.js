// editor.js is the edit form of any record: it sends only what the analyst
// changed as a JSON merge patch at the version read (If-Match), says so
// when saved, and when someone else saved first it shows what they
// changed and offers to reapply the analyst's own changes on top.

import { h, replace, uid } from './dom.js';
import * as api from './api.js';
import * as fmt from './format.js';
import { fieldErrors, clearErrors } from './forms.js';

/** getPath reads a dotted path ("scope.places") of obj. */
export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

function setPath(obj, path, v) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] === null || o[k] === undefined || typeof o[k] !== 'object') o[k] = {};
    o = o[k];
  }
  o[keys[keys.length - 1]] = v;
}

// flashMsg is the confirmation of a save that re-renders the page: the
// next render shows it once.
let flashMsg = '';

/** setFlash keeps msg for the next render of a screen. */
export function setFlash(msg) {
  flashMsg = msg;
}

/** takeFlash returns the kept confirmation as a status line, once, or null. */
export function takeFlash() {
  const msg = flashMsg;
  flashMsg = '';
  return msg ? h('p', { class: 'flash', role: 'status', 'data-testid': 'flash' }, msg) : null;
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** show formats a field's value for the "changed meanwhile" note. */
function show(v) {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/**
 * control builds the input of one field spec: {key, label, type:
 * text|textarea|select|checkbox|number|tags|control, options, hint,
 * control: {node, input, get(), set(v)}}.
 */
function control(f, id) {
  if (f.type === 'control') return f.control;
  let input;
  if (f.type === 'textarea') input = h('textarea', { rows: f.rows || 3 });
  else if (f.type === 'select') input = h('select');
  else if (f.type === 'checkbox') input = h('input', { type: 'checkbox' });
  else if (f.type === 'number') input = h('input', { type: 'number', step: 'any', min: '0' });
  else input = h('input', { autocomplete: 'off', ...(f.placeholder ? { placeholder: f.placeholder } : {}), ...(f.inputType ? { type: f.inputType } : {}) });
  input.id = id;
  return {
    node: input, input,
    get() {
      if (f.type === 'checkbox') return input.checked;
      if (f.type === 'number') return input.value === '' ? null : Number(input.value);
      if (f.type === 'tags') return input.value.split(',').map((s) => s.trim()).filter(Boolean);
      return f.trim === false ? input.value : input.value.trim();
    },
    set(v) {
      if (f.type === 'checkbox') input.checked = Boolean(v);
      else if (f.type === 'tags') input.value = (v || []).join(', ');
      else if (f.type === 'select') {
        const opts = [...f.options];
        if (v && !opts.some(([o]) => o === v)) opts.push([v, fmt.label(v)]); // a value this page does not know yet
        replace(input, opts.map(([o, t]) => h('option', { value: o, selected: o === v }, t)));
      } else input.value = v === null || v === undefined ? '' : String(v);
    },
  };
}

/**
 * editor returns {node} holding a form for record at path (an API path
 * such as /claims/ID). fields are the specs above; fix(draft) may adjust
 * the draft before it is compared (an empty interval becomes null);
 * onSaved(record) runs after a save.
 */
export function editor({ label, path, record, fields, fix, onSaved, submitText = 'Save changes' }) {
  let base = record; // the version the form was filled from
  const formId = uid('ed');
  const ctrls = fields.map((f) => {
    const id = `${formId}-${f.key.replace(/\./g, '-')}`;
    const c = control(f, id);
    return { f, id, c };
  });
  const fill = (rec) => {
    for (const { f, c } of ctrls) c.set(getPath(rec, f.key));
  };
  fill(base);

  const draft = () => {
    const d = structuredClone(base);
    for (const { f, c } of ctrls) setPath(d, f.key, c.get());
    if (fix) fix(d, base);
    return d;
  };
  /** changes is the merge patch from base to the form: changed top-level members only. */
  const changes = (from) => {
    const d = draft();
    const patch = {};
    const tops = new Set(fields.map((f) => f.key.split('.')[0]));
    for (const k of tops) if (!same(d[k], from[k])) patch[k] = d[k];
    return patch;
  };

  const status = h('p', { class: 'save-msg', role: 'status', 'aria-live': 'polite', 'data-testid': 'save-msg' });
  const stale = h('div', { class: 'stale', hidden: true, role: 'alert' });
  const general = h('p', { class: 'form-error err', role: 'alert', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitText);
  const map = {};
  const rows = ctrls.map(({ f, id, c }) => {
    map[f.key] = f.inputId || id;
    for (const alias of f.errorKeys || []) map[alias] = f.inputId || id;
    if (f.bare) return c.node; // a control with its own label and error line
    if (c.input) c.input.setAttribute('aria-describedby', [f.hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' '));
    if (f.type === 'checkbox') {
      return h('div', { class: `field check${f.wide ? ' wide' : ''}` }, h('div', null, c.node, ' ', h('label', { for: id }, f.label)),
        f.hint && h('span', { class: 'hint', id: `${id}-hint` }, f.hint), h('p', { class: 'err', id: `${id}-err` }));
    }
    return h('div', { class: `field${f.wide ? ' wide' : ''}` }, h('label', { for: c.input ? c.input.id : id }, f.label), c.node,
      f.hint && h('span', { class: 'hint', id: `${id}-hint` }, f.hint), h('p', { class: 'err', id: `${id}-err` }));
  });
  // Why the change is made, kept in the record's history like a commit message.
  const reasonId = `${formId}-reason`;
  const reason = h('input', { id: reasonId, autocomplete: 'off', 'data-testid': 'reason', 'aria-describedby': `${reasonId}-err`,
    placeholder: 'e.g. the outlet corrected the figure' });
  map.reason = reasonId;
  const form = h('form', { class: 'form editor', 'aria-label': label, novalidate: true },
    h('div', { class: 'grid-fields' }, rows),
    h('div', { class: 'field wide' }, h('label', { for: reasonId }, 'Reason for this change (optional, kept in the history)'), reason,
      h('p', { class: 'err', id: `${reasonId}-err` })),
    stale, general,
    h('div', { class: 'form-actions' }, submit, status));

  const send = async (patch, version) => {
    const why = reason.value.trim();
    const rec = await api.patch(path, why ? { ...patch, reason: why } : patch, version);
    reason.value = '';
    base = rec;
    fill(rec);
    stale.hidden = true;
    status.textContent = `Saved ✓ ${Object.keys(patch).map(fmt.label).join(', ')} (version ${rec.version}).`;
    status.className = 'save-msg saved';
    if (onSaved) await onSaved(rec, patch);
  };

  const showStale = async (mine) => {
    const theirs = await api.get(path);
    const changed = ctrls.filter(({ f }) => !same(getPath(base, f.key), getPath(theirs, f.key)));
    const mineKeys = Object.keys(mine);
    const clash = changed.filter(({ f }) => mineKeys.includes(f.key.split('.')[0]));
    const reapply = h('button', { type: 'button', class: 'primary' }, 'Reapply my changes');
    const discard = h('button', { type: 'button' }, 'Discard mine, show theirs');
    replace(stale,
      h('p', null, h('strong', null, `Someone saved this ${label.replace(/^Edit /, '')} meanwhile (now version ${theirs.version}). `),
        changed.length ? 'They changed:' : 'They changed nothing you can see here.'),
      changed.length ? h('ul', null, changed.map(({ f }) => h('li', null, h('strong', null, `${f.label}: `),
        `${show(getPath(base, f.key))} → ${show(getPath(theirs, f.key))}`))) : null,
      clash.length ? h('p', { class: 'warn' }, `Reapplying overwrites their ${clash.map(({ f }) => f.label).join(', ')}.`) : null,
      h('p', null, `Your changes: ${mineKeys.map(fmt.label).join(', ')}.`),
      h('div', { class: 'form-actions' }, reapply, discard));
    stale.hidden = false;
    reapply.addEventListener('click', async () => {
      try {
        await send(mine, theirs.version);
      } catch (err) {
        if (err.status === 412) showStale(mine);
        else fieldErrors(form, err, map);
      }
    });
    discard.addEventListener('click', () => {
      base = theirs;
      fill(theirs);
      stale.hidden = true;
      status.textContent = `Showing version ${theirs.version}.`;
      status.className = 'save-msg';
    });
    reapply.focus();
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    status.textContent = '';
    const patch = changes(base);
    if (!Object.keys(patch).length) {
      status.textContent = 'Nothing changed.';
      status.className = 'save-msg';
      return;
    }
    submit.disabled = true;
    try {
      await send(patch, base.version);
    } catch (err) {
      if (err instanceof api.APIError && err.status === 412) await showStale(patch);
      else fieldErrors(form, err, map);
    } finally {
      submit.disabled = false;
    }
  });
  return { node: form, form, get record() { return base; } };
}

/**
 * deleter is a delete button that asks on the page (no dialog) before
 * deleting path at record.version; onDeleted runs after.
 */
export function deleter({ what, path, record, onDeleted }) {
  const ask = h('button', { type: 'button', class: 'danger' }, `Delete ${what}…`);
  const yes = h('button', { type: 'button', class: 'danger primary' }, `Yes, delete ${what}`);
  const no = h('button', { type: 'button' }, 'Cancel');
  const msg = h('p', { class: 'err', role: 'alert' });
  // Why it goes, kept in the delete's history line and shown in the trash.
  const reasonId = `del-reason-${what.replace(/\W+/g, '-')}`;
  const reason = h('input', { id: reasonId, autocomplete: 'off', 'data-testid': 'delete-reason', placeholder: 'e.g. a duplicate of another record' });
  const confirmBox = h('div', { class: 'confirm', hidden: true, role: 'group', 'aria-label': `Confirm deleting ${what}` },
    h('p', null, h('strong', null, `Delete this ${what}?`), ' ', 'It disappears from every list and comparison; an admin can bring it back from the trash.'),
    h('div', { class: 'field wide' }, h('label', { for: reasonId }, 'Reason (optional, kept in the history)'), reason),
    yes, ' ', no, msg);
  ask.addEventListener('click', () => {
    confirmBox.hidden = false;
    ask.hidden = true;
    no.focus();
  });
  no.addEventListener('click', () => {
    confirmBox.hidden = true;
    ask.hidden = false;
    ask.focus();
  });
  // A claim that links or reviews name is deleted with them only when asked.
  const cascade = h('button', { type: 'button', class: 'danger', hidden: true }, `Delete the ${what} with its links and reviews`);
  const remove = async (query) => {
    try {
      await api.del(path + query, record().version, reason.value.trim());
      onDeleted();
    } catch (err) {
      msg.textContent = err.message;
      cascade.hidden = !(err.status === 409 && /cascade=true/.test(err.message));
    }
  };
  yes.addEventListener('click', () => remove(''));
  cascade.addEventListener('click', () => remove('?cascade=true'));
  confirmBox.append(' ', cascade);
  return h('div', { class: 'deleter' }, ask, confirmBox);
}
