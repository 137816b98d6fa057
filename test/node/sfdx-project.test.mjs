// Converts the Salesforce DX project (sfdx-project.json, force-app/) to Metadata API format the way a
// deploy would, fully offline, with @salesforce/source-deploy-retrieve, and checks the result:
// exactly the expected components, well-formed XML everywhere, and the call center, page, message
// channel and Apex names that adapters/salesforce depends on.
//
// Offline on purpose: the API version is set from sfdx-project.json, otherwise SDR asks
// appexchange.salesforce.com for the current one. Every outgoing connection made while this file
// runs is refused and recorded, and a test asserts there were none.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8'));
const apiVersion = project.sourceApiVersion;
const packageDir = join(
  root,
  (project.packageDirectories.find((d) => d.default) ?? project.packageDirectories[0]).path,
);
const metadataDir = join(packageDir, 'main', 'default');
const staticResourceDir = join(metadataDir, 'staticresources', 'SoftphoneBridge');

/** Where `npm run build` puts the bundles for the static resource (not committed). */
const BUILT_FILES = ['softphone-bridge.salesforce.iife.js', 'softphone-bridge.salesforce-host.iife.js'];

const EXPECTED_MEMBERS = {
  ApexClass: [
    'SoftphoneBridgeCallLog',
    'SoftphoneBridgeCallLogTest',
    'SoftphoneBridgeCallPurge',
    'SoftphoneBridgeCallPurgeTest',
    'SoftphoneBridgePresence',
    'SoftphoneBridgePresenceTest',
    'SoftphoneBridgeRelayToken',
    'SoftphoneBridgeRelayTokenTest',
  ],
  ApexPage: ['SoftphoneBridge'],
  AuraDefinitionBundle: ['SoftphoneBridgePresence'],
  CallCenter: ['SoftphoneBridge'],
  CustomField: [
    'SoftphoneBridge_Call__c.Call_Key__c',
    'SoftphoneBridge_Call__c.Task_Id__c',
    'SoftphoneBridge_Relay__c.Agent_Id__c',
    'SoftphoneBridge_Relay__c.Secret__c',
    'SoftphoneBridge_Relay__c.Token_Hours__c',
  ],
  CustomObject: ['SoftphoneBridge_Call__c', 'SoftphoneBridge_Relay__c'],
  LightningComponentBundle: ['softphoneBridgeCallButton'],
  LightningMessageChannel: ['SoftphoneBridge'],
  PermissionSet: ['SoftphoneBridge_Agent'],
  StaticResource: ['SoftphoneBridge'],
};

/** The `SoftphoneBridge` call center section the adapter reads as /SoftphoneBridge/<Item>. */
const SECTION_ITEMS = [
  'Dispositions',
  'PartnerId',
  'BusinessSegmentId',
  'ChannelOriginId',
  'DialFrom',
  'ParticipantType',
  'DefaultCountry',
  'ScreenPopOn',
  'PresenceMap',
  'LogRejectedCalls',
  'ApexUpsert',
  'SoftphoneUrl',
];

// --- no network: refuse and record every outgoing TCP connection (http, https, undici, got) ---
const connections = [];
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function refuseConnect(...args) {
  const target = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  connections.push(`${target.host ?? target.path ?? 'localhost'}:${target.port ?? ''}`);
  throw new Error(`sfdx-project.test.mjs must stay offline; refused a connection to ${connections.at(-1)}`);
};
// @salesforce/core writes a log file under ~/.sf unless told not to.
process.env.SF_DISABLE_LOG_FILE = 'true';
process.env.SF_DISABLE_TELEMETRY = 'true';

