// Resident memory of local mode as webhook instances accumulate in the in-memory engine (which
// keeps every record): RSS at start, then after each checkpoint of instances created through
// POST /inbound/load-none (16 concurrent senders).
//
//   node memory.mjs --pid <runtime pid> [--checkpoints 10000,50000]
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const base = args.url || 'http://127.0.0.1:8085';
const pid = args.pid;
const checkpoints = (args.checkpoints || '10000,50000').split(',').map(Number);
const senders = 16;

const rss = () => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return `${Math.round(Number(line.split(/\s+/)[1]) / 1024)} MiB`;
};

console.log(`at start: ${rss()}`);
let created = 0;
let failed = 0;
const refusals = {};
const started = performance.now();
for (const target of checkpoints) {
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (created + failed < target) {
        created++;
        const res = await fetch(`${base}/inbound/load-none`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            version: '0', id: randomUUID(), 'detail-type': 'MemoryProbe', source: 'com.example.load',
            account: '123456789012', time: new Date().toISOString(), region: 'eu-central-1', resources: [],
            detail: { orderId: randomUUID() },
          }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) {
          created--;
          failed++;
          refusals[res.status] = (refusals[res.status] || 0) + 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`after ${created} instances (refused by status: ${JSON.stringify(refusals)}, ${seconds.toFixed(0)} s): ${rss()}`);
}
