// Loads every bundled example patient (examples/*.json) into a FHIR server, dates moved to today.
//   node dev/demo/load-examples.mjs http://127.0.0.1:8091/fhir
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listExamples, loadExamples } from './examples.mjs';

const fhirBase = process.argv[2] || 'http://127.0.0.1:8091/fhir';
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const names = await listExamples(dir);
const loaded = await loadExamples(fhirBase, dir, names, (m) => console.error(m));
console.log(`${loaded.length} of ${names.length} example patients loaded into ${fhirBase}`);
process.exit(loaded.length === names.length ? 0 : 1);
