// forms.js shows API validation errors next to the fields at fault.

/** fieldKey reduces an API field path to the form's key: scope.places[1] -> scope.places. */
export function fieldKey(field) {
  return String(field || '').replace(/\[\d+\]/g, '').replace(/\.(low|high|best)$/, (m) => m);
}

// formWords names, in an error's detail, the API fields that the claim
// forms show under other words: "give analyst_interval, or set no_number"
// is read next to a box labelled "The claimant gave no number".
const formWords = [
  [/\bno_number\b/g, '“The claimant gave no number”'],
  [/\banalyst_interval\b/g, 'an analyst interval'],
];

/** inFormWords rewrites detail with the forms' words for the API's fields. */
const inFormWords = (detail) => formWords.reduce((d, [re, w]) => d.replace(re, w), String(detail || ''));

/**
 * fieldErrors clears old errors in form, then marks each errors[].field
 * of err: aria-invalid on the input, the detail in its error element
 * (id + "-err"), and focus on the first in the page. map names the input id of each
 * field key; unknown fields go to the form's general error box.
 */
export function fieldErrors(form, err, map) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.err')) el.textContent = '';
  const general = form.querySelector('.form-error');
  if (general) general.textContent = '';
  const fields = (err && err.fields) || [];
  let first = null;
  const unplaced = [];
  for (const f of fields) {
    const key = fieldKey(f.field);
    let id = map[key];
    if (!id) {
      const parent = Object.keys(map).filter((k) => key.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
      id = parent && map[parent];
    }
    const input = id && form.querySelector(`#${CSS.escape(id)}`);
    if (!input) {
      unplaced.push(`${f.field}: ${inFormWords(f.detail)}`);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    const box = form.querySelector(`#${CSS.escape(`${id}-err`)}`);
    const detail = inFormWords(f.detail);
    if (box) box.textContent = box.textContent ? `${box.textContent}; ${detail}` : detail;
    // Focus the first field at fault on the screen, whatever the order of
    // the API's list (its fields sorted by name).
    if (!first || input.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) first = input;
  }
  if (!fields.length || unplaced.length) {
    const msg = unplaced.length ? unplaced.join('; ') : (err && err.message) || String(err);
    if (general) general.textContent = msg;
  }
  if (first) first.focus();
  else if (general) general.focus();
}

/** clearErrors removes every error mark from form. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.err, .form-error')) el.textContent = '';
}
