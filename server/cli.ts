import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateTokenRequest, Role, TOKEN_MAX_DAYS, User, type TokenInfo } from '../contract';
import { GUIDELINE_USAGE, GuidelineCliError, runGuidelineCommand } from './cli-guidelines';
import { databaseFromEnv } from './config';
import { openDatabase, type Database, type DatabaseKind } from './db/client';
import { ApiError } from './errors';
import { formatForFileName } from './import';
import { importFile, progressForStderr, type ProgressDisplay } from './cli-import';
import { DEFAULT_POLICY, policyFromEnv, type ServerPolicy } from './policy';
import { pruneExpired } from './retention';
import { createToken, listTokens, revokeToken } from './tokens';
import { createUser, findUser } from './users';

const USAGE = `usage:
  cli user create --id ID --name NAME --role ROLE [--role ROLE ...]
  cli token create --user ID [--label LABEL] [--days N]
  cli token list --user ID
  cli token revoke TOKEN_ID
  cli import events FILE.(ndjson|jsonl|csv)
${GUIDELINE_USAGE}
  cli prune
database: DATABASE_URL, else the PGlite folder QA_LENS_DATA_DIR (default .data/pglite)
token lifetime: --days, else QA_LENS_TOKEN_TTL_DAYS (default 90)`;

export interface CommandContext {
  policy?: ServerPolicy;
  /** Clock seam for tests. */
  now?: Date;
  /** The open database's kind: on PostgreSQL an import's job shows progress while it runs. */
  kind?: DatabaseKind;
  /** Where an import shows its progress; none when absent. */
  progress?: ProgressDisplay;
}

/** A refusal the CLI prints before exiting with status 1. */
class CliError extends Error {}

/** Runs one CLI command against an open database; returns the lines to print. */
export async function runCommand(db: Database, argv: string[], context: CommandContext = {}): Promise<string[]> {
  const policy = context.policy ?? DEFAULT_POLICY;
  const now = context.now ?? new Date();
  // Guideline commands take their own options.
  if (argv[0] === 'guidelines') return runGuidelineCommand(db, argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      user: { type: 'string' },
      label: { type: 'string' },
      days: { type: 'string' },
    },
  });
  const command = positionals.slice(0, 2).join(' ');
  if (command === 'user create') {
    const parsed = User.safeParse({ id: values.id, name: values.name, roles: values.role ?? [] });
    if (!parsed.success) {
      const roles = Role.options.join(', ');
      throw new CliError(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') + `\n(roles: ${roles})`,
      );
    }
    if (!(await createUser(db, parsed.data))) throw new CliError(`user "${parsed.data.id}" already exists`);
    return [`created user ${parsed.data.id} (${parsed.data.roles.join(', ')})`];
  }
  if (command === 'token create') {
    const user = values.user ? await findUser(db, values.user) : null;
    if (!user) throw new CliError(values.user ? `no user "${values.user}"` : '--user is required');
    const days = values.days === undefined ? policy.tokenTtlDays : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) {
      throw new CliError(`--days must be a whole number from 1 to ${TOKEN_MAX_DAYS}`);
    }
    // The same rule as the API's, so a listed label always fits the contract.
    const label = CreateTokenRequest.shape.label.safeParse(values.label ?? 'cli');
    if (!label.success) throw new CliError(`--label: ${label.error.issues.map((i) => i.message).join('; ')}`);
    const created = await createToken(db, user, { label: label.data, days, now });
    return [
      `token ${created.tokenId} for ${user.id}, expires ${created.expiresAt} (shown once, store it now):`,
      created.token,
    ];
  }
  if (command === 'token list') {
    const user = values.user ? await findUser(db, values.user) : null;
    if (!user) throw new CliError(values.user ? `no user "${values.user}"` : '--user is required');
    const tokens = await listTokens(db, user.id);
    if (tokens.length === 0) return [`${user.id} has no tokens`];
    return tokens.map((token) => describeToken(token, now));
  }
  if (command === 'token revoke' && positionals[2]) {
    const revoked = await revokeToken(db, positionals[2], now);
    if (!revoked) throw new CliError(`no token "${positionals[2]}"`);
    return [`revoked ${describeToken(revoked, now)}`];
  }
  if (command === 'prune') {
    const pruned = await pruneExpired(db, policy, now);
    return [
      `pruned ${pruned.tokens} token(s), ${pruned.healthReports} health report(s), ${pruned.rateLimits} rate-limit window(s)`,
    ];
  }
  if (command === 'import events' && positionals[2]) {
    return importEventsFile(db, positionals[2], context);
  }
  throw new CliError(USAGE);
}

/** One line per token: id, label, state and dates; never the token or its hash. */
function describeToken(token: TokenInfo, now: Date): string {
  const state = token.revokedAt
    ? `revoked ${token.revokedAt}`
    : new Date(token.expiresAt) <= now
      ? `expired ${token.expiresAt}`
      : `active, expires ${token.expiresAt}`;
  const demo = token.demo ? ' demo' : '';
  return `${token.id} ${token.userId} "${token.label}"${demo} ${state} (created ${token.createdAt}, last used ${token.lastUsedAt ?? 'never'})`;
}

/** Streams a file into the database; a bad file is refused whole, each problem on a line with its file and line. */
async function importEventsFile(db: Database, file: string, context: CommandContext): Promise<string[]> {
  const format = formatForFileName(file);
  if (!format) throw new CliError(`cannot tell the format of ${file}: use .ndjson, .jsonl or .csv`);
  try {
    const result = await importFile(db, context.kind ?? 'pglite', file, format, context.progress);
    return [
      `received ${result.received}, inserted ${result.inserted}, duplicates ${result.duplicates}, items updated ${result.itemsUpdated}`,
    ];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Same details as the HTTP endpoint's refusal, one per line.
    const lines = (error.details ?? []).map((d) => `${file}:${d.line ?? '-'}: ${d.path}: ${d.message}`);
    const total = error.totalDetails ?? 0;
    const more = total > lines.length ? [`… ${total} problems in all`] : [];
    throw new CliError([error.message, ...lines, ...more].join('\n'));
  }
}

async function main(): Promise<void> {
  let policy: ServerPolicy;
  try {
    policy = policyFromEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
    return;
  }
  const { databaseUrl, dataDir } = databaseFromEnv();
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    const progress = progressForStderr();
    const lines = await runCommand(database.db, process.argv.slice(2), { policy, kind: database.kind, progress });
    for (const line of lines) console.log(line);
  } catch (error) {
    const refusal = error instanceof CliError || error instanceof GuidelineCliError;
    if (!refusal && !(error instanceof TypeError && 'code' in error)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
