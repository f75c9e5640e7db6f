import type { OpenAPIHono } from '@hono/zod-openapi';
import type { User } from '../../contract';
import type { AppEnv } from '../auth';
import type { Database, DatabaseKind } from '../db/client';

/** The app every route module registers on. */
export type Api = OpenAPIHono<AppEnv>;

/** What route handlers need from the outside; passed in so tests can swap any of it. */
export interface RouteDeps {
  db: Database;
  kind: DatabaseKind;
  version: string;
  /** Users the demo sign-in offers; null turns demo routes off. */
  demoUsers: User[] | null;
  now: () => Date;
}
