/* Report form: numbers read as the server reads them (window.grllNumero, shown
 * before saving), a Leaflet pin that fills lat/lon and the district, "use my
 * location", the district picker as fallback (the form works without this script or
 * without map tiles), and suggestions of similar public reports nearby. */
(function () {
  "use strict";
  var script = document.currentScript;

  // "Se entiende: 0,8" beside each number, or why it cannot be read.
  Array.prototype.forEach.call(document.querySelectorAll("input.grll-feedback-number"), function (input) {
    var output = document.getElementById(input.getAttribute("aria-describedby"));
    if (!output || !window.grllNumero) { return; }
    function show() {
      var read = window.grllNumero.leer(input.value);
      output.classList.toggle("is-error", !!read.error);
      if (read.error) {
        output.textContent = read.error;
      } else if (read.valor === null) {
        output.textContent = "";
      } else {
        var decimals = (String(read.valor).split(".")[1] || "").length;
        output.textContent = "Se entiende: " + window.grllNumero.escribir(read.valor, decimals);
      }
    }
    input.addEventListener("input", show);
    show();
  });

  var mapBox = document.getElementById("grll-report-map");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");
  var district = document.getElementById("ubigeo");
  var status = document.getElementById("grll-point-status");
  var similar = document.getElementById("grll-similar");
  if (!mapBox || typeof L === "undefined") { return; }

  mapBox.hidden = false;
  document.querySelector(".grll-feedback-map-actions").hidden = false;
  var map = L.map(mapBox).setView([-7.95, -78.6], 8);
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: "&copy; colaboradores de OpenStreetMap"
  }).addTo(map);
  var marker = null;

  function setPoint(latlng, zoom, recognise) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    if (zoom) { map.setView(latlng, zoom); }
    status.textContent = "Lugar marcado.";
    if (recognise) { recogniseDistrict(); }
    suggest();
  }

  // The district of the point fills the picker; the person may still change it.
  function recogniseDistrict() {
    var params = new URLSearchParams({ lat: lat.value, lon: lon.value });
    status.textContent = "Lugar marcado. Buscando el distrito…";
    fetch(script.dataset.districtUrl + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.ubigeo) {
          district.value = body.ubigeo;
          status.textContent = "Lugar marcado en el distrito de " + body.distrito + " (" + body.provincia +
            "). Si no es su distrito, elíjalo en la lista.";
        } else {
          status.textContent = body.mensaje || "No se reconoció el distrito: elíjalo en la lista.";
        }
      })
      .catch(function () { status.textContent = "Lugar marcado. No se pudo reconocer el distrito: elíjalo en la lista."; });
  }

  // After an error the kept point is shown again; the district kept with it is not changed.
  if (lat.value && lon.value) { setPoint(L.latLng(+lat.value, +lon.value), 16, false); }
  map.on("click", function (event) { setPoint(event.latlng, 0, true); });

  document.getElementById("grll-locate").addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = "Su navegador no comparte la ubicación."; return; }
    status.textContent = "Buscando su ubicación…";
    navigator.geolocation.getCurrentPosition(function (position) {
      setPoint(L.latLng(position.coords.latitude, position.coords.longitude), 17, true);
    }, function () { status.textContent = "No se pudo obtener su ubicación: marque el lugar en el mapa o elija el distrito."; });
  });

  function centreOnDistrict() {
    var option = district.options[district.selectedIndex];
    if (option && option.dataset.lat && !marker) {
      // No animation: instant on slow phones, and a tap right after lands where expected.
      map.setView([+option.dataset.lat, +option.dataset.lon], 14, { animate: false });
    }
  }
  district.addEventListener("change", centreOnDistrict);
  centreOnDistrict();

  function suggest() {
    if (!similar || !lat.value) { return; }
    var params = new URLSearchParams({
      domain: script.dataset.domain, category: script.dataset.category, lat: lat.value, lon: lon.value
    });
    fetch(script.dataset.suggestUrl + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        var list = similar.querySelector("ul");
        list.textContent = "";
        var items = body && body.success ? body.result : [];
        items.forEach(function (item) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = script.dataset.trackUrl + "/" + encodeURIComponent(item.codigo);
          a.textContent = item.codigo + " · " + item.estado_nombre + " · " + item.mes;
          li.appendChild(a);
          list.appendChild(li);
        });
        similar.hidden = items.length === 0;
      })
      .catch(function () { similar.hidden = true; });
  }
})();
