/* Public list: coarsened points of the published, non-sensitive reports. */
(function () {
  "use strict";
  var box = document.getElementById("grll-list-map");
  var data = document.getElementById("grll-list-points");
  if (!box || !data || typeof L === "undefined") { return; }
  var points = JSON.parse(data.textContent || "[]");
  if (!points.length) { return; }
  box.hidden = false;
  var map = L.map(box).setView([-7.95, -78.6], 8);
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "&copy; colaboradores de OpenStreetMap"
  }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var circle = L.circle([point.lat, point.lon], { radius: 125 }).addTo(map);
    var text = document.createElement("span");
    text.textContent = point.categoria + " · " + point.estado + " · " + point.codigo;
    circle.bindPopup(text);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
})();
