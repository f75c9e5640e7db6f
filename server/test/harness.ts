import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Role, TokenResponse, User } from '../../contract';
import { createApp, type CreateAppOptions } from '../app';
import { DEFAULT_POLICY } from '../policy';
import { createToken } from '../tokens';
import { upsertUsers } from '../users';
import { resetDatabase, type TestDatabase, type TestOpenedDatabase } from './databases';

export interface RequestOptions {
  token?: string;
  json?: unknown;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A created user with a token, as tests sign in. */
export type Caller = TokenResponse;

/**
 * Opens `database` for the enclosing describe, builds an app on it and empties the tables
 * before each test. Values are read through the returned object once hooks have run.
 */
export function useTestApp(database: TestDatabase, options: Partial<CreateAppOptions> = {}) {
  let opened: TestOpenedDatabase | undefined;
  let app: ReturnType<typeof createApp> | undefined;

  beforeAll(async () => {
    opened = await database.open();
    app = createApp({ db: opened.db, kind: opened.kind, version: 'test', ...options });
  });
  afterAll(async () => {
    await opened?.close();
  });
  beforeEach(async () => {
    await resetDatabase(opened!.db);
  });

  const harness = {
    get db() {
      return opened!.db;
    },
    get kind() {
      return opened!.kind;
    },
    get app() {
      return app!;
    },
    /** A second connection to the same database (see TestOpenedDatabase); the caller closes it. */
    connectAgain() {
      return opened!.connectAgain();
    },
    /** Sends a request through app.request (no socket). */
    request(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body = opts.body;
      if (opts.json !== undefined) body = JSON.stringify(opts.json);
      if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
      return Promise.resolve(harness.app.request(path, { method, headers, body }));
    },
    /** Creates (or re-roles) a user straight in the database and returns a new token for it. */
    async caller(id: string, roles: Role[]): Promise<Caller> {
      const user: User = { id, name: `User ${id}`, roles };
      await upsertUsers(harness.db, [user]);
      return createToken(harness.db, user, { label: 'test', days: DEFAULT_POLICY.tokenTtlDays, now: new Date() });
    },
  };
  return harness;
}
