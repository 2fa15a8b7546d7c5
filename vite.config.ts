import { readdirSync, readFileSync } from 'node:fs';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { defineConfig, type BuildOptions, type Plugin, type UserConfig } from 'vite';
import { demoPlugin } from './demo/server/demo-plugin.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * The modules the lazily loaded files (panel, conversation) take from the first file instead
 * of carrying their own copy, by their names in src/internal/shared-modules.ts: our modules
 * both halves use (one copy of a class that `instanceof` checks, one slot to fill, no second
 * copy of what the first file has). Lit is not among them: the first file has none of it, and
 * the panel file carries it whole.
 */
const SHARED: Array<[string, RegExp]> = [
  ['viewController', /\/src\/controllers\/view-controller\.ts$/],
  ['strings', /\/src\/i18n\/strings\.ts$/],
  ['visitorInput', /\/src\/client\/visitor-input\.ts$/],
  ['conversationSlot', /\/src\/client\/conversation-slot\.ts$/],
  ['events', /\/src\/client\/events\.ts$/],
  ['chatError', /\/src\/client\/chat-error\.ts$/],
  ['storedFields', /\/src\/client\/stored-fields\.ts$/],
  ['unread', /\/src\/client\/unread\.ts$/],
  ['restore', /\/src\/client\/restore\.ts$/],
  ['transportError', /\/src\/transport\/transport-error\.ts$/],
  ['guards', /\/src\/transport\/guards\.ts$/],
  ['panelSlot', /\/src\/components\/support-chat\/panel-slot\.ts$/],
  ['panelLoader', /\/src\/components\/support-chat\/panel-loader\.ts$/],
  ['chatState', /\/src\/client\/chat-state\.ts$/],
  ['clock', /\/src\/client\/clock\.ts$/],
  ['ratingSlot', /\/src\/client\/rating-slot\.ts$/],
  ['beside', /\/src\/internal\/beside\.ts$/],
  ['define', /\/src\/internal\/define\.ts$/],
  ['sharedStyles', /\/src\/internal\/shared\.styles\.ts$/],
  // The uploads (in the panel file) fail with the first file's TransportError, which the sender tells by instanceof.
];
/**
 * dist/locales/<name>.js for each table beyond English (which the script and the panel file
 * carry, en.ts and en-panel.ts): every file of src/i18n/locales/ named after a language.
 */
const LOCALE_ENTRIES = Object.fromEntries(
  readdirSync('src/i18n/locales')
    .filter((file) => /^[a-z]{2}(-[A-Z]{2})?\.ts$/.test(file) && file !== 'en.ts')
    .map((file) => [`locales/${file.slice(0, -'.ts'.length)}`, `src/i18n/locales/${file}`]),
);
/** What every build of the library shares: into dist/ beside the others, for the browsers of today. */
const LIBRARY_BUILD = { outDir: 'dist', emptyOutDir: false, target: 'es2022', minify: true } satisfies BuildOptions;
const registry = `globalThis[Symbol.for(${JSON.stringify(`support-chat ${version}`)})]`;

/** Turns each import of a shared module into an external, read from the registry the first file fills. */
function sharedModules(): Plugin {
  return {
    name: 'support-chat-shared-modules',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source.startsWith('shared:')) return { id: source, external: true };
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const key = resolved && SHARED.find(([, pattern]) => pattern.test(resolved.id))?.[0];
      return key ? { id: `shared:${key}`, external: true } : resolved;
    },
  };
}

/**
 * `vite` (npm start) serves the demo, with the reference server running in the page
 * through the MSW service worker (and in Node for the page that loads only the IIFE). `vite build` builds the library: `--mode es` (default)
 * for bundlers, leaving idb-keyval as an import (and Lit, should the first file ever import it:
 * the panel file carries Lit); `--mode iife` for a
 * plain script tag, everything bundled.
 */
export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'serve') {
    return {
      root: 'demo',
      publicDir: 'public',
      plugins: [demoPlugin()],
      // What only the lazily loaded panel imports, which the start-up scan (static imports from
      // the pages) does not reach: found on a first open instead, it made Vite reload the page.
      optimizeDeps: { include: ['lit', '@lit/context', 'lit/directives/repeat.js'] },
      server: { host: '127.0.0.1', port: 5173 },
      preview: { host: '127.0.0.1', port: 4173 },
    };
  }

  if (mode === 'panel' || mode === 'conversation') {
    // dist/panel.js: the panel's views, loaded on first open; dist/conversation-chunk.js: the
    // client's parts beyond the unread count (delivery, message sync, live, restore flow), loaded
    // when first needed or at idle. Each a classic script body (IIFE) whose imports of the
    // shared modules are arguments read from the registry; loaded with import(), so that it
    // arrives as the locales do and works under a strict CSP.
    const [entry, name, file] =
      mode === 'panel'
        ? ['src/components/support-chat/panel.ts', 'SupportChatPanel', 'panel.js']
        : ['src/client/conversation-chunk.ts', 'SupportChatConversation', 'conversation-chunk.js'];
    return {
      publicDir: false,
      plugins: [sharedModules(), minifyTemplateLiterals({ include: ['src/**/*.ts'] })],
      // Its own URL, for what it loads beside itself in turn (rich-content.js).
      define: { 'import.meta.url': `${registry}.url` },
      build: {
        ...LIBRARY_BUILD,
        sourcemap: true,
        lib: { entry, formats: ['iife'], name, fileName: () => file },
        rollupOptions: { output: { globals: (id: string) => `${registry}.${id.slice('shared:'.length)}` } },
      },
    };
  }

  if (mode === 'locales') {
    // What loads at run time, beside the scripts: the tables beyond English (dist/locales/de.js,
    // …) and the renderer of formatted messages (dist/rich-content.js); the panel's views too (mode `panel`).
    return {
      publicDir: false,
      plugins: [minifyTemplateLiterals({ include: ['src/**/*.ts'] })],
      build: {
        ...LIBRARY_BUILD,
        lib: {
          entry: {
            ...LOCALE_ENTRIES,
            'rich-content': 'src/components/message-list/rich-content.ts',
          },
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
      },
    };
  }

  if (mode === 'react') {
    // dist/react.js (support-chat/react): imports the element from 'support-chat' (the user's
    // copy of dist/support-chat.js, so one registration) and React, and nothing else.
    return {
      publicDir: false,
      build: {
        ...LIBRARY_BUILD,
        sourcemap: true,
        lib: { entry: { react: 'src/react.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
        rollupOptions: { external: ['support-chat', 'react'] },
      },
    };
  }

  const iife = mode === 'iife';
  return {
    publicDir: false,
    // Lit's html`` and css`` templates keep their indentation and comments otherwise.
    plugins: [minifyTemplateLiterals({ include: ['src/**/*.ts'] })],
    // A classic script has no import.meta; the locale loader then finds its URL another way.
    define: iife ? { 'import.meta.url': 'undefined' } : {},
    build: {
      ...LIBRARY_BUILD,
      emptyOutDir: !iife,
      sourcemap: true,
      lib: {
        entry: 'src/index.ts',
        formats: [iife ? 'iife' : 'es'],
        name: 'SupportChat',
        fileName: () => (iife ? 'support-chat.iife.js' : 'support-chat.js'),
      },
      rollupOptions: {
        external: iife ? [] : [/^lit(\/|$)/, /^@lit\//, 'idb-keyval'],
      },
    },
  };
});
