import { h } from './dom.js';

/**
 * A topic's places and who is counted, as both the topic's edit form and
 * the new-topic form offer them: the labels, the hints and the population
 * tree's text control.
 */
export const scope = {
  places: {
    label: 'Places',
    hint: 'Comma-separated: Syria, Iraq. A claim that names no place is taken to be for these; with none here, such a claim is never a conflict.',
  },
  populations: {
    label: 'Who is counted',
    hint: 'One population a line, a narrower one after the broader with <, aliases after =: "Russians = Russian nationals", "Chechens < Russians". A narrower population above the broader contradicts it.',
  },
};

/** placesOf reads comma-separated places. */
function placesOf(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * populationsControl edits a topic's population tree as lines of text:
 * "Name < Broader = alias, alias", the broader and the aliases optional.
 */
export function populationsControl(id) {
  const input = h('textarea', { id, rows: 4, spellcheck: 'false', placeholder: 'Russians = Russian nationals\nChechens < Russians' });
  return {
    node: input, input,
    get() {
      return input.value.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
        const eq = line.indexOf('=');
        const head = eq < 0 ? line : line.slice(0, eq);
        const aliases = eq < 0 ? [] : line.slice(eq + 1).split(',').map((a) => a.trim()).filter(Boolean);
        const lt = head.indexOf('<');
        const p = { name: (lt < 0 ? head : head.slice(0, lt)).trim() };
        const broader = lt < 0 ? '' : head.slice(lt + 1).trim();
        if (broader) p.broader = broader;
        if (aliases.length) p.aliases = aliases;
        return p;
      });
    },
    set(v) {
      input.value = (v || []).map((p) => p.name + (p.broader ? ` < ${p.broader}` : '') +
        (p.aliases && p.aliases.length ? ` = ${p.aliases.join(', ')}` : '')).join('\n');
    },
  };
}

/**
 * scopeFields are the edit form's field specs (see editor.js) of the
 * topic's places and populations; prefix names the population control.
 */
export function scopeFields(prefix) {
  const id = `${prefix}-populations`;
  return [
    { key: 'places', label: scope.places.label, type: 'tags', wide: true, hint: scope.places.hint },
    { key: 'populations', label: scope.populations.label, type: 'control', wide: true, control: populationsControl(id), inputId: id, hint: scope.populations.hint },
  ];
}

/**
 * scopeInputs builds the same two fields for a form of its own (the
 * new-topic form): {nodes, get() -> {places, populations}, errorIds} with
 * the input IDs prefix-places and prefix-populations, each with its hint
 * and error line.
 */
export function scopeInputs(prefix) {
  const places = h('input', { id: `${prefix}-places`, autocomplete: 'off', placeholder: 'Syria, Iraq' });
  const pops = populationsControl(`${prefix}-populations`);
  const row = (input, node, { label, hint }) => {
    input.setAttribute('aria-describedby', `${input.id}-hint ${input.id}-err`);
    return h('div', { class: 'field wide' }, h('label', { for: input.id }, label), node,
      h('span', { class: 'hint', id: `${input.id}-hint` }, hint), h('p', { class: 'err', id: `${input.id}-err` }));
  };
  return {
    nodes: [row(places, places, scope.places), row(pops.input, pops.node, scope.populations)],
    get: () => ({ places: placesOf(places.value), populations: pops.get() }),
    errorIds: { places: places.id, populations: pops.input.id },
  };
}
