import { expect } from '@open-wc/testing';
import { queryAllByRole } from '../helpers/queries.js';
import { startReferenceServer } from '../helpers/reference-server.js';
import { reply, teamContents, teamItems, widgetShowing } from './served-messages.js';
import { ui } from './widget.js';

describe('author types: the production backend\'s "support", and any other, are the team', () => {
  it('shows replies with author_type "support" and "robot" as team replies, and the answer as accepted', async () => {
    const worker = await startReferenceServer();
    const el = await widgetShowing(worker, [
      reply({ author_type: 'support', author_name: 'Ada', content: 'From production' }),
      reply({ author_type: 'robot', author_name: null, content: 'From a robot' }),
      reply({ author_type: 'AI', author_name: 'Bot', content: 'From the AI' }),
    ]);
    const items = teamItems(el);
    expect(items.map((li) => li.className)).to.deep.equal(['team', 'team', 'team']);
    expect(items.map((li) => li.querySelector('.meta b')!.textContent)).to.deep.equal(['Ada', 'Support team', 'Bot']);
    expect(teamContents(el).map((c) => c.textContent)).to.deep.equal(['From production', 'From a robot', 'From the AI']);
    // The answer was not refused: no error, and the client holds them as the team's.
    expect(queryAllByRole(ui(el), 'alert')).to.have.length(0);
    const { messages } = (await el.getMessages())!;
    expect(messages.filter((m) => m.author_type !== 'customer').map((m) => m.author_type)).to.deep.equal([
      'support',
      'support',
      'AI',
    ]);
    await expect(el).to.be.accessible();
  });
});
