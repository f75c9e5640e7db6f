import { expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApiErrorBody,
  CustomMetricCreate,
  GuidelinePublishRequest,
  QualityEventInput,
  SiteAdapter,
  SurveyCreateRequest,
  SyncPushResponse,
  type User,
} from '../../contract';
import { publishAdapter } from '../adapter-store';
import { createApp } from '../app';
import type { Database } from '../db/client';
import * as schema from '../db/schema';
import { pushGapReports } from '../gap-report-push';
import { formatGuidelineMarkdown } from '../guideline-markdown';
import { encodeCursor } from '../inbox-cursor';
import { publishGuideline } from '../guideline-store';
import { importEvents } from '../import';
import { createJob } from '../import-jobs';
import { DEFAULT_POLICY } from '../policy';
import { createCustomMetric } from '../metrics/store';
import { createToken } from '../tokens';
import { pushSurveyResponses } from '../survey-push';
import { createSurvey } from '../survey-store';
import { upsertUsers } from '../users';
import { describeEachDatabase, resetDatabase } from './databases';
import { adapterDoc, csv, eventRow, healthReport, ndjson } from './fixtures';
import { gapReport, png, reportId, screenshotOf } from './gap-fixtures';
import { guidelineDoc } from './guideline-fixtures';
import { useTestApp } from './harness';
import { answer, yesNoSurvey } from './survey-fixtures';
import { createLeafFinder, getAt, isFreeText, setAt, type JsonSchema, type OpenApiDocument } from './request-leaves';

/*
 * Every operation of the OpenAPI document, every string it takes (body, query, path), four hostile
 * values each: the answer is a 4xx in the contract's error body naming the field, nothing is stored,
 * and nothing is ever 5xx. A new route without a fixture below fails the first test.
 */

const DEMO_USERS: User[] = [{ id: 'mod.demo', name: 'Demo Moderator', roles: ['moderator'] }];

// The document is built without a database: route registration never touches one.
const document = createApp({
  db: null as unknown as Database,
  kind: 'pglite',
  version: 'test',
  demoUsers: DEMO_USERS,
}).getOpenAPI31Document({
  openapi: '3.1.0',
  info: { title: 'QA Lens API', version: 'test' },
}) as unknown as OpenApiDocument;

const { leavesOf } = createLeafFinder(document);

const OPERATIONS = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
);

/** What setup leaves in the database for fixtures to refer to. */
interface Context {
  /** An admin who is also an analyst: every authenticated route admits them. */
  token: string;
  /** Another token of the same admin, for revoking. */
  spareTokenId: string;
  /** An import job to read. */
  jobId: string;
  /** A gap report with a screenshot, filed by the admin. */
  reportId: string;
  /** Another report of the admin's, to merge into the first. */
  duplicateId: string;
  /** An active survey the admin answered once. */
  surveyId: string;
}

/** A valid request for one operation, and the status it gets. */
interface Fixture {
  ok: number;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent without a token (demo and liveness routes). */
  anonymous?: boolean;
  /**
   * Free-text query values that only select (inbox filters, search): markup there is a legitimate
   * value that matches nothing, so it answers `ok` and stores nothing, with nothing to keep verbatim.
   */
  selects?: string[];
}

const ITEM = { site: 'acme', itemKey: 'item-1' };
const ADAPTER = adapterDoc({
  version: 2,
  item: {
    shadowHosts: ['review-queue'],
    selector: '.card',
    key: { from: 'attribute', selector: '.id', name: 'data-id', pattern: '(?<value>\\d+)', transforms: ['trim'] },
    fields: {
      queue: { from: 'text', selector: '.queue', scope: 'page', pattern: '(.+)', transforms: ['lowercase'] },
      category: { from: 'url', part: 'search', param: 'category', pattern: '(.+)', transforms: ['trim'] },
    },
    required: ['queue'],
  },
  badge: { selector: '.title', position: 'after' },
});

