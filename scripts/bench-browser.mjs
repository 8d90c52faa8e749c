// Browser benchmark: the release build in Debian's headless Chromium, against jieba-wasm.
//
//   node scripts/bench-browser.mjs [--runs N] [--native-bin target/release/bench_native]
//                                  [--native-json FILE] [--criterion DIR]
//                                  [--baseline FILE] [--out docs/benchmarks]
//
// Builds nothing: `make bench` runs `trunk build --release` first. Serves dist/ (plus a
// small jieba-wasm page from tests/e2e/node_modules) with the e2e harness's server and
// measures, N times each, reporting medians:
//   - page open → [data-testid="app-ready"] (ms from navigation start: the UI is usable and
//     the saved project restored), → [data-analysis="ready"] (the worker has its
//     dictionary and model), and → the sample's first highlight when clicked at app-ready;
//   - analysis of ~100 KB and ~1 MB pastes: click "Analyze" → highlights shown and
//     main#main aria-busy="false", then one more frame;
//   - the longest main-thread task in that window (PerformanceObserver 'longtask');
//   - peak JS heap of the page (CDP Performance.getMetrics JSHeapUsedSize, sampled);
//   - the worker's own timings (it logs `bulletin-worker {json}` to its console), for the first
//     analysis in a fresh worker and for the same text analysed again in that worker;
//   - jieba-wasm 2.4.0: init (instantiate + dictionary) and `tag` throughput, same texts;
//   - wasm raw / gzip / brotli sizes of dist/*.wasm.
// Writes OUT.json and OUT.md. Prints figures only: nothing here passes or fails on time.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { dist, launch, root, sharedSampleDir, selectText, serve } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('runs', process.env.BENCH_RUNS ?? 5));
const OUT = resolve(root, opt('out', 'docs/benchmarks'));
const NATIVE_JSON = opt('native-json');
const NATIVE_BIN = opt('native-bin');
const CRITERION = opt('criterion');
const BASELINE = opt('baseline');
const SIZES = [['100KB', 100_000], ['1MB', 1_000_000]];
/** Re-analyses per run after the first two analyses; the last one's figures are reported. */
const REANALYSES = 3;

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const max = (xs) => { const v = xs.filter(Number.isFinite); return v.length ? Math.max(...v) : null; };
const log = (...a) => console.error('[bench]', ...a);

/** The sample bulletin repeated (whole, blank line between copies) to at least `bytes` bytes. */
async function texts() {
  let base;
  try { base = await readFile(join(sharedSampleDir, 'zhengzhou-bulletin.txt'), 'utf8'); } catch {
    base = await readFile(join(root, 'static', 'sample-bulletin.txt'), 'utf8');
  }
  const out = {};
  for (const [name, bytes] of SIZES) {
    let t = '';
    while (Buffer.byteLength(t) < bytes) t += `${base.trimEnd()}\n\n`;
    out[name] = t;
  }
  return out;
}

