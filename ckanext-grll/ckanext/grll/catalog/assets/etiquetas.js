/* The tag typed in the dataset form is the tag kept (issue 16).
 *
 * CKAN's tag field (select2 4 driven by its "autocomplete" module) adds, on Enter or
 * a comma, whichever suggestion is highlighted: the pointer resting on the list
 * highlights an existing tag that merely starts like the new one, and Enter pressed
 * before the suggestions arrive drops the text. Here Enter, comma and Tab add the text
 * typed, unless the person chose a suggestion with the arrow keys; a click on a
 * suggestion still picks it. Every tag goes after those already there (select2 4 would
 * put it first), so the field keeps the order the tags were entered in.
 */
(function () {
  'use strict';

  var ADDING_KEYS = {Enter: true, ',': true, Tab: true};
  var choseWithArrows = false;

  function tagElement(input) {
    if (!input.classList || !input.classList.contains('select2-search__field')) {
      return null;
    }
    var $ = window.jQuery;
    var found = null;
    $('[data-module-tags]').each(function () {
      var select2 = $(this).data('select2');
      if (select2 && select2.$container[0].contains(input)) {
        found = $(this);
      }
    });
    return found;
  }

  function addTag($element, tag) {
    var tags = $element.val().split(',').map(function (t) { return t.trim(); })
      .filter(Boolean);
    if (tag && tags.indexOf(tag) === -1) {
      tags.push(tag);
    }
    // select2 reads the chips back from the field's value on "change".
    $element.val(tags.join(',')).trigger('change');
    $element.data('select2').$container.find('.select2-search__field').val('');
    $element.select2('close');
    choseWithArrows = false;
  }

  // Every way of choosing (Enter on a suggestion, a click, a pasted list) ends here;
  // jQuery is there once the page's scripts have run.
  document.addEventListener('DOMContentLoaded', function () {
    window.jQuery(document).on('select2:selecting', '[data-module-tags]', function (event) {
      event.preventDefault();
      addTag(window.jQuery(this), String(event.params.args.data.id).trim());
    });
  });

  document.addEventListener('input', function () {
    choseWithArrows = false;
  }, true);

  document.addEventListener('keydown', function (event) {
    var $element = tagElement(event.target);
    if (!$element) {
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
    addTag($element, typed);
    if (event.key !== 'Tab') {
      event.target.focus();
    }
  }, true);
})();
