// Exercises local mode's APIs with the clients users have:
//   - @camunda8/sdk's Orchestration Cluster API client (REST /v2, no auth),
//   - @camunda8/sdk's Zeebe gRPC client,
//   - zbctl (the Zeebe CLI, gRPC, --insecure).
// Each client: topology/status, deploy the given BPMN, create an instance, publish the message the
// instance waits for. The BPMN must have one process whose message catch event correlates on the
// variable `checkId` with the message `api-check-message` (see api-check.bpmn).
//   node check.mjs <grpcAddress> <restAddress> <bpmnFile>
// Prints one JSON line; exits 1 with {"ok":false,"failedStep":...} on the first failure.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const [grpcArg, restArg, bpmnFile] = process.argv.slice(2);
if (!grpcArg || !restArg || !bpmnFile) {
  console.error('usage: node check.mjs <grpcAddress> <restAddress> <bpmnFile>');
  process.exit(2);
}
const MESSAGE = 'api-check-message';
const STEP_TIMEOUT_MS = 30_000;
const grpcHostPort = new URL(grpcArg.includes('://') ? grpcArg : `http://${grpcArg}`).host;
const restAddress = restArg.replace(/\/+$/, '');
const run = randomUUID().slice(0, 8);
const results = { ok: false, run, grpcAddress: grpcHostPort, restAddress };
let current = 'setup';

