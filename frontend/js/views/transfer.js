// The transfer screen: export a topic or everything as JSON, and import a
// JSON, NDJSON or CSV file with a dry-run report before anything is written.

import { h, replace } from '../dom.js';
import * as api from '../api.js';
import * as fmt from '../format.js';
import { checkOnClick } from '../share.js';

const KINDS = ['topics', 'sources', 'claimants', 'claims', 'links', 'reviews'];

/** report shows an import report: a table of created, updated and skipped records per kind. */
function report(r) {
  if (!r || typeof r !== 'object' || !r.created) return h('pre', { class: 'report' }, JSON.stringify(r, null, 2));
  const n = (o, k) => (o && o[k]) || 0;
  const total = (o) => KINDS.reduce((t, k) => t + n(o, k), 0);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data report-table', 'data-testid': 'import-report' },
    h('caption', { class: 'visually-hidden' }, 'Records per kind: created, updated, skipped'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Records'),
      ['created', 'updated', 'skipped'].map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
    h('tbody', null, KINDS.filter((k) => n(r.created, k) + n(r.updated, k) + n(r.skipped, k) > 0).map((k) =>
      h('tr', { dataset: { kind: k } }, h('th', { scope: 'row' }, k),
        ['created', 'updated', 'skipped'].map((c) => h('td', { class: 'num', dataset: { col: c } }, fmt.num(n(r[c], k))))))),
    h('tfoot', null, h('tr', { dataset: { kind: 'total' } }, h('th', { scope: 'row' }, 'total'),
      ['created', 'updated', 'skipped'].map((c) => h('td', { class: 'num', dataset: { col: c } }, fmt.num(total(r[c]))))))));
}

/**
 * refusal explains why a file was refused: a count above the list of each
 * problem by its place in the file (JSON path or line), or the server's
 * message alone when it located none. The message names the first problem
 * of the list, so it is not repeated above it.
 */
function refusal(e, dry) {
  const rep = e.problem && e.problem.report;
  const list = rep && rep.errors && rep.errors.length
    ? rep.errors.map((x) => [x.location, x.reason])
    : e.fields.map((f) => [f.field || f.pointer, f.detail]);
  const head = h('strong', null, dry ? 'The file cannot be imported; nothing was written. ' : 'Import failed; nothing was written. ');
  if (!list.length) return [h('p', null, head, e.message)];
  const total = Math.max((rep && rep.error_count) || 0, list.length);
  const more = total - list.length;
  return [
    h('p', null, head, total === 1 ? 'One problem:' : `${fmt.num(total)} problems, in the order of the file:`),
    h('ul', { class: 'located', 'data-testid': 'import-errors' }, list.map(([where, why]) => h('li', null, h('code', null, where || '$'), ' ', why))),
    more ? h('p', null, `…and ${fmt.num(more)} more.`) : null];
}

// importTypes: the media type an import is sent as, by the file's
// extension; the API reads each (a CSV exported for Excel too). Any other
// file is sent as JSON, which it must then be.
const importTypes = { csv: 'text/csv', ndjson: 'application/x-ndjson', jsonl: 'application/x-ndjson' };

