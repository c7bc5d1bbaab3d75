/* Forms of the farmers' app: a fresh CSRF token just before posting.
 *
 * The service worker (sw.js) shows the last copy of a page when there is no signal, so
 * a form may carry the token of an old session, or one older than CKAN accepts
 * (WTF_CSRF_TIME_LIMIT): CKAN would refuse the post and the farmer would lose what they
 * typed. Before posting, the page is fetched again and its token put in the form. Without
 * signal the form goes as it is and the browser says that it is offline. */
(function () {
  'use strict';
  var nameMeta = document.querySelector('meta[name=csrf_field_name]');
  if (!nameMeta || !window.fetch || !window.DOMParser) { return; }
  var field = nameMeta.content;

  function freshToken() {
    return fetch(location.href, {credentials: 'same-origin', cache: 'no-store'})
      .then(function (response) { return response.ok ? response.text() : ''; })
      .then(function (html) {
        var meta = new DOMParser().parseFromString(html, 'text/html')
          .querySelector('meta[name="' + field + '"]');
        return meta ? meta.content : null;
      })
      .catch(function () { return null; });
  }

  document.querySelectorAll('form[method=post]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[name="' + field + '"]');
      if (!input || form.dataset.tokenFresco) { return; }
      event.preventDefault();
      var submitter = event.submitter;
      freshToken().then(function (token) {
        if (token) { input.value = token; }
        form.dataset.tokenFresco = '1';
        if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
      });
    });
  });
})();
