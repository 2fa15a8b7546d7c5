import { beside } from '../../internal/beside.js';
import { whenIdle } from '../../internal/when-idle.js';
import { shareModules } from '../../internal/shared-modules.js';
import { panelSlot } from './panel-slot.js';

let loading: Promise<void> | undefined;
let failures = 0;
let loaded!: () => void;
/** Resolves once the panel file is in, whoever asked for it (an open, the idle prefetch, the pointer). */
export const panelLoaded = new Promise<void>((resolve) => (loaded = resolve));

/**
 * Loads the panel's views (panel.ts, built as dist/panel.js beside the script), once: what
 * a page pays for before the visitor opens the widget is the launcher, the badge and the
 * client. A runtime URL on purpose, as for locales/: a bundler would inline a static import()
 * into the one-file build. A failed load is forgotten, so that the next open tries again.
 */
export function loadPanel(): Promise<void> {
  if (panelSlot.mount) return Promise.resolve(loaded());
  const url = beside('./panel.js', import.meta.url);
  shareModules(url);
  // The browser remembers a module that failed to load and fails every import() of its URL
  // again: a retry asks for another URL (nothing was evaluated from the failed one).
  loading ??= import(/* @vite-ignore */ failures ? `${url}?retry=${failures}` : url).then(
    () => {
      if (!panelSlot.mount) throw new Error(`support-chat: ${url} did not provide the panel`);
      loaded();
    },
    (error: unknown) => {
      loading = undefined;
      failures++;
      throw error;
    },
  );
  return loading;
}

/**
 * Fetches the panel ahead when the browser is idle, so that a first open rarely waits; the
 * launcher also asks for it when the pointer or focus reaches it. Also then: the part of
 * building an Intl formatter that every kind and language shares (Intl.PluralRules aside),
 * listing the locales the browser has, which made a page's first formatter cost 20–50 ms in
 * Chromium and those after it about 1 ms; the panel's first times would pay it on open.
 */
export function prefetchPanel() {
  whenIdle(() => {
    Intl.RelativeTimeFormat.supportedLocalesOf('en');
    loadPanelAhead();
  });
}

/** Loads the panel file before it is needed; a failure is left for the open that needs it to say. */
export const loadPanelAhead = () => void loadPanel().catch(() => {});
