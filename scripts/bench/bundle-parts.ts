import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

/** The part of the content script a source file belongs to, for P3's breakdown. */
function partOf(source: string): string {
  const path = source.replace(/^(\.\.\/)+/, '').replace(/^\/?/, '');
  const vendor = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (vendor) return vendor[1]!;
  const [top, second, third] = path.split('/');
  // The overlay is most of the script: name its files one by one.
  if (top === 'utils' && second === 'overlay' && third) return `utils/overlay/${third.replace(/\.ts$/, '')}`;
  return top === 'utils' || top === 'contract' ? `${top}/${second?.replace(/\.ts$/, '') ?? ''}` : (top ?? '(unknown)');
}

/**
 * What each part of a bundle costs, from its source map: the generated code
 * each source maps to, raw and gzipped on its own (gzip of a part alone
 * overstates it a little; the parts' sum is beside the bundle's real size).
 */
export function bundleParts(bundleFile: string): { part: string; raw_kb: number; gzip_kb: number }[] {
  const code = readFileSync(bundleFile, 'utf8');
  const map = JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')) as RawSourceMap;
  const lines = code.split('\n');
  const chunks = new Map<string, string[]>();
  const consumer = new SourceMapConsumer(map);
  let previous: { line: number; column: number; part: string } | null = null;
  const take = (line: number, from: number, to: number | undefined, part: string) => {
    const text = lines[line - 1]?.slice(from, to) ?? '';
    if (!chunks.has(part)) chunks.set(part, []);
    chunks.get(part)!.push(text);
  };
  consumer.eachMapping((m) => {
    const part = m.source ? partOf(m.source) : '(bundler glue)';
    if (previous) {
      if (previous.line === m.generatedLine) take(previous.line, previous.column, m.generatedColumn, previous.part);
      else take(previous.line, previous.column, undefined, previous.part);
    }
    previous = { line: m.generatedLine, column: m.generatedColumn, part };
  });
  if (previous) {
    const last = previous as { line: number; column: number; part: string };
    take(last.line, last.column, undefined, last.part);
  }
  return [...chunks]
    .map(([part, texts]) => {
      const text = texts.join('');
      return {
        part,
        raw_kb: Math.round((Buffer.byteLength(text) / 1024) * 100) / 100,
        gzip_kb: Math.round((gzipSync(text).length / 1024) * 100) / 100,
      };
    })
    .sort((a, b) => b.raw_kb - a.raw_kb);
}
