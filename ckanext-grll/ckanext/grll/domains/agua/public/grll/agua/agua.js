// "Usar mi ubicación": fills lat/lon from the phone and submits the lookup form.
(function () {
  var button = document.getElementById("agua-geo");
  if (!button || !navigator.geolocation) { return; }
  var form = document.getElementById("grll-agua-form");
  var status = document.getElementById("agua-geo-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting || "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("agua-lat").value = position.coords.latitude.toFixed(5);
      document.getElementById("agua-lon").value = position.coords.longitude.toFixed(5);
      document.getElementById("agua-ubigeo").value = "";
      document.getElementById("agua-localidad").value = "";
      form.submit();
    }, function () {
      status.textContent = button.dataset.failed;
    }, {timeout: 15000, maximumAge: 600000});
  });
})();
