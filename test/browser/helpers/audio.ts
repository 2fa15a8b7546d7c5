/**
 * Stand-ins for what the reply sound touches: a fake AudioContext that counts the tones started
 * (no audio device is needed), and the page's user activation (the autoplay rule), in `win`.
 */
export function fakeAudio(win: Window & typeof globalThis = window) {
  const counts = { contexts: 0, tones: 0 };
  class FakeAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    constructor() {
      counts.contexts++;
    }
    resume() {
      return Promise.resolve();
    }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
    }
    createOscillator() {
      return {
        type: 'sine',
        frequency: { setValueAtTime() {} },
        connect() {},
        start: () => void counts.tones++,
        stop() {},
      };
    }
  }
  Object.defineProperty(win, 'AudioContext', { configurable: true, writable: true, value: FakeAudioContext });
  return counts;
}

/** Makes the page (`win`) look as if the visitor had, or had not, interacted with it. */
export function setUserActivation(active: boolean, win: Window = window) {
  Object.defineProperty(win.navigator, 'userActivation', { configurable: true, value: { hasBeenActive: active } });
}

/** Makes `doc` look visible or hidden (as when the visitor switches tabs) and says so with `visibilitychange`. */
export function setVisibility(state: 'visible' | 'hidden', doc: Document = document) {
  Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(doc, 'hidden', { configurable: true, get: () => state === 'hidden' });
  doc.dispatchEvent(new Event('visibilitychange'));
}

/** Gives `doc` its own visibility back. */
export function restoreVisibility(doc: Document = document) {
  delete (doc as { visibilityState?: unknown }).visibilityState;
  delete (doc as { hidden?: unknown }).hidden;
  doc.dispatchEvent(new Event('visibilitychange'));
}
