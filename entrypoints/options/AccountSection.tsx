import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { LivenessResponse, User } from '../../contract/auth';
import { createApiClient } from '../../utils/api/client';
import { useStorageValue } from '../../utils/hooks/use-storage-value';
import { authState, connectionSettings, readAuth, saveSignIn, signOut } from '../../utils/settings';
import { errorMessage } from '../../utils/error-message';
import { formatDate, formatRoles } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { richMessage } from '../../utils/i18n-rich';

type Connection =
  | { state: 'checking' }
  | { state: 'ok'; apiUrl: string; liveness: LivenessResponse; demoUsers: User[] }
  | { state: 'error'; message: string };

/**
 * Asks for host access to the API's host; resolves true at once, with no
 * prompt, when the manifest or an earlier grant covers it. The request must be
 * the click handler's first call: Firefox refuses it once anything was awaited,
 * and it does not count a pattern with a port as covered by a granted
 * portless one, so the pattern names no port (match patterns ignore ports).
 */
function ensureOriginAccess(apiUrl: string): Promise<boolean> {
  const { protocol, hostname } = new URL(apiUrl);
  return browser.permissions.request({ origins: [`${protocol}//${hostname}/*`] });
}

/** Checks an API URL: reachable, a QA Lens API, and which demo users it offers. */
async function checkApi(url: string): Promise<Connection> {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(i18n.t('options.api.httpOnly'));
    const client = createApiClient({ baseUrl: url });
    const liveness = await client.liveness();
    const demoUsers = liveness.demo ? (await client.demoUsers()).users : [];
    return { state: 'ok', apiUrl: client.baseUrl, liveness, demoUsers };
  } catch (error) {
    return { state: 'error', message: errorMessage(error) };
  }
}

/** "Connected to QA Lens API 0.1.0 (pglite, demo mode)". */
function connectedText({ version, database, demo }: LivenessResponse): string {
  return demo
    ? i18n.t('options.api.connectedDemo', { version, database })
    : i18n.t('options.api.connected', { version, database });
}

/** When the stored token runs out, as the API that issued it says; null while unknown. */
type TokenExpiry = { state: 'ok'; expiresAt: string } | { state: 'error'; message: string } | null;

/** Asks the API about the stored token: the auth state keeps the user, not the token's expiry. */
function useTokenExpiry(apiUrl: string, signedInAt: string | undefined): TokenExpiry {
  // The answer carries the sign-in it is about, so a stale one is never shown for a newer sign-in.
  const key = signedInAt ? `${apiUrl} ${signedInAt}` : null;
  const [answer, setAnswer] = useState<{ key: string; expiry: TokenExpiry } | null>(null);
  useEffect(() => {
    if (!key) return;
    let current = true;
    void (async () => {
      const auth = await readAuth();
      if (!auth) return;
      let expiry: TokenExpiry;
      try {
        const me = await createApiClient({ baseUrl: apiUrl, token: auth.token }).me();
        if (!me.token) return; // an API from before token expiry: nothing to show
        expiry = { state: 'ok', expiresAt: me.token.expiresAt };
      } catch (error) {
        // e.g. "token expired on …" or "token revoked on …": worth showing beside the user.
        expiry = { state: 'error', message: errorMessage(error) };
      }
      if (current) setAnswer({ key, expiry });
    })();
    return () => {
      current = false;
    };
  }, [apiUrl, key]);
  return answer && answer.key === key ? answer.expiry : null;
}

/** Which API to use, and who is signed in. */
export function AccountSection() {
  const connection = useStorageValue(connectionSettings);
  if (!connection) return <p className="muted">{i18n.t('common.loading')}</p>;
  return <Settings savedUrl={connection.apiUrl} />;
}

