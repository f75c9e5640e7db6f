// Review Hub demo app: a single-page app without a framework. Item data only
// ever reaches the page through textContent and setAttribute, never as markup.
// Benchmark and test hooks: window.__reviewReady, __reviewRendered,
// __reviewReplace(key) and __reviewInsertTop(keys?).
(function () {
  'use strict';
  var main = document.querySelector('main.rv');
  if (!main) return;
  var list = main.querySelector('.rv-list');
  var sentinel = main.querySelector('.rv-sentinel');
  var statusLine = main.querySelector('.rv-status');
  var heading = main.querySelector('.rv-toolbar__name');
  var countLine = main.querySelector('.rv-toolbar__count');
  var toast = document.querySelector('.toast');
  var claimedStat = document.querySelector('[data-claimed]');
  var decidedStat = document.querySelector('[data-decided]');
  var PAGE_SIZE = Number(main.getAttribute('data-page-size')) || 50;
  var MAX_LIMIT = 500;
  var VERB = { approve: 'Approved', reject: 'Rejected' };

  // Queues as the server-rendered nav lists them: id -> { name, count, link }.
  var queues = {};
  Array.prototype.forEach.call(document.querySelectorAll('a[data-queue]'), function (link) {
    var name = link.querySelector('.sidenav__name');
    var count = link.querySelector('.sidenav__count');
    queues[link.getAttribute('data-queue')] = {
      name: name ? name.textContent : link.textContent,
      count: count ? Number(count.textContent.replace(/\D/g, '')) : 0,
      link: link,
    };
  });

  var state = {
    queue: main.getAttribute('data-queue'),
    total: Number(main.getAttribute('data-total')) || 0,
    /** Item data loaded from the API, in list order. */
    items: [],
    /** Item data by key, for rebuilding an element. */
    byKey: new Map(),
    claimed: new Set(),
    decisions: new Map(),
    loading: false,
    failed: false,
    ready: false,
    /** Bumped on every queue switch; answers for an older queue are dropped. */
    generation: 0,
  };
  var toastTimer = 0;

  function format(n) {
    return Number(n).toLocaleString('en-US');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function showToast(text) {
    if (!toast) return;
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.hidden = true;
    }, 2400);
  }

  // ---- Data ----------------------------------------------------------------

  function fetchItems(queue, offset, limit) {
    var url = '/review/api/queues/' + encodeURIComponent(queue) + '/items?offset=' + offset + '&limit=' + limit;
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  /** Items [offset, offset + count) in requests of at most MAX_LIMIT, in parallel. */
  function fetchRange(queue, offset, count) {
    var requests = [];
    for (var at = offset; at < offset + count; at += MAX_LIMIT) {
      requests.push(fetchItems(queue, at, Math.min(MAX_LIMIT, offset + count - at)));
    }
    return Promise.all(requests).then(function (pages) {
      var items = [];
      pages.forEach(function (page) {
        items = items.concat(page.items);
      });
      return { items: items, total: pages.length ? pages[0].total : state.total };
    });
  }

  // ---- Rendering -----------------------------------------------------------

  function actionButton(action, text, pressed) {
    var button = el('button', 'btn btn--' + action, text);
    button.type = 'button';
    button.setAttribute('data-action', action);
    button.setAttribute('aria-pressed', String(Boolean(pressed)));
    return button;
  }

  /** A fresh <li> for one item; the published demo-review adapter reads these class names. */
  function buildItem(item) {
    var key = item.id;
    var claimed = state.claimed.has(key);
    var decision = state.decisions.get(key);
    var li = el('li', 'rv-item');
    li.setAttribute('data-key', key);
    if (claimed) li.classList.add('is-claimed');
    if (decision) li.setAttribute('data-decision', decision);

    var top = el('div', 'rv-item__top');
    top.append(el('code', 'rv-item__id', key), el('span', 'rv-item__title', item.title));
    if (claimed) top.append(el('span', 'rv-item__chip', 'Claimed by you'));

    var label = el('span', 'rv-item__label', item.proposedLabel);
    label.setAttribute('data-label', item.proposedLabel);

    var actions = el('div', 'rv-item__actions');
    actions.append(
      actionButton('approve', 'Approve', decision === 'approve'),
      actionButton('reject', 'Reject', decision === 'reject'),
      actionButton('claim', 'Claim', claimed),
    );

    li.append(
      top,
      el('span', 'rv-item__category', item.category),
      label,
      el('span', 'rv-item__policy', item.policy),
      el('span', 'rv-item__author', item.author),
      actions,
    );
    return li;
  }

  function updateStatus() {
    if (!statusLine) return;
    statusLine.textContent = 'Showing ' + format(state.items.length) + ' of ' + format(state.total);
    var note = null;
    if (state.failed) {
      note = el('span', 'rv-status__note rv-status__note--error', 'Could not load more items.');
      var retry = el('button', 'rv-status__retry', 'Retry');
      retry.type = 'button';
      retry.addEventListener('click', function () {
        state.failed = false;
        loadMore();
      });
      note.append(' ', retry);
    } else if (state.loading) {
      note = el('span', 'rv-status__note', 'Loading…');
    } else if (state.items.length >= state.total && state.total > 0) {
      note = el('span', 'rv-status__note', 'End of queue');
    }
    if (note) statusLine.append(' ', note);
  }

  function updateStats() {
    if (claimedStat) claimedStat.textContent = format(state.claimed.size);
    if (decidedStat) decidedStat.textContent = format(state.decisions.size);
  }

  function afterRender() {
    window.__reviewRendered = list.childElementCount;
    if (!state.ready) {
      state.ready = true;
      window.__reviewReady = performance.now();
      main.setAttribute('data-state', 'ready');
    }
  }

  /** Appends items at the end of the list in one DOM write. */
  function render(items) {
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      state.items.push(item);
      state.byKey.set(item.id, item);
      fragment.append(buildItem(item));
    }
    list.append(fragment);
    updateStatus();
    afterRender();
  }

  function findElement(key) {
    var children = list.children;
    for (var i = 0; i < children.length; i++) {
      if (children[i].getAttribute('data-key') === key) return children[i];
    }
    return null;
  }

  /** Claims an item by replacing its element with a freshly built one (as many apps re-render a row). */
  function claim(li) {
    var key = li.getAttribute('data-key');
    var item = state.byKey.get(key);
    if (!item) return null;
    state.claimed.add(key);
    var fresh = buildItem(item);
    li.replaceWith(fresh);
    updateStats();
    afterRender();
    return fresh;
  }

  function decide(li, action) {
    var key = li.getAttribute('data-key');
    var undo = state.decisions.get(key) === action;
    if (undo) {
      state.decisions.delete(key);
      li.removeAttribute('data-decision');
    } else {
      state.decisions.set(key, action);
      li.setAttribute('data-decision', action);
    }
    Array.prototype.forEach.call(li.querySelectorAll('[data-action="approve"], [data-action="reject"]'), function (b) {
      b.setAttribute('aria-pressed', String(!undo && b.getAttribute('data-action') === action));
    });
    updateStats();
    showToast(undo ? key + ': decision undone' : key + ' ' + VERB[action].toLowerCase() + ' (demo: not saved)');
  }

  // ---- Loading and infinite scroll -------------------------------------------

  var observer =
    typeof IntersectionObserver === 'function' && sentinel
      ? new IntersectionObserver(
          function (entries) {
            for (var i = 0; i < entries.length; i++) {
              if (entries[i].isIntersecting) {
                loadMore();
                return;
              }
            }
          },
          { rootMargin: '0px 0px 800px 0px' },
        )
      : null;

  /**
   * An observer reports changes only: when the sentinel is still near the
   * viewport after a render (a tall window), observing afresh reports it again.
   */
  function watchSentinel() {
    if (!sentinel) return;
    if (observer) {
      observer.unobserve(sentinel);
      if (state.items.length < state.total) observer.observe(sentinel);
    } else if (sentinel.getBoundingClientRect().top < window.innerHeight + 800) {
      setTimeout(loadMore, 0);
    }
  }

  if (!observer) {
    window.addEventListener(
      'scroll',
      function () {
        if (sentinel && sentinel.getBoundingClientRect().top < window.innerHeight + 800) loadMore();
      },
      { passive: true },
    );
  }

  function loadMore() {
    if (state.loading || state.failed || state.items.length >= state.total) return;
    loadRange(state.items.length, Math.min(PAGE_SIZE, state.total - state.items.length));
  }

  function loadRange(offset, count) {
    var generation = state.generation;
    state.loading = true;
    updateStatus();
    fetchRange(state.queue, offset, count).then(
      function (body) {
        if (generation !== state.generation) return;
        state.loading = false;
        state.total = body.total;
        render(body.items);
        watchSentinel();
      },
      function () {
        if (generation !== state.generation) return;
        state.loading = false;
        state.failed = true;
        updateStatus();
      },
    );
  }

  // ---- Navigation between queues (no reload) ---------------------------------

  function queueFromPath(pathname) {
    var match = /^\/review\/queues\/([^/]+)\/?$/.exec(pathname);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function show(queue) {
    var info = queues[queue];
    state.generation++;
    state.queue = queue;
    state.total = info ? info.count : 0;
    state.items = [];
    state.byKey = new Map();
    state.loading = false;
    state.failed = false;
    state.ready = false;
    window.__reviewReady = undefined;
    list.replaceChildren();
    window.__reviewRendered = 0;
    main.setAttribute('data-queue', queue);
    main.setAttribute('data-total', String(state.total));
    main.setAttribute('data-state', 'loading');
    var name = info ? info.name : queue;
    if (heading) heading.textContent = name;
    if (countLine) countLine.textContent = format(state.total) + ' pending';
    list.setAttribute('aria-label', name + ' items');
    document.title = document.title.replace(/^[^·]*·/, name + ' queue ·');
    Object.keys(queues).forEach(function (id) {
      var link = queues[id].link;
      link.classList.toggle('is-active', id === queue);
      if (id === queue) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
    if (typeof window.scrollTo === 'function') window.scrollTo(0, 0);
    loadMore();
  }

  // ---- Events ----------------------------------------------------------------

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var link = target.closest('a[data-queue]');
    if (link) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var queue = link.getAttribute('data-queue');
      if (!queues[queue]) return;
      event.preventDefault();
      if (queue === state.queue) return;
      history.pushState({ queue: queue }, '', link.getAttribute('href'));
      show(queue);
      return;
    }
    var button = target.closest('.rv-item [data-action]');
    if (!button) return;
    var li = button.closest('.rv-item');
    var action = button.getAttribute('data-action');
    if (action === 'claim') {
      var fresh = claim(li);
      var again = fresh && fresh.querySelector('[data-action="claim"]');
      if (again) again.focus();
      if (fresh) showToast(fresh.getAttribute('data-key') + ' claimed');
    } else if (action === 'approve' || action === 'reject') {
      decide(li, action);
    }
  });

  window.addEventListener('popstate', function () {
    var queue = queueFromPath(location.pathname);
    if (!queue || !queues[queue]) {
      location.reload();
      return;
    }
    if (queue !== state.queue) show(queue);
  });

  // ---- Hooks for tests and benchmarks -----------------------------------------

  /** Replaces the element of `key` with a freshly built, claimed one; false when it is not in the list. */
  window.__reviewReplace = function (key) {
    var li = findElement(String(key));
    return li ? claim(li) !== null : false;
  };

  /**
   * Inserts freshly built items at the top of the list: copies of the first
   * five loaded items (same keys), or one per given key. Returns how many.
   */
  window.__reviewInsertTop = function (keys) {
    var source = Array.isArray(keys)
      ? keys.map(function (key) {
          key = String(key);
          var known = state.byKey.get(key);
          if (known) return known;
          var made = {
            id: key,
            queue: state.queue,
            title: 'Inserted item ' + key,
            category: 'Other',
            proposedLabel: 'approve',
            policy: 'spam',
            author: 'demo.insert',
          };
          state.byKey.set(key, made);
          return made;
        })
      : state.items.slice(0, 5);
    var fragment = document.createDocumentFragment();
    source.forEach(function (item) {
      fragment.append(buildItem(item));
    });
    list.prepend(fragment);
    window.__reviewRendered = list.childElementCount;
    return source.length;
  };

  // ---- Start -----------------------------------------------------------------

  history.replaceState({ queue: state.queue }, '', location.href);
  main.setAttribute('data-state', 'loading');
  var prefillMatch = /^\d{1,6}$/.exec(new URLSearchParams(location.search).get('prefill') || '');
  var prefill = prefillMatch ? Math.min(Number(prefillMatch[0]), state.total) : 0;
  if (prefill > 0) {
    // Benchmarks: the first N items in one synchronous render, then __reviewReady.
    loadRange(0, prefill);
  } else {
    loadMore();
  }
})();
