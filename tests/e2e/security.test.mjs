// Security and privacy: user text is only ever text, the strict CSP holds for a whole
// session, and the app asks for nothing but its own static files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { serve, launch, openApp, analyse, downloadJson, dist, PREFIX } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Every way a careless renderer would turn text into markup or script. The Chinese lines
// give the recogniser entities, so the session also exercises highlights and editing.
const MARKER = 'XSS-MARKER-7f3a';
const HOSTILE = [
  `记者刘伟平报道。${MARKER}`,
  '<img src=x onerror=alert(1)>',
  '<script>window.__pwned=1</script>',
  '<a href="javascript:alert(1)">javascript:alert(1)</a> javascript:window.__pwned=3',
  '&lt;b&gt;粗体&lt;/b&gt; &amp;amp; &#60;i&#62; &#x3C;u&#x3E;',
  '<svg onload="window.__pwned=2"></svg><iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>',
  '<style>body{display:none}</style><div style="color:red" onclick="alert(5)">div</div>',
  '郑州市委书记刘伟平在郑州市会议中心讲话。',
].join('\n');

/** Opens the app with dialog and request recorders attached before the first load. */
async function session() {
  const app = await openApp(browser, server.base);
  const dialogs = [];
  app.page.on('dialog', async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss(); });
  return { ...app, dialogs };
}

test('hostile markup in pasted text shows literally and runs nothing', async () => {
  const { page, context, problems, dialogs } = await session();
  await analyse(page, HOSTILE);

  const view = page.getByTestId('document-text');
  assert.equal(await view.textContent(), HOSTILE, 'the document shows the exact characters pasted');
  // Text nodes only: no element the payload names was created anywhere in the page.
  const injected = await page.evaluate(() => ({
    inView: [...document.querySelectorAll('[data-testid="document-text"] *')]
      .map((el) => el.localName)
      .filter((n) => !['span', 'mark'].includes(n)),
    // The app draws its own SVG charts; these are the elements only the payload would make.
    anywhere: [...document.querySelectorAll('img[src="x"], iframe, svg[onload], script:not([src]), style, b, i, u, a[href^="javascript"], [onerror], [onload], [onclick], [srcdoc]')]
      .map((el) => el.outerHTML.slice(0, 80)),
  }));
  assert.deepEqual(injected, { inView: [], anywhere: [] });
  assert.ok(await page.locator('[data-testid="entity"]', { hasText: '刘伟平' }).count() > 0, 'analysis still ran');

  // Give any deferred handler (image error, iframe load) time to fire before checking.
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);

  const { json } = await downloadJson(page, 'export-json');
  assert.equal(json.documents[0].text, HOSTILE, 'the export carries the text unchanged');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a whole session asks only for the app\'s own files, without user text, under the CSP', async () => {
  const files = new Set(await readdir(dist));
  const origin = new URL(server.base).origin;
  const seen = [];
  const before = server.requests.length;
  const { page, context, problems, dialogs } = await session();
  // The browser's view too: it would also show requests to other hosts, which the
  // server never sees. Workers' requests are reported through the context.
  context.on('request', (r) => seen.push({ url: r.url(), method: r.method(), body: r.postData() }));
  // Reload so the first page load is recorded from the browser side as well.
  await page.reload();
  await page.waitForSelector('[data-testid="app-ready"]', { timeout: 30_000 });

  await analyse(page, HOSTILE);
  // Edit: select an entity and press a key (Delete removes it where shortcuts are wired).
  await page.locator('[data-testid="entity"]').first().click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('j');
  const { json } = await downloadJson(page, 'export-json');
  assert.equal(json.documents[0].text, HOSTILE);
  await page.waitForTimeout(300);

  const served = server.requests.slice(before);
  assert.ok(served.length > 0, 'the server saw the load');
  for (const { method, url } of served) {
    const u = new URL(url, origin);
    assert.equal(method, 'GET', `${method} ${url}`);
    assert.ok(u.pathname.startsWith(PREFIX), `request outside the app's path: ${url}`);
    const file = u.pathname.slice(PREFIX.length) || 'index.html';
    assert.ok(files.has(file), `request for something that is not one of the app's files: ${url}`);
    assert.equal(u.search, '', `query string on ${url}`);
  }
  assert.ok(seen.length > 0, 'the browser reported requests');
  for (const { url, method, body } of seen) {
    assert.ok(!url.includes(MARKER) && !url.includes(encodeURIComponent('刘伟平')), `user text in ${url}`);
    assert.equal(body, null, `a request carried a body: ${method} ${url}`);
    const u = new URL(url);
    if (u.protocol === 'blob:') {
      // The export's download link: a local object URL of this page, never sent anywhere.
      assert.equal(new URL(u.pathname).origin, origin, url);
      continue;
    }
    if (u.protocol === 'data:') continue;
    assert.equal(u.origin, origin, `request to another origin: ${url}`);
    assert.ok(u.pathname.startsWith(PREFIX), `request outside the app's path: ${url}`);
    assert.equal(u.search, '', `query string on ${url}`);
  }

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation during the session');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page carries the strict CSP and no inline script or style attribute', async () => {
  const { page, context } = await session();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
    "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(directive), `CSP lacks ${directive}`);
  }
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'"), csp);
  const inline = await page.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => !s.src).length,
    styled: document.querySelectorAll('[style]').length,
  }));
  assert.deepEqual(inline, { scripts: 0, styled: 0 });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});
