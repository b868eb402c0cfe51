// A TypeScript consumer of the packed package, checked with `tsc --noEmit`
// (never run): it uses every exported name and option, and each line marked
// ts-expect-error checks that index.d.ts rejects what the runtime rejects.
import {
  createClient, init, IamError, NetworkError, PaginationLimitError, TimeoutError, ValidationError,
  type Client, type ClientConfig, type Credentials, type EndpointOptions, type HeaderValue, type HttpRequest,
  type IamEndpoint, type IamSuccess, type Keyflip, type Limits, type Partition, type PresignedRequest, type PresignOptions,
  type PresignUpdateAccessKeyOptions, type RetryEvent, type SignedRequest, type IamSignedRequest, type SigningOptions,
  type UpdateAccessKeyOptions, type UpdateAccessKeyParams, type UpdateAccessKeyResult, type ValidationIssue,
  type IamAction, type IamOperations, type UpdateAccessKeyOutput,
  type ListUsersParams, type ListUsersOutput, type ListAccessKeysParams, type ListAccessKeysOutput,
  type GetAccessKeyLastUsedParams, type GetAccessKeyLastUsedOutput, type GetUserParams, type GetUserOutput,
  type AccessKeyLastUsed, type AccessKeyMetadata, type User, type AttachedPermissionsBoundary, type Tag,
  type IamRequestOptions, type PresignIamRequestOptions, type IamParamsArg, type IamOutput, type IamParsed,
  type CallOptions, type IamCallMetadata, type IamResult,
  // the rotation (rotate.js, delete-key.js)
  rotateAccessKey, deleteInactiveAccessKey, rotationLimits,
  type KeyLastUse, type DeleteCandidate, type NewAccessKeySecret, type RotationStepName, type RotationRecordStep,
  type RotationOutcome, type RotationRefusal, type RotationRecord, type RotationEvent, type RotateAccessKeyOptions,
  type RotationResult, type DeleteInactiveAccessKeyOptions, type DeleteInactiveAccessKeyResult, type RotationLimits,
  fetchCredentialReport, type CredentialReport, type CredentialReportRow, type CredentialReportKeySlot,
  type CredentialReportAbsence, type CredentialReportCertSlot, type FetchCredentialReportOptions,
  type AccessKey, type AttachedPolicy, type CreateAccessKeyOutput, type CreateAccessKeyParams,
  type DeleteAccessKeyOutput, type DeleteAccessKeyParams, type DeleteUserPolicyOutput, type DeleteUserPolicyParams,
  type GenerateCredentialReportOutput, type GenerateCredentialReportParams, type GetAccessKeyInfoOutput,
  type GetAccessKeyInfoParams, type GetCallerIdentityOutput, type GetCallerIdentityParams,
  type GetCredentialReportOutput, type GetCredentialReportParams, type GetSessionTokenOutput, type GetSessionTokenParams,
  type GetUserPolicyOutput, type GetUserPolicyParams, type IamClientMethods, type ListAttachedUserPoliciesOutput,
  type ListAttachedUserPoliciesParams, type ListUserPoliciesOutput, type ListUserPoliciesParams, type PaginateOptions,
  type PutUserPolicyOutput, type PutUserPolicyParams, type StsAction, type StsClientMethods, type StsCredentials,
  type StsOperations, type StsOutput, type StsParamsArg, type StsParsed, type StsResult,
  createIncident, triageKeyId,
  type Incident, type IncidentOptions, type IncidentRunOptions, type IncidentOutcome, type IncidentRecord,
  type IncidentStepRecord, type IncidentConfirmation, type IncidentStopReason, type KeyTriage, type KeyIdKind, type DenialVerdict,
} from 'keyflip';

const credentials: Credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };
const params: UpdateAccessKeyParams = { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' };
const minimal: UpdateAccessKeyParams = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Active' };

// @ts-expect-error Status is 'Active' | 'Inactive'
const badStatus: UpdateAccessKeyParams = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'On' };
// @ts-expect-error AccessKeyId is required
const noKey: UpdateAccessKeyParams = { Status: 'Active' };
// @ts-expect-error unknown partition
const badPartition: Partition = 'aws-mars';

