import { readAuth, readConnection } from '../settings';
import { createApiClient, type ApiClient } from './client';

/** Thrown when an extension page needs the API and nobody is signed in. */
export class SignedOut extends Error {
  constructor() {
    super('signed out');
    this.name = 'SignedOut';
  }
}

/**
 * The API client for an extension page (the analysts' pages work online, against the server's
 * filters): the signed-in user's token, read from the extension's IndexedDB, which extension
 * pages may open and content scripts never do.
 */
export async function pageApi(): Promise<{ api: ApiClient; userId: string; roles: readonly string[] }> {
  const [auth, connection] = await Promise.all([readAuth(), readConnection()]);
  if (!auth) throw new SignedOut();
  return {
    api: createApiClient({ baseUrl: connection.apiUrl, token: auth.token }),
    userId: auth.user.id,
    roles: auth.user.roles,
  };
}
