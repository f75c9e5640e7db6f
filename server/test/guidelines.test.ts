import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import {
  ApiErrorBody,
  GuidelineHistoryResponse,
  GuidelineListResponse,
  GuidelinePublishRequest,
  GuidelinePublishResponse,
  GuidelineSyncResponse,
  GuidelineVersionRecord,
  type GuidelinePublishRequestInput,
} from '../../contract';
import { generateSeed } from '../../demo/seed';
import { runCommand } from '../cli';
import { guidelinePublishLog, guidelines, guidelineVersions } from '../db/schema';
import { formatGuidelineMarkdown } from '../guideline-markdown';
import { seedDatabase } from '../seed';
import { describeEachDatabase } from './databases';
import { guidelineDoc, sectionDoc } from './guideline-fixtures';
import { useTestApp, type Caller } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'qalens-guidelines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('guidelines', (database) => {
  const t = useTestApp(database);
  let admin: Caller;
  let moderator: Caller;

  beforeEach(async () => {
    admin = await t.caller('ada.admin', ['admin']);
    moderator = await t.caller('mo.mod', ['moderator']);
  });

  const publishJson = (doc: GuidelinePublishRequestInput | Record<string, unknown>, token = admin.token) =>
    t.request('POST', '/v1/guidelines/publish', { token, json: doc });
  const publishMarkdown = (markdown: string, token = admin.token) =>
    t.request('POST', '/v1/guidelines/publish', { token, body: markdown, contentType: 'text/markdown; charset=utf-8' });
  const published = async (res: Response | Promise<Response>, status = 201) => {
    const answer = await res;
    expect(answer.status, await answer.clone().text()).toBe(status);
    return GuidelinePublishResponse.parse(await answer.json());
  };
  const readVersion = async (id: string, version: string, token = moderator.token) => {
    const res = await t.request('GET', `/v1/guidelines/${id}/versions/${version}`, { token });
    expect(res.status).toBe(200);
    return GuidelineVersionRecord.parse(await res.json());
  };
  const pull = async (query: string, token = moderator.token) => {
    const res = await t.request('GET', `/v1/sync/guidelines?${query}`, { token });
    expect(res.status, await res.clone().text()).toBe(200);
    return GuidelineSyncResponse.parse(await res.json());
  };
  const history = async (id: string) => {
    const res = await t.request('GET', `/v1/guidelines/${id}/history`, { token: admin.token });
    expect(res.status).toBe(200);
    return GuidelineHistoryResponse.parse(await res.json()).entries;
  };
  const error = async (res: Response, status: number) => {
    expect(res.status, await res.clone().text()).toBe(status);
    return ApiErrorBody.parse(await res.json()).error;
  };
  const stored = async () => ({
    guidelines: await t.db.$count(guidelines),
    versions: await t.db.$count(guidelineVersions),
    log: await t.db.$count(guidelinePublishLog),
  });
  const NOTHING = { guidelines: 0, versions: 0, log: 0 };

  it('publishes JSON with 201: defaults applied, the publisher, a digest and a revision; anyone signed in reads it', async () => {
    const { created, version } = await published(publishJson(guidelineDoc()));
    expect(created).toBe(true);
    const { revision, digest, publishedAt, ...rest } = version;
    expect(rest).toEqual({ ...GuidelinePublishRequest.parse(guidelineDoc()), publishedBy: 'ada.admin' });
    expect(revision).toBeGreaterThan(0);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(publishedAt)).not.toBeNaN();
    expect(await readVersion('acme-handbook', 'acme-1')).toEqual(version);
  });

  it('publishes markdown with front matter to the same content, and digest, as the JSON form', async () => {
    const doc = guidelineDoc({
      sections: [
        sectionDoc({ body: '§1.2 Removed.\n\n```\n## not a section\n```\n\n- a list item' }),
        sectionDoc({
          id: 'no-tags',
          heading: 'Untagged',
          body: 'Plain.',
          policies: [],
          categories: [],
          labels: [],
          keywords: [],
        }),
      ],
    });
    const fromMarkdown = await published(publishMarkdown(formatGuidelineMarkdown(doc)));
    expect(fromMarkdown.version.sections).toEqual(GuidelinePublishRequest.parse(doc).sections);
    // The same content as JSON is the same version, so the publish is a no-op.
    const fromJson = await published(publishJson(doc), 200);
    expect(fromJson).toEqual({ created: false, version: fromMarkdown.version });
  });

  it('reads a hand-written markdown file: tags from the yaml block, a single word as a list, a # title ignored', async () => {
    const markdown = [
      '---',
      'guideline: acme-handbook',
      'site: acme',
      'title: Acme handbook',
      'version: 2026.10',
      'effectiveFrom: 2026-02-01T00:00:00+01:00',
      '---',
      '# Acme handbook',
      '',
      '## 1. Hate speech {#hate-speech}',
      '```yaml',
      'policies: hate_speech',
      'keywords: [no, 4.10]',
      '```',
      '§1.2 Generalisations are removed.',
      '',
      'Setext heading {#setext}',
      '------------------------',
      'Body *two*.',
    ].join('\n');
    const { version } = await published(publishMarkdown(markdown));
    // Failsafe YAML: "2026.10" stays a string, "no" is not a boolean.
    expect(version.version).toBe('2026.10');
    expect(version.effectiveFrom).toBe('2026-01-31T23:00:00.000Z');
    expect(version.sections).toEqual([
      {
        id: 'hate-speech',
        heading: '1. Hate speech',
        body: '§1.2 Generalisations are removed.',
        policies: ['hate_speech'],
        categories: [],
        labels: [],
        keywords: ['no', '4.10'],
      },
      {
        id: 'setext',
        heading: 'Setext heading',
        body: 'Body *two*.',
        policies: [],
        categories: [],
        labels: [],
        keywords: [],
      },
    ]);
  });

  it('publishes the example of docs/guidelines.md as documented', async () => {
    const doc = readFileSync(new URL('../../docs/guidelines.md', import.meta.url), 'utf8');
    const example = /````markdown\n([\s\S]*?)````/.exec(doc)?.[1];
    const { version } = await published(publishMarkdown(example!));
    expect(version).toMatchObject({ guidelineId: 'moderation-handbook', version: 'mod-2026.3' });
    expect(version.sections.map((s) => [s.id, s.policies, s.body])).toEqual([
      [
        'misinformation',
        ['misinformation'],
        '§5.1 Health claims naming a cure are removed.\n\n§5.3 Contested claims get a label, not removal.',
      ],
      ['self-harm', [], '§6.1 Imminent-risk language is escalated at once.'],
    ]);
  });

  it('treats the same content again as a no-op (no new revision) and audits it as unchanged', async () => {
    const first = await published(publishJson(guidelineDoc()));
    // The same instant in another notation is the same content.
    const again = await published(publishJson(guidelineDoc({ effectiveFrom: '2026-01-01T01:00:00+01:00' })), 200);
    expect(again).toEqual({ created: false, version: first.version });
    expect((await pull('')).versions.map((v) => v.revision)).toEqual([first.version.revision]);
    expect((await history('acme-handbook')).map((e) => [e.action, e.version, e.actor, e.digest])).toEqual([
      ['unchanged', 'acme-1', 'ada.admin', first.version.digest],
      ['published', 'acme-1', 'ada.admin', first.version.digest],
    ]);
  });

  it('refuses other content under a published version with 409 naming what differs, and keeps the original', async () => {
    const first = await published(publishJson(guidelineDoc()));
    const before = await stored();
    const changed = guidelineDoc({
      title: 'Renamed',
      sections: [sectionDoc({ body: 'Changed text.' }), guidelineDoc().sections[1]!],
    });
    const refusal = await error(await publishJson(changed), 409);
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toContain('acme-handbook version acme-1 was published on');
    expect(refusal.message).toContain('(title, section hate-speech); versions are immutable');
    expect(refusal.details?.map((d) => d.path)).toEqual(['title', 'sections.hate-speech']);
    const reordered = guidelineDoc({ sections: [...guidelineDoc().sections].reverse() });
    expect((await error(await publishJson(reordered), 409)).message).toContain('(section order)');
    expect(await stored()).toEqual(before);
    expect(await readVersion('acme-handbook', 'acme-1')).toEqual(first.version);
  });

  it('refuses a guideline id already used by another site with 409', async () => {
    await published(publishJson(guidelineDoc()));
    const refusal = await error(await publishJson(guidelineDoc({ site: 'other', version: 'acme-2' })), 409);
    expect(refusal.message).toBe('Guideline acme-handbook belongs to site "acme", not "other"');
  });

  it('lets only admins publish (403 for the other roles, 401 without a token) and stores nothing', async () => {
    for (const role of ['moderator', 'evaluator', 'analyst'] as const) {
      const caller = await t.caller(`someone.${role}`, [role]);
      expect((await error(await publishJson(guidelineDoc(), caller.token), 403)).code).toBe('forbidden');
      const markdown = formatGuidelineMarkdown(guidelineDoc());
      expect((await error(await publishMarkdown(markdown, caller.token), 403)).code).toBe('forbidden');
    }
    await error(await t.request('POST', '/v1/guidelines/publish', { json: guidelineDoc() }), 401);
    expect(await stored()).toEqual(NOTHING);
  });

  it('keeps old versions readable and lists every version, oldest effective first', async () => {
    const old = await published(publishJson(guidelineDoc()));
    // Published second but effective earlier: lists order by effective date, not by publish.
    const newer = await published(
      publishJson(guidelineDoc({ version: 'acme-2', sections: [sectionDoc({ body: 'Clarified.' })] })),
    );
    const earlier = await published(
      publishJson(guidelineDoc({ version: 'acme-0', effectiveFrom: '2025-06-01T00:00:00.000Z' })),
    );
    expect(await readVersion('acme-handbook', 'acme-1')).toEqual(old.version);
    expect((await readVersion('acme-handbook', 'acme-2')).sections[0]!.body).toBe('Clarified.');

    const res = await t.request('GET', '/v1/guidelines', { token: moderator.token });
    expect(res.status).toBe(200);
    const [entry, ...others] = GuidelineListResponse.parse(await res.json()).guidelines;
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ id: 'acme-handbook', site: 'acme', title: 'Acme handbook' });
    expect(entry!.versions.map((v) => [v.version, v.revision])).toEqual([
      ['acme-0', earlier.version.revision],
      ['acme-1', old.version.revision],
      ['acme-2', newer.version.revision],
    ]);
    const missing = await error(
      await t.request('GET', '/v1/guidelines/acme-handbook/versions/acme-9', { token: moderator.token }),
      404,
    );
    expect(missing.message).toBe('no version "acme-9" of guideline "acme-handbook"');
  });

  it('keeps an audit trail of every publish, newest first, for admins only', async () => {
    const one = await published(publishJson(guidelineDoc()));
    const other = await t.caller('bo.admin', ['admin']);
    const two = await published(publishJson(guidelineDoc({ version: 'acme-2', title: 'Acme v2' }), other.token));
    await published(publishJson(guidelineDoc({ version: 'acme-2', title: 'Acme v2' })), 200);
    const entries = await history('acme-handbook');
    expect(entries.map((e) => [e.action, e.version, e.actor, e.digest])).toEqual([
      ['unchanged', 'acme-2', 'ada.admin', two.version.digest],
      ['published', 'acme-2', 'bo.admin', two.version.digest],
      ['published', 'acme-1', 'ada.admin', one.version.digest],
    ]);
    expect(one.version.digest).not.toBe(two.version.digest);
    await error(await t.request('GET', '/v1/guidelines/acme-handbook/history', { token: moderator.token }), 403);
    await error(await t.request('GET', '/v1/guidelines/nobody/history', { token: admin.token }), 404);
  });

  it('pages sync by revision: every version once, in publish order, whatever their effective dates', async () => {
    // Same effective date across guidelines and versions: order and cursor never depend on dates.
    const at = '2026-03-01T00:00:00.000Z';
    const docs = [
      guidelineDoc({ version: 'a-1', effectiveFrom: at }),
      guidelineDoc({ guidelineId: 'search-guide', site: 'search', version: 's-1', effectiveFrom: at }),
      guidelineDoc({ version: 'a-0', effectiveFrom: at }),
      guidelineDoc({ guidelineId: 'search-guide', site: 'search', version: 's-2', effectiveFrom: at }),
      guidelineDoc({ version: 'a-2', effectiveFrom: at }),
    ];
    const revisions: number[] = [];
    for (const doc of docs) revisions.push((await published(publishJson(doc))).version.revision);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(5);

    const pages: GuidelineSyncResponse[] = [];
    let cursor: string | undefined;
    do {
      const page = await pull(cursor === undefined ? 'limit=2' : `since=${cursor}&limit=2`);
      pages.push(page);
      cursor = page.nextCursor;
    } while (pages.at(-1)!.hasMore);
    expect(pages.map((p) => p.versions.map((v) => v.version))).toEqual([['a-1', 's-1'], ['a-0', 's-2'], ['a-2']]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(pages.map((p) => p.nextCursor)).toEqual([revisions[1], revisions[3], revisions[4]].map(String));
    expect(pages[0]!.versions[1]!.site).toBe('search');

    // Nothing new: the same cursor back, and a no-op re-publish does not wake clients.
    await published(publishJson(docs[0]!), 200);
    expect(await pull(`since=${cursor}`)).toEqual({ versions: [], nextCursor: cursor, hasMore: false });
    const late = await published(publishJson(guidelineDoc({ version: 'a-3' })));
    expect((await pull(`since=${cursor}`)).versions).toEqual([late.version]);
    // A page exactly as long as what is left says there is no more.
    expect((await pull(`since=${revisions[3]}&limit=2`)).hasMore).toBe(false);
  });

  it('refuses a cursor it never gave out and a limit out of range with 400 naming the field', async () => {
    for (const [query, field] of [
      ['since=-1', 'since'],
      ['since=abc', 'since'],
      ['since=1e3', 'since'],
      ['limit=0', 'limit'],
      ['limit=51', 'limit'],
    ] as const) {
      const res = await t.request('GET', `/v1/sync/guidelines?${query}`, { token: moderator.token });
      const { details } = await error(res, 400);
      expect(
        details?.map((d) => d.path),
        query,
      ).toEqual([field]);
    }
  });

  it.each([
    {
      problem: 'no front matter',
      markdown: '## A {#a}\nText.',
      line: 1,
      path: '(front matter)',
      says: 'must start with YAML front matter',
    },
    {
      problem: 'a YAML syntax error',
      markdown: '---\nguideline: acme-handbook\ntitle: [unclosed\n---\n## A {#a}\n',
      line: 3,
      path: '(front matter)',
      says: 'YAML:',
    },
    {
      problem: 'an unknown front matter key',
      markdown: frontMatter('effectivefrom: 2026-01-01T00:00:00Z') + '## A {#a}\nText.\n',
      line: 7,
      path: 'effectivefrom',
      says: 'unknown front matter key',
    },
    {
      problem: 'a bad front matter value',
      markdown: frontMatter().replace('version: acme-1', 'version: "acme 1"') + '## A {#a}\nText.\n',
      line: 5,
      path: 'version',
      says: 'letters, digits',
    },
    {
      problem: 'text before the first section',
      markdown: frontMatter() + 'Intro.\n\n## A {#a}\nText.\n',
      line: 8,
      path: '(body)',
      says: 'belongs to no section',
    },
    {
      problem: 'a heading without an id',
      markdown: frontMatter() + '## A {#a}\nText.\n\n## Second heading\nMore.\n',
      line: 11,
      path: 'sections.1.id',
      says: 'the heading "Second heading" must end in {#section-id}',
    },
    {
      problem: 'an unknown tag key',
      markdown: frontMatter() + '## A {#a}\n```yaml\npolicies: [spam]\npolicy: [spam]\n```\nText.\n',
      line: 11,
      path: 'sections.0.policy',
      says: 'unknown section key',
    },
    {
      problem: 'duplicate section ids',
      markdown: frontMatter() + '## A {#a}\nText.\n## B {#a}\nMore.\n',
      line: 10,
      path: 'sections.1.id',
      says: 'duplicate section id "a"',
    },
    {
      problem: 'a body over the limit',
      markdown: frontMatter() + `## A {#a}\n${'x'.repeat(20_001)}\n`,
      line: 8,
      path: 'sections.0.body',
      says: '20000',
    },
    {
      problem: 'no sections',
      markdown: frontMatter() + '# Title only\n',
      line: undefined,
      path: 'sections',
      says: 'no sections',
    },
    {
      problem: 'a NUL character (CommonMark would silently replace it)',
      markdown: frontMatter() + '## A {#a}\nText\u0000.\n',
      line: 9,
      path: '(file)',
      says: 'NUL',
    },
  ])(
    'refuses markdown with $problem: 422 naming line and field, nothing stored',
    async ({ markdown, line, path, says }) => {
      const refusal = await error(await publishMarkdown(markdown), 422);
      expect(refusal.code).toBe('invalid_guideline');
      const detail = refusal.details?.find((d) => d.path === path);
      expect(detail, JSON.stringify(refusal)).toBeDefined();
      expect(detail!.line).toBe(line);
      expect(detail!.message).toContain(says);
      expect(refusal.message).toContain(line === undefined ? path : `line ${line}: ${path}`);
      expect(await stored()).toEqual(NOTHING);
    },
  );

  it('refuses invalid JSON with 400 naming the field, and a body that is neither JSON nor markdown with 415', async () => {
    const duplicate = guidelineDoc({ sections: [sectionDoc(), sectionDoc()] });
    const { details } = await error(await publishJson(duplicate), 400);
    expect(details).toEqual([{ path: 'sections.1.id', message: 'duplicate section id "hate-speech"' }]);
    await error(await publishJson(guidelineDoc({ sections: [] })), 400);
    await error(
      await t.request('POST', '/v1/guidelines/publish', { token: admin.token, body: 'x', contentType: 'text/plain' }),
      415,
    );
    await error(await t.request('POST', '/v1/guidelines/publish', { token: admin.token }), 415);
    expect(await stored()).toEqual(NOTHING);
  });

  it('seeds the demo guidelines once: a restart, even on a later day, leaves stored versions and the trail alone', async () => {
    const first = generateSeed({ anchor: new Date('2026-03-01T00:00:00.000Z') });
    const users = first.users.filter((u) => u.id === 'admin.jo');
    await seedDatabase(t.db, { users, events: [], guidelines: first.guidelines, publisher: 'admin.jo' });
    const pulled = await pull('');
    expect(pulled.versions.map((v) => [v.guidelineId, v.version, v.effectiveFrom, v.publishedBy])).toEqual([
      ['moderation-handbook', 'mod-2026.2', '2025-12-31T00:00:00.000Z', 'admin.jo'],
      ['moderation-handbook', 'mod-2026.3', '2026-01-30T00:00:00.000Z', 'admin.jo'],
      ['search-rating-guidelines', 'search-2026.1', '2025-12-01T00:00:00.000Z', 'admin.jo'],
      ['search-rating-guidelines', 'search-2026.2', '2026-01-15T00:00:00.000Z', 'admin.jo'],
    ]);
    const later = generateSeed({ anchor: new Date('2026-03-02T00:00:00.000Z') });
    await seedDatabase(t.db, { users, events: [], guidelines: later.guidelines, publisher: 'admin.jo' });
    expect(await pull('')).toEqual(pulled);
    expect(await stored()).toEqual({ guidelines: 2, versions: 4, log: 4 });
  });

  it('publishes from the CLI (markdown and JSON), as an admin named with --by, with the same rules', async () => {
    const md = join(dir, `guide-${database.name}.md`);
    writeFileSync(md, formatGuidelineMarkdown(guidelineDoc()));
    const [line] = await runCommand(t.db, ['guidelines', 'publish', md, '--by', 'ada.admin']);
    const stored1 = await readVersion('acme-handbook', 'acme-1');
    expect(line).toBe(
      `published acme-handbook acme-1: 2 sections, effective 2026-01-01T00:00:00.000Z, revision ${stored1.revision}`,
    );
    expect(stored1.publishedBy).toBe('ada.admin');
    expect(await runCommand(t.db, ['guidelines', 'publish', md, '--by', 'ada.admin'])).toEqual([
      'acme-handbook acme-1 is already published with this content; nothing changed',
    ]);

    const json = join(dir, `guide-${database.name}.json`);
    writeFileSync(json, JSON.stringify(guidelineDoc({ title: 'Other' })));
    await expect(runCommand(t.db, ['guidelines', 'publish', json, '--by', 'ada.admin'])).rejects.toThrow(
      /acme-handbook acme-1 was published on .* with other content \(title\); versions are immutable/,
    );
    writeFileSync(json, JSON.stringify(guidelineDoc({ version: 'acme-2' })));
    expect(await runCommand(t.db, ['guidelines', 'publish', json, '--by', 'ada.admin'])).toEqual([
      expect.stringMatching(/^published acme-handbook acme-2: 2 sections/),
    ]);

    await expect(runCommand(t.db, ['guidelines', 'publish', md, '--by', 'mo.mod'])).rejects.toThrow(
      'user "mo.mod" is not an admin',
    );
    await expect(runCommand(t.db, ['guidelines', 'publish', md])).rejects.toThrow('--by is required');
    const bad = join(dir, `bad-${database.name}.md`);
    writeFileSync(bad, frontMatter() + '## No id\nText.\n');
    await expect(runCommand(t.db, ['guidelines', 'publish', bad, '--by', 'ada.admin'])).rejects.toThrow(
      `${bad}:8: sections.0.id: the heading "No id" must end in {#section-id}`,
    );
    expect((await history('acme-handbook')).map((e) => e.action)).toEqual(['published', 'unchanged', 'published']);
  });
});

/** Valid front matter (7 lines, so the first body line is line 8), plus `extra` lines before the closing `---`. */
function frontMatter(extra?: string): string {
  const lines = [
    '---',
    'guideline: acme-handbook',
    'site: acme',
    'title: Acme handbook',
    'version: acme-1',
    'effectiveFrom: 2026-01-01T00:00:00Z',
    ...(extra ? [extra] : []),
    '---',
  ];
  return lines.join('\n') + '\n';
}