export async function lowLevel(): Promise<void> {
  const kf: Keyflip = await init();
  const headers: Record<string, HeaderValue> = { host: 'example.amazonaws.com', 'x-multi': ['a', 'b'] };
  const request: HttpRequest = { method: 'GET', url: new URL('https://example.amazonaws.com/'), headers, body: '' };
  const signing: SigningOptions = {
    credentials, region: 'us-east-1', service: 'service', date: new Date(), normalizePath: false, signBody: true, omitSessionToken: true,
  };
  const signed: SignedRequest = kf.signRequest(request, signing);
  kf.signRequest({ url: 'https://example.amazonaws.com/', headers: new Headers({ a: 'b' }) }, signing);
  kf.signRequest({ url: 'https://example.amazonaws.com/', headers: [['a', 'b']] }, signing);
  const presignOptions: PresignOptions = { ...signing, expiresIn: 300 };
  const presigned: PresignedRequest = kf.presignRequest(request, presignOptions);

  const endpoint: EndpointOptions = { partition: 'aws-us-gov', fips: true, dualStack: true };
  const custom: EndpointOptions = { endpoint: 'http://127.0.0.1:4566/', region: 'eu-west-1' };
  const build: UpdateAccessKeyOptions = { credentials, date: new Date(), ...endpoint };
  const built: SignedRequest = kf.buildUpdateAccessKey(params, { ...build, ...custom });
  const presign: PresignUpdateAccessKeyOptions = { ...build, expiresIn: 60 };
  const url: string = kf.presignUpdateAccessKey(minimal, presign).url;
  kf.validateUpdateAccessKey(params);
  const success: IamSuccess = kf.parseIamResponse(200, '<UpdateAccessKeyResponse/>');
  kf.clearSigningKeyCache();
  const limits: Limits = kf.limits();
  const endpoints: IamEndpoint[] = kf.endpoints();
  const facts: (number | string | boolean)[] = [limits.iamPresignDefaultSeconds, limits.retryQuotaInitial, ...endpoints.map((e) => e.url), ...endpoints.map((e) => e.fips)];
  void facts;

  const fields: string[] = [signed.method, signed.url, signed.body, signed.canonicalRequest, signed.stringToSign, signed.signature,
    presigned.url, presigned.canonicalRequest, presigned.stringToSign, presigned.signature, built.url, url, success.requestId];
  void fields;
  // @ts-expect-error buildUpdateAccessKey needs credentials
  kf.buildUpdateAccessKey(params, {});

  // The generic calls, typed by action.
  const action: IamAction = 'ListUsers';
  const requestOptions: IamRequestOptions = { credentials, ...endpoint };
  const presignIam: PresignIamRequestOptions = { ...requestOptions, expiresIn: 900 };
  const listParams: ListUsersParams = { PathPrefix: '/', MaxItems: 10, Marker: 'm' };
  const none: IamParamsArg<'ListUsers'> = undefined;
  kf.validateIamParams(action, listParams);
  kf.validateIamParams('GetUser');
  const listRequest: IamSignedRequest = kf.buildIamRequest('ListUsers', none, requestOptions);
  const lastUsedUrl: string = kf.presignIamRequest('GetAccessKeyLastUsed', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, presignIam).url;
  const parsed: IamParsed<'GetAccessKeyLastUsed'> = kf.parseIamResponse(200, '<GetAccessKeyLastUsedResponse/>', 'GetAccessKeyLastUsed');
  const owner: string | undefined = parsed.UserName;
  const lastUsed: Date | undefined = parsed.AccessKeyLastUsed?.LastUsedDate;
  const updated: IamParsed<'UpdateAccessKey'> = kf.parseIamResponse(200, '<UpdateAccessKeyResponse/>', 'UpdateAccessKey');
  const updateOutput: UpdateAccessKeyOutput = {};
  const listOutput: IamOutput<'ListUsers'> = kf.parseIamResponse(200, '', 'ListUsers');
  const users: User[] = listOutput.Users ?? [];
  const generic: IamOperations['ListAccessKeys']['output'] = kf.parseIamResponse(200, '', 'ListAccessKeys');
  void [listRequest, lastUsedUrl, owner, lastUsed, updated.requestId, updateOutput, users, generic];
  // @ts-expect-error GetAccessKeyLastUsed requires AccessKeyId: params cannot be left out
  kf.buildIamRequest('GetAccessKeyLastUsed', undefined, requestOptions);
  // @ts-expect-error MaxItems is a number
  kf.validateIamParams('ListUsers', { MaxItems: '10' });
  // @ts-expect-error not an action keyflip performs
  kf.buildIamRequest('DeleteUser', {}, requestOptions);
  // @ts-expect-error parseIamResponse takes the body as text
  kf.parseIamResponse(200, new Uint8Array());
}

const fakeFetch: typeof globalThis.fetch = async () => new Response('<UpdateAccessKeyResponse/>', { status: 200 });

