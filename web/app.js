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
    // ?lang=en in the page's URL wins: a link can choose the language.
    const asked = new URLSearchParams(window.location.search).get('lang');
    if (asked === 'ru' || asked === 'en') return asked;
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

  // Replaces the page's content. (main.replaceChildren(null) inserts the
  // text «null»: the search page showed one when it had no offline notice.)
  function render() {
    const nodes = Array.from(arguments).flat().filter((n) => n !== null && n !== undefined && n !== false);
    main.replaceChildren(...nodes);
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

  // `max`: a range's upper bound (value_max; `v` is then its lower one), written as a range
  // («300–500 млн $»), never as the lower bound alone as if it were exact.
  function money(v, currency, qualifier, max) {
    if (typeof v !== 'number') return '—';
    const range = typeof max === 'number' && max > v;
    let s;
    try {
      const f = new Intl.NumberFormat(locale(), {
        // minimumFractionDigits 0: «90 млн $», as the terminal writes it, never «90,00 млн $» (ranges and some
        // engines take the currency's two decimals otherwise)
        style: 'currency', currency: currency || 'USD', notation: 'compact', maximumFractionDigits: 2, minimumFractionDigits: 0,
      });
      s = range ? (f.formatRange ? f.formatRange(v, max) : f.format(v) + '–' + f.format(max)) : f.format(v);
    } catch (e) {
      const f = new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 2, minimumFractionDigits: 0 });
      s = (range ? f.format(v) + '–' + f.format(max) : f.format(v)) + ' ' + (currency || '');
    }
    const sign = { more_than: '> ', less_than: '< ', approx: '≈ ' }[qualifier] || '';
    return sign + s;
  }

  // A fact's amount: its value, or its range (value_min–value_max).
  function amount(f) {
    return money(f.value, f.currency, f.qualifier, f.value_max);
  }

  function percent(p, signed) {
    if (typeof p !== 'number') return '—';
    // The locale's own percent pattern (ru: «−11,7 %», en: «-11.7%»), as the terminal's ICU tables write it.
    return new Intl.NumberFormat(locale(), {
      style: 'percent', maximumFractionDigits: 1, signDisplay: signed ? 'exceptZero' : 'auto',
    }).format(p / 100);
  }

  function day(s) {
    if (!s) return t('unknown_date');
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return s;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
  }

  function yearText(f) {
    if (f.year === null || f.year === undefined) {
      // A figure whose article gave no year: said so, with its source's date when known.
      if (f.type && f.type !== 'turnover' && f.type !== 'turnover_change' && f.type !== 'turnover_share') return '—';
      const date = f.first_published || f.announced || (f.evidence && f.evidence[0] && f.evidence[0].published);
      return date ? t('year_unknown_dated', day(date)) : t('year_unknown');
    }
    return f.period && f.period !== 'year' ? f.year + ', ' + periodText(f.period) : String(f.year);
  }

  // A period code of the fact contract in words: «I полугодие», «январь–май» (5M), «апрель–август» (M4-M8).
  function periodText(p) {
    const key = 'period_' + p;
    if (I18N.ru[key]) return t(key);
    const month = (m) => new Intl.DateTimeFormat(locale(), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
    let m = /^(\d{1,2})M$/.exec(p);
    if (m && +m[1] >= 1 && +m[1] <= 12) return +m[1] === 1 ? month(1) : month(1) + '–' + month(+m[1]);
    m = /^M(\d{1,2})-M(\d{1,2})$/.exec(p);
    if (m && +m[1] >= 1 && +m[2] <= 12) return month(+m[1]) + '–' + month(+m[2]);
    return p;
  }

  // A region of a third country says whose («Карагандинская область (Казахстан)», as /api/parties'
  // partner_name does): among hundreds of partners a Kazakh oblast otherwise reads like a Russian one.
  function partyName(code) {
    const n = names.parties[code];
    const name = (n && (lang === 'en' ? n.en : n.ru)) || code;
    if (n && n.parent && n.parent !== 'RU' && n.parent !== 'BY') return name + ' (' + partyName(n.parent) + ')';
    return name;
  }

  function sectorName(id) {
    const n = names.sectors[id];
    return (n && (lang === 'en' ? n.en : n.ru)) || id;
  }

  function pairLabel(parties) { return (parties || []).map(partyName).join(' — '); }

  // Who stands behind a target: the speaker, or «прогноз: аналитики» for a forecast.
  function whoText(f) {
    if (f.forecast) return t('forecast_by', f.forecast_by ? personName(f.forecast_by) : t('unknown_forecaster'));
    return f.speaker ? personName(f.speaker) : t('unknown_speaker');
  }

  // People and places in Latin letters in English (the BGN table of the CLI's ICU transliterator).
  const LATIN = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'ë', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
    м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
    ъ: '”', ы: 'y', ь: '’', э: 'e', ю: 'yu', я: 'ya' };
  function personName(s) {
    if (lang !== 'en' || !s) return s || '';
    return Array.from(String(s)).map((c) => {
      const low = c.toLowerCase();
      if (!has(LATIN, low)) return c;
      const l = LATIN[low];
      return c === low ? l : l.charAt(0).toUpperCase() + l.slice(1);
    }).join('');
  }

  // The date range of the page (?from=&to= in the hash or the URL): YYYY, YYYY-MM or YYYY-MM-DD.
  function range() {
    const q = new URLSearchParams(window.location.hash.split('?')[1] || '');
    const u = new URLSearchParams(window.location.search);
    const ok = (v) => (v && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? v : '');
    return { from: ok(q.get('from') || u.get('from')), to: ok(q.get('to') || u.get('to')) };
  }
  function inRange(f) {
    const { from, to } = range();
    if (!from && !to) return true;
    const d = Number.isInteger(f.year) ? String(f.year) : f.date || f.last_published || f.first_published || '';
    if (!d) return false;
    if (from && d < from.slice(0, d.length)) return false;
    if (to && d > to.slice(0, d.length)) return false;
    return true;
  }

  // A form choosing the date range; it rewrites the hash's ?from=&to=.
  function rangeForm() {
    const { from, to } = range();
    const input = (name, value) => el('input', { type: 'text', name, value, size: 10, placeholder: t('date_placeholder'),
      'aria-label': t('range_' + name) });
    const form = el('form', { class: 'range', id: 'range-form' }, t('range_from') + ' ', input('from', from), ' ' + t('range_to') + ' ',
      input('to', to), ' ', el('button', { type: 'submit', text: t('range_apply') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const [base, query] = window.location.hash.split('?');
      const q = new URLSearchParams(query || '');
      for (const k of ['from', 'to']) {
        const v = form.elements[k].value.trim();
        if (v) q.set(k, v); else q.delete(k);
      }
      const s = q.toString();
      window.location.hash = (base || '#/') + (s ? '?' + s : '');
    });
    return form;
  }

  // A table's rows as CSV (RFC 4180), from its cells' text.
  // A spreadsheet runs a cell that starts with = + - @, a tab or CR as a
  // formula, and table cells hold article text: such a cell gets a leading
  // apostrophe (OWASP's advice on CSV injection), unless it is a plain number
  // as the table shows it («-5», «+3,5 %», «1 200»), which keeps its sign.
  const PLAIN_NUMBER = /^[-+\u2212]?\d[\d\s\u00a0\u202f.,]*%?$/;
  function csvText(s) { return /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s) ? "'" + s : s; }
  function tableCsv(tbl) {
    const field = (raw) => { const s = csvText(raw); return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
    return Array.from(tbl.querySelectorAll('tr')).map((tr) =>
      Array.from(tr.children).map((c) => field(c.textContent.trim())).join(',')).join('\r\n') + '\r\n';
  }
  function download(name, href) {
    const a = el('a', { href, download: name });
    document.body.append(a);
    a.click();
    a.remove();
  }
  // A «CSV» button under a table: downloads what the table shows.
  function csvButton(tbl, name) {
    return el('button', { type: 'button', class: 'dl', 'data-download': 'csv', text: t('download_csv'),
      onclick: () => download(name + '.csv', URL.createObjectURL(new Blob(['\ufeff' + tableCsv(tbl)], { type: 'text/csv' }))) });
  }
  function withCsv(tbl, name) { return [tbl, el('p', { class: 'downloads' }, csvButton(tbl, name))]; }
  // A «PNG» button under a chart.
  function pngButton(chart, name) {
    return el('button', { type: 'button', class: 'dl', 'data-download': 'png', text: t('download_png'),
      onclick: () => download(name + '.png', chart.toBase64Image('image/png', 1)) });
  }

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
    if (p === '/api/conflicts') return SNAPSHOT.conflicts || { conflicts: [] };
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
      // In US dollars, so that currencies never sort against each other as plain numbers; a
      // figure in another currency with no imported rate sorts with the unknowns, last.
      case 'actual': return r.actual && typeof r.actual.value_usd === 'number' ? r.actual.value_usd : null;
      case 'target': return r.target && typeof r.target.value_usd === 'number' ? r.target.value_usd : null;
      case 'progress': return typeof r.progress_percent === 'number' ? r.progress_percent : null;
      case 'meeting': return r.last_meeting ? r.last_meeting.date || '' : null;
      // Exports in US dollars too (the API's value_usd): 9 billion roubles never sort above 100 million dollars.
      case 'flows': return r.exports && typeof r.exports.value_usd === 'number' ? r.exports.value_usd : null;
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

  // Progress toward a target. `basis` says what it was measured against
  // (kb::TargetRow::progress_basis): a target whose year has passed with no
  // figure for that year gets no bar but says why; `year` is the year of the
  // figure measured, said when it is not the one shown beside it.
  // Progress computed from a bound («более 500 млн», «около 1 млрд») is
  // marked ≥, ≤ or ≈ (progress_bound), with a note in its title.
  const BOUND_SIGN = { at_least: '≥ ', at_most: '≤ ', approx: '≈ ' };
  function progressBar(p, basis, target, actual, year, bound) {
    if (basis === 'target_passed' && target && actual) {
      return el('span', { class: 'muted progress-none', text: t('target_passed', target.year, actual.year) });
    }
    if (basis === 'actual_stale' && target && actual) {
      // A goal announced years after the latest figure: the old figure says nothing of its progress.
      const asOf = Number.isInteger(actual.year) ? actual.year : (actual.last_published || actual.first_published || '').slice(0, 4);
      return el('span', { class: 'muted progress-none', text: t('actual_stale', asOf, (target.announced || '').slice(0, 4)) });
    }
    if (typeof p !== 'number') return el('span', { class: 'muted', text: '—' });
    const bar = el('span', { class: 'bar-fill' + (p >= 100 ? ' done' : '') });
    bar.style.width = Math.max(0, Math.min(100, p)) + '%';
    const sign = BOUND_SIGN[bound] || '';
    const text = sign + percent(p) + (year && actual && actual.year !== year ? ' ' + t('progress_of_year', year) : '');
    const title = sign ? text + ' — ' + t('progress_bound_note') : text;
    return el('span', { class: 'progress', title, role: 'img', 'aria-label': t('col_progress') + ': ' + title },
      el('span', { class: 'bar' }, bar), el('span', { class: 'bar-text', text }));
  }

  // A tile's label: the start of the region's name (the code when unnamed).
  function tileName(code) {
    const n = partyName(code);
    if (!n || n === code) return code.slice(3, 6);
    const word = n.replace(/^(Республика|Republic of|Город|City of)\s+/i, '').split(/[\s-]/)[0];
    return word.length > 6 ? word.slice(0, 5) + '.' : word;
  }

  // Belarus's six oblasts and Minsk, placed roughly by geography.
  const BY_TILES = [['BY-VI', 1, 0], ['BY-MI', 1, 1], ['BY-HM', 2, 1], ['BY-HR', 0, 1], ['BY-MA', 2, 2], ['BY-BR', 0, 2],
    ['BY-HO', 1, 2]];

  function oblastMap(rows) {
    const present = {};
    const value = {};
    for (const r of rows) {
      for (const code of r.parties) {
        if (!code.startsWith('BY-')) continue;
        present[code] = (present[code] || []).concat([r]);
        if (r.actual && typeof r.actual.value === 'number') value[code] = (value[code] || 0) + r.actual.value;
      }
    }
    const grid = el('div', { class: 'tile-map by-map', role: 'group', 'aria-label': t('by_map_title') });
    for (const [code, col, row] of BY_TILES) {
      const partners = (present[code] || []).map((r) => partyName(r.parties.find((c) => c !== code))).join(', ');
      const title = partyName(code) + (partners ? ': ' + partners : ': ' + t('map_no_data'));
      const tile = present[code]
        ? el('a', { class: 'tile lvl-3', href: '#/party/' + encodeURIComponent(code), title, 'aria-label': title, 'data-code': code })
        : el('span', { class: 'tile lvl-0', title, role: 'img', 'aria-label': title, 'data-code': code });
      tile.textContent = tileName(code);
      tile.style.gridColumn = String(col + 1);
      tile.style.gridRow = String(row + 1);
      grid.append(tile);
    }
    return section(t('by_map_title'), grid);
  }

  function tileMap(rows) {
    // Latest USD turnover of each Russian region with Belarus as a whole.
    const value = {};
    const present = {};
    // Only the map's own regions set its scale: a Kazakh oblast's 90 million is no end of Russia's legend.
    const onMap = new Set(REGIONS.map(([code]) => code));
    for (const r of rows) {
      if (!onMap.has(r.partner)) continue;
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
    const grid = el('div', { class: 'tile-map', role: 'group', 'aria-label': t('map_title') });
    for (const [code, col, row] of REGIONS) {
      const v = value[code];
      const cls = 'tile ' + (v !== undefined ? 'lvl-' + level(v) : present[code] ? 'lvl-x' : 'lvl-0');
      const title = partyName(code) + ': ' + (v !== undefined ? money(v, 'USD') : present[code] ? t('map_other_currency') : t('map_no_data'));
      const tile = present[code]
        // A link stays a link, named in full: the short label is ambiguous (two «Moscow», «Krasn.»).
        ? el('a', { class: cls, href: '#/party/' + encodeURIComponent(code), title, 'aria-label': title, 'data-code': code })
        : el('span', { class: cls, title, role: 'img', 'aria-label': title, 'data-code': code });
      tile.textContent = tileName(code);
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
        el('td', { class: 'num' }, a ? [sourced(amount(a), a), el('span', { class: 'muted', text: ' ' + yearText(a) }),
          outsideRange(a), conflictBadge(a, r.partner), officialNote(a)] : '—'),
        el('td', { class: 'num' }, tg ? [sourced(amount(tg), tg),
          el('span', { class: 'muted', text: (tg.year ? ' ' + tg.year : '') + ' · ' + whoText(tg) }), outsideRange(tg), conflictBadge(tg, r.partner)] : '—'),
        el('td', null, progressBar(r.progress_percent, r.gap_basis, tg, a, r.gap_year, r.progress_bound)),
        el('td', { class: 'num flows' }, flowsCell(r)),
        el('td', null, m ? sourced(day(m.date) + (m.place ? ', ' + personName(m.place) : ''), m) : '—'),
        el('td', { class: 'num', text: r.documents })));
    }
    const tbl = el('table', { class: 'grid partners' }, el('thead', null, head), body);
    holder.replaceChildren(shown.length ? tbl : el('p', { class: 'muted', text: t('no_rows') }));
  }

  async function showOverview(token) {
    const data = await get('/api/parties');
    if (token !== routeToken) return;
    const label = (r) => {
      const pair = r.parties[0] === 'BY' || r.parties[1] === 'BY';
      const n = names.parties[r.partner] || {};
      return Object.assign({}, r, { label: pair ? partyName(r.partner) : pairLabel(r.parties), altLabel: (n.ru || '') + ' ' + (n.en || '') });
    };
    const keep = (r) => [r.actual, r.target, r.last_meeting].some((f) => f && inRange(f)) || (!range().from && !range().to);
    const rows = data.parties.map(label).filter(keep);
    // Pairs without Belarus (Китай — Россия) have a section of their own.
    const others = (data.other_pairs || []).map(label).filter(keep);
    const holder = el('div', { class: 'table-holder' });
    const filter = el('input', {
      type: 'search', class: 'filter', id: 'party-filter', placeholder: t('filter_placeholder'), 'aria-label': t('filter_placeholder'), value: overview.filter,
      oninput: (e) => { overview.filter = e.target.value; overviewTable(rows, holder); },
    });
    const otherTable = others.length
      ? table([t('col_pair'), t('col_turnover'), t('col_target'), t('col_documents')], others.map((r) => [
        el('a', { class: 'party-link', href: '#/party/' + encodeURIComponent(r.partner) }, r.label),
        r.actual ? [sourced(amount(r.actual), r.actual), ' ' + yearText(r.actual)] : '—',
        r.target ? sourced(amount(r.target), r.target) : '—',
        String(r.documents)]), 'grid others')
      : null;
    render(
      el('h1', { text: t('overview_title') }),
      el('p', { class: 'intro', text: rows.length ? t('overview_intro') : t('empty_db') }),
      rangeForm(),
      el('div', { class: 'maps' }, tileMap(rows), oblastMap(rows)),
      section(t('partners_title'), [filter, holder, el('p', { class: 'downloads' },
        el('button', { type: 'button', class: 'dl', 'data-download': 'csv', text: t('download_csv'),
          onclick: () => { const tb = holder.querySelector('table'); if (tb) download('partners.csv', URL.createObjectURL(new Blob(['\ufeff' + tableCsv(tb)], { type: 'text/csv' }))); } }))]),
      otherTable ? section(t('other_pairs_title'), withCsv(otherTable, 'other-pairs')) : null);
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
    // Each target a labelled horizontal line (chartjs-plugin-annotation):
    // from the year it was announced to its horizon when it has one, across
    // the whole chart when it has none.
    const annotations = {};
    const lineColors = ['#cf222e', '#8250df', '#bf8700', '#0a7f8a'];
    targets.filter(inCur).forEach((f, k) => {
      const color = lineColors[k % lineColors.length];
      const line = {
        type: 'line', yMin: f.value, yMax: f.value, borderColor: color, borderWidth: 2, borderDash: f.forecast ? [2, 3] : [6, 4],
        label: {
          display: true, position: k % 2 ? 'start' : 'end', backgroundColor: 'rgba(255,255,255,0.85)', color, font: { size: 11 },
          content: t('target_label', amount(f), f.year ? t('by_year', f.year) : '', whoText(f), day(f.announced)),
        },
        figure: f,
      };
      if (typeof f.value_max === 'number' && f.value_max > f.value) {
        // A target range («от 300 до 500 млн») is a band between its bounds, not a line at its lower one.
        Object.assign(line, { type: 'box', yMax: f.value_max, backgroundColor: color + '22', borderWidth: 1 });
        line.label.position = { x: k % 2 ? 'start' : 'end', y: 'start' };
      }
      if (Number.isInteger(f.year)) {
        const start = Number.isInteger(announcedYear(f)) ? Math.min(announcedYear(f), f.year) : lo;
        line.xMin = labels.indexOf(Math.max(lo, start));
        line.xMax = labels.indexOf(Math.min(hi, f.year));
      }
      annotations['target' + k] = line;
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
        scales: { y: { beginAtZero: true, suggestedMax: Math.max(0, ...targets.filter(inCur).map((f) => Math.max(f.value, f.value_max || 0))) * 1.1,
          ticks: { callback: (v) => money(v, currency) } } },
        plugins: {
          annotation: { annotations },
          legend: { position: 'bottom', labels: { boxWidth: 14 } },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const f = ctx.dataset.figures[ctx.dataIndex];
                return ctx.dataset.label + ': ' + (f && typeof f.value_max === 'number' ? amount(f) : money(ctx.parsed.y, currency, f && f.qualifier));
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
    holder.append(el('p', { class: 'downloads' }, pngButton(chart, 'turnover-' + d.party)));
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
    if (e) parts.push(el('span', null, '↑ ', sourced(amount(e), e)));
    if (i) parts.push(el('span', null, ' ↓ ', sourced(amount(i), i)));
    if (typeof r.balance === 'number') {
      const cur = e && i && e.currency === i.currency ? e.currency : 'USD';
      parts.push(el('span', { class: 'muted', text: ' ' + t('balance') + ' ' + (r.balance > 0 ? '+' : '') + money(r.balance, cur) }));
    }
    parts.push(el('span', { class: 'muted', text: ' ' + yearText(e || i) }));
    return parts;
  }

  // The overview keeps a pair for any one of its figure, target or meeting in the date range; the
  // others are its latest, which may lie outside: said, never passed off as the range's.
  function outsideRange(f) {
    const { from, to } = range();
    return (from || to) && f && !inRange(f) ? el('span', { class: 'badge outside', title: t('outside_range_hint'), text: t('outside_range') }) : null;
  }

  // A figure other sources disagree with (same pair, status and year) is marked, wherever it is shown,
  // so that a list picking one of them never does so silently.
  function conflictBadge(f, from) {
    return f && f.conflict ? el('a', { class: 'badge warn conflict', href: '#/conflicts?party=' + encodeURIComponent(from || ''),
      title: t('conflict_hint') + ' ' + (f.evidence || []).map((e) => e.title || e.doc).join('; '), text: t('conflict') }) : null;
  }

  function figureRows(list, from) {
    return list.map((f) => [
      yearText(f), pairLabel(f.parties),
      el('span', null, sourced(amount(f), f, from),
        f.sectoral || f.sector ? el('span', { class: 'muted', text: ' · ' + t('sectoral', sectorName(f.sector || '')) }) : null,
        conflictBadge(f, from),
        officialNote(f)),
      String(f.sources),
    ]);
  }

  function participants(f) {
    const list = Array.isArray(f.participants) ? f.participants : [];
    return list.filter((p) => p && typeof p === 'object').map((p) => personName(p.name || '') + (p.role ? ' (' + personName(p.role) + ')' : '')).join(', ');
  }

  function chips(list, from, label) {
    if (!list.length) return el('p', { class: 'muted', text: t('none') });
    return el('ul', { class: 'chips' }, list.map((f) => el('li', null, sourced(label(f), f, from),
      f.sources > 1 ? el('span', { class: 'muted', text: ' ×' + f.sources }) : null)));
  }

  async function showParty(code, token) {
    const d = Object.assign({}, await get('/api/parties/' + encodeURIComponent(code)));
    if (token !== routeToken) return;
    for (const k of ['figures', 'targets', 'changes', 'flows', 'meetings', 'projects']) d[k] = (d[k] || []).filter(inRange);
    d.official = (d.official || []).filter((o) => inRange({ year: o.year }));
    const from = d.party;
    const chartHolder = el('div', { class: 'chart-holder' });
    const title = partyName(d.party);
    const targets = d.targets.map((f) => [
      sourced(amount(f), f, from), f.year ? String(f.year) : '—', pairLabel(f.parties),
      whoText(f), day(f.announced), String(f.sources)]);
    const changes = d.changes.map((f) => [
      yearText(f), pairLabel(f.parties),
      // A share says of what («48 % — доля в товарообороте пары»), so that it never reads as a change.
      sourced(f.type === 'turnover_share' ? percent(f.percent) + ' ' + t('share_of_' + (f.name || 'turnover')) : percent(f.percent, true), f, from),
      f.sector ? sectorName(f.sector) : '', String(f.sources)]);
    const flows = (d.flows || []).map((f) => [
      yearText(f), partyName(f.from) + ' → ' + partyName(f.to),
      el('span', null, sourced(amount(f), f, from),
        f.status === 'target' ? el('span', { class: 'muted', text: ' · ' + t('col_target') }) : null,
        f.sectoral || f.sector ? el('span', { class: 'muted', text: ' · ' + t('sectoral', sectorName(f.sector || '')) }) : null),
      String(f.sources)]);
    const official = (d.official || []).map((o) => {
      const link = safeUrl(o.url);
      return [o.period && o.period !== 'year' ? o.year + ', ' + periodText(o.period) : String(o.year), partyName(o.reporter) + ' — ' + partyName(o.partner),
        t('flow_' + o.flow), money(o.value, o.currency),
        link ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer', text: o.source }) : o.source];
    });
    const meetings = d.meetings.length
      ? el('ol', { class: 'timeline' }, d.meetings.map((f) => el('li', null,
        el('span', { class: 'when', text: day(f.date) }),
        el('span', { class: 'what' }, sourced(pairLabel(f.parties) + (f.place ? ' — ' + personName(f.place) : ''), f, from)),
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
    render(
      el('p', null, el('a', { href: '#/', class: 'back', text: t('back') })),
      el('h1', null, title, el('span', { class: 'code', text: ' ' + d.party })),
      rangeForm(),
      section(t('chart_title'), chartHolder),
      section(t('figures_title'), d.figures.length
        ? withCsv(table([t('col_year'), t('col_pair'), t('col_value'), t('col_sources')], figureRows(d.figures, from), 'grid figures'), 'figures-' + d.party)
        : el('p', { class: 'muted', text: t('none') })),
      flows.length ? section(t('flows_title'), withCsv(
        table([t('col_year'), t('col_direction'), t('col_value'), t('col_sources')], flows, 'grid flows'), 'flows-' + d.party)) : null,
      official.length ? section(t('official_title'), withCsv(
        table([t('col_year'), t('col_reporter'), t('col_flow'), t('col_value'), t('col_source')], official, 'grid official'), 'official-' + d.party)) : null,
      section(t('targets_title'), targets.length
        ? withCsv(table([t('col_target'), t('col_year'), t('col_pair'), t('col_speaker'), t('col_announced'), t('col_sources')], targets, 'grid targets'), 'targets-' + d.party)
        : el('p', { class: 'muted', text: t('none') })),
      section(t('changes_title'), changes.length
        ? withCsv(table([t('col_year'), t('col_pair'), t('col_change'), t('sectors_title'), t('col_sources')], changes, 'grid changes'), 'changes-' + d.party)
        : el('p', { class: 'muted', text: t('none') })),
      section(t('meetings_title'), meetings),
      el('div', { class: 'two' },
        section(t('organisations_title'), chips(d.organisations, from, (f) => f.name + (f.country ? ' (' + f.country + ')' : ''))),
        section(t('sectors_title'), chips(d.sectors, from, (f) => sectorName(f.sector || f.name)))),
      section(t('projects_title'), chips(d.projects, from, (f) => f.name + (typeof f.quantity === 'number' ? ' — ' + f.quantity + ' ' + (f.unit || '') : '') +
        (typeof f.value === 'number' ? ' — ' + money(f.value, f.currency) : ''))),
      section(t('sources_title'), sources));
    turnoverChart(d, chartHolder);
  }

  // --- targets, conflicts, compare ------------------------------------------

  async function showTargets(token) {
    const data = await get('/api/targets');
    if (token !== routeToken) return;
    const list = data.targets.filter(inRange);
    const rows = list.map((f) => [
      el('a', { class: 'party-link', href: '#/party/' + encodeURIComponent(f.parties.find((c) => c !== 'BY') || f.parties[0]) }, pairLabel(f.parties)),
      sourced(amount(f), f), f.year ? String(f.year) : '—',
      f.forecast ? el('span', { class: 'badge forecast', text: whoText(f) }) : whoText(f), day(f.announced),
      f.actual ? [sourced(amount(f.actual), f.actual),
        conflictBadge(f.actual, f.parties.find((c) => c !== 'BY') || f.parties[0]), officialNote(f.actual)] : '—',
      f.actual ? yearText(f.actual) : '—',
      progressBar(f.progress_percent, f.progress_basis, f, f.actual, null, f.progress_bound)]);
    const tbl = table([t('col_pair'), t('col_target'), t('col_year'), t('col_speaker'), t('col_announced'), t('col_turnover'), t('col_actual_year'), t('col_progress')], rows, 'grid targets-page');
    render(el('h1', { text: t('targets_page_title') }), el('p', { class: 'intro', text: t('targets_page_intro') }), rangeForm(),
      list.length ? withCsv(tbl, 'targets') : el('p', { class: 'muted', text: t('none') }));
  }

  async function showConflicts(params, token) {
    const data = await get('/api/conflicts');
    if (token !== routeToken) return;
    const party = params.get('party');
    const list = data.conflicts.filter((c) => c.figures.length && inRange(c.figures[0]) &&
      (!party || c.figures[0].parties.includes(party)));
    const blocks = list.map((c) => {
      const f0 = c.figures[0];
      return el('section', { class: 'block conflict-block' },
        el('h2', { text: pairLabel(f0.parties) + ' · ' + (f0.status === 'target' ? t('col_target') : t('col_turnover')) + ' · ' + yearText(f0) }),
        table([t('col_value'), t('col_speaker'), t('col_announced'), t('sources_title')], c.figures.map((f) => [
          amount(f) + (typeof f.percent === 'number' ? percent(f.percent, true) : ''), whoText(f), day(f.announced),
          el('ul', { class: 'sources' }, (f.evidence || []).map((e) => el('li', null,
            el('a', { class: 'src', href: docHref(e, f0.parties.find((x) => x !== 'BY')) }, e.title || e.doc),
            el('blockquote', { text: e.quote || '' }))))]), 'grid conflicts'));
    });
    render(el('h1', { text: t('conflicts_page_title') }), el('p', { class: 'intro', text: t('conflicts_page_intro') }), rangeForm(),
      blocks.length ? blocks : el('p', { class: 'muted', text: t('no_conflicts') }));
  }

  async function showCompare(codes, token) {
    const dossiers = [];
    for (const c of codes.slice(0, 8)) dossiers.push(await get('/api/parties/' + encodeURIComponent(c)));
    if (token !== routeToken) return;
    const years = new Set();
    const series = dossiers.map((d) => {
      const byYear = {};
      for (const f of d.figures.filter(isYearly).filter(inRange)) {
        if ((f.currency || 'USD') !== 'USD') continue;
        if (!byYear[f.year] || f.sources > byYear[f.year].sources) byYear[f.year] = f;
        years.add(f.year);
      }
      return { code: d.party, byYear };
    });
    const labels = Array.from(years).sort((a, b) => a - b);
    const canvas = el('canvas', { id: 'compare-chart', role: 'img', 'aria-label': t('compare_title') });
    const rows = labels.map((y) => [String(y)].concat(series.map((s) => (s.byYear[y] ? sourced(amount(s.byYear[y]), s.byYear[y]) : '—'))));
    const tbl = table([t('col_year')].concat(series.map((s) => partyName(s.code))), rows, 'grid compare');
    const holder = el('div', { class: 'chart-holder' }, el('div', { class: 'chart-box' }, canvas));
    render(el('h1', { text: t('compare_title') }), el('p', { class: 'intro', text: series.map((s) => partyName(s.code)).join(' · ') }),
      rangeForm(), section(t('chart_title'), holder), section(t('figures_title'), withCsv(tbl, 'compare')));
    if (typeof window.Chart !== 'function') return;
    const chart = new window.Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: series.map((s, k) => ({ label: partyName(s.code), data: labels.map((y) => (s.byYear[y] ? s.byYear[y].value : null)),
        backgroundColor: PALETTE[k % PALETTE.length] })) },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => money(v, 'USD') } } }, plugins: { legend: { position: 'bottom' } } },
    });
    charts.push(chart);
    holder.append(el('p', { class: 'downloads' }, pngButton(chart, 'compare')));
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
    let s = num('s');
    let e = num('e');
    if (d.quotes_only) {
      // The report keeps only the quoted sentences: the link's offsets are the whole article's.
      const sp = (d.spans || []).find((x) => x.orig_start === s && x.orig_end === e);
      s = sp ? sp.start : NaN;
      e = sp ? sp.end : NaN;
    }
    const { node, highlighted } = markedText(d.text || '', d.spans || [], s, e);
    const url = d.url ? safeUrl(d.url) : null;
    render(
      el('p', null, from
        ? el('a', { href: '#/party/' + encodeURIComponent(from), class: 'back', text: t('back_party', partyName(from)) })
        : el('a', { href: '#/', class: 'back', text: t('back') })),
      el('article', { class: 'doc' },
        el('h1', { text: d.title || d.doc }),
        el('p', { class: 'muted' }, d.published ? t('published', day(d.published)) : t('no_date'),
          url ? [' · ', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', text: t('open_original') })] : null),
        params.has('s') && !highlighted ? el('p', { class: 'badge warn', text: t('evidence_missing') }) : null,
        d.quotes_only ? el('p', { class: 'muted', text: t('quotes_only') }) : null,
        node));
    if (highlighted) highlighted.scrollIntoView({ block: 'center' });
  }

  async function showSearch(q, token) {
    const data = await get('/api/search?q=' + encodeURIComponent(q));
    if (token !== routeToken) return;
    render(
      el('h1', { text: t('search_title', q) }),
      SNAPSHOT ? el('p', { class: 'muted', text: t('search_offline') }) : null,
      data.hits.length
        ? el('ul', { class: 'sources' }, data.hits.map((h) => el('li', null,
          el('a', { class: 'src', href: '#/doc/' + encodeURIComponent(h.doc), text: h.title || h.doc }),
          h.published ? el('span', { class: 'muted', text: ' ' + day(h.published) }) : null,
          h.snippet ? el('blockquote', { text: h.snippet }) : null)))
        : el('p', { class: 'muted', text: t('search_none') }));
  }

  // --- routing and chrome --------------------------------------------------

  function applyStaticText() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.getAttribute('data-i18n')); });
    // A placeholder is no label (it disappears as one types, and not every screen reader reads it): the same words as aria-label.
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => {
      e.placeholder = t(e.getAttribute('data-i18n-placeholder'));
      e.setAttribute('aria-label', e.placeholder);
    });
    document.querySelectorAll('[data-lang]').forEach((b) => b.classList.toggle('active', b.getAttribute('data-lang') === lang));
    const gen = document.getElementById('generated');
    if (gen) {
      gen.textContent = SNAPSHOT && SNAPSHOT.generated ? t('generated', day(SNAPSHOT.generated)) : '';
      const l = SNAPSHOT && SNAPSHOT.left_out;
      if (l && (l.articles_as_quotes || l.documents || l.parties)) {
        gen.textContent += ' ' + t('left_out', l.articles_as_quotes || 0, l.documents || 0, l.parties || 0);
      }
    }
  }

  async function route() {
    const token = ++routeToken;
    while (charts.length) charts.pop().destroy();
    // The server's page routes (/targets, /conflicts, /compare?p=...) open the same views as the hash routes.
    let h = window.location.hash || '';
    if (!h || h === '#') {
      const path = window.location.pathname.replace(/\/+$/, '');
      const q = window.location.search.replace(/^\?/, '');
      if (/\/(targets|conflicts|compare)$/.test(path)) h = '#/' + path.split('/').pop() + (q ? '?' + q : '');
      else h = '#/';
    }
    let m;
    try {
      if ((m = /^#\/party\/([^?]+)/.exec(h))) await showParty(decodeURIComponent(m[1]), token);
      else if (/^#\/targets(\?|$)/.test(h)) await showTargets(token);
      else if ((m = /^#\/conflicts(?:\?(.*))?$/.exec(h))) await showConflicts(new URLSearchParams(m[1] || ''), token);
      else if ((m = /^#\/compare\?(.*)$/.exec(h))) {
        await showCompare((new URLSearchParams(m[1]).get('p') || '').split(',').map((s) => s.trim()).filter(Boolean), token);
      }
      else if ((m = /^#\/doc\/([^?]+)(?:\?(.*))?$/.exec(h))) await showDoc(decodeURIComponent(m[1]), new URLSearchParams(m[2] || ''), token);
      else if ((m = /^#\/search\?(.*)$/.exec(h))) await showSearch(new URLSearchParams(m[1]).get('q') || '', token);
      else await showOverview(token);
      if (!/^#\/doc\//.test(h)) window.scrollTo(0, 0);
    } catch (err) {
      if (token === routeToken) render(el('p', { class: 'error', text: t('error', err && err.message ? err.message : String(err)) }));
    }
  }

  async function start() {
    // The vendored annotation plugin draws the target lines.
    const annotation = window['chartjs-plugin-annotation'];
    if (window.Chart && annotation) window.Chart.register(annotation);
    document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => {
      lang = b.getAttribute('data-lang');
      try { window.localStorage.setItem('oborot.lang', lang); } catch (e) { /* not kept */ }
      // The address says the language, so a copied link opens in it.
      try {
        const u = new URL(window.location.href);
        u.searchParams.set('lang', lang);
        window.history.replaceState(null, '', u.href);
      } catch (e) { /* file:// pages may refuse */ }
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
    render(el('p', { class: 'muted', text: t('loading') }));
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
