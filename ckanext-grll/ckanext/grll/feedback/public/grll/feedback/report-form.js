/* Report form: a Leaflet pin that fills lat/lon, "use my location", the district
 * picker as fallback (the form works without this script or without map tiles),
 * and suggestions of similar public reports nearby. */
(function () {
  "use strict";
  var script = document.currentScript;
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

  function setPoint(latlng, zoom) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    if (zoom) { map.setView(latlng, zoom); }
    status.textContent = "Lugar marcado. El distrito se reconoce automáticamente.";
    suggest();
  }

  if (lat.value && lon.value) { setPoint(L.latLng(+lat.value, +lon.value), 16); }
  map.on("click", function (event) { setPoint(event.latlng); });

  document.getElementById("grll-locate").addEventListener("click", function () {
    if (!navigator.geolocation) { status.textContent = "Su navegador no comparte la ubicación."; return; }
    status.textContent = "Buscando su ubicación…";
    navigator.geolocation.getCurrentPosition(function (position) {
      setPoint(L.latLng(position.coords.latitude, position.coords.longitude), 17);
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
