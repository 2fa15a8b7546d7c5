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
      // The team's side: a canned response to type, a webhook to watch, then the ticket answered.
      await page.evaluate(async () => {
        const headers = { Authorization: 'Bearer demo-api-key', 'Content-Type': 'application/json' };
        const post = (path, body) =>
          fetch(`/api/projects/1/conversations/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        await post('canned_responses', {
          title: 'Sorry, a new one ships',
          shortcut: 'reship',
          content: 'So sorry, {{visitor.name}}! A replacement ships today. {{agent.name}}',
        });
        await post('webhooks', {
          url: `${location.origin}/demo/webhook`,
          events: ['conversation.created', 'conversation.resolved', 'message.sent'],
        });
        await post('webhooks', { url: `${location.origin}/demo/webhook?fail=1`, events: ['message.sent'] });
      });
      const inbox = await context.newPage();
      await inbox.goto(demo.url('/inbox.html'));
      await inbox.getByRole('button', { name: /Mia Jensen/ }).click();
      const view = inbox.locator('inbox-ticket-view');
      await view.getByText('A fresh bag ships today', { exact: false }).waitFor();
      await view.getByRole('combobox', { name: 'Assignee' }).selectOption({ label: 'Ben Okafor' });
      await view.getByRole('textbox', { name: 'Add tag' }).fill('damaged, reship');
      await view.getByRole('button', { name: 'Add', exact: true }).click();
      await view.getByRole('button', { name: 'Remove tag reship' }).waitFor();
      await view.getByRole('textbox', { name: 'Reply' }).pressSequentially('/res');
      await view.getByRole('button', { name: /\/reship/ }).waitFor();
      await shoot(inbox, 'inbox-canned');
      await view.getByRole('textbox', { name: 'Reply' }).pressSequentially('hip');
      await view.getByRole('textbox', { name: 'Reply' }).press('Tab');
      await inbox.getByRole('button', { name: 'Send' }).click();
      await view.getByText('A replacement ships today', { exact: false }).waitFor();
      await shoot(inbox, 'inbox');

      // Resolved: the widget asks for a rating, the visitor gives one, the inbox shows it.
      await view.getByRole('button', { name: 'Resolve' }).click();
      await page.getByRole('button', { name: /^Open chat/ }).click(); // "(1 unread)": the reply

      await click(page, 'button', 'Back');
      await page.getByRole('button', { name: /replacement ships today/ }).click();
      await page.getByRole('group', { name: 'Rate this conversation' }).waitFor();
      await page.getByRole('radio', { name: '5' }).check();
      await page.getByRole('textbox', { name: 'Comment (optional)' }).fill('Fast and friendly, thank you!');
      await shoot(page, 'rating-light');
      await click(page, 'button', 'Send rating');
      await page.getByText('Thank you for your feedback!').waitFor();
      await view.getByText('Customer rating: 5 of 5').waitFor();
      await shoot(inbox, 'inbox-rating');

      await inbox.getByRole('button', { name: 'Analytics' }).click();
      await inbox.locator('[data-figure="csat"]').getByText('5.0 of 5').waitFor();
      await shoot(inbox, 'inbox-analytics');
      await inbox.getByRole('button', { name: 'Webhooks' }).click();
      await inbox.locator('td.delivery-delivered').first().waitFor();
      await inbox.getByText('(HTTP 500)', { exact: false }).first().waitFor();
      await shoot(inbox, 'inbox-webhooks');

      // Arabic, right to left, on a new conversation (in front again: a background tab's panel does not animate).
      await page.bringToFront();
      await click(page, 'button', 'Close');
      await page.evaluate(() => document.querySelector('support-chat').setAttribute('locale', 'ar'));
      await click(page, 'button', 'فتح المحادثة');
      await click(page, 'button', 'محادثة جديدة'); // "New conversation": the last one is resolved
      await page.getByRole('textbox', { name: 'الرسالة' }).waitFor();
      await shoot(page, 'conversation-ar');
    }
    await context.close();
  }
} finally {
  await demo.close();
}
