import type { SiteAdapterInput } from '../../contract';

/** A token for a demo user, straight from the demo API (as an admin's script would get one). */
export async function demoToken(apiUrl: string, userId: string): Promise<string> {
  const response = await fetch(`${apiUrl}/v1/demo/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`demo sign-in as ${userId} failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Calls the API as `token`, returning status and JSON body. */
export async function api(apiUrl: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Publishes an adapter as an admin at the next version; returns the version published. */
export async function publishAdapter(apiUrl: string, adapter: SiteAdapterInput): Promise<number> {
  const token = await demoToken(apiUrl, 'admin.jo');
  const history = await api(apiUrl, token, 'GET', `/v1/adapters/${adapter.id}/history`);
  const entries = (history.body.entries as { version: number }[] | undefined) ?? [];
  const version = entries.length > 0 ? Math.max(...entries.map((e) => e.version)) + 1 : 1;
  const published = await api(apiUrl, token, 'PUT', `/v1/adapters/${adapter.id}`, { ...adapter, version });
  if (published.status >= 300) throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return version;
}
