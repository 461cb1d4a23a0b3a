// Runs right after Camunda's element-template generator, on every template under a folder, and
// applies what the generator (8.8.5) cannot be told through annotations:
// - a versioned $schema, so Modeler and the validator agree on the schema the templates target;
// - no pattern on the generator's own Message TTL field: Modeler tests a pattern against an
//   untouched optional field as if its value were "undefined" and shows an error on every new
//   element. The connector checks the TTL when the webhook activates, naming the field;
// - one order of the Correlation group in every template (the generator puts Message TTL and
//   Message ID expression in different orders for start and catch events).
// Idempotent; writes a file only when its content changes. Uses Node's standard library only.
import { readFileSync, writeFileSync } from 'node:fs';
import { templateFiles } from './template-files.mjs';

const SCHEMA_VERSION = '0.46.0'; // the schema the validator in package.json checks against
const SCHEMA = `https://unpkg.com/@camunda/zeebe-element-templates-json-schema@${SCHEMA_VERSION}/resources/schema.json`;
const CORRELATION_ORDER = ['correlationRequired', 'correlationKeyProcess', 'correlationKeyPayload', 'messageIdExpression', 'messageTtl'];

const root = process.argv[2];
if (!root) {
  console.error('usage: node finalize-templates.mjs <templates-folder>');
  process.exit(2);
}

function correlationRank(property) {
  const rank = CORRELATION_ORDER.indexOf(property.id);
  return rank < 0 ? CORRELATION_ORDER.length : rank;
}

function finalize(template) {
  const { $schema, ...rest } = template;
  const properties = rest.properties.map((property) => {
    if (property.id !== 'messageTtl' || !property.constraints) return property;
    const { pattern, ...constraints } = property.constraints;
    const copy = { ...property, constraints };
    if (Object.keys(constraints).length === 0) delete copy.constraints;
    return copy;
  });
  // Stable sort of the correlation group's members among themselves; every other property keeps
  // its place.
  const slots = properties.map((p, i) => (p.group === 'correlation' ? i : -1)).filter((i) => i >= 0);
  const ordered = slots.map((i) => properties[i]).sort((a, b) => correlationRank(a) - correlationRank(b));
  slots.forEach((slot, k) => { properties[slot] = ordered[k]; });
  return { $schema: SCHEMA, ...rest, properties };
}

let changed = 0;
for (const file of templateFiles(root)) {
  const before = readFileSync(file, 'utf8');
  const after = JSON.stringify(finalize(JSON.parse(before)), null, 2) + '\n';
  if (after !== before) {
    writeFileSync(file, after);
    changed++;
  }
}
console.log(`finalize-templates: ${changed} file(s) updated under ${root}`);