/** Runs one named step with a deadline; its name is reported if it fails. */
async function step(name, action) {
  current = name;
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([action(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function expect(condition, what) {
  if (!condition) throw new Error(`unexpected answer: ${what}`);
}

// Only this script's settings: no credentials or addresses of the caller's environment.
for (const key of Object.keys(process.env)) {
  if (/^(ZEEBE|CAMUNDA)_/.test(key)) delete process.env[key];
}
// Validate the stand-in's answers against the Orchestration Cluster API's schemas.
process.env.CAMUNDA_SDK_VALIDATION = 'req:strict,res:strict';

const { Camunda8 } = await import('@camunda8/sdk');
const c8 = new Camunda8({
  ZEEBE_REST_ADDRESS: restAddress,
  ZEEBE_GRPC_ADDRESS: `grpc://${grpcHostPort}`,
  CAMUNDA_AUTH_STRATEGY: 'NONE',
  CAMUNDA_LOG_LEVEL: 'error',
  zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_MAX_RETRIES: 3 },
});

async function viaRest() {
  const camunda = c8.getOrchestrationClusterApiClient();
  const out = {};
  const topology = await step('rest.topology', () => camunda.getTopology());
  expect(topology.brokers?.length > 0, `topology without brokers: ${JSON.stringify(topology)}`);
  out.topology = { brokers: topology.brokers.length, gatewayVersion: topology.gatewayVersion };

  const deployment = await step('rest.deploy', () => camunda.deployResourcesFromFiles([bpmnFile]));
  const definition = deployment.processes?.[0];
  expect(definition?.processDefinitionId, `deployment without process: ${JSON.stringify(deployment)}`);
  out.deploymentKey = deployment.deploymentKey;
  out.processDefinitionId = definition.processDefinitionId;
  out.processDefinitionKey = definition.processDefinitionKey;

  const checkId = `rest-${run}`;
  const instance = await step('rest.createInstance', () =>
    camunda.createProcessInstance({
      processDefinitionId: definition.processDefinitionId,
      variables: { checkId },
    }),
  );
  expect(instance.processInstanceKey, `no processInstanceKey: ${JSON.stringify(instance)}`);
  out.processInstanceKey = instance.processInstanceKey;

  const message = await step('rest.publishMessage', () =>
    camunda.publishMessage({
      name: MESSAGE,
      correlationKey: checkId,
      timeToLive: 60_000,
      variables: { correlatedVia: 'rest' },
    }),
  );
  expect(message.messageKey, `no messageKey: ${JSON.stringify(message)}`);
  out.messageKey = message.messageKey;
  return out;
}

async function viaGrpc() {
  const zeebe = c8.getZeebeGrpcApiClient();
  const out = {};
  try {
    const topology = await step('grpc.topology', () => zeebe.topology());
    expect(topology.brokers?.length > 0, `topology without brokers: ${JSON.stringify(topology)}`);
    out.topology = { brokers: topology.brokers.length, gatewayVersion: topology.gatewayVersion };

    const deployment = await step('grpc.deploy', () =>
      zeebe.deployResource({ processFilename: bpmnFile }),
    );
    const definition = deployment.deployments?.[0]?.process;
    expect(definition?.bpmnProcessId, `deployment without process: ${JSON.stringify(deployment)}`);
    out.deploymentKey = deployment.key;
    out.processDefinitionKey = definition.processDefinitionKey;

    // The instance waits for the message, so the call with result is answered once the message
    // (buffered with a time to live) has been correlated and the instance completed.
    const checkId = `grpc-${run}`;
    const withResult = step('grpc.createInstanceWithResult', () =>
      zeebe.createProcessInstanceWithResult({
        bpmnProcessId: definition.bpmnProcessId,
        variables: { checkId },
        requestTimeout: STEP_TIMEOUT_MS - 5_000,
      }),
    );
    // Named first if both fail: a message that is not accepted explains the missing result.
    withResult.catch(() => {});
    const message = await step('grpc.publishMessage', () =>
      zeebe.publishMessage({
        name: MESSAGE,
        correlationKey: checkId,
        timeToLive: 60_000,
        variables: { correlatedVia: 'grpc' },
      }),
    );
    expect(message.key, `no message key: ${JSON.stringify(message)}`);
    out.messageKey = message.key;
    const result = await step('grpc.createInstanceWithResult', () => withResult);
    expect(
      result.variables?.correlatedVia === 'grpc',
      `result without the message's variable: ${JSON.stringify(result)}`,
    );
    out.processInstanceKey = result.processInstanceKey;
    out.completedWithVariables = result.variables;
    return out;
  } finally {
    await zeebe.close(5_000).catch(() => {});
  }
}

const exec = promisify(execFile);
const zbctlBin = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin', 'zbctl');

async function zbctl(...args) {
  const { stdout } = await exec(
    zbctlBin,
    ['--insecure', '--address', grpcHostPort, '--requestTimeout', '20s', ...args],
    { timeout: STEP_TIMEOUT_MS, env: process.env },
  );
  return stdout;
}

async function viaZbctl() {
  const out = {};
  const status = await step('zbctl.status', () => zbctl('status'));
  const size = /Cluster size:\s*(\d+)/.exec(status);
  expect(size && Number(size[1]) > 0, `status: ${status}`);
  out.status = { clusterSize: Number(size[1]) };

  const deployment = JSON.parse(await step('zbctl.deploy', () => zbctl('deploy', bpmnFile)));
  // zbctl 8.4 prints the processes of the deployment as `processes`.
  const definition = deployment.processes?.[0] ?? deployment.deployments?.[0]?.process;
  expect(definition?.bpmnProcessId, `deployment without process: ${JSON.stringify(deployment)}`);
  out.deploymentKey = String(deployment.key);

  const checkId = `zbctl-${run}`;
  const instance = JSON.parse(
    await step('zbctl.createInstance', () =>
      zbctl('create', 'instance', definition.bpmnProcessId, '--variables', JSON.stringify({ checkId })),
    ),
  );
  expect(instance.processInstanceKey, `no processInstanceKey: ${JSON.stringify(instance)}`);
  out.processInstanceKey = String(instance.processInstanceKey);

  // Lets the instance complete, so the caller can tell it from the others.
  await step('zbctl.publishMessage', () =>
    zbctl(
      'publish',
      'message',
      MESSAGE,
      '--correlationKey',
      checkId,
      '--ttl',
      '1m',
      '--variables',
      JSON.stringify({ correlatedVia: 'zbctl' }),
    ),
  );
  return out;
}

try {
  results.rest = await viaRest();
  results.grpc = await viaGrpc();
  results.zbctl = await viaZbctl();
  results.ok = true;
  console.log(JSON.stringify(results));
  process.exit(0);
} catch (e) {
  results.failedStep = current;
  results.error = String(e?.stack ?? e).split('\n').slice(0, 6).join(' | ');
  // The SDK's schema validation names what does not match the Orchestration Cluster API.
  if (e?.issues) results.issues = e.issues;
  console.log(JSON.stringify(results));
  process.exit(1);
}
