// The trend view: fetches /trend/api/view with the SMART token and draws it with Chart.js (served by Flipside).
// Every point's marker shape says its provenance tier, so colour is never the only signal; "Show tables" gives the
// same data as tables.
import { finishLaunch, forgetSession, showProblem, LaunchProblem } from './smart.js';

const SHAPES = { A: 'circle', B: 'triangle', C: 'rect', D: 'crossRot', K: 'rectRot', R: 'circle' };
const DAY = 86400000;
/** The page's titles and labels from Flipside (cds-cards/partials/trend-*.mustache), by "group.key". */
let labels = {};

/**
 * Flipside words every text of the page as the cards' markdown: values escaped with backslashes (a device's name is
 * shown as written, never as markup) and a section's headline in **bold**. As plain text: the bold marks dropped
 * first, then the escapes undone (so an escaped "\*\*" in a name stays two asterisks).
 */
function plain(text) {
  return String(text ?? '').replace(/\*\*/g, '').replace(/\\(.)/g, '$1');
}

/** As nodes: **bold** as <strong>, the rest as text (never as HTML). */
function rich(text) {
  const nodes = [];
  let bold = false;
  let run = '';
  const source = String(text ?? '');
  const flush = () => { if (run) nodes.push(bold ? el('strong', { text: run }) : run); run = ''; };
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\' && i + 1 < source.length) {
      run += source[++i];
    } else if (source.startsWith('**', i)) {
      flush();
      bold = !bold;
      i++;
    } else {
      run += source[i];
    }
  }
  flush();
  return nodes;
}

const word = (key) => plain(labels[key] || key);
const fmtDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const fmtTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => (k === 'text' ? (node.textContent = v) : node.setAttribute(k, v)));
  [].concat(children).forEach((c) => node.append(c));
  return node;
}

/** Gaps as shaded vertical spans, target bands as shaded horizontal spans: drawn under the data. */
const spans = {
  id: 'flipsideSpans',
  beforeDatasetsDraw(chart, args, options) {
    const { ctx, chartArea: area, scales: { x, y } } = chart;
    ctx.save();
    (options.gaps || []).forEach((g) => {
      const from = x.getPixelForValue(Date.parse(g.from + 'T00:00:00'));
      const to = x.getPixelForValue(Date.parse(g.to + 'T00:00:00') + DAY);
      ctx.fillStyle = 'rgba(110,119,129,0.16)';
      ctx.fillRect(Math.max(from, area.left), area.top, Math.min(to, area.right) - Math.max(from, area.left), area.bottom - area.top);
    });
    (options.bands || []).forEach((b) => {
      const top = y.getPixelForValue(b.to);
      const bottom = y.getPixelForValue(b.from);
      ctx.fillStyle = b.colour;
      const bandTop = Math.max(top, area.top);
      const height = Math.min(bottom, area.bottom) - bandTop;
      ctx.fillRect(area.left, bandTop, area.right - area.left, height);
      if (b.label && height >= 12) {
        // the band named on the chart itself: its colour is never the only way to tell it
        ctx.fillStyle = '#424a53';
        ctx.font = '10px system-ui, sans-serif';
        ctx.textAlign = 'right';
        ctx.textBaseline = 'top';
        ctx.fillText(b.label, area.right - 4, bandTop + 2);
      }
    });
    ctx.restore();
  },
};

function pointsOf(points, pick, colour) {
  return {
    data: points.map((p) => ({ x: Date.parse(p.time), y: pick(p), p })),
    pointStyle: points.map((p) => SHAPES[p.tier] || 'circle'),
    pointRadius: points.map((p) => (p.tier === 'D' ? 6 : 5)),
    borderColor: colour,
    pointBorderColor: colour,
    pointBackgroundColor: points.map((p) => (p.used ? colour : '#ffffff')),
    showLine: false,
  };
}

function line(label, value, from, to, colour) {
  return { label, data: [{ x: from, y: value }, { x: to, y: value }], borderColor: colour, borderDash: [6, 4], pointRadius: 0, showLine: true, borderWidth: 1.5 };
}

function timeChart(canvas, datasets, options = {}) {
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    plugins: [spans],
    options: {
      animation: false, maintainAspectRatio: false,
      scales: {
        x: { type: 'linear', min: options.min, max: options.max, ticks: { callback: (v) => fmtDay.format(new Date(v)), maxTicksLimit: 10 } },
        y: { title: { display: true, text: options.unit }, suggestedMin: options.yMin, suggestedMax: options.yMax },
      },
      plugins: {
        flipsideSpans: { gaps: options.gaps || [], bands: options.bands || [] },
        legend: { display: options.legend !== false, labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: (c) => tooltip(c, options.unit) } },
      },
    },
  });
}

