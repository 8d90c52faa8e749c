// Acting like an annotation volunteer: select and label, relabel, delete, undo and redo,
// reload and find the work, export every format, import a broken file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, openApp, codePoints, analyse, selectText, entities } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const TEXT = '本报讯(记者 刘伟平)9月20日，管城区财政局在永安街召开会议。';
const cp = (s) => codePoints(TEXT.slice(0, TEXT.indexOf(s))).length;

test('select text, press a hotkey, relabel, delete, undo, redo, and it survives a reload', async () => {
  const { page, context, problems } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  // Remove whatever the recogniser suggested on 永安街 so the test owns that span.
  const start = cp('永安街');
  for (const [s, e] of await entities(page)) {
    if (s < start + 3 && e > start) {
      await page.locator(`.doc-text [data-start="${s}"]`).click();
      await page.keyboard.press('Delete');
    }
  }
  // Exact selection of part of a word with Alt, then the LOC key (2).
  await selectText(page, start, start + 2, { alt: true });
  await page.keyboard.press('2');
  let found = (await entities(page)).find(([s]) => s === start);
  assert.deepEqual(found, [start, start + 2, 'LOC', 'manual', '永安']);
  // Grow right by one character with ], relabel to ORG with 3.
  await page.keyboard.press(']');
  await page.keyboard.press('3');
  found = (await entities(page)).find(([s]) => s === start);
  assert.deepEqual(found, [start, start + 3, 'ORG', 'manual', '永安街']);
  // Undo the relabel with Ctrl+Z, redo with Ctrl+Shift+Z.
  await page.keyboard.press('Control+z');
  assert.equal((await entities(page)).find(([s]) => s === start)[2], 'LOC');
  await page.keyboard.press('Control+Shift+z');
  assert.equal((await entities(page)).find(([s]) => s === start)[2], 'ORG');
  // Delete, then the Undo button brings it back.
  await page.keyboard.press('Delete');
  assert.equal((await entities(page)).find(([s]) => s === start), undefined);
  await page.getByTestId('undo').click();
  assert.deepEqual((await entities(page)).find(([s]) => s === start), [start, start + 3, 'ORG', 'manual', '永安街']);

  const before = await entities(page);
  await page.reload();
  await page.waitForSelector('[data-testid="app-ready"]');
  await page.waitForSelector('.doc-text [data-testid="entity"]');
  assert.deepEqual(await entities(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('word snapping: a partial selection widens to whole jieba words', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  const start = cp('召开');
  await selectText(page, start + 1, start + 2);
  assert.equal(await page.getByTestId('pending-text').textContent(), '召开');
  await context.close();
});

test('every export format downloads a file that reads back', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  const expected = { json: /\.json$/, doccano: /\.jsonl$/, labelstudio: /\.json$/, conll: /\.(conll|txt|bio)$/, brat: /\.zip$/ };
  for (const [format, pattern] of Object.entries(expected)) {
    await page.getByTestId('export-format').selectOption(format);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    assert.match(download.suggestedFilename(), pattern, format);
    const bytes = await readFile(await download.path());
    assert.ok(bytes.length > 20, `${format} is not empty`);
    if (format === 'json') {
      const json = JSON.parse(bytes.toString('utf8'));
      const doc = json.documents[0];
      for (const e of doc.entities) assert.equal(codePoints(doc.text).slice(e.start, e.end).join(''), e.text);
    }
    if (format === 'doccano') {
      const line = JSON.parse(bytes.toString('utf8').split('\n')[0]);
      assert.equal(line.text, TEXT);
      // doccano counts UTF-16 by default; the text is all BMP, so both units agree here.
      for (const [s, e, label] of line.label) assert.ok(TEXT.slice(s, e).length > 0 && label);
    }
    if (format === 'conll') assert.ok(bytes.toString('utf8').includes('刘\tB-PER'));
    if (format === 'brat') assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  }
  await context.close();
});

test('importing a broken file shows an error and changes nothing', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  const before = await entities(page);
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.json', mimeType: 'application/json',
    buffer: Buffer.from('{"format": "bulletin-annotations", "version": 1, "documents": [ {"text": '),
  });
  const notice = page.getByTestId('notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /broken\.json/);
  assert.deepEqual(await entities(page), before);
  assert.equal(await page.getByTestId('doc-item').count(), 1);
  await context.close();
});