/** render builds the export links and the import form. */
export async function render(ctx) {
  ctx.setTitle('Import and export');
  const topics = await api.all('/topics');
  const sel = h('select', { id: 'x-topic' }, h('option', { value: '' }, 'Everything'), topics.map((t) => h('option', { value: t.id }, t.title)));
  const link = h('a', { class: 'btn primary', download: 'claimdesk.json', 'data-testid': 'export-link' }, 'Download JSON');
  // The other formats: CSV for Excel (byte order mark, CRLF), QuickStatements
  // for Wikidata, ClaimReview JSON-LD for publishers.
  const others = [
    ['CSV for Excel', { format: 'csv', excel: 'true' }, 'csv'],
    ['QuickStatements', { format: 'quickstatements' }, 'qs.txt'],
    ['ClaimReview', { format: 'claimreview' }, 'jsonld'],
  ].map(([label, q, ext]) => [h('a', { 'data-testid': `export-${q.format}` }, label), q, ext]);
  const sync = () => {
    link.setAttribute('href', api.url('/export', { format: 'json', topic_id: sel.value }));
    link.setAttribute('download', sel.value ? `claimdesk-${sel.value}.json` : 'claimdesk-all.json');
    for (const [a, q, ext] of others) {
      a.setAttribute('href', api.url('/export', { ...q, topic_id: sel.value }));
      a.setAttribute('download', `claimdesk-${sel.value || 'all'}.${ext}`);
    }
  };
  sel.addEventListener('change', sync);
  sync();
  const exportStatus = h('div', { role: 'status', 'data-testid': 'export-status' });
  for (const a of [link, ...others.map(([a]) => a)]) checkOnClick(a, exportStatus);

  const file = h('input', { id: 'i-file', type: 'file', accept: '.json,.ndjson,.jsonl,.csv,application/json,application/x-ndjson,text/csv', 'aria-describedby': 'i-file-hint i-file-err' });
  const out = h('div', { role: 'status', 'aria-live': 'polite', 'data-testid': 'import-out' });
  const err = h('p', { class: 'err', id: 'i-file-err' });
  const commit = h('button', { type: 'button', class: 'primary', hidden: true, 'data-testid': 'import-commit' }, 'Import for real');
  let text = '';
  let name = '';
  let contentType = 'application/json';
  const run = async (dry) => {
    err.textContent = '';
    commit.disabled = true;
    try {
      const r = await api.post('/import', text, dry ? { dry_run: 'true' } : undefined, { contentType });
      const n = r && typeof r.records === 'number' ? `${fmt.num(r.records)} record${r.records === 1 ? '' : 's'} in ${name}` : name;
      replace(out, h('div', { class: 'ok-box', 'data-testid': dry ? 'dry-run-ok' : 'import-done' },
        h('p', null, h('strong', null, dry ? 'Dry run passed: nothing was written yet. ' : 'Imported. '), n, '.'),
        report(r),
        dry ? h('p', { class: 'muted small' }, 'Records already here at the same or a newer version are skipped, so importing a file twice changes nothing.')
          : h('p', null, h('a', { href: '/' }, 'See the topics'), '.')));
      commit.hidden = !dry;
      if (!dry) file.value = '';
    } catch (e) {
      commit.hidden = true;
      replace(out, h('div', { class: 'error-box', role: 'alert', 'data-testid': 'import-error' }, refusal(e, dry)));
      file.setAttribute('aria-invalid', 'true');
    } finally {
      commit.disabled = false;
    }
  };
  file.addEventListener('change', async () => {
    const f = file.files[0];
    replace(out);
    commit.hidden = true;
    if (!f) return;
    name = f.name;
    text = await f.text();
    contentType = importTypes[(/\.([^.]+)$/.exec(f.name.toLowerCase()) || [])[1]] || 'application/json';
    if (contentType === 'application/json') {
      try {
        JSON.parse(text);
      } catch (e) {
        err.textContent = `${f.name} is not JSON: ${e.message} (an NDJSON or CSV file must end in .ndjson or .csv)`;
        file.setAttribute('aria-invalid', 'true');
        return;
      }
    }
    file.removeAttribute('aria-invalid');
    run(true);
  });
  commit.addEventListener('click', () => run(false));

  return h('div', null,
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Import and export'))),
    h('div', { class: 'split' },
      h('section', { class: 'panel', 'aria-labelledby': 'ex-h' }, h('h2', { id: 'ex-h' }, 'Export'),
        h('div', { class: 'form' }, h('div', { class: 'field' }, h('label', { for: 'x-topic' }, 'Topic'), sel), h('div', null, link),
          h('p', { class: 'muted small' }, 'Also as ', others.flatMap(([a], i) => (i ? [i === others.length - 1 ? ' or ' : ', ', a] : [a])), '.'), exportStatus)),
      h('section', { class: 'panel', 'aria-labelledby': 'im-h' }, h('h2', { id: 'im-h' }, 'Import'),
        h('div', { class: 'form' },
          h('div', { class: 'field' }, h('label', { for: 'i-file' }, 'File'), file, h('span', { class: 'hint', id: 'i-file-hint' }, 'A claimdesk export: JSON, NDJSON or CSV (one row a claim, its topic, claimant and source already here). A dry run checks the file first; nothing is written until you confirm.'), err),
          out, h('div', null, commit)))));
}
