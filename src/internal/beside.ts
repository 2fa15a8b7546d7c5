// The one way this package finds the files it loads on demand (locales/, rich-content.js,
// panel.js): beside the file that asks. An ES module knows its URL (import.meta.url); the
// one-file (IIFE) build has no import.meta, so it reads its <script>'s src, which is only
// there while the script first runs: hence read here, at load.
const script = (document.currentScript as HTMLScriptElement | null)?.src;

/**
 * The URL of `file` beside the module at `moduleUrl` (pass `import.meta.url`; the IIFE build
 * defines it as undefined, and the script's own URL is used). In the sources the relative
 * layout is the same as in dist/, so tests and the demo load the TypeScript module.
 */
export const beside = (file: string, moduleUrl: string | undefined): string =>
  new URL(file, moduleUrl || script || location.href).href;
