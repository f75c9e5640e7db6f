import { GAP_SYNC_PAGE_MAX, type GapReportRecord } from '../../contract';

/** A demo user's token from a demo-mode API (`POST /v1/demo/sign-in`). */
export async function demoToken(apiUrl: string, userId: string): Promise<string> {
  const response = await fetch(`${apiUrl}/v1/demo/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!response.ok) throw new Error(`demo sign-in as ${userId} failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Every report the API holds for the token's user, by their own pull, page by page (straight, no proxy). */
export async function serverReports(apiUrl: string, token: string): Promise<GapReportRecord[]> {
  const reports: GapReportRecord[] = [];
  let since: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(GAP_SYNC_PAGE_MAX), ...(since ? { since } : {}) });
    const response = await fetch(`${apiUrl}/v1/sync/gap-reports?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { reports: GapReportRecord[]; nextCursor: string; hasMore: boolean };
    reports.push(...page.reports);
    if (!page.hasMore) return reports;
    since = page.nextCursor;
  }
}

/** Reports the browser made that no server holds, and user actions (notes) the servers hold more than once. */
export function compareReports(
  local: { id: string; note: string }[],
  filedNotes: string[],
  server: { id: string; note: string }[],
): { lost: number; duplicated: number } {
  const serverIds = new Set(server.map((r) => r.id));
  const localNotes = new Set(local.map((r) => r.note));
  // Lost: in the browser but on no server, or confirmed by the form and gone from the browser.
  const lost =
    local.filter((r) => !serverIds.has(r.id)).length + filedNotes.filter((note) => !localNotes.has(note)).length;
  // Duplicated: one id pulled twice, or one filed report stored under two ids.
  const perNote = new Map<string, Set<string>>();
  let repeatedIds = 0;
  const seen = new Set<string>();
  for (const r of server) {
    if (seen.has(r.id)) repeatedIds += 1;
    seen.add(r.id);
    perNote.set(r.note, (perNote.get(r.note) ?? new Set()).add(r.id));
  }
  const splitNotes = [...perNote.values()].reduce((sum, ids) => sum + ids.size - 1, 0);
  return { lost, duplicated: repeatedIds + splitNotes };
}
