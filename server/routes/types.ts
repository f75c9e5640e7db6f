import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { User } from '../../contract';
import type { AppEnv } from '../auth';
import type { Database, DatabaseKind } from '../db/client';
import type { ServerPolicy } from '../policy';

/** The app every route module registers on. */
export type Api = OpenAPIHono<AppEnv>;

/** What route handlers need from the outside; passed in so tests can swap any of it. */
export interface RouteDeps {
  db: Database;
  kind: DatabaseKind;
  version: string;
  /** Users the demo sign-in offers; null turns demo routes off. */
  demoUsers: User[] | null;
  /** Token lifetimes, retention and rate limits. */
  policy: ServerPolicy;
  now: () => Date;
  /** The caller's network address, for per-address rate limits. */
  clientAddress: (c: Context) => string;
}
