import { createRoute, z } from '@hono/zod-openapi';
import {
  GuidelineHistoryResponse,
  GuidelineId,
  GuidelineListResponse,
  GuidelinePublishRequest,
  GuidelinePublishResponse,
  GuidelineSyncQuery,
  GuidelineSyncResponse,
  GuidelineVersionName,
  GuidelineVersionRecord,
} from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { ApiError, clip, errorResponses } from '../errors';
import { parseGuidelineMarkdown } from '../guideline-markdown';
import {
  findGuidelineVersion,
  guidelineHistory,
  listGuidelines,
  publishGuideline,
  syncGuidelines,
  type GuidelinePublishResult,
} from '../guideline-store';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const MARKDOWN = 'text/markdown';

/** Registers guideline publishing (admin), reading and sync (any signed-in role). */
export function registerGuidelineRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);
  const admin = requireRoles(deps.db, deps.now, ['admin']);

  const publish = createRoute({
    method: 'post',
    path: '/v1/guidelines/publish',
    summary:
      'Publish a guideline version (admin), as JSON or as markdown with YAML front matter (docs/guidelines.md). ' +
      'The same content again is a no-op; other content under a published version is a 409',
    security: bearerSecurity,
    middleware: [admin] as const,
    request: {
      // Not `required`: the JSON validator would then run on markdown bodies too. The handler
      // refuses a request that is neither.
      body: {
        content: {
          ...json(GuidelinePublishRequest),
          [MARKDOWN]: {
            schema: z.string().openapi({ description: 'Markdown with YAML front matter (docs/guidelines.md)' }),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Already published with this content; nothing changed',
        content: json(GuidelinePublishResponse),
      },
      201: { description: 'A new version', content: json(GuidelinePublishResponse) },
      ...errorResponses(400, 401, 403, 413, 415),
      409: { ...errorResponses(409)[409], description: 'The version exists with other content, or for another site' },
      422: { ...errorResponses(422)[422], description: 'The markdown file is malformed; details name the lines' },
    },
  });
  app.openapi(publish, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    let request: GuidelinePublishRequest;
    if (type === MARKDOWN) {
      const parsed = parseGuidelineMarkdown(await c.req.text());
      if (!parsed.ok) throw new ApiError(422, 'invalid_guideline', parsed.message, parsed.details);
      request = parsed.request;
    } else if (type === '') {
      throw new ApiError(415, 'unsupported_media_type', `send the guideline as application/json or ${MARKDOWN}`);
    } else {
      // Only JSON bodies reach the validator, so this is a GuidelinePublishRequest, never the markdown string.
      request = c.req.valid('json') as GuidelinePublishRequest;
    }
    const result = await publishGuideline(deps.db, request, c.get('user').id);
    if (!result.ok) throw conflict(request, result);
    return c.json({ created: result.created, version: result.record }, result.created ? 201 : 200);
  });

  const list = createRoute({
    method: 'get',
    path: '/v1/guidelines',
    summary: 'Every guideline with its versions (without sections), oldest effective first',
    security: bearerSecurity,
    middleware: [anyone] as const,
    responses: {
      200: { description: 'Guidelines', content: json(GuidelineListResponse) },
      ...errorResponses(401),
    },
  });
  app.openapi(list, async (c) => c.json(await listGuidelines(deps.db), 200));

  const versionParams = z.object({ id: GuidelineId, version: GuidelineVersionName });
  const read = createRoute({
    method: 'get',
    path: '/v1/guidelines/{id}/versions/{version}',
    summary: 'One version with its sections; old versions stay readable',
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { params: versionParams },
    responses: {
      200: { description: 'The version', content: json(GuidelineVersionRecord) },
      ...errorResponses(400, 401, 404),
    },
  });
  app.openapi(read, async (c) => {
    const { id, version } = c.req.valid('param');
    const record = await findGuidelineVersion(deps.db, id, version);
    if (!record) throw new ApiError(404, 'not_found', `no version "${version}" of guideline "${id}"`);
    return c.json(record, 200);
  });

  const history = createRoute({
    method: 'get',
    path: '/v1/guidelines/{id}/history',
    summary: "A guideline's accepted publishes, newest first (admin)",
    security: bearerSecurity,
    middleware: [admin] as const,
    request: { params: z.object({ id: GuidelineId }) },
    responses: {
      200: { description: 'The audit trail', content: json(GuidelineHistoryResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(history, async (c) => {
    const { id } = c.req.valid('param');
    const trail = await guidelineHistory(deps.db, id);
    if (!trail) throw new ApiError(404, 'not_found', `no guideline "${id}"`);
    return c.json(trail, 200);
  });

  const sync = createRoute({
    method: 'get',
    path: '/v1/sync/guidelines',
    summary: 'Versions published after cursor `since`, oldest first, with their sections',
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { query: GuidelineSyncQuery },
    responses: {
      200: { description: 'A page of versions', content: json(GuidelineSyncResponse) },
      ...errorResponses(400, 401),
    },
  });
  app.openapi(sync, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await syncGuidelines(deps.db, since === undefined ? 0 : Number(since), limit), 200);
  });
}

function conflict(request: GuidelinePublishRequest, result: Extract<GuidelinePublishResult, { ok: false }>) {
  const name = `Guideline ${clip(request.guidelineId)}`;
  if (result.reason === 'site') {
    return new ApiError(409, 'conflict', `${name} belongs to site "${result.site}", not "${clip(request.site)}"`);
  }
  const changed = [...result.fields, ...result.sections.map((id) => `section ${id}`)];
  const details = [
    ...result.fields.map((path) => ({ path, message: 'differs from the published version' })),
    ...result.sections.map((id) => ({ path: `sections.${id}`, message: 'differs from the published version' })),
  ];
  const message =
    `${name} version ${clip(request.version)} was published on ${result.existing.publishedAt} with other content ` +
    `(${changed.join(', ')}); versions are immutable, so publish this as a new version`;
  return new ApiError(409, 'conflict', message, details);
}
