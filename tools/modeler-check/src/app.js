// Browser side of the modeler check: a bpmn-js Modeler composed like Camunda
// Desktop Modeler's Camunda 8 editor (Zeebe moddle + behaviors, properties
// panel with the Zeebe provider, the Camunda 8 element templates provider, the
// linting module), plus a small API on window.mc that the Playwright driver
// (apply-templates.mjs) calls. Typing happens from the driver with real
// keyboard events; this file only sets up, applies templates, reads and lints.

import Modeler from 'bpmn-js/lib/Modeler';

import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule
} from 'bpmn-js-properties-panel';

import {
  CloudElementTemplatesPropertiesProviderModule,
  CloudElementTemplatesLinterPlugin
} from 'bpmn-js-element-templates';

import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';

import { Linter } from '@camunda/linting';
import LintingModule from '@camunda/linting/modeler';

import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import modelerModdle from 'modeler-moddle/resources/modeler.json';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@camunda/linting/assets/linting.css';

const TEMPLATE_GROUP_PREFIX = 'ElementTemplates__CustomProperties';

let modeler = null;
let templates = [];
let linter = null;
const templateErrors = [];
const templateWarnings = [];

function init({ templates: allTemplates, desktopModelerVersion }) {
  templates = allTemplates;

  modeler = new Modeler({
    container: '#canvas',
    propertiesPanel: { parent: '#panel' },
    linting: { active: true },
    elementTemplates: {
      engines: { camundaDesktopModeler: desktopModelerVersion }
    },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      CloudElementTemplatesPropertiesProviderModule,
      ZeebeBehaviorsModule,
      LintingModule
    ],
    moddleExtensions: {
      zeebe: zeebeModdle,
      modeler: modelerModdle
    }
  });

  modeler.on('elementTemplates.errors', ({ errors }) => {
    errors.forEach(e => templateErrors.push(String(e && e.message || e)));
  });
  modeler.on('elementTemplates.warnings', ({ warnings }) => {
    (warnings || []).forEach(w => templateWarnings.push(String(w && w.message || w)));
  });

  // as Desktop Modeler does it: the templates loader validates and installs them
  modeler.get('elementTemplatesLoader').setTemplates(allTemplates);

  // the linter Desktop Modeler creates for Camunda 8 diagrams
  linter = new Linter({
    modeler: 'desktop',
    type: 'cloud',
    plugins: [ CloudElementTemplatesLinterPlugin(allTemplates) ]
  });

  return {
    templateErrors: templateErrors.slice(),
    templateWarnings: templateWarnings.slice(),
    installed: modeler.get('elementTemplates').getAll().map(t => `${t.id}@${t.version}`)
  };
}

// Import a diagram and tell the templates service which engine it targets,
// like Desktop Modeler does when a tab's engine profile is known.
async function importDiagram(xml) {
  const { warnings } = await modeler.importXML(xml);

  const definitions = modeler.getDefinitions();
  const version = definitions.get('modeler:executionPlatformVersion');
  if (version) {
    const elementTemplates = modeler.get('elementTemplates');
    elementTemplates.setEngines({ ...elementTemplates.getEngines(), camunda: version });
  }

  // start without errors of a previous diagram
  modeler.get('linting').setErrors([]);
  modeler.get('selection').select(null);

  return { warnings: warnings.map(w => String(w.message || w)) };
}

function select(elementId) {
  const element = modeler.get('elementRegistry').get(elementId);
  if (!element) {
    throw new Error(`no element ${ elementId }`);
  }
  modeler.get('selection').select(element);
  modeler.get('canvas').scrollToElement(element);
  return describe(element);
}

// Apply a template to an element through the element templates service, the
// call the template chooser makes. Only templates the chooser would offer for
// the element (latest, compatible, applicable) are accepted.
function applyTemplate({ elementId, templateId, templateVersion }) {
  const elementTemplates = modeler.get('elementTemplates');
  const selection = modeler.get('selection');

  const element = modeler.get('elementRegistry').get(elementId);
  if (!element) {
    throw new Error(`no element ${ elementId }`);
  }
  selection.select(element);

  const offered = elementTemplates.getLatest(element);
  const template = offered.find(t => t.id === templateId && t.version === templateVersion);
  if (!template) {
    const installed = elementTemplates.get(templateId, templateVersion);
    throw new Error(
      `template ${ templateId }@${ templateVersion } is not offered for ${ element.type }` +
      (installed ? ' (installed, but not applicable/compatible)' : ' (not installed: invalid template?)') +
      `; offered: [${ offered.map(t => t.id + '@' + t.version).join(', ') }]`
    );
  }

  const newElement = elementTemplates.applyTemplate(element, template);
  selection.select(newElement);

  return describe(newElement);
}

function describe(element) {
  const bo = element.businessObject;
  const eventDefinitions = bo.get('eventDefinitions') || [];
  return {
    id: element.id,
    type: element.type,
    eventDefinition: eventDefinitions.length ? eventDefinitions[0].$type : null,
    templateId: bo.get('zeebe:modelerTemplate') || null,
    templateVersion: bo.get('zeebe:modelerTemplateVersion') || null,
    processId: findProcessId(bo)
  };
}

function findProcessId(bo) {
  let p = bo;
  while (p && p.$type !== 'bpmn:Process') {
    p = p.$parent;
  }
  return p ? p.id : null;
}

// The template entries the panel renders for an element, as the element
// templates properties provider builds them (conditions applied). Each entry
// carries the template property it edits, which maps property ids to the
// panel's entry ids (data-entry-id) without re-implementing the id scheme.
function templateEntries(elementId) {
  const element = modeler.get('elementRegistry').get(elementId);
  const provider = modeler.get('elementTemplatesPropertiesProvider');
  const groups = provider.getGroups(element)([]);

  const entries = [];
  for (const group of groups) {
    if (!group.id.startsWith(TEMPLATE_GROUP_PREFIX)) {
      continue;
    }
    for (const entry of group.entries || []) {
      const property = entry.property || {};
      entries.push({
        entryId: entry.id,
        groupId: group.id,
        groupLabel: group.label,
        propertyId: property.id || null,
        label: property.label || null,
        type: property.type || null,
        feel: property.feel || null,
        required: !!(property.constraints && property.constraints.notEmpty),
        choices: property.choices ? property.choices.map(c => c.value) : null
      });
    }
  }
  return entries;
}

async function saveXML() {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

// Lint like Desktop Modeler: the Camunda 8 linter with the element templates
// plugin; the reports are also handed to the linting module, which shows the
// errors in the properties panel as Desktop Modeler does.
async function lint(xml) {
  const reports = await linter.lint(xml);
  modeler.get('linting').setErrors(reports);
  return reports.map(r => ({
    id: r.id,
    rule: r.rule,
    category: r.category,
    message: r.message,
    path: r.path || null,
    entryIds: r.propertiesPanel && r.propertiesPanel.entryIds || []
  }));
}

function templatedElementIds() {
  return modeler.get('elementRegistry')
    .filter(e => !e.labelTarget && e.businessObject && e.businessObject.get && e.businessObject.get('zeebe:modelerTemplate'))
    .map(e => e.id);
}

function versions() {
  // eslint-disable-next-line no-undef
  return __VERSIONS__;
}

window.mc = {
  init,
  importDiagram,
  select,
  applyTemplate,
  templateEntries,
  saveXML,
  lint,
  templatedElementIds,
  versions,
  get templateErrors() { return templateErrors.slice(); }
};

window.mcReady = true;
