// SMART App Launch 2.0 for the trend view, as a public client with PKCE (S256) and a random state.
// EHR launch: launch.html?iss=<FHIR base>&launch=<opaque>. Standalone launch: launch.html?iss=<FHIR base> (the
// authorization server asks for the patient). The FHIR server must be on Flipside's allow-list before anything is
// fetched from it; after the redirect, index.html swaps the code for a token (finishLaunch).

const CLIENT_ID = 'flipside-trend';
const SCOPES = 'openid fhirUser patient/Patient.read patient/Observation.read patient/Device.read '
  + 'patient/MedicationRequest.read patient/Condition.read patient/QuestionnaireResponse.read '
  + 'patient/Procedure.read patient/EpisodeOfCare.read patient/DiagnosticReport.read';
const STORE = 'flipside.trend.';

export class LaunchProblem extends Error {
  constructor(title, message) {
    super(message);
    this.title = title;
  }
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

async function challenge(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

function redirectUri() {
  return new URL('index.html', location.href).href.split('?')[0];
}

async function allowed(iss) {
  const answer = await fetch('api/servers?iss=' + encodeURIComponent(iss));
  if (!answer.ok) {
    throw new LaunchProblem('Flipside could not check the launch', 'Flipside answered HTTP ' + answer.status + '.');
  }
  return (await answer.json()).allowed === true;
}

async function smartConfiguration(iss) {
  let answer;
  try {
    answer = await fetch(iss.replace(/\/$/, '') + '/.well-known/smart-configuration', { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new LaunchProblem('The FHIR server could not be reached', 'Its SMART configuration could not be read. Try again in a moment.');
  }
  if (!answer.ok) {
    throw new LaunchProblem('The FHIR server does not support SMART', 'It publishes no SMART configuration (HTTP ' + answer.status + ').');
  }
  const config = await answer.json();
  if (!config.authorization_endpoint || !config.token_endpoint) {
    throw new LaunchProblem('The FHIR server does not support SMART', 'Its SMART configuration names no authorization or token endpoint.');
  }
  if (Array.isArray(config.code_challenge_methods_supported) && !config.code_challenge_methods_supported.includes('S256')) {
    throw new LaunchProblem('The FHIR server does not support PKCE', 'Its authorization server does not offer S256, which this view requires.');
  }
  return config;
}

/** Step 1 (launch.html): check iss, read the SMART configuration, go to the authorization server. */
export async function startLaunch(params) {
  const iss = params.get('iss');
  const launch = params.get('launch');
  if (!iss) {
    throw new LaunchProblem('Open this view from the patient\'s chart',
      'The launch did not say which FHIR server to read (no "iss"). Open the view again from the link on the patient\'s card.');
  }
  if (launch !== null && launch.trim() === '') {
    throw new LaunchProblem('The launch is incomplete', 'The EHR sent an empty "launch" context. Open the view again from the chart.');
  }
  if (!(await allowed(iss))) {
    throw new LaunchProblem('This FHIR server is not allowed',
      'Flipside is not configured to read from the FHIR server this launch names. Ask your administrator to add it to flipside.trend.fhir.servers.');
  }
  const config = await smartConfiguration(iss);
  const state = random(32);
  const verifier = random(64);
  sessionStorage.setItem(STORE + state, JSON.stringify({ iss, verifier, tokenEndpoint: config.token_endpoint, redirectUri: redirectUri() }));
  const authorize = new URL(config.authorization_endpoint);
  const query = {
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(),
    scope: (launch ? 'launch ' : 'launch/patient ') + SCOPES, state, aud: iss,
    code_challenge: await challenge(verifier), code_challenge_method: 'S256',
  };
  if (launch) {
    query.launch = launch;
  }
  Object.entries(query).forEach(([k, v]) => authorize.searchParams.set(k, v));
  location.assign(authorize.href);
}

/** Step 2 (index.html): check the state, swap the code for a token; answers { iss, patient, token }. */
export async function finishLaunch(params) {
  const kept = sessionStorage.getItem(STORE + 'session');
  if (!params.get('code') && !params.get('error') && kept) {
    return JSON.parse(kept); // a reload of the view: same session
  }
  if (params.get('error')) {
    throw new LaunchProblem('Access was not granted', params.get('error_description') || params.get('error'));
  }
  const state = params.get('state');
  const pending = state && sessionStorage.getItem(STORE + state);
  if (!params.get('code') || !pending) {
    throw new LaunchProblem('Open this view from the patient\'s chart',
      'This page was opened without a sign-in in progress (missing or unknown "state"). Open the view again from the link on the patient\'s card.');
  }
  sessionStorage.removeItem(STORE + state);
  const { iss, verifier, tokenEndpoint, redirectUri: redirect } = JSON.parse(pending);
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirect,
    client_id: CLIENT_ID, code_verifier: verifier });
  let answer;
  try {
    answer = await fetch(tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body });
  } catch (e) {
    throw new LaunchProblem('The sign-in could not be completed', 'The authorization server could not be reached.');
  }
  const token = await answer.json().catch(() => ({}));
  if (!answer.ok || !token.access_token) {
    throw new LaunchProblem('The sign-in could not be completed', token.error_description || 'The authorization server refused the code (it may have expired). Open the view again from the chart.');
  }
  if (!token.patient) {
    throw new LaunchProblem('No patient was selected', 'The authorization server did not say which patient to show.');
  }
  const session = { iss, patient: token.patient, token: token.access_token };
  sessionStorage.setItem(STORE + 'session', JSON.stringify(session));
  history.replaceState(null, '', redirect); // the code is single-use: keep it out of the address bar and history
  return session;
}

export function forgetSession() {
  sessionStorage.removeItem(STORE + 'session');
}

export function showProblem(problem) {
  const status = document.getElementById('status');
  if (status) {
    status.hidden = true;
  }
  const box = document.getElementById('problem');
  box.replaceChildren();
  const title = document.createElement('h2');
  title.textContent = problem.title || 'The trend view could not be shown';
  const text = document.createElement('p');
  text.textContent = problem.message || String(problem);
  box.append(title, text);
  box.hidden = false;
}

if (location.pathname.endsWith('/launch.html')) {
  startLaunch(new URLSearchParams(location.search)).catch((e) => showProblem(e instanceof LaunchProblem ? e
    : new LaunchProblem('The launch failed', 'Something unexpected happened while connecting to the record.')));
}
