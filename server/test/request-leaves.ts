/*
 * Finds the string leaves of a request from an OpenAPI document: every place a client can put
 * text (body fields, query and path parameters), walked beside a valid request so a union takes
 * the branch that request takes.
 */

/** The parts of a JSON Schema (as OpenAPI 3.1 embeds it) the walk reads. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  $ref?: string;
};
/** An OpenAPI parameter. */
export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  schema: JsonSchema;
}
/** An OpenAPI operation: what a request may carry. */
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
/** The parts of an OpenAPI document the walk reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** A string leaf of a request: where it is and the schema that constrains it. */
export interface Leaf {
  at: 'body' | 'query' | 'path';
  path: (string | number)[];
  schema: JsonSchema;
}

type Seen = { walked: Set<string>; skipped: Map<string, string> };

/** Notes a part the fixture lacks, under the first place it was missed. */
function skip(seen: Seen, part: JsonSchema, where: string): void {
  const key = JSON.stringify(part);
  if (!seen.skipped.has(key)) seen.skipped.set(key, where);
}

const types = (node: JsonSchema) => (Array.isArray(node.type) ? node.type : node.type ? [node.type] : []);

/** The walk over one document's schemas, resolving its `$ref`s. */
export function createLeafFinder(document: OpenApiDocument) {
  function resolve(node: JsonSchema): JsonSchema {
    if (!node.$ref) return node;
    const name = node.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${node.$ref}`);
    return resolve(target);
  }

  function hasStringLeaf(node: JsonSchema): boolean {
    const n = resolve(node);
    if (types(n).includes('string')) return true;
    return [
      ...Object.values(n.properties ?? {}),
      ...(n.items ? [n.items] : []),
      ...(n.oneOf ?? []),
      ...(n.anyOf ?? []),
    ].some(hasStringLeaf);
  }

  /** The union branch a fixture value takes: the one whose single-valued properties it matches. */
  function branchFor(branches: JsonSchema[], value: unknown): JsonSchema[] {
    const usable = branches.map(resolve).filter((b) => !types(b).includes('null') || types(b).length > 1);
    if (typeof value === 'string') return usable.filter((b) => types(b).includes('string')).slice(0, 1);
    if (value === null || typeof value !== 'object') return usable.slice(0, 1);
    return usable.filter((b) =>
      Object.entries(b.properties ?? {}).every(([key, prop]) => {
        const p = resolve(prop);
        const only = p.const ?? (p.enum?.length === 1 ? p.enum[0] : undefined);
        return only === undefined || (value as Record<string, unknown>)[key] === only;
      }),
    );
  }

  /**
   * Walks a schema beside a valid value and lists its string leaves. Object or array parts the value
   * lacks are recorded in `skipped`, unless the same schema was walked elsewhere, so a fixture that
   * leaves a kind of input untested fails instead of passing quietly.
   */
  function stringLeaves(node: JsonSchema, value: unknown, path: (string | number)[], seen: Seen): Omit<Leaf, 'at'>[] {
    const n = resolve(node);
    const union = n.oneOf ?? n.anyOf;
    if (union) {
      const chosen = branchFor(union, value);
      for (const branch of union.map(resolve)) {
        if (!chosen.includes(branch) && hasStringLeaf(branch)) skip(seen, branch, path.join('.'));
      }
      return chosen.flatMap((branch) => stringLeaves(branch, value, path, seen));
    }
    if (types(n).includes('string')) return [{ path, schema: n }];
    seen.walked.add(JSON.stringify(n));
    if (types(n).includes('array') && n.items) {
      if (!Array.isArray(value) || value.length === 0) {
        if (hasStringLeaf(n.items)) skip(seen, n, path.join('.'));
        return [];
      }
      return stringLeaves(n.items, value[0], [...path, 0], seen);
    }
    if (n.properties) {
      const object = (value ?? {}) as Record<string, unknown>;
      return Object.entries(n.properties).flatMap(([key, prop]) => {
        const p = resolve(prop);
        const union = (p.oneOf ?? p.anyOf ?? []).map(resolve);
        const takesString = types(p).includes('string') || union.some((branch) => types(branch).includes('string'));
        if (object[key] === undefined && !takesString) {
          // An absent object part: fine when the same shape is walked elsewhere (e.g. another record key).
          for (const part of union.length > 0 ? union : [p]) {
            if (hasStringLeaf(part)) skip(seen, part, [...path, key].join('.'));
          }
          return [];
        }
        return stringLeaves(p, object[key], [...path, key], seen);
      });
    }
    return [];
  }

  /**
   * Every string leaf of an operation's query, path and JSON body, walked beside a valid `body`;
   * `untested` names object parts that body lacks and no other part of it covers.
   */
  function leavesOf(operation: Operation, body: unknown) {
    const seen = { walked: new Set<string>(), skipped: new Map<string, string>() };
    const leaves: Leaf[] = [];
    for (const parameter of operation.parameters ?? []) {
      if ((parameter.in === 'query' || parameter.in === 'path') && hasStringLeaf(parameter.schema)) {
        leaves.push({ at: parameter.in, path: [parameter.name], schema: resolve(parameter.schema) });
      }
    }
    const schema = operation.requestBody?.content['application/json']?.schema;
    if (schema) leaves.push(...stringLeaves(schema, body, [], seen).map((leaf) => ({ ...leaf, at: 'body' as const })));
    const untested = [...seen.skipped].filter(([key]) => !seen.walked.has(key)).map(([, where]) => where);
    return { leaves, untested };
  }

  return { leavesOf };
}

/** A value is free text when nothing but its length limits it: markup is then legitimate content. */
export function isFreeText(node: JsonSchema): boolean {
  return node.pattern === undefined && node.enum === undefined && node.const === undefined && node.format === undefined;
}

/** Sets `value` at `path` inside `target`, creating objects on the way. */
export function setAt(target: unknown, path: (string | number)[], value: unknown): void {
  let cursor = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    cursor[key] ??= {};
    cursor = cursor[key] as Record<string | number, unknown>;
  }
  cursor[path.at(-1)!] = value;
}

/** The value at `path` inside `target`, or undefined. */
export function getAt(target: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((cursor, key) => (cursor as Record<string | number, unknown> | undefined)?.[key], target);
}