export async function client(): Promise<UpdateAccessKeyResult> {
  const progress: RetryEvent[] = [];
  const config: ClientConfig = {
    credentials: async () => credentials,
    partition: 'aws',
    fips: false,
    dualStack: false,
    maxAttempts: 3,
    timeoutMs: 10_000,
    fetch: fakeFetch,
    correctClockSkew: true,
    onRetry: (event) => {
      const { attempt, delayMs, error } = event;
      const n: number = attempt + delayMs;
      const name: string = error.name;
      void n;
      void name;
      progress.push(event);
    },
  };
  const withObject: ClientConfig = { credentials, endpoint: 'http://127.0.0.1:4566/', region: 'us-east-1' };
  const syncProvider: ClientConfig = { credentials: () => credentials };
  const c: Client = createClient(config);
  createClient(withObject);
  createClient(syncProvider);
  // @ts-expect-error credentials are required
  createClient({});

  const controller = new AbortController();
  try {
    const result: UpdateAccessKeyResult = await c.updateAccessKey(params, { signal: controller.signal });
    const parts: [string, number, number] = [result.requestId, result.attempts, result.statusCode];
    void parts;
    return await c.updateAccessKey(minimal);
  } catch (error) {
    if (error instanceof ValidationError) {
      const issues: ValidationIssue[] = error.issues;
      const first: string | undefined = issues[0]?.field ?? issues[0]?.rule ?? issues[0]?.message;
      void first;
    } else if (error instanceof IamError) {
      const summary: [string, string, string, string, string, number, boolean, number | undefined] =
        [error.name, error.code, error.type, error.message, error.requestId, error.statusCode, error.retryable, error.attempts];
      void summary;
    } else if (error instanceof NetworkError || error instanceof TimeoutError) {
      const attempts: number | undefined = error.attempts;
      void attempts;
    } else if (error instanceof DOMException && error.name === 'AbortError') {
      // the caller aborted
    }
    throw error;
  }
}

