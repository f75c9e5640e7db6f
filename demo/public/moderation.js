// Trust Console demo behaviour: decisions stay in this page; nothing is sent anywhere.
(function () {
  'use strict';
  var main = document.querySelector('main.mq');
  if (!main) return;
  var toast = document.querySelector('.toast');
  var progress = main.querySelector('[data-progress]');
  var toastTimer = 0;
  var VERB = { approve: 'Approved', reject: 'Rejected' };

  function showToast(text) {
    if (!toast) return;
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.hidden = true;
    }, 2400);
  }

  function cards() {
    return Array.prototype.slice.call(main.querySelectorAll('.mq-card'));
  }

  function updateProgress() {
    var all = cards();
    var done = all.filter(function (c) {
      return c.hasAttribute('data-decision');
    }).length;
    if (progress) progress.textContent = done + ' of ' + all.length + ' decided on this page';
  }

  // Focus goes to the next undecided card so a reviewer can work through the page by keyboard.
  function focusNext(from) {
    var all = cards();
    var start = all.indexOf(from);
    for (var i = 1; i <= all.length; i++) {
      var card = all[(start + i) % all.length];
      if (!card.hasAttribute('data-decision')) {
        var button = card.querySelector('[data-action="approve"]');
        (button || card).focus();
        card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
        return;
      }
    }
  }

  function decide(card, action) {
    var id = card.getAttribute('data-item-id');
    var status = card.querySelector('.mq-card__status');
    var buttons = card.querySelectorAll('[data-action]');
    // A second click on the chosen action undoes it.
    var undo = card.getAttribute('data-decision') === action;
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute('aria-pressed', String(!undo && b.getAttribute('data-action') === action));
    });
    if (undo) {
      card.removeAttribute('data-decision');
      card.classList.remove('is-decided');
      if (status) status.textContent = '';
      showToast(id + ': decision undone');
    } else {
      card.setAttribute('data-decision', action);
      card.classList.add('is-decided');
      if (status) status.textContent = VERB[action] + ' · just now';
      showToast(id + ' ' + VERB[action].toLowerCase() + ' (demo: not saved)');
      focusNext(card);
    }
    updateProgress();
  }

  main.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('.mq-card [data-action]');
    if (!button) return;
    decide(button.closest('.mq-card'), button.getAttribute('data-action'));
  });

  // A / R decide the focused card; J / K move between cards.
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var card = target && target.closest ? target.closest('.mq-card') : null;
    var key = event.key.toLowerCase();
    if (card && (key === 'a' || key === 'r')) {
      event.preventDefault();
      decide(card, key === 'a' ? 'approve' : 'reject');
    } else if (key === 'j' || key === 'k') {
      var all = cards();
      var index = card ? all.indexOf(card) : -1;
      var next = all[Math.max(0, Math.min(all.length - 1, index + (key === 'j' ? 1 : -1)))];
      if (next) {
        event.preventDefault();
        (next.querySelector('[data-action="approve"]') || next).focus();
      }
    }
  });
})();
