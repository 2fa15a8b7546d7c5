import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { client, WIDGET, type Client } from './helpers/api.js';
import { startReceiver } from './helpers/receiver.js';
import { runServerCli, spawnServer, type RunningServer } from './helpers/spawn-server.js';
import { eventually, team, visitorTicket } from './helpers/team.js';

// Everything the team sets up (views, canned responses, webhooks and their deliveries,
// automation rules) and every rating survives a restart and a kill -9 with --data.

const killHard = (server: RunningServer) =>
  new Promise<void>((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });

async function withDir(run: (file: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'support-chat-team-'));
  try {
    await run(join(dir, 'state.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the team has set up, and the rated ticket, as the API shows them. */
async function teamState(api: Client, ticketId: string) {
  const t = team(api);
  const [views, canned, hooks, rules, ticket, rated] = await Promise.all([
    t.get('/views'),
    t.get('/canned_responses'),
    t.get('/webhooks'),
    t.get('/automations'),
    t.get(`/tickets/${ticketId}`),
    t.get('/events', { event: '$conversation_ticket_rated' }),
  ]);
  const deliveries = await Promise.all(hooks.body.results.map((h: { id: string }) => t.get(`/webhooks/${h.id}/deliveries`)));
  return {
    views: views.body.results,
    canned: canned.body.results,
    hooks: hooks.body.results,
    deliveries: deliveries.map((d) =>
      d.body.results.map(({ id, tries, state }: { id: string; tries: number; state: string }) => ({ id, tries, state })),
    ),
    rules: rules.body.results,
    rating: ticket.body.rating,
    ratedEvents: rated.body.count,
  };
}

describe('--data: the team side', () => {
  it('keeps views, canned responses, webhooks with their deliveries, rules and ratings across kill -9 and a clean restart', () =>
    withDir(async (file) => {
      const receiver = await startReceiver();
      // A retry waits a minute of store time: only the dev clock brings it, never a slow restart.
      const args = ['--port', '0', '--data', file, '--webhook-timeout-ms', '500', '--webhook-retry-ms', '60000'];
      try {
        let server = await spawnServer(args);
        let api = client(server.url);
        const t = team(api);
        await t.post('/views', { name: 'Urgent', filters: { priority: 'urgent' } });
        await t.post('/canned_responses', { title: 'Hi', shortcut: '/hi', content: 'Hi {{visitor.name}}' });
        await t.post('/automations', { trigger: 'message.received', conditions: [], actions: [{ type: 'addTag', tag: 'seen' }] });
        const hook = (
          await t.post('/webhooks', { url: receiver.url('/down'), events: ['message.received'], secret: 'persist-secret' })
        ).body;
        receiver.on('/down', hook.secret, (attempt) => (attempt === 1 ? 500 : 200));
        const { ticketId, session } = await visitorTicket(api, 'please rate me');
        await eventually(() => receiver.at('/down').length === 1, 3000, 'the first try');
        await eventually(
          async () => (await t.get(`/webhooks/${hook.id}/deliveries`)).body.results[0].tries === 1,
          3000,
          'the try to be logged',
        );
        await t.post(`/tickets/${ticketId}/resolve`);
        const rated = await api.call('POST', `${WIDGET}/tickets/${ticketId}/rating`, {
          body: { score: 3, comment: 'ok', widget_session_id: session },
          headers: { 'X-Conversations-Token': 'demo-widget-token' },
        });
        assert.equal(rated.status, 200);
        const before = await teamState(api, ticketId);
        assert.equal(before.deliveries[0][0].state, 'pending');
        assert.deepEqual(before.rules.length, 1);

        await killHard(server);
        const journal = readFileSync(`${file}.journal`, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        assert.ok(journal.some((e) => e.change === 'saved') && journal.some((e) => e.change === 'rated'));
        assert.ok(
          journal.every((e) => !e.snapshot),
          'every new record has its own journal case, no whole-state snapshot',
        );

        server = await spawnServer(args);
        api = client(server.url);
        assert.deepEqual(await teamState(api, ticketId), before, 'after kill -9');
        assert.equal(
          (
            await api.call('POST', `${WIDGET}/tickets/${ticketId}/rating`, {
              body: { score: 5, widget_session_id: session },
              headers: { 'X-Conversations-Token': 'demo-widget-token' },
            })
          ).status,
          409,
          'still rated for this resolution',
        );
        // The pending retry goes on where it stopped.
        await api.dev.advanceClock(60_000);
        await eventually(() => receiver.at('/down').length === 2, 3000, 'the retry after the restart');
        assert.equal(receiver.at('/down')[1].attempt, 2);
        assert.ok(receiver.at('/down').every((r) => r.signed));
        await eventually(
          async () => (await team(api).get(`/webhooks/${hook.id}/deliveries`)).body.results[0].state === 'delivered',
          3000,
          'delivered',
        );
        const after = await teamState(api, ticketId);

        await server.stop();
        server = await spawnServer(args);
        assert.deepEqual(await teamState(client(server.url), ticketId), after, 'after a clean restart');
        await server.stop();
      } finally {
        await receiver.stop();
      }
    }));

  it('loads a file saved before the team settings existed', () =>
    withDir(async (file) => {
      writeFileSync(
        file,
        JSON.stringify({
          tickets: [],
          messages: [],
          events: [],
          restoreTokens: [],
          mailbox: [],
          nextTicketNumber: 1,
          lastTimestamp: 0,
        }),
      );
      const server = await spawnServer(['--port', '0', '--data', file]);
      try {
        const t = team(client(server.url));
        assert.equal((await t.get('/views')).body.count, 0);
        assert.equal((await t.post('/views', { name: 'All', filters: {} })).status, 201);
      } finally {
        await server.stop();
      }
    }));

  it('refuses a file whose new fields have the wrong shape, naming the field', () =>
    withDir(async (file) => {
      const hook = {
        id: 'h',
        url: 'http://127.0.0.1/',
        events: ['message.sent'],
        secret: 'secret-1',
        created_at: '2024-01-01T00:00:00.000Z',
      };
      for (const [data, named] of [
        [{ webhooks: [{ ...hook, events: ['ticket.exploded'] }] }, /webhooks\[0\]\.events\[0\] must be one of/],
        [
          { savedViews: [{ short_id: 'a', name: 'x', filters: { status: 5 }, created_at: 'x' }] },
          /savedViews\[0\]\.filters\.status must be a string/,
        ],
        [{ automations: 'none' }, /automations must be an array/],
        [{ webhookDeliveries: [{ id: 'd' }] }, /webhookDeliveries\[0\]\.webhook_id must be a string/],
        [
          { cannedResponses: [{ id: 'c', title: 't', shortcut: 's', content: 7 }] },
          /cannedResponses\[0\]\.content must be a string/,
        ],
      ] as const) {
        writeFileSync(file, JSON.stringify(data));
        const { code, output } = await runServerCli(['--port', '0', '--data', file]);
        assert.equal(code, 1, output);
        assert.match(output, named);
      }
    }));
});
