import { GapReportInput, zodDetails, type ErrorDetail, type GapReportParsed } from '../../contract';

/** What the report form hands over: the id and the creation time are made when it is saved. */
export type NewGapReport = Omit<GapReportInput, 'id' | 'createdAt'>;

/**
 * A report that was not saved, and why: each detail names a field (`note`, `context.pageUrl`,
 * `screenshot.data`, …) and what is wrong with it, for the form to show beside that field.
 */
export class ReportRefused extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super(details.map((detail) => `${detail.path}: ${detail.message}`).join('; '));
    this.name = 'ReportRefused';
  }
}

/**
 * The report as it will be pushed, checked with the contract's own schema before anything is
 * written: what the API would refuse is refused here, while the user is still at the form.
 */
export function checkReport(input: NewGapReport, id: string, createdAt: string): GapReportParsed {
  const parsed = GapReportInput.safeParse({ ...input, id, createdAt });
  if (!parsed.success) throw new ReportRefused(zodDetails(parsed.error));
  return parsed.data;
}
