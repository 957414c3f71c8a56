// A minimal EHR for trying Flipside on one machine (DEVELOPMENT ONLY: loopback, the bundled dev key, no real users).
// It shows the demo patients, opens a chart the way an EHR fires patient-view (a JWT signed with dev/keys, no
// prefetch, a fhirServer and fhirAuthorization so Flipside reads the record itself), shows the cards, and follows a
// card's SMART link: it is the SMART authorization server (EHR and standalone launch, PKCE S256 only) and the FHIR
// endpoint (a token-checking proxy in front of dev/fhir-server).
//
//   FHIR_UPSTREAM=http://127.0.0.1:8091/fhir FLIPSIDE=http://localhost:9080 EHR_PORT=9070 node dev/demo/ehr.mjs
import { createServer } from 'node:http';
import { createPrivateKey, createHash, randomBytes, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const HERE = dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.EHR_PORT || 9070);
const UPSTREAM = (process.env.FHIR_UPSTREAM || 'http://127.0.0.1:8091/fhir').replace(/\/$/, '');
const FLIPSIDE = (process.env.FLIPSIDE || 'http://localhost:9080').replace(/\/$/, '');
const TOKEN_SECONDS = Number(process.env.TOKEN_SECONDS || 3600);
const BASE = `http://127.0.0.1:${PORT}`;
const ISS = BASE + '/fhir';
const SERVICE = FLIPSIDE + '/cds-services/patient-data-summary';
const JWT_ISSUER = 'https://ehr.dev.flipside.local';
const KEY_ID = 'flipside-dev-es384';
const KEY = createPrivateKey(readFileSync(join(HERE, '..', 'keys', 'ehr-dev-es384.pem')));
const CLIENT_ID = 'flipside-trend';
const REDIRECT_PREFIX = FLIPSIDE + '/trend/';

