import { html, nothing } from 'lit';
import { beside } from '../../internal/beside.js';
import type { RichDoc } from '../../transport/wire-types.js';

/** What the renderer takes from the page's Lit, so that its file carries no Lit of its own. */
export interface Lit {
  html: typeof html;
  nothing: typeof nothing;
}

type Render = (doc: RichDoc | undefined, lit: Lit) => unknown[] | undefined;

let render: Render | undefined;
let loading: Promise<unknown> | undefined;

/**
 * A formatted message as templates, once the renderer (rich-content.ts, a file beside the
 * script) has loaded; until then, or if it cannot load, undefined, and the message shows its
 * plain text. The first call starts the load, and `loaded` runs when it is there.
 * A runtime URL on purpose: a bundler would inline a static import() into the one-file build.
 */
export function richContent(doc: RichDoc, loaded: () => void): unknown[] | undefined {
  if (render) return render(doc, { html, nothing });
  loading ??= import(/* @vite-ignore */ beside('./rich-content.js', import.meta.url)).then(
    (module: { renderRichContent: Render }) => (render = module.renderRichContent),
  );
  loading.then(loaded, () => {});
  return undefined;
}