export async function readCalls(c: Client): Promise<string[]> {
  const options: CallOptions = { signal: new AbortController().signal };
  const listed: IamResult<'ListUsers'> = await c.listUsers({ MaxItems: 1 }, options);
  const usersOut: ListUsersOutput = listed;
  const meta: IamCallMetadata = listed;
  const first: User | undefined = usersOut.Users?.[0];
  const created: Date | undefined = first?.CreateDate;
  const boundary: AttachedPermissionsBoundary | undefined = first?.PermissionsBoundary;
  const tags: Tag[] = first?.Tags ?? [];
  const keysParams: ListAccessKeysParams = { UserName: 'alice' };
  const keys: ListAccessKeysOutput = await c.listAccessKeys(keysParams);
  const key: AccessKeyMetadata | undefined = keys.AccessKeyMetadata?.[0];
  const status: 'Active' | 'Inactive' | undefined = key?.Status;
  const lastUsedParams: GetAccessKeyLastUsedParams = { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
  const used: GetAccessKeyLastUsedOutput = await c.getAccessKeyLastUsed(lastUsedParams);
  const usedInfo: AccessKeyLastUsed | undefined = used.AccessKeyLastUsed;
  const userParams: GetUserParams = {};
  const me: GetUserOutput = await c.getUser(userParams);
  await c.getUser();
  await c.listUsers();
  const names: string[] = [];
  for await (const page of c.paginateListUsers({ MaxItems: 100 }, options)) {
    for (const u of page.Users ?? []) names.push(u.UserName ?? '');
    const truncated: boolean | undefined = page.IsTruncated;
    void truncated;
  }
  for await (const page of c.paginateListAccessKeys({ UserName: 'alice' })) names.push(...(page.AccessKeyMetadata ?? []).map((k) => k.AccessKeyId ?? ''));
  const bounded: PaginateOptions = { signal: AbortSignal.timeout(10_000), maxPages: 5000, maxItems: 500_000 };
  try {
    for await (const page of c.paginateListUsers({}, bounded)) names.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
  } catch (error) {
    if (!(error instanceof PaginationLimitError)) throw error;
    const where: ['maxPages' | 'maxItems', number, number, number] = [error.limit, error.value, error.pages, error.items];
    void where;
  }
  // @ts-expect-error maxPages is a number
  c.paginateListUsers({}, { maxPages: '10' });
  // @ts-expect-error a call takes no paging bounds
  await c.listUsers({}, { maxPages: 10 });
  // @ts-expect-error getAccessKeyLastUsed needs an AccessKeyId
  await c.getAccessKeyLastUsed();
  // @ts-expect-error ListUsers has no UserName
  await c.listUsers({ UserName: 'alice' });
  void [meta.attempts, created, boundary, tags, status, usedInfo?.Region, me.User?.Arn];
  return names;
}

void [badStatus, noKey, badPartition];

// --- rotateAccessKey, deleteInactiveAccessKey, rotationLimits (imported above)

export async function rotation(config: ClientConfig, signal: AbortSignal): Promise<void> {
  const limits: RotationLimits = await rotationLimits();
  const perUser: number = limits.accessKeysPerUser;
  const options: RotateAccessKeyOptions = {
    config, userName: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', signal,
    proveIntervalMs: limits.defaultProveIntervalMs, proveTimeoutMs: 60_000, recentUseWindowMs: 7 * 86_400_000,
    chooseKeyToDelete: async ({ candidates }: { candidates: DeleteCandidate[] }) => {
      const first = candidates[0];
      const last: KeyLastUse | null = first?.lastUsed ?? null;
      return first && last ? { accessKeyId: first.accessKeyId, confirmed: true } : null;
    },
    onSecret: async (key: NewAccessKeySecret) => { void key.secretAccessKey; },
    confirmRollback: ({ elapsedMs }) => elapsedMs > 0,
    confirmRetire: ({ recentlyUsed, signerIsUser }) => !recentlyUsed || signerIsUser,
    onEvent: (event: RotationEvent) => { if (event.type === 'prove-attempt') void event.elapsedMs; },
  };
  const result: RotationResult = await rotateAccessKey(options);
  const outcome: RotationOutcome = result.outcome;
  const refusal: RotationRefusal | undefined = result.refusal;
  const record: RotationRecord = result.record;
  const step: RotationRecordStep | undefined = record.steps[0];
  const name: RotationStepName | undefined = step?.step;
  void [perUser, outcome, refusal, name];
  // @ts-expect-error onSecret is required: a new key's secret must go somewhere
  await rotateAccessKey({ config, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });

  const later: DeleteInactiveAccessKeyOptions = { config, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', confirmTypedId: async ({ accessKeyId }) => accessKeyId };
  const deleted: DeleteInactiveAccessKeyResult = await deleteInactiveAccessKey(later);
  // @ts-expect-error 'removed' is not an outcome
  const wrong: DeleteInactiveAccessKeyResult['outcome'] = 'removed';
  void [deleted, wrong];
}

// STS and the IAM actions of rotation, the credential report and a leak response.
export async function newActions(c: Client, kf: Keyflip): Promise<string[]> {
  const methods: IamClientMethods & StsClientMethods = c;
  const who: StsResult<'GetCallerIdentity'> = await methods.getCallerIdentity();
  const info: GetAccessKeyInfoOutput = await c.getAccessKeyInfo({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } satisfies GetAccessKeyInfoParams);
  const none: GetCallerIdentityParams = {};
  const session: GetSessionTokenOutput = await c.getSessionToken({ DurationSeconds: 900 } satisfies GetSessionTokenParams);
  const sessionCredentials: StsCredentials | undefined = session.Credentials;
  const created: CreateAccessKeyOutput = await c.createAccessKey({ UserName: 'alice' } satisfies CreateAccessKeyParams);
  const key: AccessKey | undefined = created.AccessKey;
  const deleted: IamResult<'DeleteAccessKey'> = await c.deleteAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } satisfies DeleteAccessKeyParams);
  const generated: GenerateCredentialReportOutput = await c.generateCredentialReport({} satisfies GenerateCredentialReportParams);
  const report: GetCredentialReportOutput = await c.getCredentialReport(undefined satisfies GetCredentialReportParams | undefined);
  const bytes: Uint8Array | undefined = report.Content;
  const put: IamResult<'PutUserPolicy'> = await c.putUserPolicy({ UserName: 'alice', PolicyName: 'p', PolicyDocument: '{}' } satisfies PutUserPolicyParams);
  const got: GetUserPolicyOutput = await c.getUserPolicy({ UserName: 'alice', PolicyName: 'p' } satisfies GetUserPolicyParams);
  const listed: ListUserPoliciesOutput = await c.listUserPolicies({ UserName: 'alice' } satisfies ListUserPoliciesParams);
  const removed: IamResult<'DeleteUserPolicy'> = await c.deleteUserPolicy({ UserName: 'alice', PolicyName: 'p' } satisfies DeleteUserPolicyParams);
  const attached: ListAttachedUserPoliciesOutput = await c.listAttachedUserPolicies({ UserName: 'alice' } satisfies ListAttachedUserPoliciesParams);
  const first: AttachedPolicy | undefined = attached.AttachedPolicies?.[0];
  const pageOptions: PaginateOptions = { signal: new AbortController().signal };
  for await (const page of c.paginateListAttachedUserPolicies({ UserName: 'alice' }, pageOptions)) void page.AttachedPolicies;
  // @ts-expect-error GetAccessKeyInfo requires AccessKeyId
  await c.getAccessKeyInfo({});
  const action: StsAction = 'GetSessionToken';
  const ops: StsOperations[typeof action]['params'] = { DurationSeconds: 900 };
  const arg: StsParamsArg<'GetCallerIdentity'> = undefined;
  const built: SignedRequest = kf.buildStsRequest('GetCallerIdentity', arg, { credentials, region: 'eu-west-1' });
  // @ts-expect-error ListUsers is an IAM action, not STS's
  kf.buildStsRequest('ListUsers', undefined, { credentials });
  const parsed: StsParsed<'GetAccessKeyInfo'> = kf.parseStsResponse(200, '<x/>', 'GetAccessKeyInfo');
  const out: StsOutput<'GetAccessKeyInfo'> = parsed;
  kf.validateStsParams('GetSessionToken', ops);
  void kf.presignStsRequest('GetCallerIdentity', undefined, { credentials, expiresIn: 60 });
  void kf.stsEndpoints()[0]?.url;
  const noOutput: DeleteAccessKeyOutput | PutUserPolicyOutput | DeleteUserPolicyOutput = {};
  void noOutput;
  return [who.Arn ?? '', info.Account ?? '', String(none), sessionCredentials?.AccessKeyId ?? '', key?.AccessKeyId ?? '',
    String(deleted), generated.State ?? '', String(bytes?.length), String(put), got.PolicyDocument ?? '',
    (listed.PolicyNames ?? []).join(), String(removed), first?.PolicyArn ?? '', built.url, out.Account ?? ''];
}

