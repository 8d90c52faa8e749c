// Shared end-to-end harness: a static server for dist/ under a sub-path, and Debian's
// headless Chromium through playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const dist = process.env.DIST_DIR ?? join(root, 'dist');
// The tests' bulletin page is made up and lives in the repository (tests/fixtures).
export const sampleDir = process.env.SAMPLES_DIR ?? join(root, 'tests', 'fixtures');
/** The shared sample, for benchmarks that say so; absent in a plain clone. */
export const sharedSampleDir = resolve(root, '..', 'shared', 'samples');
// A deep sub-path proves that dist/ works wherever it is hosted.
export const PREFIX = '/static-host/some/sub-path/';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png', '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` at http://127.0.0.1:<port>${PREFIX}; `requests` logs every URL asked for. */
export async function serve(dir = dist) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push({ method: req.method, url: req.url });
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(PREFIX)) { res.writeHead(404).end('outside the app'); return; }
    let rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(normalize(dir))) { res.writeHead(403).end(); return; }
    try {
      const info = await stat(file);
      const path = info.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  return { base, requests, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens the app in a fresh context and waits for `app-ready`. Collects console errors,
 * page errors and CSP violations so tests can assert there are none.
 */
export async function openApp(browser, base, { contextOptions = {} } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US', ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const started = Date.now();
  await page.goto(base);
  await page.waitForSelector('[data-testid="app-ready"]', { timeout: 30_000 });
  const readyMs = Date.now() - started;
  return { context, page, problems, readyMs };
}

export async function readSample(name = 'bulletin-page.txt') {
  return readFile(join(sampleDir, name), 'utf8');
}

/** Code points of a JS string, as the app's files count them. */
export const codePoints = (s) => Array.from(s);

/** Pastes text into the paste box and analyses it; resolves when the analysis is shown. */
export async function analyse(page, text) {
  await page.getByTestId('paste-input').fill(text);
  await page.getByTestId('analyze').click();
  await page.waitForSelector('main#main[aria-busy="false"] .doc-text', { timeout: 60_000 });
}

/** Clicks `testId`, waits for the download and parses it as JSON. */
export async function downloadJson(page, testId) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), json: JSON.parse(await readFile(path, 'utf8')) };
}

/**
 * Selects code points [start, end) of the document text with a real DOM Range, then
 * releases the mouse over the document as a person would (Alt held for exact spans).
 */
export async function selectText(page, start, end, { alt = false } = {}) {
  await page.evaluate(([start, end]) => {
    const root = document.querySelector('.doc-text');
    const cps = Array.from(root.textContent);
    const unit = (cp) => cps.slice(0, cp).join('').length;
    const [a, b] = [unit(start), unit(end)];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0; let range = document.createRange(); let node;
    while ((node = walker.nextNode())) {
      const len = node.data.length;
      if (a >= seen && a <= seen + len) range.setStart(node, a - seen);
      if (b >= seen && b <= seen + len) { range.setEnd(node, b - seen); break; }
      seen += len;
    }
    const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
  }, [start, end]);
  await page.locator('.doc-text').dispatchEvent('mouseup', { altKey: alt });
}

/** The highlighted entities as [start, end, label, origin, text]. */
export async function entities(page) {
  return page.locator('.doc-text [data-testid="entity"]').evaluateAll((els) =>
    els.map((el) => [Number(el.dataset.start), Number(el.dataset.end), el.dataset.label, el.dataset.origin, el.textContent]));
}

/** Polls `check` until it returns a truthy value (no fixed sleeps). */
export async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
