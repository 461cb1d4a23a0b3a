#!/usr/bin/env node
// Applies every element template to a fresh diagram in a headless Chromium
// running Camunda Modeler's libraries (dist/, built by build.mjs), types the
// required values into the properties panel like a user, exports the XML,
// lints it like Desktop Modeler and reports what the panel and linter say.
//
//   node apply-templates.mjs --templates DIR --examples DIR --values FILE --out DIR
//        [--only SUBSTRING] [--chromium /usr/bin/chromium]
//
// Exit code 0 when the harness worked (findings are in <out>/report.json),
// 1 when it could not run or a template could not be applied at all.

import { readFile, readdir, writeFile, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

const DESKTOP_MODELER_VERSION = '5.50.1';
const DEFAULT_PLATFORM_VERSION = '8.8.0';
const TARGET_ID = 'Target';
const WAIT_MS = 15000;

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
];

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const args = { chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--')) {
      throw new Error(`unexpected argument ${ key }`);
    }
    args[key.slice(2)] = argv[++i];
  }
  for (const required of [ 'templates', 'examples', 'values', 'out' ]) {
    if (!args[required]) {
      throw new Error(`missing --${ required }`);
    }
  }
  return args;
}

// ---------------------------------------------------------------- inputs

async function listJson(dir) {
  const files = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && entry.name.endsWith('.json')) {
      files.push(join(dir, entry.name));
    }
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && entry.name !== 'target') {
      for (const sub of (await readdir(join(dir, entry.name))).sort()) {
        if (sub.endsWith('.json')) {
          files.push(join(dir, entry.name, sub));
        }
      }
    }
  }
  return files;
}

function looksLikeTemplate(t) {
  return t && typeof t === 'object' && typeof t.id === 'string' && Array.isArray(t.appliesTo) && Array.isArray(t.properties);
}

async function readTemplates(dir) {
  const result = [];
  for (const file of await listJson(dir)) {
    const json = JSON.parse(await readFile(file, 'utf8'));
    const templates = Array.isArray(json) ? json : [ json ];
    templates.filter(looksLikeTemplate).forEach((template, index) => {
      result.push({ file: relative(dir, file), index, count: templates.length, template });
    });
  }
  return result;
}

