// `node scripts/screenshots.mjs`: the README's screenshots of the main views, light and dark,
// taken on the demo with Playwright. Writes docs/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import { startDemo } from './demo-session.mjs';

const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });
const demo = await startDemo();

/** Clicks a control of the widget by role and accessible name (Playwright pierces shadow roots). */
const click = (page, role, name) => page.getByRole(role, { name, exact: true }).click();

async function shoot(page, name) {
  // Let the panel's entrance animation and the fonts settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log(`wrote ${OUT}/${name}.png`);
}

try {
  for (const colorScheme of ['light', 'dark']) {
    const context = await demo.browser.newContext({ viewport: { width: 1100, height: 760 }, colorScheme });
    const page = await context.newPage();
    await page.goto(demo.url('/'));
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    if (colorScheme === 'dark') await page.evaluate(() => document.querySelector('support-chat').setAttribute('theme', 'dark'));

    await click(page, 'button', 'Open chat');
    await page.getByRole('textbox', { name: 'Email' }).waitFor();
    await shoot(page, `identify-${colorScheme}`);

    await page.getByRole('textbox', { name: 'Name' }).fill('Mia Jensen');
    await page.getByRole('textbox', { name: 'Email' }).fill('mia@example.com');
    await click(page, 'button', 'Continue');
    await page
      .getByRole('textbox', { name: 'Message' })
      .fill('Hi! My Huila beans arrived, but the bag was torn. Can you send a new one?');
    await click(page, 'button', 'Send');
    const ticketId = await page
      .waitForFunction(() => document.querySelector('support-chat').getCurrentTicketId())
      .then((h) => h.jsonValue());
    // The team answers through the team API of the reference server running in the page.
    await page.evaluate(async (id) => {
      await fetch(`/api/projects/1/conversations/tickets/${id}/messages`, {
        method: 'POST',
        headers: { Authorization: 'Bearer demo-api-key', 'Content-Type': 'application/json' },
        body: JSON.stringify({
          content: 'So sorry, Mia! A fresh bag ships today; tracking: https://example.com/track/NW-1042',
          author_name: 'Ada from Northwind',
        }),
      });
    }, ticketId);
    await page.getByText('A fresh bag ships today', { exact: false }).waitFor();
    await shoot(page, `conversation-${colorScheme}`);

    await click(page, 'button', 'Back');
    await page.getByRole('button', { name: 'New conversation' }).waitFor();
    await shoot(page, `tickets-${colorScheme}`);

    await click(page, 'button', 'Continue a conversation from another device');
    await page.getByRole('button', { name: 'Send link' }).waitFor();
    await shoot(page, `restore-${colorScheme}`);

    await click(page, 'button', 'Close');
    await page.evaluate(() => document.querySelector('support-chat').getRootNode());
    await shoot(page, `launcher-${colorScheme}`);

    if (colorScheme === 'light') {
      const inbox = await context.newPage();
      await inbox.goto(demo.url('/inbox.html'));
      await inbox.getByRole('button', { name: /Mia Jensen/ }).click();
      await inbox.getByText('A fresh bag ships today', { exact: false }).waitFor();
      await shoot(inbox, 'inbox');

      // Arabic, right to left.
      await page.evaluate(() => document.querySelector('support-chat').setAttribute('locale', 'ar'));
      await click(page, 'button', 'فتح المحادثة');
      await page.getByRole('textbox', { name: 'الرسالة' }).waitFor();
      await shoot(page, 'conversation-ar');
    }
    await context.close();
  }
} finally {
  await demo.close();
}
