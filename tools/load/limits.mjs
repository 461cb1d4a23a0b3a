// Our paths beside the engine's own limits, measured in one run against a running local mode
// (start it with run.sh, which deploys bpmn/). Each scenario runs one at a time and with
// --concurrency (default 16) closed-loop callers for --duration seconds after --warmup seconds.
//
//   raw-create   gRPC CreateProcessInstance of start->end          (the limit for a webhook)
//   webhook      POST /inbound/load-none, answered once the instance exists
//   noop-stream  start -> job -> end, the job worked by a no-op worker with job streaming,
//                timed with CreateProcessInstanceWithResult          (the limit for a task)
//   noop-template  the same task with the same input mappings and headers, worked by the no-op
//                worker: the engine's share of a connector task (what the template makes it do)
//   outbound     start -> Put events (local bus) -> end, worked by the connector runtime
//   loop         webhook -> instance -> Put events -> local bus -> webhook -> instance -> Put
//                events -> local bus -> this script's sink, send to arrival
//   loop-open    an open loop at half the loop's maximum for --loop-open seconds (default 20):
//                latency at a load the system can carry, not at saturation
//
//   overload     open loop at twice the webhook maximum: answer times and loss (see below)
//
// Prints p50/p99 latency and throughput per scenario, and our figures as ratios to the limits; with
// --pid (run.sh passes local mode's), also the CPU each operation cost local mode's JVM (engine and
// connectors together) and this load generator, and how busy the machine's cores were: what bounds
// throughput when the cores are saturated.
import { Camunda8 } from '@camunda8/sdk';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { processCpuMillis } from './proc-cpu.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const base = args.url || 'http://127.0.0.1:8085';
const grpc = args.grpc || '127.0.0.1:26500';
const duration = Number(args.duration || 10);
const warmup = Number(args.warmup || 3);
const concurrency = Number(args.concurrency || 16);

const c8 = new Camunda8({
  ZEEBE_GRPC_ADDRESS: `grpc://${grpc}`,
  CAMUNDA_AUTH_STRATEGY: 'NONE',
  CAMUNDA_LOG_LEVEL: 'error',
  zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
});
const zeebe = c8.getZeebeGrpcApiClient();

const noop = await zeebe.streamJobs({
  type: 'limit-noop',
  worker: 'limits-noop',
  timeout: 30000,
  fetchVariables: [],
  taskHandler: (job) => job.complete(),
});

function envelope() {
  return JSON.stringify({
    version: '0', id: randomUUID(), 'detail-type': 'LoadProbe', source: 'com.example.load',
    account: '123456789012', time: new Date().toISOString(), region: 'eu-central-1', resources: [],
    detail: { orderId: randomUUID() },
  });
}

const scenarios = {
  'raw-create': () => zeebe.createProcessInstance({ bpmnProcessId: 'limit-empty', variables: {} }),
  webhook: async () => {
    const res = await fetch(`${base}/inbound/load-none`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: envelope(),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  },
  'noop-stream': () => zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'limit-noop', variables: {}, requestTimeout: 30000 }),
  'noop-template': () => zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'limit-noop-template', variables: {}, requestTimeout: 30000 }),
  outbound: async () => {
    const done = await zeebe.createProcessInstanceWithResult({ bpmnProcessId: 'limit-outbound', variables: {}, requestTimeout: 30000 });
    if (done.variables.failed !== 0) throw new Error('an entry failed');
  },
  loop: () => sendThroughLoop(),
};

// The loop's sink (local-bus-rules.yaml sends LoopDone events here): resolves the sender's wait.
const arrivals = new Map();
const sink = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    res.writeHead(200).end();
    try {
      arrivals.get(JSON.parse(Buffer.concat(chunks)).detail.loopId)?.();
    } catch {
      // Not one of ours: the sender waiting for it, if any, times out and counts it lost.
    }
  });
});
await new Promise((resolve) => sink.listen(18090, '127.0.0.1', resolve));

