/* Mercado agrario a su alcance: the farmers' app (no framework, works offline).
 *
 * The crops and district are picked once and kept in localStorage. Every answer of
 * /agro/api/ is kept there too, with the moment it was fetched, so that without
 * signal the app shows the last data viewed and says how old it is. */
(function () {
  'use strict';

  var app = document.getElementById('agro-app');
  var T = JSON.parse(document.getElementById('agro-textos').textContent);
  var API = app.dataset.api;
  var estado = document.getElementById('agro-estado');
  var oldest = null;      // fetch time of the oldest data on screen
  var failed = false;     // some data could not be refreshed

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  // Numbers as the portal writes them (numero.js, the twin of ckanext/grll/numbers.py).
  var num = window.grllNumero.escribir;
  function money(v) { return num(v, 2); }
  function day(iso) { return iso.split('-').reverse().join('/'); }
  // The date of a price, in a <time> element, and a warning when it is older than
  // its dataset's frequency allows (data-limite-precios, in days, from the server).
  var priceLimit = parseInt(app.dataset.limitePrecios || '', 10);
  function priceDate(iso) {
    var p = el('p', {'class': 'agro-fecha'}, [fmt(T.del, {f: ''}),
      el('time', {datetime: iso}, [day(iso)])]);
    var age = Math.floor((Date.now() - Date.parse(iso + 'T00:00:00')) / 86400000);
    if (priceLimit && age > priceLimit) {
      p.appendChild(el('span', {'class': 'grll-data-stale'}, [' ' + fmt(T.antiguo, {n: age})]));
    }
    return p;
  }
  function moment(ms) {
    var d = new Date(ms);
    return d.toLocaleDateString('es-PE') + ' ' +
      d.toLocaleTimeString('es-PE', {hour: '2-digit', minute: '2-digit', hour12: false});
  }
  function save(key, value) {
    try { localStorage.setItem('agro.' + key, JSON.stringify(value)); } catch (e) { /* full */ }
  }
  function load(key) {
    try { return JSON.parse(localStorage.getItem('agro.' + key)); } catch (e) { return null; }
  }

  function showStatus() {
    var offline = !navigator.onLine || failed;
    if (oldest === null) {
      estado.textContent = offline ? T.sin_conexion_sin_datos : '';
    } else {
      var text = !navigator.onLine ? T.sin_conexion : failed ? T.error : T.obtenido;
      estado.textContent = fmt(text, {f: moment(oldest)});
    }
    estado.classList.toggle('agro-sin-conexion', offline);
  }

  /* One API answer: from the network when possible, else the copy kept on the phone. */
  function fetchData(name, params) {
    var query = new URLSearchParams(params).toString();
    var key = 'datos.' + name + '?' + query;
    var kept = load(key);
    function use(entry) {
      if (entry) { oldest = oldest === null ? entry.t : Math.min(oldest, entry.t); }
      showStatus();
      return entry ? entry.d : null;
    }
    return fetch(API + name + '?' + query, {headers: {Accept: 'application/json'}})
      .then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.json();
      })
      .then(function (data) {
        var entry = {t: Date.now(), d: data};
        save(key, entry);
        return use(entry);
      })
      .catch(function () { failed = true; return use(kept); });
  }

  function trend(label, value) {
    if (value === undefined) { return null; }
    var word = value > 0 ? T.sube : value < 0 ? T.baja : T.igual;
    var arrow = value > 0 ? '▲' : value < 0 ? '▼' : '=';
    return el('li', {}, [label + ': ' + arrow + ' ' + word + ' ' + num(Math.abs(value)) + '\u00a0%']);
  }

  function drawPrices(data, crops) {
    var box = document.getElementById('agro-precios');
    box.textContent = '';
    if (!data) { return; }
    crops.forEach(function (crop) {
      var markets = data.precios[crop] || {};
      var card = el('article', {'class': 'agro-tarjeta', 'data-producto': crop},
        [el('h3', {}, [data.nombres[crop] || crop])]);
      var chacra = data.chacra && data.chacra[crop];
      if (chacra) {
        card.appendChild(el('p', {'class': 'agro-chacra'}, [fmt(
          chacra.r ? T.chacra_region : T.chacra, {m: chacra.m, v: money(chacra.v)})]));
      }
      var names = Object.keys(markets);
      if (!names.length) { card.appendChild(el('p', {}, [T.sin_precios])); }
      names.forEach(function (m) {
        var p = markets[m];
        var list = el('ul', {'class': 'agro-tendencias'},
          [trend(T.sem4, p.t4), trend(T.sem12, p.t12)].filter(Boolean));
        var block = el('div', {'class': 'agro-mercado'}, [
          el('h4', {}, [data.nombres[m] || m]),
          el('p', {'class': 'agro-precio'}, ['S/\u00a0' + money(p.a) + ' ', el('small', {}, [T.por_kg])]),
          el('p', {'class': 'agro-justo'}, [fmt(T.justo, {n: money(p.n), x: money(p.x)})]),
          list,
          priceDate(p.f)]);
        if (chacra && p.a > chacra.v) {
          block.appendChild(el('p', {'class': 'agro-brecha'}, [fmt(T.brecha, {
            mercado: data.nombres[m] || m, d: money(p.a - chacra.v)})]));
        }
        card.appendChild(block);
      });
      box.appendChild(card);
    });
  }

  function table(head, rows) {
    return el('table', {'class': 'agro-tabla'}, [
      el('thead', {}, [el('tr', {}, head.map(function (h) { return el('th', {scope: 'col'}, [h]); }))]),
      el('tbody', {}, rows.map(function (r) {
        return el('tr', {}, r.map(function (c) { return el('td', {}, [String(c)]); }));
      }))]);
  }

  function drawWeather(data) {
    var box = document.getElementById('agro-clima');
    box.textContent = '';
    if (!data) { return; }
    if (!data.estacion) { box.appendChild(el('p', {}, [T.sin_clima])); return; }
    var u = data.u;
    var facts = [[T.tmax, u.tx, '\u00a0°C'], [T.tmin, u.tn, '\u00a0°C'], [T.temp, u.t, '\u00a0°C'],
      [T.humedad, u.h, '\u00a0%'], [T.lluvia, u.p, '\u00a0mm']].filter(function (f) {
      return f[1] !== undefined;
    });
    box.appendChild(el('p', {}, [fmt(T.estacion, {e: data.estacion, d: data.distrito, km: num(data.km)})]));
    box.appendChild(el('p', {'class': 'agro-fecha'}, [fmt(T.ultima, {
      f: day(data.f) + (data.h ? ' ' + data.h : '')})]));
    box.appendChild(el('ul', {'class': 'agro-datos'}, facts.map(function (f) {
      return el('li', {}, [f[0] + ': ', el('strong', {}, [num(f[1]) + f[2]])]);
    })));
    box.appendChild(table([T.dia, T.tmax + ' (°C)', T.tmin + ' (°C)', T.lluvia + ' (mm)'],
      data.dias.map(function (d) {
      return [day(d.f), num(d.tx), num(d.tn), num(d.p)];
      })));
  }

  function drawPlanting(data) {
    var box = document.getElementById('agro-siembras');
    box.textContent = '';
    if (!data) { return; }
    if (!data.campana) { box.appendChild(el('p', {}, [T.sin_siembras])); return; }
    box.appendChild(el('p', {}, [fmt(T.campana, {c: data.campana})]));
    [['distrito', fmt(T.mi_distrito, {d: data.nombre_distrito})],
      ['provincia', fmt(T.mi_provincia, {p: data.nombre_provincia})]].forEach(function (s) {
      var crops = Object.keys(data[s[0]]);
      box.appendChild(el('h3', {}, [s[1]]));
      if (!crops.length) { box.appendChild(el('p', {}, [T.sin_siembras])); return; }
      box.appendChild(table([T.cultivo, T.esta, fmt(T.promedio, {n: data.previas}), T.cambio],
        crops.map(function (c) {
          var v = data[s[0]][c];
          var pct = v.prom5 ? Math.round(100 * (v.ha / v.prom5 - 1)) : null;
          var change = pct === null ? '—' : (pct > 0 ? '+' : '') + num(pct) + '\u00a0%';
          return [data.nombres[c] || c, num(v.ha), num(v.prom5), change];
        })));
    });
  }

  function drawMedians(data, crops) {
    var box = document.getElementById('agro-medianas');
    box.textContent = '';
    if (!data) { return; }
    var mine = data.grupos.filter(function (g) { return crops.indexOf(g.c) >= 0; });
    if (!mine.length) { box.appendChild(el('p', {}, [T.sin_reportes])); return; }
    box.appendChild(el('ul', {}, mine.map(function (g) {
      return el('li', {}, [g.med === undefined ?
        fmt(T.pocos, {m: g.m, n: num(g.n), k: num(data.n_minimo)}) :
        fmt(T.mediana, {m: g.m, v: money(g.med), n: num(g.n)})]);
    })));
  }

  function refresh() {
    var crops = load('cultivos') || [];
    var ubigeo = load('ubigeo');
    var report = document.getElementById('agro-reportar');
    report.href = report.href.split('?')[0] + (ubigeo ? '?ubigeo=' + ubigeo : '');
    oldest = null;
    failed = false;
    if (!crops.length || !ubigeo) { estado.textContent = T.sin_cultivos; return; }
    fetchData('precios', {productos: crops.join(','), ubigeo: ubigeo}).then(function (d) {
      drawPrices(d, crops);
    });
    fetchData('clima', {ubigeo: ubigeo}).then(drawWeather);
    fetchData('siembras', {ubigeo: ubigeo}).then(drawPlanting);
    fetchData('chacra', {ubigeo: ubigeo}).then(function (d) { drawMedians(d, crops); });
  }

  function show(screen) {
    document.querySelectorAll('.agro-pantalla').forEach(function (s) {
      s.hidden = s.id !== screen;
    });
    document.querySelectorAll('.agro-menu a').forEach(function (a) {
      if (a.dataset.pantalla === screen) { a.setAttribute('aria-current', 'page'); }
      else { a.removeAttribute('aria-current'); }
    });
  }
  function route() {
    var wanted = location.hash.slice(1);
    var configured = (load('cultivos') || []).length && load('ubigeo');
    show(document.getElementById(wanted) ? wanted : configured ? 'precios' : 'cultivos');
  }

  var form = document.getElementById('agro-cultivos');
  var chosen = load('cultivos') || [];
  form.querySelectorAll('input[name=cultivo]').forEach(function (box) {
    box.checked = chosen.indexOf(box.value) >= 0;
  });
  form.ubigeo.value = load('ubigeo') || '';
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var crops = Array.prototype.map.call(
      form.querySelectorAll('input[name=cultivo]:checked'), function (b) { return b.value; });
    save('cultivos', crops.slice(0, 20));
    save('ubigeo', form.ubigeo.value);
    location.hash = 'precios';
    route();
    refresh();
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('online', refresh);
  window.addEventListener('offline', showStatus);
  route();
  refresh();
})();