function Settings({ savedUrl }: { savedUrl: string }) {
  const auth = useStorageValue(authState);
  const [apiUrl, setApiUrl] = useState(savedUrl);
  const [status, setStatus] = useState<Connection>({ state: 'checking' });
  const [token, setToken] = useState('');
  const [signInError, setSignInError] = useState<string | null>(null);
  // Only the newest check may set the status: the check of the saved URL on
  // open must not overwrite the answer to a Connect clicked meanwhile.
  const latestCheck = useRef(0);
  const expiry = useTokenExpiry(savedUrl, auth?.signedInAt);

  useEffect(() => {
    const check = ++latestCheck.current;
    void checkApi(savedUrl).then((result) => check === latestCheck.current && setStatus(result));
  }, [savedUrl]);

  async function connect(url: string) {
    const check = ++latestCheck.current;
    setStatus({ state: 'checking' });
    try {
      // Must be the first await: permission prompts need the click's user gesture.
      if (!(await ensureOriginAccess(url)))
        throw new Error(i18n.t('options.api.notAllowed', { origin: new URL(url).origin }));
    } catch (error) {
      if (check === latestCheck.current) setStatus({ state: 'error', message: errorMessage(error) });
      return;
    }
    const result = await checkApi(url);
    if (check !== latestCheck.current) return;
    if (result.state === 'ok' && result.apiUrl !== savedUrl) {
      // Saved before the status says "connected", so nothing can act on the old URL meanwhile.
      await connectionSettings.setValue({ apiUrl: result.apiUrl });
      await signOut(); // a token belongs to the API that issued it
    }
    setStatus(result);
  }

  async function signIn(obtain: () => Promise<{ token: string; user: User }>) {
    setSignInError(null);
    try {
      const { token: newToken, user } = await obtain();
      await saveSignIn(newToken, user);
      setToken('');
    } catch (error) {
      setSignInError(errorMessage(error));
    }
  }

  // Sign in against the API just verified; fall back to the saved one.
  const baseUrl = status.state === 'ok' ? status.apiUrl : savedUrl;
  return (
    <>
      <section className="card stack" aria-labelledby="api-heading">
        <h2 id="api-heading">{i18n.t('options.api.heading')}</h2>
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            void connect(apiUrl.trim());
          }}
        >
          <label htmlFor="api-url">{i18n.t('options.api.url')}</label>
          <input id="api-url" type="url" value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} required />
          <button type="submit" className="primary">
            {i18n.t('options.api.connect')}
          </button>
        </form>
        <p role="status" data-testid="connection-status">
          {status.state === 'checking' && i18n.t('options.api.connecting')}
          {status.state === 'ok' && <span className="ok">{connectedText(status.liveness)}</span>}
          {status.state === 'error' && <span className="error">{status.message}</span>}
        </p>
      </section>

      <section className="card stack" aria-labelledby="account-heading">
        <h2 id="account-heading">{i18n.t('options.account.heading')}</h2>
        {auth ? (
          <div className="row">
            <span data-testid="signed-in-as">
              {richMessage('options.account.signedInAs', {
                name: <strong>{auth.user.name}</strong>,
                roles: formatRoles(auth.user.roles),
              })}
            </span>
            {expiry?.state === 'ok' && (
              <span className="muted" data-testid="token-expiry">
                {i18n.t('options.account.tokenExpires', { date: formatDate(expiry.expiresAt) })}
              </span>
            )}
            {expiry?.state === 'error' && (
              <span className="error" data-testid="token-expiry">
                {expiry.message}
              </span>
            )}
            <button type="button" onClick={() => void signOut()}>
              {i18n.t('options.account.signOut')}
            </button>
          </div>
        ) : (
          <p className="muted">{i18n.t('options.account.notSignedIn')}</p>
        )}

        {status.state === 'ok' && status.demoUsers.length > 0 && (
          <div className="stack">
            <h3>{i18n.t('options.account.demoUsers')}</h3>
            <div className="row">
              {status.demoUsers.map((user) => (
                <button
                  key={user.id}
                  type="button"
                  onClick={() => void signIn(() => createApiClient({ baseUrl }).demoSignIn(user.id))}
                >
                  {i18n.t('options.account.signInAs', { name: user.name, roles: formatRoles(user.roles) })}
                </button>
              ))}
            </div>
          </div>
        )}

        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            const pasted = token.trim();
            void signIn(async () => ({
              token: pasted,
              user: (await createApiClient({ baseUrl, token: pasted }).me()).user,
            }));
          }}
        >
          <label htmlFor="token">{i18n.t('options.account.token')}</label>
          <input
            id="token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder={i18n.t('options.account.tokenPlaceholder')}
          />
          <button type="submit" disabled={token.trim() === ''}>
            {i18n.t('options.account.signInWithToken')}
          </button>
        </form>
        {signInError && (
          <p className="error" role="alert">
            {signInError}
          </p>
        )}
      </section>
    </>
  );
}
