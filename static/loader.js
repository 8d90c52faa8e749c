// Starts the app. An external file (not Trunk's inline script) so the page's CSP can
// forbid inline scripts.
//
// The analysis worker starts first, in parallel with the app's own wasm: building jieba's
// dictionary in it takes a few hundred milliseconds. When the app's worker bridge
// (gloo-worker) later runs `new Worker('./worker_loader.js')`, it gets this worker, and the
// messages the worker sent before the bridge listened (its "loaded" signal) are replayed.
const workerUrl = new URL('./worker_loader.js', import.meta.url).href;
const NativeWorker = globalThis.Worker;
try {
  const worker = new NativeWorker(workerUrl);
  const held = [];
  const hold = (event) => held.push(event);
  worker.addEventListener('message', hold);
  const native = Object.getOwnPropertyDescriptor(NativeWorker.prototype, 'onmessage');
  Object.defineProperty(worker, 'onmessage', {
    configurable: true,
    get() { return native.get.call(worker); },
    set(handler) {
      native.set.call(worker, handler);
      worker.removeEventListener('message', hold);
      // After the bridge has finished setting up (never re-entering it).
      queueMicrotask(() => { for (const event of held.splice(0)) handler?.call(worker, event); });
    },
  });
  let unclaimed = true;
  globalThis.Worker = function Worker(url, options) {
    if (unclaimed && new URL(url, document.baseURI).href === workerUrl) {
      unclaimed = false;
      return worker;
    }
    return new NativeWorker(url, options);
  };
  globalThis.Worker.prototype = NativeWorker.prototype;
} catch {
  // No early worker: the app starts its own.
}

const { default: init } = await import('./bulletin.js');
await init({ module_or_path: new URL('./bulletin_bg.wasm', import.meta.url) });
