/**
 * Builds an element with its attributes and children: the few pieces the first file draws
 * itself (the launcher, the panel's frame), which carries no Lit templates. Attributes, never
 * innerHTML, so that it needs no Trusted Types policy and no text is ever parsed as markup.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The same for SVG, which lives in its own namespace. */
export function svgElement(tag: string, attributes: Record<string, string>, ...children: Node[]): SVGElement {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