const FIXTURES: Record<string, (ctx: Context) => Fixture> = {
  'GET /health': () => ({ ok: 200, anonymous: true }),
  'GET /v1/me': () => ({ ok: 200 }),
  'POST /v1/users': () => ({ ok: 201, body: { id: 'new.user', name: 'New User', roles: ['moderator'] } }),
  'GET /v1/tokens': () => ({ ok: 200 }),
  'DELETE /v1/tokens/{id}': (ctx) => ({ ok: 200, params: { id: ctx.spareTokenId } }),
  'GET /v1/users/{id}/tokens': () => ({ ok: 200, params: { id: 'ana' } }),
  'POST /v1/users/{id}/tokens': () => ({ ok: 201, params: { id: 'ana' }, body: { label: 'laptop', days: 30 } }),
  'GET /v1/demo/users': () => ({ ok: 200, anonymous: true }),
  'POST /v1/demo/sign-in': () => ({ ok: 200, anonymous: true, body: { userId: 'mod.demo' } }),
  'POST /v1/quality-events/import': () => ({ ok: 200 }), // its own cases below: the body is a file
  'GET /v1/quality-events/imports': () => ({ ok: 200, query: { limit: '10' } }),
  'GET /v1/quality-events/imports/{id}': (ctx) => ({ ok: 200, params: { id: ctx.jobId } }),
  'GET /v1/users/{id}/quality': () => ({ ok: 200, params: { id: 'ana' }, query: { weeks: '4', tz: 'Europe/Berlin' } }),
  'POST /v1/items/lookup': () => ({ ok: 200, body: { items: [ITEM] } }),
  'GET /v1/items/events': () => ({ ok: 200, query: { ...ITEM, limit: '10' } }),
  'POST /v1/adapters/health': () => ({
    ok: 202,
    body: { reports: [healthReport({ selectorsNeverMatched: ['title'], missingFields: { title: 3 } })] },
  }),
  'GET /v1/adapters/health': () => ({ ok: 200, query: { hours: '24' } }),
  'GET /v1/adapters': () => ({ ok: 200, query: { since: '0', limit: '10' } }),
  'PUT /v1/adapters/{id}': () => ({ ok: 200, params: { id: 'acme-queue' }, body: ADAPTER }),
  'POST /v1/adapters/{id}/disable': () => ({ ok: 200, params: { id: 'acme-queue' } }),
  'POST /v1/adapters/{id}/enable': () => ({ ok: 200, params: { id: 'acme-queue' } }),
  'GET /v1/adapters/{id}/history': () => ({ ok: 200, params: { id: 'acme-queue' } }),
  // JSON here; markdown has its own cases below.
  'POST /v1/guidelines/publish': () => ({ ok: 201, body: guidelineDoc({ version: 'acme-2' }) }),
  'GET /v1/guidelines': () => ({ ok: 200 }),
  'GET /v1/guidelines/{id}/versions/{version}': () => ({ ok: 200, params: { id: 'acme-handbook', version: 'acme-1' } }),
  'GET /v1/guidelines/{id}/history': () => ({ ok: 200, params: { id: 'acme-handbook' } }),
  'GET /v1/sync/guidelines': () => ({ ok: 200, query: { since: '0', limit: '10' } }),
  'POST /v1/sync/push': () => ({ ok: 200, body: { reports: [GAP_REPORT] } }), // its own case below: per-report outcomes
  'GET /v1/sync/gap-reports': () => ({ ok: 200, query: { since: '0', limit: '10' } }),
  'GET /v1/gap-reports/{id}/screenshot': (ctx) => ({ ok: 200, params: { id: ctx.reportId } }),
  'PATCH /v1/gap-reports/{id}': (ctx) => ({
    ok: 200,
    params: { id: ctx.reportId },
    body: { status: 'triaged', assignee: 'ana' },
  }),
  'POST /v1/gap-reports/{id}/comments': (ctx) => ({
    ok: 201,
    params: { id: ctx.reportId },
    body: { id: reportId(500), body: 'Section 5.3 now names satire.' },
  }),
  'GET /v1/gap-reports/{id}/history': (ctx) => ({ ok: 200, params: { id: ctx.reportId } }),
  'GET /v1/gap-reports': () => ({
    ok: 200,
    query: { ...INBOX_FILTERS, limit: '10', count: 'true', cursor: CURSOR },
    selects: INBOX_SELECTS,
  }),
  'GET /v1/gap-reports/export.csv': () => ({ ok: 200, query: INBOX_FILTERS, selects: INBOX_SELECTS }),
  'GET /v1/gap-reports/{id}': (ctx) => ({ ok: 200, params: { id: ctx.reportId } }),
  'POST /v1/gap-reports/bulk': (ctx) => ({
    ok: 200,
    body: { ids: [ctx.reportId], status: 'triaged', assignee: 'ana' },
  }),
  'GET /v1/gap-reports/{id}/duplicates': (ctx) => ({ ok: 200, params: { id: ctx.reportId } }),
  'POST /v1/gap-reports/{id}/merge': (ctx) => ({
    ok: 200,
    params: { id: ctx.reportId },
    body: { duplicates: [ctx.duplicateId] },
  }),
  // Surveys: the create, the patch and the answer push have their own cases in survey-hostile.test.ts
  // (a survey is either a scale or a choice, so one request cannot carry every string).
  'POST /v1/surveys': () => ({ ok: 201, body: SURVEY }),
  'GET /v1/surveys': () => ({
    ok: 200,
    query: { status: 'active', before: 'ffffffff-ffff-7fff-bfff-ffffffffffff', limit: '10' },
  }),
  'GET /v1/surveys/{id}': (ctx) => ({ ok: 200, params: { id: ctx.surveyId } }),
  'PATCH /v1/surveys/{id}': (ctx) => ({ ok: 200, params: { id: ctx.surveyId }, body: { responseCap: 50 } }),
  'GET /v1/surveys/{id}/results': (ctx) => ({ ok: 200, params: { id: ctx.surveyId }, query: { groupBy: 'queue' } }),
  'GET /v1/surveys/{id}/results.csv': (ctx) => ({
    ok: 200,
    params: { id: ctx.surveyId },
    query: { groupBy: 'section' },
  }),
  'GET /v1/surveys/{id}/responses.csv': (ctx) => ({ ok: 200, params: { id: ctx.surveyId } }),
  'GET /v1/sync/surveys': () => ({ ok: 200, query: { since: '0', limit: '10' } }),
  'POST /v1/sync/survey-responses': (ctx) => ({ ok: 200, body: { responses: [answer(2, ctx.surveyId)] } }),
  'GET /v1/sync/survey-responses': () => ({ ok: 200, query: { since: '0', limit: '10' } }),
  // Metrics (issue 11): every filter of a series set; free-text names only select.
  'GET /v1/metrics/series': () => ({ ok: 200, query: METRIC_SERIES, selects: METRIC_SELECTS }),
  'GET /v1/metrics/series.csv': () => ({ ok: 200, query: METRIC_SERIES, selects: METRIC_SELECTS }),
  'GET /v1/metrics/events': () => ({
    ok: 200,
    query: {
      ...METRIC_FILTERS,
      metric: 'accuracy',
      date: '2024-03-01',
      tz: 'Europe/Berlin',
      limit: '10',
      cursor: METRIC_CURSOR,
    },
    selects: METRIC_SELECTS,
  }),
  'GET /v1/metrics/events.csv': () => ({
    ok: 200,
    query: { ...METRIC_FILTERS, metric: 'accuracy', from: '2024-02-01', to: '2024-03-31', tz: 'Europe/Berlin' },
    selects: METRIC_SELECTS,
  }),
  'GET /v1/metrics/section-signals': () => ({ ok: 200, query: SIGNALS_QUERY }),
  'GET /v1/metrics/section-signals.csv': () => ({ ok: 200, query: SIGNALS_QUERY }),
  'GET /v1/metrics/definitions': () => ({ ok: 200 }),
  'GET /v1/metrics/custom': () => ({ ok: 200 }),
  'POST /v1/metrics/custom': () => ({ ok: 201, body: { id: 'spam_accuracy', ...CUSTOM_METRIC } }),
  'GET /v1/metrics/custom/{id}': () => ({ ok: 200, params: { id: 'seeded_metric' } }),
  'PUT /v1/metrics/custom/{id}': () => ({ ok: 200, params: { id: 'seeded_metric' }, body: CUSTOM_METRIC }),
  'DELETE /v1/metrics/custom/{id}': () => ({ ok: 200, params: { id: 'seeded_metric' } }),
  'GET /v1/metrics/core-index': () => ({ ok: 200 }),
  'PUT /v1/metrics/core-index': () => ({
    ok: 201,
    body: {
      name: 'Core index',
      description: 'Accuracy, with overturns against',
      components: [
        { metric: 'accuracy', weight: 2, invert: false },
        { metric: 'overturn_rate', weight: 1, invert: true },
      ],
    },
  }),
  'GET /v1/metrics/core-index/versions': () => ({ ok: 200 }),
  'GET /v1/metrics/core-index/versions/{version}': () => ({ ok: 200, params: { version: '0' } }),
};

