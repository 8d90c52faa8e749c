// Offline: after one visit the service worker serves every file of the app, so it opens
// and analyses text with the network off; a new deployment is announced, not mixed in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { serve, launch, openApp, analyse, downloadJson, dist, root, PREFIX } from './harness.mjs';

let browser;
const copies = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A private copy of dist/, so a test can change the "deployment" under the same origin. */
async function copyOfDist() {
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-dist-'));
  await cp(dist, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

const versionOf = (sw) => sw.match(/const VERSION = '([^']+)'/)?.[1];

/** Waits until the service worker controls the page and its cache holds the app. */
async function waitForOffline(page) {
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 });
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('bulletin:'));
    const cache = await caches.open(names[0]);
    const files = (await cache.keys()).map((r) => new URL(r.url).pathname.split('/').pop());
    return { names, files: files.sort() };
  });
}

test('the build stamps a versioned cache name into sw.js and lists a web app manifest', async () => {
  const sw = await readFile(join(dist, 'sw.js'), 'utf8');
  const version = versionOf(sw);
  const crate = (await readFile(join(root, 'Cargo.toml'), 'utf8')).match(/^version = "(.+)"/m)[1];
  assert.ok(version && !version.includes('__'), `sw.js is not stamped: ${version}`);
  assert.match(version, /^\d+\.\d+\.\d+.*-[0-9a-f]{16}$/);
  assert.ok(version.startsWith(`${crate}-`), `${version} does not start with the crate version ${crate}`);
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.length > 0 && manifest.name);
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  assert.match(html, /<link rel="manifest" href="manifest.webmanifest">/);
});

test('after one visit the app opens and analyses text offline', async () => {
  const server = await serve(await copyOfDist());
  try {
    const { page, context, problems } = await openApp(browser, server.base);
    const { names, files } = await waitForOffline(page);
    assert.equal(names.length, 1, `one cache: ${names}`);
    const built = (await readdir(dist)).filter((f) => f !== 'sw.js');
    for (const file of ['index.html', 'loader.js', 'bulletin.js', 'bulletin_bg.wasm', 'worker_loader.js', 'worker.js',
      'worker_bg.wasm', 'app.css', 'favicon.png', 'favicon.svg', 'manifest.webmanifest', ...built]) {
      assert.ok(files.includes(file), `${file} is not precached (cached: ${files})`);
    }

    // Truly offline: the browser is told so, and the server is gone. (Playwright's
    // offline switch does not cover the browser's own sw.js update checks.)
    await context.setOffline(true);
    await server.close();
    const seenBefore = server.requests.length;
    await page.reload();
    await page.waitForSelector('[data-testid="app-ready"]', { timeout: 30_000 });
    const text = '𠮷 郑州市委书记刘伟平在郑州市会议中心讲话。';
    await analyse(page, text);
    assert.ok(await page.locator('[data-testid="entity"]', { hasText: '刘伟平' }).count() > 0);
    const { json } = await downloadJson(page, 'export-json');
    assert.ok(json.documents.some((d) => d.text === text), 'the export holds the text analysed offline');
    assert.deepEqual(server.requests.slice(seenBefore), [], 'nothing reached the server while offline');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('a new deployment shows "update ready", and reloading switches to its cache only', async () => {
  const dir = await copyOfDist();
  const server = await serve(dir);
  try {
    const { page, context, problems } = await openApp(browser, server.base);
    const first = await waitForOffline(page);
    const oldVersion = versionOf(await readFile(join(dir, 'sw.js'), 'utf8'));
    assert.deepEqual(first.names, [`bulletin:${PREFIX}:${oldVersion}`]);
    assert.equal(await page.getByTestId('update-ready').count(), 0, 'no notice without an update');

    // Deploy: new files and a new version stamp, on the same origin and path.
    const newVersion = `${oldVersion.split('-')[0]}-0123456789abcdef`;
    const sw = await readFile(join(dir, 'sw.js'), 'utf8');
    await writeFile(join(dir, 'sw.js'), sw.replace(oldVersion, newVersion));
    // A changed stylesheet, with the integrity hash Trunk would write for it.
    const oldCss = await readFile(join(dir, 'app.css'));
    await appendFile(join(dir, 'app.css'), '\n/* deployment-2 */\n');
    const sri = async (file) => `sha384-${createHash('sha384').update(await readFile(file)).digest('base64')}`;
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    const oldSri = `sha384-${createHash('sha384').update(oldCss).digest('base64')}`;
    assert.ok(html.includes(oldSri), 'index.html pins app.css by hash');
    await writeFile(join(dir, 'index.html'), html.replace(oldSri, await sri(join(dir, 'app.css'))));

    await page.reload();
    await page.waitForSelector('[data-testid="app-ready"]', { timeout: 30_000 });
    // Until the user agrees, the page keeps running the version it was loaded with.
    await page.getByTestId('update-ready').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('update-ready').textContent(), /update is ready/i);
    assert.ok(!(await page.evaluate(() => fetch('app.css').then((r) => r.text()))).includes('deployment-2'));

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    await page.waitForSelector('[data-testid="app-ready"]', { timeout: 30_000 });
    const names = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('bulletin:')));
    assert.deepEqual(names, [`bulletin:${PREFIX}:${newVersion}`], 'the old cache is gone');
    assert.ok((await page.evaluate(() => fetch('app.css').then((r) => r.text()))).includes('deployment-2'));
    assert.equal(await page.getByTestId('update-ready').count(), 0);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});
