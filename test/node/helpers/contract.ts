import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks answers against mock-server/openapi.json: every response a Node test sees goes
 * through `contractProblems`, so the document and the server cannot drift apart unnoticed.
 */

const DOC_ID = 'https://support-chat.invalid/openapi.json';
export const openapi = JSON.parse(readFileSync(new URL('../../../mock-server/openapi.json', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }>; headers?: Record<string, { required?: boolean }> }>;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(openapi, DOC_ID);

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const routes = Object.entries(openapi.paths).map(([template, operations]) => ({
  template,
  operations,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The operation a request goes to, if the document has it. */
export function findOperation(method: string, pathname: string): { template: string; operation: Operation } | undefined {
  for (const route of routes) {
    const operation = route.operations[method.toLowerCase()];
    if (operation && route.pattern.test(pathname)) return { template: route.template, operation };
  }
  return undefined;
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** What is wrong with this answer by the document; an empty list when it matches. */
export function contractProblems(
  method: string,
  pathname: string,
  status: number,
  headers: Headers,
  body: unknown,
  /** The production flavour sends no `Retry-After`: its answers are checked for their bodies only. */
  { headerChecks = true } = {},
): string[] {
  const found = findOperation(method, pathname);
  if (!found) return [`${method} ${pathname} is not in openapi.json`];
  const key = String(status) in found.operation.responses ? String(status) : 'default';
  const response = found.operation.responses[key];
  if (!response) return [`${found.operation.operationId}: status ${status} is not documented`];

  const problems: string[] = [];
  for (const [name, header] of Object.entries(headerChecks ? (response.headers ?? {}) : {})) {
    if (header.required && !headers.has(name)) problems.push(`${found.operation.operationId} ${status}: header ${name} missing`);
  }
  if (!response.content) {
    if (body !== undefined) problems.push(`${found.operation.operationId} ${status}: expected no body`);
    return problems;
  }
  // A file's bytes (an attachment's download): the headers are the contract, not a schema.
  if (!('application/json' in response.content)) return problems;
  const ref = `${DOC_ID}#/${pointer('paths', found.template, method.toLowerCase(), 'responses', key, 'content', 'application/json', 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })));
  if (!validate(body)) {
    problems.push(
      ...(validate.errors ?? []).map(
        (e) => `${found.operation.operationId} ${status}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
      ),
    );
  }
  return problems;
}
