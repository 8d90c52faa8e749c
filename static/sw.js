// The offline service worker: precaches the app's own files into one versioned cache
// and serves them cache-first, so the app opens and analyses text with no network.
//
// Copied to dist/ by Trunk (copy-file in index.html); scripts/stamp-sw.sh, a Trunk
// post_build hook, fills in the list of files and the version: the crate version and a
// hash of every built file. A new deployment therefore changes this file's bytes, the browser
// installs the new worker next to the old one, and the page offers a reload.
const VERSION = '__BULLETIN_SW_VERSION__';
// Caches belong to the origin, not the scope: the scope's path in the name keeps two copies
// of the app on one host (say /a/ and /b/) from deleting each other's cache.
const PREFIX = `bulletin:${new URL(self.registration.scope).pathname}:`;
const CACHE = `${PREFIX}${VERSION}`;

// The app's files, relative to this worker (the dist/ root): every file of the build
// but this one, listed by scripts/stamp-sw.sh so a file added to the build is never
// forgotten (the NER model included, when the build ships it as a file).
const ASSETS = [/*__BULLETIN_SW_ASSETS__*/];
const OURS = new Set(ASSETS);

const scope = () => new URL(self.registration.scope);
// `cache: 'reload'` skips the HTTP cache, so a new version never mixes in old files.
const fresh = (path) => new Request(new URL(path, scope()), { cache: 'reload' });

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ASSETS.map(fresh));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    // Control the page of the first visit too, so it works offline without a reload.
    await self.clients.claim();
  })());
});

// The page asks the waiting worker to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const base = scope();
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return;
  const path = url.pathname.slice(base.pathname.length);
  const key = request.mode === 'navigate' || path === '' ? 'index.html' : path;
  if (!OURS.has(key)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(new URL(key, base).href);
    return hit ?? fetch(request);
  })());
});
