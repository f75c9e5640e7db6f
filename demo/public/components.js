// Queue Kit: a review queue built from custom elements, two shadow roots deep:
// <review-queue> (header + <review-list>) and <review-list> (the rows). The
// host's data-shadow picks open or closed roots. Data reaches the DOM only
// through textContent and setAttribute. Test hook: window.__componentsReady.
(function () {
  'use strict';

  var QUEUE_CSS =
    ':host{display:block;background:#fff;border:1px solid #d9dee4;border-radius:8px;max-width:980px}' +
    '.head{display:flex;align-items:baseline;gap:12px;padding:12px 16px;border-bottom:1px solid #d9dee4}' +
    '.head h2{margin:0;font-size:17px}.head .count{color:#616e7c}';
  var LIST_CSS =
    ':host{display:block}' +
    '.rows{margin:0;padding:0}' +
    '.row{display:flex;align-items:center;gap:12px;padding:8px 16px;border-bottom:1px solid #eef0f2;min-height:40px}' +
    '.row:last-child{border-bottom:0}.row.is-decided{opacity:.55}' +
    '.row__id{font-family:ui-monospace,Menlo,Consolas,monospace;flex:none}' +
    '.row__title{flex:1 1 auto;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}' +
    '.row__category{flex:none;width:170px;color:#616e7c;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}' +
    '.row__label{flex:none;width:90px;font-weight:600}' +
    '.row button{font:inherit;font-size:12px;padding:3px 8px;border:1px solid #c5ccd3;border-radius:4px;background:#fff;cursor:pointer}';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function styleFor(css) {
    var style = document.createElement('style');
    style.textContent = css;
    return style;
  }

  function buildRow(item) {
    var row = el('div', 'row');
    row.setAttribute('role', 'listitem');
    row.setAttribute('data-case-id', item.id);
    row.appendChild(el('span', 'row__id', item.id));
    row.appendChild(el('span', 'row__title', item.title));
    row.appendChild(el('span', 'row__category', item.category));
    var label = el('span', 'row__label', item.label);
    label.setAttribute('data-label', item.label);
    row.appendChild(label);
    ['approve', 'reject'].forEach(function (action) {
      var button = el('button', '', action === 'approve' ? 'Approve' : 'Reject');
      button.type = 'button';
      button.setAttribute('data-action', action);
      row.appendChild(button);
    });
    return row;
  }

  /** The rows of one queue, in its own shadow root. */
  class ReviewList extends HTMLElement {
    /** Renders `items` into a shadow root of the given mode (attached once). */
    show(items, mode) {
      if (!this._root) {
        this._root = this.attachShadow({ mode: mode });
        this._root.appendChild(styleFor(LIST_CSS));
        this._rows = el('div', 'rows');
        this._rows.setAttribute('role', 'list');
        this._root.appendChild(this._rows);
        this._rows.addEventListener('click', function (event) {
          var button = event.target.closest('button[data-action]');
          if (button) button.closest('.row').classList.add('is-decided');
        });
      }
      this._rows.replaceChildren.apply(this._rows, items.map(buildRow));
    }
  }

  /** A queue: header plus a review-list, in a shadow root; rows from the JSON island named by data-source. */
  class ReviewQueue extends HTMLElement {
    connectedCallback() {
      if (this._built) return;
      this._built = true;
      var mode = this.getAttribute('data-shadow') === 'closed' ? 'closed' : 'open';
      var island = document.getElementById(this.getAttribute('data-source') || '');
      var rows = island ? JSON.parse(island.textContent).rows : [];
      var root = this.attachShadow({ mode: mode });
      var head = el('header', 'head');
      head.appendChild(el('h2', '', this.getAttribute('data-name') || 'Queue'));
      head.appendChild(el('span', 'count', rows.length + ' pending'));
      var list = document.createElement('review-list');
      root.appendChild(styleFor(QUEUE_CSS));
      root.appendChild(head);
      root.appendChild(list);
      list.show(rows, mode);
    }
  }

  // review-list first: review-queue creates one and calls show() on it at once.
  customElements.define('review-list', ReviewList);
  customElements.define('review-queue', ReviewQueue);
  window.__componentsReady = true;
})();
