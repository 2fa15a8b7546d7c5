// Which Chromium the browser tests drive: $CHROME_PATH, else Debian's, else Playwright's own.
import { existsSync } from 'node:fs';

export const HOW_TO_GET_A_BROWSER =
  'No Chromium found: install one (on Debian/Ubuntu: `apt-get install -y chromium`) or set CHROME_PATH to a Chromium or Chrome binary.';

export async function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    const { chromium } = await import('playwright');
    candidates.push(chromium.executablePath());
  } catch {
    // playwright not installed: only the paths above
  }
  return candidates.find((path) => path && existsSync(path));
}

/** Flags that keep Chromium quiet on a closed network (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
