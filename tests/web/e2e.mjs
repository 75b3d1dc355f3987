// End-to-end test of the dashboard in headless Chromium (Debian's chromium,
// driven by playwright-core):
//   1. builds a knowledge base with `oborot ingest` from tests/web/fixtures;
//   2. starts `oborot serve` on a free loopback port;
//   3. opens the overview, clicks a partner, checks that the turnover chart
//      (with a target line) renders, clicks a figure and checks that its
//      source sentence is highlighted; switches to English;
//   4. opens an article containing <script> and onerror= and checks that
//      nothing from it runs or becomes markup; checks the API's error JSON;
//   5. writes `oborot report`, opens the file offline and repeats 3 and 4,
//      failing on any network request.
// Screenshots go to --out. Exit 0: passed; 1: failed; 77: skipped (no Chromium).
//
//   node tests/web/e2e.mjs --oborot build/oborot --out build/web-e2e
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const oborot = path.resolve(args.oborot || process.env.OBOROT_BIN || 'build/oborot');
const outDir = path.resolve(args.out || path.join(os.tmpdir(), 'oborot-web-e2e'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const SKIP = 77;

const PARTY = 'RU-KRS';
const PARTY_NAME_RU = 'Курская область';
const XSS_DOC = 'web-tula-xss';

let failures = 0;
function check(cond, what) {
  if (cond) {
    console.log('ok   ' + what);
  } else {
    console.log('FAIL ' + what);
    failures++;
  }
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr || r.error}`);
  return r;
}

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (e) {
    console.log('installing playwright-core (npm ci) ...');
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
    return await import(pathToFileURL(path.join(here, 'node_modules', 'playwright-core', 'index.mjs')).href);
  }
}

function ensureChromium() {
  if (fs.existsSync(chromiumPath)) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!root && !sudo) return false;
  console.log('installing chromium (apt-get) ...');
  const pre = root ? [] : ['sudo', '-n'];
  const apt = (a) => spawnSync(pre.length ? pre[0] : 'apt-get', pre.length ? [...pre.slice(1), 'apt-get', ...a] : a,
    { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  return fs.existsSync(chromiumPath);
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    const proc = spawn(oborot, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('oborot serve did not start: ' + out)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, base: `http://127.0.0.1:${m[1]}` }); }
    });
    proc.stderr.on('data', (d) => { out += d; });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`oborot serve exited (${code}): ${out}`)); });
  });
}