async function sendThroughLoop() {
  const loopId = randomUUID();
  const arrived = new Promise((resolve) => arrivals.set(loopId, resolve));
  try {
    const res = await fetch(`${base}/inbound/load-loop-a`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        version: '0', id: randomUUID(), 'detail-type': 'LoopStart', source: 'com.example.load',
        account: '123456789012', time: new Date().toISOString(), region: 'eu-central-1', resources: [],
        detail: { loopId },
      }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`loop start answered ${res.status}`);
    let timer;
    const outcome = await Promise.race([arrived, new Promise((r) => { timer = setTimeout(r, 30000, 'lost'); })]);
    clearTimeout(timer);
    if (outcome === 'lost') throw new Error('the event did not come round within 30 s');
  } finally {
    arrivals.delete(loopId);
  }
}

// CPU time of local mode's JVM in ms, NaN without --pid.
function runtimeCpuMs() {
  return args.pid ? processCpuMillis(args.pid) : NaN;
}

function machineTicks() {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: ticks[3] + ticks[4], total: ticks.reduce((a, b) => a + b, 0) };
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

// CPU readings at the start of a measured window, and the window's figures from them.
function cpuReadings() {
  return { runtime: runtimeCpuMs(), node: process.cpuUsage(), machine: machineTicks() };
}

function summary(latencies, errors, seconds, cpu0) {
  const node = process.cpuUsage(cpu0.node);
  const machine = machineTicks();
  const n = Math.max(latencies.length, 1);
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length, errors, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    runtimeCpu: (runtimeCpuMs() - cpu0.runtime) / n,
    loadCpu: (node.user + node.system) / 1000 / n,
    busy: 100 * (1 - (machine.idle - cpu0.machine.idle) / (machine.total - cpu0.machine.total)),
  };
}

async function measure(op, callers, seconds) {
  const latencies = [];
  let errors = 0;
  const cpu0 = cpuReadings();
  const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: callers }, async () => {
    while (performance.now() < end) {
      const start = performance.now();
      try {
        await op();
        latencies.push(performance.now() - start);
      } catch {
        errors++;
      }
    }
  }));
  return summary(latencies, errors, seconds, cpu0);
}

// An open loop: calls send(due) on schedule, rate times a second for the given seconds, whatever
// the earlier calls do, so queueing shows as latency instead of slowing the sender down. Latency
// is timed from due, not from when the timer let the call go: a late send is latency too.
async function openLoop(rate, seconds, send) {
  const sends = [];
  const started = performance.now();
  for (let n = 0; performance.now() - started < seconds * 1000; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sends.push(send(due));
  }
  await Promise.all(sends);
  return sends.length;
}

const only = args.only ? args.only.split(',') : Object.keys(scenarios).concat('loop-open', 'overload');
const results = {};
for (const [name, op] of Object.entries(scenarios).filter(([name]) => only.includes(name))) {
  for (const callers of [1, concurrency]) {
    await measure(op, callers, warmup);
    results[`${name}@${callers}`] = await measure(op, callers, duration);
  }
}

// The loop at half its measured maximum, as an open loop: latency at a load it can carry.
const loopMaximum = results[`loop@${concurrency}`]?.perSecond ?? 0;
if (only.includes('loop-open') && !(loopMaximum > 0)) {
  console.error('loop-open skipped: it runs at half the maximum that the loop scenario measures');
} else if (only.includes('loop-open')) {
  const rate = loopMaximum / 2;
  const seconds = Number(args['loop-open'] || 20);
  const latencies = [];
  let errors = 0;
  const cpu0 = cpuReadings();
  await openLoop(rate, seconds, (due) =>
    sendThroughLoop().then(() => latencies.push(performance.now() - due), () => errors++));
  results[`loop-open@${rate.toFixed(1)}/s`] = summary(latencies, errors, seconds, cpu0);
}

