package frontend_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// timelineCheckJS lists what keeps an analyst from reading the timeline's
// names, from the boxes and lines the browser laid out: two names
// overlapping, a name over a point's dot, over a range or its cap, over
// an open range's dashed line or its arrowhead, over another name's
// leader or over a line joining a claimant's figures, and a name cut by
// the plot's edge. A line counts with the width of its stroke, an
// arrowhead as the marker's square at the end of its line.
const timelineCheckJS = `(() => {
	const svg = document.querySelector('svg.plot:not(.swatch)');
	const f = svg.getBoundingClientRect();
	const labels = [...svg.querySelectorAll('.tl-label')].map(l => [l.textContent, l.getBoundingClientRect(), l.closest('.tl-point')]);
	const owner = (el) => el.closest('.tl-point') ? 'the point of ' + el.closest('.tl-point').dataset.claim : 'a series line';
	// Boxes: each dot; each range, cap and leader, widened by its stroke;
	// each arrowhead.
	const boxes = [];
	for (const d of svg.querySelectorAll('.tl-dot')) boxes.push(['the dot of ' + owner(d), d.getBoundingClientRect(), d.closest('.tl-point')]);
	const arrow = svg.querySelector('marker');
	const head = arrow ? Number(arrow.getAttribute('markerWidth')) / 2 : 0;
	for (const l of svg.querySelectorAll('.tl-point line')) {
		const r = l.getBoundingClientRect(), sw = parseFloat(getComputedStyle(l).strokeWidth) / 2;
		const what = l.classList.contains('tl-leader') ? 'leader' : l.classList.contains('open') ? 'open range' : l.classList.contains('tl-cap') ? 'cap' : 'range';
		boxes.push([what + ' of ' + owner(l), new DOMRect(r.left - sw, r.top - sw, r.width + 2 * sw, r.height + 2 * sw), l.closest('.tl-point'), l.classList.contains('tl-leader')]);
		if (l.getAttribute('marker-end')) {
			const m = svg.createSVGPoint();
			m.x = Number(l.getAttribute('x2')); m.y = Number(l.getAttribute('y2'));
			const e = m.matrixTransform(l.getScreenCTM());
			boxes.push(['arrowhead of ' + owner(l), new DOMRect(e.x - head, e.y - head, 2 * head, 2 * head), l.closest('.tl-point')]);
		}
	}
	// Series lines: a point every half pixel along each segment, with the
	// stroke's half width around it.
	const dots = [];
	for (const pl of svg.querySelectorAll('.series-line')) {
		const sw = parseFloat(getComputedStyle(pl).strokeWidth) / 2, ctm = pl.getScreenCTM();
		const ps = [...pl.points].map((p) => p.matrixTransform(ctm));
		for (let i = 1; i < ps.length; i++) {
			const n = Math.ceil(Math.hypot(ps[i].x - ps[i - 1].x, ps[i].y - ps[i - 1].y) * 2);
			for (let k = 0; k <= n; k++) dots.push([ps[i - 1].x + (ps[i].x - ps[i - 1].x) * k / n, ps[i - 1].y + (ps[i].y - ps[i - 1].y) * k / n, sw]);
		}
	}
	const cut = (p, q) => Math.min(p.right, q.right) > Math.max(p.left, q.left) && Math.min(p.bottom, q.bottom) > Math.max(p.top, q.top);
	const out = [];
	for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
		if (cut(labels[i][1], labels[j][1])) out.push('overlap: ' + labels[i][0] + ' / ' + labels[j][0]);
	}
	for (const [n, b, g] of labels) {
		if (b.left < f.left || b.right > f.right || b.top < f.top || b.bottom > f.bottom) out.push('clipped: ' + n);
		// A name's own leader touches it by design.
		for (const [what, r, og, leader] of boxes) if (!(leader && og === g) && cut(b, r)) out.push(n + ' over the ' + what);
		if (dots.some(([x, y, sw]) => x + sw > b.left && x - sw < b.right && y + sw > b.top && y - sw < b.bottom)) out.push(n + ' over a series line');
	}
	return out;
})()`

