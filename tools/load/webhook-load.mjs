// Load benchmark against a running connector runtime in local mode. Start the runtime with the
// load processes and rules (see run.sh), then:  node webhook-load.mjs [--duration 15] [--connections 16]
//
// Scenarios, each with unique EventBridge event IDs (so Zeebe's message deduplication does not
// swallow them) and a ~1 KB envelope:
//   none  POST /inbound/load-none, no auth                       -> one process instance per request
//   jwt   POST /inbound/load-jwt, RS256 bearer token (JWKS here)  -> one process instance per request
//   hmac  POST /inbound/load-hmac, Control Room x-rc-signature    -> one process instance per request
//   loop  webhook -> instance -> Put events -> local bus -> webhook -> instance -> Put events -> sink
//         (closed loop with --loop-senders concurrent senders, default 8)
import autocannon from 'autocannon';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const base = args.url || 'http://127.0.0.1:8085';
const duration = Number(args.duration || 15);
const connections = Number(args.connections || 16);
const loopEvents = Number(args['loop-events'] || 2000);
const warmup = Number(args.warmup || 5);
const only = args.only ? args.only.split(',') : ['none', 'jwt', 'hmac', 'loop'];
const HMAC_SECRET = 'load-test-hmac-secret';

function envelope(detailType, detail) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'com.example.load',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'eu-central-1',
    resources: [],
    detail: { ...detail, padding: 'x'.repeat(700) },
  };
}

function listen(server, port) {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

async function jwks() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'load-key', alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await listen(server, 18089);
  const token = await new SignJWT({ roles: ['sender'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'load-key' })
    .setIssuer('https://load.example')
    .setAudience('eventbridge-webhooks')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  return { server, token };
}

async function waitForWebhooks(ids) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const active = await (await fetch(`${base}/inbound`)).text();
      if (ids.every((id) => active.includes(`"${id}"`) || active.includes(`/${id}`))) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`webhooks ${ids.join(', ')} are not active at ${base}/inbound; start the runtime with run.sh`);
}

function report(name, result) {
  const ok = result['2xx'];
  const rps = ok / result.duration;
  console.log(
    `${name.padEnd(5)} ${rps.toFixed(0).padStart(6)} instances/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ` +
      `2xx ${ok}  non-2xx ${result.non2xx}  errors ${result.errors}  timeouts ${result.timeouts}`,
  );
  return { scenario: name, instancesPerSecond: Math.round(rps), p50: result.latency.p50, p99: result.latency.p99, ok, non2xx: result.non2xx };
}

async function hammer(name, path, headersFor) {
  const result = await autocannon({
    url: `${base}${path}`,
    method: 'POST',
    connections,
    duration,
    requests: [
      {
        setupRequest: (request) => {
          const body = JSON.stringify(envelope('LoadTest', { scenario: name }));
          return { ...request, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headersFor(body) } };
        },
      },
    ],
  });
  return report(name, result);
}

async function loop() {
  // Closed loop: each of --loop-senders senders sends one event and waits until it has crossed
  // webhook load-loop-a -> instance -> Put events (local bus) -> webhook load-loop-b -> instance ->
  // Put events (local bus) -> this sink, then sends the next. Latency is send to sink.
  const senders = Number(args['loop-senders'] || 8);
  const waiting = new Map();
  const latencies = [];
  const sink = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const detail = JSON.parse(data).detail;
      latencies.push(Date.now() - detail.sentAt);
      res.writeHead(200).end();
      waiting.get(detail.loopId)?.();
    });
  });
  await listen(sink, 18090);
  const started = Date.now();
  let next = 0;
  let lost = 0;
  async function sender() {
    while (next < loopEvents) {
      next++;
      const loopId = randomUUID();
      const arrived = new Promise((resolve) => waiting.set(loopId, resolve));
      const body = JSON.stringify(envelope('LoopStart', { sentAt: Date.now(), loopId }));
      const res = await fetch(`${base}/inbound/load-loop-a`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (!res.ok) console.error(`loop start answered ${res.status}: ${await res.text()}`);
      const outcome = await Promise.race([arrived, new Promise((r) => setTimeout(r, 30_000, 'lost'))]);
      if (outcome === 'lost') lost++;
      waiting.delete(loopId);
    }
  }
  await Promise.all(Array.from({ length: senders }, sender));
  const seconds = (Date.now() - started) / 1000;
  sink.close();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  console.log(
    `loop  ${(latencies.length / seconds).toFixed(0).padStart(6)} events/s through the full loop with ${senders} senders  ` +
      `p50 ${pct(50)} ms  p99 ${pct(99)} ms  ${latencies.length}/${loopEvents} arrived, ${lost} lost`,
  );
  return { scenario: 'loop', senders, eventsPerSecond: Math.round(latencies.length / seconds), p50: pct(50), p99: pct(99), arrived: latencies.length, lost };
}

const results = [];
const { server: jwksServer, token } = await jwks();
try {
  await waitForWebhooks(['load-none', 'load-jwt', 'load-hmac', 'load-loop-a', 'load-loop-b']);
  console.log(`runtime ${base}, ${connections} connections, ${duration} s per scenario, ${warmup} s warm-up`);
  if (warmup > 0) {
    // JIT and connection pools warm up here, not in the first measured scenario.
    await autocannon({
      url: `${base}/inbound/load-none`, method: 'POST', connections, duration: warmup,
      requests: [{ setupRequest: (r) => ({ ...r, body: JSON.stringify(envelope('Warmup', {})), headers: { 'content-type': 'application/json' } }) }],
    });
  }
  if (only.includes('none')) results.push(await hammer('none', '/inbound/load-none', () => ({})));
  if (only.includes('jwt')) results.push(await hammer('jwt', '/inbound/load-jwt', () => ({ authorization: `Bearer ${token}` })));
  if (only.includes('hmac'))
    results.push(await hammer('hmac', '/inbound/load-hmac', (body) => ({ 'x-rc-signature': createHmac('sha256', HMAC_SECRET).update(body).digest('hex') })));
  if (only.includes('loop')) results.push(await loop());
} finally {
  jwksServer.close();
}
console.log(JSON.stringify(results));
process.exit(0);
