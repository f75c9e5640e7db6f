import { createRoute, z } from '@hono/zod-openapi';
import {
  CoreIndexInput,
  CoreIndexResponse,
  CoreIndexVersionsResponse,
  CustomMetricCreate,
  CustomMetricId,
  CustomMetricInput,
  CustomMetricListResponse,
  CustomMetricResponse,
} from '../../contract';
import { bearerSecurity, requireRoles } from '../auth';
import { ApiError, errorResponses } from '../errors';
import {
  createCustomMetric,
  currentCoreIndex,
  deleteCustomMetric,
  findCoreIndex,
  findCustomMetric,
  listCoreIndexVersions,
  listCustomMetrics,
  replaceCustomMetric,
  saveCoreIndex,
} from '../metrics/store';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const idParam = z.object({ id: CustomMetricId });
const versionParam = z.object({ version: z.coerce.number().int().min(0).max(1_000_000) });

/** Registers the analysts' custom metrics (CRUD) and the versioned core index. */
export function registerMetricDefinitionRoutes(app: Api, deps: RouteDeps): void {
  const analysts = requireRoles(deps.db, deps.now, ['admin', 'analyst']);
  const notFound = (id: string) => new ApiError(404, 'not_found', `no custom metric ${id}`);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/metrics/custom',
      summary: 'Custom metrics by id (analysts, admins)',
      security: bearerSecurity,
      middleware: [analysts] as const,
      responses: {
        200: { description: 'The metrics', content: json(CustomMetricListResponse) },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ metrics: await listCustomMetrics(deps.db) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/metrics/custom',
      summary: 'Define a metric as a numerator and a denominator filter over event fields (analysts, admins)',
      description:
        'With `denominator: null` the metric counts the numerator’s events; otherwise it is the share of the ' +
        'denominator’s events that also match the numerator. Filters list allowed values; no code or SQL.',
      security: bearerSecurity,
      middleware: [analysts] as const,
      request: { body: { required: true, content: json(CustomMetricCreate) } },
      responses: {
        201: { description: 'Created', content: json(CustomMetricResponse) },
        ...errorResponses(400, 401, 403, 409, 415),
      },
    }),
    async (c) => c.json({ metric: await createCustomMetric(deps.db, c.req.valid('json'), c.get('user').id) }, 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/metrics/custom/{id}',
      summary: 'One custom metric (analysts, admins)',
      security: bearerSecurity,
      middleware: [analysts] as const,
      request: { params: idParam },
      responses: {
        200: { description: 'The metric', content: json(CustomMetricResponse) },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const metric = await findCustomMetric(deps.db, id);
      if (!metric) throw notFound(id);
      return c.json({ metric }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/metrics/custom/{id}',
      summary: 'Replace a custom metric’s name, description and filters (analysts, admins)',
      security: bearerSecurity,
      middleware: [analysts] as const,
      request: { params: idParam, body: { required: true, content: json(CustomMetricInput) } },
      responses: {
        200: { description: 'The metric as it now is', content: json(CustomMetricResponse) },
        ...errorResponses(400, 401, 403, 404, 415),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const metric = await replaceCustomMetric(deps.db, id, c.req.valid('json'), c.get('user').id);
      if (!metric) throw notFound(id);
      return c.json({ metric }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/metrics/custom/{id}',
      summary: 'Delete a custom metric; core index versions keep their copy of its filters (analysts, admins)',
      security: bearerSecurity,
      middleware: [analysts] as const,
      request: { params: idParam },
      responses: {
        200: { description: 'Deleted', content: json(z.object({ deleted: CustomMetricId })) },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deleteCustomMetric(deps.db, id))) throw notFound(id);
      return c.json({ deleted: id }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/metrics/core-index',
      summary: 'The core index in force: the newest version, or the built-in default (version 0)',
      security: bearerSecurity,
      middleware: [analysts] as const,
      responses: {
        200: { description: 'The core index', content: json(CoreIndexResponse) },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ coreIndex: await currentCoreIndex(deps.db) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/metrics/core-index',
      summary: 'Save a new version of the core index: proportion metrics with weights (analysts, admins)',
      description:
        'Each component names a built-in or custom proportion metric, a positive weight, and `invert` when lower is ' +
        'better. The version keeps a copy of each metric’s filters, so it never changes meaning afterwards.',
      security: bearerSecurity,
      middleware: [analysts] as const,
      request: { body: { required: true, content: json(CoreIndexInput) } },
      responses: {
        201: { description: 'The new version', content: json(CoreIndexResponse) },
        ...errorResponses(400, 401, 403, 409, 415),
      },
    }),
    async (c) => c.json({ coreIndex: await saveCoreIndex(deps.db, c.req.valid('json'), c.get('user').id) }, 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/metrics/core-index/versions',
      summary: 'Every version of the core index, newest first (analysts, admins)',
      security: bearerSecurity,
      middleware: [analysts] as const,
      responses: {
        200: { description: 'The versions', content: json(CoreIndexVersionsResponse) },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ versions: await listCoreIndexVersions(deps.db) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/metrics/core-index/versions/{version}',
      summary: 'One version of the core index (analysts, admins)',
      security: bearerSecurity,
      middleware: [analysts] as const,
      request: { params: versionParam },
      responses: {
        200: { description: 'The version', content: json(CoreIndexResponse) },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { version } = c.req.valid('param');
      const coreIndex = await findCoreIndex(deps.db, version);
      if (!coreIndex) throw new ApiError(404, 'not_found', `no version ${version} of the core index`);
      return c.json({ coreIndex }, 200);
    },
  );
}