// TestTimelineNames: on the demo's main topic, 27 dated claims, several
// of the same month, the timeline's names never overlap each other or a
// point, and every point still tells its claimant: by a name drawn beside
// it, else by its accessible name (and its note on hover and focus).
func TestTimelineNames(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	var cmp struct {
		Claims []struct {
			Claim struct {
				ID string `json:"id"`
			} `json:"claim"`
			Claimant struct {
				Name string `json:"name"`
			} `json:"claimant"`
		} `json:"claims"`
	}
	call(t, "GET", base+"/api/v1/topics/topic-russians-is/comparison?limit=500", nil, &cmp)
	who := map[string]string{}
	for _, e := range cmp.Claims {
		who[e.Claim.ID] = e.Claimant.Name
	}
	defer s.do(t, chromedp.EmulateViewport(1360, 900))
	for _, w := range []int64{1360, 1024, 800} {
		s.do(t, chromedp.EmulateViewport(w, 900))
		s.do(t, chromedp.Navigate(base+"/topics/topic-russians-is?view=timeline"))
		// The plot is drawn to the width its wrapper is laid out at (it
		// redraws when the wrapper's width changes).
		s.waitFor(t, "the timeline at the wrapper's width", `document.querySelectorAll('svg.plot .tl-point').length === 27 &&
			document.querySelector('svg.plot').getAttribute('width') === String(Math.max(document.querySelector('.plot-wrap').clientWidth, 300))`)
		if bad := eval[[]string](t, s, timelineCheckJS); len(bad) > 0 {
			t.Errorf("%d px: %d faults:\n  %s", w, len(bad), strings.Join(bad, "\n  "))
		}
		type point struct{ ID, Label, Name string }
		points := eval[[]point](t, s, `[...document.querySelectorAll('svg.plot .tl-point')].map(g => ({ID: g.dataset.claim, Label: g.querySelector('.tl-label')?.textContent || '', Name: g.getAttribute('aria-label')}))`)
		labelled := 0
		for _, p := range points {
			name := who[p.ID]
			if name == "" {
				t.Errorf("%d px: a point for %q, which the topic's comparison does not hold", w, p.ID)
				continue
			}
			if !strings.HasPrefix(p.Name, name+", ") {
				t.Errorf("%d px: the point of %s is named %q, not after its claimant %s", w, p.ID, p.Name, name)
			}
			if p.Label == "" {
				continue
			}
			labelled++
			if p.Label != name && !(strings.HasSuffix(p.Label, "…") && strings.HasPrefix(name, strings.TrimSuffix(p.Label, "…"))) {
				t.Errorf("%d px: the point of %s is labelled %q, not its claimant %s", w, p.ID, p.Label, name)
			}
		}
		// A plot that drew no names at all would pass the checks above.
		if labelled < 10 {
			t.Errorf("%d px: %d of %d points have their name drawn, want at least 10", w, labelled, len(points))
		}
		// A point without its name drawn says it when focused (a click
		// first gives the page the window's focus, as an analyst's would).
		// The earlier figures of a claimant's series are never named (the
		// series' line leads to the latest, which is), so the demo's
		// topic always has such a point.
		s.do(t, chromedp.Click(chromedp.CSS(`main h1`)))
		unnamed := slices.IndexFunc(points, func(p point) bool { return p.Label == "" })
		if unnamed < 0 {
			t.Errorf("%d px: all %d points have their name drawn, though the earlier figures of a series are never named", w, len(points))
		} else {
			p := points[unnamed]
			s.do(t, chromedp.Focus(chromedp.CSS(`svg.plot .tl-point[data-claim="`+p.ID+`"]`)))
			s.waitFor(t, "the point's note", `!document.querySelector('.plot-tip').hidden`)
			if got := eval[string](t, s, `document.querySelector('.plot-tip').textContent`); !strings.HasPrefix(got, who[p.ID]+", ") {
				t.Errorf("%d px: the note of the unnamed point of %s reads %q, want its claimant %s first", w, p.ID, got, who[p.ID])
			}
		}
		s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.plot-wrap').scrollIntoView()`))
		s.screenshot(t, fmt.Sprintf("timeline-names-%d", w), false)
	}
	s.checkClean(t)
}

// TestTimelineNamesNeedLayout: a timeline drawn where it is not laid out
// (inside an element not displayed, or not yet in the page) cannot
// measure its names, which all measure nothing there; it draws none
// rather than drawing them all on top of each other. Drawn again once
// shown, as the page does when the plot's width changes, it names its
// points.
func TestTimelineNamesNeedLayout(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics", screenReady)
	// Three claimants' figures a year apart, each with room for its name.
	got, err := chromedp.Run(s.ctx, chromedp.Evaluate[[]int](`(async () => {
		const { drawTimeline } = await import('/js/plot.js');
		const opts = { width: 900, height: 400, points: [
			{ id: 'a', name: 'Alexander Bortnikov', iv: { low: 1700, high: 1700, best: null }, year: 2014.5, date: '2014-07-01' },
			{ id: 'b', name: 'Elena Sutormina', iv: { low: 3000, high: 5000, best: null }, year: 2015.5, date: '2015-07-01' },
			{ id: 'c', name: 'Vladimir Putin', iv: { low: 9000, high: 9000, best: null }, year: 2016.5, date: '2016-07-01' },
		] };
		const named = (svg) => svg.querySelectorAll('.tl-label').length;
		const plot = () => document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		const hidden = document.createElement('div');
		hidden.style.display = 'none';
		const inHidden = hidden.appendChild(plot());
		inHidden.setAttribute('class', 'plot');
		document.getElementById('main').appendChild(hidden);
		drawTimeline(inHidden, opts);
		const detached = plot();
		detached.setAttribute('class', 'plot');
		drawTimeline(detached, opts);
		const hiddenCount = named(inHidden), detachedCount = named(detached);
		hidden.style.display = '';
		drawTimeline(inHidden, opts);
		return [hiddenCount, detachedCount, named(inHidden)];
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 0, 3}; !slices.Equal(got, want) {
		t.Errorf("names drawn not displayed, not in the page, then displayed: %v, want %v", got, want)
	}
	s.checkClean(t)
}