// Overload: an open loop at twice the webhook's measured maximum, for --overload seconds. Each
// request is sent on schedule whatever the earlier ones do; every event answered 2xx must reach
// the engine (counted by a streaming worker on load-count instances), every other answer must be
// 429/503, and answers must come within EventBridge's 5 s.
const overloadSeconds = only.includes('overload') ? Number(args.overload || 30) : 0;
const counted = new Set();
const counter = await zeebe.streamJobs({
  type: 'load-count',
  worker: 'limits-count',
  timeout: 30000,
  fetchVariables: ['eventId'],
  taskHandler: (job) => {
    counted.add(job.variables.eventId);
    return job.complete();
  },
});
const rate = 2 * (results[`webhook@${concurrency}`]?.perSecond ?? Number(args.rate || 100));
const accepted = new Set();
const statuses = {};
const overloadLatencies = [];
const sent = await openLoop(rate, overloadSeconds, (due) => {
  const id = randomUUID();
  return fetch(`${base}/inbound/load-count`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, 'detail-type': 'Overload', source: 'com.example.load', detail: {} }),
    signal: AbortSignal.timeout(30000),
  }).then(async (res) => {
    await res.arrayBuffer();
    overloadLatencies.push(performance.now() - due);
    statuses[res.status] = (statuses[res.status] || 0) + 1;
    if (res.status >= 200 && res.status < 300) accepted.add(id);
  }, () => { statuses.error = (statuses.error || 0) + 1; });
});
const deadline = performance.now() + 60000;
while ([...accepted].some((id) => !counted.has(id)) && performance.now() < deadline) {
  await new Promise((r) => setTimeout(r, 200));
}
counter.close();
const lost = [...accepted].filter((id) => !counted.has(id)).length;
overloadLatencies.sort((a, b) => a - b);

const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
console.log(`| scenario | callers | per second | p50 ms | p99 ms | errors | local mode CPU ms/op | load CPU ms/op | cores busy % |`);
console.log(`|---|---|---|---|---|---|---|---|---|`);
for (const [key, r] of Object.entries(results)) {
  const [name, callers] = key.split('@');
  console.log(`| ${name} | ${callers} | ${f(r.perSecond)} | ${f(r.p50)} | ${f(r.p99)} | ${r.errors} | ${f(r.runtimeCpu, 2)} | ${f(r.loadCpu, 2)} | ${f(r.busy, 0)} |`);
}
const r = (k) => results[k];
const c = concurrency;
const has = (...keys) => keys.every((k) => results[k]);
console.log('');
if (has(`webhook@${c}`, `raw-create@${c}`)) console.log(`webhook vs raw create, ${c} callers: ${f((100 * r(`webhook@${c}`).perSecond) / r(`raw-create@${c}`).perSecond, 0)} % of the throughput (target >= 90 %)`);
if (has('webhook@1', 'raw-create@1')) console.log(`webhook vs raw create, one at a time: p50 ${f(r('webhook@1').p50)} vs ${f(r('raw-create@1').p50)} ms`);
if (has('outbound@1', 'noop-stream@1')) console.log(`outbound vs no-op streaming worker, one at a time: p50 +${f(r('outbound@1').p50 - r('noop-stream@1').p50)} ms (target <= 5 ms)`);
if (has(`outbound@${c}`, `noop-stream@${c}`)) console.log(`outbound vs no-op streaming worker, ${c} callers: ${f((100 * r(`outbound@${c}`).perSecond) / r(`noop-stream@${c}`).perSecond, 0)} % of the throughput (target >= 90 %)`);
if (has('outbound@1', 'noop-template@1')) console.log(`outbound vs the same task worked by the no-op worker, one at a time: p50 +${f(r('outbound@1').p50 - r('noop-template@1').p50)} ms`);
if (has(`outbound@${c}`, `noop-template@${c}`)) console.log(`outbound vs the same task worked by the no-op worker, ${c} callers: ${f((100 * r(`outbound@${c}`).perSecond) / r(`noop-template@${c}`).perSecond, 0)} % of the throughput`);
for (const [key, open] of Object.entries(results).filter(([k]) => k.startsWith('loop-open@'))) {
  console.log(`full loop, open loop at ${key.slice('loop-open@'.length)} (half its maximum): p50 ${f(open.p50)} ms, p99 ${f(open.p99)} ms (target p99 < 250 ms), ${open.errors} not come round`);
}
if (overloadSeconds > 0) {
console.log('');
console.log(`overload: open loop at ${f(rate)} requests/s (2 x the webhook's maximum) for ${overloadSeconds} s: ${sent} sent`);
console.log(`  answers: ${JSON.stringify(statuses)}; p50 ${f(percentile(overloadLatencies, 50))} ms, p99 ${f(percentile(overloadLatencies, 99))} ms (target p99 < 5000 ms)`);
console.log(`  answered 2xx: ${accepted.size}, of which in the engine: ${accepted.size - lost}, lost: ${lost} (target 0)`);
}
noop.close();
sink.close();
await zeebe.close().catch(() => {});
process.exit(0);