/** Every dimension filter of a metrics read, each set (the series may well be empty). */
const METRIC_FILTERS = {
  site: 'acme',
  queue: 'general',
  policy: 'spam',
  guideline_version: 'v1',
  actor: 'mod.one',
};
const METRIC_SELECTS = ['queue', 'policy', 'guideline_version', 'actor'];
const METRIC_SERIES = {
  ...METRIC_FILTERS,
  metric: 'accuracy',
  groupBy: 'queue',
  from: '2024-02-01',
  to: '2024-03-31',
  tz: 'Europe/Berlin',
  version: '0',
  limits: 'true',
};
const SIGNALS_QUERY = {
  from: '2024-01-01',
  to: '2024-12-31',
  tz: 'Europe/Berlin',
  windowDays: '14',
  site: 'acme',
  guideline: 'acme-handbook',
};
/** A drill-down cursor as the route makes them: base64url of [time, id]. */
const METRIC_CURSOR = Buffer.from(JSON.stringify(['2099-01-01T00:00:00.000000Z', 'zzz'])).toString('base64url');
/** A custom metric with every filter field set. */
const CUSTOM_METRIC = {
  name: 'Spam accuracy',
  description: 'QA audits of spam judged correct',
  numerator: { verdict: ['correct'] },
  denominator: {
    kind: ['qa_audit'],
    verdict: ['correct', 'incorrect'],
    site: ['acme'],
    queue: ['general'],
    policy: ['spam'],
    guidelineVersion: ['v1'],
  },
};