function tooltip(context, unit) {
  const p = context.raw.p;
  if (!p) {
    return context.dataset.label;
  }
  const value = p.value2 != null ? p.value + '/' + p.value2 : p.value;
  return `${fmtTime.format(new Date(p.time))}: ${value} ${unit || ''} · ${plain(p.source)}${p.used ? '' : ` · ${word('bp.usedForMean')}: ${word('page.no')}`}`;
}

function chartBox(kind) {
  const canvas = el('canvas', { role: 'img' });
  return { box: el('div', { class: kind ? 'chart ' + kind : 'chart' }, canvas), canvas };
}

function table(caption, head, rows) {
  return el('table', { class: 'table' }, [el('caption', { text: plain(caption) }),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: plain(h) })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', { text: plain(c) })))))]);
}

/** The time axis of some points: at least a week wide, so a single reading's day is not spread over every tick. */
function range(points, extra = []) {
  const times = points.map((p) => Date.parse(p.time)).concat(extra);
  const min = Math.min(...times) - DAY / 2;
  const max = Math.max(...times) + DAY / 2;
  const widen = Math.max(0, 7 * DAY - (max - min)) / 2;
  return { min: min - widen, max: max + widen };
}

/** A paragraph of Flipside's words. */
function paragraph(cls, text) {
  return el('p', { class: cls }, rich(text));
}

// ---- sections ------------------------------------------------------------------------------------------------

function bloodPressure(bp) {
  const section = el('section', { id: 'bp', 'aria-labelledby': 'bp-h' }, el('h2', { id: 'bp-h', text: word('bp.title') }));
  section.append(paragraph('summary', bp.text.summary));
  const { box, canvas } = chartBox();
  canvas.setAttribute('aria-label', plain(bp.text.chart));
  section.append(box);
  const all = bp.homeReadings.concat(bp.officeReadings.filter((p) => Date.parse(p.time) > Date.now() - 90 * DAY));
  const r = range(all.length ? all : bp.officeReadings);
  timeChart(canvas, [
    { label: word('bp.homeSystolic'), ...pointsOf(bp.homeReadings, (p) => p.value, '#0b5cad') },
    { label: word('bp.homeDiastolic'), ...pointsOf(bp.homeReadings, (p) => p.value2, '#6e40c9') },
    { label: word('bp.officeSystolic'), ...pointsOf(bp.officeReadings, (p) => p.value, '#b42318'), pointStyle: 'rectRot', pointRadius: 7 },
    { label: word('bp.officeDiastolic'), ...pointsOf(bp.officeReadings, (p) => p.value2, '#c4320a'), pointStyle: 'rectRot', pointRadius: 7 },
    line(bp.targets[0].label, bp.targets[0].to, r.min, r.max, '#0b5cad'),
    line(bp.targets[1].label, bp.targets[1].to, r.min, r.max, '#6e40c9'),
  ], { ...r, unit: word('bp.axis'), gaps: bp.gaps, yMin: 50, yMax: 180 });
  section.append(table(word('bp.title'), [word('page.when'), word('bp.setting'), word('bp.axis'), word('page.source'), word('bp.usedForMean')],
    bp.homeReadings.map((p) => [fmtTime.format(new Date(p.time)), word('bp.home'), `${p.value}/${p.value2}`, p.source, word(p.used ? 'page.yes' : 'page.no')])
      .concat(bp.officeReadings.map((p) => [fmtTime.format(new Date(p.time)), word('bp.office'), `${p.value}/${p.value2}`, p.source, word('bp.officeMean')]))));
  section.append(paragraph('note', bp.text.targets));
  return section;
}

