/* Reports kept on the phone: a farm-gate price typed without signal is not lost.
 *
 * The report form (form[data-cola]) is sent by this script, asking for JSON. Every
 * report is first kept in localStorage ('agro.cola') with a key of its own, then sent
 * with a fresh CSRF token from /agro/token (which the service worker never answers
 * from its cache: no token means no signal). Without signal it stays kept and the
 * farmer is told so; it is sent when the signal returns, on any page of the app, and
 * the farmer is told whether it arrived (with its tracking code) or was refused and
 * why. The server receives a key once, so a report sent twice arrives once. */
(function () {
  'use strict';

  var region = document.getElementById('agro-cola');
  var textos = document.getElementById('agro-textos-cola');
  if (!region || !textos || !window.fetch || !window.FormData) { return; }
  var T = JSON.parse(textos.textContent);
  var KEY = 'agro.cola';
  var current = null;      // the key of the report sent from this page's form

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function kept() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function keep(items) {
    try { localStorage.setItem(KEY, JSON.stringify(items)); return true; } catch (e) { return false; }
  }
  function forget(id) {
    keep(kept().filter(function (item) { return item.id !== id; }));
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function say(text, link) {
    var p = document.createElement('p');
    p.textContent = text;
    if (link) {
      var a = document.createElement('a');
      a.href = link;
      a.textContent = T.ver_seguimiento;
      p.appendChild(document.createTextNode(' '));
      p.appendChild(a);
    }
    region.appendChild(p);
  }

  function freshToken() {
    return fetch(T.url_token, {credentials: 'same-origin', cache: 'no-store',
                               headers: {Accept: 'application/json'}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  /* One kept report: 'enviado' (with codigo, seguimiento), 'rechazado' (with error,
   * motivos) or 'pendiente' (no signal, or the portal could not take it now). */
  function send(item) {
    return freshToken().then(function (token) {
      var body = new FormData();
      item.campos.forEach(function (pair) { body.append(pair[0], pair[1]); });
      body.append(token.campo, token.token);
      body.append('envio', item.id);
      return fetch(item.destino, {method: 'POST', body: body, credentials: 'same-origin',
                                  headers: {Accept: 'application/json'}});
    }).then(function (r) {
      var json = (r.headers.get('Content-Type') || '').indexOf('application/json') === 0;
      if (!json || [201, 400].indexOf(r.status) < 0) { return {estado: 'pendiente'}; }
      return r.json().then(function (answer) {
        answer.estado = r.status === 201 ? 'enviado' : 'rechazado';
        return answer;
      });
    }).catch(function () { return {estado: 'pendiente'}; });
  }

  function told(item, result) {
    if (result.estado === 'enviado') {
      forget(item.id);
      if (item.id === current) { location.assign(result.seguimiento); return; }
      say(fmt(T.enviado, {r: item.resumen, c: result.codigo}), result.seguimiento);
    } else if (result.estado === 'rechazado') {
      forget(item.id);
      if (item.id === current) { showErrors(result.error); return; }
      say(fmt(T.rechazado, {r: item.resumen, m: result.motivos.join(' ')}));
    }
  }

  function sendKept() {
    return kept().reduce(function (previous, item) {
      return previous.then(function (stop) {
        if (stop) { return true; }
        return send(item).then(function (result) {
          told(item, result);
          return result.estado === 'pendiente';
        });
      });
    }, Promise.resolve(false));
  }

  /* Send every kept report, one after the other (the first without signal stops the
   * round); one round at a time in this page, and in all the app's tabs. */
  var running = null;
  function sendAll() {
    if (running) { return running.then(sendAll); }
    if (!kept().length) { return Promise.resolve(); }
    running = (navigator.locks ? navigator.locks.request('agro-cola', sendKept) : sendKept())
      .then(function () { running = null; });
    return running;
  }

  /* The report form: its fields are kept, then sent. */
  function summary(form) {
    var crop = form.querySelector('[name=q-cultivo]');
    var price = form.querySelector('[name=q-precio-kg]');
    var read = window.grllNumero ? window.grllNumero.leer(price.value) : {valor: null};
    return fmt(T.resumen, {
      cultivo: crop.selectedIndex > 0 ? crop.options[crop.selectedIndex].text : '–',
      precio: read.valor === null || read.valor === undefined ? price.value :
        window.grllNumero.escribir(read.valor, 2)});
  }

  function fieldFor(form, name) {
    var field = form.querySelector('[name="' + name.replace(/^answers\./, 'q-') + '"]');
    return field && field.closest('fieldset') ? field.closest('fieldset') : field;
  }

  function showErrors(errors) {
    var form = document.querySelector('form[data-cola]');
    form.querySelectorAll('p.agro-error[id^="error-"]').forEach(function (p) { p.remove(); });
    var first = null;
    Object.keys(errors).forEach(function (name) {
      var field = fieldFor(form, name);
      var p = document.createElement('p');
      p.className = 'agro-error';
      p.textContent = errors[name];
      if (field && field.id) {
        p.id = 'error-' + name;
        var described = (field.getAttribute('aria-describedby') || '').split(' ');
        if (described.indexOf(p.id) < 0) {
          field.setAttribute('aria-describedby', described.concat([p.id]).join(' ').trim());
        }
      }
      if (field) { field.insertAdjacentElement('afterend', p); } else { region.appendChild(p); }
      first = first || field;
    });
    say(T.revise);
    if (first) { first.focus(); }
  }

  var tokenField = document.querySelector('meta[name=csrf_field_name]');
  document.querySelectorAll('form[data-cola]').forEach(function (form) {
    // Without signal the form may come from the copy kept for another district.
    var wanted = new URLSearchParams(location.search).get('ubigeo');
    if (wanted && form.elements.ubigeo && !form.elements.ubigeo.value) {
      form.elements.ubigeo.value = wanted;
    }
    form.addEventListener('submit', function (event) {
      if (event.defaultPrevented) { return; }  // formularios.js refused a number
      event.preventDefault();
      var fields = Array.prototype.filter.call(Array.from(new FormData(form).entries()),
        function (pair) {
          return (!tokenField || pair[0] !== tokenField.content) && typeof pair[1] === 'string';
        });
      var item = {id: newKey(), destino: form.action, creado: Date.now(),
                  resumen: summary(form), campos: fields};
      region.textContent = '';
      // Storage full or forbidden: the form goes as it is.
      if (!keep(kept().concat([item]))) { form.submit(); return; }
      current = item.id;
      (navigator.onLine ? sendAll() : Promise.resolve()).then(function () {
        current = null;   // sent later, it is announced here instead of opening its page
        if (kept().some(function (k) { return k.id === item.id; })) {
          form.reset();
          say(fmt(T.guardado, {r: item.resumen}));
        }
      });
    });
  });

  /* Send what is kept, then say how many reports still wait on the phone. */
  function sendAndCount() {
    return sendAll().then(function () {
      var left = kept().length;
      var note = document.getElementById('agro-cola-pendientes');
      if (note) { note.remove(); }
      if (left && current === null) {
        say(fmt(T.pendientes, {n: left}));
        region.lastChild.id = 'agro-cola-pendientes';
      }
    });
  }

  window.addEventListener('online', sendAndCount);
  // The offline page stood in for another page of the app: open that one as soon as
  // the portal answers again.
  var offlinePage = document.getElementById('agro-sin-conexion');
  if (offlinePage && location.pathname !== offlinePage.dataset.direccion) {
    setInterval(function () {
      freshToken().then(function () { location.reload(); }, function () { /* still offline */ });
    }, 3000);
  }
  // The 'online' event is not always told (a signal that comes back weak): try again.
  setInterval(function () { if (navigator.onLine && kept().length) { sendAndCount(); } }, 30000);
  sendAndCount();

  // Whichever page of the app is opened first installs the worker that keeps the app
  // for when there is no signal.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(T.url_sw, {scope: T.alcance}).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // The page and its files (the logo too) were fetched before the worker existed.
      var files = performance.getEntriesByType('resource').map(function (e) { return e.name; })
        .filter(function (url) { return url.indexOf(location.origin) === 0 && url.indexOf('/api/') < 0; });
      registration.active.postMessage({guardar: [location.href.split('#')[0]].concat(files)});
    }).catch(function () { /* the app works without it, only not offline */ });
  }
})();
