// A leaked key, answered completely (issue 19): triage from the ID alone,
// whose account and whose key, its owner and state (AWS's quarantine policy
// named and explained), turn it off, cut off the sessions made from it, and
// a record of every step. The C++ core decides every step and its words
// (wasm/src/flows: incident_plan, key_triage, revoke_sessions, quarantine,
// denial); this file only calls the client's methods and writes down what
// came back.
//
//   const incident = await createIncident({ accessKeyId });
//   const outcome = await incident.run(client, { confirm: async (ask) => window.confirm(ask.question) });
//   if (outcome.resumable) await incident.run(adminClient, { confirm });   // another principal goes on
//   incident.toJSON(); incident.toMarkdown();
import { IamError, ValidationError } from './errors.js';
import { callCore, loadCore } from './core.js';
import { describe } from './snapshot.js';
import { renderMarkdown } from './incident-record.js';

// Every loop that reads from a server is bounded: pages of one list, items
// (a user's inline policies), steps of one run.
// readBackMs is the default of createIncident's option of that name (how
// long to read the key back after deactivating it), at most maxReadBackMs.
export const INCIDENT_LIMITS = Object.freeze({ maxPages: 10, maxInlinePolicies: 100, maxStepsPerRun: 40, readBackMs: 10_000, maxReadBackMs: 60_000, readBackIntervalMs: 1_000 });

const STEP_ACTIONS = {
  identify: 'sts:GetCallerIdentity',
  keyInfo: 'sts:GetAccessKeyInfo',
  lookUpOwner: 'iam:GetAccessKeyLastUsed',
  readState: 'iam:ListAccessKeys',
  deactivate: 'iam:UpdateAccessKey',
  readPolicies: 'iam:ListUserPolicies',
  cutSessions: 'iam:PutUserPolicy',
  readBack: 'iam:GetUserPolicy',
};

function ask(core, question, fields = {}) {
  return callCore(core, 'incident', { question, ...fields });
}