function glucose(g) {
  const section = el('section', { id: 'glucose', 'aria-labelledby': 'glucose-h' }, el('h2', { id: 'glucose-h', text: word('glucose.title') }));
  const r = g.ranges;
  if (r) {
    section.append(paragraph('summary', g.text.ranges));
    const bar = el('div', { class: 'ranges', role: 'img', 'aria-label': plain(g.text.rangesChart) });
    const parts = [['r-vlow', r.veryLow, 'veryLow'], ['r-low', r.low, 'low'], ['r-in', r.inRange, 'inRange'], ['r-high', r.high, 'high'], ['r-vhigh', r.veryHigh, 'veryHigh']];
    parts.filter(([, v]) => v > 0).forEach(([cls, v, name]) => {
      const part = el('div', { class: cls, title: `${word('glucose.' + name)} ${v}%` }, `${v}%`);
      part.style.flexBasis = v + '%';
      bar.append(part);
    });
    section.append(bar);
    section.append(table(word('glucose.rangesTitle'), [word('glucose.range'), word('glucose.percentOfTime')],
      parts.map(([, v, name]) => [word('glucose.' + name), v < 0 ? '–' : v])));
  }
  if (g.profile.length) {
    section.append(paragraph('note', g.text.profile));
    const { box, canvas } = chartBox();
    canvas.setAttribute('aria-label', word('glucose.profileChart'));
    section.append(box);
    const at = (key) => g.profile.map((h) => ({ x: h.hour + 0.5, y: h[key] }));
    new Chart(canvas, {
      type: 'line',
      data: { datasets: [
        { label: word('glucose.p5'), data: at('p5'), borderColor: '#8fb8e6', pointRadius: 0, fill: false, borderDash: [3, 3] },
        { label: word('glucose.p95'), data: at('p95'), borderColor: '#8fb8e6', backgroundColor: 'rgba(143,184,230,0.25)', pointRadius: 0, fill: '-1', borderDash: [3, 3] },
        { label: word('glucose.p25'), data: at('p25'), borderColor: '#3d7cc9', pointRadius: 0, fill: false },
        { label: word('glucose.p75'), data: at('p75'), borderColor: '#3d7cc9', backgroundColor: 'rgba(61,124,201,0.35)', pointRadius: 0, fill: '-1' },
        { label: word('glucose.median'), data: at('p50'), borderColor: '#0b2e59', borderWidth: 2.5, pointRadius: 0, fill: false },
        { label: `${g.targetRange.from} ${word('glucose.axis')}`, data: [{ x: 0, y: g.targetRange.from }, { x: 24, y: g.targetRange.from }], borderColor: '#2e9d5b', borderDash: [6, 4], pointRadius: 0 },
        { label: `${g.targetRange.to} ${word('glucose.axis')}`, data: [{ x: 0, y: g.targetRange.to }, { x: 24, y: g.targetRange.to }], borderColor: '#2e9d5b', borderDash: [6, 4], pointRadius: 0 },
      ] },
      options: { animation: false, maintainAspectRatio: false, parsing: true,
        scales: { x: { type: 'linear', min: 0, max: 24, title: { display: true, text: word('glucose.profileAxis') }, ticks: { stepSize: 3, callback: (v) => String(v).padStart(2, '0') + ':00' } },
          y: { title: { display: true, text: word('glucose.axis') }, suggestedMin: 40, suggestedMax: 300 } },
        plugins: { legend: { labels: { boxHeight: 2 } } } },
    });
    section.append(table(word('glucose.profileTable'), ['hour', 'readings', 'p5', 'p25', 'median', 'p75', 'p95'].map((k) => word('glucose.' + k)),
      g.profile.map((h) => [String(h.hour).padStart(2, '0') + ':00', h.readings, h.p5, h.p25, h.p50, h.p75, h.p95])));
  } else if (r) {
    section.append(paragraph('note', word('glucose.noProfile')));
  }
  if (g.meter.length) {
    section.append(paragraph('summary', g.text.meterReadings));
    const { box, canvas } = chartBox();
    canvas.setAttribute('aria-label', word('glucose.meterChart'));
    section.append(box);
    const rr = range(g.meter);
    const unit = word('glucose.axis');
    timeChart(canvas, [{ label: word('glucose.meter'), ...pointsOf(g.meter, (p) => p.value, '#0b5cad') },
      line(`${g.targetRange.from} ${unit}`, g.targetRange.from, rr.min, rr.max, '#2e9d5b'), line(`${g.targetRange.to} ${unit}`, g.targetRange.to, rr.min, rr.max, '#2e9d5b')],
    { ...rr, unit, gaps: g.gaps, yMin: 40, yMax: 300 });
    section.append(table(word('glucose.meter'), [word('page.when'), unit, word('page.source')], g.meter.map((p) => [fmtTime.format(new Date(p.time)), p.value, p.source])));
  }
  return section;
}

