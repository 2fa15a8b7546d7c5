import { beside } from '../internal/beside.js';
import type { Strings } from './locales/en.js';

/**
 * The tables shipped beside the script (dist/locales/<name>.js, one file each), loaded only by
 * pages that want them; English is in the script. To add a language, see the README
 * ("Languages"): its table in ./locales/ and its name here.
 */
export const lazyLocales = ['de', 'ar', 'fr', 'es', 'pt-BR', 'nl', 'ja', 'he'];

/** Languages written right to left (their base subtag). */
export const rtlLanguages = ['ar', 'he', 'fa', 'ur'];

/**
 * The table for a language tag, or undefined (English, or a language without one): its own
 * (`pt-BR`), else its language's (`de-AT` → `de`; `pt`, `pt-PT` → `pt-BR` while that is the
 * only Portuguese; `iw`, Hebrew's old code that some Android and Java stacks still send → `he`).
 */
export function tableFor(tag: string): string | undefined {
  const lower = tag.toLowerCase().replace(/_/g, '-');
  const base = lower.split('-')[0].replace(/^iw$/, 'he');
  return lazyLocales.find((name) => name.toLowerCase() === lower) ?? lazyLocales.find((name) => name.split('-')[0] === base);
}

/**
 * Loads a locale table on demand, so that the script carries English only and a page pays
 * just for its own language. A runtime URL on purpose: a bundler would inline a static
 * import() into the one-file build.
 */
export async function loadLocale(name: string): Promise<Strings> {
  const module: { default: Strings } = await import(/* @vite-ignore */ beside(`./locales/${name}.js`, import.meta.url));
  return module.default;
}