// The adaptive retry mode and the credential report.
export async function report(): Promise<number> {
  const c = createClient({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, retryMode: 'adaptive' });
  const rate: number | null = c.sendingRate();
  const options: FetchCredentialReportOptions = { signal: new AbortController().signal, timeoutMs: 60_000 };
  const r: CredentialReport = await fetchCredentialReport(c, options);
  const row: CredentialReportRow | undefined = r.rows[0];
  const slot: CredentialReportKeySlot | undefined = row?.accessKeys[1];
  const why: CredentialReportAbsence | undefined = row?.absent['password_last_used'];
  const used: Date | undefined = slot?.lastUsedDate;
  const cert: CredentialReportCertSlot | undefined = row?.certificates[0];
  // @ts-expect-error retryMode is 'standard' or 'adaptive'
  createClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, retryMode: 'legacy' });
  void [rate, why, used, cert?.lastRotated, r.GeneratedTime, row?.root, row?.extra];
  return r.rows.length;
}

// The leaked-key incident helper and its types.
export async function incidentFlow(client: Client): Promise<string> {
  const triage: KeyTriage = await triageKeyId('AKIAIOSFODNN7EXAMPLE');
  const kind: KeyIdKind = triage.kind;
  const account: string | null = triage.encodedAccount;
  const options: IncidentOptions = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', deactivate: true, cutSessions: true, readBackMs: 5000, redact: (t) => t, now: () => Date.now() };
  const incident: Incident = await createIncident(options);
  const confirm = async (q: IncidentConfirmation): Promise<boolean> => q.step === 'deactivate' ? q.accessKeyId.length > 0 : q.document.length > 0;
  const run: IncidentRunOptions = { confirm, signal: new AbortController().signal, onStep: (s: IncidentStepRecord) => void s.requestId, signerAccessKeyId: 'AKIAADMIN' };
  const outcome: IncidentOutcome = await incident.run(client, run);
  const reason: IncidentStopReason | '' = outcome.stopReason;
  const record: IncidentRecord = incident.toJSON();
  const verdict: DenialVerdict = incident.explainDenial(new Error('x'), 'iam:UpdateAccessKey');
  // @ts-expect-error createIncident needs an accessKeyId
  await createIncident({});
  // @ts-expect-error deactivate is a boolean
  await createIncident({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', deactivate: 'yes' });
  void [kind, account, reason, record.policy?.document, record.steps[0]?.time, verdict.anotherPrincipalMustAct, outcome.nextSteps];
  return incident.toMarkdown();
}
