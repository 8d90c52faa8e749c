// Starts the app. An external file (not Trunk's inline script) so the page's CSP can
// forbid inline scripts.
import init from './bulletin.js';

await init({ module_or_path: new URL('./bulletin_bg.wasm', import.meta.url) });