// The overview -> party -> chart -> highlighted source walk, on a served or offline page.
async function walk(page, label) {
  await page.waitForSelector('table.partners tbody tr', { timeout: 15000 });
  await page.screenshot({ path: path.join(outDir, `${label}-overview.png`), fullPage: true });
  check(await page.locator('.tile-map .tile').count() >= 80, `${label}: tile map of Russia's regions drawn`);
  check(await page.locator('.by-map .tile').count() === 7, `${label}: Belarus's oblasts and Minsk drawn`);
  check((await page.locator(`.tile-map [data-code="RU-MOW"]`).textContent()) === 'Москва', `${label}: names on the tiles`);
  check(await page.locator(`.tile-map a.tile[data-code="${PARTY}"]`).count() === 1, `${label}: ${PARTY} tile is a link`);
  // Tiles are named in full for screen readers and keep their link role (two tiles both read «Минск»/«Moscow»).
  const tileName = await page.locator(`.tile-map a.tile[data-code="${PARTY}"]`).getAttribute('aria-label');
  check(/^(Курская область|Kursk Oblast):/.test(tileName || '') && await page.locator('.tile-map a.tile[role]').count() === 0,
    `${label}: a map tile is a link named in full («${tileName}»)`);
  // Accessibility basics: every input has a name, and the table sorts from the keyboard.
  const unnamed = await page.evaluate(() => Array.from(document.querySelectorAll('input'))
    .filter((i) => !i.getAttribute('aria-label') && !(i.labels && i.labels.length)).map((i) => i.id || i.name));
  check(unnamed.length === 0, `${label}: every input has an accessible name (${unnamed.join(', ')})`);
  await page.focus('button.sort[data-sort="documents"]');
  await page.keyboard.press('Enter');
  check(await page.locator('button.sort.active[data-sort="documents"]').count() === 1, `${label}: a column sorts from the keyboard`);
  // Sorting and filtering work on the table.
  await page.fill('#party-filter', 'курск');
  check(await page.locator('table.partners tbody tr').count() === 1, `${label}: filter keeps one row`);
  await page.fill('#party-filter', '');
  await page.click('button.sort[data-sort="partner"]');
  check(await page.locator('button.sort.active[data-sort="partner"]').count() === 1, `${label}: table sorts by partner`);
  // Official figures (imported by main) beside the announced one, marked when they contradict it.
  const official = await page.locator(`table.partners tr[data-party="${PARTY}"] .official`).textContent().catch(() => '');
  check(/офиц\./.test(official || ''), `${label}: official figure beside the announced turnover («${(official || '').trim()}»)`);
  check(await page.locator(`table.partners tr[data-party="${PARTY}"] .official.warn`).count() === 1,
    `${label}: an announced figure the official one contradicts is marked`);
  check(await page.locator('table.partners th button[data-sort="flows"]').count() === 1, `${label}: exports/imports column`);
  // The latest figure of a pair whose sources disagree on it (310 and 280 million for 2023) is marked, not picked silently.
  check(await page.locator('table.partners tr[data-party="RU-ORL"] td.num a.conflict').count() === 1,
    `${label}: a latest figure other sources contradict carries the conflict badge`);
  const flows = (await page.locator('table.partners tr[data-party="RU-SMO"] td.flows').textContent().catch(() => '')) || '';
  check(/↑/.test(flows) && /↓/.test(flows) && /\+300/.test(flows), `${label}: exports ↑, imports ↓ and the balance of a pair with trade flows («${flows.trim()}»)`);
  // A range («от 90 до 95 млн») reads as a range, never as its lower bound alone; a region of a third
  // country is named with its country, not as if it were one of Russia's.
  const kz = page.locator('table.partners tr[data-party="KZ-35"]');
  const kzText = ((await kz.textContent().catch(() => '')) || '').replace(/\s+/g, ' ');
  check(/Карагандинская область \(Казахстан\)/.test(kzText), `${label}: a Kazakh region is named with its country («${kzText.slice(0, 60)}»)`);
  check(/90\s?[–-]\s?95/.test(kzText) && /150\s?[–-]\s?200/.test(kzText),
    `${label}: a range of turnover and a range target read as ranges («${kzText}»)`);
  // The map's scale is Russia's regions' own: the Kazakh region's 90 million is no end of its legend.
  const legend = ((await page.locator('.tile-map + .legend').textContent().catch(() => '')) || '').replace(/\s+/g, ' ');
  check(/310 млн/.test(legend) && !/90 млн/.test(legend), `${label}: the map's legend spans the map's regions only («${legend.trim()}»)`);
  await page.click(`table.partners a.party-link:has-text("${PARTY_NAME_RU}")`);
  await page.waitForSelector('canvas#turnover-chart', { timeout: 15000 });
  check(await page.locator('table.official tbody tr').count() >= 1, `${label}: party page lists the imported official figures`);
  const chart = await page.evaluate(() => {
    const canvas = document.getElementById('turnover-chart');
    const c = window.Chart && window.Chart.getChart(canvas);
    if (!c) return null;
    const ctx = canvas.getContext('2d');
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < img.length; i += 4) if (img[i] > 0) painted++;
    // The target lines: annotations of chartjs-plugin-annotation, and the
    // pixels of the first one's colour along its row on the canvas.
    const anns = Object.values((c.options.plugins.annotation || {}).annotations || {});
    let linePixels = 0;
    if (anns.length) {
      const a = anns[0];
      const y = Math.round(c.scales.y.getPixelForValue(a.yMin) * (canvas.width / canvas.clientWidth));
      const hex = a.borderColor.replace('#', '');
      const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      for (let dy = -2; dy <= 2; dy++) {
        const row = ctx.getImageData(0, y + dy, canvas.width, 1).data;
        for (let i = 0; i < row.length; i += 4) {
          if (Math.abs(row[i] - rgb[0]) < 40 && Math.abs(row[i + 1] - rgb[1]) < 40 && Math.abs(row[i + 2] - rgb[2]) < 40) linePixels++;
        }
      }
    }
    return {
      bars: c.data.datasets.filter((d) => d.type === 'bar').map((d) => d.data.filter((v) => v !== null).length),
      plugin: !!(window.Chart.registry && window.Chart.registry.plugins.get('annotation')),
      lines: anns.map((a) => [].concat(a.label && a.label.content).join(' ')),
      linePixels,
      painted,
    };
  });
  check(chart !== null, `${label}: turnover chart created`);
  if (chart) {
    check(chart.bars.reduce((a, b) => a + b, 0) >= 3, `${label}: chart has a bar per year (${JSON.stringify(chart.bars)})`);
    check(chart.plugin, `${label}: chartjs-plugin-annotation registered`);
    check(chart.lines.some((l) => l.includes('Старовойт')), `${label}: target line labelled with who announced it (${chart.lines[0]})`);
    check(chart.linePixels > 40, `${label}: target line drawn across the chart (${chart.linePixels} pixels of its colour)`);
    check(chart.painted > 2000, `${label}: chart canvas is painted (${chart.painted} pixels)`);
  }
  // Date range: a range before every figure leaves the figures table empty.
  const before = await page.locator('table.figures tbody tr').count();
  const partyHash = await page.evaluate(() => window.location.hash.split('?')[0]);
  await page.evaluate((h) => { window.location.hash = h + '?from=2023&to=2023'; }, partyHash);
  await page.waitForFunction(() => document.querySelector('#range-form input[name=from]') &&
    document.querySelector('#range-form input[name=from]').value === '2023', null, { timeout: 15000 });
  const after = await page.locator('table.figures tbody tr').count();
  check(before > after && after >= 1, `${label}: date range keeps the 2023 figure only (${before} -> ${after} rows)`);
  await page.evaluate((h) => { window.location.hash = h; }, partyHash);
  await page.waitForSelector('canvas#turnover-chart', { timeout: 15000 });
  await page.waitForFunction(() => !document.querySelector('#range-form input[name=from]').value, null, { timeout: 15000 });
  // Each table downloads as CSV, the chart as PNG.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-download=csv]').first().click()]);
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  check(/\.csv$/.test(csv.suggestedFilename()) && csvText.split('\r\n').length >= 2, `${label}: table downloads as CSV (${csv.suggestedFilename()})`);
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-download=png]').first().click()]);
  const pngBytes = fs.readFileSync(await png.path());
  check(pngBytes.length > 1000 && pngBytes.slice(1, 4).toString() === 'PNG', `${label}: chart downloads as PNG (${pngBytes.length} bytes)`);
  await page.screenshot({ path: path.join(outDir, `${label}-party.png`), fullPage: true });
  // Formula injection: a cell of article text that a spreadsheet would run
  // downloads with a leading apostrophe; a negative number keeps its sign.
  const injected = await page.evaluate(() => {
    const p = document.querySelector('button[data-download=csv]').closest('p');
    const cells = p && p.previousElementSibling ? p.previousElementSibling.querySelectorAll('tbody td') : [];
    if (cells.length < 2) return false;
    window.probeSaved = [cells[0], cells[1], cells[0].innerHTML, cells[1].innerHTML];
    cells[0].textContent = '=HYPERLINK("http://evil.example/","x")';
    cells[1].textContent = '-5';
    return true;
  });
  check(injected, `${label}: a table with two cells to probe CSV injection`);
  const [probe] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-download=csv]').first().click()]);
  const probeText = fs.readFileSync(await probe.path(), 'utf8');
  check(probeText.includes('"\'=HYPERLINK(""http://evil.example/"",""x"")"') && /(^|,)-5(,|\r\n)/m.test(probeText),
    `${label}: CSV guards a would-be formula and keeps -5 numeric (${probeText.split('\r\n')[1]})`);
  await page.evaluate(() => { const [a, b, ha, hb] = window.probeSaved; a.innerHTML = ha; b.innerHTML = hb; });
  const link = page.locator('table.figures a.src').first();
  const quote = await link.getAttribute('title');
  await link.click();
  await page.waitForSelector('mark#hl', { timeout: 15000 });
  const marked = (await page.locator('mark#hl').textContent()) || '';
  check(marked.length > 20 && quote && quote.includes(marked.trim().slice(0, 20)), `${label}: source sentence highlighted («${marked.slice(0, 60)}…»)`);
  await page.screenshot({ path: path.join(outDir, `${label}-source.png`), fullPage: false });
}

