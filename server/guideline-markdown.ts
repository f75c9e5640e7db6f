import type { Code, Heading, Root, RootContent, Yaml } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { Document, parseDocument, stringify, visit } from 'yaml';
import {
  GuidelinePublishRequest,
  unstorableReason,
  zodDetails,
  type ErrorDetail,
  type GuidelinePublishRequestInput,
} from '../contract';

/*
 * A guideline version as one markdown file (docs/guidelines.md shows a whole one):
 *
 *   ---
 *   guideline: moderation-handbook      (the guideline's id)
 *   site: demo-moderation
 *   title: Content policy handbook
 *   version: mod-2026.3
 *   effectiveFrom: 2026-04-01T00:00:00Z
 *   ---
 *   ## 5. Misinformation {#misinformation}
 *   ```yaml
 *   policies: [misinformation]
 *   categories: [Health]
 *   labels: [remove]
 *   keywords: [cure, vaccine]
 *   ```
 *   §5.1 Health claims naming a cure are removed.
 *
 * Every `##` heading starts a section and must end in `{#section-id}`, so an id stays the same when
 * the heading's wording changes between versions. A fenced `yaml` block right after the heading holds
 * the section's tags (all optional); everything after it up to the next `##` is the body. A `#` title
 * may come before the first section. The file is parsed with a CommonMark parser, so a `##` inside a
 * fenced code block is body text, not a new section.
 */

/** Outcome of parsing a markdown guideline: the publish request, or every problem with its line. */
export type GuidelineMarkdownResult =
  { ok: true; request: GuidelinePublishRequest } | { ok: false; message: string; details: ErrorDetail[] };

