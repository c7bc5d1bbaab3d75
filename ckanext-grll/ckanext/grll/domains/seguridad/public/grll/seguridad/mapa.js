/* Risk-zone map of /seguridad/mapa: district choropleth by rate per 100,000 and
 * coarsened citizen-report cells, from grll_seguridad_map_layer. No tiles: the
 * district polygons are the base map (works offline once loaded). */
(function () {
  "use strict";
  var root = document.getElementById("grll-seg-mapas");
  var form = document.getElementById("grll-seg-filtros");
  if (!root || !form || !window.L || !window.grllNumero) { return; }
  var texts = JSON.parse(document.getElementById("grll-seg-textos").textContent);
  var status = document.getElementById("grll-seg-estado");
  var picker = document.getElementById("grll-seg-distrito");
  var COLOURS = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
  var maps = {};
  var detail = {
    box: document.getElementById("grll-seg-detalle"),
    title: document.getElementById("grll-seg-detalle-titulo"),
    figures: document.getElementById("grll-seg-detalle-cifras"),
    link: document.getElementById("grll-seg-detalle-comparar")
  };

  function query(extra) {
    var params = new URLSearchParams();
    ["categoria", "desde", "hasta"].forEach(function (name) {
      var value = form.elements[name].value;
      if (value) { params.set(name, value); }
    });
    Object.keys(extra).forEach(function (key) { params.set(key, extra[key]); });
    return params;
  }

  function load(params) {
    return fetch(root.dataset.api + "?" + params.toString(), {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (!body.success) { throw new Error(JSON.stringify(body.error)); }
        return body.result;
      });
  }

  // Numbers as the portal writes them (numero.js, the twin of ckanext/grll/numbers.py).
  var num = window.grllNumero.escribir;

  function breaks(features) {
    var rates = features.map(function (f) { return f.properties.tasa_100k; })
      .filter(function (r) { return r !== null; }).sort(function (a, b) { return a - b; });
    if (!rates.length) { return []; }
    return [1, 2, 3, 4].map(function (i) { return rates[Math.floor(rates.length * i / 5)]; });
  }

  function colour(rate, limits) {
    if (rate === null) { return "#d9d9d9"; }
    var index = 0;
    while (index < limits.length && rate >= limits[index]) { index += 1; }
    return COLOURS[index];
  }

  function legend(box, limits) {
    var rows = [];
    var bounds = [0].concat(limits);
    COLOURS.forEach(function (c, i) {
      if (i > 0 && bounds[i] === undefined) { return; }
      var upper = bounds[i + 1] !== undefined ? "–" + num(bounds[i + 1], 0) : "+";
      rows.push('<li><span style="background:' + c + '"></span>' +
                num(bounds[i], 0) + upper + "</li>");
    });
    rows.push('<li><span class="grll-seg-pocos"></span>' + texts.pocos + "</li>");
    box.innerHTML = "<p>" + texts.tasa + "</p><ul>" + rows.join("") + "</ul>";
  }

  function show(properties, period) {
    var rows = [
      [texts.casos, num(properties.cantidad)],
      [texts.tasa, properties.tasa_100k === null ? texts.pocos : num(properties.tasa_100k, 1)],
      [texts.puesto, properties.puesto || "—"],
      [texts.poblacion, num(properties.poblacion)],
      [texts.periodo, period.desde + " – " + period.hasta]
    ];
    detail.title.textContent = properties.distrito + " (" + properties.provincia + ")";
    detail.figures.innerHTML = "";
    rows.forEach(function (row) {
      var dt = document.createElement("dt");
      var dd = document.createElement("dd");
      dt.textContent = row[0];
      dd.textContent = row[1];
      detail.figures.appendChild(dt);
      detail.figures.appendChild(dd);
    });
    var params = query({distrito: properties.ubigeo});
    params.delete("categoria");
    var fuente = form.elements.fuente.value;
    params.set("fuente", fuente === "ambas" ? "policial" : fuente);
    detail.link.href = root.dataset.comparar + "?" + params.toString();
    detail.box.hidden = false;
  }

  function mapFor(panel) {
    var fuente = panel.dataset.fuente;
    if (!maps[fuente]) {
      var map = L.map(panel.querySelector(".grll-seg-mapa"), {zoomSnap: 0.25, attributionControl: false});
      maps[fuente] = {map: map, layers: L.layerGroup().addTo(map), fitted: false};
    }
    return maps[fuente];
  }

  function draw(panel) {
    var fuente = panel.dataset.fuente;
    var entry = mapFor(panel);
    var requests = [load(query({capa: "distritos", fuente: fuente}))];
    var category = form.elements.categoria.selectedOptions[0];
    var sensitive = category && category.dataset.sensible === "true";
    if (fuente === "ciudadana" && !sensitive) {
      requests.push(load(query({capa: "puntos", fuente: fuente})));
    }
    return Promise.all(requests).then(function (layers) {
      var districts = layers[0];
      var limits = breaks(districts.features);
      entry.layers.clearLayers();
      var polygons = L.geoJSON(districts, {
        style: function (f) {
          return {color: "#555", weight: 1, fillOpacity: 0.8,
                  fillColor: colour(f.properties.tasa_100k, limits),
                  className: "grll-seg-d grll-seg-d-" + f.properties.ubigeo +
                             (f.properties.conteo_pequeno ? " grll-seg-d-pocos" : "")};
        },
        pointToLayer: function (f, latlng) { return L.circleMarker(latlng, {radius: 9}); },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(f.properties.distrito);
          layer.on("click", function () { show(f.properties, districts.propiedades); });
        }
      }).addTo(entry.layers);
      if (layers[1]) {
        L.geoJSON(layers[1], {
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, {radius: 3 + Math.min(6, Math.sqrt(f.properties.cantidad)),
              color: "#08306b", weight: 1, fillColor: "#2171b5", fillOpacity: 0.7,
              className: "grll-seg-punto"})
              .bindTooltip(f.properties.cantidad + " " + texts.reportes);
          }
        }).addTo(entry.layers);
      } else if (fuente === "ciudadana" && sensitive) {
        status.textContent = texts.sin_puntos;
      }
      if (!entry.fitted) { entry.map.fitBounds(polygons.getBounds()); entry.fitted = true; }
      legend(panel.querySelector(".grll-seg-leyenda-mapa"), limits);
      entry.districts = {};
      polygons.eachLayer(function (layer) {
        entry.districts[layer.feature.properties.ubigeo] = layer;
      });
      entry.period = districts.propiedades;
    });
  }

  function refresh() {
    var fuente = form.elements.fuente.value;
    status.textContent = texts.cargando;
    var panels = Array.prototype.slice.call(root.querySelectorAll(".grll-seg-panel"));
    root.classList.toggle("grll-seg-lado-a-lado", fuente === "ambas");
    var shown = panels.filter(function (panel) {
      panel.hidden = !(fuente === "ambas" || panel.dataset.fuente === fuente);
      return !panel.hidden;
    });
    Promise.all(shown.map(draw)).then(function () {
      if (status.textContent === texts.cargando) { status.textContent = ""; }
      shown.forEach(function (panel) { mapFor(panel).map.invalidateSize(); });
      if (picker.value) { goTo(picker.value); }
      root.dataset.listo = "true";
    }).catch(function () { status.textContent = texts.error; });
  }

  /* The picker: keyboard users and small districts on a phone screen. */
  function goTo(ubigeo) {
    var first = true;
    Object.keys(maps).forEach(function (fuente) {
      var entry = maps[fuente];
      var layer = entry.districts && entry.districts[ubigeo];
      if (!layer) { return; }
      if (layer.getBounds) { entry.map.fitBounds(layer.getBounds(), {maxZoom: 11}); }
      else { entry.map.setView(layer.getLatLng(), 11); }
      if (first) { show(layer.feature.properties, entry.period); first = false; }
    });
  }
  picker.addEventListener("change", function () { if (picker.value) { goTo(picker.value); } });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = new URLSearchParams(new FormData(form));
    history.replaceState(null, "", "?" + params.toString());
    refresh();
  });
  refresh();
}());
