import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { User } from '../contract';
import { getDb } from './db/app-db';

/** The API QA Lens talks to unless the user picks another in the options page. */
export const DEFAULT_API_URL: string = import.meta.env.WXT_API_URL ?? 'http://127.0.0.1:8787';

export const ConnectionSettings = z.object({ apiUrl: z.url() });
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

/** Who is signed in. Not a secret: the token lives in IndexedDB (see saveSignIn). */
export const AuthState = z.object({ user: User, signedInAt: z.string() });
export type AuthState = z.infer<typeof AuthState>;

/** Where the API lives. Readable by every extension context; holds no secret. */
export const connectionSettings = storage.defineItem<ConnectionSettings>('local:connection', {
  fallback: { apiUrl: DEFAULT_API_URL },
  version: 1,
});

/**
 * The signed-in user. The API token is not here: `storage.local` is readable
 * by content scripts in Firefox (Chrome can restrict it; Firefox cannot), so
 * the token is kept in the extension's IndexedDB, which they can never open.
 * Version 2 dropped the token that version 1 kept here: users sign in again.
 */
export const authState = storage.defineItem<AuthState | null>('local:auth', {
  fallback: null,
  version: 2,
  migrations: { 2: () => null },
});

/** The signed-in user and their token, or null when signed out (or the stored state is corrupt). */
export async function readAuth(): Promise<{ user: User; token: string } | null> {
  const [state, secret] = await Promise.all([authState.getValue(), getDb().secrets.get('apiToken')]);
  const parsed = AuthState.safeParse(state);
  return parsed.success && secret ? { user: parsed.data.user, token: secret.value } : null;
}

/** Stores a sign-in: the token first, so nothing sees the new user without it. */
export async function saveSignIn(token: string, user: User): Promise<void> {
  await getDb().secrets.put({ key: 'apiToken', value: token });
  await authState.setValue({ user, signedInAt: new Date().toISOString() });
}

/** Forgets the user and their token. */
export async function signOut(): Promise<void> {
  await authState.setValue(null);
  await getDb().secrets.delete('apiToken');
}

/** Reads the connection settings, falling back to the default API on a corrupt value. */
export async function readConnection(): Promise<ConnectionSettings> {
  const parsed = ConnectionSettings.safeParse(await connectionSettings.getValue());
  return parsed.success ? parsed.data : { apiUrl: DEFAULT_API_URL };
}
