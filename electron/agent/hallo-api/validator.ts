import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import operationsFile from './api-operations.json';
import type openapi from './openapi.json';
import { API_VALIDATORS_DIR, validatorFile } from './validator-files';

// One validator for everything that crosses the hallo, API: the agent checks what it reads, the
// reference server checks what it receives and what it sends. Schemas come from openapi.json
// only, compiled ahead by Ajv (npm run api:validators: build/api-validators.ts) into a file per
// validator, each required at its first use and kept: no Ajv compiler, nor all ~90 validators,
// in the agent's memory.

export type Validation<T = unknown> = { ok: true; value: T } | { ok: false; errors: string; issues: ValidationIssue[] };
/** One failed rule: a JSON pointer into the value, the Ajv keyword, and Ajv's message. */
export interface ValidationIssue {
  pointer: string;
  keyword: string;
  message: string;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type ParameterIn = 'path' | 'query' | 'header';

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: ParameterIn;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref: string } | { content?: Record<string, { schema: Schema }> }>;
  'x-events'?: Record<string, Schema>;
}
/** openapi.json's operations, their schemas reduced to what picks a validator (api-operations.json). */
interface Doc {
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    parameters: Record<string, Parameter>;
    responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  };
}

const doc = operationsFile as unknown as Doc;
const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export type SchemaName = keyof typeof openapi.components.schemas;

/** Every operation, by operationId: its method and path template. */
export const operations: ReadonlyMap<string, { method: HttpMethod; path: string; operation: Operation }> = new Map(
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [[operation.operationId, { method, path, operation }] as const] : [];
    }),
  ),
);

const load = createRequire(import.meta.url);
const compiled = new Map<string, ValidateFunction>();
/** The validator for a key; a schema that is only a component's $ref uses that component's. */
function compile(key: string, schema: () => Schema): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    const raw = schema();
    const ref = raw.$ref;
    const file =
      typeof ref === 'string' && Object.keys(raw).length === 1 && ref.startsWith('#/components/schemas/')
        ? validatorFile(`schema:${ref.slice('#/components/schemas/'.length)}`)
        : validatorFile(key);
    fn = load(`./${API_VALIDATORS_DIR}/${file}`) as ValidateFunction;
    compiled.set(key, fn);
  }
  return fn;
}