const FRONT_MATTER_KEYS = {
  guideline: 'guidelineId',
  site: 'site',
  title: 'title',
  version: 'version',
  effectiveFrom: 'effectiveFrom',
} as const;
const TAG_KEYS = ['policies', 'categories', 'labels', 'keywords'] as const;
const HEADING_ID = /^(.*?)\s*\{#([^{}\s]*)\}$/s;

/** Parses a markdown guideline with YAML front matter into a publish request, naming the line of each problem. */
export function parseGuidelineMarkdown(source: string): GuidelineMarkdownResult {
  const problems: ErrorDetail[] = [];
  const fail = (line: number | undefined, path: string, message: string) =>
    problems.push({ path, message, ...(line === undefined ? {} : { line }) });

  // CommonMark turns NUL into U+FFFD while parsing: refused first, so no text is silently changed.
  const lines = source.split('\n');
  const unstorable = lines.findIndex((line) => unstorableReason(line) !== null);
  if (unstorable >= 0) {
    fail(unstorable + 1, '(file)', unstorableReason(lines[unstorable]!)!);
    return refused(problems);
  }
  const tree = parse(source);

  const [first] = tree.children;
  if (first?.type !== 'yaml') {
    fail(1, '(front matter)', 'the file must start with YAML front matter between two "---" lines');
    return refused(problems);
  }
  const front = readFrontMatter(first, fail);
  const { sections, sectionLines } = readSections(source, tree.children.slice(1), fail);
  if (problems.length > 0) return refused(problems);

  const parsed = GuidelinePublishRequest.safeParse({ ...front.values, sections });
  if (!parsed.success) {
    for (const detail of zodDetails(parsed.error)) {
      const [head, index] = detail.path.split('.');
      const line = head === 'sections' && index !== undefined ? sectionLines[Number(index)] : front.lines[head!];
      fail(line ?? front.line, markdownPath(detail.path), detail.message);
    }
    return refused(problems);
  }
  return { ok: true, request: parsed.data };
}

function parse(source: string): Root {
  return fromMarkdown(source, {
    extensions: [frontmatter(['yaml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
  });
}

type Fail = (line: number | undefined, path: string, message: string) => void;

/** Reads the front matter's known keys; `lines` says where each key was written. */
function readFrontMatter(node: Yaml, fail: Fail) {
  // The YAML starts on the line after the opening "---".
  const firstLine = lineOf(node) + 1;
  const values: Record<string, unknown> = {};
  const lines: Record<string, number> = {};
  const doc = parseYaml(node.value, firstLine, '(front matter)', fail);
  if (doc === undefined) return { values, lines, line: firstLine };
  if (!isMap(doc.value)) {
    fail(firstLine, '(front matter)', 'front matter must be "key: value" lines');
    return { values, lines, line: firstLine };
  }
  for (const [key, value] of Object.entries(doc.value)) {
    const line = firstLine + (doc.keyLines[key] ?? 0);
    const field = FRONT_MATTER_KEYS[key as keyof typeof FRONT_MATTER_KEYS];
    if (!field) {
      fail(line, key, `unknown front matter key; expected ${Object.keys(FRONT_MATTER_KEYS).join(', ')}`);
      continue;
    }
    values[field] = value;
    lines[field] = line;
  }
  return { values, lines, line: firstLine };
}

/** Splits the body into sections at `##` headings; returns them unvalidated, with each one's heading line. */
function readSections(source: string, nodes: RootContent[], fail: Fail) {
  const sections: Record<string, unknown>[] = [];
  const sectionLines: number[] = [];
  let index = 0;
  // Before the first section: only a "# Title" (the title itself comes from the front matter).
  while (index < nodes.length && !isSectionHeading(nodes[index]!)) {
    const node = nodes[index]!;
    if (!(node.type === 'heading' && node.depth === 1)) {
      fail(lineOf(node), '(body)', 'text before the first "## Heading {#section-id}" belongs to no section');
    }
    index++;
  }
  if (index === nodes.length) {
    fail(undefined, 'sections', 'no sections: each section starts with a "## Heading {#section-id}" line');
    return { sections, sectionLines };
  }
  while (index < nodes.length) {
    const heading = nodes[index] as Heading;
    let next = index + 1;
    while (next < nodes.length && !isSectionHeading(nodes[next]!)) next++;
    const line = lineOf(heading);
    const block = nodes.slice(index + 1, next);
    const nested = block.find((node) => node.type === 'heading' && node.depth === 1);
    if (nested) fail(lineOf(nested), '(body)', 'a "#" heading inside a section; sections start with "##"');
    sections.push(readSection(source, heading, block, line, sections.length, fail));
    sectionLines.push(line);
    index = next;
  }
  return { sections, sectionLines };
}

function readSection(
  source: string,
  heading: Heading,
  block: RootContent[],
  line: number,
  n: number,
  fail: Fail,
): Record<string, unknown> {
  const text = inlineSource(source, heading);
  const match = HEADING_ID.exec(text);
  const section: Record<string, unknown> = { heading: match ? match[1] : text, id: match?.[2] };
  if (!match) fail(line, `sections.${n}.id`, `the heading "${text}" must end in {#section-id}`);

  const [meta] = block;
  const hasMeta = meta?.type === 'code' && meta.lang === 'yaml';
  if (hasMeta) Object.assign(section, readTags(meta, n, fail));
  const bodyNodes = hasMeta ? block.slice(1) : block;
  const start = bodyNodes[0]?.position?.start.offset;
  const end = bodyNodes.at(-1)?.position?.end.offset;
  section.body = start === undefined || end === undefined ? '' : source.slice(start, end).trim();
  return section;
}

/** The tags of a section's `yaml` block; a single string stands for a one-item list. */
function readTags(node: Code, n: number, fail: Fail): Record<string, unknown> {
  // The YAML starts on the line after the opening fence.
  const firstLine = lineOf(node) + 1;
  const doc = parseYaml(node.value, firstLine, `sections.${n}`, fail);
  if (doc === undefined) return {};
  if (doc.value === null) return {};
  if (!isMap(doc.value)) {
    fail(firstLine, `sections.${n}`, `the yaml block must be "key: [values]" lines (${TAG_KEYS.join(', ')})`);
    return {};
  }
  const tags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.value)) {
    const line = firstLine + (doc.keyLines[key] ?? 0);
    if (!(TAG_KEYS as readonly string[]).includes(key)) {
      fail(line, `sections.${n}.${key}`, `unknown section key; expected ${TAG_KEYS.join(', ')}`);
      continue;
    }
    if (typeof value === 'string') tags[key] = [value];
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) tags[key] = value;
    else fail(line, `sections.${n}.${key}`, 'must be a list of words, e.g. [hate_speech, harassment]');
  }
  return tags;
}

/**
 * Parses YAML with the failsafe schema: every scalar stays a string, so `version: 2026.10` is not
 * turned into the number 2026.1 and `keywords: [no]` is not a boolean. Reports syntax errors by line.
 */
function parseYaml(text: string, firstLine: number, path: string, fail: Fail) {
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = firstLine + lineCount(text.slice(0, error.pos[0]));
      fail(line, path, `YAML: ${error.message.split('\n')[0]}`);
    }
    return undefined;
  }
  const value: unknown = doc.toJS();
  const keyLines: Record<string, number> = {};
  const contents = doc.contents;
  if (contents && 'items' in contents) {
    for (const pair of contents.items) {
      const key = pair && typeof pair === 'object' && 'key' in pair ? pair.key : undefined;
      if (key && typeof key === 'object' && 'range' in key && Array.isArray(key.range) && 'value' in key) {
        keyLines[String(key.value)] = lineCount(text.slice(0, key.range[0] as number));
      }
    }
  }
  return { value, keyLines };
}

