/**
 * The small checks that saved state is read with (data-shape.ts, settings-shape.ts): each
 * throws a \`ShapeError\` naming the path and what it found.
 */
export class ShapeError extends Error {}

export type Check = (value: unknown, path: string) => void;

const describe = (value: unknown) => (value === undefined ? 'missing' : `it is ${JSON.stringify(value)?.slice(0, 60)}`);
export const fail = (path: string, expected: string, value: unknown): never => {
  throw new ShapeError(`${path} must be ${expected} (${describe(value)})`);
};

export const string: Check = (v, p) => void (typeof v === 'string' || fail(p, 'a string', v));
export const nullableString: Check = (v, p) => void (v === null || typeof v === 'string' || fail(p, 'a string or null', v));
export const boolean: Check = (v, p) => void (typeof v === 'boolean' || fail(p, 'true or false', v));
export const count =
  (min: number): Check =>
  (v, p) =>
    void ((Number.isInteger(v) && (v as number) >= min) || fail(p, `a whole number from ${min}`, v));
export const oneOf =
  (allowed: readonly string[]): Check =>
  (v, p) =>
    void (allowed.includes(v as string) || fail(p, `one of ${allowed.join(', ')}`, v));
export const object: Check = (v, p) =>
  void ((v !== null && typeof v === 'object' && !Array.isArray(v)) || fail(p, 'an object', v));
export const stringArray: Check = (v, p) => {
  if (!Array.isArray(v)) fail(p, 'an array of strings', v);
  (v as unknown[]).forEach((item, i) => string(item, `${p}[${i}]`));
};
export const assignee: Check = (v, p) => {
  if (v === null) return;
  object(v, p);
  const a = v as Record<string, unknown>;
  oneOf(['user', 'role'])(a.type, `${p}.type`);
  string(a.id, `${p}.id`);
};

/** A record: every field of `fields` present with its shape (extra fields are kept, unchecked). */
export const record =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    object(v, p);
    for (const [name, check] of Object.entries(fields)) check((v as Record<string, unknown>)[name], `${p}.${name}`);
  };

/** `check` on every item of an array field (absent is fine: older saves lack some). */
export function checkList(value: unknown, path: string, check: Check) {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail(path, 'an array', value);
  (value as unknown[]).forEach((item, i) => check(item, `${path}[${i}]`));
}
