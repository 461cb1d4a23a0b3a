// Bundles src/app.js (bpmn-js Modeler, properties panel, element templates,
// linting) with esbuild into dist/, next to src/index.html.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

const LIBS = [
  'bpmn-js',
  'bpmn-js-element-templates',
  'bpmn-js-properties-panel',
  '@bpmn-io/properties-panel',
  '@camunda/linting',
  'camunda-bpmn-js-behaviors',
  'zeebe-bpmn-moddle',
  'bpmnlint-plugin-camunda-compat',
  'diagram-js'
];

async function installedVersion(name) {
  const pkg = JSON.parse(await readFile(join(here, 'node_modules', name, 'package.json'), 'utf8'));
  return pkg.version;
}

const versions = {};
for (const lib of LIBS) {
  versions[lib] = await installedVersion(lib);
}

await mkdir(dist, { recursive: true });

await build({
  entryPoints: [ join(here, 'src', 'app.js') ],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: [ 'chrome120' ],
  outfile: join(dist, 'app.js'),
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
  define: {
    __VERSIONS__: JSON.stringify(versions),
    'process.env.NODE_ENV': '"production"'
  },
  loader: {
    '.woff': 'dataurl',
    '.woff2': 'dataurl',
    '.ttf': 'dataurl',
    '.eot': 'dataurl',
    '.svg': 'dataurl',
    '.png': 'dataurl'
  }
});

await copyFile(join(here, 'src', 'index.html'), join(dist, 'index.html'));

console.log(`bundled ${ Object.entries(versions).map(([ k, v ]) => `${ k }@${ v }`).join(', ') }`);