function kebab(s) {
  return s.replace(/^bpmn:/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function caseId(file, index, count, type) {
  let base = basename(file, '.json').replace(/^eventbridge-/, '');
  if (count > 1) {
    base += `-${ index + 1 }`;
  }
  return `${ base }-${ kebab(type) }`.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-');
}

// engines.camunda is a semver range such as "^8.8" or ">=8.7.0": lint and set
// the diagram's execution platform version to the lowest version it names
function platformVersion(template) {
  const range = template.engines && template.engines.camunda;
  if (!range) {
    return DEFAULT_PLATFORM_VERSION;
  }
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(range);
  if (!m) {
    return DEFAULT_PLATFORM_VERSION;
  }
  return `${ m[1] }.${ m[2] }.${ m[3] || 0 }`;
}

// ---------------------------------------------------------------- diagrams

const EVENT = { w: 36, h: 36 };
const TASK = { w: 100, h: 80 };

function shapeXml(id, x, y, size, extra = '') {
  return `      <bpmndi:BPMNShape id="${ id }_di" bpmnElement="${ id }"${ extra }>
        <dc:Bounds x="${ x }" y="${ y }" width="${ size.w }" height="${ size.h }" />
      </bpmndi:BPMNShape>`;
}

function edgeXml(id, points) {
  return `      <bpmndi:BPMNEdge id="${ id }_di" bpmnElement="${ id }">
${ points.map(([ x, y ]) => `        <di:waypoint x="${ x }" y="${ y }" />`).join('\n') }
      </bpmndi:BPMNEdge>`;
}

// A minimal deployable diagram with one untemplated element of `type`, id Target.
function caseDiagram(type, processId, version) {
  const local = type.replace(/^bpmn:/, '');
  const tag = local.charAt(0).toLowerCase() + local.slice(1);
  let flowElements, shapes;

  if (local === 'StartEvent') {
    flowElements = `    <bpmn:startEvent id="${ TARGET_ID }">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:endEvent id="End">
      <bpmn:incoming>Flow_1</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="${ TARGET_ID }" targetRef="End" />`;
    shapes = [
      shapeXml(TARGET_ID, 152, 82, EVENT),
      shapeXml('End', 252, 82, EVENT),
      edgeXml('Flow_1', [ [ 188, 100 ], [ 252, 100 ] ])
    ];
  } else if (local === 'BoundaryEvent') {
    flowElements = `    <bpmn:startEvent id="Start">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Host">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition externalReference="modeler-check" />
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:boundaryEvent id="${ TARGET_ID }" attachedToRef="Host">
      <bpmn:outgoing>Flow_3</bpmn:outgoing>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="BoundaryEnd">
      <bpmn:incoming>Flow_3</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Host" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Host" targetRef="End" />
    <bpmn:sequenceFlow id="Flow_3" sourceRef="${ TARGET_ID }" targetRef="BoundaryEnd" />`;
    shapes = [
      shapeXml('Start', 152, 82, EVENT),
      shapeXml('Host', 240, 60, TASK),
      shapeXml('End', 402, 82, EVENT),
      shapeXml(TARGET_ID, 272, 122, EVENT),
      shapeXml('BoundaryEnd', 402, 202, EVENT),
      edgeXml('Flow_1', [ [ 188, 100 ], [ 240, 100 ] ]),
      edgeXml('Flow_2', [ [ 340, 100 ], [ 402, 100 ] ]),
      edgeXml('Flow_3', [ [ 290, 158 ], [ 290, 220 ], [ 402, 220 ] ])
    ];
  } else {
    const isEvent = /Event$/.test(local);
    const size = isEvent ? EVENT : TASK;
    const x = isEvent ? 252 : 240, y = isEvent ? 82 : 60;
    const endX = x + size.w + 62;
    flowElements = `    <bpmn:startEvent id="Start">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:${ tag } id="${ TARGET_ID }">
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:${ tag }>
    <bpmn:endEvent id="End">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="${ TARGET_ID }" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="${ TARGET_ID }" targetRef="End" />`;
    shapes = [
      shapeXml('Start', 152, 82, EVENT),
      shapeXml(TARGET_ID, x, y, size),
      shapeXml('End', endX, 82, EVENT),
      edgeXml('Flow_1', [ [ 188, 100 ], [ x, 100 ] ]),
      edgeXml('Flow_2', [ [ x + size.w, 100 ], [ endX, 100 ] ])
    ];
  }

  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${ processId }" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="${ version }">
  <bpmn:process id="${ processId }" isExecutable="true">
${ flowElements }
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${ processId }">
${ shapes.join('\n') }
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

// ---------------------------------------------------------------- panel helpers

function attr(value) {
  return `"${ String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') }"`;
}

const entrySel = entryId => `#panel [data-entry-id=${ attr(entryId) }]`;
const groupSel = groupId => `#panel [data-group-id=${ attr('group-' + groupId) }]`;

async function waitFor(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout: WAIT_MS, polling: 'raf' });
  } catch (e) {
    throw new Error(`timed out waiting for ${ what }`);
  }
}