/** An active yes/no survey, open from 2020 to 2099 by any clock these tests run on. */
const SURVEY = yesNoSurvey({ window: { startsAt: '2020-01-01T00:00:00.000Z', endsAt: '2099-01-01T00:00:00.000Z' } });

/** Every filter of an inbox view, each set (the view may well be empty). */
const INBOX_FILTERS = {
  status: 'new,triaged',
  type: 'unclear',
  severity: 'medium,high',
  site: 'demo-moderation',
  queue: 'general',
  policy: 'misinformation',
  guideline: 'moderation-handbook',
  section: 'misinfo',
  version: 'mod-2026.3',
  reporterRole: 'admin',
  assignee: 'none',
  from: '2026-01-01',
  to: '2099-12-31',
  tz: 'Europe/Berlin',
  q: 'satire',
  sort: 'created_desc',
  merged: 'include',
};
const INBOX_SELECTS = ['queue', 'policy', 'q'];
const CURSOR = encodeCursor({ sort: 'created_desc', at: '2099-01-01T00:00:00.000000Z', id: reportId(1) });

/** A report with every part of its context and a screenshot, pushed as a new id. */
const GAP_REPORT = gapReport(2, { screenshot: screenshotOf(png(4, 3), 'image/png', 4, 3) });

const MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

/** The four hostile values, as a JSON string and as URL text (a lone surrogate has no UTF-8, so its WTF-8 bytes). */
const HOSTILE = {
  nul: { json: (valid: string) => `${valid}\u0000`, url: (valid: string) => `${encodeURIComponent(valid)}%00` },
  surrogate: {
    json: (valid: string) => `${valid}\ud800`,
    url: (valid: string) => `${encodeURIComponent(valid)}%ED%A0%80`,
  },
  long: { json: (valid: string) => valid.padEnd(70_000, 'x'), url: (valid: string) => valid.padEnd(70_000, 'x') },
  markup: { json: () => MARKUP, url: () => encodeURIComponent(MARKUP) },
} as const;
type HostileKind = keyof typeof HOSTILE;
const KINDS = Object.keys(HOSTILE) as HostileKind[];

/** The URL of a fixture, with one parameter's text replaced by already-encoded `raw`. */
function urlOf(
  template: string,
  fixture: Fixture,
  replace?: { at: 'query' | 'path'; name: string; raw: string },
): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
    replace?.at === 'path' && replace.name === name ? replace.raw : encodeURIComponent(fixture.params?.[name] ?? ''),
  );
  const query = Object.entries(fixture.query ?? {}).filter(
    ([name]) => !(replace?.at === 'query' && replace.name === name),
  );
  const parts = query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  if (replace?.at === 'query') parts.push(`${encodeURIComponent(replace.name)}=${replace.raw}`);
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}

function jsonOf(fixture: Fixture): string | undefined {
  return fixture.body === undefined ? undefined : JSON.stringify(fixture.body);
}

const COUNTED_TABLES = {
  users: schema.users,
  apiTokens: schema.apiTokens,
  qualityEvents: schema.qualityEvents,
  itemSummaries: schema.itemSummaries,
  siteAdapters: schema.siteAdapters,
  siteAdapterHistory: schema.siteAdapterHistory,
  adapterHealthReports: schema.adapterHealthReports,
  guidelines: schema.guidelines,
  guidelineVersions: schema.guidelineVersions,
  guidelinePublishLog: schema.guidelinePublishLog,
  gapReports: schema.gapReports,
  gapReportScreenshots: schema.gapReportScreenshots,
  gapReportComments: schema.gapReportComments,
  gapReportHistory: schema.gapReportHistory,
  surveys: schema.surveys,
  surveyResponses: schema.surveyResponses,
  customMetrics: schema.customMetrics,
  coreIndexVersions: schema.coreIndexVersions,
};

