// What one answer costs a production replica in its own CPU time (utime + stime from
// /proc/<pid>/stat), beside the cheapest answer its web stack gives. Started by run.sh:
//   tools/load/run.sh replica-cost [--duration 10] [--rounds 5] [--callers 4] [--warmup 60]
// against local mode and production replicas it starts (COMPARE_JAR=<exec jar> adds a replica of
// another build, measured in alternation with this checkout's):
//   admitted   POST /inbound/load-none from --callers closed-loop callers, each event new: the
//              connector, the runtime's correlation (a message-ID and a result expression), the
//              engine round trip
//   shed       the same, from 32 callers, at a replica whose concurrency limit is fixed at 1:
//              nearly every answer is 429; its few 200s are charged at the admitted cost
//   liveness   GET /actuator/health/liveness from 32 callers at that replica: the floor
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { processCpuMillis } from './proc-cpu.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const duration = Number(args.duration || 10);
const rounds = Number(args.rounds || 5);
const callers = Number(args.callers || 4);
// Seconds per replica before measuring: its JIT takes about a minute of this load to settle.
const warmUp = Number(args.warmup || 60);
// name=url=pid, comma-separated: the replicas measured in alternation.
const admitting = args.admitting.split(',').map((r) => {
  const [name, url, pid] = r.split('=');
  return { name, url, pid };
});
const [shedUrl, shedPid] = args.shedding.split('=');

const post = {
  method: 'POST',
  requests: [
    {
      setupRequest: (request) => ({
        ...request,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          version: '0', id: randomUUID(), 'detail-type': 'ReplicaCost', source: 'com.example.load',
          account: '123456789012', time: new Date().toISOString(), region: 'eu-central-1', resources: [],
          detail: { padding: 'x'.repeat(700) },
        }),
      }),
    },
  ],
};

async function measure(url, pid, connections, options) {
  const before = processCpuMillis(pid);
  const result = await autocannon({ url, duration, connections, ...options });
  const cpu = processCpuMillis(pid) - before;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats || {}).map(([s, v]) => [s, v.count]));
  const answers = Object.values(statuses).reduce((a, b) => a + b, 0);
  return { statuses, answers, perSecond: answers / duration, cpuMicros: cpu * 1000, p99: result.latency.p99 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Warm-up: the JIT of every replica, on the paths measured.
for (const replica of admitting) {
  for (let i = 0; i < Math.ceil(warmUp / duration); i++) {
    await measure(`${replica.url}/inbound/load-none`, replica.pid, callers, post);
  }
}
for (let i = 0; i < Math.ceil(warmUp / duration); i++) {
  await measure(`${shedUrl}/inbound/load-none`, shedPid, 32, post);
  await measure(`${shedUrl}/actuator/health/liveness`, shedPid, 32, {});
}

const perEvent = new Map(admitting.map((r) => [r.name, []]));
console.log(`| round | replica | callers | per second | statuses | replica CPU µs per answer | p99 ms |`);
console.log('|---|---|---|---|---|---|---|');
for (let round = 1; round <= rounds; round++) {
  for (const replica of admitting) {
    const r = await measure(`${replica.url}/inbound/load-none`, replica.pid, callers, post);
    const micros = r.cpuMicros / r.answers;
    perEvent.get(replica.name).push(micros);
    console.log(`| ${round} | ${replica.name} | ${callers} | ${r.perSecond.toFixed(0)} | ${JSON.stringify(r.statuses)} | ${micros.toFixed(0)} | ${r.p99} |`);
  }
}
const admittedCost = median(perEvent.get(admitting[0].name));
const shed = await measure(`${shedUrl}/inbound/load-none`, shedPid, 32, post);
const shed429 = shed.statuses['429'] || 0;
const per429 = shed429 ? ((shed.cpuMicros - (shed.statuses['200'] || 0) * admittedCost) / shed429).toFixed(0) : '-';
console.log(`| - | shed (limit 1) | 32 | ${shed.perSecond.toFixed(0)} | ${JSON.stringify(shed.statuses)} | ${per429} per 429 | ${shed.p99} |`);
const live = await measure(`${shedUrl}/actuator/health/liveness`, shedPid, 32, {});
console.log(`| - | liveness probe | 32 | ${live.perSecond.toFixed(0)} | ${JSON.stringify(live.statuses)} | ${(live.cpuMicros / live.answers).toFixed(0)} | ${live.p99} |`);
for (const [name, values] of perEvent) {
  console.log(`${name}: median ${median(values).toFixed(0)} µs of replica CPU per admitted event over ${rounds} rounds`);
}
