// share.js turns the comparison plot into a picture to hand a colleague:
// a standalone SVG (names in the plot, colours written into presentation
// attributes, so it needs no stylesheet) and a PNG drawn from it; and it
// saves the API's downloads (exports) with their errors told in the page.

import { h, s, replace } from './dom.js';
import { drawComparison } from './plot.js';
import * as api from './api.js';

// The computed styles that make the plot look as it does on screen.
const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-size', 'font-weight', 'font-style', 'font-family', 'paint-order', 'text-anchor', 'stop-color', 'stop-opacity'];

/**
 * pictureSVG draws the comparison anew with every name in the plot, in a
 * hidden box of the page so the browser computes its styles, and returns
 * it as standalone SVG text with its size.
 */
export function pictureSVG({ title, subtitle, rows, conflicts, consensus, width = 900 }) {
  const rowH = 44, head = 54, foot = 22;
  const plotH = 48 + rows.length * rowH;
  const height = head + plotH + foot;
  const svg = s('svg', { class: 'plot' });
  const box = h('div', { class: 'offscreen', 'aria-hidden': 'true' }, svg);
  document.body.appendChild(box);
  try {
    drawComparison(svg, {
      rows, rowY: rows.map((_, i) => 48 + i * rowH), width, height: plotH,
      labels: true, consensus, conflicts,
    });
    // Copy the look into attributes: the picture travels without app.css.
    // Read every element's style first: removing a class changes its
    // descendants' styles.
    const els = [svg, ...svg.querySelectorAll('*')];
    const looks = els.map((el) => {
      const cs = getComputedStyle(el);
      return PROPS.map((p) => [p, cs.getPropertyValue(p)]);
    });
    els.forEach((el, i) => {
      for (const [p, v] of looks[i]) if (v && v !== 'normal' && v !== 'auto') el.setAttribute(p, v);
      el.removeAttribute('class');
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
    });
    const bg = getComputedStyle(document.body).backgroundColor;
    const ink = getComputedStyle(document.body).color;
    const plot = s('g', { transform: `translate(0 ${head})` }, ...svg.childNodes);
    const out = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'system-ui, sans-serif' },
      s('rect', { x: 0, y: 0, width, height, fill: bg }),
      s('text', { x: 14, y: 22, 'font-size': 16, 'font-weight': 700, fill: ink }, title),
      s('text', { x: 14, y: 40, 'font-size': 11, fill: ink, opacity: 0.75 }, subtitle),
      plot,
      s('text', { x: width - 14, y: height - 6, 'font-size': 10, 'text-anchor': 'end', fill: ink, opacity: 0.6 }, 'claimdesk · logarithmic scale'));
    return { text: new XMLSerializer().serializeToString(out), width, height };
  } finally {
    box.remove();
  }
}

/** pngOf draws SVG text on a canvas at twice its size and returns a PNG blob. */
export function pngOf({ text, width, height }) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const c = document.createElement('canvas');
      c.width = width * 2;
      c.height = height * 2;
      const g = c.getContext('2d');
      g.scale(2, 2);
      g.drawImage(img, 0, 0, width, height);
      c.toBlob((b) => (b ? resolve(b) : reject(new Error('the picture could not be drawn'))), 'image/png');
    };
    img.onerror = () => reject(new Error('the picture could not be drawn'));
    // A data: URL: the page's policy allows images from data:, not blob:.
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

/** download saves blob under name through a temporary link. */
export function download(blob, name) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/**
 * checkOnClick makes link, a link to a download of the API (an export),
 * ask the server with HEAD first when clicked, and say in status what came
 * of it: the server's own explanation when it refuses (another export
 * running: try again in a few seconds; the topic deleted), where the
 * browser's download bar said only "Failed - Server problem". If the
 * server would send it, the browser downloads it as any link, streamed to
 * disk with its own progress, not held in the page (an export of a
 * million claims is hundreds of megabytes). Another export can still
 * start between the HEAD and the download; the browser then reports the
 * refusal as before. The link keeps its href, read at each click, for
 * "Save link as" and the like.
 */
export function checkOnClick(link, status) {
  link.addEventListener('click', async (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (link.getAttribute('aria-disabled') === 'true') return;
    link.setAttribute('aria-disabled', 'true');
    const href = link.getAttribute('href');
    const asked = link.getAttribute('download') || 'the file';
    replace(status, h('span', { class: 'muted' }, 'Checking with the server…'));
    try {
      const name = (await api.fileName(href)) || asked;
      const a = h('a', { href, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      replace(status, h('span', { class: 'muted' }, `Downloading ${name}: your browser's downloads show its progress.`));
    } catch (err) {
      // Not errorBox, an alert: status is a live region already, and an
      // alert within it may be read twice.
      replace(status, h('div', { class: 'error-box' }, h('strong', null, 'Not exported:'), ' ', err.message));
    } finally {
      link.removeAttribute('aria-disabled');
    }
  });
}
