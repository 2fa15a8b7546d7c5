// `npm run bench:server`: requests per second the standalone reference server sustains for
// a send and for a poll, on this machine, over loopback only. Bounded in count and time.
//
//   node scripts/bench-server.mjs [--sends N] [--polls N] [--concurrency N] [--seconds S]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { visitorFields, widgetCaller } from './widget-caller.mjs';

const { values } = parseArgs({
  options: {
    sends: { type: 'string', default: '3000' },
    polls: { type: 'string', default: '6000' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '30' },
  },
});
const SENDS = Number(values.sends);
const POLLS = Number(values.polls);
const CONCURRENCY = Number(values.concurrency);
const MAX_MS = Number(values.seconds) * 1000;
const TOKEN = 'demo-widget-token';
/** The server allows 30 writes a minute per session: each simulated visitor stays under it. */
const SENDS_PER_VISITOR = 25;

function startServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-server/http/main.ts', '--port', '0', '--host', '127.0.0.1'], {
    cwd: new URL('..', import.meta.url),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolve({ url: new URL(match[1]), child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
}

const { call, close } = widgetCaller({ token: TOKEN, concurrency: CONCURRENCY });

/** Runs `count` requests, `CONCURRENCY` at a time, stopping early after MAX_MS. */
async function run(label, count, makeRequest) {
  const latencies = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count && performance.now() - started < MAX_MS) {
      const i = next++;
      const t0 = performance.now();
      const { status } = await makeRequest(i);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  console.log(
    `${label.padEnd(6)} ${String(latencies.length).padStart(6)} requests in ${seconds.toFixed(2)} s = ${(latencies.length / seconds).toFixed(0).padStart(5)} req/s` +
      `   latency ms p50 ${pct(50)}  p90 ${pct(90)}  p99 ${pct(99)}  max ${pct(100)}   non-200: ${errors}`,
  );
  if (errors) process.exitCode = 1;
}

const { url, child } = await startServer();
try {
  console.log(`bench:server against ${url.origin} (loopback), concurrency ${CONCURRENCY}, node ${process.version}`);

  // Sends: visitors of SENDS_PER_VISITOR messages each, every one with its own client_message_id.
  const visitors = Array.from({ length: Math.ceil(SENDS / SENDS_PER_VISITOR) }, () => ({ session: randomUUID(), ticket: null }));
  const send = async (i) => {
    // Round-robin, so that a visitor's first send (which opens the ticket) is answered before its second.
    const visitor = visitors[i % visitors.length];
    const answer = await call(url, 'POST', '/api/conversations/v1/widget/message', {
      message: `Message ${i} from the benchmark`,
      ticket_id: visitor.ticket,
      ...visitorFields(visitor.session),
      client_message_id: randomUUID(),
      traits: { name: 'Bench', email: 'bench@example.com' },
    });
    if (answer.status === 200) visitor.ticket ??= JSON.parse(answer.body).ticket_id;
    return answer;
  };
  // Warm-up (JIT, connections), on visitors the measured run does not use.
  for (let i = 0; i < 200; i += CONCURRENCY) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, () =>
        call(url, 'POST', '/api/conversations/v1/widget/message', {
          message: 'warm-up',
          ticket_id: null,
          ...visitorFields(randomUUID()),
        }),
      ),
    );
  }
  await run('send', SENDS, send);

  // Polls: what an open widget does every 5 s, `after` its newest message (usually nothing new).
  const polled = visitors.find((v) => v.ticket);
  const path = `/api/conversations/v1/widget/messages/${polled.ticket}?${new URLSearchParams(visitorFields(polled.session))}`;
  const all = JSON.parse((await call(url, 'GET', path)).body).messages;
  const newest = encodeURIComponent(all.at(-1).created_at);
  await run('poll', POLLS, () => call(url, 'GET', `${path}&after=${newest}`));
  await run('poll*', Math.min(POLLS, 3000), () => call(url, 'GET', path));
  console.log(`(poll = after the newest message, the widget's usual poll; poll* = the whole ticket, ${all.length} messages)`);
} finally {
  close();
  child.kill('SIGTERM');
}
