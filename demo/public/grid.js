// Case Grid: a stand-in for AG Grid Community's row model. Rows are absolutely
// positioned and virtualised: a fixed pool of row elements is reused while
// scrolling, so a row element's row-id and text change under whoever holds it.
// Data reaches the page only through textContent and setAttribute.
// Test hooks: window.__gridReady, window.__gridRendered (renders so far).
(function () {
  'use strict';
  var island = document.getElementById('grid-data');
  var root = document.querySelector('.ag-root');
  if (!island || !root) return;
  var data = JSON.parse(island.textContent);
  var columns = data.columns;
  var RH = data.rowHeight;
  var POOL = data.pool;
  // Rows kept above the first visible one, like AG Grid's rowBuffer.
  var BUFFER = 8;

  var viewport = root.querySelector('.ag-body-viewport');
  var container = root.querySelector('.ag-center-cols-container');
  var filterBox = document.getElementById('filter-text-box');
  var countLine = document.querySelector('.cg-count');
  var headers = Array.prototype.slice.call(root.querySelectorAll('.ag-header-cell[col-id]'));

  var all = data.rows;
  var view = all.slice();
  var sort = { col: null, dir: null };
  var selected = new Set();
  var pool = [];
  var frame = 0;
  window.__gridRendered = 0;

  function valueOf(row, colId) {
    return colId === 'caseId' ? row.id : row[colId];
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function buildRow() {
    var row = el('div', 'ag-row ag-row-no-focus ag-row-level-0 ag-row-position-absolute');
    row.setAttribute('role', 'row');
    row.style.height = RH + 'px';
    var left = 0;
    columns.forEach(function (col, index) {
      var cell = el('div', 'ag-cell ag-cell-normal-height');
      cell.setAttribute('col-id', col.id);
      cell.setAttribute('role', 'gridcell');
      cell.setAttribute('aria-colindex', String(index + 1));
      cell.setAttribute('tabindex', '-1');
      cell.style.left = left + 'px';
      cell.style.width = col.width + 'px';
      left += col.width;
      if (col.id === 'caseId') {
        // The checkbox-selection column: AG Grid wraps checkbox and value in a flex wrapper.
        cell.classList.add('ag-cell-wrapper-host');
        var wrapper = el('div', 'ag-cell-wrapper');
        wrapper.setAttribute('role', 'presentation');
        var box = el('div', 'ag-selection-checkbox');
        var input = el('input', 'ag-checkbox-input');
        input.type = 'checkbox';
        input.setAttribute('aria-label', 'Press Space to toggle row selection');
        box.appendChild(input);
        wrapper.appendChild(box);
        wrapper.appendChild(el('span', 'ag-cell-value'));
        cell.appendChild(wrapper);
      } else {
        cell.classList.add('ag-cell-value');
      }
      row.appendChild(cell);
    });
    return row;
  }

  /** Points one pooled row element at display index `index`; untouched when it already shows it. */
  function paint(row, index) {
    var item = view[index];
    if (row.getAttribute('row-id') === item.id && row.getAttribute('row-index') === String(index)) return;
    row.setAttribute('row-index', String(index));
    row.setAttribute('row-id', item.id);
    row.setAttribute('aria-rowindex', String(index + 2));
    row.style.transform = 'translateY(' + index * RH + 'px)';
    row.classList.toggle('ag-row-even', index % 2 === 0);
    row.classList.toggle('ag-row-odd', index % 2 === 1);
    var isSelected = selected.has(item.id);
    row.classList.toggle('ag-row-selected', isSelected);
    row.setAttribute('aria-selected', String(isSelected));
    Array.prototype.forEach.call(row.children, function (cell) {
      var colId = cell.getAttribute('col-id');
      var text = valueOf(item, colId);
      if (colId === 'caseId') {
        cell.querySelector('.ag-cell-value').textContent = text;
        cell.querySelector('input').checked = isSelected;
      } else {
        cell.textContent = text;
      }
    });
  }

  function render() {
    frame = 0;
    var n = view.length;
    container.style.height = n * RH + 'px';
    var first = Math.floor(viewport.scrollTop / RH);
    var start = Math.max(0, Math.min(first - BUFFER, n - POOL));
    var end = Math.min(n, start + POOL);
    // Index i always uses pool[i % POOL]: one row scrolled out frees exactly the element the next row needs.
    for (var i = start; i < end; i++) {
      var row = pool[i % POOL];
      paint(row, i);
      if (!row.isConnected) container.appendChild(row);
    }
    for (var k = n; k < POOL; k++) {
      if (pool[k].isConnected) pool[k].remove();
      pool[k].removeAttribute('row-id');
    }
    root.setAttribute('aria-rowcount', String(n + 1));
    if (countLine) countLine.textContent = n === all.length ? n + ' rows' : n + ' of ' + all.length + ' rows';
    window.__gridRendered++;
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function applyView() {
    var needle = filterBox ? filterBox.value.trim().toLowerCase() : '';
    view = all.filter(function (row) {
      if (!needle) return true;
      return columns.some(function (col) {
        return String(valueOf(row, col.id)).toLowerCase().indexOf(needle) !== -1;
      });
    });
    if (sort.col) {
      var sign = sort.dir === 'desc' ? -1 : 1;
      view.sort(function (a, b) {
        return sign * String(valueOf(a, sort.col)).localeCompare(String(valueOf(b, sort.col)), 'en');
      });
    }
    var maxTop = Math.max(0, view.length * RH - viewport.clientHeight);
    if (viewport.scrollTop > maxTop) viewport.scrollTop = maxTop;
    render();
  }

  function cycleSort(colId) {
    if (sort.col !== colId) sort = { col: colId, dir: 'asc' };
    else if (sort.dir === 'asc') sort = { col: colId, dir: 'desc' };
    else sort = { col: null, dir: null };
    headers.forEach(function (header) {
      var active = header.getAttribute('col-id') === sort.col;
      var dir = active ? sort.dir : null;
      header.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none');
      header.classList.toggle('ag-header-cell-sorted-asc', dir === 'asc');
      header.classList.toggle('ag-header-cell-sorted-desc', dir === 'desc');
      header.querySelector('.ag-sort-indicator-icon').textContent = dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '';
    });
    applyView();
  }

  for (var p = 0; p < POOL; p++) pool.push(buildRow());

  headers.forEach(function (header) {
    header.addEventListener('click', function () {
      cycleSort(header.getAttribute('col-id'));
    });
  });
  viewport.addEventListener('scroll', schedule, { passive: true });
  if (filterBox) filterBox.addEventListener('input', applyView);
  container.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains('ag-checkbox-input')) return;
    var row = input.closest('.ag-row');
    var id = row && row.getAttribute('row-id');
    if (!id) return;
    if (input.checked) selected.add(id);
    else selected.delete(id);
    row.classList.toggle('ag-row-selected', input.checked);
    row.setAttribute('aria-selected', String(input.checked));
  });

  render();
  window.__gridReady = true;
})();