function refused(details: ErrorDetail[]): GuidelineMarkdownResult {
  const first = details[0]!;
  const where = first.line === undefined ? '' : `line ${first.line}: `;
  return { ok: false, message: `invalid guideline markdown: ${where}${first.path}: ${first.message}`, details };
}

function isSectionHeading(node: RootContent): node is Heading {
  return node.type === 'heading' && node.depth === 2;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineOf(node: RootContent): number {
  return node.position?.start.line ?? 1;
}

/** Number of line breaks in `text`: the 0-based line where text after it starts. */
function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

/** A heading's text as written (inline markdown kept), without the `##` or a setext underline. */
function inlineSource(source: string, heading: Heading): string {
  const start = heading.children[0]?.position?.start.offset;
  const end = heading.children.at(-1)?.position?.end.offset;
  return start === undefined || end === undefined ? '' : source.slice(start, end).trim();
}

/** `guidelineId` → `guideline`, so a message names the key the file uses. */
function markdownPath(path: string): string {
  return path === 'guidelineId' ? 'guideline' : path;
}

/** Writes a version in the markdown format `parseGuidelineMarkdown` reads (bodies must not hold `##` headings of their own). */
export function formatGuidelineMarkdown(request: GuidelinePublishRequestInput): string {
  const front = stringify(
    {
      guideline: request.guidelineId,
      site: request.site,
      title: request.title,
      version: request.version,
      effectiveFrom: request.effectiveFrom,
    },
    { lineWidth: 0 },
  );
  const sections = request.sections.map((section) => {
    const tags = Object.fromEntries(TAG_KEYS.flatMap((key) => (section[key]?.length ? [[key, section[key]]] : [])));
    const meta = Object.keys(tags).length > 0 ? `\`\`\`yaml\n${tagLines(tags)}\`\`\`\n` : '';
    return `## ${section.heading} {#${section.id}}\n${meta}\n${section.body}\n`;
  });
  return `---\n${front}---\n\n${sections.join('\n')}`;
}

/** `policies: [hate_speech, harassment]` lines: a block map of flow lists, as people write them. */
function tagLines(tags: Record<string, unknown>): string {
  const doc = new Document(tags);
  visit(doc, {
    Seq(_, node) {
      node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