// SDR is CommonJS; its XML parser and zip reader are loaded from its own dependency tree so the test
// never depends on how npm hoisted them.
const sdrRequire = createRequire(createRequire(import.meta.url).resolve('@salesforce/source-deploy-retrieve'));
const { XMLParser, XMLValidator } = sdrRequire('fast-xml-parser');
const JSZip = sdrRequire('jszip');
const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) =>
    [
      'sections',
      'items',
      'types',
      'members',
      'lightningMessageFields',
      'classAccesses',
      'pageAccesses',
      'fieldPermissions',
      'objectPermissions',
      'targets',
      'target',
      'property',
    ].includes(name),
});

let outputDir;
let conversion; // { components, packageXml, error }

before(async () => {
  outputDir = mkdtempSync(join(tmpdir(), 'sfdx-convert-'));
  const started = performance.now();
  try {
    const { ComponentSet, MetadataConverter } = await import('@salesforce/source-deploy-retrieve');
    const set = ComponentSet.fromSource(packageDir);
    set.sourceApiVersion = apiVersion;
    set.apiVersion = apiVersion;
    await new MetadataConverter().convert(set, 'metadata', {
      type: 'directory',
      outputDirectory: outputDir,
      genUniqueDir: false,
    });
    const components = {};
    for (const c of set.getSourceComponents()) {
      for (const each of [c, ...c.getChildren()]) (components[each.type.name] ??= []).push(each.fullName);
    }
    conversion = { components, packageXml: await set.getPackageXml(), ms: performance.now() - started };
  } catch (error) {
    conversion = { error };
  }
});

after(() => {
  net.Socket.prototype.connect = originalConnect;
  if (outputDir !== undefined) rmSync(outputDir, { recursive: true, force: true });
});

const converted = () => {
  if (conversion.error) throw conversion.error;
  return conversion;
};

