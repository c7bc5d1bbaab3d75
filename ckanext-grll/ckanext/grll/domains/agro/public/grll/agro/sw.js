/* Service worker of the farmers' app: the app's pages and data from the network when
 * there is signal, else the last copy kept; a page never kept shows the app's own
 * offline page, never the browser's error. Served by /agro/sw.js with the scope /agro,
 * which fills in the cache name, the files kept at install and two addresses. */
'use strict';

var CACHE = '__CACHE__';
var SHELL = __SHELL__;
var OFFLINE_PAGE = '__OFFLINE__';
var TOKEN = '__TOKEN__';
var SCOPE = new URL(self.registration.scope).pathname.replace(/\/$/, '');

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

/* Without signal: the copy kept of this page (of the form with another ?ubigeo= too),
 * else the offline page. */
function keptPage(request) {
  return caches.match(request, {ignoreVary: true}).then(function (hit) {
    return hit || caches.match(request, {ignoreVary: true, ignoreSearch: true});
  }).then(function (hit) {
    return hit || caches.match(OFFLINE_PAGE);
  });
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    if (request.mode === 'navigate') { return keptPage(request); }
    return caches.match(request, {ignoreVary: true}).then(function (hit) {
      return hit || Response.error();
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== location.origin) { return; }
  var inApp = url.pathname === SCOPE || url.pathname.indexOf(SCOPE + '/') === 0;
  if (request.method !== 'GET') {
    // A form posted without the app's script, when the signal is gone.
    if (inApp && request.mode === 'navigate') {
      event.respondWith(fetch(request).catch(function () { return caches.match(OFFLINE_PAGE); }));
    }
    return;
  }
  // The token also tells the app whether the portal is reachable: never a kept copy.
  if (url.pathname === TOKEN) { return; }
  if (inApp) {
    // The page and its data: fresh when possible, the last copy without signal.
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(caches.match(request).then(function (hit) {
    return hit || fetch(request);
  }));
});
