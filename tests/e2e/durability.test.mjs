// No edit is lost to a reload or a closed tab: autosave is throttled (a stream of edits
// never postpones it) and flushed when the page is hidden or left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, codePoints, analyse, selectText, entities } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const SENTENCE = '本报讯(记者 刘伟平)9月20日，管城区财政局在永安街召开会议。';
const TEXT = Array.from({ length: 4 }, () => SENTENCE).join('\n');
const accepted = async (page) => (await entities(page)).filter(([, , , origin]) => origin === 'accepted-auto').length;

/** Accepts `n` suggestions with `a`, one every `gapMs` (a volunteer's pace). */
async function acceptSeveral(page, n, gapMs) {
  await page.locator('main#main').focus();
  await page.keyboard.press('j');
  for (let i = 0; i < n; i += 1) {
    await page.keyboard.press('a');
    await page.waitForTimeout(gapMs);
  }
  assert.equal(await accepted(page), n, 'every key press accepted one suggestion');
}

test('ten accepts 100 ms apart, then an immediate reload: all ten are restored', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  assert.ok((await entities(page)).length >= 12, 'enough suggestions to accept ten');
  await acceptSeveral(page, 10, 100);
  await page.reload();
  await page.waitForSelector('[data-testid="app-ready"]');
  await page.waitForSelector('.doc-text [data-testid="entity"]');
  assert.equal(await accepted(page), 10);
  assert.deepEqual(problems, []);
  await context.close();
});

test('accepts then closing the tab at once: a new tab restores them', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  await acceptSeveral(page, 6, 100);
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(server.base);
  await again.waitForSelector('.doc-text [data-testid="entity"]');
  assert.equal(await accepted(again), 6);
  await context.close();
});

test('an entity added right after Analyze survives a reload 0 ms later', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  const start = codePoints(SENTENCE.slice(0, SENTENCE.indexOf('会议'))).length;
  await selectText(page, start, start + 2, { alt: true });
  await page.keyboard.press('6');
  await page.reload();
  await page.waitForSelector('[data-testid="app-ready"]');
  await page.waitForSelector('.doc-text [data-testid="entity"]');
  assert.deepEqual((await entities(page)).find(([s]) => s === start), [start, start + 2, 'TERM', 'manual', '会议']);
  await context.close();
});
