/**
 * Finds things the way a screen-reader user does: by role and accessible name, through
 * shadow roots. Covers the roles and naming rules the widget uses (aria-label,
 * aria-labelledby, <label>, text content).
 */

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  textbox:
    'textarea, input:not([type]), input[type="text"], input[type="email"], input[type="search"], input[type="url"], [role="textbox"], [role="searchbox"]',
  dialog: '[role="dialog"], dialog',
  log: '[role="log"]',
  alert: '[role="alert"]',
  status: '[role="status"]',
  link: 'a[href]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  listitem: 'li, [role="listitem"]',
  group: 'fieldset, [role="group"]',
  radio: 'input[type="radio"], [role="radio"]',
  checkbox: 'input[type="checkbox"], [role="checkbox"]',
  combobox: 'select:not([multiple]), [role="combobox"]',
};

function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = el.getRootNode() as Document | ShadowRoot;
    return labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ');
  }
  const legend = el.matches('fieldset') && el.querySelector(':scope > legend');
  if (legend) return (legend.textContent ?? '').trim();
  const labels = (el as HTMLInputElement).labels;
  if (labels?.length) return [...labels].map((l) => l.textContent?.trim()).join(' ');
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function isShown(el: Element): boolean {
  return !el.closest('[hidden]') && (el as HTMLElement).offsetParent !== null;
}

export function queryAllByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const selector = ROLE_SELECTORS[role] ?? `[role="${role}"]`;
  return [...deepElements(root)].filter((el): el is HTMLElement => {
    if (!el.matches(selector) || !isShown(el)) return false;
    if (name === undefined) return true;
    const actual = accessibleName(el);
    return typeof name === 'string' ? actual === name : name.test(actual);
  });
}

export function getByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = queryAllByRole(root, role, name);
  if (found.length !== 1) {
    throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`);
  }
  return found[0];
}

/** Waits until `getByRole` finds exactly one match. */
export async function findByRole(root: ParentNode, role: string, name?: string | RegExp, timeout = 5000) {
  return waitFor(() => getByRole(root, role, name), timeout);
}

/**
 * Retries `check` until it stops throwing (or, when async, stops rejecting), or rethrows its
 * last error after `timeout` ms.
 */
export async function waitFor<T>(check: () => T | Promise<T>, timeout = 5000): Promise<T> {
  const deadline = performance.now() + timeout;
  for (;;) {
    try {
      // Awaited here: a rejected promise returned as is would escape the retry.
      return await check();
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
