// `npm run bench:durability`: whether `--data` keeps what it acknowledged, and what it costs.
//
//  1. Durability: sends answered 200 across `kill -9` restarts (with an empty store and with a
//     large one); after the last restart, how many of the answered sends are in the data.
//  2. Latency: poll p99 with a large store under `--data` (while sends go on) vs in memory.
//
// Loopback only (127.0.0.0/8), bounded in count and time; temporary files only. Not part of
// `npm test`.
//
//   node scripts/bench-durability.mjs [--sends N] [--kills N] [--store-mb N] [--seconds S]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { visitorFields, widgetCaller } from './widget-caller.mjs';

const { values } = parseArgs({
  options: {
    sends: { type: 'string', default: '5000' },
    kills: { type: 'string', default: '8' },
    'store-mb': { type: 'string', default: '30' },
    seconds: { type: 'string', default: '10' },
  },
});
const SENDS = Number(values.sends);
const KILLS = Number(values.kills);
const STORE_MB = Number(values['store-mb']);
const SECONDS = Number(values.seconds);
const CONCURRENCY = 8;
const TOKEN = 'demo-widget-token';
const ROOT = new URL('..', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'bench-durability-'));

/** The in-memory server: the same handlers and HTTP server, the store loaded from a file, no --data. */
const IN_MEMORY = `
import { readFileSync } from 'node:fs';
import { createHandlers } from './mock-server/handlers/index.js';
import { createHttpServer } from './mock-server/http/server.js';
import { deserialise, store } from './mock-server/store.js';
store.load(deserialise(readFileSync(process.env.SEED, 'utf8')));
const server = createHttpServer(createHandlers(store));
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

function start(args, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolve({ url: new URL(match[1]), child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}
const startWithData = (file) => start(['mock-server/http/main.ts', '--port', '0', '--host', '127.0.0.1', '--data', file]);
const stop = (child, signal) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill(signal);
  });

const { call, close } = widgetCaller({ token: TOKEN, concurrency: CONCURRENCY });
/** A new visitor's first message; the session id is its distinct id, as in the widget when the site names none. */
const send = (url, i, session = randomUUID()) =>
  call(url, 'POST', '/api/conversations/v1/widget/message', {
    message: `Benchmark message ${i}`,
    ticket_id: null,
    ...visitorFields(session),
    client_message_id: randomUUID(),
  });

/** A saved state of about `mb` megabytes: tickets of four messages each. */
function makeStore(file, mb) {
  const tickets = [];
  const messages = [];
  const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(4);
  let ms = Date.parse('2024-01-01T00:00:00Z');
  let size = 0;
  for (let n = 1; size < mb * 1_000_000; n++) {
    const id = randomUUID();
    const at = () => new Date(ms++).toISOString();
    const created = at();
    tickets.push({
      id,
      ticket_number: n,
      status: 'open',
      priority: 'normal',
      assignee: null,
      tags: [],
      snoozed_until: null,
      channel_source: 'widget',
      session_id: randomUUID(),
      identity_id: null,
      distinct_id: null,
      traits: { name: `Visitor ${n}`, email: `v${n}@example.com` },
      session_context: { current_url: 'https://shop.example/checkout' },
      unread_team_count: 0,
      created_at: created,
      updated_at: created,
    });
    for (let m = 0; m < 4; m++) {
      messages.push({
        id: randomUUID(),
        ticket_id: id,
        content: `${n}/${m} ${text}`,
        author_type: m % 2 ? 'human' : 'customer',
        author_name: null,
        is_private: false,
        read_by_customer: true,
        client_message_id: null,
        created_at: at(),
      });
    }
    size += 2500; // about what one ticket and its messages take in the file
  }
  writeFileSync(
    file,
    JSON.stringify({
      tickets,
      messages,
      events: [],
      restoreTokens: [],
      mailbox: [],
      nextTicketNumber: tickets.length + 1,
      lastTimestamp: ms,
    }),
  );
  return statSync(file).size;
}

/** Sends answered 200 across `KILLS` kill -9s; then how many of them the data still has. */
async function durability(label, seed) {
  const file = join(dir, `${label}.json`);
  if (seed) writeFileSync(file, readFileSync(seed));
  const acknowledged = new Set();
  const perLife = Math.ceil(SENDS / KILLS);
  let stalled = false;
  for (let life = 0; life < KILLS; life++) {
    const { url, child } = await startWithData(file);
    let answered = 0;
    let next = 0;
    let dead = false;
    const worker = async () => {
      while (!dead) {
        const i = next++;
        try {
          const { status, body } = await send(url, `${life}.${i}`);
          if (status === 200) {
            acknowledged.add(JSON.parse(body).message_id);
            answered++;
          }
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, worker);
    // Kill at a moment of full load, as soon as this life's share is answered (or after 60 s).
    const started = Date.now();
    while (answered < perLife && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 2));
    if (answered < perLife) stalled = true;
    dead = true;
    await stop(child, 'SIGKILL');
    await Promise.all(workers);
  }
  // A clean start and stop: the server replays its journal and writes the whole file.
  const { child } = await startWithData(file);
  await stop(child, 'SIGTERM');
  const saved = new Set(JSON.parse(readFileSync(file, 'utf8')).messages.map((m) => m.id));
  const survived = [...acknowledged].filter((id) => saved.has(id)).length;
  const share = ((100 * survived) / acknowledged.size).toFixed(2);
  console.log(
    `  ${label.padEnd(26)} ${survived} of ${acknowledged.size} sends answered 200 survived ${KILLS} kill -9 restarts: ${share} %${stalled ? ' (a life stalled)' : ''}`,
  );
  return { survived, acknowledged: acknowledged.size };
}

/** Poll latency over `SECONDS`, 6 pollers and 2 senders at a time. */
async function latency(label, server) {
  const { url, child } = await server;
  try {
    // The widget's usual poll: its own ticket, after the newest message (nothing new).
    const session = randomUUID();
    const own = JSON.parse((await send(url, 'mine', session)).body);
    const pollPath = `/api/conversations/v1/widget/messages/${own.ticket_id}?${new URLSearchParams({ ...visitorFields(session), after: own.created_at })}`;
    const latencies = [];
    const until = performance.now() + SECONDS * 1000;
    let sends = 0;
    const poller = async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const { status } = await call(url, 'GET', pollPath);
        if (status === 200) latencies.push(performance.now() - t0);
      }
    };
    const sender = async () => {
      while (performance.now() < until) await send(url, `latency ${sends++}`);
    };
    await Promise.all([...Array.from({ length: 6 }, poller), sender(), sender()]);
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
    console.log(
      `  ${label.padEnd(26)} ${latencies.length} polls, ${sends} sends in ${SECONDS} s: poll ms p50 ${pct(50)}  p99 ${pct(99)}  max ${pct(100)}`,
    );
    return Number(pct(99));
  } finally {
    await stop(child, 'SIGTERM');
  }
}

try {
  console.log(`bench:durability (loopback only, node ${process.version}, ${CONCURRENCY} concurrent senders)`);
  const seed = join(dir, 'seed.json');
  const bytes = makeStore(seed, STORE_MB);
  const mb = (bytes / 1_000_000).toFixed(1);
  console.log('Durability:');
  await durability('empty store', undefined);
  await durability(`${mb} MB store`, seed);
  console.log(`Latency (store of ${mb} MB, 2 senders writing throughout):`);
  const dataFile = join(dir, 'latency.json');
  writeFileSync(dataFile, readFileSync(seed));
  await latency('--data', startWithData(dataFile));
  await latency('in memory', start(['--input-type=module', '-e', IN_MEMORY], { SEED: seed }));
} finally {
  close();
  rmSync(dir, { recursive: true, force: true });
}
