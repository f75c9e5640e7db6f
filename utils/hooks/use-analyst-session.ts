import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import { pageApi, SignedOut } from '../api/page-client';

/** The signed-in analyst's client, or why an analysts' page cannot be used; null while reading. */
export type AnalystSession = { api: ApiClient; me: string } | 'signedOut' | 'forbidden' | null;

/** Who is signed in, and whether they are an analyst or an admin (the analysts' pages' audience). */
export function useAnalystSession(): AnalystSession {
  const [session, setSession] = useState<AnalystSession>(null);
  useEffect(() => {
    pageApi().then(
      ({ api, userId, roles }) =>
        setSession(roles.includes('analyst') || roles.includes('admin') ? { api, me: userId } : 'forbidden'),
      (error: unknown) => setSession(error instanceof SignedOut ? 'signedOut' : 'forbidden'),
    );
  }, []);
  return session;
}