const launches = new Map(); // launch id → patient
const codes = new Map(); // code → { patient, challenge, redirectUri, expires }
const tokens = new Map(); // access token → { patient, expires }

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** A CDS Hooks JWT: ES384, kid, aud = the service URL, 5 minutes, a fresh jti (what Flipside's dev trust expects). */
function hookJwt() {
  const now = Math.floor(Date.now() / 1000);
  const input = b64url(JSON.stringify({ alg: 'ES384', typ: 'JWT', kid: KEY_ID })) + '.'
    + b64url(JSON.stringify({ iss: JWT_ISSUER, aud: SERVICE, iat: now, exp: now + 300, jti: randomUUID() }));
  return input + '.' + b64url(sign('sha384', Buffer.from(input), { key: KEY, dsaEncoding: 'ieee-p1363' }));
}

function issueToken(patient) {
  const token = b64url(randomBytes(32));
  tokens.set(token, { patient, expires: Date.now() + TOKEN_SECONDS * 1000 });
  return token;
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

const json = (res, status, body, headers) => send(res, status, 'application/json', JSON.stringify(body), headers);
const cors = { 'Access-Control-Allow-Origin': new URL(FLIPSIDE).origin, 'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS' };

function page(res, title, body) {
  send(res, 200, 'text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#eef1f4}header{background:#23395d;color:#fff;padding:.6rem 1rem}
main{max-width:900px;margin:1rem auto;padding:0 1rem}.card{background:#fff;border-left:6px solid #8c959f;border-radius:4px;padding:.6rem .9rem;margin:.6rem 0}
.card.warning{border-color:#e08a00}.card.critical{border-color:#b42318}.card.info{border-color:#0b5cad}.detail{white-space:pre-wrap;font-size:.9rem;color:#424a53}
.links a{display:inline-block;margin:.3rem .5rem 0 0;padding:.25rem .7rem;border:1px solid #0b5cad;border-radius:4px;text-decoration:none}
.src{font-size:.8rem;color:#57606a}select,button{font:inherit;padding:.25rem .5rem}</style></head>
<body><header><strong>Demo EHR</strong> · development only, fictional patients</header><main>${body}</main></body></html>`,
  { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' " + new URL(FLIPSIDE).origin + "; base-uri 'none'" });
}

async function patients() {
  const answer = await fetch(UPSTREAM + '/Patient?_count=200&_sort=family', { headers: { Accept: 'application/fhir+json' } });
  const bundle = await answer.json();
  return (bundle.entry || []).map((e) => e.resource).map((p) => ({ id: p.id,
    name: p.name && p.name[0] ? [].concat(p.name[0].given || []).join(' ') + ' ' + (p.name[0].family || '') : p.id }));
}

async function home(res) {
  const list = await patients();
  page(res, 'Demo EHR', `<h1>Patients</h1><form method="get" action="/chart"><label>Patient
<select name="patient" id="patient">${list.map((p) => `<option value="${escape(p.id)}">${escape(p.name.trim())} (${escape(p.id)})</option>`).join('')}</select></label>
<button type="submit">Open chart</button></form><p class="src">Opening a chart fires <code>patient-view</code> at ${escape(SERVICE)}.
Standalone trend view: <a href="${escape(FLIPSIDE)}/trend/launch.html?iss=${encodeURIComponent(ISS)}">launch</a>.</p>`);
}

async function chart(res, patient) {
  const token = issueToken(patient);
  const request = { hookInstance: randomUUID(), hook: 'patient-view', fhirServer: ISS,
    fhirAuthorization: { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS, scope: 'patient/*.read', subject: 'flipside', patient },
    context: { userId: 'Practitioner/demo-physician', patientId: patient } };
  const started = Date.now();
  let cards = [];
  let problem = null;
  try {
    const answer = await fetch(SERVICE, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + hookJwt() }, body: JSON.stringify(request) });
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) cards = body.cards || []; else problem = `Flipside answered HTTP ${answer.status}: ${body.message || ''}`;
  } catch (e) {
    problem = 'Flipside could not be reached at ' + FLIPSIDE;
  }
  const took = Date.now() - started;
  const rendered = cards.map((c) => `<div class="card ${escape(c.indicator)}" data-indicator="${escape(c.indicator)}"><strong>${escape(c.summary)}</strong>
<div class="detail">${escape(c.detail || '')}</div><div class="src">${escape(c.source && c.source.label || '')}</div>
<div class="links">${(c.links || []).map((l) => l.type === 'smart'
    ? `<a class="smart" href="/launch?patient=${encodeURIComponent(patient)}&url=${encodeURIComponent(l.url)}">${escape(l.label)}</a>`
    : `<a href="${escape(l.url)}" rel="noopener">${escape(l.label)}</a>`).join('')}</div></div>`).join('');
  page(res, 'Chart ' + patient, `<p><a href="/">← Patients</a></p><h1>Chart: ${escape(patient)}</h1>
<p class="src">patient-view answered in ${took} ms with ${cards.length} card(s).</p>
${problem ? `<div class="card critical">${escape(problem)}</div>` : ''}${cards.length ? rendered : (problem ? '' : '<p id="no-cards">No cards: nothing to say about this patient.</p>')}`);
}

function launch(res, params) {
  const url = params.get('url') || '';
  if (!url.startsWith(REDIRECT_PREFIX)) {
    return send(res, 400, 'text/plain', 'Only Flipside\'s SMART app is registered with this EHR.');
  }
  const id = b64url(randomBytes(16));
  launches.set(id, params.get('patient'));
  const target = new URL(url);
  target.searchParams.set('launch', id);
  target.searchParams.set('iss', ISS);
  send(res, 302, 'text/plain', '', { Location: target.href });
}

function authorize(res, params) {
  const redirect = params.get('redirect_uri') || '';
  if (params.get('client_id') !== CLIENT_ID || !redirect.startsWith(REDIRECT_PREFIX)) {
    return send(res, 400, 'text/plain', 'Unknown client or redirect URI.');
  }
  const back = (query) => {
    const url = new URL(redirect);
    Object.entries({ ...query, state: params.get('state') || '' }).forEach(([k, v]) => url.searchParams.set(k, v));
    send(res, 302, 'text/plain', '', { Location: url.href });
  };
  if (params.get('response_type') !== 'code' || params.get('aud') !== ISS) {
    return back({ error: 'invalid_request', error_description: 'The request names another FHIR server (aud) or response type.' });
  }
  if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) {
    return back({ error: 'invalid_request', error_description: 'PKCE with S256 is required.' });
  }
  let patient = params.get('launch') ? launches.get(params.get('launch')) : params.get('patient');
  if (params.get('launch') && !patient) {
    return back({ error: 'invalid_request', error_description: 'Unknown or expired launch: open the view again from the chart.' });
  }
  if (!patient) {
    // Standalone launch: this EHR asks which patient (a real one would sign the user in first).
    return patients().then((list) => page(res, 'Choose a patient', `<h1>Choose a patient for the Flipside trend view</h1>
<form method="get" action="/auth/authorize">${[...params.entries()].map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('')}
<select name="patient">${list.map((p) => `<option value="${escape(p.id)}">${escape(p.name.trim())}</option>`).join('')}</select>
<button type="submit">Allow</button></form>`));
  }
  const code = b64url(randomBytes(24));
  codes.set(code, { patient, challenge: params.get('code_challenge'), redirectUri: redirect, expires: Date.now() + 60000 });
  back({ code });
}

async function token(req, res) {
  const form = new URLSearchParams(await body(req));
  const grant = codes.get(form.get('code') || '');
  codes.delete(form.get('code') || '');
  const fail = (description) => json(res, 400, { error: 'invalid_grant', error_description: description }, cors);
  if (!grant || grant.expires < Date.now()) return fail('The code is unknown, used or expired.');
  if (form.get('redirect_uri') !== grant.redirectUri || form.get('client_id') !== CLIENT_ID) return fail('Wrong redirect URI or client.');
  if (b64url(createHash('sha256').update(form.get('code_verifier') || '').digest()) !== grant.challenge) return fail('PKCE verification failed.');
  json(res, 200, { access_token: issueToken(grant.patient), token_type: 'Bearer', expires_in: TOKEN_SECONDS,
    scope: 'launch patient/*.read', patient: grant.patient }, cors);
}

const body = (req) => new Promise((resolve) => { let s = ''; req.on('data', (c) => (s += c)); req.on('end', () => resolve(s)); });

/** The FHIR endpoint: a valid, unexpired token, read-only, and a search or read inside the token's patient. */
async function fhir(req, res, url) {
  const path = url.pathname.slice('/fhir'.length);
  if (path === '/.well-known/smart-configuration') {
    return json(res, 200, { issuer: ISS, authorization_endpoint: BASE + '/auth/authorize', token_endpoint: BASE + '/auth/token',
      grant_types_supported: ['authorization_code'], code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'], scopes_supported: ['launch', 'launch/patient', 'openid', 'fhirUser', 'patient/*.read'],
      capabilities: ['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'context-standalone-patient', 'permission-patient'] }, cors);
  }
  const auth = req.headers.authorization || '';
  const grant = tokens.get(auth.replace(/^Bearer\s+/i, ''));
  const outcome = (status, text) => json(res, status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: status === 401 ? 'login' : 'forbidden', diagnostics: text }] }, cors);
  if (!grant || grant.expires < Date.now()) return outcome(401, 'Missing, unknown or expired access token.');
  if (req.method !== 'GET') return outcome(403, 'Read-only.');
  const patientParam = url.searchParams.get('patient') || url.searchParams.get('subject');
  const read = path.match(/^\/Patient\/([^/]+)$/);
  if ((patientParam && patientParam.replace(/^Patient\//, '') !== grant.patient) || (read && read[1] !== grant.patient)) {
    return outcome(403, 'Outside the token\'s patient.');
  }
  const upstream = await fetch(UPSTREAM + path + url.search, { headers: { Accept: 'application/fhir+json' } });
  const text = (await upstream.text()).split(UPSTREAM).join(ISS); // paging links point here, not past the proxy
  send(res, upstream.status, 'application/fhir+json', text, cors);
}

/** Development hook for tests: every issued access token stops working (as if expired). */
function expireAll(res) {
  tokens.forEach((t) => (t.expires = 0));
  json(res, 200, { expired: tokens.size });
}

createServer(async (req, res) => {
  const url = new URL(req.url, BASE);
  try {
    if (req.method === 'OPTIONS') return send(res, 204, 'text/plain', '', cors);
    if (url.pathname === '/') return await home(res);
    if (url.pathname === '/chart') return await chart(res, url.searchParams.get('patient') || '');
    if (url.pathname === '/launch') return launch(res, url.searchParams);
    if (url.pathname === '/auth/authorize') return await authorize(res, url.searchParams);
    if (url.pathname === '/auth/token' && req.method === 'POST') return await token(req, res);
    if (url.pathname === '/dev/expire-tokens' && req.method === 'POST') return expireAll(res);
    if (url.pathname.startsWith('/fhir/')) return await fhir(req, res, url);
    send(res, 404, 'text/plain', 'Not found');
  } catch (e) {
    send(res, 502, 'text/plain', 'The demo EHR could not answer: ' + e.message);
  }
}).listen(PORT, '127.0.0.1', () => console.log(`Demo EHR on ${BASE}/ (FHIR ${ISS} → ${UPSTREAM}, Flipside ${FLIPSIDE})`));
