// Learning from corrections in a two-document project: a name added by hand in one
// document becomes a suggestion in the other; undo takes it back; a reload keeps the
// adapted model. The name is made up, and the shipped model does not find it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, codePoints, analyse, selectText, entities, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const NAME = '宓秋蘅';
const A = '昨日上午，宓秋蘅带领居民清理了小区内的卫生死角。大家干劲十足。';
const B = '据了解，宓秋蘅已连续三年参加社区志愿服务，居民们都很感谢她。';
const C = '据了解，宓秋蘅已连续五年参加社区志愿服务。';

const names = async (page) => (await entities(page)).filter(([, , label, , text]) => label === 'PER' && text === NAME);
const learned = async (page) => Number(await page.getByTestId('model-learned').getAttribute('data-sentences'));
const open = async (page, i) => {
  await page.getByTestId('doc-item').nth(i).click();
  await page.waitForSelector('.doc-text');
};

test('a name added in one document is suggested in the other; undo takes it back; a reload keeps it', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  await analyse(page, B);
  assert.deepEqual(await names(page), [], 'the shipped model does not find the name in B');
  await analyse(page, A);
  assert.deepEqual(await names(page), [], 'nor in A');
  assert.equal(await learned(page), 0);

  const start = codePoints(A.slice(0, A.indexOf(NAME))).length;
  await selectText(page, start, start + 3, { alt: true });
  await page.keyboard.press('1');
  assert.deepEqual(await names(page), [[start, start + 3, 'PER', 'manual', NAME]]);
  await until(async () => (await learned(page)) === 1, 'the model to learn the corrected sentence');

  await open(page, 0);
  const suggested = await until(async () => (await names(page))[0], 'the name suggested in B');
  assert.equal(suggested[3], 'auto', 'in B it is an unreviewed suggestion');

  await open(page, 1);
  await page.getByTestId('undo').click();
  assert.deepEqual(await names(page), [], 'undo removed the correction');
  await until(async () => (await learned(page)) === 0, 'the update to be taken back');
  await open(page, 0);
  await until(async () => (await names(page)).length === 0, 'the suggestion in B to go');

  await open(page, 1);
  await page.getByTestId('redo').click();
  await until(async () => (await learned(page)) === 1, 'the redone correction to be learned');
  await open(page, 0);
  await until(async () => (await names(page)).length === 1, 'the suggestion back in B');

  await page.reload();
  await page.waitForSelector('[data-testid="app-ready"][data-analysis="ready"]');
  assert.equal(await learned(page), 1, 'the adapted model is restored with the project');
  await analyse(page, C);
  await until(async () => (await names(page)).length === 1, 'the adapted model to find the name in a new document');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Reset to shipped model forgets what was learned; the confirmed name stays in the lexicon', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, B);
  await analyse(page, A);
  const start = codePoints(A.slice(0, A.indexOf(NAME))).length;
  await selectText(page, start, start + 3, { alt: true });
  await page.keyboard.press('1');
  await until(async () => (await learned(page)) === 1, 'learning');
  await page.getByTestId('model-reset').click();
  await until(async () => (await learned(page)) === 0, 'the reset');
  // The name is still a confirmed string of A, so B keeps it as a suggestion; once A's
  // decision is undone, nothing suggests it any more.
  await open(page, 0);
  await until(async () => (await names(page)).length === 1, 'B keeps the lexicon suggestion');
  await open(page, 1);
  await page.getByTestId('undo').click();
  await open(page, 0);
  await until(async () => (await names(page)).length === 0, 'B back to the shipped suggestions');
  await context.close();
});

