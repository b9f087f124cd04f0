// The load generator of the list scenario, in a process of its own (forked by run.mjs) so that the
// clients' work (HTTP, reading and checking each answer) never runs on the event loop of the
// servers being measured. Both servers' answers are checked alike: HTTP 200, JSON, no `errors`.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call({ port, method, path, body }) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const data = body === undefined ? undefined : Buffer.from(body);
    const headers = data
      ? { 'content-type': 'application/json', 'content-length': data.length }
      : {};
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200)
          return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
        const json = JSON.parse(text);
        if (json.errors) return reject(new Error(`errors: ${text.slice(0, 200)}`));
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** `concurrency` clients calling back to back for `ms`: requests/s and every latency (ms). */
async function load({ target, concurrency, ms }) {
  const latencies = [];
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) latencies.push(await call(target));
    }),
  );
  return { rps: latencies.length / ((performance.now() - started) / 1000), latencies };
}

process.on('message', async (msg) => {
  if (msg === 'exit') {
    agent.destroy();
    process.exit(0);
  }
  try {
    process.send({ id: msg.id, result: await load(msg) });
  } catch (err) {
    process.send({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
