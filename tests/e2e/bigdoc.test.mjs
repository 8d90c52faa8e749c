// A long paste (over 20,000 code points) draws highlights only near the viewport; the text,
// selections, jumps and exports still cover the whole document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, readSample, analyse, selectText, downloadJson, codePoints, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const marksIn = (page, selector) => page.locator(`${selector} [data-testid="entity"]`).count();

test('a long document highlights what is near the viewport, and everything is reachable', async () => {
  const { page, problems } = await openApp(browser, server.base, { contextOptions: { viewport: { width: 1280, height: 720 } } });
  const sample = (await readSample()).replace(/\r\n?/g, '\n');
  const text = Array(6).fill(sample).join('\n\n');
  assert.ok(codePoints(text).length > 20_000);
  await analyse(page, text);
  const { json } = await downloadJson(page, 'export-json');
  const all = json.documents[0].entities;
  const cps = codePoints(json.documents[0].text);
  assert.equal(json.documents[0].text, text, 'the whole text is in the document');
  assert.equal(await page.locator('.doc-text').evaluate((el) => el.textContent), text, 'and on the page');

  // At first only the top blocks have highlights.
  const blocks = await page.locator('.doc-text [data-block]').count();
  assert.ok(blocks >= 4, `${blocks} blocks`);
  const drawn = await marksIn(page, '.doc-text');
  assert.ok(drawn > 0 && drawn < all.length / 2, `${drawn} of ${all.length} entities drawn at first`);
  const last = `.doc-text [data-block="${blocks - 1}"]`;
  assert.equal(await marksIn(page, last), 0, 'the last block is plain text');

  // Scrolling to the end draws its highlights, with exact code-point offsets.
  await page.locator(last).scrollIntoViewIfNeeded();
  await until(async () => (await marksIn(page, last)) > 0, 'highlights in the last block');
  for (const mark of await page.locator(`${last} [data-testid="entity"]`).all()) {
    const [start, end] = [Number(await mark.getAttribute('data-start')), Number(await mark.getAttribute('data-end'))];
    assert.equal(await mark.textContent(), cps.slice(start, end).join(''));
    assert.ok(all.some((e) => e.start === start && e.end === end), `${start}..${end} is an entity`);
  }

  // Annotating down there works as anywhere: exact span (Alt), hotkey 1 = PER.
  const free = (() => {
    for (let s = cps.length - 40; s > cps.length - 400; s--) {
      const e = s + 2;
      if (/\p{Script=Han}{2}/u.test(cps.slice(s, e).join('')) && !all.some((x) => x.start < e && x.end > s)) return [s, e];
    }
    return null;
  })();
  assert.ok(free, 'a free span near the end');
  await selectText(page, free[0], free[1], { alt: true });
  await page.keyboard.press('1');
  await until(() => page.locator(`[data-testid="entity"][data-start="${free[0]}"][data-end="${free[1]}"][data-label="PER"]`).count(),
    'the new entity near the end');

  // Back to the top; the previous mention of a repeated entry wraps to the last copy,
  // which is drawn and scrolled into view although it was plain text.
  await page.evaluate(() => window.scrollTo(0, 0));
  const entry = page.locator('[data-testid="index-entry"]').filter({ hasText: '孟雪' }).first();
  await entry.click();
  await page.getByTestId('mention-prev').click();
  const current = page.locator('mark.entity.current');
  await until(() => current.count(), 'the last mention drawn');
  const start = Number(await current.getAttribute('data-start'));
  assert.ok(start > cps.length * 0.8, `the current mention is in the last copy (at ${start})`);
  await until(async () => {
    const box = await current.boundingBox();
    return box && box.y >= 0 && box.y + box.height <= 720;
  }, 'the last mention in view');
  assert.deepEqual(problems, []);
});
