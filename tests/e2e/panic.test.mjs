// No silent death: a panic shows a banner whose "Export my work" link downloads the last
// saved project, made inside the panic hook (the wasm instance is dead by then).
// `?panic-test` arms a trigger: a `bulletin-panic-test` event on window panics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, openApp, analyse } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const panic = (page, detail) => page.evaluate((d) => {
  window.dispatchEvent(d === undefined ? new CustomEvent('bulletin-panic-test') : new CustomEvent('bulletin-panic-test', { detail: d }));
}, detail);

async function rescue(page) {
  const link = page.getByTestId('panic-export');
  assert.match(await link.getAttribute('href'), /^blob:/);
  assert.match(await link.getAttribute('download'), /^bulletin-rescue-\d+\.json$/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFile(await download.path(), 'utf8');
}

test('after a panic the banner offers the last saved project for download', async () => {
  const { page, context, problems } = await openApp(browser, `${server.base}?panic-test`);
  const text = '记者刘伟平报道。<b>不是标记</b>';
  await analyse(page, text);
  // Autosave runs 250 ms after the last change and hands its JSON to the panic module.
  await page.waitForTimeout(1_500);
  await panic(page);

  const banner = page.getByTestId('panic-banner');
  await banner.waitFor({ timeout: 10_000 });
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.textContent(), /stopped working/);
  const saved = await rescue(page);
  assert.ok(saved.includes(JSON.stringify(text).slice(1, -1)), 'the rescued file holds the pasted text');
  JSON.parse(saved);
  assert.ok(problems.some((p) => /test panic requested/.test(p)), 'the panic reached the console');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});

test('the rescue link serves exactly the remembered snapshot, built without HTML parsing', async () => {
  const { page, context } = await openApp(browser, `${server.base}?panic-test`);
  const snapshot = JSON.stringify({ project: { text: '<img src=x onerror=alert(1)> 𠮷👨🏻‍🚒' } });
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await panic(page, snapshot);
  await page.getByTestId('panic-banner').waitFor({ timeout: 10_000 });
  assert.equal(await rescue(page), snapshot);
  // A second panic does not stack banners.
  await panic(page).catch(() => {});
  assert.equal(await page.getByTestId('panic-banner').count(), 1);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await context.close();
});

test('without ?panic-test the trigger does nothing', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  await panic(page, '{}');
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('panic-banner').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
