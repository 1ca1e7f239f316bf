// The transfer screen: export a topic or everything as JSON, and import a
// JSON file with a dry-run report before anything is written.

import { h, replace } from '../dom.js';
import * as api from '../api.js';

function report(r) {
  if (!r || typeof r !== 'object') return h('p', null, String(r));
  const facts = Object.entries(r).filter(([, v]) => typeof v !== 'object' || v === null);
  const nested = Object.entries(r).filter(([, v]) => v && typeof v === 'object');
  return h('div', null,
    facts.length ? h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', null, k.replace(/_/g, ' ')), h('dd', null, String(v))])) : null,
    nested.length ? h('pre', { class: 'report' }, JSON.stringify(Object.fromEntries(nested), null, 2)) : null);
}

/** render builds the export links and the import form. */
export async function render(ctx) {
  ctx.setTitle('Import and export');
  const topics = await api.all('/topics');
  const sel = h('select', { id: 'x-topic' }, h('option', { value: '' }, 'Everything'), topics.map((t) => h('option', { value: t.id }, t.title)));
  const link = h('a', { class: 'btn primary', download: 'claimdesk.json', 'data-testid': 'export-link' }, 'Download JSON');
  const sync = () => {
    link.setAttribute('href', api.url('/export', { format: 'json', topic_id: sel.value }));
    link.setAttribute('download', sel.value ? `claimdesk-${sel.value}.json` : 'claimdesk-all.json');
  };
  sel.addEventListener('change', sync);
  sync();

  const file = h('input', { id: 'i-file', type: 'file', accept: 'application/json,.json', 'aria-describedby': 'i-file-err' });
  const out = h('div', { role: 'status', 'aria-live': 'polite' });
  const err = h('p', { class: 'err', id: 'i-file-err' });
  const commit = h('button', { type: 'button', class: 'primary', hidden: true }, 'Import for real');
  let text = '';
  const run = async (dry) => {
    err.textContent = '';
    try {
      const r = await api.post('/import', text, dry ? { dry_run: 'true' } : undefined);
      replace(out, h('div', { class: 'ok-box' }, h('strong', null, dry ? 'Dry run: nothing was written.' : 'Imported.'), report(r)));
      commit.hidden = !dry;
    } catch (e) {
      commit.hidden = true;
      replace(out, h('div', { class: 'error-box', role: 'alert' }, h('strong', null, dry ? 'The dry run found problems: ' : 'Import failed: '), e.message,
        e.fields.length ? h('ul', null, e.fields.map((f) => h('li', null, `${f.field}: ${f.detail}`))) : null));
    }
  };
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    text = await f.text();
    try {
      JSON.parse(text);
    } catch (e) {
      err.textContent = `${f.name} is not JSON: ${e.message}`;
      file.setAttribute('aria-invalid', 'true');
      return;
    }
    file.removeAttribute('aria-invalid');
    run(true);
  });
  commit.addEventListener('click', () => run(false));

  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Import and export'))),
    h('div', { class: 'split' },
      h('section', { class: 'panel', 'aria-labelledby': 'ex-h' }, h('h2', { id: 'ex-h' }, 'Export'),
        h('div', { class: 'form' }, h('div', { class: 'field' }, h('label', { for: 'x-topic' }, 'Topic'), sel), h('div', null, link))),
      h('section', { class: 'panel', 'aria-labelledby': 'im-h' }, h('h2', { id: 'im-h' }, 'Import'),
        h('div', { class: 'form' },
          h('div', { class: 'field' }, h('label', { for: 'i-file' }, 'JSON file'), file, h('span', { class: 'hint' }, 'A dry run checks the file first; nothing is written until you confirm.'), err),
          out, h('div', null, commit)))));
}
