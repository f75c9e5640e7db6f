import { z } from 'zod';
import {
  CoreIndexResponse,
  CoreIndexVersionsResponse,
  CustomMetricId,
  CustomMetricResponse,
  MetricsDefinitionsResponse,
  MetricsEventsResponse,
  MetricsSeriesResponse,
  SectionSignalsResponse,
  type CoreIndexInput,
  type CustomMetricCreate,
  type CustomMetricInput,
} from '../../contract';

/** Query-string values as a dashboard view holds them: text, empty meaning "not set". */
export type QueryFields = Readonly<Record<string, string | undefined>>;

/** `a=1&b=2` from the fields that are set, in the order given. */
export function queryString(fields: QueryFields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value) params.set(key, value);
  return params.toString();
}

interface MetricsKit {
  call: <T>(schema: z.ZodType<T>, path: string, init?: RequestInit) => Promise<T>;
  blob: (path: string, accept: RegExp) => Promise<Blob>;
}

const CSV = /^text\/csv/;

/** What `DELETE /v1/metrics/custom/{id}` answers. */
const CustomMetricDeleted = z.object({ deleted: CustomMetricId });

const customPath = (id: string) => `/v1/metrics/custom/${encodeURIComponent(id)}`;
const body = (method: string, value: unknown): RequestInit => ({ method, body: JSON.stringify(value) });

/**
 * The analysts' metrics calls (issue 11): definitions, daily series with control limits, the events
 * or reports behind a point, the sections whose errors and reports rose together, and the custom
 * metrics and core index versions analysts define. The dashboard passes its view's fields as they
 * are; the API checks them with the same contract.
 */
export function metricsCalls({ call, blob }: MetricsKit) {
  return {
    metricDefinitions: () => call(MetricsDefinitionsResponse, '/v1/metrics/definitions'),
    /** A metric's daily series; with `limits: 'true'` every judged day carries its control limits. */
    metricSeries: (fields: QueryFields) => call(MetricsSeriesResponse, `/v1/metrics/series?${queryString(fields)}`),
    metricSeriesCsv: (fields: QueryFields) => blob(`/v1/metrics/series.csv?${queryString(fields)}`, CSV),
    /** A page of what is behind a day or a range of days; `cursor` from the previous page. */
    metricEvents: (fields: QueryFields) => call(MetricsEventsResponse, `/v1/metrics/events?${queryString(fields)}`),
    /** Every event or report behind a day or a range, as CSV. */
    metricEventsCsv: (fields: QueryFields) => blob(`/v1/metrics/events.csv?${queryString(fields)}`, CSV),
    sectionSignals: (fields: QueryFields) =>
      call(SectionSignalsResponse, `/v1/metrics/section-signals?${queryString(fields)}`),
    sectionSignalsCsv: (fields: QueryFields) => blob(`/v1/metrics/section-signals.csv?${queryString(fields)}`, CSV),
    /** One custom metric with its filters, as stored now. */
    readCustomMetric: (id: string) => call(CustomMetricResponse, customPath(id)),
    /** Defines a metric; 409 when its id is taken. */
    createCustomMetric: (metric: CustomMetricCreate) =>
      call(CustomMetricResponse, '/v1/metrics/custom', body('POST', metric)),
    /** Replaces a custom metric's name, description and filters. */
    replaceCustomMetric: (id: string, metric: CustomMetricInput) =>
      call(CustomMetricResponse, customPath(id), body('PUT', metric)),
    deleteCustomMetric: (id: string) => call(CustomMetricDeleted, customPath(id), { method: 'DELETE' }),
    /** Every version of the core index, newest (the one in force) first, the built-in default last. */
    coreIndexVersions: () => call(CoreIndexVersionsResponse, '/v1/metrics/core-index/versions'),
    /** Saves a new version of the core index, which is then the one in force. */
    saveCoreIndex: (index: CoreIndexInput) => call(CoreIndexResponse, '/v1/metrics/core-index', body('PUT', index)),
  };
}
