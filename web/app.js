// oborot dashboard: overview of partners (table + tile map), a page per
// partner (turnover chart with targets, changes, meetings, organisations,
// sectors, sources) and a source-article view with the evidence sentence
// highlighted. Runs against the JSON API of `oborot serve`, or, in the file
// written by `oborot report`, against the data embedded in the page.
//
// Article text is untrusted (it can contain «<script>»): every string from the
// data reaches the page through textContent / text nodes, never innerHTML,
// and links to originals are allowed only for http(s) URLs.
(function () {
  'use strict';

  const I18N = window.OBOROT_I18N;
  const REGIONS = window.OBOROT_REGIONS || [];
  const embedded = document.getElementById('oborot-data');
  const SNAPSHOT = embedded ? JSON.parse(embedded.textContent) : null;
  const main = document.getElementById('app');
  const charts = [];
  const overview = { sortKey: 'actual', sortDir: -1, filter: '' };
  let names = { parties: {}, sectors: {} };
  let lang = initialLang();
  let routeToken = 0;

  // --- helpers -------------------------------------------------------------

  function initialLang() {
    try {
      const saved = window.localStorage.getItem('oborot.lang');
      if (saved === 'ru' || saved === 'en') return saved;
    } catch (e) { /* storage unavailable (file://, privacy mode) */ }
    return document.documentElement.lang === 'en' ? 'en' : 'ru';
  }

  function t(key) {
    let s = (I18N[lang] && I18N[lang][key]) || I18N.ru[key] || key;
    for (let i = 1; i < arguments.length; i++) s = s.split('{' + (i - 1) + '}').join(String(arguments[i]));
    return s;
  }

  // Builds an element; strings become text nodes, so data is never parsed as HTML.
  function el(tag, attrs) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const k of Object.keys(attrs)) {
        const v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = String(v);
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, String(v));
      }
    }
    for (let i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }

  function append(parent, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach((c) => append(parent, c)); return; }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  function has(obj, key) { return obj && Object.prototype.hasOwnProperty.call(obj, key); }

  function safeUrl(u) {
    try {
      const url = new URL(u);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) { return null; }
  }

  function fold(s) { return String(s || '').toLowerCase().replace(/ё/g, 'е'); }

  function locale() { return lang === 'en' ? 'en-GB' : 'ru-RU'; }

  function money(v, currency, qualifier) {
    if (typeof v !== 'number') return '—';
    let s;
    try {
      s = new Intl.NumberFormat(locale(), {
        style: 'currency', currency: currency || 'USD', notation: 'compact', maximumFractionDigits: 2,
      }).format(v);
    } catch (e) {
      s = new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 2 }).format(v) + ' ' + (currency || '');
    }
    const sign = { more_than: '> ', less_than: '< ', approx: '≈ ' }[qualifier] || '';
    return sign + s;
  }

  function percent(p, signed) {
    if (typeof p !== 'number') return '—';
    const s = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(p) + '%';
    return signed && p > 0 ? '+' + s : s;
  }

  function day(s) {
    if (!s) return t('unknown_date');
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return s;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
  }

  function yearText(f) {
    if (f.year === null || f.year === undefined) return '—';
    return f.period && f.period !== 'year' ? f.year + ', ' + t('period_' + f.period) : String(f.year);
  }

  function partyName(code) {
    const n = names.parties[code];
    return (n && (lang === 'en' ? n.en : n.ru)) || code;
  }

  function sectorName(id) {
    const n = names.sectors[id];
    return (n && (lang === 'en' ? n.en : n.ru)) || id;
  }

  function pairLabel(parties) { return (parties || []).map(partyName).join(' — '); }

  // The link to a figure's first source, with its evidence offsets for highlighting.
  function docHref(ev, from) {
    let h = '#/doc/' + encodeURIComponent(ev.doc);
    const q = [];
    if (Number.isInteger(ev.start) && Number.isInteger(ev.end)) q.push('s=' + ev.start, 'e=' + ev.end);
    if (from) q.push('from=' + encodeURIComponent(from));
    return q.length ? h + '?' + q.join('&') : h;
  }

  // A figure's text as a link to its source (plain text when it has none).
  function sourced(text, f, from) {
    const ev = f && f.evidence && f.evidence[0];
    if (!ev) return el('span', { text });
    return el('a', { class: 'src', href: docHref(ev, from), title: ev.quote || '' }, text);
  }

  function section(title, body) { return el('section', { class: 'block' }, el('h2', { text: title }), body); }

  function table(headers, rows, cls) {
    return el('table', { class: cls || 'grid' },
      el('thead', null, el('tr', null, headers.map((h) => el('th', { text: h })))),
      el('tbody', null, rows.map((r) => el('tr', null, r.map((c) => el('td', null, c))))));
  }

  // --- data ----------------------------------------------------------------

  async function get(path) {
    if (SNAPSHOT) return fromSnapshot(path);
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) throw new Error((body && body.error) || r.status + ' ' + r.statusText);
    return body;
  }

  // The report's embedded answers, keyed like the API.
  function fromSnapshot(path) {
    const [p, query] = path.split('?');
    if (p === '/api/names') return SNAPSHOT.names;
    if (p === '/api/parties') return SNAPSHOT.parties;
    if (p === '/api/targets') return SNAPSHOT.targets;
    let m = /^\/api\/parties\/(.+)$/.exec(p);
    if (m) {
      const code = decodeURIComponent(m[1]).toUpperCase();
      if (!has(SNAPSHOT.dossiers, code)) throw new Error(t('not_in_report'));
      return SNAPSHOT.dossiers[code];
    }
    m = /^\/api\/documents\/(.+)$/.exec(p);
    if (m) {
      const id = decodeURIComponent(m[1]);
      if (!has(SNAPSHOT.documents, id)) throw new Error(t('not_in_report'));
      return SNAPSHOT.documents[id];
    }
    if (p === '/api/search') return offlineSearch(new URLSearchParams(query).get('q') || '');
    throw new Error(t('not_in_report'));
  }

  function offlineSearch(q) {
    const words = fold(q).split(/[^0-9a-zа-я]+/).filter((w) => w.length > 2).map((w) => w.slice(0, Math.max(3, w.length - 2)));
    const hits = [];
    for (const id of Object.keys(SNAPSHOT.documents)) {
      const d = SNAPSHOT.documents[id];
      const text = fold((d.title || '') + ' ' + d.text);
      if (!words.length || !words.every((w) => text.includes(w))) continue;
      const at = Math.max(0, text.indexOf(words[0]) - 60);
      hits.push({ doc: d.doc, title: d.title, published: d.published, snippet: (at > 0 ? '…' : '') + d.text.slice(at, at + 160) + '…' });
    }
    return { query: q, hits };
  }

  // --- overview ------------------------------------------------------------

  function rowValue(r, key) {
    switch (key) {
      case 'partner': return fold(r.label);
      case 'actual': return r.actual && typeof r.actual.value === 'number' ? r.actual.value : null;
      case 'target': return r.target && typeof r.target.value === 'number' ? r.target.value : null;
      case 'progress': return typeof r.progress_percent === 'number' ? r.progress_percent : null;
      case 'meeting': return r.last_meeting ? r.last_meeting.date || '' : null;
      case 'flows': return r.exports && typeof r.exports.value === 'number' ? r.exports.value : null;
      case 'documents': return r.documents;
      default: return null;
    }
  }

  function sortRows(rows) {
    const { sortKey, sortDir } = overview;
    return rows.slice().sort((a, b) => {
      const x = rowValue(a, sortKey);
      const y = rowValue(b, sortKey);
      if (x === null && y === null) return fold(a.label) < fold(b.label) ? -1 : 1;
      if (x === null) return 1;  // unknowns last in either direction
      if (y === null) return -1;
      if (x < y) return -sortDir;
      if (x > y) return sortDir;
      return fold(a.label) < fold(b.label) ? -1 : 1;
    });
  }

  function progressBar(p) {
    if (typeof p !== 'number') return el('span', { class: 'muted', text: '—' });
    const bar = el('span', { class: 'bar-fill' + (p >= 100 ? ' done' : '') });
    bar.style.width = Math.max(0, Math.min(100, p)) + '%';
    return el('span', { class: 'progress', title: percent(p) }, el('span', { class: 'bar' }, bar), el('span', { class: 'bar-text', text: percent(p) }));
  }

  function tileMap(rows) {
    // Latest USD turnover of each Russian region with Belarus as a whole.
    const value = {};
    const present = {};
    for (const r of rows) {
      present[r.partner] = true;
      const pairWithBy = r.parties[0] === 'BY' || r.parties[1] === 'BY';
      if (pairWithBy && r.actual && r.actual.currency === 'USD' && typeof r.actual.value === 'number') value[r.partner] = r.actual.value;
    }
    // Five steps on a log scale between the smallest and the largest value.
    const values = Object.values(value).filter((v) => v > 0);
    const max = values.length ? Math.max.apply(null, values) : 0;
    const min = values.length ? Math.min.apply(null, values) : 0;
    const span = Math.log(max) - Math.log(min);
    const level = (v) => (v <= 0 ? 1 : span > 0 ? 1 + Math.min(4, Math.floor(((Math.log(v) - Math.log(min)) / span) * 5)) : 3);
    const grid = el('div', { class: 'tile-map', role: 'list' });
    for (const [code, col, row] of REGIONS) {
      const v = value[code];
      const cls = 'tile ' + (v !== undefined ? 'lvl-' + level(v) : present[code] ? 'lvl-x' : 'lvl-0');
      const title = partyName(code) + ': ' + (v !== undefined ? money(v, 'USD') : present[code] ? t('map_other_currency') : t('map_no_data'));
      const tile = present[code]
        ? el('a', { class: cls, href: '#/party/' + encodeURIComponent(code), title, role: 'listitem', 'data-code': code })
        : el('span', { class: cls, title, role: 'listitem', 'data-code': code });
      tile.textContent = code.slice(3, 6);
      tile.style.gridColumn = String(col + 1);
      tile.style.gridRow = String(row + 1);
      grid.append(tile);
    }
    const legend = el('div', { class: 'legend' },
      el('span', { class: 'tile lvl-0' }), ' ' + t('map_no_data') + ' ',
      el('span', { class: 'tile lvl-x' }), ' ' + t('map_other_currency') + ' ',
      [1, 2, 3, 4, 5].map((l) => el('span', { class: 'tile lvl-' + l })),
      max > 0 ? ' ' + money(min, 'USD') + ' … ' + money(max, 'USD') : '');
    return section(t('map_title'), [grid, legend]);
  }

  function overviewTable(rows, holder) {
    const cols = [
      ['partner', t('col_partner')], ['actual', t('col_turnover')], ['target', t('col_target')],
      ['progress', t('col_progress')], ['flows', t('col_flows')], ['meeting', t('col_meeting')],
      ['documents', t('col_documents')],
    ];
    const q = fold(overview.filter);
    const shown = sortRows(rows.filter((r) => !q || fold(r.label + ' ' + r.parties.join(' ') + ' ' + r.altLabel).includes(q)));
    const head = el('tr', null, cols.map(([key, label]) => {
      const active = overview.sortKey === key;
      return el('th', { 'aria-sort': active ? (overview.sortDir > 0 ? 'ascending' : 'descending') : 'none' },
        el('button', {
          type: 'button', class: 'sort' + (active ? ' active' : ''), 'data-sort': key,
          onclick: () => {
            overview.sortDir = overview.sortKey === key ? -overview.sortDir : key === 'partner' ? 1 : -1;
            overview.sortKey = key;
            overviewTable(rows, holder);
          },
        }, label + (active ? (overview.sortDir > 0 ? ' ▲' : ' ▼') : '')));
    }));
    const body = el('tbody');
    for (const r of shown) {
      const a = r.actual;
      const tg = r.target;
      const m = r.last_meeting;
      body.append(el('tr', { 'data-party': r.partner },
        el('td', null, el('a', { class: 'party-link', href: '#/party/' + encodeURIComponent(r.partner) }, r.label)),
        el('td', { class: 'num' }, a ? [sourced(money(a.value, a.currency, a.qualifier), a), el('span', { class: 'muted', text: ' ' + yearText(a) }),
          officialNote(a)] : '—'),
        el('td', { class: 'num' }, tg ? [sourced(money(tg.value, tg.currency, tg.qualifier), tg),
          el('span', { class: 'muted', text: (tg.year ? ' ' + tg.year : '') + (tg.speaker ? ' · ' + tg.speaker : '') })] : '—'),
        el('td', null, progressBar(r.progress_percent)),
        el('td', { class: 'num flows' }, flowsCell(r)),
        el('td', null, m ? sourced(day(m.date) + (m.place ? ', ' + m.place : ''), m) : '—'),
        el('td', { class: 'num', text: r.documents })));
    }
    const tbl = el('table', { class: 'grid partners' }, el('thead', null, head), body);
    holder.replaceChildren(shown.length ? tbl : el('p', { class: 'muted', text: t('no_rows') }));
  }

  async function showOverview(token) {
    const data = await get('/api/parties');
    if (token !== routeToken) return;
    const rows = data.parties.map((r) => {
      const pair = r.parties[0] === 'BY' || r.parties[1] === 'BY';
      const label = pair ? partyName(r.partner) : pairLabel(r.parties);
      const n = names.parties[r.partner] || {};
      return Object.assign({}, r, { label, altLabel: (n.ru || '') + ' ' + (n.en || '') });
    });
    const holder = el('div', { class: 'table-holder' });
    const filter = el('input', {
      type: 'search', class: 'filter', id: 'party-filter', placeholder: t('filter_placeholder'), value: overview.filter,
      oninput: (e) => { overview.filter = e.target.value; overviewTable(rows, holder); },
    });
    main.replaceChildren(
      el('h1', { text: t('overview_title') }),
      el('p', { class: 'intro', text: rows.length ? t('overview_intro') : t('empty_db') }),
      tileMap(rows),
      section(t('partners_title'), [filter, holder]));
    overviewTable(rows, holder);
  }

  // --- party page ----------------------------------------------------------

  const PALETTE = ['#1f6feb', '#2da44e', '#bf8700', '#8250df', '#cf222e', '#0a7f8a'];

  function isYearly(f) {
    return f.status === 'actual' && !f.sectoral && (!f.period || f.period === 'year') && Number.isInteger(f.year) && typeof f.value === 'number';
  }

  function turnoverChart(d, holder) {
    const actuals = d.figures.filter(isYearly);
    const targets = d.targets.filter((f) => !f.sectoral && typeof f.value === 'number');
    if (!actuals.length && !targets.length) { holder.append(el('p', { class: 'muted', text: t('chart_empty') })); return; }
    // One currency per chart: the most common one among the figures.
    const count = {};
    for (const f of actuals.concat(targets)) count[f.currency || 'USD'] = (count[f.currency || 'USD'] || 0) + 1;
    const currency = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
    const inCur = (f) => (f.currency || 'USD') === currency;
    const years = actuals.filter(inCur).map((f) => f.year).concat(targets.filter(inCur).map((f) => f.year).filter(Number.isInteger));
    const announcedYear = (f) => (f.announced ? parseInt(f.announced.slice(0, 4), 10) : NaN);
    targets.filter(inCur).forEach((f) => { if (Number.isInteger(announcedYear(f))) years.push(announcedYear(f)); });
    if (!years.length) { holder.append(el('p', { class: 'muted', text: t('chart_empty') })); return; }
    const lo = Math.min.apply(null, years);
    const hi = Math.max.apply(null, years);
    const labels = [];
    for (let y = lo; y <= hi && labels.length < 60; y++) labels.push(y);
    const datasets = [];
    const pairs = {};
    for (const f of actuals.filter(inCur)) {
      const key = f.parties.join('|');
      if (!pairs[key]) {
        pairs[key] = { type: 'bar', label: t('actual') + ': ' + pairLabel(f.parties), data: labels.map(() => null), figures: labels.map(() => null),
          backgroundColor: PALETTE[Object.keys(pairs).length % PALETTE.length], order: 2 };
      }
      const i = labels.indexOf(f.year);
      if (i >= 0 && (pairs[key].figures[i] === null || f.sources > pairs[key].figures[i].sources)) {
        pairs[key].data[i] = f.value;
        pairs[key].figures[i] = f;
      }
    }
    Object.values(pairs).forEach((ds) => datasets.push(ds));
    targets.filter(inCur).forEach((f, k) => {
      const from = Number.isInteger(announcedYear(f)) ? announcedYear(f) : lo;
      const to = Number.isInteger(f.year) ? f.year : hi;
      const data = labels.map((y) => (y >= Math.min(from, to) && y <= Math.max(from, to) ? f.value : null));
      datasets.push({
        type: 'line', label: t('target_label', money(f.value, f.currency, f.qualifier), f.year ? t('by_year', f.year) : '',
          f.speaker || t('unknown_speaker'), day(f.announced)),
        data, figures: labels.map(() => f), borderDash: [6, 4], borderWidth: 2, pointRadius: 4, pointHoverRadius: 6,
        borderColor: ['#cf222e', '#8250df', '#bf8700', '#0a7f8a'][k % 4], backgroundColor: 'transparent', spanGaps: true, order: 1,
      });
    });
    const canvas = el('canvas', { id: 'turnover-chart', role: 'img', 'aria-label': t('chart_title') });
    const box = el('div', { class: 'chart-box' }, canvas);
    holder.append(box, el('p', { class: 'muted hint', text: t('chart_hint') }));
    if (typeof window.Chart !== 'function') return;
    const chart = new window.Chart(canvas, {
      data: { labels, datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: 'nearest', intersect: true },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => money(v, currency) } } },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 14 } },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const f = ctx.dataset.figures[ctx.dataIndex];
                return ctx.dataset.label + ': ' + money(ctx.parsed.y, currency, f && f.qualifier);
              },
              afterLabel: (ctx) => {
                const f = ctx.dataset.figures[ctx.dataIndex];
                const ev = f && f.evidence && f.evidence[0];
                return ev ? '«' + (ev.quote || '').slice(0, 140) + '»' : '';
              },
            },
          },
        },
        onClick: (evt, elements) => {
          if (!elements.length) return;
          const f = datasets[elements[0].datasetIndex].figures[elements[0].index];
          const ev = f && f.evidence && f.evidence[0];
          if (ev) window.location.hash = docHref(ev, d.party);
        },
      },
    });
    charts.push(chart);
  }

  // The official figure beside an announced one: "офиц. $400 000 000 (+28%)", marked when contradicted.
  function officialNote(f) {
    const o = f && f.official;
    if (!o) return null;
    const diff = typeof o.difference_percent === 'number' ? ' (' + percent(o.difference_percent, true) + (o.converted ? '*' : '') + ')' : '';
    const link = safeUrl(o.url);
    const text = t('official_short') + ' ' + money(o.value, o.currency) + diff;
    const title = (o.source || '') + (o.note ? ' — ' + o.note : '') + (o.converted ? ' — * ' + t('converted') : '');
    const body = link ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer', title, text }) : el('span', { title, text });
    return el('span', { class: 'official' + (o.contradicted ? ' badge warn' : ' muted') },
      o.contradicted ? [body, ' ✗ ' + t('contradicted')] : [' ', body]);
  }

  // Exports ↑, imports ↓ and the balance of a partner row (Belarusian side's view).
  function flowsCell(r) {
    const e = r.exports, i = r.imports;
    if (!e && !i) return '—';
    const parts = [];
    if (e) parts.push(el('span', null, '↑ ', sourced(money(e.value, e.currency, e.qualifier), e)));
    if (i) parts.push(el('span', null, ' ↓ ', sourced(money(i.value, i.currency, i.qualifier), i)));
    if (typeof r.balance === 'number') {
      const cur = e && i && e.currency === i.currency ? e.currency : 'USD';
      parts.push(el('span', { class: 'muted', text: ' ' + t('balance') + ' ' + (r.balance > 0 ? '+' : '') + money(r.balance, cur) }));
    }
    parts.push(el('span', { class: 'muted', text: ' ' + yearText(e || i) }));
    return parts;
  }

  function figureRows(list, from) {
    return list.map((f) => [
      yearText(f), pairLabel(f.parties),
      el('span', null, sourced(money(f.value, f.currency, f.qualifier), f, from),
        f.sectoral || f.sector ? el('span', { class: 'muted', text: ' · ' + t('sectoral', sectorName(f.sector || '')) }) : null,
        f.conflict ? el('span', { class: 'badge warn', text: t('conflict') }) : null,
        officialNote(f)),
      String(f.sources),
    ]);
  }

  function participants(f) {
    const list = Array.isArray(f.participants) ? f.participants : [];
    return list.filter((p) => p && typeof p === 'object').map((p) => (p.name || '') + (p.role ? ' (' + p.role + ')' : '')).join(', ');
  }

  function chips(list, from, label) {
    if (!list.length) return el('p', { class: 'muted', text: t('none') });
    return el('ul', { class: 'chips' }, list.map((f) => el('li', null, sourced(label(f), f, from),
      f.sources > 1 ? el('span', { class: 'muted', text: ' ×' + f.sources }) : null)));
  }

  async function showParty(code, token) {
    const d = await get('/api/parties/' + encodeURIComponent(code));
    if (token !== routeToken) return;
    const from = d.party;
    const chartHolder = el('div', { class: 'chart-holder' });
    const title = partyName(d.party);
    const targets = d.targets.map((f) => [
      sourced(money(f.value, f.currency, f.qualifier), f, from), f.year ? String(f.year) : '—', pairLabel(f.parties),
      f.speaker || t('unknown_speaker'), day(f.announced), String(f.sources)]);
    const changes = d.changes.map((f) => [
      yearText(f), pairLabel(f.parties),
      sourced(f.type === 'turnover_share' ? percent(f.percent) : percent(f.percent, true), f, from),
      f.sector ? sectorName(f.sector) : '', String(f.sources)]);
    const flows = (d.flows || []).map((f) => [
      yearText(f), partyName(f.from) + ' → ' + partyName(f.to),
      el('span', null, sourced(money(f.value, f.currency, f.qualifier), f, from),
        f.status === 'target' ? el('span', { class: 'muted', text: ' · ' + t('col_target') }) : null,
        f.sectoral || f.sector ? el('span', { class: 'muted', text: ' · ' + t('sectoral', sectorName(f.sector || '')) }) : null),
      String(f.sources)]);
    const official = (d.official || []).map((o) => {
      const link = safeUrl(o.url);
      return [o.period && o.period !== 'year' ? o.year + ' ' + o.period : String(o.year), partyName(o.reporter) + ' — ' + partyName(o.partner),
        t('flow_' + o.flow), money(o.value, o.currency),
        link ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer', text: o.source }) : o.source];
    });
    const meetings = d.meetings.length
      ? el('ol', { class: 'timeline' }, d.meetings.map((f) => el('li', null,
        el('span', { class: 'when', text: day(f.date) }),
        el('span', { class: 'what' }, sourced(pairLabel(f.parties) + (f.place ? ' — ' + f.place : ''), f, from)),
        participants(f) ? el('span', { class: 'who', text: participants(f) }) : null)))
      : el('p', { class: 'muted', text: t('none') });
    // One entry per quoted sentence, even when it supports several facts.
    const seen = new Set();
    const quoted = d.sources.filter((s) => {
      const key = s.doc + '|' + s.start + '|' + s.end + '|' + s.quote;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const sources = quoted.length
      ? el('ul', { class: 'sources' }, quoted.map((s) => el('li', null,
        el('a', { class: 'src', href: docHref(s, from) }, s.title || s.doc),
        el('span', { class: 'muted', text: ' ' + (s.published ? day(s.published) : '') }),
        el('blockquote', { text: s.quote }))))
      : el('p', { class: 'muted', text: t('none') });
    main.replaceChildren(...[
      el('p', null, el('a', { href: '#/', class: 'back', text: t('back') })),
      el('h1', null, title, el('span', { class: 'code', text: ' ' + d.party })),
      section(t('chart_title'), chartHolder),
      section(t('figures_title'), d.figures.length
        ? table([t('col_year'), t('col_pair'), t('col_value'), t('col_sources')], figureRows(d.figures, from), 'grid figures')
        : el('p', { class: 'muted', text: t('none') })),
      flows.length ? section(t('flows_title'),
        table([t('col_year'), t('col_direction'), t('col_value'), t('col_sources')], flows, 'grid flows')) : null,
      official.length ? section(t('official_title'),
        table([t('col_year'), t('col_reporter'), t('col_flow'), t('col_value'), t('col_source')], official, 'grid official')) : null,
      section(t('targets_title'), targets.length
        ? table([t('col_target'), t('col_year'), t('col_pair'), t('col_speaker'), t('col_announced'), t('col_sources')], targets, 'grid targets')
        : el('p', { class: 'muted', text: t('none') })),
      section(t('changes_title'), changes.length
        ? table([t('col_year'), t('col_pair'), t('col_change'), t('sectors_title'), t('col_sources')], changes, 'grid changes')
        : el('p', { class: 'muted', text: t('none') })),
      section(t('meetings_title'), meetings),
      el('div', { class: 'two' },
        section(t('organisations_title'), chips(d.organisations, from, (f) => f.name + (f.country ? ' (' + f.country + ')' : ''))),
        section(t('sectors_title'), chips(d.sectors, from, (f) => sectorName(f.sector || f.name)))),
      section(t('projects_title'), chips(d.projects, from, (f) => f.name + (typeof f.quantity === 'number' ? ' — ' + f.quantity + ' ' + (f.unit || '') : '') +
        (typeof f.value === 'number' ? ' — ' + money(f.value, f.currency) : ''))),
      section(t('sources_title'), sources)].filter(Boolean));
    turnoverChart(d, chartHolder);
  }

  // --- source article ------------------------------------------------------

  // The text with every evidence span lightly marked and the chosen one
  // (code point offsets s..e) highlighted.
  function markedText(text, spans, s, e) {
    const cps = Array.from(text);
    const n = cps.length;
    const valid = Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s && e <= n;
    const cuts = new Set([0, n]);
    const ranges = [];
    for (const sp of spans) {
      if (Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.start >= 0 && sp.end > sp.start && sp.end <= n) {
        ranges.push([sp.start, sp.end]);
        cuts.add(sp.start); cuts.add(sp.end);
      }
    }
    if (valid) { cuts.add(s); cuts.add(e); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const out = el('div', { class: 'article-text' });
    let hl = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = cps.slice(a, b).join('');
      if (valid && a >= s && b <= e) {
        if (!hl) { hl = el('mark', { class: 'hl', id: 'hl' }); out.append(hl); }
        hl.append(document.createTextNode(piece));
      } else if (ranges.some(([x, y]) => a >= x && b <= y)) {
        out.append(el('mark', { class: 'ev', text: piece }));
      } else {
        out.append(document.createTextNode(piece));
      }
    }
    return { node: out, highlighted: hl };
  }

  async function showDoc(id, params, token) {
    const d = await get('/api/documents/' + encodeURIComponent(id));
    if (token !== routeToken) return;
    const num = (k) => (params.has(k) && /^\d+$/.test(params.get(k)) ? parseInt(params.get(k), 10) : NaN);
    const from = params.get('from');
    const { node, highlighted } = markedText(d.text || '', d.spans || [], num('s'), num('e'));
    const url = d.url ? safeUrl(d.url) : null;
    main.replaceChildren(
      el('p', null, from
        ? el('a', { href: '#/party/' + encodeURIComponent(from), class: 'back', text: t('back_party', partyName(from)) })
        : el('a', { href: '#/', class: 'back', text: t('back') })),
      el('article', { class: 'doc' },
        el('h1', { text: d.title || d.doc }),
        el('p', { class: 'muted' }, d.published ? t('published', day(d.published)) : t('no_date'),
          url ? [' · ', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', text: t('open_original') })] : null),
        params.has('s') && !highlighted ? el('p', { class: 'badge warn', text: t('evidence_missing') }) : null,
        node));
    if (highlighted) highlighted.scrollIntoView({ block: 'center' });
  }

  async function showSearch(q, token) {
    const data = await get('/api/search?q=' + encodeURIComponent(q));
    if (token !== routeToken) return;
    main.replaceChildren(
      el('h1', { text: t('search_title', q) }),
      SNAPSHOT ? el('p', { class: 'muted', text: t('search_offline') }) : null,
      data.hits.length
        ? el('ul', { class: 'sources' }, data.hits.map((h) => el('li', null,
          el('a', { class: 'src', href: '#/doc/' + encodeURIComponent(h.doc), text: h.title || h.doc }),
          el('span', { class: 'muted', text: h.published ? ' ' + day(h.published) : '' }),
          el('blockquote', { text: h.snippet }))))
        : el('p', { class: 'muted', text: t('search_none') }));
  }

  // --- routing and chrome --------------------------------------------------

  function applyStaticText() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.getAttribute('data-i18n-placeholder')); });
    document.querySelectorAll('[data-lang]').forEach((b) => b.classList.toggle('active', b.getAttribute('data-lang') === lang));
    const gen = document.getElementById('generated');
    if (gen) gen.textContent = SNAPSHOT && SNAPSHOT.generated ? t('generated', day(SNAPSHOT.generated)) : '';
  }

  async function route() {
    const token = ++routeToken;
    while (charts.length) charts.pop().destroy();
    const h = window.location.hash || '#/';
    let m;
    try {
      if ((m = /^#\/party\/([^?]+)/.exec(h))) await showParty(decodeURIComponent(m[1]), token);
      else if ((m = /^#\/doc\/([^?]+)(?:\?(.*))?$/.exec(h))) await showDoc(decodeURIComponent(m[1]), new URLSearchParams(m[2] || ''), token);
      else if ((m = /^#\/search\?(.*)$/.exec(h))) await showSearch(new URLSearchParams(m[1]).get('q') || '', token);
      else await showOverview(token);
      if (!/^#\/doc\//.test(h)) window.scrollTo(0, 0);
    } catch (err) {
      if (token === routeToken) main.replaceChildren(el('p', { class: 'error', text: t('error', err && err.message ? err.message : String(err)) }));
    }
  }

  async function start() {
    document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => {
      lang = b.getAttribute('data-lang');
      try { window.localStorage.setItem('oborot.lang', lang); } catch (e) { /* not kept */ }
      applyStaticText();
      route();
    }));
    const form = document.getElementById('search-form');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = document.getElementById('search-input').value.trim();
      if (q) window.location.hash = '#/search?q=' + encodeURIComponent(q);
    });
    window.addEventListener('hashchange', route);
    applyStaticText();
    main.replaceChildren(el('p', { class: 'muted', text: t('loading') }));
    try {
      names = await get('/api/names');
    } catch (err) {
      names = { parties: {}, sectors: {} };
    }
    await route();
    document.body.setAttribute('data-ready', '1');
  }

  start();
})();
