// The reading view: label toggles, index jumps, outline, language switch, accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openApp, readSample, analyse, root, until } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// Screenshots of the reading view, kept as artefacts of the run (git-ignored).
const artefacts = join(here, 'test-results');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); await mkdir(artefacts, { recursive: true }); });
after(async () => { await browser?.close(); await server?.close(); });

const marks = (page, label) => page.locator(`[data-testid="entity"][data-label="${label}"]`);

async function loadBuiltInSample(page) {
  await page.getByTestId('try-sample').click();
  await page.waitForSelector('[data-testid="entity"]', { timeout: 60_000 });
}

test('toggling a label hides its highlights and leaves the text as it was', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  const sample = await readSample();
  await analyse(page, sample);
  const locBefore = await marks(page, 'LOC').count();
  const perBefore = await marks(page, 'PER').count();
  assert.ok(locBefore > 5 && perBefore > 5, `LOC ${locBefore}, PER ${perBefore}`);

  const toggle = page.locator('[data-testid="label-toggle"][data-label="LOC"]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await toggle.click();
  await until(async () => (await marks(page, 'LOC').count()) === 0, 'LOC highlights to go');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await marks(page, 'PER').count(), perBefore, 'other labels stay');
  assert.equal(await page.getByTestId('document-text').textContent(), sample, 'the text itself is untouched');

  await toggle.press('Enter'); // the keyboard works too
  await until(async () => (await marks(page, 'LOC').count()) === locBefore, 'LOC highlights to return');

  // The segmentation view draws boundaries with CSS only: the text nodes stay the text.
  await page.getByTestId('segmentation-toggle').check();
  await page.waitForSelector('.doc-text.segmented .tok-start');
  assert.equal(await page.getByTestId('document-text').textContent(), sample);
  const pos = await page.locator('.doc-text .tok[data-pos]').first().getAttribute('title');
  assert.match(pos, /^POS \w+/);

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hovering or focusing a highlight shows its label, POS and origin', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, await readSample());
  const person = page.locator('[data-testid="entity"]', { hasText: '赵明轩' }).first();
  await person.focus();
  const tip = await person.evaluate((el) => getComputedStyle(el, '::after').content);
  assert.match(tip, /Person PER · POS nr · auto/);
  await context.close();
});

test('clicking an index entry scrolls its first mention into view, and next/previous step', async () => {
  const { page, context } = await openApp(browser, server.base, { contextOptions: { viewport: { width: 1280, height: 720 } } });
  await analyse(page, await readSample());
  const viewport = page.viewportSize();
  // An entry mentioned at least twice whose first mention is below the fold.
  const target = await page.evaluate((vh) => {
    const found = [];
    for (const button of document.querySelectorAll('[data-testid="index-entry"]')) {
      const text = button.querySelector('.index-text').textContent;
      const label = button.dataset.label;
      const ms = [...document.querySelectorAll(`[data-testid="entity"][data-label="${label}"]`)].filter((m) => m.textContent === text);
      if (ms.length >= 2 && ms[0].getBoundingClientRect().top > vh) found.push({ text, label, n: ms.length, top: ms[0].getBoundingClientRect().top });
    }
    return found.sort((a, b) => b.top - a.top)[0];
  }, viewport.height);
  assert.ok(target, 'the sample has a repeated entity below the fold');

  const mentions = page.locator(`[data-testid="entity"][data-label="${target.label}"]`).filter({ hasText: target.text });
  const inView = async (locator) => {
    const box = await locator.boundingBox();
    return box && box.y >= 0 && box.y + box.height <= viewport.height;
  };
  assert.ok(!(await inView(mentions.first())), 'not visible before the click');
  await page.locator(`[data-testid="index-entry"][data-label="${target.label}"]`).filter({ hasText: target.text }).first().click();
  await until(() => inView(mentions.first()), 'the first mention to scroll into view');
  // All mentions are highlighted; the first is current.
  await until(async () => (await page.locator('mark.entity.mention').count()) >= target.n, 'all mentions highlighted');
  assert.match(await mentions.first().getAttribute('class'), /\bcurrent\b/);
  assert.match(await page.getByTestId('mention-position').textContent(), new RegExp(`1 / ${target.n}$`));

  await page.getByTestId('mention-next').click();
  await until(async () => /\bcurrent\b/.test(await mentions.nth(1).getAttribute('class')), 'the second mention to be current');
  await until(() => inView(mentions.nth(1)), 'the second mention to scroll into view');
  // Keys: ',' steps back (focus is still in the index).
  await page.keyboard.press(',');
  await until(async () => /\bcurrent\b/.test(await mentions.first().getAttribute('class')), 'back to the first mention');
  await until(() => inView(mentions.first()), 'the first mention in view again');

  // The search box filters the index.
  await page.getByTestId('index-search').fill(target.text);
  const shown = await page.locator('[data-testid="index-entry"] .index-text').allTextContents();
  assert.ok(shown.length >= 1 && shown.every((t) => t.includes(target.text)), JSON.stringify(shown));
  await context.close();
});