function weight(w) {
  const section = el('section', { id: 'weight', 'aria-labelledby': 'weight-h' }, el('h2', { id: 'weight-h', text: word('weight.title') }));
  section.append(paragraph('summary', w.text.summary));
  const { box, canvas } = chartBox();
  canvas.setAttribute('aria-label', word('weight.chart'));
  section.append(box);
  const r = range(w.weights);
  const values = w.weights.map((p) => p.value).concat(w.thresholds.map((t) => t.from));
  timeChart(canvas, [{ label: word('weight.weight'), ...pointsOf(w.weights, (p) => p.value, '#0b5cad'), showLine: true }]
    .concat(w.thresholds.map((t, i) => line(t.label, t.from, r.min, r.max, i === 0 ? '#424a53' : '#b42318'))),
  { ...r, unit: word('weight.axis'), gaps: w.gaps, yMin: Math.min(...values) - 2, yMax: Math.max(...values) + 2 });
  section.append(table(word('weight.title'), [word('page.when'), word('weight.axis'), word('page.source')], w.weights.map((p) => [fmtTime.format(new Date(p.time)), p.value, p.source])));
  if (w.thresholds.length) {
    section.append(paragraph('note', w.text.lines));
  }
  return section;
}

const BAND_COLOURS = ['rgba(46,157,91,0.10)', 'rgba(245,185,66,0.14)', 'rgba(224,138,0,0.16)', 'rgba(229,72,77,0.16)', 'rgba(143,28,18,0.18)'];

/**
 * One score over time against its bands (PHQ-9, GAD-7, PROMIS, pain; KCCQ-12 with {id, title} and its change sizes).
 */
function prom(p, options = {}) {
  const section = el('section', options.id ? { id: options.id, class: 'prom', 'aria-label': options.title } : { class: 'prom', 'aria-label': p.name });
  section.append(el('h2', { text: options.title || p.name }));
  section.append(paragraph('summary', p.text.summary));
  const { box, canvas } = chartBox();
  canvas.setAttribute('aria-label', plain(p.text.chart));
  section.append(box);
  const ordered = p.higherIsWorse ? p.bands : [...p.bands].reverse();
  const r = range(p.scores, [Date.now()]);
  timeChart(canvas, [{ label: p.name, ...pointsOf(p.scores, (s) => s.value, '#0b2e59'), showLine: true }],
    { ...r, unit: options.axis || word('proms.axis'), yMin: p.min, yMax: p.max, bands: ordered.map((b, i) => ({ from: b.from, to: b.to, label: b.label, colour: BAND_COLOURS[Math.min(i, BAND_COLOURS.length - 1)] })) });
  section.append(table(p.text.table, [word('page.completed'), word('page.score'), word('page.where')], p.scores.map((s) => [fmtTime.format(new Date(s.time)), s.value, s.source])));
  return section;
}

/** Moderate and severe, in the order Flipside sends the ESAS-r bands. */
const ESAS_COLOURS = ['rgba(224,138,0,0.16)', 'rgba(229,72,77,0.20)'];

/**
 * ESAS-r as small multiples: one small chart per symptom on the same 0–10 scale and the same days, the symptoms the
 * latest form rated highest first, so the worst reads first. A form that left a symptom out breaks its line.
 */
function esas(e) {
  const section = el('section', { id: 'esas', 'aria-labelledby': 'esas-h' }, el('h2', { id: 'esas-h', text: e.name }));
  const times = [...new Set(e.symptoms.flatMap((s) => s.scores.map((p) => p.time)))].sort((a, b) => Date.parse(a) - Date.parse(b));
  section.append(paragraph('summary', e.text.esasSummary));
  const r = range(times.map((time) => ({ time })), [Date.now()]);
  const bands = e.bands.map((b, i) => ({ from: b.from, to: b.to, label: b.label, colour: ESAS_COLOURS[Math.min(i, ESAS_COLOURS.length - 1)] }));
  const grid = el('div', { class: 'multiples' });
  e.symptoms.forEach((s) => {
    const caption = plain(s.caption);
    const { box, canvas } = chartBox('multiple');
    canvas.setAttribute('aria-label', `${plain(e.name)}: ${caption}`);
    grid.append(el('figure', { class: 'multiple' }, [el('figcaption', { text: caption }), box]));
    const byTime = new Map(s.scores.map((p) => [p.time, p]));
    const points = times.map((time) => byTime.get(time) || null);
    timeChart(canvas, [{
      label: s.symptom,
      data: points.map((p, i) => ({ x: Date.parse(times[i]), y: p ? p.value : null, p })),
      pointStyle: points.map((p) => (p ? SHAPES[p.tier] || 'circle' : 'circle')),
      pointRadius: points.map((p) => (p ? 4 : 0)),
      borderColor: '#0b2e59', pointBorderColor: '#0b2e59', pointBackgroundColor: '#0b2e59',
      showLine: true, spanGaps: false,
    }], { ...r, unit: word('proms.esasAxis'), yMin: 0, yMax: e.max, bands, legend: false });
  });
  section.append(grid);
  const where = (time) => e.symptoms.map((s) => s.scores.find((p) => p.time === time)).find(Boolean).source;
  section.append(table(e.name, [word('page.completed'), word('page.where')].concat(e.symptoms.map((s) => s.symptom)),
    times.map((time) => [fmtTime.format(new Date(time)), where(time)].concat(e.symptoms.map((s) => {
      const p = s.scores.find((q) => q.time === time);
      return p ? p.value : word('proms.notAnswered');
    })))));
  return section;
}

