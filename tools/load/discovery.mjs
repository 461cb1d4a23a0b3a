// Discovery delay: from a deployment acknowledged by the engine to its webhook reported UP in
// GET /inbound, measured on every runtime given (local mode, and production replicas pointed at it).
//
//   node discovery.mjs --runtimes http://127.0.0.1:8085,http://127.0.0.1:8095 [--deployments 10]
//
// Each deployment is a new process with a webhook id of its own; the runtimes are polled every
// 10 ms, so the figures are at most 10 ms late.
import { Camunda8 } from '@camunda8/sdk';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const runtimes = (args.runtimes || 'http://127.0.0.1:8085').split(',');
const deployments = Number(args.deployments || 10);
const grpc = args.grpc || '127.0.0.1:26500';
const template = readFileSync(new URL('./bpmn/load-none.bpmn', import.meta.url), 'utf8');

const c8 = new Camunda8({
  ZEEBE_GRPC_ADDRESS: `grpc://${grpc}`,
  CAMUNDA_AUTH_STRATEGY: 'NONE',
  CAMUNDA_LOG_LEVEL: 'error',
  zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
});
const zeebe = c8.getZeebeGrpcApiClient();

async function isUp(runtime, processId) {
  try {
    const res = await fetch(`${runtime}/inbound`);
    if (res.status !== 200) return false;
    for (const connector of await res.json()) {
      if (connector.elements?.some((e) => e.bpmnProcessId === processId)) {
        return connector.health?.status === 'UP';
      }
    }
  } catch {
    // not answering yet
  }
  return false;
}

const delays = Object.fromEntries(runtimes.map((r) => [r, []]));
for (let i = 0; i < deployments; i++) {
  const id = `discovery-${randomUUID().slice(0, 8)}`;
  const xml = template.replaceAll('load-none', id);
  await zeebe.deployResource({ process: Buffer.from(xml), name: `${id}.bpmn` });
  const deployed = performance.now();
  await Promise.all(
    runtimes.map(async (runtime) => {
      while (!(await isUp(runtime, id))) {
        if (performance.now() - deployed > 60000) throw new Error(`${runtime}: ${id} not UP after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      delays[runtime].push(performance.now() - deployed);
    }),
  );
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
for (const runtime of runtimes) {
  const values = delays[runtime];
  console.log(
    `${runtime}: deployment -> webhook UP over ${values.length} deployments: p50 ${pct(values, 50).toFixed(0)} ms, ` +
      `max ${Math.max(...values).toFixed(0)} ms`,
  );
}
await c8.getZeebeGrpcApiClient().close();