// two animation frames: preact has rendered pending state changes by then
async function settle(page) {
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// the panel shows `elementId` when its General > ID field holds that id
async function waitPanelFor(page, elementId) {
  await waitFor(page, id => {
    const input = document.querySelector('#panel [data-entry-id="id"] input');
    return input && input.value === id;
  }, elementId, `the properties panel to show ${ elementId }`);
}

// select like a user: click the shape on the canvas
async function selectElement(page, elementId) {
  const shape = page.locator(`#canvas .djs-element.djs-shape[data-element-id=${ attr(elementId) }]`);
  try {
    await shape.click({ timeout: 3000 });
    await page.waitForFunction(id => {
      const input = document.querySelector('#panel [data-entry-id="id"] input');
      return input && input.value === id;
    }, elementId, { timeout: 3000, polling: 'raf' });
  } catch (e) {
    // not clickable (outside the viewport, covered): select through the API
    await page.evaluate(id => window.mc.select(id), elementId);
    await waitPanelFor(page, elementId);
  }
}

async function openGroup(page, groupId) {
  const group = page.locator(groupSel(groupId));
  const entriesSel = `${ groupSel(groupId) } > .bio-properties-panel-group-entries`;
  const isOpen = () => page.evaluate(sel => {
    const n = document.querySelector(sel);
    return !!n && n.classList.contains('open');
  }, entriesSel);
  // a click can miss when the layout shifts under the pointer (e.g. an error
  // message of the field just left disappears): check, and click again
  for (let attempt = 0; attempt < 3 && !(await isOpen()); attempt++) {
    await group.locator('> .bio-properties-panel-group-header').click();
    try {
      await page.waitForFunction(sel => {
        const n = document.querySelector(sel);
        return n && n.classList.contains('open');
      }, entriesSel, { timeout: 2000, polling: 'raf' });
    } catch (e) {
      // retried below
    }
  }
  if (!(await isOpen())) {
    throw new Error(`group ${ groupId } does not open`);
  }
}

async function openAllGroups(page) {
  const ids = await page.$$eval('#panel .bio-properties-panel-group[data-group-id]', nodes =>
    nodes.map(n => n.getAttribute('data-group-id').replace(/^group-/, '')));
  for (const id of ids) {
    const header = page.locator(`${ groupSel(id) } > .bio-properties-panel-group-header`);
    // list groups without items ("empty" headers with an add button) cannot open
    if (await header.count() && !(await header.evaluate(n => n.classList.contains('empty') && !n.parentNode.querySelector(':scope > .bio-properties-panel-group-entries')))) {
      await openGroup(page, id).catch(() => {});
    }
  }
  await settle(page);
}

// What the entry currently holds, as the panel shows it; FEEL editors show the
// expression without its leading '='.
async function readEntry(page, entryId) {
  return page.evaluate(sel => {
    const entry = document.querySelector(sel);
    if (!entry) {
      return { rendered: false };
    }
    const cm = entry.querySelector('.cm-content[contenteditable]');
    if (cm) {
      const lines = [ ...cm.querySelectorAll('.cm-line') ].map(line => {
        const clone = line.cloneNode(true);
        clone.querySelectorAll('.cm-placeholder, .cm-widgetBuffer').forEach(n => n.remove());
        return clone.textContent;
      });
      const text = lines.join('\n');
      return { rendered: true, kind: 'feel', text, value: text === '' ? '' : '=' + text };
    }
    const select = entry.querySelector('select');
    if (select) {
      return { rendered: true, kind: 'select', value: select.value };
    }
    const checkbox = entry.querySelector('input[type="checkbox"]');
    if (checkbox) {
      return { rendered: true, kind: 'checkbox', value: checkbox.checked };
    }
    const input = entry.querySelector('textarea, input.bio-properties-panel-input, input');
    if (input) {
      return { rendered: true, kind: input.tagName === 'TEXTAREA' ? 'textarea' : 'input', value: input.value };
    }
    return { rendered: true, kind: 'unknown', value: null };
  }, entrySel(entryId));
}

// Type `value` into an entry like a user does.
async function typeInto(page, field, value) {
  const sel = entrySel(field.entryId);
  await openGroup(page, field.groupId);
  const current = await readEntry(page, field.entryId);

  if (current.kind === 'select') {
    await page.locator(`${ sel } select`).selectOption(String(value));
    return;
  }
  if (current.kind === 'checkbox') {
    if (current.value !== (value === true || value === 'true')) {
      await page.locator(`${ sel } input[type="checkbox"]`).click();
    }
    return;
  }

  if (current.kind === 'feel') {
    // FEEL editor (feel: required, or FEEL already active): it shows the '='
    const text = value.startsWith('=') ? value.slice(1) : value;
    const cm = page.locator(`${ sel } .cm-content[contenteditable]`);
    await cm.click();
    if (current.text) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
    }
    await page.keyboard.type(text);
    return;
  }

  if (current.kind === 'input' || current.kind === 'textarea') {
    const input = page.locator(`${ sel } ${ current.kind === 'textarea' ? 'textarea' : 'input' }`).first();
    await input.click();
    if (current.value) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Backspace');
    }
    if (field.feel && value.startsWith('=')) {
      // typing '=' into a FEEL-optional field switches it to the FEEL editor,
      // which takes the focus; the rest goes there
      await page.keyboard.type('=');
      await waitFor(page, s => {
        const entry = document.querySelector(s);
        const cm = entry && entry.querySelector('.cm-content[contenteditable]');
        return cm && (cm === document.activeElement || cm.contains(document.activeElement));
      }, sel, `the FEEL editor of ${ field.propertyId } to take the focus`);
      await page.keyboard.type(value.slice(1));
    } else {
      await page.keyboard.type(value);
    }
    return;
  }

  throw new Error(`cannot type into ${ field.propertyId } (${ field.entryId }): no input found`);
}