/** A directory with dist/ at its root and the jieba-wasm page under jieba/. */
async function site(textBySize) {
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-bench-'));
  await cp(dist, dir, { recursive: true });
  const pkg = join(root, 'tests', 'e2e', 'node_modules', 'jieba-wasm', 'pkg', 'web');
  const jdir = join(dir, 'jieba');
  await mkdir(jdir);
  for (const f of ['jieba_rs_wasm.js', 'jieba_rs_wasm_bg.wasm']) await cp(join(pkg, f), join(jdir, f));
  for (const [name, text] of Object.entries(textBySize)) await writeFile(join(jdir, `text-${name}.txt`), text);
  await writeFile(join(jdir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>jieba-wasm</title>'
    + '<script type="module" src="bench.js"></script>');
  await writeFile(join(jdir, 'bench.js'), `
import init, { cut, tag } from './jieba_rs_wasm.js';
const t0 = performance.now();
await init({ module_or_path: new URL('./jieba_rs_wasm_bg.wasm', import.meta.url) });
const t1 = performance.now();
cut('预热', true); // the dictionary is built on first use
const t2 = performance.now();
window.__jieba = { instantiateMs: t1 - t0, dictionaryMs: t2 - t1, initMs: t2 - t0, readyAt: t2 };
window.__jiebaTag = async (name, runs) => {
  const text = await (await fetch('text-' + name + '.txt')).text();
  const chars = Array.from(text).length;
  const tagMs = [], cutMs = [];
  for (let i = 0; i < runs; i++) {
    let s = performance.now(); tag(text, true); tagMs.push(performance.now() - s);
    s = performance.now(); cut(text, true); cutMs.push(performance.now() - s);
  }
  return { chars, tagMs, cutMs };
};
`);
  return dir;
}

/**
 * Runs in the page before any script: long tasks and the moments the app shows up. With
 * `sample`, clicks "Try the sample" the moment `app-ready` appears and marks when its first
 * highlight is shown: what a user who acts at once waits for.
 */
function instrument({ sample = false } = {}) {
  window.__longtasks = [];
  window.__marks = { origin: performance.timeOrigin };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long task API */ }
  const seen = () => {
    if (!window.__marks.loading && document.querySelector('[data-testid="app-loading"]')) window.__marks.loading = performance.now();
    if (!window.__marks.ready && document.querySelector('[data-testid="app-ready"]')) window.__marks.ready = performance.now();
    if (!window.__marks.analysis && document.querySelector('[data-analysis="ready"]')) window.__marks.analysis = performance.now();
    if (sample && window.__marks.ready && !window.__marks.sampleClicked) {
      window.__marks.sampleClicked = performance.now();
      document.querySelector('[data-testid="try-sample"]').click();
    }
    if (sample && !window.__marks.sampleShown && document.querySelector('.doc-text [data-testid="entity"]')) {
      window.__marks.sampleShown = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-testid', 'data-analysis', 'aria-busy'],
  });
}

/** Opens the app in a fresh context; resolves with the page, its CDP session and worker logs. */
async function open(browser, base, { sample = false } = {}) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const workerLog = [];
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('worker', (w) => w.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('bulletin-worker ')) { try { workerLog.push(JSON.parse(text.slice(16))); } catch { /* not ours */ } }
  }));
  await page.addInitScript(instrument, { sample });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(base);
  await page.waitForSelector('[data-testid="app-ready"]', { timeout: 60_000 });
  // The UI is usable from app-ready; analyses are timed once the worker has its dictionary.
  await page.waitForSelector('[data-analysis="ready"]', { timeout: 60_000 });
  if (sample) await page.waitForFunction(() => window.__marks.sampleShown, null, { timeout: 60_000 });
  const marks = await page.evaluate(() => ({ ...window.__marks, longtasks: window.__longtasks }));
  return { context, page, cdp, workerLog, errors, marks };
}

async function heap(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
}

