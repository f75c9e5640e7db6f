import { inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { ApiErrorBody, InboxPage, type GapReportInput, type InboxQueryInput } from '../../contract';
import type { Database } from '../db/client';
import { gapReports } from '../db/schema';
import { pushGapReports } from '../gap-report-push';
import type { useTestApp } from './harness';

type Harness = ReturnType<typeof useTestApp>;

/**
 * Files `reports` as `reporter` (through the push, so the inbox columns are filled as in use) and,
 * when `receivedAt` is given, dates their arrival then: the inbox sorts and filters by server time.
 */
export async function file(
  db: Database,
  reporter: string,
  reports: GapReportInput[],
  receivedAt?: string,
): Promise<void> {
  const results = await pushGapReports(db, reporter, reports);
  expect(results.map((result) => result.outcome)).toEqual(reports.map(() => 'created'));
  if (receivedAt) {
    const at = new Date(receivedAt);
    await db
      .update(gapReports)
      .set({ createdAt: at, updatedAt: at })
      .where(
        inArray(
          gapReports.id,
          reports.map((report) => report.id),
        ),
      );
  }
}

/** The query string of an inbox view. */
export function queryOf(query: InboxQueryInput | Record<string, string>): string {
  const entries = Object.entries(query).filter(([, value]) => value !== undefined);
  return new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
}

/** One inbox page as `token` sees it; fails the test unless it is a 200 in the contract's shape. */
export async function inboxPage(t: Harness, token: string, query: InboxQueryInput | Record<string, string> = {}) {
  const res = await t.request('GET', `/v1/gap-reports?${queryOf(query)}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return InboxPage.parse(await res.json());
}

/** The contract's error body of a response that must have `status`. */
export async function errorOf(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  return ApiErrorBody.parse(await res.json()).error;
}
