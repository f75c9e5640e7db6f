import { useState } from 'react';
import { SurveyGroupBy, type Survey, type SurveyResults } from '../../contract';
import type { ApiClient } from '../../utils/api/client';
import { saveBlob } from '../../utils/download';
import { errorMessage } from '../../utils/error-message';
import { formatNumber, formatPercent } from '../../utils/format';
import { useLoaded } from '../../utils/hooks/use-loaded';
import { i18n } from '../../utils/i18n';
import {
  countsByOption,
  groupedSeries,
  responsesFileName,
  resultsFileName,
  shareOf,
} from '../../utils/survey-admin/results';
import { BarChart } from './BarChart';
import { answerLabel, groupValueLabel, responsesText, windowText } from './labels';
import { SurveyStatusPill } from './SurveyStatusPill';

/**
 * One survey's results: exact counts per option overall and, with a breakdown chosen, per site,
 * queue, policy or section; each chart with its numbers in a table under it; CSV downloads.
 */
export function SurveyResultsView({
  api,
  id,
  groupBy,
  onGroupBy,
}: {
  api: ApiClient;
  id: string;
  groupBy: SurveyGroupBy | null;
  onGroupBy: (groupBy: SurveyGroupBy | null) => void;
}) {
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const survey = useLoaded(() => api.readSurvey(id), `${id}#${generation}`);
  const results = useLoaded(() => api.surveyResults(id, groupBy), `${id}/${groupBy ?? ''}#${generation}`);
  const problem = failure ?? survey.error ?? results.error;

  const download = async (what: 'results' | 'responses') => {
    setFailure(null);
    setNotice(i18n.t('surveys.results.downloading'));
    try {
      if (what === 'results') saveBlob(await api.surveyResultsCsv(id, groupBy), resultsFileName(id, groupBy));
      else saveBlob(await api.surveyResponsesCsv(id), responsesFileName(id));
      setNotice(null);
    } catch (error) {
      setNotice(null);
      setFailure(errorMessage(error));
    }
  };

  return (
    <section className="survey-results" aria-labelledby="survey-results-title" data-testid="survey-results">
      <h2 id="survey-results-title">{survey.value?.survey.question ?? i18n.t('surveys.results.title')}</h2>
      {survey.value && <SurveyFacts survey={survey.value.survey} />}
      <div className="row">
        <label>
          {i18n.t('surveys.results.groupBy')}{' '}
          <select
            value={groupBy ?? ''}
            onChange={(e) => onGroupBy(e.currentTarget.value ? SurveyGroupBy.parse(e.currentTarget.value) : null)}
          >
            <option value="">{i18n.t('surveys.results.noGrouping')}</option>
            {SurveyGroupBy.options.map((g) => (
              <option key={g} value={g}>
                {i18n.t(`surveys.groupBy.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setGeneration((g) => g + 1)}>
          {i18n.t('surveys.results.refresh')}
        </button>
        <button type="button" onClick={() => void download('results')} data-testid="download-results">
          {i18n.t('surveys.results.downloadResults')}
        </button>
        <button type="button" onClick={() => void download('responses')} data-testid="download-responses">
          {i18n.t('surveys.results.downloadResponses')}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {i18n.t('surveys.failed', { message: problem })}
        </p>
      )}
      <p className="muted" role="status">
        {results.loading || survey.loading ? i18n.t('surveys.loading') : (notice ?? '')}
      </p>
      {results.value && <Tallies results={results.value} />}
    </section>
  );
}

/** The survey's status, window and answers so far, as a description list. */
function SurveyFacts({ survey }: { survey: Survey }) {
  return (
    <dl className="kv survey-facts">
      <dt>{i18n.t('surveys.columns.status')}</dt>
      <dd>
        <SurveyStatusPill survey={survey} />
      </dd>
      <dt>{i18n.t('surveys.columns.kind')}</dt>
      <dd>{i18n.t(`surveys.kinds.${survey.kind}`)}</dd>
      <dt>{i18n.t('surveys.columns.window')}</dt>
      <dd>{windowText(survey)}</dd>
      <dt>{i18n.t('surveys.columns.responses')}</dt>
      <dd data-testid="survey-responses">{responsesText(survey)}</dd>
      <dt>{i18n.t('surveys.columns.sampling')}</dt>
      <dd>{formatPercent(survey.samplingRate, 2)}</dd>
    </dl>
  );
}

/** The overall tally and, when grouped, the tally per group: each a chart with its table. */
function Tallies({ results }: { results: SurveyResults }) {
  const labels = results.options.map((option) => answerLabel(results.kind, option));
  const overall = countsByOption(results.overall, results.options);
  const total = results.overall.total;
  return (
    <>
      <h3 id="survey-overall-title">{i18n.t('surveys.results.overall')}</h3>
      <p data-testid="results-total">
        {i18n.t('surveys.results.total', total, { count: formatNumber(total) })}
        {results.overall.mean !== null && (
          <>
            {' · '}
            <span data-testid="results-mean">
              {i18n.t('surveys.results.mean', { mean: formatNumber(results.overall.mean) })}
            </span>
          </>
        )}
        {' · '}
        {i18n.t('surveys.results.comments', results.overall.comments, {
          count: formatNumber(results.overall.comments),
        })}
      </p>
      <BarChart
        labels={labels}
        series={[{ label: i18n.t('surveys.results.answers'), data: overall }]}
        summary={i18n.t('surveys.results.chartOverall')}
        testId="chart-overall"
      />
      <table className="grid survey-table" data-testid="results-overall">
        <caption>{i18n.t('surveys.results.tableOverall')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('surveys.results.answer')}</th>
            <th scope="col">{i18n.t('surveys.results.count')}</th>
            <th scope="col">{i18n.t('surveys.results.share')}</th>
          </tr>
        </thead>
        <tbody>
          {results.options.map((option, i) => (
            <tr key={option.key} data-option={option.key}>
              <th scope="row">{labels[i]}</th>
              <td data-testid="count">{formatNumber(overall[i]!)}</td>
              <td>{formatPercent(shareOf(overall[i]!, total))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.groupBy && <GroupedTallies results={results} labels={labels} />}
    </>
  );
}

/** Counts per group: one grouped chart (the groups with most answers) and a table of every group. */
function GroupedTallies({ results, labels }: { results: SurveyResults; labels: string[] }) {
  const groupBy = results.groupBy!;
  const by = i18n.t(`surveys.groupByNoun.${groupBy}`);
  const { groups, series, omitted } = groupedSeries(results);
  const scale = results.kind === 'scale';
  return (
    <>
      <h3>{i18n.t('surveys.results.byGroup', { groupBy: by })}</h3>
      {results.groups.length === 0 ? (
        <p className="muted">{i18n.t('surveys.results.noAnswers')}</p>
      ) : (
        <>
          <BarChart
            labels={groups.map((g) => groupValueLabel(g.value))}
            series={series.map((s, i) => ({ label: labels[i]!, data: s.data }))}
            summary={i18n.t('surveys.results.chartGrouped', { groupBy: by })}
            testId="chart-groups"
          />
          {omitted > 0 && (
            <p className="muted">{i18n.t('surveys.results.omitted', omitted, { count: formatNumber(omitted) })}</p>
          )}
          <div className="table-scroll">
            <table className="grid survey-table" data-testid="results-groups">
              <caption>{i18n.t('surveys.results.tableGrouped', { groupBy: by })}</caption>
              <thead>
                <tr>
                  <th scope="col">{i18n.t(`surveys.groupBy.${groupBy}`)}</th>
                  {labels.map((label, i) => (
                    <th scope="col" key={results.options[i]!.key}>
                      {label}
                    </th>
                  ))}
                  <th scope="col">{i18n.t('surveys.results.count')}</th>
                  {scale && <th scope="col">{i18n.t('surveys.results.meanColumn')}</th>}
                </tr>
              </thead>
              <tbody>
                {results.groups.map((group) => (
                  <tr key={group.value ?? '\u0000'} data-group={group.value ?? ''}>
                    <th scope="row">{groupValueLabel(group.value)}</th>
                    {countsByOption(group, results.options).map((count, i) => (
                      <td key={results.options[i]!.key} data-option={results.options[i]!.key}>
                        {formatNumber(count)}
                      </td>
                    ))}
                    <td data-testid="group-total">{formatNumber(group.total)}</td>
                    {scale && <td>{group.mean === null ? '' : formatNumber(group.mean)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
