import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { User } from '../contract';
import type { AppEnv } from './auth';
import type { Database, DatabaseKind } from './db/client';
import { errorBody, renderError, validationHook } from './errors';
import { registerAdapterRoutes } from './routes/adapters';
import { registerDemoRoutes } from './routes/demo';
import { registerHealthRoutes } from './routes/health';
import { registerItemRoutes } from './routes/items';
import { registerQualityEventRoutes } from './routes/quality-events';
import { registerUserRoutes } from './routes/users';

const MB = 1024 * 1024;
const IMPORT_PATH = '/v1/quality-events/import';

export interface CreateAppOptions {
  db: Database;
  kind: DatabaseKind;
  version: string;
  /** Users offered by demo sign-in; null or absent disables the demo routes. */
  demoUsers?: User[] | null;
  /** Clock seam for tests. */
  now?: () => Date;
}

// Extension pages and the background call from these origins; localhost is for developer tools.
const ALLOWED_ORIGIN = /^(chrome-extension|moz-extension):\/\/[^/]+$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

/** Builds the API: routes, auth, limits, CORS, error handling and the OpenAPI document. */
export function createApp(opts: CreateAppOptions): OpenAPIHono<AppEnv> {
  const deps = {
    db: opts.db,
    kind: opts.kind,
    version: opts.version,
    demoUsers: opts.demoUsers ?? null,
    now: opts.now ?? (() => new Date()),
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.onError(renderError);
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));

  app.use(
    '*',
    cors({
      origin: (origin) => (ALLOWED_ORIGIN.test(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  const tooLarge = (limit: number) =>
    bodyLimit({
      maxSize: limit,
      onError: (c) => c.json(errorBody('payload_too_large', `the request body exceeds ${limit / MB} MB`), 413),
    });
  const importLimit = tooLarge(50 * MB);
  const defaultLimit = tooLarge(1 * MB);
  app.use('*', (c, next) => (c.req.path === IMPORT_PATH ? importLimit(c, next) : defaultLimit(c, next)));

  registerHealthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerDemoRoutes(app, deps);
  registerQualityEventRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerAdapterRoutes(app, deps);

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
