import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { MetricPoint } from '../../contract';
import { formatLanguage } from '../../utils/format';
import { i18n } from '../../utils/i18n';

/*
 * One series as a control chart (Chart.js, line parts only, registered when the first chart draws
 * and bundled into the dashboard page alone): the value per day, the centre line and the control
 * limits the anomaly flags judged each day against, and flagged days drawn as large red triangles.
 * A click on a day opens what is behind it; the same drill-down is a link in the table under every
 * chart, for keyboard and screen-reader users.
 */

let registered = false;

function lineChartClass(): typeof Chart {
  if (!registered) {
    Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
    registered = true;
  }
  return Chart;
}

/** Okabe–Ito blue for the value, grey for the centre and limits, vermilion for flags. */
const VALUE = '#0072b2';
const LIMIT = '#6b6b6b';
const FLAG = '#d55e00';

export function ControlChart({
  points,
  proportion,
  summary,
  onDay,
  testId,
}: {
  points: readonly MetricPoint[];
  /** Values are ratios (drawn as percentages) rather than counts. */
  proportion: boolean;
  /** The canvas's accessible name. */
  summary: string;
  /** Called with the day a reader clicked. */
  onDay: (date: string) => void;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const onDayRef = useRef(onDay);
  useEffect(() => {
    onDayRef.current = onDay;
  });
  const data = JSON.stringify(points);
  useEffect(() => {
    if (!canvas.current) return;
    const scale = (value: number | null | undefined) =>
      value === null || value === undefined ? null : proportion ? value * 100 : value;
    const limit = (label: string, pick: (p: MetricPoint) => number | undefined, dash: number[]) =>
      ({
        label,
        data: points.map((p) => scale(pick(p))),
        borderColor: LIMIT,
        borderDash: dash,
        borderWidth: 1,
        pointRadius: 0,
        stepped: 'middle',
        spanGaps: false,
      }) satisfies ChartDataset<'line', (number | null)[]>;
    const ChartClass = lineChartClass();
    const chart = new ChartClass(canvas.current, {
      type: 'line',
      data: {
        labels: points.map((p) => p.date),
        datasets: [
          {
            label: i18n.t('dashboard.chart.value'),
            data: points.map((p) => scale(p.value)),
            borderColor: VALUE,
            backgroundColor: points.map((p) => (p.flag ? FLAG : VALUE)),
            pointBorderColor: points.map((p) => (p.flag ? FLAG : VALUE)),
            pointStyle: points.map((p) => (p.flag ? 'triangle' : 'circle')),
            pointRadius: points.map((p) => (p.flag ? 7 : 2)),
            borderWidth: 2,
            spanGaps: false,
          },
          limit(i18n.t('dashboard.chart.upper'), (p) => p.limits?.upper, [6, 4]),
          limit(i18n.t('dashboard.chart.center'), (p) => p.limits?.center, [2, 3]),
          limit(i18n.t('dashboard.chart.lower'), (p) => p.limits?.lower, [6, 4]),
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: formatLanguage(),
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: {
          y: proportion
            ? { ticks: { callback: (value) => `${value}%` } }
            : { beginAtZero: true, ticks: { precision: 0 } },
        },
        onClick: (_event, elements) => {
          const index = elements[0]?.index;
          const day = index === undefined ? undefined : points[index]?.date;
          if (day) onDayRef.current(day);
        },
      },
    });
    return () => chart.destroy();
    // `data` says when the chart draws something new.
  }, [data, proportion]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="control-chart">
      <canvas ref={canvas} role="img" aria-label={summary} data-testid={testId}>
        {summary}
      </canvas>
    </div>
  );
}
