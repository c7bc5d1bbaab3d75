/* Service worker of the farmers' app: the app shell from the cache, the data from the
 * network when there is signal (else the last copy), so the app never shows a blank
 * screen offline. Served by /agro/sw.js with the scope /agro. */
'use strict';

var CACHE = 'agro-__VERSION__';
var SCOPE = new URL(self.registration.scope).pathname.replace(/\/$/, '');
var SHELL = [SCOPE, SCOPE + '/manifest.webmanifest', '/grll/agro/app.js?v=__VERSION__',
  '/grll/agro/app.css?v=__VERSION__', '/grll/agro/icono-192.png', '/grll/agro/icono-512.png'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf('agro-') === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

/* The page asks to keep the files it loaded before the worker was active. */
self.addEventListener('message', function (event) {
  var urls = (event.data && event.data.guardar) || [];
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return cache.match(url).then(function (hit) { return hit || cache.add(url); })
        .catch(function () { return null; });
    }));
  }));
});

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, {ignoreVary: true}).then(function (hit) {
      return hit || Response.error();
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin) { return; }
  if (url.pathname === SCOPE || url.pathname.indexOf(SCOPE + '/') === 0) {
    // The page and its data: fresh when possible, the last copy without signal.
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(caches.match(request).then(function (hit) {
    return hit || fetch(request);
  }));
});
