// The technician app's service worker: the app's shell (the /tech page and the built scripts
// and styles it names) is stored when the worker installs, so the app opens without a
// connection even if the page that registered the worker was never under its control (the
// technician arrives from the sign-in page; that page's scripts did not pass through here).
// Pages: network first, the stored copy when offline. Built assets (immutable): the stored copy
// first. Data (tRPC) is not cached here; the app keeps today's jobs in IndexedDB itself.
const CACHE = "fiberops-tech-v2";
const SHELL = "/tech";

/** Stores the signed-in /tech page and every built asset it names; fails (and so does the install) otherwise. */
async function storeShell() {
  const page = await fetch(SHELL, { credentials: "same-origin" });
  // Signed out, /tech answers with the sign-in page: that is no shell to keep.
  if (!page.ok || page.redirected)
    throw new Error(`the shell answered ${page.status}${page.redirected ? " (redirected)" : ""}`);
  const html = await page.clone().text();
  const assets = [...new Set(html.match(/\/_next\/static\/[\w\-.~%/]+/g) ?? [])];
  const cache = await caches.open(CACHE);
  await cache.addAll(assets);
  await cache.put(SHELL, page);
}

self.addEventListener("install", (event) => {
  event.waitUntil(storeShell().then(() => self.skipWaiting()));
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
  if (request.mode === "navigate" && url.pathname === SHELL) {
    event.respondWith(
      fetch(request)
        .then((res) => {
          if (res.ok && !res.redirected) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(SHELL, copy));
          }
          return res;
        })
        .catch(() => caches.match(SHELL).then((hit) => hit || Response.error())),
    );
  }
});