// Choose a dropdown's value like a user: the select's own change event, which the
// panel turns into a command, so the panel's conditions show the fields that depend on it.
async function choose(page, elementId, propertyId, value) {
  const entries = await page.evaluate(id => window.mc.templateEntries(id), elementId);
  const field = entries.find(e => e.propertyId === propertyId);
  if (!field) {
    throw new Error('the panel does not show it');
  }
  if (!(field.choices || []).includes(value)) {
    throw new Error(`it is no dropdown with that choice (choices: ${ JSON.stringify(field.choices) })`);
  }
  // The template's state shows the field as soon as the previous choice is made; the panel
  // draws it a frame or more later, on a busy machine more.
  await openGroup(page, field.groupId);
  await waitFor(page, s => !!document.querySelector(`${ s } select`), entrySel(field.entryId),
    `the panel to draw the dropdown ${ propertyId }`);
  await typeInto(page, field, value);
  await blur(page);
}

// blur: click on the panel's header, away from any input
async function blur(page) {
  const header = page.locator('#panel .bio-properties-panel-header').first();
  if (await header.count()) {
    await header.click({ position: { x: 5, y: 5 } });
  } else {
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
  }
  await settle(page);
}

// the whole panel, also the part below the fold: the panel scrolls inside, so
// the viewport grows by what its scroll container hides, for the screenshot
async function screenshotPanel(page, path) {
  const viewport = page.viewportSize();
  const hidden = await page.evaluate(() => {
    const scroll = document.querySelector('#panel .bio-properties-panel-scroll-container');
    return scroll ? Math.max(0, scroll.scrollHeight - scroll.clientHeight) : 0;
  });
  try {
    if (hidden) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height + hidden });
      await settle(page);
    }
    await page.locator('#panel').screenshot({ path });
  } finally {
    if (hidden) {
      await page.setViewportSize(viewport);
      await settle(page);
    }
  }
}

async function collectPanelErrors(page, entries) {
  const byEntry = new Map(entries.map(e => [ e.entryId, e ]));
  const found = await page.$$eval('#panel .bio-properties-panel-error', nodes => nodes.map(n => {
    const entry = n.closest('[data-entry-id]');
    const group = n.closest('[data-group-id]');
    const label = entry && entry.querySelector('.bio-properties-panel-label');
    const title = group && group.querySelector('.bio-properties-panel-group-header-title');
    return {
      entryId: entry ? entry.getAttribute('data-entry-id') : null,
      label: label ? label.textContent.trim() : null,
      group: title ? title.textContent.trim() : (group ? group.getAttribute('data-group-id') : null),
      message: n.textContent.trim()
    };
  }));
  return found.map(f => {
    const e = f.entryId && byEntry.get(f.entryId);
    return {
      entry: (e && e.label) || f.label || f.entryId,
      propertyId: e ? e.propertyId : null,
      entryId: f.entryId,
      group: f.group,
      message: f.message
    };
  });
}

