import { html, nothing } from 'lit';
import type { RichDoc } from '../../transport/wire-types.js';

/** What the renderer takes from the page's Lit, so that its file carries no Lit of its own. */
export interface Lit {
  html: typeof html;
  nothing: typeof nothing;
}

type Render = (doc: RichDoc | undefined, lit: Lit) => unknown[] | undefined;

// Where this module was loaded from (as in i18n/strings.ts): the one-file build has no
// import.meta, so it reads its <script>'s src, which is only there while the script first runs.
const here = import.meta.url || (document.currentScript as HTMLScriptElement | null)?.src || location.href;

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
  loading ??= import(/* @vite-ignore */ new URL(`./rich-content.js`, here).href).then(
    (module: { renderRichContent: Render }) => (render = module.renderRichContent),
  );
  loading.then(loaded, () => {});
  return undefined;
}