/** Puts `text` in the paste box (value + input event) and waits until Analyze is enabled. */
async function paste(page, text) {
  await page.evaluate((t) => {
    const area = document.querySelector('[data-testid="paste-input"]');
    area.value = t;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, text);
  await page.waitForFunction(() => !document.querySelector('[data-testid="analyze"]').disabled);
}

/** Pastes `text`, clicks Analyze, waits until it is shown. */
async function analyse(page, cdp, text) {
  await paste(page, text);
  const heaps = [await heap(cdp)];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      heaps.push(await heap(cdp).catch(() => null));
      await new Promise((ok) => setTimeout(ok, 100));
    }
  })();
  const result = await page.evaluate(() => new Promise((done) => {
    const shown = () => {
      const main = document.querySelector('main#main');
      return main && main.getAttribute('aria-busy') === 'false'
        && document.querySelector('.doc-text [data-testid="entity"]');
    };
    const t0 = performance.now();
    let finished = false;
    const check = () => {
      if (finished || !shown()) return;
      finished = true;
      observer.disconnect();
      const dom = performance.now();
      // One more frame: style, layout and paint of what was just inserted.
      requestAnimationFrame(() => setTimeout(() => {
        const t1 = performance.now();
        const longest = window.__longtasks.filter(([s, d]) => s + d >= t0 && s <= t1).reduce((m, [, d]) => Math.max(m, d), 0);
        done({ domMs: dom - t0, shownMs: t1 - t0, longestTaskMs: longest, entities: document.querySelectorAll('[data-testid="entity"]').length });
      }, 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
    document.querySelector('[data-testid="analyze"]').click();
  }));
  sampling = false;
  await sampler;
  heaps.push(await heap(cdp));
  return { ...result, peakHeapBytes: max(heaps), heapBeforeBytes: heaps[0] };
}

/**
 * Re-analyses the open document `times` times, as a user does who adds words to the
 * dictionary ("Add to dictionary" on two characters near the start). The text is already
 * drawn, so the page is idle meanwhile, and by the last time the worker's code is
 * optimised: this is the worker's steady throughput. Resolves with the worker's timings.
 */
async function reanalyse(s, times) {
  const head = Array.from(await s.page.evaluate(() => document.querySelector('.doc-text').textContent.slice(0, 4000)));
  const out = [];
  for (let at = 0, k = 0; k < times && at + 1 < head.length; at++) {
    if (!/^\p{Script=Han}{2}$/u.test(head[at] + head[at + 1])) continue;
    await s.page.evaluate(() => window.scrollTo(0, 0));
    await selectText(s.page, at, at + 2, { alt: true });
    // Two characters that are already an entity select it instead: try the next two.
    const add = s.page.getByTestId('add-word');
    if (!(await add.waitFor({ timeout: 2_000 }).then(() => true, () => false))) continue;
    out.push(await analysisOf(s, () => add.click()));
    await s.page.waitForFunction(() => document.querySelector('main#main')?.getAttribute('aria-busy') === 'false');
    at += 2;
    k += 1;
  }
  return out;
}

/** Runs `act` in the open app; resolves with the worker's timings of the analysis it starts. */
async function analysisOf(s, act) {
  const analysed = () => s.workerLog.filter((l) => l.event === 'analyzed');
  const before = analysed().length;
  await act();
  const until = Date.now() + 60_000;
  while (analysed().length === before && Date.now() < until) await new Promise((ok) => setTimeout(ok, 20));
  return analysed().at(-1) ?? null;
}

/** Analyses `text` once more in the open app; resolves with the worker's timings. */
function analyseAgain(s, text) {
  return analysisOf(s, async () => {
    await paste(s.page, text);
    await s.page.evaluate(() => document.querySelector('[data-testid="analyze"]').click());
  });
}

/**
 * Scrolls the analysed document down by 900 px a frame for 120 frames (about 100,000 px,
 * the first third of 1 MB), as a fast fling would. Highlights are drawn as blocks come
 * near; returns frame-time percentiles and the longest task meanwhile.
 */
async function scroll(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await new Promise((ok) => setTimeout(ok, 500));
  return page.evaluate(async () => {
    const t0 = performance.now();
    const frames = [];
    let last = t0;
    for (let i = 0; i < 120; i++) {
      document.scrollingElement.scrollBy(0, 900);
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    await new Promise((ok) => setTimeout(ok, 100));
    frames.sort((a, b) => a - b);
    const longest = window.__longtasks.filter(([s]) => s >= t0).reduce((m, [, d]) => Math.max(m, d), 0);
    return { p95: frames[Math.floor(frames.length * 0.95)], worst: frames.at(-1), longestTaskMs: longest };
  });
}

async function wasmSizes(dir) {
  const out = {};
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.wasm')).sort()) {
    const raw = await readFile(join(dir, f));
    out[f] = {
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
    };
  }
  return out;
}

/** Native criterion results (chars/s) from target/…/criterion, when given. */
async function criterion(dir) {
  if (!dir || !existsSync(dir)) return null;
  const out = {};
  for (const group of ['segment', 'recognise', 'pipeline', 'export']) {
    const gdir = join(dir, group);
    if (!existsSync(gdir)) continue;
    const walk = async (d, id) => {
      const bench = join(d, 'new', 'benchmark.json');
      if (existsSync(bench)) {
        const b = JSON.parse(await readFile(bench, 'utf8'));
        const e = JSON.parse(await readFile(join(d, 'new', 'estimates.json'), 'utf8'));
        const chars = b.throughput?.Elements;
        const ns = e.median.point_estimate;
        out[`${group}/${id}`] = { ms: ns / 1e6, charsPerS: chars ? chars / (ns / 1e9) : null };
        return;
      }
      for (const sub of await readdir(d, { withFileTypes: true })) {
        if (sub.isDirectory() && sub.name !== 'report' && sub.name !== 'new' && sub.name !== 'base') {
          await walk(join(d, sub.name), id ? `${id}/${sub.name}` : sub.name);
        }
      }
    };
    await walk(gdir, '');
  }
  return out;
}

async function main() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no build in ${dist}: run trunk build --release first`);
  const textBySize = await texts();
  const dir = await site(textBySize);
  const server = await serve(dir);
  const browser = await launch();
  const chromium = browser.version();
  const result = {
    date: new Date().toISOString(), chromium, runs: RUNS,
    texts: Object.fromEntries(Object.entries(textBySize).map(([k, t]) => [k, { bytes: Buffer.byteLength(t), chars: Array.from(t).length }])),
  };
  try {
    // 1. Page open → app-ready, cold (fresh context, no cache) each time.
    const opens = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await open(browser, server.base);
      const startup = s.workerLog.find((l) => l.event === 'ready');
      const dictionary = s.workerLog.find((l) => l.event === 'dictionary');
      opens.push({
        ...s.marks, longestTaskMs: max(s.marks.longtasks.map(([, d]) => d)) ?? 0,
        worker: startup ?? null, dictionaryMs: dictionary?.ms ?? null,
      });
      await s.context.close();
      log(`open ${i + 1}/${RUNS}: first render ${s.marks.loading?.toFixed(0)} ms, ready ${s.marks.ready?.toFixed(0)} ms, analysis ready ${s.marks.analysis?.toFixed(0)} ms`);
    }
    result.open = {
      firstRenderMs: median(opens.map((o) => o.loading)),
      readyMs: median(opens.map((o) => o.ready)),
      analysisReadyMs: median(opens.map((o) => o.analysis)),
      longestTaskMs: median(opens.map((o) => o.longestTaskMs)),
      workerStartupMs: median(opens.map((o) => o.worker?.ms)),
      workerDictionaryMs: median(opens.map((o) => o.dictionaryMs)),
      // The worker's own clock (epoch ms) placed on the page's timeline.
      workerCreatedMs: median(opens.map((o) => (o.worker?.created_epoch_ms ? o.worker.created_epoch_ms - o.origin : null))),
      workerReadyMs: median(opens.map((o) => (o.worker?.at_epoch_ms ? o.worker.at_epoch_ms - o.origin : null))),
      workerSinceStartMs: median(opens.map((o) => o.worker?.since_start_ms)),
      runs: opens.map(({ longtasks, ...o }) => o),
    };
    // The sample, clicked the moment the UI is usable: its analysis waits for the worker.
    const firsts = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await open(browser, server.base, { sample: true });
      firsts.push(s.marks.sampleShown);
      await s.context.close();
      log(`open + sample ${i + 1}/${RUNS}: highlights at ${s.marks.sampleShown?.toFixed(0)} ms`);
    }
    result.open.sampleShownMs = median(firsts);

    // 2. Analysis, a fresh page per run so documents do not pile up.
    result.analysis = {};
    for (const [name] of SIZES) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const s = await open(browser, server.base);
        const r = await analyse(s.page, s.cdp, textBySize[name]);
        const w = s.workerLog.filter((l) => l.event === 'analyzed').at(-1) ?? null;
        r.scroll = await scroll(s.page);
        // The same text again in the same worker: its code is optimised by now, so this
        // separates the wasm's speed from the browser's compiling of it (see worker.rs).
        const again = await analyseAgain(s, `${textBySize[name]}\n`);
        const reanalyses = await reanalyse(s, REANALYSES);
        const steady = reanalyses.at(-1) ?? null;
        runs.push({ ...r, worker: w, again, steady, reanalysesMs: reanalyses.map((l) => l?.analyze_ms), errors: s.errors });
        await s.context.close();
        log(`analyse ${name} ${i + 1}/${RUNS}: shown ${r.shownMs.toFixed(0)} ms, longest task ${r.longestTaskMs.toFixed(0)} ms, ${r.entities} entities`);
      }
      const chars = result.texts[name].chars;
      const perS = (ms) => (ms ? chars / (ms / 1e3) : null);
      // Segmentation + POS alone (the analysis minus recognition): the same work as
      // jieba-wasm's `tag`. `pick` chooses the first analysis or the second.
      const segmentPerS = (pick) => perS(median(runs.map((r) => pick(r) && pick(r).analyze_ms - pick(r).recognise_ms)));
      const workerMs = median(runs.map((r) => r.worker?.analyze_ms));
      const againMs = median(runs.map((r) => r.again?.analyze_ms));
      const steadyMs = median(runs.map((r) => r.steady?.analyze_ms));
      result.analysis[name] = {
        shownMs: median(runs.map((r) => r.shownMs)),
        domMs: median(runs.map((r) => r.domMs)),
        longestTaskMs: median(runs.map((r) => r.longestTaskMs)),
        peakHeapMB: median(runs.map((r) => r.peakHeapBytes)) / 2 ** 20,
        entities: median(runs.map((r) => r.entities)),
        workerAnalyzeMs: workerMs,
        workerEncodeMs: median(runs.map((r) => r.worker?.encode_ms)),
        replyBytes: median(runs.map((r) => r.worker?.reply_bytes)),
        workerCharsPerS: perS(workerMs),
        workerSegmentCharsPerS: segmentPerS((r) => r.worker),
        endToEndCharsPerS: chars / (median(runs.map((r) => r.shownMs)) / 1e3),
        scrollP95Ms: median(runs.map((r) => r.scroll.p95)),
        scrollWorstMs: median(runs.map((r) => r.scroll.worst)),
        scrollLongestTaskMs: median(runs.map((r) => r.scroll.longestTaskMs)),
        workerAgainAnalyzeMs: againMs,
        workerAgainCharsPerS: perS(againMs),
        workerAgainSegmentCharsPerS: segmentPerS((r) => r.again),
        workerSteadyAnalyzeMs: steadyMs,
        workerSteadyCharsPerS: perS(steadyMs),
        workerSteadySegmentCharsPerS: segmentPerS((r) => r.steady),
        runs,
      };
    }

    // 3. jieba-wasm in its own page on the same server.
    const jruns = [];
    const jtag = {};
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.base}jieba/index.html`);
      await page.waitForFunction(() => window.__jieba, null, { timeout: 60_000 });
      jruns.push(await page.evaluate(() => window.__jieba));
      if (i === 0) {
        for (const [name] of SIZES) jtag[name] = await page.evaluate(([n, r]) => window.__jiebaTag(n, r), [name, Math.min(RUNS, 3)]);
      }
      await context.close();
    }
    result.jieba = {
      version: JSON.parse(await readFile(join(root, 'tests', 'e2e', 'node_modules', 'jieba-wasm', 'package.json'), 'utf8')).version,
      readyMs: median(jruns.map((r) => r.readyAt)),
      initMs: median(jruns.map((r) => r.initMs)),
      dictionaryMs: median(jruns.map((r) => r.dictionaryMs)),
      tag: Object.fromEntries(Object.entries(jtag).map(([n, r]) => [n, {
        ms: median(r.tagMs), charsPerS: r.chars / (median(r.tagMs) / 1e3), cutCharsPerS: r.chars / (median(r.cutMs) / 1e3),
      }])),
    };
    log('jieba-wasm:', JSON.stringify(result.jieba));
  } finally {
    await browser.close();
    await server.close();
    // Sizes of the copy that was measured (dist/ may be rebuilt meanwhile).
    result.wasm = await wasmSizes(dir);
    await rm(dir, { recursive: true, force: true });
  }
  const jw = join(root, 'tests', 'e2e', 'node_modules', 'jieba-wasm', 'pkg', 'web', 'jieba_rs_wasm_bg.wasm');
  const jraw = await readFile(jw);
  result.jieba.wasm = { raw: jraw.length, gzip: gzipSync(jraw, { level: 9 }).length };
  if (NATIVE_JSON && existsSync(NATIVE_JSON)) result.native = JSON.parse(await readFile(NATIVE_JSON, 'utf8'));
  if (NATIVE_BIN && existsSync(NATIVE_BIN)) {
    // The same pipeline natively, on the same 1MB text, in this run.
    const file = join(await mkdtemp(join(tmpdir(), 'bulletin-native-')), 'text-1MB.txt');
    await writeFile(file, textBySize['1MB']);
    result.native = JSON.parse(execFileSync(NATIVE_BIN, [file], { encoding: 'utf8' }).trim().split('\n').at(-1));
    await rm(file, { force: true });
    log('native:', JSON.stringify(result.native));
  }
  result.criterion = await criterion(CRITERION);
  const baseline = BASELINE && existsSync(BASELINE) ? JSON.parse(await readFile(BASELINE, 'utf8')) : null;

  await writeFile(`${OUT}.json`, `${JSON.stringify(result, null, 2)}\n`);
  // Hand-written notes from "## Notes" on survive a new run.
  const previous = existsSync(`${OUT}.md`) ? await readFile(`${OUT}.md`, 'utf8') : '';
  const notes = previous.indexOf('\n## Notes');
  await writeFile(`${OUT}.md`, markdown(result, baseline) + (notes >= 0 ? previous.slice(notes) : ''));
  console.log(markdown(result, baseline));
}