/** Every file under `dir`, as paths relative to the repository root. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)));
}

const read = (rel) => readFileSync(join(root, rel), 'utf8');
const metaFile = (rel) => read(join(relative(root, metadataDir), rel));
const items = (section) => Object.fromEntries((section.items ?? []).map((i) => [i.name, i.value ?? '']));

test('the project converts to Metadata API format offline, at the sourceApiVersion', { timeout: 30_000 }, () => {
  const { packageXml } = converted();
  assert.match(packageXml, new RegExp(`<version>${apiVersion.replace('.', '\\.')}</version>`));
  assert.ok(existsSync(join(outputDir, 'package.xml')), 'the converter wrote package.xml');
  assert.deepEqual(connections, [], 'no connection may be attempted');
});

test('the deploy contains exactly the expected components', () => {
  const { components, packageXml } = converted();
  const sorted = (o) =>
    Object.fromEntries(
      Object.entries(o)
        .map(([k, v]) => [k, [...v].sort()])
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  assert.deepEqual(sorted(components), sorted(EXPECTED_MEMBERS));

  const manifest = xml.parse(packageXml).Package;
  const listed = Object.fromEntries(manifest.types.map((t) => [t.name, t.members]));
  assert.deepEqual(sorted(listed), sorted(EXPECTED_MEMBERS), 'package.xml lists the same members');
});

test('every metadata, page and component file is well-formed XML', () => {
  const sources = filesUnder(packageDir).filter((f) => /(-meta\.xml|\.page|\.cmp)$/.test(f));
  assert.ok(sources.length >= 18, `expected the project's metadata files, found ${sources.length}`);
  for (const file of sources) {
    const verdict = XMLValidator.validate(read(file));
    assert.equal(verdict, true, `${file}: ${JSON.stringify(verdict.err ?? verdict)}`);
  }
  // ...and what the converter produced from them (objects are recomposed with their fields).
  for (const file of filesUnder(outputDir).filter((f) =>
    /\.(xml|callCenter|object|messageChannel|permissionset|page-meta\.xml)$/.test(f),
  )) {
    const verdict = XMLValidator.validate(readFileSync(join(root, file), 'utf8'));
    assert.equal(verdict, true, `${file}: ${JSON.stringify(verdict.err ?? verdict)}`);
  }
});

test('every component declares the project API version', () => {
  for (const file of filesUnder(metadataDir).filter((f) => f.endsWith('-meta.xml'))) {
    const versions = [...read(file).matchAll(/<apiVersion>([^<]*)<\/apiVersion>/g)].map((m) => m[1]);
    for (const v of versions) assert.equal(v, apiVersion, `${file} declares apiVersion ${v}`);
  }
});

test('the call center uses Open CTI in Lightning with the host page as adapter', () => {
  const center = xml.parse(metaFile('callCenters/SoftphoneBridge.callCenter-meta.xml')).CallCenter;
  assert.equal(center.adapterUrl, '/apex/SoftphoneBridge');
  assert.equal(center.displayName, 'Softphone Bridge');
  const general = center.sections.find((s) => s.name === 'reqGeneralInfo');
  assert.ok(general, 'the reqGeneralInfo section is present');
  const req = items(general);
  assert.equal(req.reqAdapterUrl, '/apex/SoftphoneBridge');
  assert.equal(req.reqUseApi, 'true');
  assert.equal(req.reqSalesforceCompatibilityMode, 'Lightning');
  assert.equal(req.reqSoftphoneHeight, '480');
  assert.equal(req.reqSoftphoneWidth, '360');

  const custom = JSON.parse(center.customSettings);
  for (const key of ['reqUseApi', 'reqSoftphoneHeight', 'reqSoftphoneWidth', 'reqSalesforceCompatibilityMode']) {
    assert.equal(custom[key], req[key], `customSettings.${key} agrees with the section item`);
  }
});

test('the call center has the SoftphoneBridge section with every item the adapter reads', () => {
  const center = xml.parse(metaFile('callCenters/SoftphoneBridge.callCenter-meta.xml')).CallCenter;
  const section = center.sections.find((s) => s.name === 'SoftphoneBridge');
  assert.ok(section, 'the SoftphoneBridge section is present');
  assert.equal(section.label, 'Softphone Bridge');
  const names = section.items.map((i) => i.name);
  assert.equal(new Set(names).size, names.length, 'item names are unique');
  for (const name of SECTION_ITEMS) assert.ok(names.includes(name), `item ${name} is present`);
  for (const name of names)
    assert.ok(!/^req/i.test(name), `${name}: names starting with "req" are reserved by Salesforce`);

  const v = items(section);
  // Shipped empty: a deployment that skips them stops at load naming them (test/adapters/salesforce/settings.test.ts).
  for (const key of ['PartnerId', 'BusinessSegmentId', 'ChannelOriginId'])
    assert.equal(v[key] ?? '', '', `${key} ships empty, for the admin to fill in`);
  assert.deepEqual(v.Dispositions.split(','), ['resolved', 'callback-requested', 'voicemail', 'wrong-number']);
  assert.ok(v.DialFrom === '' || /^\+[1-9]\d{6,14}$/.test(v.DialFrom), 'DialFrom is empty or E.164');
  assert.equal(v.ParticipantType, 'Agent');
  assert.equal(v.DefaultCountry, 'US');
  assert.equal(v.ScreenPopOn, 'ring');
  assert.match(
    v.PresenceMap,
    /^[^=;]+=[A-Za-z]\w*(;[^=;]+=[A-Za-z]\w*)*$/,
    'PresenceMap is softphoneStatusId=OmniStatusDeveloperName;...',
  );
  assert.equal(v.LogRejectedCalls, 'passive');
  assert.equal(v.ApexUpsert, 'true');
  assert.equal(new URL(v.SoftphoneUrl).protocol, 'https:');
});

test('the host page loads Open CTI, then the bridge bundle, the remote host and the host script from the static resource, with no inline script', () => {
  const page = metaFile('pages/SoftphoneBridge.page');
  const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const sources = scripts.map((m) => /\bsrc="([^"]+)"/.exec(m[1])?.[1]);
  assert.deepEqual(sources, [
    `/support/api/${apiVersion}/lightning/opencti_min.js`,
    "{!URLFOR($Resource.SoftphoneBridge, 'softphone-bridge.salesforce.iife.js')}",
    "{!URLFOR($Resource.SoftphoneBridge, 'softphone-bridge.salesforce-host.iife.js')}",
    "{!URLFOR($Resource.SoftphoneBridge, 'softphone-host.js')}",
  ]);
  for (const [, , body] of scripts) assert.equal(body.trim(), '', 'no inline script (CSP)');
  assert.doesNotMatch(page, /\son[a-z]+\s*=/i, 'no inline event handlers (CSP)');
  assert.doesNotMatch(page, /<style\b|\sstyle\s*=/i, 'no inline style (CSP)');

  for (const [, file] of page.matchAll(/\$Resource\.SoftphoneBridge, '([^']+)'/g)) {
    if (BUILT_FILES.includes(file)) continue; // written by `npm run build`
    assert.ok(
      existsSync(join(staticResourceDir, file)),
      `the page uses ${file}, which the static resource folder must hold`,
    );
  }
  const meta = xml.parse(metaFile('pages/SoftphoneBridge.page-meta.xml')).ApexPage;
  assert.equal(meta.label, 'Softphone Bridge');
});

test('the static resource is a folder the build can fill, deployed as one zip', async () => {
  const meta = xml.parse(metaFile('staticresources/SoftphoneBridge.resource-meta.xml')).StaticResource;
  assert.equal(meta.contentType, 'application/zip');
  const committed = readdirSync(staticResourceDir).filter((f) => !BUILT_FILES.includes(f));
  assert.ok(
    committed.includes('softphone-host.js'),
    'the host script is committed, so the folder converts before any build',
  );

  const zipped = join(outputDir, 'staticresources', 'SoftphoneBridge.resource');
  assert.ok(existsSync(zipped), 'the converter zipped the folder');
  const zip = await JSZip.loadAsync(readFileSync(zipped));
  const entries = Object.keys(zip.files);
  for (const f of committed) assert.ok(entries.includes(f), `${f} is in the zip`);
  for (const built of BUILT_FILES) {
    if (existsSync(join(staticResourceDir, built)))
      assert.ok(entries.includes(built), `the built ${built} is in the zip`);
  }
});

test('component tests (__tests__, Jest) stay out of the deploy', () => {
  const sources = filesUnder(packageDir).filter((f) => f.split(/[\\/]/).includes('__tests__'));
  assert.ok(sources.length > 0, 'the call button has Jest tests under __tests__');
  const shipped = filesUnder(outputDir).filter((f) => f.split(/[\\/]/).includes('__tests__'));
  assert.deepEqual(shipped, [], '.forceignore must exclude **/__tests__/**');
});

test('the message channel is exposed and describes every message field', () => {
  const channel = xml.parse(
    metaFile('messageChannels/SoftphoneBridge.messageChannel-meta.xml'),
  ).LightningMessageChannel;
  assert.equal(channel.isExposed, 'true');
  const fields = channel.lightningMessageFields.map((f) => f.fieldName).sort();
  assert.deepEqual(fields, ['dialTo', 'objectType', 'recordId', 'recordName', 'source', 'statusDeveloperName', 'type']);
});

test('the call button and the presence companion use the SoftphoneBridge__c channel', () => {
  const button = metaFile('lwc/softphoneBridgeCallButton/softphoneBridgeCallButton.js');
  assert.match(button, /from '@salesforce\/messageChannel\/SoftphoneBridge__c'/);
  assert.match(button, /type: 'dial', dialTo:/);
  const buttonMeta = xml.parse(
    metaFile('lwc/softphoneBridgeCallButton/softphoneBridgeCallButton.js-meta.xml'),
  ).LightningComponentBundle;
  assert.equal(buttonMeta.isExposed, 'true');
  assert.deepEqual(buttonMeta.targets[0].target, ['lightning__RecordPage']);
  const property = buttonMeta.targetConfigs.targetConfig.property[0];
  assert.equal(property['@_name'], 'phoneField');
  assert.equal(property['@_default'], 'Phone');

  const companion = metaFile('aura/SoftphoneBridgePresence/SoftphoneBridgePresence.cmp');
  assert.match(companion, /<lightning:messageChannel type="SoftphoneBridge__c"/);
  assert.match(companion, /<lightning:omniToolkitAPI /);
  assert.match(companion, /implements="lightning:backgroundUtilityItem"/);
  assert.match(companion, /controller="SoftphoneBridgePresence"/);
  const helper = metaFile('aura/SoftphoneBridgePresence/SoftphoneBridgePresenceHelper.js');
  assert.match(helper, /source: 'omni'/);
  const controller = metaFile('aura/SoftphoneBridgePresence/SoftphoneBridgePresenceController.js');
  assert.match(
    controller,
    /getParam\('source'\) !== 'softphone'/,
    "the companion only acts on the softphone's messages",
  );
});

test('the Apex the adapter calls has the agreed signature', () => {
  const callLog = metaFile('classes/SoftphoneBridgeCallLog.cls');
  assert.match(callLog, /global with sharing class SoftphoneBridgeCallLog\b/);
  assert.match(callLog, /webService static String upsertCallLog\(String callKey, String fieldsJson\)/);
  assert.doesNotMatch(callLog, /Database\.query\(/, 'bind variables only');
  const presence = metaFile('classes/SoftphoneBridgePresence.cls');
  assert.match(presence, /@AuraEnabled\(cacheable=true\)\s+public static Id statusIdFor\(String developerName\)/);
  assert.match(presence, /DeveloperName = :developerName/, 'the status name is a bind variable');
});

test('the agent permission set grants the page, the runtime Apex and the call anchors', () => {
  const set = xml.parse(metaFile('permissionsets/SoftphoneBridge_Agent.permissionset-meta.xml')).PermissionSet;
  assert.deepEqual(
    set.classAccesses
      .filter((c) => c.enabled === 'true')
      .map((c) => c.apexClass)
      .sort(),
    ['SoftphoneBridgeCallLog', 'SoftphoneBridgePresence', 'SoftphoneBridgeRelayToken'],
  );
  assert.deepEqual(
    set.pageAccesses.map((p) => p.apexPage),
    ['SoftphoneBridge'],
  );
  const object = set.objectPermissions.find((o) => o.object === 'SoftphoneBridge_Call__c');
  assert.ok(object && object.allowCreate === 'true' && object.allowRead === 'true' && object.allowEdit === 'true');
  const fields = set.fieldPermissions
    .filter((f) => f.readable === 'true' && f.editable === 'true')
    .map((f) => f.field)
    .sort();
  assert.deepEqual(
    fields,
    EXPECTED_MEMBERS.CustomField.filter((f) => f.startsWith('SoftphoneBridge_Call__c.')),
  );
  // Agents get their relay token from SoftphoneBridgeRelayToken, never the setting that holds the secret.
  assert.ok(
    !JSON.stringify(set).includes('SoftphoneBridge_Relay__c'),
    'the permission set grants nothing on the relay setting',
  );
  const relay = xml.parse(
    metaFile('objects/SoftphoneBridge_Relay__c/SoftphoneBridge_Relay__c.object-meta.xml'),
  ).CustomObject;
  assert.equal(relay.customSettingsType, 'Hierarchy');
  assert.equal(relay.visibility, 'Protected');

  const key = xml.parse(metaFile('objects/SoftphoneBridge_Call__c/fields/Call_Key__c.field-meta.xml')).CustomField;
  assert.equal(key.unique, 'true', 'the call key is unique: the idempotency guarantee rests on it');
  assert.equal(key.externalId, 'true');
});

test('the conversion is quick (it runs in every npm test)', () => {
  const { ms } = converted();
  assert.ok(ms < 20_000, `conversion took ${Math.round(ms)} ms`);
});
