import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { User } from '../contract';

/** The API QA Lens talks to unless the user picks another in the options page. */
export const DEFAULT_API_URL: string = import.meta.env.WXT_API_URL ?? 'http://127.0.0.1:8787';

export const ConnectionSettings = z.object({ apiUrl: z.url() });
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

export const AuthState = z.object({ token: z.string().min(1), user: User, signedInAt: z.string() });
export type AuthState = z.infer<typeof AuthState>;

/** Where the API lives. Readable by every extension context; holds no secret. */
export const connectionSettings = storage.defineItem<ConnectionSettings>('local:connection', {
  fallback: { apiUrl: DEFAULT_API_URL },
  version: 1,
});

/**
 * The signed-in user and their API token. Only the background and extension
 * pages read it: the background restricts `storage.local` to trusted contexts
 * (see setupStorageAccess), and no content-script code imports this item.
 */
export const authState = storage.defineItem<AuthState | null>('local:auth', {
  fallback: null,
  version: 1,
});

/** Reads the auth state, treating a corrupt stored value as signed out. */
export async function readAuth(): Promise<AuthState | null> {
  const parsed = AuthState.safeParse(await authState.getValue());
  return parsed.success ? parsed.data : null;
}

/** Reads the connection settings, falling back to the default API on a corrupt value. */
export async function readConnection(): Promise<ConnectionSettings> {
  const parsed = ConnectionSettings.safeParse(await connectionSettings.getValue());
  return parsed.success ? parsed.data : { apiUrl: DEFAULT_API_URL };
}