test('the built-in sample loads and the outline lists its headlines and reporters', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  await loadBuiltInSample(page);
  const sample = await readFile(join(root, 'static', 'sample-bulletin.txt'), 'utf8');
  assert.equal(await page.getByTestId('document-text').textContent(), sample);

  const headlines = await page.getByTestId('outline-headline').allTextContents();
  assert.deepEqual(headlines.slice(0, 3), ['推进“微改造” 服务暖民心', '“夜市经济”点亮城市烟火气', '秋收时节话丰收']);
  const reporters = await page.getByTestId('outline-reporters').allTextContents();
  assert.deepEqual(reporters, ['Reporters 周明远', 'Reporters 陈思雨', 'Reporters 周明远']);
  assert.match((await page.getByTestId('outline-correspondents').allTextContents()).join('|'), /宋立新、马若兰/);
  assert.match((await page.getByTestId('outline-photos').allTextContents()).join('|'), /陈思雨/);

  // Clicking an entry jumps to its article.
  await page.setViewportSize({ width: 1000, height: 400 });
  await page.getByTestId('outline-entry').nth(2).locator('a').click();
  await until(async () => {
    const box = await page.locator('#article-2').boundingBox();
    return box && box.y >= 0 && box.y < 400;
  }, 'the third article in view');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language follows the browser and the switch changes the visible strings', async () => {
  const en = await openApp(browser, server.base, { contextOptions: { locale: 'en-US' } });
  const title = en.page.locator('header h1');
  await until(async () => (await title.textContent()) === 'Bulletin reader and annotator', 'English title');
  assert.equal(await en.page.getByTestId('analyze').textContent(), 'Analyze');
  assert.equal(await en.page.getByTestId('try-sample').textContent(), 'Try a sample');
  await en.page.getByTestId('lang-switch').click();
  await until(async () => (await title.textContent()) === '公报阅读与标注', 'Chinese title');
  assert.equal(await en.page.getByTestId('analyze').textContent(), '分析');
  assert.equal(await en.page.getByTestId('try-sample').textContent(), '试用示例');
  assert.equal(await en.page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await en.page.title(), '公报阅读与标注');
  // No string is bilingual any more.
  assert.doesNotMatch(await en.page.locator('body').innerText(), / · [\u4e00-\u9fff]/);
  await en.context.close();

  const zh = await openApp(browser, server.base, { contextOptions: { locale: 'zh-CN' } });
  await until(async () => (await zh.page.locator('header h1').textContent()) === '公报阅读与标注', 'Chinese from the browser');
  assert.equal(await zh.page.getByTestId('lang-switch').textContent(), 'English');
  await zh.context.close();
});

async function axeViolations(page) {
  const source = await readFile(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe-core finds no serious or critical violations, empty or reading, in both languages', async () => {
  // Only this test bypasses the CSP, to inject axe; the app itself runs under it elsewhere.
  const { page, context } = await openApp(browser, server.base, { contextOptions: { bypassCSP: true } });
  assert.deepEqual(await axeViolations(page), [], 'empty page');
  await loadBuiltInSample(page);
  await page.locator('[data-testid="index-entry"]').first().click();
  await page.getByTestId('segmentation-toggle').check();
  await page.locator('[data-testid="label-toggle"]').first().click();
  assert.deepEqual(await axeViolations(page), [], 'reading view, English');
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.deepEqual(await axeViolations(page), [], 'reading view, Chinese');
  await context.close();
});

test('screenshots of the reading view at desktop and phone width', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }], ['small-phone', { width: 360, height: 740 }]]) {
    const { page, context, problems } = await openApp(browser, server.base, { contextOptions: { viewport, locale: 'zh-CN' } });
    await loadBuiltInSample(page);
    // Nothing wider than the screen: the page never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: ${overflow}px of horizontal scroll`);
    // Nor clipped: the text column and the document end inside the viewport.
    const right = await page.evaluate(() =>
      Math.max(...['.workspace', '.doc-text', '[data-testid="legend"]'].map((s) => document.querySelector(s)?.getBoundingClientRect().right ?? 0)) - window.innerWidth);
    assert.ok(right <= 0, `${name}: the text column ends ${right}px past the viewport`);
    await page.getByTestId('document-text').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artefacts, `reader-${name}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('at phone widths long names wrap inside the viewport', async () => {
  // Long unbreakable runs (an ORG chain, a quoted theme) once widened the one-column grid.
  const text = '本报讯(记者 刘伟平 通讯员 乔贺李博文)9月20日，郑州市公安局金水分局经八路派出所联合中原区林山寨街道办事处开展“社区空地改造 建设共享菜园”主题活动。';
  for (const width of [360, 390]) {
    const { page, context } = await openApp(browser, server.base, { contextOptions: { viewport: { width, height: 800 }, locale: 'zh-CN' } });
    await analyse(page, text);
    const edges = await page.evaluate(() => [document.documentElement.scrollWidth,
      ...['.workspace', '.doc-text', '[data-testid="legend"]'].map((s) => document.querySelector(s)?.getBoundingClientRect().right ?? 0)]);
    assert.ok(edges.every((e) => e <= width), `${width}px: right edges ${edges}`);
    await context.close();
  }
});
