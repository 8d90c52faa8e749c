// Paste clean-up, splitting a bulletin page into articles, and agreement between two
// annotators, used through the UI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, openApp, readSample } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('clean-up previews the join of a broken line and applies it to the draft', async () => {
  const { page, context } = await openApp(browser, server.base);
  await page.getByTestId('paste-input').fill('社区形成了自我管理的商户治理机制。如\n\n今,店内悬挂的文明商户成了风向标。');
  await page.getByTestId('cleanup-open').click();
  await page.getByTestId('cleanup-preview').waitFor();
  assert.ok(await page.getByTestId('cleanup-change').count() >= 2, 'a join and a comma');
  await page.getByTestId('cleanup-accept').click();
  assert.equal(await page.getByTestId('paste-input').inputValue(), '社区形成了自我管理的商户治理机制。如今，店内悬挂的文明商户成了风向标。');
  await context.close();
});

test('a bulletin page splits into one document per article', async () => {
  const { page, context } = await openApp(browser, server.base);
  const sample = await readSample();
  await page.getByTestId('paste-input').fill(sample);
  await page.getByTestId('split-articles').click();
  // The page has ten 本报讯 reports and two photo items.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="doc-item"]').length >= 12);
  const titles = await page.getByTestId('doc-item').allTextContents();
  assert.ok(titles.some((t) => t.includes('“红色物业”进小区')), titles.join('\n'));
  await context.close();
});

test('two annotators’ exports give per-label agreement and a merge can be downloaded', async () => {
  const { page, context } = await openApp(browser, server.base);
  const text = '记者刘伟平在郑州采访。';
  const file = (entities) => JSON.stringify({ text, label: entities });
  // A: PER 刘伟平, LOC 郑州. B: PER 刘伟平 only.
  const a = file([[2, 5, 'PER'], [6, 8, 'LOC']]);
  const b = file([[2, 5, 'PER']]);
  await page.getByTestId('agreement-open').click();
  await page.getByTestId('agreement-drop-A').locator('input[type=file]').setInputFiles({ name: 'a.jsonl', mimeType: 'application/json', buffer: Buffer.from(a) });
  await page.getByTestId('agreement-drop-B').locator('input[type=file]').setInputFiles({ name: 'b.jsonl', mimeType: 'application/json', buffer: Buffer.from(b) });
  await page.getByTestId('agreement-table').waitFor();
  const table = await page.getByTestId('agreement-table').textContent();
  assert.match(table, /PER/);
  assert.match(table, /LOC/);
  assert.equal(await page.getByTestId('disagreement').count(), 1);
  await page.getByTestId('disagreement').locator('[data-testid="take-a"]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-merged').click()]);
  const merged = JSON.parse(await readFile(await download.path(), 'utf8'));
  const labels = merged.documents[0].entities.map((e) => `${e.label}:${e.text}`).sort();
  assert.deepEqual(labels, ['LOC:郑州', 'PER:刘伟平']);
  await context.close();
});
