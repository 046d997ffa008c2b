// The technician app's service worker: the app's shell (the /tech page and the built scripts
// and styles it loads) is kept, so the app opens without a connection. Pages: network first,
// the kept copy when offline. Built assets (immutable): the kept copy first. Data (tRPC) is not
// cached here; the app keeps today's jobs in IndexedDB itself.
const CACHE = "fiberops-tech-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add("/tech"))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              caches.open(CACHE).then((c) => c.put(request, copy));
            }
            return res;
          }),
      ),
    );
    return;
  }
  if (request.mode === "navigate" && url.pathname.startsWith("/tech")) {
    event.respondWith(
      fetch(request)
        .then((res) => {
          if (res.ok && url.pathname === "/tech") {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put("/tech", copy));
          }
          return res;
        })
        .catch(() => caches.match("/tech").then((hit) => hit || Response.error())),
    );
  }
});