/** Row counts of every table a client can fill (rate-limit counters are bookkeeping, not client data). */
async function rowCounts(db: Database): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(COUNTED_TABLES).map(async ([name, table]) => [name, await db.$count(table)] as const),
  );
  return Object.fromEntries(entries);
}

/** True when `text` arrived unchanged: in the answer, or in a row of a table a client can fill. */
async function keptVerbatim(db: Database, res: Response, text: string): Promise<boolean> {
  const quoted = JSON.stringify(text).slice(1, -1);
  if ((await res.clone().text()).includes(quoted)) return true;
  const rows = await Promise.all(Object.values(COUNTED_TABLES).map((table) => db.select().from(table)));
  return JSON.stringify(rows).includes(quoted);
}

/** The database every fixture starts from; returns what fixtures refer to. */
async function seed(db: Database): Promise<Context> {
  await resetDatabase(db);
  const admin: User = { id: 'root.admin', name: 'Root', roles: ['admin', 'analyst'] };
  await upsertUsers(db, [admin, { id: 'ana', name: 'Ana', roles: ['analyst'] }]);
  const spec = { label: 'test', days: DEFAULT_POLICY.tokenTtlDays, now: new Date() };
  const { token } = await createToken(db, admin, spec);
  const spare = await createToken(db, admin, spec);
  await publishAdapter(db, SiteAdapter.parse(adapterDoc()), admin.id);
  await importEvents(db, [QualityEventInput.parse(eventRow({ id: 'ev-1', ...ITEM }))]);
  await publishGuideline(db, GuidelinePublishRequest.parse(guidelineDoc()), admin.id);
  const jobId = await createJob(db, { createdBy: admin.id, source: null, format: 'ndjson' });
  const [pushed, other] = await pushGapReports(db, admin.id, [
    gapReport(1, { screenshot: GAP_REPORT.screenshot }),
    gapReport(3),
  ]);
  const { status: _status, ...survey } = SurveyCreateRequest.parse(SURVEY);
  const { id: surveyId } = await createSurvey(db, survey, 'active', admin.id);
  await pushSurveyResponses(db, admin.id, [answer(1, surveyId)], new Date());
  await createCustomMetric(
    db,
    CustomMetricCreate.parse({ id: 'seeded_metric', name: 'Seeded', numerator: {}, denominator: null }),
    admin.id,
  );
  return { token, spareTokenId: spare.tokenId, jobId, reportId: pushed!.id!, duplicateId: other!.id!, surveyId };
}

it('has a valid-request fixture for exactly the operations the OpenAPI document lists', () => {
  const keys = OPERATIONS.map((op) => op.key).sort();
  expect(
    keys.filter((key) => !FIXTURES[key]),
    'operations without a fixture',
  ).toEqual([]);
  expect(
    Object.keys(FIXTURES).filter((key) => !keys.includes(key)),
    'fixtures of removed operations',
  ).toEqual([]);
});

it('finds every string of a nested request: all union branches, arrays, records and the path', () => {
  const { leaves, untested } = leavesOf(document.paths['/v1/adapters/{id}']!.put!, ADAPTER);
  expect(untested).toEqual([]);
  expect(leaves.map((leaf) => `${leaf.at}:${leaf.path.join('.')}`)).toEqual([
    'path:id',
    ...['id', 'name', 'site', 'matches.0', 'item.shadowHosts.0', 'item.selector'].map((field) => `body:${field}`),
    ...['from', 'selector', 'scope', 'name', 'pattern', 'transforms.0'].map((field) => `body:item.key.${field}`),
    ...['from', 'selector', 'scope', 'pattern', 'transforms.0'].map((field) => `body:item.fields.queue.${field}`),
    ...['from', 'part', 'param', 'pattern', 'transforms.0'].map((field) => `body:item.fields.category.${field}`),
    'body:item.required.0',
    'body:badge.selector',
    'body:badge.position',
  ]);
  // Without its url-type field the fixture leaves that branch of the union untested (first missed at the key).
  const { category: _category, ...fields } = ADAPTER.item.fields ?? {};
  const partial = { ...ADAPTER, item: { ...ADAPTER.item, fields } };
  expect(leavesOf(document.paths['/v1/adapters/{id}']!.put!, partial).untested).toEqual(['item.key']);
});

