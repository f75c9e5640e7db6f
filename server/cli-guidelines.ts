import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { GuidelinePublishRequest, zodDetails, type ErrorDetail } from '../contract';
import type { Database } from './db/client';
import { parseGuidelineMarkdown } from './guideline-markdown';
import { publishGuideline } from './guideline-store';
import { findUser } from './users';

/** Usage lines of the guideline commands, for the CLI's help. */
export const GUIDELINE_USAGE = '  cli guidelines publish FILE.(md|json) --by ADMIN_ID';

/** A refusal of a guideline command: the CLI prints the message and exits with status 1. */
export class GuidelineCliError extends Error {}

/** Runs `guidelines …` (argv without the word `guidelines`); returns the lines to print. */
export async function runGuidelineCommand(db: Database, argv: string[]): Promise<string[]> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { by: { type: 'string' } },
  });
  const [command, file] = positionals;
  if (command !== 'publish' || !file || positionals.length > 2)
    throw new GuidelineCliError(`usage:\n${GUIDELINE_USAGE}`);
  // Publishing is an admin's act on the API too; the audit trail names who did it.
  const user = values.by ? await findUser(db, values.by) : null;
  if (!user) throw new GuidelineCliError(values.by ? `no user "${values.by}"` : '--by is required (an admin user id)');
  if (!user.roles.includes('admin')) throw new GuidelineCliError(`user "${user.id}" is not an admin`);

  const request = readGuidelineFile(file);
  const result = await publishGuideline(db, request, user.id);
  const name = `${request.guidelineId} ${request.version}`;
  if (!result.ok) {
    if (result.reason === 'site')
      throw new GuidelineCliError(`${request.guidelineId} belongs to site "${result.site}"`);
    const changed = [...result.fields, ...result.sections.map((id) => `section ${id}`)].join(', ');
    throw new GuidelineCliError(
      `${name} was published on ${result.existing.publishedAt} with other content (${changed}); versions are immutable, publish a new version`,
    );
  }
  const { record } = result;
  return result.created
    ? [
        `published ${name}: ${record.sections.length} sections, effective ${record.effectiveFrom}, revision ${record.revision}`,
      ]
    : [`${name} is already published with this content; nothing changed`];
}

/** Reads and validates a `.md` (front matter + sections) or `.json` guideline file. */
function readGuidelineFile(file: string): GuidelinePublishRequest {
  const extension = extname(file).toLowerCase();
  if (extension !== '.md' && extension !== '.json') {
    throw new GuidelineCliError(`cannot tell the format of ${file}: use .md or .json`);
  }
  const text = readFileSync(file, 'utf8');
  if (extension === '.md') {
    const parsed = parseGuidelineMarkdown(text);
    if (!parsed.ok) throw new GuidelineCliError(problems(file, parsed.message, parsed.details));
    return parsed.request;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GuidelineCliError(`${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = GuidelinePublishRequest.safeParse(value);
  if (!parsed.success)
    throw new GuidelineCliError(problems(file, `${file}: invalid guideline`, zodDetails(parsed.error)));
  return parsed.data;
}

/** The same details as the API's error, one per line: `file:line: path: message`. */
function problems(file: string, message: string, details: ErrorDetail[]): string {
  return [message, ...details.map((d) => `${file}:${d.line ?? '-'}: ${d.path}: ${d.message}`)].join('\n');
}
