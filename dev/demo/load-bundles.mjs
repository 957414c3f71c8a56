// Loads prepared FHIR transaction bundles (the Synthea patients and their patient-generated layer, written by
// health.flipside.examples.SyntheaDemoData) into a FHIR server, in file-name order: hospitals and practitioners first,
// then each patient's record before its layer.
//   node dev/demo/load-bundles.mjs http://127.0.0.1:8091/fhir target/demo-data/<key>/load
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const fhirBase = process.argv[2] || 'http://127.0.0.1:8091/fhir';
const dir = process.argv[3];
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
let failed = 0;
for (const file of files) {
  const answer = await fetch(fhirBase, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
    body: await readFile(join(dir, file)) });
  if (!answer.ok) {
    failed++;
    console.error(`${file} not loaded: HTTP ${answer.status} ${(await answer.text()).slice(0, 300)}`);
  }
}
console.log(`${files.length - failed} of ${files.length} bundles loaded into ${fhirBase}`);
process.exit(failed ? 1 : 0);
