import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import type { User } from '../contract';
import type { AppEnv } from './auth';
import { DEFAULT_BODY_LIMIT, limitBody } from './body-limits';
import type { Database, DatabaseKind } from './db/client';
import { clip, errorBody, renderError, validationHook } from './errors';
import { DEFAULT_POLICY, type ServerPolicy } from './policy';
import { registerAdapterRoutes } from './routes/adapters';
import { registerDemoRoutes } from './routes/demo';
import { registerGapReportRoutes, SYNC_PUSH_PATH } from './routes/gap-reports';
import { registerGuidelineRoutes } from './routes/guidelines';
import { registerInboxRoutes } from './routes/inbox';
import { registerItemRoutes } from './routes/items';
import { registerLivenessRoutes } from './routes/liveness';
import { registerMetricsRoutes } from './routes/metrics';
import { registerMyQualityRoutes } from './routes/my-quality';
import { IMPORT_PATH, registerQualityEventRoutes } from './routes/quality-events';
import { registerSurveyRoutes } from './routes/surveys';
import { registerTokenRoutes } from './routes/tokens';
import { registerUserRoutes } from './routes/users';

export interface CreateAppOptions {
  db: Database;
  kind: DatabaseKind;
  version: string;
  /** Users offered by demo sign-in; null or absent disables the demo routes and demo tokens. */
  demoUsers?: User[] | null;
  /** Token lifetimes, retention and rate limits; DEFAULT_POLICY when absent (startServer reads the env). */
  policy?: ServerPolicy;
  /** Clock seam for tests. */
  now?: () => Date;
  /** Who is asking, for per-address rate limits; the socket's address by default. */
  clientAddress?: (c: Context) => string;
}

// Extension pages and the background call from these origins; localhost is for developer tools.
const ALLOWED_ORIGIN = /^(chrome-extension|moz-extension):\/\/[^/]+$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

/** The peer address @hono/node-server exposes; app.request in tests has none. */
function socketAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** True when every %-escape of the URL decodes to UTF-8 (a lone surrogate such as %ED%A0%80 does not). */
function isDecodableUrl(url: string): boolean {
  const { pathname, search } = new URL(url);
  try {
    decodeURIComponent(pathname + search);
    return true;
  } catch {
    return false;
  }
}

/** Builds the API: routes, auth, limits, CORS, error handling and the OpenAPI document. */
export function createApp(opts: CreateAppOptions): OpenAPIHono<AppEnv> {
  const deps = {
    db: opts.db,
    kind: opts.kind,
    version: opts.version,
    demoUsers: opts.demoUsers ?? null,
    policy: opts.policy ?? DEFAULT_POLICY,
    now: opts.now ?? (() => new Date()),
    clientAddress: opts.clientAddress ?? socketAddress,
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.onError(renderError);
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${clip(c.req.path)}`), 404));

  app.use(
    '*',
    cors({
      origin: (origin) => (ALLOWED_ORIGIN.test(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('*', async (c, next) => {
    c.set('demoMode', deps.demoUsers != null);
    // Hono keeps an undecodable escape as literal text, so "%ED%A0%80" would reach a handler as a
    // harmless-looking key; refusing it here gives the URL the same rule as bodies.
    if (!isDecodableUrl(c.req.url)) {
      const message = 'the URL holds a %-escape that is not UTF-8 (e.g. a lone surrogate)';
      return c.json(errorBody('invalid_request', message), 400);
    }
    await next();
  });
  // The import and push routes set their own, larger limits after authentication: an anonymous
  // caller must not make the server read 50 MB just to be told 401.
  const defaultLimit = limitBody(DEFAULT_BODY_LIMIT);
  const ownLimit = new Set([IMPORT_PATH, SYNC_PUSH_PATH]);
  app.use('*', (c, next) => (ownLimit.has(c.req.path) ? next() : defaultLimit(c, next)));

  registerLivenessRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerMyQualityRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerDemoRoutes(app, deps);
  registerQualityEventRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerAdapterRoutes(app, deps);
  registerGuidelineRoutes(app, deps);
  registerGapReportRoutes(app, deps);
  registerSurveyRoutes(app, deps);
  registerInboxRoutes(app, deps);
  registerMetricsRoutes(app, deps);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (qal_…) from an admin or from demo sign-in',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'QA Lens API', version: opts.version },
  });
  return app;
}
