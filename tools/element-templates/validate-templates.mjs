// Validates every element template under a folder against Camunda's official Zeebe element-template
// JSON schema (the one Web and Desktop Modeler use), and optionally fails when the freshly
// generated templates differ from what git has committed.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { templateFiles } from './template-files.mjs';
import { execFileSync } from 'node:child_process';
import { validateZeebe, getZeebeSchemaVersion } from '@bpmn-io/element-templates-validator';

const args = process.argv.slice(2);
const failOnDrift = args.includes('--fail-on-drift');
const root = args.find((a) => !a.startsWith('--'));
if (!root) {
  console.error('usage: node validate-templates.mjs <templates-folder> [--fail-on-drift]');
  process.exit(2);
}

const files = templateFiles(root);
if (files.length === 0) {
  console.error(`No element templates found under ${root}`);
  process.exit(1);
}

let invalid = 0;
for (const file of files) {
  const template = JSON.parse(readFileSync(file, 'utf8'));
  const { valid, errors } = validateZeebe(template);
  const ids = new Set();
  const duplicateIds = (template.properties || []).map((p) => p.id).filter((id) => id && (ids.has(id) || !ids.add(id)));
  if (valid && duplicateIds.length === 0) {
    console.log(`valid    ${relative(root, file)} (${template.id} v${template.version})`);
  } else {
    invalid++;
    console.error(`INVALID  ${relative(root, file)}`);
    for (const e of errors || []) console.error(`  ${e.dataPath || e.instancePath || '/'} ${e.message}`);
    for (const id of duplicateIds) console.error(`  duplicate property id ${id}`);
  }
}
console.log(`${files.length} templates checked against zeebe-element-templates-json-schema ${getZeebeSchemaVersion()}: ${files.length - invalid} valid, ${invalid} invalid`);

let drift = false;
if (failOnDrift) {
  const status = execFileSync('git', ['status', '--porcelain', '--', '.'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim() && line.trim().endsWith('.json'));
  if (status.length > 0) {
    drift = true;
    console.error('The generated element templates differ from the committed ones. Run `mvn verify` and commit element-templates/:');
    for (const line of status) console.error(`  ${line}`);
  }
}
process.exit(invalid > 0 || drift ? 1 : 0);
