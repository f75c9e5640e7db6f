import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { formatLanguage } from '../../utils/format';

/*
 * Bar charts with Chart.js, registering only what a bar chart draws (tree-shaken: no line, pie or
 * animation-heavy parts). Only the surveys page imports this file, so content scripts never carry it.
 * A chart is a picture of a table: every chart on the page has the same numbers in a table under it,
 * for screen readers and keyboard users.
 */

let registered = false;

/** Registers the bar chart's parts once, when the first chart is drawn (not at import). */
function barChartClass(): typeof Chart {
  if (!registered) {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    registered = true;
  }
  return Chart;
}

/**
 * Colours for one series per option: the Okabe–Ito palette (distinguishable with the common colour
 * vision deficiencies), then darker tones for scales of up to 11 points.
 */
export const SERIES_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#404040',
  '#7a5195',
  '#2f4b7c',
  '#a05195',
];

export interface BarSeries {
  label: string;
  data: number[];
}

/**
 * A bar chart of `series` over `labels`: one series is drawn in one colour without a legend; several
 * are grouped per label, with a legend. `summary` is the canvas's accessible name.
 */
export function BarChart({
  labels,
  series,
  summary,
  testId,
}: {
  labels: string[];
  series: BarSeries[];
  summary: string;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const data = JSON.stringify({ labels, series });
  useEffect(() => {
    if (!canvas.current) return;
    const BarChartClass = barChartClass();
    const chart = new BarChartClass(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: series.length === 1 ? SERIES_COLOURS[0] : SERIES_COLOURS[i % SERIES_COLOURS.length],
        })),
      },
      options: {
        // No animation: the numbers are what matter, and people who ask for reduced motion get none.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: formatLanguage(),
        plugins: { legend: { display: series.length > 1, position: 'bottom' } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
    // `data` says when the chart draws something new.
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="survey-chart">
      <canvas ref={canvas} role="img" aria-label={summary} data-testid={testId}>
        {summary}
      </canvas>
    </div>
  );
}
