/* The tag typed in the dataset form is the tag kept (issue 16).
 *
 * CKAN's tag field (select2 3.5 driven by its "autocomplete" module) adds, on Enter or
 * a comma, whichever suggestion is highlighted: the pointer resting on the list
 * highlights an existing tag that merely starts like the new one, and Enter pressed
 * before the suggestions arrive drops the text. Here Enter, comma and Tab add the text
 * typed, unless the person chose a suggestion with the arrow keys; a click on a
 * suggestion still picks it.
 */
(function () {
  'use strict';

  var ADDING_KEYS = {Enter: true, ',': true, Tab: true};
  var choseWithArrows = false;

  function tagField(input) {
    if (!input.classList || !input.classList.contains('select2-input')) {
      return null;
    }
    var select2 = window.jQuery(input).closest('.select2-container-multi').data('select2');
    return select2 && select2.opts.element.is('[data-module-tags]') ? select2 : null;
  }

  document.addEventListener('input', function () {
    choseWithArrows = false;
  }, true);

  document.addEventListener('keydown', function (event) {
    var select2 = tagField(event.target);
    if (!select2) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      choseWithArrows = true;
      return;
    }
    var typed = event.target.value.trim();
    if (!ADDING_KEYS[event.key] || !typed || (choseWithArrows && event.key === 'Enter')) {
      return;
    }
    // Before select2 and CKAN's module see the key: they would add the highlighted one.
    event.stopImmediatePropagation();
    if (event.key !== 'Tab') {
      event.preventDefault();
    }
    var tags = select2.data();
    if (!tags.some(function (tag) { return tag.id === typed; })) {
      tags.push({id: typed, text: typed});
    }
    select2.data(tags, true);
    select2.close();
    choseWithArrows = false;
    if (event.key !== 'Tab') {
      event.target.focus();
    }
  }, true);
})();
