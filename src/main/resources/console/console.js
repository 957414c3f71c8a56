// Flipside card preview console. Vanilla JS, no external assets. Every text from the server is put into the page
// as text (textContent), except card markdown, which is escaped first and then given a small markdown subset.
'use strict';

const $ = (selector) => document.querySelector(selector);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'class') node.className = value;
    else if (name.startsWith('data-')) node.setAttribute(name, value);
    else node[name] = value;
  });
  children.flat().forEach((child) => {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  });
  return node;
}

// ---- markdown: headings, bold, italic, code, lists, tables, rules, links (http/https only) -------------------------

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline markup on already-escaped text. */
function inline(text) {
  return text
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>');
}

function cells(row) {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
}

function markdown(text) {
  const lines = escapeHtml(text || '').split('\n');
  const out = [];
  let i = 0;
  const isBlockStart = (line) => /^(#{1,6})\s/.test(line) || /^\s*\|/.test(line) || /^\s*[-*]\s+/.test(line)
    || /^\s*\d+\.\s+/.test(line) || /^\s*(-{3,}|\*{3,})\s*$/.test(line);
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if (!line.trim()) { i++; continue; }
    if ((m = line.match(/^(#{1,6})\s+(.*)$/))) {
      out.push(`<h${m[1].length}>${inline(m[2])}</h${m[1].length}>`); i++; continue;
    }
    if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) { out.push('<hr>'); i++; continue; }
    if (/^\s*\|/.test(line)) {
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(lines[i++]);
      const separator = rows.length > 1 && /^[\s|:-]+$/.test(rows[1]);
      const head = separator ? cells(rows[0]) : null;
      const body = (separator ? rows.slice(2) : rows).map(cells);
      out.push('<table>' + (head ? '<thead><tr>' + head.map((c) => `<th>${inline(c)}</th>`).join('') + '</tr></thead>' : '')
        + '<tbody>' + body.map((r) => '<tr>' + r.map((c) => `<td>${inline(c)}</td>`).join('') + '</tr>').join('')
        + '</tbody></table>');
      continue;
    }
    if ((m = line.match(/^\s*([-*]|\d+\.)\s+/))) {
      const ordered = /\d/.test(m[1]);
      const items = [];
      while (i < lines.length && (m = lines[i].match(/^\s*([-*]|\d+\.)\s+(.*)$/))) { items.push(m[2]); i++; }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>` + items.map((item) => `<li>${inline(item)}</li>`).join('') + `</${tag}>`);
      continue;
    }
    const paragraph = [];
    while (i < lines.length && lines[i].trim() && !(paragraph.length && isBlockStart(lines[i]))) paragraph.push(lines[i++].trim());
    out.push(`<p>${inline(paragraph.join(' '))}</p>`);
  }
  return out.join('\n');
}

// ---- rendering ------------------------------------------------------------------------------------------------

function renderCard(card, origin) {
  const detail = el('div', { class: 'detail' });
  detail.innerHTML = markdown(card.detail); // escaped by markdown() before any markup is added
  const source = card.source || {};
  return el('article', { class: `card indicator-${card.indicator}`, 'data-indicator': card.indicator },
    el('div', { class: 'card-head' }, el('span', { class: 'badge' }, card.indicator), el('span', { class: 'summary' }, card.summary)),
    detail,
    el('div', { class: 'source' }, 'Source: ', /^https?:\/\//.test(source.url || '')
      ? el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.label) : source.label),
    (card.suggestions || []).length ? el('div', { class: 'suggestions' }, card.suggestions.map((s) =>
      el('button', {
        type: 'button', title: 'An offer the clinician may accept',
        onclick: () => { $('#status').textContent = `Preview only: accepting "${s.label}" would be the clinician's choice; nothing is ordered.`; },
      }, s.label))) : null,
    (card.links || []).length ? el('div', { class: 'links' }, card.links.map((l) =>
      el('a', { href: /^https?:\/\//.test(l.url) ? l.url : '#', target: '_blank', rel: 'noopener noreferrer' }, l.label))) : null,
    origin ? el('div', { class: 'origin' }, `rule ${origin.ruleIds.join(', ')} · template ${origin.templateIds.join(', ')}`) : null);
}

function factBox(fact) {
  return el('details', { class: 'fact' }, el('summary', {}, fact.type), el('pre', {}, JSON.stringify(fact.value, null, 2)));
}

function render(preview) {
  const cards = $('#cards');
  cards.replaceChildren();
  if (!preview.cards.length) cards.append(el('p', { class: 'muted' }, 'No cards: an empty answer is a good answer.'));
  preview.cards.forEach((card, i) => cards.append(renderCard(card, preview.origins[i])));

  const problems = $('#problems');
  problems.replaceChildren(...preview.problems.map((p) =>
    el('p', { class: 'problem' }, `${p.file || ''}${p.line ? ':' + p.line : ''}${p.file ? ': ' : ''}${p.message}`)));

  const rows = $('#firings tbody');
  rows.replaceChildren();
  if (!preview.firings.length) rows.append(el('tr', {}, el('td', { colSpan: 4, class: 'muted' }, 'No rule fired.')));
  preview.firings.forEach((f) => rows.append(el('tr', { class: 'firing', 'data-rule': f.ruleId },
    el('td', {}, el('code', {}, f.ruleId)), el('td', {}, f.severity || ''), el('td', {}, f.templateId || ''),
    el('td', {}, f.facts.map(factBox)))));

  $('#facts').replaceChildren(...preview.facts.map(factBox));
  $('#status').textContent = `Evaluated at ${preview.at} with the rule set loaded ${preview.loadedAt}.`;
}

// ---- talking to Flipside (same origin) ------------------------------------------------------------------------------

async function preview() {
  const status = $('#status');
  status.className = 'muted';
  status.textContent = 'Evaluating…';
  const response = await fetch('/admin/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: $('#request').value });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    status.className = 'error';
    status.textContent = body.message || body.error || `Flipside answered ${response.status}`;
    return;
  }
  render(body);
}

async function loadServing() {
  const response = await fetch('/admin/rules');
  if (!response.ok) return;
  const rules = await response.json();
  const refusal = rules.lastRefusal && (!rules.lastReload || rules.lastReload.status === 'refused')
    ? ` · last reload refused: ${(rules.lastRefusal.problems[0] || {}).message || 'a scenario failed'}` : '';
  $('#serving').textContent = `Serving ${rules.ruleCount} rules and ${rules.templates.length} card templates, loaded ${rules.loadedAt}${refusal}`;
}

async function loadExamples() {
  const response = await fetch('/admin/examples');
  const examples = response.ok ? await response.json() : [];
  const list = $('#examples');
  list.replaceChildren(...examples.map((example) => el('li', {},
    el('button', {
      type: 'button', 'data-example': example.name,
      onclick: (event) => {
        list.querySelectorAll('button').forEach((b) => b.classList.remove('selected'));
        event.currentTarget.classList.add('selected');
        $('#request').value = JSON.stringify(JSON.parse(example.request), null, 2);
        preview();
      },
    }, el('span', { class: 'name' }, example.name), el('span', { class: 'case' }, example.description)))));
}

$('#run').addEventListener('click', preview);
loadServing();
loadExamples();
