// Offline support: network first (a deployed update is seen at once), the cache when offline.
// Only this origin's GET requests are ever handled; nothing is sent anywhere.
const CACHE = 'dateline-v3';
const SHELL = ['./', './index.html', './app.css', './boot.js', './dateline.js', './dateline_bg.wasm',
  './worker.js', './worker_bg.wasm', './worker_loader.js', './exporter.js', './exporter_bg.wasm',
  './exporter_loader.js', './picture.js', './data/gazetteer.bin', './data/names-en.bin', './data/basemap-110m.json'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))));
  self.clients.claim();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || caches.match('./index.html'))),
  );
});