describeEachDatabase('hostile input', (database) => {
  const t = useTestApp(database, { demoUsers: DEMO_USERS });

  async function send(key: string, ctx: Context, fixture: Fixture, url: string, body?: string, contentType?: string) {
    const method = key.split(' ')[0]!;
    return t.request(method, url, {
      ...(fixture.anonymous ? {} : { token: ctx.token }),
      ...(body === undefined ? {} : { body, contentType: contentType ?? 'application/json' }),
    });
  }

  /** Asserts a refusal: 4xx, the contract's error body naming `field`, and no row stored. */
  async function expectRefused(
    res: Response,
    field: string,
    before: Record<string, number>,
    { line, urlLevel = false }: { line?: number; urlLevel?: boolean } = {},
  ) {
    expect(res.status, `${field}: status`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${field}: status`).toBeLessThan(500);
    const { error } = ApiErrorBody.parse(await res.json());
    const named = (error.details ?? []).some((d) => d.path === field && (line === undefined || d.line === line));
    // An undecodable %-escape is refused before routing, where the URL, not a parameter, is named.
    const namedUrl = urlLevel && /URL/.test(error.message);
    expect(named || namedUrl, `${field}: ${JSON.stringify(error).slice(0, 300)}`).toBe(true);
    expect(await rowCounts(t.db), `${field}: rows stored`).toEqual(before);
    return error;
  }

  const OWN_CASES = [
    'POST /v1/quality-events/import',
    'POST /v1/sync/push',
    // In survey-hostile.test.ts.
    'POST /v1/surveys',
    'PATCH /v1/surveys/{id}',
    'POST /v1/sync/survey-responses',
  ];
  it.each(OPERATIONS.filter((op) => !OWN_CASES.includes(op.key)))(
    '$key refuses NUL, lone surrogates and 70,000 characters in every string, and never answers 5xx',
    async ({ key, operation }) => {
      const template = key.slice(key.indexOf(' ') + 1);
      let ctx = await seed(t.db);
      const fixture = FIXTURES[key]!(ctx);
      const valid = await send(key, ctx, fixture, urlOf(template, fixture), jsonOf(fixture));
      expect(valid.status, `the valid fixture of ${key}: ${await valid.clone().text()}`).toBe(fixture.ok);

      const { leaves, untested } = leavesOf(operation, fixture.body);
      expect(untested, `parts of ${key} the fixture leaves untested`).toEqual([]);
      ctx = await seed(t.db);
      for (const leaf of leaves) {
        for (const kind of KINDS) {
          const fresh = FIXTURES[key]!(ctx);
          const field = leaf.path.join('.');
          const label = `${key} ${leaf.at}:${field} ${kind}`;
          const before = await rowCounts(t.db);
          let res: Response;
          if (leaf.at === 'body') {
            const body = structuredClone(fresh.body);
            const current = getAt(body, leaf.path);
            setAt(body, leaf.path, HOSTILE[kind].json(typeof current === 'string' ? current : 'a'));
            res = await send(key, ctx, fresh, urlOf(template, fresh), JSON.stringify(body));
          } else {
            const name = String(leaf.path[0]);
            const current = (leaf.at === 'path' ? fresh.params : fresh.query)?.[name] ?? 'a';
            const raw = HOSTILE[kind].url(current);
            res = await send(key, ctx, fresh, urlOf(template, fresh, { at: leaf.at, name, raw }), jsonOf(fresh));
          }
          expect(res.status, label).toBeLessThan(500);
          if (kind === 'markup' && isFreeText(leaf.schema)) {
            // Markup is text: a free-text field takes it verbatim (escaping is the renderer's job).
            expect(res.status, `${label}: ${await res.clone().text()}`).toBe(fresh.ok);
            if (leaf.at === 'query' && fresh.selects?.includes(field)) {
              expect(await rowCounts(t.db), `${label}: rows stored`).toEqual(before);
              continue;
            }
            expect(await keptVerbatim(t.db, res, MARKUP), label).toBe(true);
            ctx = await seed(t.db);
            continue;
          }
          const urlLevel = leaf.at !== 'body' && kind === 'surrogate';
          const error = await expectRefused(res, field, before, { urlLevel });
          // An enum or a format (a date, a URL) refuses any other value first; any other string says
          // what is wrong with the text.
          const s = leaf.schema;
          const says = leaf.at === 'body' && s.enum === undefined && s.const === undefined && s.format === undefined;
          if (says && kind === 'nul') expect(JSON.stringify(error), label).toContain('NUL');
          if (says && kind === 'surrogate') expect(JSON.stringify(error), label).toContain('surrogate');
        }
      }
    },
  );

  it('refuses hostile record keys with an error body that still fits the contract', async () => {
    const ctx = await seed(t.db);
    for (const key of ['k'.repeat(70_000), 'queue\u0000', 'queue\ud800']) {
      const body = { ...ADAPTER, item: { ...ADAPTER.item, fields: { [key]: { from: 'text' } } } };
      const before = await rowCounts(t.db);
      const res = await t.request('PUT', '/v1/adapters/acme-queue', { token: ctx.token, json: body });
      expect(res.status).toBe(400);
      // The contract caps messages and paths, so the client can read this refusal too.
      expect(ApiErrorBody.safeParse(await res.json()).success).toBe(true);
      expect(await rowCounts(t.db)).toEqual(before);
    }
  });

  // Every string a markdown guideline carries, by its path in the request (and in error details).
  const MARKDOWN_FIELDS: { field: string; path: string; free: boolean }[] = [
    { field: 'guidelineId', path: 'guideline', free: false },
    { field: 'site', path: 'site', free: false },
    { field: 'title', path: 'title', free: true },
    { field: 'version', path: 'version', free: false },
    { field: 'effectiveFrom', path: 'effectiveFrom', free: false },
    ...['id', 'heading', 'body', 'policies.0', 'categories.0', 'labels.0', 'keywords.0'].map((name) => ({
      field: `sections.0.${name}`,
      path: `sections.0.${name}`,
      free: name !== 'id',
    })),
  ];

  it('a markdown guideline with a hostile value in any field is refused with 422 naming it, or kept verbatim when it is text', async () => {
    let ctx = await seed(t.db);
    const fixture: Fixture = { ok: 201 };
    const publish = (doc: unknown) =>
      send('POST', ctx, fixture, '/v1/guidelines/publish', formatGuidelineMarkdown(doc as never), 'text/markdown');
    expect((await publish(guidelineDoc({ version: 'acme-2' }))).status).toBe(201);

    ctx = await seed(t.db);
    // Markdown is UTF-8 text: a lone surrogate cannot be written in it (it arrives as U+FFFD).
    for (const { field, path, free } of MARKDOWN_FIELDS) {
      for (const kind of KINDS.filter((k) => k !== 'surrogate')) {
        const doc = structuredClone(guidelineDoc({ version: 'acme-2' })) as Record<string, unknown>;
        const keys = field.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
        const current = getAt(doc, keys);
        setAt(doc, keys, HOSTILE[kind].json(typeof current === 'string' ? current : 'a'));
        const label = `markdown ${field} ${kind}`;
        const before = await rowCounts(t.db);
        const res = await publish(doc);
        expect(res.status, label).toBeLessThan(500);
        if (kind === 'markup' && free) {
          expect(res.status, `${label}: ${await res.clone().text()}`).toBe(201);
          expect(await keptVerbatim(t.db, res, MARKUP), label).toBe(true);
          ctx = await seed(t.db);
          continue;
        }
        expect(res.status, `${label}: ${await res.clone().text()}`).toBe(422);
        const { error } = ApiErrorBody.parse(await res.json());
        // A NUL written into the text itself (not as a YAML escape) is refused before parsing, by line.
        const named = (error.details ?? []).some(
          (d) => d.path === path || (kind === 'nul' && d.path === '(file)' && d.line !== undefined),
        );
        expect(named, `${label}: ${JSON.stringify(error).slice(0, 300)}`).toBe(true);
        // A date refuses any other text first, as in the JSON cases.
        if (kind === 'nul' && field !== 'effectiveFrom') expect(JSON.stringify(error), label).toContain('NUL');
        expect(await rowCounts(t.db), `${label}: rows stored`).toEqual(before);
      }
    }
  });

  it('a pushed report with a hostile value in any string is rejected alone naming the field, or kept verbatim when it is text', async () => {
    const key = 'POST /v1/sync/push';
    let ctx = await seed(t.db);
    const fixture = FIXTURES[key]!(ctx);
    let companion = 1000;
    // Each push carries a valid companion report too: a hostile report is refused alone, the other is stored.
    const pushWith = (report: unknown) =>
      t.request('POST', '/v1/sync/push', {
        token: ctx.token,
        json: { reports: [report, gapReport((companion += 1))] },
      });
    const valid = await pushWith(GAP_REPORT);
    expect(SyncPushResponse.parse(await valid.json()).results.map((r) => r.outcome)).toEqual(['created', 'created']);

    const operation = OPERATIONS.find((op) => op.key === key)!.operation;
    const { leaves, untested } = leavesOf(operation, fixture.body);
    expect(untested, 'parts of a report the fixture leaves untested').toEqual([]);
    // The walk does not enter records: the adapter's fields are one, added here by hand.
    const all = [...leaves, { at: 'body' as const, path: ['reports', 0, 'context', 'fields', 'queue'], schema: {} }];
    ctx = await seed(t.db);
    for (const leaf of all) {
      const inner = leaf.path.slice(2);
      const field = inner.join('.');
      for (const kind of KINDS) {
        const label = `push ${field} ${kind}`;
        const report = structuredClone(GAP_REPORT) as unknown;
        const current = getAt(report, inner);
        setAt(report, inner, HOSTILE[kind].json(typeof current === 'string' ? current : 'a'));
        const before = await rowCounts(t.db);
        const res = await pushWith(report);
        expect(res.status, label).toBe(200);
        const [result, other] = SyncPushResponse.parse(await res.clone().json()).results;
        expect(other!.outcome, label).toBe('created');
        if (kind === 'markup' && isFreeText(leaf.schema)) {
          expect(result!.outcome, `${label}: ${JSON.stringify(result)}`).toBe('created');
          expect(await keptVerbatim(t.db, res, MARKUP), label).toBe(true);
          ctx = await seed(t.db);
          continue;
        }
        expect(result!.outcome, label).toBe('rejected');
        // The image's own bytes are checked after the contract: a long but well-formed base64 gets that far.
        expect(['invalid', 'screenshot_invalid'], label).toContain(result!.code);
        expect(
          result!.details?.some((d) => d.path === field),
          `${label}: ${JSON.stringify(result).slice(0, 300)}`,
        ).toBe(true);
        const s = leaf.schema;
        if (s.enum === undefined && s.format === undefined && kind === 'nul')
          expect(result!.message, label).toContain('NUL');
        if (s.enum === undefined && s.format === undefined && kind === 'surrogate') {
          expect(result!.message, label).toContain('surrogate');
        }
        expect(await rowCounts(t.db), label).toEqual({ ...before, gapReports: before.gapReports! + 1 });
      }
    }
  });

  const IMPORT_FIELDS = z.toJSONSchema(QualityEventInput, { io: 'input' }) as JsonSchema;
  const rows = () => [1, 2, 3].map((n) => eventRow({ id: `ev-${n}`, itemKey: `item-${n}` }));

  it.each([
    { format: 'ndjson', contentType: 'application/x-ndjson', kinds: KINDS, line: 2 },
    // A CSV is UTF-8 text: a lone surrogate cannot be written in it (it arrives as U+FFFD).
    { format: 'csv', contentType: 'text/csv', kinds: KINDS.filter((k) => k !== 'surrogate'), line: 3 },
  ] as const)(
    'an $format import with a hostile value in any column of row 2 is refused with 422 naming line and field',
    async ({ format, contentType, kinds, line }) => {
      const ctx = await seed(t.db);
      const fixture: Fixture = { ok: 200 };
      const encode = (list: ReturnType<typeof rows>) => (format === 'csv' ? csv(list) : ndjson(list));
      const valid = await send('POST', ctx, fixture, '/v1/quality-events/import', encode(rows()), contentType);
      expect(valid.status).toBe(200);

      const fields = Object.keys(IMPORT_FIELDS.properties!);
      expect(fields).toHaveLength(Object.keys(QualityEventInput.shape).length);
      let context = await seed(t.db);
      for (const field of fields) {
        for (const kind of kinds) {
          const list = rows();
          const current = list[1]![field as keyof (typeof list)[1]];
          (list[1] as Record<string, unknown>)[field] = HOSTILE[kind].json(typeof current === 'string' ? current : 'a');
          const before = await rowCounts(t.db);
          const res = await send('POST', context, fixture, '/v1/quality-events/import', encode(list), contentType);
          const label = `${format} ${field} ${kind}`;
          expect(res.status, label).toBeLessThan(500);
          if (kind === 'markup' && isFreeText(IMPORT_FIELDS.properties![field]!)) {
            expect(res.status, label).toBe(200);
            expect(await keptVerbatim(t.db, res, MARKUP), label).toBe(true);
            context = await seed(t.db);
            continue;
          }
          expect(res.status, label).toBe(422);
          await expectRefused(res, field, before, { line });
        }
      }
    },
  );
});
