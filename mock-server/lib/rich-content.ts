import { invalid } from './errors.js';

/** A document larger than this (as JSON) is refused: the text itself is at most 10,000 characters. */
const MAX_JSON_LENGTH = 100_000;
const MAX_DEPTH = 32;
const MAX_NODES = 5_000;

/**
 * `rich_content`: a TipTap/ProseMirror document, `{type: "doc", content: [...]}`. Only its
 * shape is checked (nodes with a string `type`, arrays where arrays belong), and its size;
 * the widget renders a known set of nodes as text and never parses HTML, so no content is
 * dangerous to store. The walk is bounded in depth and in nodes.
 */
export function richContent(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isNode(value) || value.type !== 'doc') throw invalid(field, 'must be a document: {type: "doc", content: [...]}');
  if (JSON.stringify(value).length > MAX_JSON_LENGTH)
    throw invalid(field, `must be at most ${MAX_JSON_LENGTH} characters as JSON`);
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number) => {
    if (++nodes > MAX_NODES) throw invalid(field, `must have at most ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) throw invalid(field, `must be nested at most ${MAX_DEPTH} deep`);
    if (!isNode(node) || typeof node.type !== 'string') throw invalid(field, `${path} must be a node with a type`);
    if (node.text !== undefined && typeof node.text !== 'string') throw invalid(field, `${path}.text must be a string`);
    if (node.attrs !== undefined && !isNode(node.attrs)) throw invalid(field, `${path}.attrs must be an object`);
    for (const list of ['content', 'marks'] as const) {
      const children = node[list];
      if (children === undefined) continue;
      if (!Array.isArray(children)) throw invalid(field, `${path}.${list} must be an array`);
      children.forEach((child, i) => walk(child, `${path}.${list}[${i}]`, depth + 1));
    }
  };
  walk(value, 'doc', 0);
  return value;
}

const isNode = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
