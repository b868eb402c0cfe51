// keyflip's service worker: keeps the app's own files so the page opens with
// no network after the first visit. It handles only same-origin GETs of the
// files listed in the page server's precache.json; IAM requests (another
// origin, POST, presigned GETs) are never looked at, so no IAM answer is
// ever cached.
// A new name whenever the set of files changes (v2: keyflip's .wasm is its own
// file; v3: key-check.js; v4: a folder per flow): a changed sw.js is what
// makes browsers install it and precache anew (v5: web/rotate/).
const CACHE = 'keyflip-app-v5';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch('precache.json', { cache: 'no-store' });
    const files = await response.json();
    const cache = await caches.open(CACHE);
    await cache.addAll(files.map((path) => new Request(path, { cache: 'no-store' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(networkFirst(event.request, url.pathname));
});

// The network when it answers (refreshing the cached copy), else the cache:
// an update shows up on the next online load, and offline still works.
async function networkFirst(request, path) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(path);
  try {
    const response = await fetch(request);
    if (cached && response.ok) await cache.put(path, response.clone());
    return response;
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
}