function run<T>(fn: ValidateFunction, value: unknown): Validation<T> {
  if (fn(value)) return { ok: true, value: value as T };
  const issues = (fn.errors ?? []).map(toIssue);
  return { ok: false, errors: issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; '), issues };
}

function toIssue(e: ErrorObject): ValidationIssue {
  // Point at the missing or extra property itself, not at its parent object.
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  const pointer = child !== undefined ? `${e.instancePath}/${child}` : e.instancePath;
  return { pointer, keyword: e.keyword, message: e.message ?? e.keyword };
}

function fail(message: string): Validation<never> {
  return { ok: false, errors: message, issues: [{ pointer: '', keyword: 'operation', message }] };
}

function lookup(operationId: string): Operation {
  const found = operations.get(operationId);
  if (!found) throw new Error(`unknown operationId: ${operationId}`); // a programming error, not input
  return found.operation;
}

/** A component schema by name, e.g. `validateSchema('Policy', cached)` for the on-disk cache. */
export function validateSchema<T = unknown>(name: SchemaName, value: unknown): Validation<T> {
  return run<T>(compile(`schema:${name}`, () => ({ $ref: `#/components/schemas/${name}` })), value);
}

/** The JSON request body of an operation. An operation without a body accepts only `undefined`. */
export function validateRequest<T = unknown>(operationId: string, body: unknown): Validation<T> {
  const op = lookup(operationId);
  const schema = op.requestBody?.content['application/json']?.schema;
  if (!schema) return body === undefined ? { ok: true, value: body as T } : fail(`${operationId} takes no request body`);
  if (body === undefined) return op.requestBody?.required ? fail('/: request body is required') : { ok: true, value: body as T };
  return run<T>(compile(`request:${operationId}`, () => schema), body);
}

/**
 * A response body for a status. A status the operation does not list fails (the `default`
 * problem response only covers error statuses); a response without content must have no body.
 */
export function validateResponse<T = unknown>(operationId: string, status: number, body: unknown): Validation<T> {
  const op = lookup(operationId);
  let response = op.responses[String(status)] ?? (status >= 400 ? op.responses.default : undefined);
  if (!response) return fail(`${operationId} does not answer ${status}`);
  if ('$ref' in response) response = doc.components.responses[response.$ref.split('/').pop() ?? ''] ?? {};
  const content = 'content' in response ? response.content : undefined;
  if (!content) return body === undefined || body === '' ? { ok: true, value: body as T } : fail(`${status} has no body`);
  const type = content['application/json'] ? 'application/json' : content['application/problem+json'] ? 'application/problem+json' : null;
  if (!type) return { ok: true, value: body as T }; // e.g. text/event-stream: not JSON, checked per event
  const schema = content[type]!.schema;
  return run<T>(compile(`response:${operationId}:${status}:${type}`, () => schema), body);
}

/** An SSE event's JSON data, by event type (`x-events` of the `events` operation). */
export function validateEvent<T = unknown>(eventType: string, data: unknown): Validation<T> {
  const schema = lookup('events')['x-events']?.[eventType];
  if (!schema) return fail(`unknown event type: ${eventType}`);
  return run<T>(compile(`event:${eventType}`, () => schema), data);
}

/**
 * An operation's path, query and header parameters. Header names are matched case-insensitively;
 * values arrive as strings: one whose schema is an integer is read as a decimal integer first
 * (`limit=50`), anything else stays a string and fails the integer schema.
 */
export function validateParameters(
  operationId: string,
  values: Partial<Record<ParameterIn, Record<string, string | undefined>>>,
): Validation<void> {
  const issues: ValidationIssue[] = [];
  for (const entry of lookup(operationId).parameters ?? []) {
    const param = '$ref' in entry ? doc.components.parameters[entry.$ref.split('/').pop() ?? '']! : entry;
    const bag = values[param.in] ?? {};
    const value =
      param.in === 'header'
        ? Object.entries(bag).find(([k]) => k.toLowerCase() === param.name.toLowerCase())?.[1]
        : bag[param.name];
    const pointer = `/${param.in}/${param.name}`;
    if (value === undefined) {
      if (param.required) issues.push({ pointer, keyword: 'required', message: 'is required' });
      continue;
    }
    const typed = param.schema.type === 'integer' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
    const result = run(compile(`param:${operationId}:${param.in}:${param.name}`, () => param.schema), typed);
    if (!result.ok) issues.push(...result.issues.map((i) => ({ ...i, pointer: pointer + i.pointer })));
  }
  if (issues.length === 0) return { ok: true, value: undefined };
  return { ok: false, errors: issues.map((i) => `${i.pointer}: ${i.message}`).join('; '), issues };
}

const templates = [...operations.entries()].map(([operationId, { method, path }]) => {
  const names: string[] = [];
  // Paths in openapi.json are plain [a-z/-] plus {name}: nothing else needs escaping.
  const pattern = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { operationId, method, regex: new RegExp(`^${pattern}$`), names, literal: !names.length };
});

/**
 * The operation for a request, by method and path relative to the base URL (e.g. `/tickets`).
 * Literal paths win over templates; path parameters come back URL-decoded.
 */
export function operationFor(method: string, path: string): { operationId: string; params: Record<string, string> } | null {
  const m = method.toLowerCase();
  const candidates = templates.filter((t) => t.method === m).sort((a, b) => Number(b.literal) - Number(a.literal));
  for (const t of candidates) {
    const match = t.regex.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      t.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
    } catch {
      return null; // malformed percent-encoding: no operation can take it
    }
    return { operationId: t.operationId, params };
  }
  return null;
}
