/** @jsxImportSource hono/jsx */
import type { User } from '../../contract';
import type { ReachRow } from '../data/reach-items';
import type { QueueNavEntry } from './queue-page';
import { JsonScript } from './json-script';
import { Layout } from './layout';

/** One grid column: `id` is AG Grid's `col-id`, widths are fixed as AG Grid's are. */
export interface GridColumn {
  id: keyof ReachRow | 'caseId';
  header: string;
  width: number;
}

/** The columns, left to right; the case id column holds the row-selection checkbox. */
export const GRID_COLUMNS: readonly GridColumn[] = [
  { id: 'caseId', header: 'Case ID', width: 170 },
  { id: 'title', header: 'Title', width: 320 },
  { id: 'category', header: 'Category', width: 190 },
  { id: 'label', header: 'Proposed', width: 130 },
  { id: 'policy', header: 'Policy', width: 170 },
];

/** Fixed row height in px, as AG Grid's `rowHeight`. */
export const GRID_ROW_HEIGHT = 42;

/** Row elements grid.js keeps: the rest of the rows are drawn by reusing them. */
export const GRID_ROW_POOL = 30;

/** Props of {@link GridPage}. */
export interface GridPageProps {
  queue: QueueNavEntry;
  queues: readonly QueueNavEntry[];
  rows: readonly ReachRow[];
  user?: User | undefined;
}

/**
 * A review grid shaped like AG Grid Community's DOM. The server renders the
 * header and an empty rows container; grid.js draws the rows from the data
 * island, virtualised, as AG Grid does.
 */
export function GridPage(props: GridPageProps) {
  const { queue, rows } = props;
  const width = GRID_COLUMNS.reduce((sum, col) => sum + col.width, 0);
  return (
    <Layout
      title={`${queue.name} grid`}
      tool="grid"
      user={props.user}
      links={
        <>
          {props.queues.map((q) => (
            <a href={`/grid/queues/${q.id}`} aria-current={q.id === queue.id ? 'page' : undefined}>
              {q.name}
            </a>
          ))}
        </>
      }
      script="grid.js"
      stylesheet="grid.css"
    >
      <main class="cg" data-queue={queue.id}>
        <div class="cg-toolbar">
          <h1 class="cg-toolbar__name">{queue.name} audit grid</h1>
          <label class="cg-filter">
            <span>Quick filter</span>
            <input id="filter-text-box" type="search" placeholder="Filter…" autocomplete="off" />
          </label>
          <span class="cg-count" aria-live="polite">
            {rows.length} rows
          </span>
        </div>
        <div class="ag-theme-quartz cg-grid">
          <div class="ag-root-wrapper" role="presentation">
            <div
              class="ag-root ag-layout-normal"
              role="grid"
              aria-rowcount={String(rows.length + 1)}
              aria-colcount={String(GRID_COLUMNS.length)}
            >
              <div class="ag-header" role="presentation">
                <div class="ag-header-viewport" role="presentation">
                  <div class="ag-header-container" role="rowgroup" style={`width: ${width}px`}>
                    <div class="ag-header-row ag-header-row-column" role="row" aria-rowindex="1">
                      <GridHeaderCells />
                    </div>
                  </div>
                </div>
              </div>
              <div class="ag-body" role="presentation">
                <div class="ag-body-viewport ag-layout-normal" role="presentation">
                  <div class="ag-center-cols-viewport" role="presentation" style={`width: ${width}px`}>
                    <div
                      class="ag-center-cols-container"
                      role="rowgroup"
                      style={`width: ${width}px; height: ${rows.length * GRID_ROW_HEIGHT}px`}
                    ></div>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        <noscript>
          <p class="cg-noscript">The grid needs JavaScript.</p>
        </noscript>
      </main>
      <JsonScript
        id="grid-data"
        value={{ columns: GRID_COLUMNS, rowHeight: GRID_ROW_HEIGHT, pool: GRID_ROW_POOL, rows }}
      />
    </Layout>
  );
}

/** Each column's left edge: cells are absolutely positioned, as AG Grid's are. */
const COLUMN_LEFTS = GRID_COLUMNS.map((_, index) =>
  GRID_COLUMNS.slice(0, index).reduce((sum, col) => sum + col.width, 0),
);

function GridHeaderCells() {
  return (
    <>
      {GRID_COLUMNS.map((col, index) => {
        const style = `left: ${COLUMN_LEFTS[index] ?? 0}px; width: ${col.width}px`;
        return (
          <div
            class="ag-header-cell ag-header-cell-sortable"
            col-id={col.id}
            role="columnheader"
            aria-colindex={String(index + 1)}
            aria-sort="none"
            tabindex={-1}
            style={style}
          >
            <div class="ag-header-cell-label" role="presentation">
              <span class="ag-header-cell-text">{col.header}</span>
              <span class="ag-sort-indicator-icon" aria-hidden="true"></span>
            </div>
          </div>
        );
      })}
    </>
  );
}