test('m gives a name to all its other mentions as one undo step', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  const text = `${A}${NAME}表示，${NAME}会继续参加。`;
  await analyse(page, text);
  const start = codePoints(A.slice(0, A.indexOf(NAME))).length;
  await selectText(page, start, start + 3, { alt: true });
  await page.keyboard.press('1');
  await page.getByTestId('label-mentions').waitFor();
  assert.match(await page.getByTestId('label-mentions').textContent(), /2/);
  await page.keyboard.press('m');
  const manual = async () => (await names(page)).filter(([, , , origin]) => origin === 'manual').length;
  await until(async () => (await manual()) === 3, 'all three mentions labelled');
  await page.getByTestId('undo').click();
  await until(async () => (await manual()) === 1, 'one undo step back to the first');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a string decided in one document holds in the others: a confirmed term is suggested, a rejected date is not', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  const TERM = '绿城杯';
  const B2 = '今年的绿城杯将在九月举行。';
  const A2 = '今年，绿城杯吸引了很多市民。';
  const labelled = async (label, text) =>
    (await entities(page)).filter(([, , l, , t]) => l === label && t === text);
  await analyse(page, B2);
  assert.deepEqual(await labelled('TERM', TERM), [], 'the rules do not find the unquoted name');
  assert.equal((await labelled('DATE', '今年')).length, 1, 'the rules find 今年');
  await analyse(page, A2);
  await selectText(page, 3, 6, { alt: true });
  await page.keyboard.press('6');
  assert.deepEqual(await labelled('TERM', TERM), [[3, 6, 'TERM', 'manual', TERM]]);
  await page.locator('[data-testid="entity"][data-start="0"]').click();
  await page.keyboard.press('x');
  assert.deepEqual(await labelled('DATE', '今年'), [], '今年 rejected in A');

  await open(page, 0);
  await until(async () => (await labelled('TERM', TERM)).length === 1, 'the term suggested in B');
  assert.equal((await labelled('TERM', TERM))[0][3], 'auto');
  await until(async () => (await labelled('DATE', '今年')).length === 0, '今年 no longer suggested in B');
  assert.equal((await labelled('DATE', '九月')).length, 1, 'other dates stay');
  assert.deepEqual(problems, []);
  await context.close();
});

// Exact-span micro F1 of `pred` against `gold`, both [start, end, label] lists.
const f1 = (gold, pred) => {
  const key = ([s, e, l]) => `${s}:${e}:${l}`;
  const g = new Set(gold.map(key));
  const tp = pred.filter((p) => g.has(key(p))).length;
  const p = pred.length ? tp / pred.length : 0;
  const r = gold.length ? tp / gold.length : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

test('the report card scores each finished document on what was suggested before its first correction', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  await analyse(page, A);
  await page.getByTestId('report-card').waitFor();
  assert.equal(await page.getByTestId('report-chart').count(), 0, 'nothing is done yet');
  const before = (await entities(page)).map(([s, e, l]) => [s, e, l]);
  assert.ok(before.length > 0, 'the recogniser suggests something in A');
  const start = codePoints(A.slice(0, A.indexOf(NAME))).length;
  await selectText(page, start, start + 3, { alt: true });
  await page.keyboard.press('1');
  await page.getByTestId('toggle-done').click();
  const after = (await entities(page)).map(([s, e, l]) => [s, e, l]);
  const all = page.locator('[data-testid="report-row"][data-label="all"]');
  await all.waitFor();
  const expected = f1(after, before);
  assert.ok(expected < 1, 'the correction made the suggestions imperfect');
  assert.ok(Math.abs(Number(await all.getAttribute('data-f1')) - expected) < 1e-3);
  assert.equal(await page.getByTestId('report-chart').getAttribute('data-points'), '1');

  // A second document, reviewed after the first taught the model: its suggestions already
  // have the name, so it scores on them.
  await until(async () => (await learned(page)) === 1, 'learning');
  await analyse(page, B);
  await until(async () => (await names(page)).length === 1, 'the learned name suggested in B');
  const beforeB = (await entities(page)).map(([s, e, l]) => [s, e, l]);
  await page.locator('[data-testid="entity"]').first().click();
  await page.keyboard.press('a');
  await page.getByTestId('toggle-done').click();
  await until(async () => (await page.getByTestId('report-chart').getAttribute('data-points')) === '2', 'two documents');
  const afterB = (await entities(page)).map(([s, e, l]) => [s, e, l]);
  const both = f1([...after, ...afterB.map(([s, e, l]) => [s + 1000, e + 1000, l])],
    [...before, ...beforeB.map(([s, e, l]) => [s + 1000, e + 1000, l])]);
  assert.ok(Math.abs(Number(await all.getAttribute('data-f1')) - both) < 1e-3);

  await page.reload();
  await page.waitForSelector('[data-testid="app-ready"][data-analysis="ready"]');
  await until(async () => (await page.getByTestId('report-chart').getAttribute('data-points')) === '2', 'kept on reload');
  assert.deepEqual(problems, []);
  await context.close();
});
