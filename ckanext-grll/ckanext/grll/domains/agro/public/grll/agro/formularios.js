/* Forms of the farmers' app.
 *
 * Numbers: a field input[data-entendido] accepts a decimal comma or point ("0,80",
 * "0.80", "1.234,5"), read by window.grllNumero (numero.js, the twin of the server's
 * numbers.leer_decimal). Beside it the farmer sees the value understood before sending
 * ("Entendemos: S/ 0,80 por kg"), or why it cannot be read ("1,250" could be 1,25 or
 * 1250); such a form is not sent.
 *
 * Tokens: the service worker shows the last copy of a page when there is no signal, so
 * a form may carry the CSRF token of an old session. A form[data-token-fresco] takes a
 * fresh one from /agro/token just before posting; without signal it is not posted (the
 * browser would show its own error page) and the farmer is told so. */
(function () {
  'use strict';

  var textos = document.getElementById('agro-textos-cola');
  var T = textos ? JSON.parse(textos.textContent) : {};

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function decimals(value) {
    var fraction = String(value).split('.')[1];
    return fraction ? Math.min(fraction.length, 4) : 0;
  }

  /* Shows what the field says; false when it cannot be read. */
  function understand(input) {
    var note = document.getElementById(input.dataset.nota);
    var read = window.grllNumero.leer(input.value);
    note.classList.toggle('agro-error', !!read.error);
    if (read.error) {
      input.setAttribute('aria-invalid', 'true');
      note.textContent = read.error;
      return false;
    }
    input.removeAttribute('aria-invalid');
    var places = input.dataset.decimales ? parseInt(input.dataset.decimales, 10) : decimals(read.valor);
    note.textContent = read.valor === null ? '' :
      fmt(input.dataset.entendido, {v: window.grllNumero.escribir(read.valor, places)});
    return true;
  }

  var numbers = document.querySelectorAll('input[data-entendido]');
  if (window.grllNumero) {
    numbers.forEach(function (input) {
      input.addEventListener('input', function () { understand(input); });
      // A form emptied after its report was kept on the phone.
      input.form.addEventListener('reset', function () {
        setTimeout(function () { understand(input); });
      });
      if (input.value) { understand(input); }
    });
  }

  document.querySelectorAll('form').forEach(function (form) {
    // Registered before cola.js's handler (this script comes first): a number that
    // cannot be read stops the sending.
    form.addEventListener('submit', function (event) {
      if (!window.grllNumero) { return; }
      var wrong = Array.prototype.filter.call(form.querySelectorAll('input[data-entendido]'),
        function (input) { return !understand(input); });
      if (wrong.length) {
        event.preventDefault();
        wrong[0].focus();
      }
    });
  });

  var nameMeta = document.querySelector('meta[name=csrf_field_name]');
  var tokenUrl = T.url_token;
  if (!nameMeta || !tokenUrl || !window.fetch) { return; }

  document.querySelectorAll('form[data-token-fresco]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (event.defaultPrevented || form.dataset.tokenPuesto) { return; }
      event.preventDefault();
      var submitter = event.submitter;
      var input = form.querySelector('input[name="' + nameMeta.content + '"]');
      fetch(tokenUrl, {credentials: 'same-origin', cache: 'no-store'})
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (answer) {
          if (input) { input.value = answer.token; }
          form.dataset.tokenPuesto = '1';
          if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
        }, function () {
          var note = form.querySelector('.agro-sin-senal');
          if (!note) {
            note = document.createElement('p');
            note.className = 'agro-error agro-sin-senal';
            note.setAttribute('role', 'alert');
            form.appendChild(note);
          }
          note.textContent = T.sin_senal;
        });
    });
  });
})();
