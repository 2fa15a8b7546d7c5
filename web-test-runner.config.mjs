import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findChromium } from './scripts/find-browser.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';

const executablePath = await findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_A_BROWSER);
  process.exit(1);
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Two cores: one file at a time is faster, and files never share IndexedDB state.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args: CHROMIUM_ARGS } })],
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  middleware: [
    // The MSW worker must be served from "/" to control the whole origin.
    function serveMockServiceWorker(context, next) {
      if (context.path === '/mockServiceWorker.js') context.url = '/demo/public/mockServiceWorker.js';
      return next();
    },
    // Locale tables load from a URL computed at run time (./locales/de.js beside the script);
    // in the sources that file is TypeScript, which the esbuild plugin then compiles.
    function serveTypeScriptForJs(context, next) {
      if (context.path.startsWith('/src/') && context.path.endsWith('.js')) {
        const ts = context.path.replace(/\.js$/, '.ts');
        if (!existsSync(`.${context.path}`) && existsSync(`.${ts}`)) context.url = ts;
      }
      return next();
    },
    // A page under a strict policy, to prove the widget needs neither inline code nor eval.
    async function strictContentSecurityPolicy(context, next) {
      await next();
      if (context.path.startsWith('/test/browser/ui/csp/')) {
        // The trusted-types page adds the policy a site that requires Trusted Types would set (see the README).
        const trustedTypes = context.path.endsWith('/trusted-types.html')
          ? "; require-trusted-types-for 'script'; trusted-types lit-html default"
          : '';
        context.set(
          'Content-Security-Policy',
          "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; worker-src 'self'; object-src 'none'; base-uri 'none'" +
            trustedTypes,
        );
      }
    },
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
