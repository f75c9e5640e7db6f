import { describe, expect, it } from 'vitest';
import type { SurveyResults } from '../../contract';
import { createApiClient } from '../../utils/api/client';
import {
  countsByOption,
  groupedSeries,
  responsesFileName,
  resultsFileName,
  shareOf,
} from '../../utils/survey-admin/results';

const ID = '01940000-0000-7000-8000-0000000000ab';
const options = [
  { key: 'yes', label: 'Yes' },
  { key: 'no', label: 'No' },
];
const tally = (yes: number, no: number) => ({
  total: yes + no,
  counts: [
    { key: 'no', count: no },
    { key: 'yes', count: yes },
  ].filter((c) => c.count > 0),
  mean: null,
  comments: 0,
});

describe('survey results for charts and tables', () => {
  it("counts each option in the survey's order, with zeros for options nobody chose", () => {
    expect(countsByOption(tally(3, 0), options)).toEqual([3, 0]);
    expect(countsByOption(tally(2, 5), options)).toEqual([2, 5]);
  });

  it('gives a share of the total, and 0 when nobody answered', () => {
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(0, 0)).toBe(0);
  });

  it('draws one series per option over the groups with most answers, and says how many it left out', () => {
    const results: Pick<SurveyResults, 'options' | 'groups'> = {
      options,
      groups: [
        { value: 'videos', ...tally(4, 1) },
        { value: 'posts', ...tally(0, 2) },
        { value: null, ...tally(1, 0) },
      ],
    };
    expect(groupedSeries(results, 2)).toEqual({
      groups: results.groups.slice(0, 2),
      series: [
        { option: options[0], data: [4, 0] },
        { option: options[1], data: [1, 2] },
      ],
      omitted: 1,
    });
    expect(groupedSeries(results).omitted).toBe(0);
  });

  it('names the saved files as the API does', () => {
    expect(resultsFileName(ID, 'queue')).toBe(`survey-${ID}-results-by-queue.csv`);
    expect(resultsFileName(ID, null)).toBe(`survey-${ID}-results.csv`);
    expect(responsesFileName(ID)).toBe(`survey-${ID}-responses.csv`);
  });
});

describe('the survey calls of the API client', () => {
  it('asks for results and exports at the documented paths, and takes only CSV for an export', async () => {
    const seen: string[] = [];
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (async (url: string) => {
        seen.push(url);
        const csv = url.includes('.csv');
        return new Response(csv ? 'scope,count\n' : '{}', {
          headers: { 'Content-Type': url.includes('responses') ? 'text/html' : 'text/csv; charset=utf-8' },
        });
      }) as typeof fetch,
    });
    expect(await (await client.surveyResultsCsv(ID, 'policy')).text()).toBe('scope,count\n');
    await expect(client.surveyResponsesCsv(ID)).rejects.toMatchObject({ code: 'bad_reply' });
    await expect(client.surveyResults(ID, null)).rejects.toMatchObject({ code: 'bad_reply' });
    await expect(client.listSurveys({ status: 'active', limit: 10 })).rejects.toMatchObject({ code: 'bad_reply' });
    expect(seen).toEqual([
      `http://api.test/v1/surveys/${ID}/results.csv?groupBy=policy`,
      `http://api.test/v1/surveys/${ID}/responses.csv`,
      `http://api.test/v1/surveys/${ID}/results`,
      'http://api.test/v1/surveys?status=active&limit=10',
    ]);
  });

  it('sends a patch as JSON with the revision it read', async () => {
    let body: unknown;
    let method: string | undefined;
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (async (_url: string, init: RequestInit) => {
        method = init.method;
        body = JSON.parse(init.body as string);
        return new Response(JSON.stringify({ error: { code: 'stale_revision', message: 'changed meanwhile' } }), {
          status: 409,
        });
      }) as typeof fetch,
    });
    await expect(client.patchSurvey(ID, { status: 'closed', expectedRevision: 3 })).rejects.toMatchObject({
      status: 409,
      code: 'stale_revision',
      message: 'changed meanwhile',
    });
    expect(method).toBe('PATCH');
    expect(body).toEqual({ status: 'closed', expectedRevision: 3 });
  });
});