function abortError(signal) {
  const reason = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    function onAbort() { clearTimeout(timer); reject(abortError(signal)); }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const text = (value) => (typeof value === 'string' ? value : '');

/** The triage of a key ID alone, offline: never throws for bad input (issues say what is wrong). */
export async function triageKeyId(accessKeyId) {
  const core = await loadCore();
  if (typeof accessKeyId !== 'string') {
    return { issues: [{ field: 'AccessKeyId', rule: 'type', message: `AccessKeyId: must be a string, got ${describe(accessKeyId)}` }] };
  }
  const { issues, ...triage } = ask(core, 'triage', { accessKeyId });
  const label = ask(core, 'facts').encodedAccountLabel;
  return { ...triage, issues, encodedAccountLabel: triage.encodedAccount ? label : undefined };
}

function readIncidentOptions(options) {
  if (options === null || typeof options !== 'object') throw new TypeError(`createIncident needs { accessKeyId }, got ${describe(options)}`);
  const issues = [];
  const { accessKeyId, deactivate = true, cutSessions = true, redact = (t) => t, now = () => Date.now(), readBackMs = INCIDENT_LIMITS.readBackMs } = options;
  if (!Number.isInteger(readBackMs) || readBackMs < 0 || readBackMs > INCIDENT_LIMITS.maxReadBackMs) {
    issues.push({ field: 'readBackMs', rule: 'range', message: `readBackMs: must be an integer from 0 to ${INCIDENT_LIMITS.maxReadBackMs}` });
  }
  for (const [field, value] of [['deactivate', deactivate], ['cutSessions', cutSessions]]) {
    if (typeof value !== 'boolean') issues.push({ field, rule: 'type', message: `${field}: must be true or false, got ${describe(value)}` });
  }
  for (const [field, value] of [['redact', redact], ['now', now]]) {
    if (typeof value !== 'function') issues.push({ field, rule: 'type', message: `${field}: must be a function, got ${describe(value)}` });
  }
  return { accessKeyId, deactivate, cutSessions, redact, now, readBackMs, issues };
}

/**
 * A new incident for one leaked key. Throws ValidationError (the key ID's
 * triage issues, bad options) before anything is sent.
 */
export async function createIncident(options) {
  const settings = readIncidentOptions(options);
  const triage = await triageKeyId(settings.accessKeyId);
  const issues = [...triage.issues, ...settings.issues];
  if (issues.length) throw new ValidationError(issues);
  const core = await loadCore();
  return new Incident(core, settings, triage);
}

class Incident {
  #core;
  #settings;
  #state;
  #record;
  #client = null;
  #running = false;

  constructor(core, settings, triage) {
    this.#core = core;
    this.#settings = settings;
    const facts = ask(core, 'facts');
    this.triage = Object.freeze({ ...triage });
    // The core's IncidentState, in camelCase; every field the plan reads.
    this.#state = {
      triageOk: true, temporary: triage.temporary, signerArn: '', signerAccount: '', signerIsLeakedKey: false,
      keyInfoDone: false, keyAccount: '', ownerDone: false, owner: '', ownerError: '', stateDone: false, keyStatus: '',
      wantDeactivate: settings.deactivate, wantCut: settings.cutSessions, deactivateConfirmed: false, cutConfirmed: false,
      declinedDeactivate: false, declinedCut: false, deactivateSent: false, deactivateDone: false, policiesDone: false, sizeFits: false, cutDone: false,
      readBackDone: false, readBackOk: false, deniedStep: '', deniedMessage: '', failedStep: '', failedMessage: '',
    };
    this.#record = {
      format: 'keyflip-incident/1',
      keyId: settings.accessKeyId,
      triage: {
        kind: triage.kind, kindName: triage.kindName, generation: triage.generation,
        encodedAccount: triage.encodedAccount ?? null, encodedAccountLabel: triage.encodedAccountLabel ?? null,
        generationReason: triage.generationReason, advice: triage.advice,
      },
      startedAt: iso(settings.now()),
      signers: [],
      keyAccount: null,
      ownership: null,
      owner: null,
      quarantine: [],
      policy: null,
      steps: [],
      status: 'inProgress',
      stopped: null,
      notCovered: facts.notCovered,
      nextSteps: [],
    };
    this.#refreshNextSteps();
  }

  /** The record as a plain object (JSON-able, never a secret). */
  record() { return structuredClone(this.#record); }
  toJSON() { return this.record(); }
  /** The record as a readable timeline. */
  toMarkdown() { return renderMarkdown(this.record()); }

  /**
   * What an error of one of this incident's calls means (AccessDenied with an
   * explicit deny while signing as the leaked or quarantined user: another
   * principal must act), as the core reads it. signerAccessKeyId: the key
   * that signed the refused call, when it is not the incident's signer (an
   * ASIA key is a session).
   */
  explainDenial(error, action = '', { signerAccessKeyId } = {}) {
    const fields = this.#denialFields(error, action);
    if (typeof signerAccessKeyId === 'string') fields.signerTemporary = signerAccessKeyId.startsWith('ASIA');
    return ask(this.#core, 'denial', fields);
  }

  /**
   * Runs the next steps with this client until the incident is done or must
   * stop. Calling it again with another client (another principal) resumes
   * where it stopped. options: { confirm, signal, onStep, signerAccessKeyId }.
   */
  async run(client, options = {}) {
    if (this.#running) throw new Error('keyflip: this incident is already running; wait for its run to end');
    const { confirm, signal, onStep, signerAccessKeyId } = readRunOptions(client, options);
    this.#running = true;
    try {
      if (client !== this.#client) {
        // Another principal: who signs is asked again, and the old signer's denial no longer holds.
        this.#client = client;
        Object.assign(this.#state, { signerArn: '', signerAccount: '', deniedStep: '', deniedMessage: '' });
      }
      this.#signerKeyId = signerAccessKeyId ?? '';
      this.#state.signerIsLeakedKey = signerAccessKeyId === this.#settings.accessKeyId;
      this.#state.failedStep = '';
      this.#state.failedMessage = '';
      for (let i = 0; i < INCIDENT_LIMITS.maxStepsPerRun; i += 1) {
        if (signal?.aborted) throw abortError(signal);
        const { decision } = this.#plan();
        if (decision.step === 'done' || decision.step === 'stop') return this.#finish(decision);
        await this.#perform(decision.step, client, { confirm, signal, onStep });
      }
      return this.#finish({ step: 'stop', stopReason: 'failed', message: 'The incident took more steps than a run allows.', resumable: true });
    } finally {
      this.#running = false;
      this.#refreshNextSteps();
    }
  }

  #signerKeyId = '';

  #plan() {
    return ask(this.#core, 'plan', { ...this.#state, keyId: this.#settings.accessKeyId, quarantined: this.#record.quarantine.length > 0 });
  }

  #refreshNextSteps() {
    this.#record.nextSteps = this.#plan().nextSteps;
  }

  #finish(decision) {
    const done = decision.step === 'done';
    this.#record.status = done ? 'done' : 'stopped';
    this.#record.stopped = done ? null : { reason: decision.stopReason, message: this.#clean(decision.message), resumable: decision.resumable };
    this.#refreshNextSteps();
    return { status: this.#record.status, stopReason: decision.stopReason, message: this.#clean(decision.message), resumable: decision.resumable, nextSteps: [...this.#record.nextSteps] };
  }

  #clean(value) { return this.#settings.redact(text(value)); }

  #log(step, outcome, { requestId = '', detail = '', error, action = STEP_ACTIONS[step] ?? '' } = {}, onStep) {
    // A step's own call's id last: the reads it made before it come first.
    requestId = [...this.#readIds, text(requestId)].filter(Boolean).join(' ');
    this.#readIds = [];
    const entry = {
      step, action, time: iso(this.#settings.now()), outcome,
      requestId: this.#clean(requestId), signerArn: this.#clean(this.#state.signerArn), detail: this.#clean(detail),
    };
    if (error) entry.error = { code: this.#clean(error.code ?? error.name), message: this.#clean(error.message) };
    this.#record.steps.push(entry);
    onStep?.(structuredClone(entry));
    return entry;
  }

  #denialFields(error, action) {
    return {
      code: text(error?.code), message: text(error?.message), action, signerArn: this.#state.signerArn,
      signerTemporary: this.#signerKeyId.startsWith('ASIA'), affectedUser: this.#state.owner,
      affectedAccount: this.#state.keyAccount || this.#state.signerAccount,
      attached: this.#attached.flatMap((p) => [p.PolicyName, p.PolicyArn]), sessionsCut: this.#state.cutDone,
    };
  }

  #attached = [];
  // The request ids of the reads since the last log entry (a list can take several pages).
  #readIds = [];

  /** An error of a step: a denial stops the run until the signer changes; anything else stops it until a new run. */
  #failed(step, error, onStep) {
    if (error instanceof IamError) {
      const verdict = this.explainDenial(error, STEP_ACTIONS[step]);
      if (verdict.kind !== 'notDenied') {
        this.#state.deniedStep = step;
        this.#state.deniedMessage = verdict.message;
        this.#log(step, 'denied', { requestId: error.requestId, detail: verdict.message, error }, onStep);
        return;
      }
    }
    if (!(error instanceof Error) || error.name === 'AbortError') throw error;
    // Without an answer a change may still have reached IAM: never "not sent".
    const changing = step === 'deactivate' || step === 'cutSessions';
    const unanswered = !(error instanceof IamError) && !(error instanceof ValidationError);
    const detail = changing && unanswered ? 'no answer came: IAM may have made the change; a new run makes the same change again' : '';
    this.#state.failedStep = step;
    this.#state.failedMessage = this.#clean([error.message, detail].filter(Boolean).join('; '));
    this.#log(step, 'failed', { requestId: error.requestId, detail, error }, onStep);
  }

  async #perform(step, client, context) {
    const { signal, onStep } = context;
    const id = this.#settings.accessKeyId;
    const s = this.#state;
    const opts = { signal };
    try {
      switch (step) {
        case 'identify': {
          const who = await client.getCallerIdentity({}, opts);
          s.signerArn = text(who.Arn);
          s.signerAccount = text(who.Account);
          if (!s.signerArn) throw new IamError({ code: 'UnknownError', type: '', message: 'GetCallerIdentity answered without an Arn', requestId: who.requestId, statusCode: who.statusCode, retryable: false, attempts: who.attempts });
          if (!this.#record.signers.includes(this.#clean(s.signerArn))) this.#record.signers.push(this.#clean(s.signerArn));
          this.#log(step, 'ok', { requestId: who.requestId, detail: `signing as ${s.signerArn} (account ${s.signerAccount})` }, onStep);
          return;
        }
        case 'keyInfo': {
          s.keyInfoDone = true;
          try {
            const info = await client.getAccessKeyInfo({ AccessKeyId: id }, opts);
            s.keyAccount = text(info.Account);
            this.#log(step, 'ok', { requestId: info.requestId, detail: `the key is of account ${s.keyAccount}` }, onStep);
          } catch (error) {
            if (!(error instanceof Error) || error.name === 'AbortError' || signal?.aborted) throw error;
            // Not knowing the key's account does not stop the response: the owner lookup says whether it is ours.
            this.#log(step, 'failed', { requestId: error.requestId, detail: 'the key\'s account is unknown', error }, onStep);
          }
          const whose = ask(this.#core, 'ownership', { keyAccount: s.keyAccount, signerAccount: s.signerAccount, encodedAccount: this.triage.encodedAccount ?? '' });
          this.#record.keyAccount = s.keyAccount ? this.#clean(s.keyAccount) : null;
          this.#record.ownership = { ownership: whose.ownership, message: this.#clean(whose.message) };
          return;
        }
        case 'lookUpOwner': {
          try {
            const found = await client.getAccessKeyLastUsed({ AccessKeyId: id }, opts);
            s.ownerDone = true;
            s.owner = text(found.UserName);
            if (!s.owner) s.ownerError = 'UnreadableAnswer';
            const used = found.AccessKeyLastUsed ?? {};
            this.#record.owner = {
              userName: this.#clean(s.owner) || null,
              lastUsed: { date: used.LastUsedDate instanceof Date ? iso(used.LastUsedDate.getTime()) : null, serviceName: this.#clean(used.ServiceName), region: this.#clean(used.Region) },
              status: null, otherKeys: [], attachedPolicies: [],
            };
            this.#log(step, s.owner ? 'ok' : 'failed', { requestId: found.requestId, detail: s.owner ? `owned by ${s.owner}` : 'the answer named no user' }, onStep);
          } catch (error) {
            if (error instanceof IamError && error.code !== 'AccessDenied' && error.code !== 'AccessDeniedException') {
              s.ownerDone = true;
              s.ownerError = text(error.code);
              this.#log(step, 'failed', { requestId: error.requestId, error }, onStep);
              return;
            }
            throw error;
          }
          return;
        }
        case 'readState': {
          const keys = await this.#listAll(client, 'paginateListAccessKeys', { UserName: s.owner }, 'AccessKeyMetadata', opts);
          const mine = keys.filter((k) => k.UserName === s.owner);
          const key = mine.find((k) => k.AccessKeyId === id);
          s.keyStatus = key ? text(key.Status) : '';
          s.stateDone = true;
          this.#record.owner.status = s.keyStatus || null;
          this.#record.owner.otherKeys = mine.filter((k) => k.AccessKeyId !== id).map((k) => ({
            accessKeyId: this.#clean(k.AccessKeyId), status: this.#clean(k.Status), created: k.CreateDate instanceof Date ? iso(k.CreateDate.getTime()) : null,
          }));
          this.#log(step, 'ok', { detail: key ? `${id} is ${s.keyStatus}; ${mine.length - 1} other key(s)` : `${id} is not listed under ${s.owner}` }, onStep);
          try {
            const attached = await this.#listAll(client, 'paginateListAttachedUserPolicies', { UserName: s.owner }, 'AttachedPolicies', opts);
            this.#attached = attached.map((p) => ({ PolicyName: text(p.PolicyName), PolicyArn: text(p.PolicyArn) }));
            this.#record.owner.attachedPolicies = this.#attached.map((p) => ({ name: this.#clean(p.PolicyName), arn: this.#clean(p.PolicyArn) }));
            const { findings } = ask(this.#core, 'quarantine', { userName: s.owner, attached: this.#attached.flatMap((p) => [p.PolicyName, p.PolicyArn]) });
            this.#record.quarantine = findings.map((f) => ({ ...f, explanation: this.#clean(f.explanation) }));
            this.#log(step, 'ok', { action: 'iam:ListAttachedUserPolicies', detail: findings.length ? `quarantined: ${findings.map((f) => f.name).join(', ')}` : `${attached.length} managed polic${attached.length === 1 ? 'y' : 'ies'} attached, no quarantine` }, onStep);
          } catch (error) {
            if (!(error instanceof Error) || error.name === 'AbortError' || signal?.aborted) throw error;
            this.#log(step, 'failed', { action: 'iam:ListAttachedUserPolicies', requestId: error.requestId, detail: 'the attached policies could not be read: a quarantine is not ruled out', error }, onStep);
          }
          return;
        }
        case 'confirmDeactivate':
        case 'confirmDeactivateSigningKey': {
          const signsRequests = step === 'confirmDeactivateSigningKey';
          const question = signsRequests
            ? `${id} signs these requests: once it is Inactive nothing more can be signed with it, not even the cut of its sessions. Deactivate it anyway?`
            : `Deactivate ${id} of ${s.owner}? Whatever uses it stops working.`;
          const yes = await context.confirm?.({ step: 'deactivate', accessKeyId: id, userName: s.owner, signsRequests, question });
          if (yes === true) s.deactivateConfirmed = true;
          else s.declinedDeactivate = true;
          this.#log('deactivate', yes === true ? 'approved' : 'declined', { action: '' }, onStep);
          return;
        }
        case 'deactivate': {
          const done = await client.updateAccessKey({ UserName: s.owner, AccessKeyId: id, Status: 'Inactive' }, opts);
          s.deactivateSent = true;
          this.#log(step, 'ok', { requestId: done.requestId, detail: `IAM accepted: ${id} Inactive` }, onStep);
          await this.#confirmInactive(client, opts, onStep);
          return;
        }
        case 'readPolicies': {
          const names = (await this.#listAll(client, 'paginateListUserPolicies', { UserName: s.owner }, 'PolicyNames', opts)).map(text);
          if (names.length > INCIDENT_LIMITS.maxInlinePolicies) throw new Error(`${s.owner} has more than ${INCIDENT_LIMITS.maxInlinePolicies} inline policies: not read`);
          const existing = [];
          for (const name of names) {
            const got = await client.getUserPolicy({ UserName: s.owner, PolicyName: name }, opts);
            this.#readIds.push(text(got.requestId));
            existing.push(name, text(got.PolicyDocument));
          }
          const { size } = ask(this.#core, 'revokePolicy', { nowMs: this.#settings.now(), existing });
          s.policiesDone = true;
          s.sizeFits = size.fits;
          this.#record.policy = { name: ask(this.#core, 'facts').policyName, size: { ...size, message: this.#clean(size.message) }, document: null, cutoff: null, readBack: null };
          this.#log(step, size.fits ? 'ok' : 'tooLarge', { detail: size.message }, onStep);
          return;
        }
        case 'confirmCut': {
          const { name, document } = ask(this.#core, 'revokePolicy', { nowMs: this.#settings.now(), existing: [] });
          const yes = await context.confirm?.({ step: 'cutSessions', userName: s.owner, policyName: name, document, notCovered: this.#record.notCovered, question: `Deny every session of ${s.owner} issued before now (inline policy ${name})?` });
          if (yes === true) s.cutConfirmed = true;
          else s.declinedCut = true;
          this.#log('cutSessions', yes === true ? 'approved' : 'declined', { action: '' }, onStep);
          return;
        }
        case 'cutSessions': {
          // The cut-off is taken now, after the confirmation, not when it was asked.
          const policy = ask(this.#core, 'revokePolicy', { nowMs: this.#settings.now(), existing: [] });
          const put = await client.putUserPolicy({ UserName: s.owner, PolicyName: policy.name, PolicyDocument: policy.document }, opts);
          s.cutDone = true;
          Object.assign(this.#record.policy, { document: policy.document, cutoff: policy.cutoff });
          this.#log(step, 'ok', { requestId: put.requestId, detail: `sessions issued before ${policy.cutoff} denied` }, onStep);
          return;
        }
        case 'readBack': {
          const { name, document } = this.#record.policy;
          const got = await client.getUserPolicy({ UserName: s.owner, PolicyName: name }, opts);
          const { issues } = ask(this.#core, 'readBack', { putName: name, putDocument: document, readName: text(got.PolicyName), readDocument: text(got.PolicyDocument) });
          s.readBackDone = true;
          s.readBackOk = issues.length === 0;
          this.#record.policy.readBack = issues.length === 0 ? 'matches' : issues.map((i) => this.#clean(i.message));
          this.#log(step, issues.length === 0 ? 'ok' : 'differs', { requestId: got.requestId, detail: issues.length === 0 ? 'IAM holds the policy put' : issues.map((i) => i.message).join('; ') }, onStep);
          return;
        }
        default:
          throw new Error(`keyflip internal error: unknown incident step ${step}`);
      }
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      this.#failed(step, error, onStep);
    }
  }

  /** After UpdateAccessKey: ListAccessKeys until IAM shows the key Inactive, within readBackMs. */
  async #confirmInactive(client, opts, onStep) {
    const s = this.#state;
    const until = Date.now() + this.#settings.readBackMs;
    for (;;) {
      const keys = await this.#listAll(client, 'paginateListAccessKeys', { UserName: s.owner }, 'AccessKeyMetadata', opts);
      const key = keys.find((k) => k.UserName === s.owner && k.AccessKeyId === this.#settings.accessKeyId);
      if (key?.Status === 'Inactive') {
        s.deactivateDone = true;
        s.keyStatus = 'Inactive';
        this.#record.owner.status = 'Inactive';
        this.#log('deactivate', 'confirmed', { detail: `IAM shows ${this.#settings.accessKeyId} Inactive` }, onStep);
        return;
      }
      if (Date.now() + INCIDENT_LIMITS.readBackIntervalMs > until) {
        this.#log('deactivate', 'unconfirmed', { detail: `IAM does not show ${this.#settings.accessKeyId} Inactive yet (read for ${this.#settings.readBackMs / 1000} s)` }, onStep);
        return;
      }
      await sleep(INCIDENT_LIMITS.readBackIntervalMs, opts.signal);
    }
  }

  /** Every item of a paginated list, at most maxPages pages; the request ids go to #readIds. */
  async #listAll(client, paginator, params, member, opts) {
    const items = [];
    let pages = 0;
    for await (const page of client[paginator](params, opts)) {
      this.#readIds.push(text(page.requestId));
      const list = page[member];
      if (Array.isArray(list)) items.push(...list);
      pages += 1;
      if (pages >= INCIDENT_LIMITS.maxPages) {
        if (page.IsTruncated === true) throw new Error(`more than ${INCIDENT_LIMITS.maxPages} pages of ${member}: not read to the end`);
        break;
      }
    }
    return items;
  }
}

function readRunOptions(client, options) {
  const issues = [];
  if (client === null || typeof client !== 'object' || typeof client.getCallerIdentity !== 'function') {
    issues.push({ field: 'client', rule: 'type', message: `client: must be a keyflip client (createClient), got ${describe(client)}` });
  }
  if (options === null || typeof options !== 'object') throw new TypeError(`run options must be an object, got ${describe(options)}`);
  const { confirm, signal, onStep, signerAccessKeyId } = options;
  if (confirm !== undefined && typeof confirm !== 'function') issues.push({ field: 'confirm', rule: 'type', message: 'confirm: must be a function returning true to go ahead' });
  if (onStep !== undefined && typeof onStep !== 'function') issues.push({ field: 'onStep', rule: 'type', message: 'onStep: must be a function' });
  if (signerAccessKeyId !== undefined && typeof signerAccessKeyId !== 'string') issues.push({ field: 'signerAccessKeyId', rule: 'type', message: 'signerAccessKeyId: must be a string' });
  if (issues.length) throw new ValidationError(issues);
  return { confirm, signal, onStep, signerAccessKeyId };
}