// ---- page ----------------------------------------------------------------------------------------------------

async function load(session) {
  const url = `api/view?iss=${encodeURIComponent(session.iss)}&patient=${encodeURIComponent(session.patient)}`;
  let answer;
  try {
    answer = await fetch(url, { headers: { Authorization: 'Bearer ' + session.token, Accept: 'application/json' } });
  } catch (e) {
    throw new LaunchProblem('Flipside could not be reached', 'Check the connection and reload the page.');
  }
  const body = await answer.json().catch(() => null);
  if (!answer.ok) {
    if (answer.status === 401) {
      forgetSession();
    }
    throw new LaunchProblem('The trend view could not be shown', (body && body.message) || `Flipside answered HTTP ${answer.status}.`);
  }
  return body;
}

/** Flipside leaves empty lists and absent sections out of its JSON: give them their empty value. */
function normalise(view) {
  const lists = (o, keys) => keys.forEach((k) => { if (o && !Array.isArray(o[k])) o[k] = []; });
  lists(view, ['proms', 'unavailable']);
  if (view.bloodPressure) lists(view.bloodPressure, ['homeReadings', 'officeReadings', 'targets', 'gaps']);
  if (view.glucose) lists(view.glucose, ['profile', 'meter', 'gaps']);
  if (view.weight) lists(view.weight, ['weights', 'thresholds', 'gaps']);
  if (view.kccq) lists(view.kccq, ['bands', 'scores']);
  view.proms.forEach((p) => lists(p, ['bands', 'scores']));
  if (view.esas) {
    lists(view.esas, ['bands', 'symptoms']);
    view.esas.symptoms.forEach((s) => lists(s, ['scores']));
  }
  return view;
}

function render(view) {
  normalise(view);
  labels = view.labels || {};
  document.querySelector('h1').textContent = word('page.heading');
  document.getElementById('legend').textContent = word('page.legend');
  document.getElementById('status').textContent = `${word('page.dataAsOf')} ${fmtTime.format(new Date(view.generatedAt))}.`
    + (view.unavailable.length ? ` ${word('page.notAvailable')} ` + view.unavailable.map(plain).join('; ') + '.' : '');
  const root = document.getElementById('view');
  if (!view.hasData) {
    showProblem(new LaunchProblem(word('page.nothingTitle'), word('page.nothingText')));
    document.getElementById('status').hidden = false;
    return;
  }
  if (view.bloodPressure) root.append(bloodPressure(view.bloodPressure));
  if (view.glucose) root.append(glucose(view.glucose));
  if (view.weight) root.append(weight(view.weight));
  if (view.kccq) root.append(prom(view.kccq, { id: 'kccq', title: word('kccq.title'), axis: word('kccq.axis') }));
  view.proms.forEach((p) => root.append(prom(p)));
  if (view.esas) root.append(esas(view.esas));
  const toggle = document.getElementById('toggle');
  toggle.textContent = word('page.showTables');
  toggle.hidden = false;
  toggle.addEventListener('click', () => {
    const tables = document.body.classList.toggle('tables');
    toggle.setAttribute('aria-pressed', String(tables));
    toggle.textContent = word(tables ? 'page.showCharts' : 'page.showTables');
  });
  document.body.dataset.rendered = 'true';
}

finishLaunch(new URLSearchParams(location.search))
  .then(load)
  .then(render)
  .catch((e) => {
    showProblem(e instanceof LaunchProblem ? e : new LaunchProblem('The trend view could not be shown', 'Something unexpected happened. Reload the page or open the view again from the chart.'));
    document.body.dataset.rendered = 'problem';
  });
