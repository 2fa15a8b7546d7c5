/**
 * What each framework app puts on `window.app` for scripts/check-embeds.mjs to drive: mount and
 * unmount the framework's root, and the events its handlers received, in order.
 */
export interface FrameworkApp {
  framework: string;
  mount(): void;
  unmount(): void;
  events: string[];
}

declare global {
  interface Window {
    app: FrameworkApp;
  }
}