const f0 = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en-US'));
const f1 = (x) => (x == null ? '–' : x.toFixed(1));
const f2 = (x) => (x == null ? '–' : x.toFixed(2));
const mchars = (x) => (x == null ? '–' : `${(x / 1e6).toFixed(2)} M`);
const kb = (x) => (x == null ? '–' : `${(x / 1024).toFixed(0)} KiB`);
const ratio = (a, b) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(2)}×`);

function markdown(r, base) {
  const row = (label, get, fmt, target = '') => {
    const now = get(r);
    const before = base ? get(base) : undefined;
    return base ? `| ${label} | ${fmt(before)} | ${fmt(now)} | ${target} |` : `| ${label} | ${fmt(now)} | ${target} |`;
  };
  const head = base ? '| Measure | Before | Now | Target |\n| --- | ---: | ---: | --- |' : '| Measure | Now | Target |\n| --- | ---: | --- |';
  const a = (n) => (x) => x.analysis?.[n];
  const lines = [
    '# Benchmarks',
    '',
    'Written by `make bench` (`scripts/bench-browser.mjs` after `cargo bench --bench pipeline`).',
    `Headless Chromium ${r.chromium}, ${r.runs} runs each, medians. Texts: the sample bulletin repeated to`
      + ` ${Object.entries(r.texts).map(([k, t]) => `${k} = ${f0(t.chars)} chars (${f0(t.bytes)} bytes)`).join(', ')}.`,
    `Run of ${r.date}${base ? `; "Before" is the run of ${base.date}` : ''}. Figures, not pass/fail: the machine is shared.`,
    '',
    '## Browser',
    '',
    head,
    row('First render (ms from navigation)', (x) => x.open?.firstRenderMs, f0),
    row('Page open → `app-ready`: UI usable, saved work restored (ms)', (x) => x.open?.readyMs, f0, '≤ 300'),
    row('Page open → analysis ready: worker has dictionary and model (ms)', (x) => x.open?.analysisReadyMs, f0),
    row('Page open → sample highlighted, clicked at `app-ready` (ms)', (x) => x.open?.sampleShownMs, f0),
    row('Worker: its wasm starts (ms from navigation)', (x) => x.open?.workerCreatedMs, f0),
    row('Worker: dictionary built (ms, in worker)', (x) => x.open?.workerDictionaryMs, f0),
    row('Worker: ready (ms from navigation)', (x) => x.open?.workerReadyMs, f0),
    row('Worker: pipeline built once the model arrived (ms, in worker)', (x) => x.open?.workerStartupMs, f0),
    row('Worker: script start → ready (ms, in worker)', (x) => x.open?.workerSinceStartMs, f0),
    row('Longest main-thread task during start-up (ms)', (x) => x.open?.longestTaskMs, f0),
  ];
  for (const [n] of SIZES) {
    lines.push(
      row(`${n}: click → highlights shown (ms)`, (x) => a(n)(x)?.shownMs, f0, n === '1MB' ? '≤ 1500' : ''),
      row(`${n}: longest main-thread task (ms)`, (x) => a(n)(x)?.longestTaskMs, f0, '≤ 100'),
      row(`${n}: scrolling 100,000 px, 900 px a frame: 95th-percentile / worst frame (ms)`,
        (x) => (a(n)(x)?.scrollP95Ms == null ? null : `${f0(a(n)(x).scrollP95Ms)} / ${f0(a(n)(x).scrollWorstMs)}`), (v) => v ?? '–'),
      row(`${n}: scrolling: longest main-thread task (ms)`, (x) => a(n)(x)?.scrollLongestTaskMs, f0, '≤ 100'),
      row(`${n}: peak JS heap of the page (MB)`, (x) => a(n)(x)?.peakHeapMB, f1),
      row(`${n}: worker analysis (ms)`, (x) => a(n)(x)?.workerAnalyzeMs, f0),
      row(`${n}: worker reply encoding (ms)`, (x) => a(n)(x)?.workerEncodeMs, f0),
      row(`${n}: worker reply size`, (x) => a(n)(x)?.replyBytes, kb),
      row(`${n}: worker pipeline (chars/s)`, (x) => a(n)(x)?.workerCharsPerS, mchars),
      row(`${n}: worker segmentation + POS only (chars/s)`, (x) => a(n)(x)?.workerSegmentCharsPerS, mchars),
      row(`${n}: end to end (chars/s)`, (x) => a(n)(x)?.endToEndCharsPerS, mchars),
      row(`${n}: worker pipeline, second analysis in the same worker (chars/s)`, (x) => a(n)(x)?.workerAgainCharsPerS, mchars),
      row(`${n}: worker pipeline, steady: ${REANALYSES}rd re-analysis after adding a word (chars/s)`, (x) => a(n)(x)?.workerSteadyCharsPerS, mchars),
      row(`${n}: worker segmentation + POS, steady (chars/s)`, (x) => a(n)(x)?.workerSteadySegmentCharsPerS, mchars),
    );
  }
  lines.push(
    row('jieba-wasm: page open → ready (ms)', (x) => x.jieba?.readyMs, f0),
    row('jieba-wasm: instantiate + dictionary (ms)', (x) => x.jieba?.initMs, f0),
    row('jieba-wasm: `tag` 1MB (chars/s)', (x) => x.jieba?.tag?.['1MB']?.charsPerS, mchars),
    row('jieba-wasm: `cut` 1MB (chars/s)', (x) => x.jieba?.tag?.['1MB']?.cutCharsPerS, mchars),
    '',
    '## Ratios',
    '',
    head,
    row('Worker pipeline (segmentation + POS + NER) / jieba-wasm `tag`, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerCharsPerS, x.jieba?.tag?.['1MB']?.charsPerS), String, '≥ 5×'),
    row('Worker segmentation + POS / jieba-wasm `tag` (the same work), 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerSegmentCharsPerS, x.jieba?.tag?.['1MB']?.charsPerS), String, '≥ 5×'),
    row('Worker pipeline (wasm) / the same pipeline natively, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerCharsPerS, x.native?.pipeline_chars_per_s), String, '≥ 0.7×'),
    row('Worker segmentation + POS (wasm) / native segmentation, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerSegmentCharsPerS, x.native?.segment_chars_per_s), String),
    row('Worker pipeline (wasm), second analysis in the same worker / natively, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerAgainCharsPerS, x.native?.pipeline_chars_per_s), String),
    row('Worker segmentation + POS (wasm), second analysis / native segmentation, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerAgainSegmentCharsPerS, x.native?.segment_chars_per_s), String),
    row('Worker pipeline (wasm), steady / natively, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerSteadyCharsPerS, x.native?.pipeline_chars_per_s), String, '≥ 0.7×'),
    row('Worker segmentation + POS (wasm), steady / native segmentation, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerSteadySegmentCharsPerS, x.native?.segment_chars_per_s), String),
    row('Worker pipeline, steady / jieba-wasm `tag`, 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerSteadyCharsPerS, x.jieba?.tag?.['1MB']?.charsPerS), String, '≥ 5×'),
    row('Worker segmentation + POS, steady / jieba-wasm `tag` (the same work), 1MB',
      (x) => ratio(x.analysis?.['1MB']?.workerSteadySegmentCharsPerS, x.jieba?.tag?.['1MB']?.charsPerS), String, '≥ 5×'),
    row('Open → analysis ready, ours / jieba-wasm ready', (x) => ratio(x.open?.analysisReadyMs ?? x.open?.readyMs, x.jieba?.readyMs), String),
    '',
    '## Bundle',
    '',
    '| File | Raw | gzip | brotli |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(r.wasm).map(([f, s]) => `| ${f} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
    `| jieba-wasm (for comparison) | ${kb(r.jieba?.wasm?.raw)} | ${kb(r.jieba?.wasm?.gzip)} | |`,
  );
  if (base?.wasm) {
    lines.push('', 'Before:', '', '| File | Raw | gzip | brotli |', '| --- | ---: | ---: | ---: |',
      ...Object.entries(base.wasm).map(([f, s]) => `| ${f} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`));
  }
  if (r.native) {
    lines.push('', '## Native', '', `\`bench_native\` on the 1MB text (${f0(r.native.chars)} chars): pipeline with the NER model ${mchars(r.native.pipeline_chars_per_s)} chars/s,`
      + ` with jieba POS tags only ${mchars(r.native.pos_pipeline_chars_per_s)} chars/s, segmentation ${mchars(r.native.segment_chars_per_s)} chars/s;`
      + ` jieba dictionary ${f1(r.native.dictionary_ms)} ms, whole pipeline built in ${f1(r.native.pipeline_new_ms)} ms.`);
  }
  if (r.criterion && Object.keys(r.criterion).length) {
    lines.push('', 'criterion (`cargo bench --bench pipeline`, median):', '', '| Bench | Time (ms) | chars/s |', '| --- | ---: | ---: |',
      ...Object.entries(r.criterion).map(([k, v]) => `| ${k} | ${f2(v.ms)} | ${mchars(v.charsPerS)} |`));
  }
  return `${lines.join('\n')}\n`;
}

main().catch((err) => { console.error(err); process.exit(1); });
