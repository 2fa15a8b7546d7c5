import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { defineConfig, type UserConfig } from 'vite';
import { demoPlugin } from './demo/server/demo-plugin.js';

/**
 * `vite` (npm start) serves the demo, with the reference server running in the page
 * through the MSW service worker (and in Node for the page that loads only the IIFE). `vite build` builds the library: `--mode es` (default)
 * for bundlers, leaving lit, @lit/context and idb-keyval as imports; `--mode iife` for a
 * plain script tag, everything bundled.
 */
export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'serve') {
    return {
      root: 'demo',
      publicDir: 'public',
      plugins: [demoPlugin()],
      server: { host: '127.0.0.1', port: 5173 },
      preview: { host: '127.0.0.1', port: 4173 },
    };
  }

  if (mode === 'locales') {
    // What loads at run time, beside the scripts: the tables beyond English (dist/locales/de.js,
    // …) and the renderer of formatted messages (dist/rich-content.js).
    return {
      publicDir: false,
      plugins: [minifyTemplateLiterals({ include: ['src/**/*.ts'] })],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        lib: {
          entry: {
            'locales/de': 'src/i18n/locales/de.ts',
            'locales/ar': 'src/i18n/locales/ar.ts',
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
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
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
      outDir: 'dist',
      emptyOutDir: !iife,
      target: 'es2022',
      minify: true,
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
