import { useEffect, useState } from 'react';
import type { Accuracy, MyQualityResponse } from '../../contract/my-quality';
import { errorMessage } from '../../utils/error-message';
import { formatDate, formatNumber, formatPercent } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { request } from '../../utils/messaging/page-messaging';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: MyQualityResponse };

/** "92.3% (12 of 13)", or a dash without judged decisions. */
function AccuracyText({ value }: { value: Accuracy }) {
  if (value.accuracy === null) return <span className="muted">{i18n.t('quality.none')}</span>;
  return (
    <span>
      {i18n.t('quality.accuracyOf', {
        percent: formatPercent(value.accuracy),
        correct: formatNumber(value.correct),
        events: formatNumber(value.events),
      })}
    </span>
  );
}

/**
 * The signed-in moderator's or evaluator's own accuracy, by policy and by
 * week, from the API (which gives it to them and to analysts only).
 */
export function MyQuality({ weeks = 8, compact = false }: { weeks?: number; compact?: boolean }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    request('myQuality', { weeks }).then(
      (data) => live && setState({ kind: 'ready', data }),
      (error: unknown) => live && setState({ kind: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [weeks]);

  if (state.kind === 'loading') return <p className="muted">{i18n.t('common.loading')}</p>;
  if (state.kind === 'error') return <p className="muted">{state.message}</p>;
  const { data } = state;
  return (
    <section className="my-quality" data-testid="my-quality" aria-labelledby="my-quality-title">
      <h2 id="my-quality-title">{i18n.t('quality.title', data.weeks, { weeks: data.weeks })}</h2>
      <p>
        <AccuracyText value={data.total} />
      </p>
      {data.byPolicy.length > 0 && (
        <table className="quality-table">
          <caption className="sr-only">{i18n.t('quality.byPolicy')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('quality.policy')}</th>
              <th scope="col">{i18n.t('quality.accuracy')}</th>
            </tr>
          </thead>
          <tbody>
            {data.byPolicy.map((row) => (
              <tr key={row.policy} data-policy={row.policy}>
                <th scope="row">{row.policy}</th>
                <td>
                  <AccuracyText value={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!compact && (
        <table className="quality-table">
          <caption className="sr-only">{i18n.t('quality.byWeek')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('quality.week')}</th>
              <th scope="col">{i18n.t('quality.accuracy')}</th>
            </tr>
          </thead>
          <tbody>
            {data.byWeek.map((row) => (
              <tr key={row.week}>
                <th scope="row">{i18n.t('quality.weekOf', { date: formatDate(row.weekStart) })}</th>
                <td>
                  <AccuracyText value={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
