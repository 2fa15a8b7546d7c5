/** One per page, made on the first chime (an AudioContext is a costly object, and browsers cap them). */
let context: AudioContext | undefined;

type ChimeWindow = { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext };

/**
 * A short two-note chime made with WebAudio (an oscillator: no file, nothing a Content-Security-
 * Policy must allow). Only once the visitor has interacted with the page (the browsers' autoplay
 * rule; a context made before that would start suspended, and Chromium warns): otherwise, and on
 * any failure, silent. Resolves whether it played; never throws.
 */
export async function chime(): Promise<boolean> {
  try {
    const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
    if (activation && !activation.hasBeenActive) return false;
    const Context = (window as ChimeWindow).AudioContext ?? (window as ChimeWindow).webkitAudioContext;
    if (!Context) return false;
    context ??= new Context();
    if (context.state !== 'running') await context.resume();
    if ((context.state as AudioContextState) !== 'running') return false;
    const start = context.currentTime;
    const gain = context.createGain();
    gain.connect(context.destination);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.4);
    const tone = context.createOscillator();
    tone.type = 'sine';
    tone.frequency.setValueAtTime(880, start);
    tone.frequency.setValueAtTime(1320, start + 0.12);
    tone.connect(gain);
    tone.start(start);
    tone.stop(start + 0.42);
    return true;
  } catch {
    return false;
  }
}
