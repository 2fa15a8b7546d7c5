// A Vue 3 app with <support-chat> in a single-file component, compiled by @vitejs/plugin-vue with
// the documented isCustomElement setting (scripts/check-embeds.mjs); mounted and unmounted by the check.
import { createApp, type App } from 'vue';
import type { FrameworkApp } from '../app-api.js';
// eslint-disable-next-line no-restricted-imports -- a single-file component has no .js name
import Component from './App.vue';

const events: string[] = [];
let app: App | undefined;
const api: FrameworkApp = {
  framework: 'vue',
  events,
  mount() {
    app = createApp(Component, { events });
    app.mount('#root');
  },
  unmount() {
    app?.unmount();
    app = undefined;
  },
};
window.app = api;
api.mount();