function splitLint(reports) {
  const pick = r => ({ rule: r.rule, message: r.message, id: r.id, path: r.path, entryIds: r.entryIds });
  return {
    lintErrors: reports.filter(r => r.category === 'error').map(pick),
    lintWarnings: reports.filter(r => r.category === 'warn').map(pick)
  };
}

function fileSafe(s) {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

// ---------------------------------------------------------------- one case

async function runCase(page, spec, fill, out) {
  const { template, file } = spec.source;
  const result = {
    case: spec.id,
    templateFile: file,
    templateId: template.id,
    templateVersion: template.version ?? null,
    appliesTo: spec.type,
    elementType: null,
    eventDefinition: null,
    processId: spec.processId,
    elementId: null,
    executionPlatformVersion: spec.version,
    bpmnFile: `cases/${ spec.id }.bpmn`,
    variant: spec.variant ? spec.variant.id : null,
    selected: {},
    typed: {},
    panelErrors: [],
    lintErrors: [],
    lintWarnings: [],
    harnessErrors: []
  };

  const subst = v => typeof v === 'string' ? v.split('{case}').join(spec.id) : v;
  // a variant's values are typed wherever the panel shows their fields, as alsoFill's are
  const alsoFill = { ...fill.alsoFill, ...(spec.variant ? spec.variant.values : {}) };

  // (1) a fresh diagram with an untemplated target
  await page.evaluate(xml => window.mc.importDiagram(xml), caseDiagram(spec.type, spec.processId, spec.version));
  await selectElement(page, TARGET_ID);

  // (2) apply the template the way the chooser does
  const applied = await page.evaluate(args => window.mc.applyTemplate(args), {
    elementId: TARGET_ID, templateId: template.id, templateVersion: template.version
  });
  Object.assign(result, {
    elementType: applied.type,
    eventDefinition: applied.eventDefinition,
    elementId: applied.id,
    processId: applied.processId
  });
  await waitPanelFor(page, applied.id);
  await waitFor(page, () => !!document.querySelector('#panel [data-group-id^="group-ElementTemplates__CustomProperties"]'),
    null, 'the template groups in the panel');

  // (3) a variant's dropdown choices first, so the panel's conditions show their fields
  for (const [ propertyId, value ] of Object.entries(spec.variant ? spec.variant.select : {})) {
    try {
      await choose(page, applied.id, propertyId, value);
      result.selected[propertyId] = value;
    } catch (e) {
      result.harnessErrors.push(`choosing ${ JSON.stringify(value) } in '${ propertyId }' failed: ${ e.message }`);
    }
  }

  // then type required values (and the alsoFill ones) into the panel
  const attempted = new Set();
  for (let pass = 0; pass < 5; pass++) {
    const entries = await page.evaluate(id => window.mc.templateEntries(id), applied.id);
    let typedThisPass = 0;
    for (const field of entries) {
      if (!field.propertyId || attempted.has(field.propertyId)) {
        continue;
      }
      const inValues = Object.prototype.hasOwnProperty.call(fill.values, field.propertyId);
      const inAlso = Object.prototype.hasOwnProperty.call(alsoFill, field.propertyId);
      if (!(field.required || inAlso)) {
        continue;
      }
      const state = await readEntry(page, field.entryId);
      if (!state.rendered) {
        continue; // not shown in the panel
      }
      attempted.add(field.propertyId);
      if (!inValues && !inAlso) {
        if (state.value === '' || state.value === null || state.value === undefined) {
          result.harnessErrors.push(`required field '${ field.propertyId }' (${ field.label }) is shown empty and fill-values.json has no value for it`);
        }
        continue;
      }
      const value = subst(inAlso ? alsoFill[field.propertyId] : fill.values[field.propertyId]);
      try {
        await typeInto(page, field, value);
        // leave the field like a user clicking elsewhere: the panel commits
        await blur(page);
        result.typed[field.propertyId] = value;
        typedThisPass++;
      } catch (e) {
        result.harnessErrors.push(`typing into '${ field.propertyId }' failed: ${ e.message }`);
      }
    }
    await blur(page);
    if (!typedThisPass) {
      break;
    }
  }

  // what the panel holds now must be what was chosen and typed
  const entriesAfter = await page.evaluate(id => window.mc.templateEntries(id), applied.id);
  for (const [ propertyId, value ] of Object.entries({ ...result.selected, ...result.typed })) {
    const field = entriesAfter.find(e => e.propertyId === propertyId);
    if (!field) {
      result.harnessErrors.push(`'${ propertyId }' was chosen or typed but its entry is no longer shown`);
      continue;
    }
    const state = await readEntry(page, field.entryId);
    if (state.value !== value) {
      result.harnessErrors.push(`'${ propertyId }' holds ${ JSON.stringify(state.value) } after it was chosen or typed as ${ JSON.stringify(value) }`);
    }
  }

  // (5) export what Modeler writes
  const xml = await page.evaluate(() => window.mc.saveXML());
  await writeFile(join(out, result.bpmnFile), xml);

  // (6) lint like Desktop Modeler (this also puts lint errors into the panel)
  const reports = await page.evaluate(x => window.mc.lint(x), xml);
  Object.assign(result, splitLint(reports));

  // (4) the panel's errors, every group open
  await openAllGroups(page);
  await waitPanelFor(page, applied.id);
  result.panelErrors = (await collectPanelErrors(page, entriesAfter));
  result.headerCutOff = await headerCutOff(page);

  if (result.panelErrors.length || result.lintErrors.length || result.harnessErrors.length) {
    await screenshotPanel(page, join(out, 'screenshots', `${ fileSafe(spec.id) }.png`));
  }
  return result;
}

// The header texts (template name, element type) that the panel cuts off with an ellipsis at
// Desktop Modeler's default panel width of 280 px.
const DESKTOP_PANEL_WIDTH = '280px';

async function headerCutOff(page) {
  return page.evaluate(async (width) => {
    const panel = document.querySelector('#panel');
    const before = panel.style.width;
    panel.style.width = width;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const cut = [ ...panel.querySelectorAll('.bio-properties-panel-header-type, .bio-properties-panel-header-label') ]
      .filter(n => n.scrollWidth > n.clientWidth)
      .map(n => n.textContent.trim());
    panel.style.width = before;
    return cut;
  }, DESKTOP_PANEL_WIDTH);
}

// ---------------------------------------------------------------- one example

async function runExample(page, file, out) {
  const result = { file: basename(file), panelErrors: [], lintErrors: [], lintWarnings: [], harnessErrors: [] };
  const xml = await readFile(file, 'utf8');
  const imported = await page.evaluate(x => window.mc.importDiagram(x), xml);
  if (imported.warnings.length) {
    result.importWarnings = imported.warnings;
  }
  const reports = await page.evaluate(x => window.mc.lint(x), xml);
  Object.assign(result, splitLint(reports));

  const ids = await page.evaluate(() => window.mc.templatedElementIds());
  result.templatedElements = ids;
  for (const id of ids) {
    try {
      await selectElement(page, id);
      await openAllGroups(page);
      await waitPanelFor(page, id);
      const entries = await page.evaluate(i => window.mc.templateEntries(i), id);
      const errors = await collectPanelErrors(page, entries);
      errors.forEach(e => result.panelErrors.push({ element: id, ...e }));
      if (errors.length) {
        await screenshotPanel(page, join(out, 'screenshots', `example-${ fileSafe(basename(file, '.bpmn')) }-${ fileSafe(id) }.png`));
      }
    } catch (e) {
      result.harnessErrors.push(`${ id }: ${ e.message }`);
    }
  }
  return result;
}

// ---------------------------------------------------------------- main

function summary(report) {
  const lines = [];
  const count = (n, what) => `${ n } ${ what }`;
  lines.push(`modeler-check: ${ report.cases.length } cases, ${ report.examples.length } examples ` +
    `(${ Object.entries(report.libraries).map(([ k, v ]) => `${ k } ${ v }`).join(', ') })`);
  if (report.templateErrors.length) {
    lines.push(`  TEMPLATE ERRORS: ${ report.templateErrors.join(' | ') }`);
  }
  for (const c of report.cases) {
    const chosen = Object.entries(c.selected || {}).map(([ k, v ]) => ` ${ k }=${ v }`).join(',');
    lines.push(`  case ${ c.case } [${ c.templateFile } -> ${ c.elementType || '?' }${ chosen }]: ` +
      [ count(c.panelErrors.length, 'panel errors'), count(c.lintErrors.length, 'lint errors'),
        count(c.lintWarnings.length, 'lint warnings'), count(c.harnessErrors.length, 'harness errors') ].join(', '));
    c.panelErrors.forEach(e => lines.push(`      panel: ${ e.entry }: ${ e.message }`));
    c.lintErrors.forEach(e => lines.push(`      lint ${ e.rule }: ${ e.message }`));
    c.harnessErrors.forEach(e => lines.push(`      HARNESS: ${ e }`));
  }
  for (const x of report.examples) {
    lines.push(`  example ${ x.file }: ` +
      [ count(x.panelErrors.length, 'panel errors'), count(x.lintErrors.length, 'lint errors'),
        count(x.lintWarnings.length, 'lint warnings'), count(x.harnessErrors.length, 'harness errors') ].join(', '));
    x.panelErrors.forEach(e => lines.push(`      panel ${ e.element }: ${ e.entry }: ${ e.message }`));
    x.lintErrors.forEach(e => lines.push(`      lint ${ e.id } ${ e.rule }: ${ e.message }`));
    x.harnessErrors.forEach(e => lines.push(`      HARNESS: ${ e }`));
  }
  return lines.join('\n');
}

async function main() {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const out = resolve(args.out);
  const dist = join(here, 'dist', 'index.html');
  if (!existsSync(dist)) {
    throw new Error(`${ dist } missing: run node build.mjs first`);
  }

  const fill = JSON.parse(await readFile(resolve(args.values), 'utf8'));
  fill.values = fill.values || {};
  fill.alsoFill = fill.alsoFill || {};
  fill.variants = fill.variants || [];

  const sources = await readTemplates(resolve(args.templates));
  if (!sources.length) {
    throw new Error(`no element templates in ${ args.templates }`);
  }
  const examples = (await readdir(resolve(args.examples))).filter(f => f.endsWith('.bpmn')).sort()
    .map(f => join(resolve(args.examples), f));

  const caseSpec = (source, type, variant) => {
    const id = caseId(source.file, source.index, source.count, type) + (variant ? `-${ variant.id }` : '');
    return { id, type, source, variant, processId: `Process_mc_${ id.replace(/-/g, '_') }`, version: platformVersion(source.template) };
  };
  const specs = [];
  for (const source of sources) {
    for (const type of source.template.appliesTo) {
      specs.push(caseSpec(source, type, null));
    }
  }
  // variant cases: a template (named by its file or id) with some dropdowns chosen
  for (const variant of fill.variants) {
    const matching = sources.filter(s => s.file === variant.template || s.template.id === variant.template);
    if (!matching.length) {
      throw new Error(`variant ${ variant.id }: no template ${ variant.template }`);
    }
    for (const source of matching) {
      for (const type of source.template.appliesTo) {
        specs.push(caseSpec(source, type, { select: {}, values: {}, ...variant }));
      }
    }
  }
  const only = args.only;
  const selected = only ? specs.filter(s => s.id.includes(only) || s.source.file.includes(only)) : specs;

  await rm(join(out, 'cases'), { recursive: true, force: true });
  await rm(join(out, 'screenshots'), { recursive: true, force: true });
  await mkdir(join(out, 'cases'), { recursive: true });
  await mkdir(join(out, 'screenshots'), { recursive: true });

  const browser = await chromium.launch({ executablePath: args.chromium, headless: true, args: CHROMIUM_ARGS });
  let fatal = false;
  const report = { libraries: {}, templateErrors: [], cases: [], examples: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageErrors = [];
    page.on('pageerror', e => pageErrors.push(String(e && e.message || e)));
    await page.goto(pathToFileURL(dist).href);
    await page.waitForFunction(() => window.mcReady === true, null, { timeout: WAIT_MS });

    const init = await page.evaluate(a => window.mc.init(a), {
      templates: sources.map(s => s.template),
      desktopModelerVersion: DESKTOP_MODELER_VERSION
    });
    const versions = await page.evaluate(() => window.mc.versions());
    report.libraries = {
      'bpmn-js': versions['bpmn-js'],
      'bpmn-js-element-templates': versions['bpmn-js-element-templates'],
      'bpmn-js-properties-panel': versions['bpmn-js-properties-panel'],
      '@bpmn-io/properties-panel': versions['@bpmn-io/properties-panel'],
      '@camunda/linting': versions['@camunda/linting'],
      'bpmnlint-plugin-camunda-compat': versions['bpmnlint-plugin-camunda-compat'],
      'camunda-bpmn-js-behaviors': versions['camunda-bpmn-js-behaviors'],
      'zeebe-bpmn-moddle': versions['zeebe-bpmn-moddle'],
      'chromium': browser.version()
    };
    report.templateErrors = init.templateErrors;

    for (const spec of selected) {
      try {
        const t0 = Date.now();
        const result = await runCase(page, spec, fill, out);
        result.durationMs = Date.now() - t0;
        report.cases.push(result);
      } catch (e) {
        fatal = true;
        report.cases.push({
          case: spec.id, templateFile: spec.source.file, templateId: spec.source.template.id,
          templateVersion: spec.source.template.version ?? null, appliesTo: spec.type,
          variant: spec.variant ? spec.variant.id : null, selected: {},
          elementType: null, eventDefinition: null, processId: spec.processId, elementId: null,
          bpmnFile: null, typed: {}, panelErrors: [], lintErrors: [], lintWarnings: [],
          harnessErrors: [ `could not run the case: ${ e.message }` ]
        });
        await page.screenshot({ path: join(out, 'screenshots', `${ fileSafe(spec.id) }-failed.png`) }).catch(() => {});
      }
    }

    if (!only) {
      for (const file of examples) {
        try {
          const t0 = Date.now();
          const result = await runExample(page, file, out);
          result.durationMs = Date.now() - t0;
          report.examples.push(result);
        } catch (e) {
          report.examples.push({ file: basename(file), panelErrors: [], lintErrors: [], lintWarnings: [],
            harnessErrors: [ `could not check the example: ${ e.message }` ] });
        }
      }
    }
    if (pageErrors.length) {
      report.pageErrors = pageErrors;
    }
  } finally {
    await browser.close();
  }

  report.durationMs = Date.now() - started;
  await writeFile(join(out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(summary(report));
  console.log(`report: ${ join(out, 'report.json') } (${ (report.durationMs / 1000).toFixed(1) } s)`);
  if (fatal) {
    console.error('modeler-check: at least one template could not be applied (see harnessErrors)');
    process.exitCode = 1;
  }
}

main().catch(e => {
  console.error(`modeler-check failed: ${ e && e.stack || e }`);
  process.exitCode = 1;
});