// The targets and conflicts pages, compare, and the language link.
async function pages(page, label, open) {
  await open('#/targets');
  await page.waitForSelector('table.targets-page tbody tr', { timeout: 15000 });
  check(await page.locator('table.targets-page tbody tr').count() >= 1, `${label}: targets page lists targets`);
  // A target for 2021 against a latest figure of 2023, with no figure for 2021: no bar, and why.
  const orel = await page.locator('table.targets-page tbody tr', { hasText: /Орловская|Oryol/ }).first();
  const orelText = await orel.textContent();
  check(/срок \(2021\) прошёл|its year \(2021\) has passed/.test(orelText) && await orel.locator('.progress').count() === 0,
    `${label}: a target whose year has passed without a figure gets no progress bar but says why (${orelText})`);
  check(await orel.locator('a.conflict').count() === 1, `${label}: the targets page marks a disputed actual too`);
  await page.screenshot({ path: path.join(outDir, `${label}-targets.png`), fullPage: true });
  await open('#/conflicts');
  await page.waitForFunction(() => /Расхождения|disagree/.test((document.querySelector('main h1') || {}).textContent || ''), null, { timeout: 15000 });
  check(true, `${label}: conflicts page opens`);
  await open('#/party/RU-ORL');
  await page.waitForSelector('table.changes tbody tr', { timeout: 15000 });
  const share = await page.locator('table.changes tbody tr').first().textContent();
  check(/доля во внешней торговле|of one side's foreign trade/.test(share), `${label}: a share says of what, never reading as a change (${share})`);
  // A date range keeps Oryol for its 2021 target; its 2023 figure, outside the range, says so.
  await open('#/?to=2021');
  await page.waitForSelector('table.partners tr[data-party="RU-ORL"]', { timeout: 15000 });
  check(await page.locator('table.partners tr[data-party="RU-ORL"] .badge.outside').count() === 1,
    `${label}: with a date range, a latest figure outside it is marked`);
  await open('#/party/RU-SMO');
  await page.waitForSelector('table.flows tbody tr', { timeout: 15000 });
  check(await page.locator('table.flows tbody tr').count() === 2, `${label}: party page lists exports and imports by year`);
  await open('#/compare?p=RU-KRS,RU-TUL');
  await page.waitForSelector('canvas#compare-chart', { timeout: 15000 });
  const sets = await page.evaluate(() => window.Chart.getChart(document.getElementById('compare-chart')).data.datasets.map((d) => d.label));
  check(sets.length === 2 && sets[0] === 'Курская область', `${label}: compare draws both partners (${sets.join(', ')})`);
  await page.screenshot({ path: path.join(outDir, `${label}-compare.png`), fullPage: true });
}

// An article with <script> and onerror= shows them as text and runs nothing.
async function hostile(page, label, scriptCount) {
  await page.evaluate((id) => { window.location.hash = '#/doc/' + encodeURIComponent(id); }, XSS_DOC);
  // the previous view may still show another article's <h1>: wait for this one's
  await page.waitForFunction(() => {
    const h = document.querySelector('article.doc h1');
    return h && h.textContent.includes('onerror');
  }, null, { timeout: 15000 });
  const r = await page.evaluate(() => ({
    title: document.querySelector('article.doc h1').textContent,
    text: document.querySelector('.article-text').textContent,
    scripts: document.querySelectorAll('script').length,
    onerror: document.querySelectorAll('[onerror]').length,
    imgs: document.querySelectorAll('img').length,
    jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
    pwned: window.__pwned === true,
  }));
  check(r.title.includes('<img src=x onerror=alert(1)>'), `${label}: hostile title shown as text`);
  check(r.text.includes('<script>alert(1)</script>'), `${label}: <script> in article shown as text`);
  check(r.scripts === scriptCount && r.onerror === 0 && r.imgs === 0, `${label}: no script, img or onerror element from the article`);
  check(r.jsLinks === 0, `${label}: javascript: URL not turned into a link`);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  if (!fs.existsSync(oborot)) throw new Error('no oborot binary at ' + oborot + ' (pass --oborot)');
  if (!ensureChromium()) {
    console.log(`skipped: Chromium is not installed at ${chromiumPath} and cannot be installed (not root, no sudo)`);
    process.exit(SKIP);
  }
  const { chromium } = await loadPlaywright();

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-web-'));
  const db = path.join(work, 'web.db');
  const ingest = run(oborot, ['ingest', '--db', db, path.join(here, 'fixtures')]);
  const facts = /(\d+) facts stored/.exec(ingest.stderr + ingest.stdout);
  check(facts && Number(facts[1]) > 5, `oborot ingest stored facts from the fixtures (${facts ? facts[1] : 0})`);
  // Official statistics for the walk's party: 2023's announced 530 million against 600 official (-11.7 %).
  const officialCsv = path.join(work, 'official.csv');
  fs.writeFileSync(officialCsv, 'reporter,partner,year,flow,value,currency,source,url\n' +
    `BY,${PARTY},2023,turnover,600000000,USD,Проверочная таблица,https://example.org/official\n`);
  run(oborot, ['import-official', '--db', db, officialCsv]);

  const { proc, base } = await startServer(db);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'oborot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const dialogs = [];
    const errors = [];
    context.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    // --- served dashboard ---
    const page = await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/');
    await page.screenshot({ path: path.join(outDir, 'served-overview.png'), fullPage: true }).catch(() => {});
    await walk(page, 'served');
    await hostile(page, 'served', 5);
    await pages(page, 'served', (h) => page.evaluate((x) => { window.location.hash = x; }, h));
    // The server's own page routes.
    await page.goto(base + '/compare?p=RU-KRS,RU-TUL');
    await page.waitForSelector('canvas#compare-chart', { timeout: 15000 });
    check(true, 'served: /compare?p=RU-KRS,RU-TUL opens the comparison');
    // The language in the address.
    await page.goto(base + '/?lang=en');
    await page.waitForSelector('table.partners tbody tr');
    check((await page.locator('main h1').textContent()) === "Belarus's partners", 'served: ?lang=en opens in English');
    await page.goto(base + '/');
    await page.click('button[data-lang="en"]');
    await page.evaluate(() => { window.location.hash = '#/'; });
    await page.waitForSelector('table.partners tbody tr');
    check((await page.locator('main h1').textContent()) === "Belarus's partners", 'served: English interface after the switch');
    await page.screenshot({ path: path.join(outDir, 'served-overview-en.png'), fullPage: true });
    await page.click('button[data-lang="ru"]');
    const api = await page.evaluate(async () => {
      const post = await fetch('/api/parties', { method: 'POST', body: 'x' });
      const missing = await fetch('/api/documents/no-such-doc');
      const bad = await fetch('/api/facts?year=soon');
      return [post.status, (await post.json()).status, missing.status, (await missing.json()).status, bad.status];
    });
    check(JSON.stringify(api) === '[405,405,404,404,400]', `served: API errors are JSON with status codes (${api})`);
    // Phone width: nothing wider than the screen.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(base + '/');
    await phone.waitForSelector('table.partners tbody tr');
    const scroll = await phone.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    check(scroll[0] <= scroll[1], `served: no horizontal scroll at phone width (${scroll[0]} <= ${scroll[1]})`);
    await phone.screenshot({ path: path.join(outDir, 'served-phone.png'), fullPage: true });
    await phone.close();
    check(dialogs.length === 0, `served: no alert/confirm dialog (${dialogs.join(', ')})`);
    check(errors.length === 0, `served: no script errors (${errors.join('; ')})`);
    await page.close();

    // --- offline report ---
    // By default the report holds the quoted sentences only and says so;
    // --max-articles includes whole articles (the hostile one is checked whole).
    const small = path.join(outDir, 'report-quotes.html');
    const quotes = run(oborot, ['report', '--db', db, '--out', small]);
    check(/только с цитатами: \d+/.test(quotes.stderr), `report: says which articles it kept as quotes (${quotes.stderr.trim()})`);
    const smallHtml = fs.readFileSync(small, 'utf8');
    check(smallHtml.includes('"quotes_only":true') && smallHtml.includes('только с цитатами'), 'report: quotes-only articles, and the no-script view says so');
    const report = path.join(outDir, 'report.html');
    run(oborot, ['report', '--db', db, '--out', report, '--max-articles', '1000']);
    check(!fs.readFileSync(report, 'utf8').includes('"quotes_only":true'), 'report: --max-articles includes the articles whole');
    const offline = await context.newPage();
    const requests = [];
    offline.on('request', (r) => { if (!/^(file|data|blob|about):/.test(r.url())) requests.push(r.url()); });
    offline.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    offline.on('pageerror', (e) => errors.push(String(e)));
    await context.setOffline(true);
    await offline.goto(pathToFileURL(report).href);
    await offline.screenshot({ path: path.join(outDir, 'report-overview.png'), fullPage: true });
    await walk(offline, 'report');
    // The report's scripts: the embedded data plus the four inlined files.
    await hostile(offline, 'report', 6);
    await pages(offline, 'report', (h) => offline.evaluate((x) => { window.location.hash = x; }, h));
    check(requests.length === 0, `report: no network request (${requests.join(', ')})`);
    check(dialogs.length === 0, `report: no alert/confirm dialog (${dialogs.join(', ')})`);
    check(errors.length === 0, `report: no script errors (${errors.join('; ')})`);
    const html = fs.readFileSync(report, 'utf8');
    check(!html.includes('<script>alert(1)</script>') && !html.includes('<img src=x'), 'report: hostile markup escaped in the file');
  } finally {
    await context.close();
    proc.kill('SIGTERM');
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} check(s) failed; screenshots in ${outDir}` : `all checks passed; screenshots in ${outDir}`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.log('FAIL ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
