// The bundled example patients (examples/*.json) as FHIR transactions for the demo's FHIR server: every resource of
// every prefetch value, PUT by id (loading twice is harmless), dates moved to today as examples/send.java does.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const ANCHOR = Date.parse('2026-11-20T12:00:00Z');
const DATE_TIME = /"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})"/g;
const DAY = 86400000;

/** Moves every date-time by whole days so the example's last day is today (the clinical windows are relative). */
export function shiftToNow(json, now = Date.now()) {
  const days = Math.trunc((now - ANCHOR) / DAY);
  return json.replace(DATE_TIME, (match, y, mo, d, h, mi, s, frac, zone) => {
    const wall = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + days * DAY); // wall clock, same offset
    const pad = (n) => String(n).padStart(2, '0');
    return `"${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:`
      + `${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${frac || ''}${zone}"`;
  });
}

/** The examples whose patient has a FHIR id (children and every other example included), by file name. */
export async function listExamples(dir) {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return names.map((f) => f.replace(/\.json$/, ''));
}

/** One example as { patientId, name, transaction }. */
export async function exampleTransaction(dir, example, now = Date.now()) {
  const request = JSON.parse(shiftToNow(await readFile(join(dir, example + '.json'), 'utf8'), now));
  const resources = new Map();
  for (const value of Object.values(request.prefetch || {})) {
    if (!value) continue;
    const list = value.resourceType === 'Bundle' ? (value.entry || []).map((e) => e.resource).filter(Boolean) : [value];
    list.filter((r) => r.id && r.resourceType !== 'OperationOutcome').forEach((r) => resources.set(`${r.resourceType}/${r.id}`, r));
  }
  addReferenced(resources, 'Patient/' + request.context.patientId);
  const patient = resources.get('Patient/' + request.context.patientId);
  const name = patient && patient.name && patient.name[0]
    ? [].concat(patient.name[0].given || []).join(' ') + ' ' + (patient.name[0].family || '') : request.context.patientId;
  return {
    patientId: request.context.patientId,
    name: name.trim(),
    transaction: {
      resourceType: 'Bundle', type: 'transaction',
      entry: [...resources.entries()].map(([url, resource]) => ({ fullUrl: url, resource, request: { method: 'PUT', url } })),
    },
  };
}

/**
 * A FHIR server checks every reference on write; an EHR's prefetch carries the patient's own resources, not the clinic,
 * nurse or visit they point to. Those get a minimal stand-in; a reading's device that the example deliberately leaves
 * out (the EHR "could not provide" it) is left out of the reading instead, so it stays an unverified source.
 */
function addReferenced(resources, patientRef) {
  const missing = new Set();
  const walk = (node, holder, key) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, node, i));
    else if (node && typeof node === 'object') Object.entries(node).forEach(([k, v]) => walk(v, node, k));
    else if (key === 'reference' && typeof node === 'string' && /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]+$/.test(node) && !resources.has(node)) missing.add(node);
  };
  resources.forEach((r) => walk(r));
  for (const ref of missing) {
    const [type, id] = ref.split('/');
    if (type === 'Device') {
      resources.forEach((r) => { if (r.device && r.device.reference === ref) delete r.device; });
    } else if (type === 'Encounter') {
      resources.set(ref, { resourceType: type, id, status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: { reference: patientRef } });
    } else {
      resources.set(ref, { resourceType: type, id });
    }
  }
}

/** Loads the examples into the FHIR server; answers [{ example, patientId, name }] of those loaded. */
export async function loadExamples(fhirBase, dir, examples, log = () => {}) {
  const loaded = [];
  for (const example of examples) {
    const { patientId, name, transaction } = await exampleTransaction(dir, example);
    const answer = await fetch(fhirBase, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' }, body: JSON.stringify(transaction) });
    if (answer.ok) {
      loaded.push({ example, patientId, name });
    } else {
      const text = await answer.text();
      log(`example ${example} not loaded: HTTP ${answer.status} ${text.slice(0, 300)}`);
    }
  }
  return loaded;
}