test('custom labels: add, rename, set a hotkey and use it; a label in use cannot be deleted', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  await page.getByTestId('label-editor').locator('summary').click();
  await page.getByTestId('label-add').click();
  const row = page.getByTestId('label-row').last();
  await row.getByTestId('label-name').fill('EVENT');
  await row.getByTestId('label-name').press('Tab');
  await row.locator('input[maxlength="1"]').fill('7');
  await row.locator('input[maxlength="1"]').press('Tab');
  const start = cp('会议');
  await selectText(page, start, start + 2, { alt: true });
  await page.keyboard.press('7');
  assert.deepEqual((await entities(page)).find(([s]) => s === start), [start, start + 2, 'EVENT', 'manual', '会议']);
  // EVENT is used once now: deleting it is refused with a message, and the label stays.
  await page.getByTestId('label-row').last().getByTestId('label-delete').click();
  assert.match(await page.getByTestId('notice').textContent(), /EVENT.*1/);
  assert.equal(await page.getByTestId('label-row').count(), 7);
  await context.close();
});

test('a word added to the user dictionary re-segments the text and is exported', async () => {
  const { page, context } = await openApp(browser, server.base);
  const text = '管城区组织召开会议。';
  await analyse(page, text);
  // Alt-select 管城区 exactly and add it as a place name.
  await selectText(page, 0, 3, { alt: true });
  await page.getByTestId('word-pos').selectOption('ns');
  await page.getByTestId('add-word').click();
  await page.waitForFunction(() => document.querySelector('main#main')?.getAttribute('aria-busy') === 'false');
  // Now a one-character selection inside it snaps to the whole new word.
  await selectText(page, 1, 2);
  assert.equal(await page.getByTestId('pending-text').textContent(), '管城区');
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(json.user_words, [{ word: '管城区', pos: 'ns' }]);
  await context.close();
});

test('two tabs on one project: the first tab is told when the second saves, and pauses saving', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  await page.waitForTimeout(600);
  const other = await context.newPage();
  await other.goto(server.base);
  await other.waitForSelector('.doc-text [data-testid="entity"]');
  // An edit in the second tab is saved and announced; the first tab pauses saving.
  await other.locator('.doc-text [data-testid="entity"]').first().click();
  await other.keyboard.press('Delete');
  await page.getByTestId('other-tab').waitFor({ timeout: 5000 });
  await context.close();
});

test('an edit survives the tab being killed one second later', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  const start = cp('会议');
  await selectText(page, start, start + 2, { alt: true });
  await page.keyboard.press('6');
  await page.waitForTimeout(1000);
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto(server.base);
  await again.waitForSelector('.doc-text [data-testid="entity"]');
  assert.deepEqual((await entities(again)).find(([s]) => s === start), [start, start + 2, 'TERM', 'manual', '会议']);
  await context.close();
});

test('keyboard-only review: j moves, a accepts, x rejects and the rejection survives re-analysis', async () => {
  const { page, context } = await openApp(browser, server.base);
  await analyse(page, TEXT);
  await page.locator('main#main').focus();
  const before = await entities(page);
  assert.ok(before.length >= 2, 'the recogniser suggests at least two entities here');
  assert.ok(before.every(([, , , origin]) => origin === 'auto'));
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  let now = await entities(page);
  assert.equal(now[0][3], 'accepted-auto');
  // After accepting, the next entity is selected: reject it.
  await page.keyboard.press('x');
  now = await entities(page);
  assert.equal(now.length, before.length - 1);
  const rejected = before[1];
  assert.ok(!now.some(([s, e, l]) => s === rejected[0] && e === rejected[1] && l === rejected[2]));
  // Re-analysis (via a dictionary word) brings fresh suggestions but not the rejected one.
  await selectText(page, cp('会议'), cp('会议') + 2, { alt: true });
  await page.getByTestId('add-word').click();
  await page.waitForFunction(() => document.querySelector('main#main')?.getAttribute('aria-busy') === 'false');
  now = await entities(page);
  assert.ok(!now.some(([s, e, l]) => s === rejected[0] && e === rejected[1] && l === rejected[2]));
  assert.equal(now[0][3], 'accepted-auto');
  await context.close();
});

test('when storage is full the user is told, the work stays and can still be exported', async () => {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
  // Every IndexedDB write fails as a full disk would.
  await context.addInitScript(() => {
    IDBObjectStore.prototype.put = function () { throw new DOMException('quota', 'QuotaExceededError'); };
  });
  const page = await context.newPage();
  await page.goto(server.base);
  await page.waitForSelector('[data-testid="app-ready"]');
  await analyse(page, TEXT);
  await page.getByTestId('storage-failed').waitFor({ timeout: 5000 });
  assert.match(await page.getByTestId('storage-failed').textContent(), /full/);
  const before = await entities(page);
  assert.ok(before.length > 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(json.documents[0].text, TEXT);
  assert.equal(json.documents[0].entities.length, before.length);
  await context.close();
});
