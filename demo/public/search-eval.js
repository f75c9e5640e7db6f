// Rater Hub demo behaviour: ratings stay in this page; nothing is sent anywhere.
(function () {
  'use strict';
  var main = document.querySelector('main.se-task');
  if (!main) return;
  var toast = document.querySelector('.toast');
  var progress = main.querySelector('[data-progress]');
  var toastTimer = 0;
  // Arrow keys move between radios and fire change; focus must not jump away then.
  var arrowing = false;

  function showToast(text) {
    if (!toast) return;
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.hidden = true;
    }, 2400);
  }

  function results() {
    return Array.prototype.slice.call(main.querySelectorAll('.se-result'));
  }

  function unrated() {
    return results().filter(function (r) {
      return !r.querySelector('input[type="radio"]:checked');
    });
  }

  function updateProgress() {
    var all = results();
    var done = all.length - unrated().length;
    if (progress) progress.textContent = done + ' of ' + all.length + ' rated';
  }

  function focusResult(result) {
    var input = result.querySelector('input[type="radio"]:checked') || result.querySelector('input[type="radio"]');
    if (input) input.focus();
    result.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  main.addEventListener('keydown', function (event) {
    arrowing = /^Arrow/.test(event.key);
    // 1–5 rate the focused result, lowest to highest.
    if (/^[1-5]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var result = event.target.closest && event.target.closest('.se-result');
      if (!result) return;
      var inputs = result.querySelectorAll('input[type="radio"]');
      var input = inputs[Number(event.key) - 1];
      if (input) {
        event.preventDefault();
        input.checked = true;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
  });
  main.addEventListener('keyup', function () {
    arrowing = false;
  });

  main.addEventListener('change', function (event) {
    var input = event.target;
    if (!input || input.type !== 'radio') return;
    var result = input.closest('.se-result');
    if (!result) return;
    result.classList.add('is-rated');
    result.classList.remove('is-missing');
    result.setAttribute('data-rating', input.value);
    var label = input.parentElement ? input.parentElement.textContent.trim() : input.value;
    showToast('Result ' + result.getAttribute('data-position') + ': ' + label);
    updateProgress();
    if (arrowing) return;
    var next = unrated()[0];
    if (next) focusResult(next);
    else {
      var submit = main.querySelector('[data-action="submit-task"]');
      if (submit) submit.focus();
    }
  });

  main.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-action="submit-task"]');
    if (!button) return;
    var missing = unrated();
    results().forEach(function (r) {
      r.classList.toggle('is-missing', missing.indexOf(r) !== -1);
    });
    if (missing.length > 0) {
      showToast('Rate all results first: ' + missing.length + ' left');
      focusResult(missing[0]);
      return;
    }
    main.setAttribute('data-submitted', 'true');
    showToast('Task ' + main.getAttribute('data-task-id') + ' submitted (demo: nothing was sent)');
    var nextLink = main.querySelector('.se-submit a[rel="next"]');
    if (nextLink) nextLink.focus();
  });
})();
