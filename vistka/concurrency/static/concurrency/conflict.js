/*
 * The save-confirmation dialog of the page editor, when a colleague has saved a newer version:
 * before anything is sent, show field by field what differs between their version and this
 * unsaved form (the server compares: /admin/concurrency/pages/<id>/conflict/), and offer
 * "Compare and merge" (the form is sent with "concurrency-merge": the server keeps it as a
 * refused save and opens the merge screen) instead of "Continue".
 * When there is no newer version (the dialog then reports a network error), it stays Wagtail's.
 */
(function () {
  'use strict';

  var DIALOG_ID = 'w-save-confirmation-dialog';

  function parts(dialog) {
    return {
      diff: dialog.querySelector('[data-conflict-diff]'),
      loading: dialog.querySelector('[data-conflict-loading]'),
      content: dialog.querySelector('[data-conflict-content]'),
      merge: dialog.querySelector('[data-conflict-merge]'),
      proceed: dialog.querySelector('[data-w-dialog-target="confirm"]'),
    };
  }

  function showAsConflict(dialog, html) {
    var p = parts(dialog);
    p.content.innerHTML = html;
    p.loading.hidden = true;
    p.merge.hidden = false;
    p.proceed.hidden = true;
    dialog.setAttribute('data-conflict', '');
  }

  function showAsWagtails(dialog) {
    var p = parts(dialog);
    p.diff.hidden = true;
    p.content.innerHTML = '';
    p.merge.hidden = true;
    p.proceed.hidden = false;
    dialog.removeAttribute('data-conflict');
  }

  function compare(dialog) {
    var p = parts(dialog);
    var form = dialog.closest('form[data-edit-form]');
    if (!p.diff || !form) return;
    p.content.innerHTML = '';
    p.loading.hidden = false;
    p.diff.hidden = false;
    var body = new FormData(form);
    fetch(p.diff.getAttribute('data-conflict-url'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        if (data.conflict) showAsConflict(dialog, data.html);
        else showAsWagtails(dialog);
      })
      .catch(function () {
        showAsWagtails(dialog);
      });
  }

  function mergeNow(button) {
    var form = button.closest('form[data-edit-form]');
    if (!form) return;
    var flag = document.createElement('input');
    flag.type = 'hidden';
    flag.name = 'concurrency-merge';
    flag.value = '1';
    form.appendChild(flag);
    button.disabled = true;
    form.requestSubmit();
  }

  document.addEventListener('w-dialog:shown', function (event) {
    if (event.target && event.target.id === DIALOG_ID) compare(event.target);
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-conflict-merge]');
    if (button) mergeNow(button);
  });
})();
