// keyflip: IAM UpdateAccessKey and AWS Signature Version 4, in C++ compiled to
// WebAssembly. ESM only.

// <generated from update_access_key.shape.json by scripts/gen-types.mjs: do not edit>
/** Input of IAM UpdateAccessKey (API 2010-05-08). */
export interface UpdateAccessKeyParams {
  /** Optional. 1-128 characters: ASCII letters, digits and _+=,.@-. */
  UserName?: string;
  /** Required. 16-128 characters: ASCII letters, digits and _. */
  AccessKeyId: string;
  /** Required. One of Active, Inactive. */
  Status: 'Active' | 'Inactive';
}
// </generated>

export type HeaderValue = string | string[];

export interface HttpRequest {
  /** Default "GET". */
  method?: string;
  /** Absolute http(s) URL; path and query are signed as written. */
  url: string | URL;
  headers?: Record<string, HeaderValue> | Iterable<[string, string]>;
  body?: string;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials (STS); sent as x-amz-security-token. */
  sessionToken?: string;
}

export interface SigningOptions {
  credentials: Credentials;
  region: string;
  service: string;
  /** The signing time; default now. */
  date?: Date;
  /** Remove dot segments and merge slashes in the path (default true; false for S3). */
  normalizePath?: boolean;
  /** Add and sign x-amz-content-sha256 (default false). */
  signBody?: boolean;
  /** Send the session token but leave it out of the signature (default false). */
  omitSessionToken?: boolean;
}

export interface PresignOptions extends SigningOptions {
  /** Seconds the URL stays valid: 1..604800 (default 3600). */
  expiresIn?: number;
}

export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, HeaderValue>;
  body: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

export interface PresignedRequest {
  url: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** IAM partitions keyflip knows the endpoints of. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f' | 'aws-eusc';

export interface EndpointOptions {
  /** Default "aws". */
  partition?: Partition;
  fips?: boolean;
  dualStack?: boolean;
  /** A custom endpoint URL (http or https, host, port, path prefix); needs `region`. */
  endpoint?: string;
  /** The signing region for a custom endpoint. */
  region?: string;
}

export interface UpdateAccessKeyOptions extends EndpointOptions {
  credentials: Credentials;
  /** The signing time; default now. */
  date?: Date;
}

export interface PresignUpdateAccessKeyOptions extends UpdateAccessKeyOptions {
  /**
   * Seconds the URL stays valid: 1..900 (default 900). Valid for at most 15
   * minutes: outside S3, AWS accepts a query-signed request for about 15
   * minutes after its X-Amz-Date whatever X-Amz-Expires says.
   */
  expiresIn?: number;
}

export interface IamSuccess {
  requestId: string;
}

export interface Keyflip {
  signRequest(request: HttpRequest, options: SigningOptions): SignedRequest;
  presignRequest(request: HttpRequest, options: PresignOptions): PresignedRequest;
  /** Throws ValidationError listing every bad field; returns nothing when the input is valid. */
  validateUpdateAccessKey(params: UpdateAccessKeyParams): void;
  /** The signed IAM request (POST, form body), ready for fetch. Throws ValidationError. */
  buildUpdateAccessKey(params: UpdateAccessKeyParams, options: UpdateAccessKeyOptions): SignedRequest;
  /** A presigned GET URL: whoever holds it can perform the action until it expires. */
  presignUpdateAccessKey(params: UpdateAccessKeyParams, options: PresignUpdateAccessKeyOptions): PresignedRequest;
  /** IAM's XML answer -> { requestId }, or throws IamError. */
  parseIamResponse(statusCode: number, bodyText: string): IamSuccess;
  /** Every default and range of keyflip's options, from the C++ core (a fresh copy). */
  limits(): Limits;
  /** IAM's endpoint for every partition and FIPS / dual-stack combination (a fresh copy). */
  endpoints(): IamEndpoint[];
  /** Forgets every cached signing key. */
  clearSigningKeyCache(): void;
}

export interface Limits {
  defaultMaxAttempts: number; minMaxAttempts: number; maxMaxAttempts: number;
  defaultTimeoutMs: number; maxTimeoutMs: number;
  /** presignUpdateAccessKey's expiresIn: 1..900, default 900. */
  iamPresignMinSeconds: number; iamPresignMaxSeconds: number; iamPresignDefaultSeconds: number;
  /** presignRequest's expiresIn: 1..604800, default 3600. */
  presignMinSeconds: number; presignMaxSeconds: number; presignDefaultSeconds: number;
  defaultPartition: string;
  /** The standard retry mode's per-client retry quota: 500 tokens, 5 per retry, 10 after a timeout. */
  retryQuotaInitial: number; retryCost: number; timeoutRetryCost: number;
  /** The longest wait between attempts, server hints included (20000). */
  maxRetryDelayMs: number;
  /** The most of an answer's body keyflip reads (1 MiB). */
  maxBodyBytes: number;
}

export interface IamEndpoint {
  partition: string;
  fips: boolean;
  dualStack: boolean;
  /** e.g. "https://iam.amazonaws.com" */
  url: string;
  signingRegion: string;
}

/** Loads the wasm module once; later calls return the same instance. */
export function init(): Promise<Keyflip>;

export interface RetryEvent {
  /** The attempt that failed (1-based). */
  attempt: number;
  /** How long the client waits before the next attempt: the backoff, or the server's retry-after hint when longer; at most 20000. */
  delayMs: number;
  error: IamError | NetworkError | TimeoutError;
}

export interface ClientConfig extends EndpointOptions {
  /** An object, or an async function returning one, called for every attempt. */
  credentials: Credentials | (() => Credentials | Promise<Credentials>);
  /** 1-10; default 3 (AWS standard retry mode). */
  maxAttempts?: number;
  /** Per attempt, in ms, at most 2^31-1; default 10000. */
  timeoutMs?: number;
  /** Default: the global fetch. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Learn the server's clock from Date headers and retry a skewed request once (default true). */
  correctClockSkew?: boolean;
  onRetry?: (event: RetryEvent) => void;
}

export interface UpdateAccessKeyResult {
  requestId: string;
  attempts: number;
  statusCode: number;
}

export interface Client {
  updateAccessKey(params: UpdateAccessKeyParams, options?: { signal?: AbortSignal }): Promise<UpdateAccessKeyResult>;
}

export function createClient(config: ClientConfig): Client;

export interface ValidationIssue {
  field: string;
  rule: string;
  message: string;
}

export class ValidationError extends Error {
  constructor(issues: ValidationIssue[]);
  name: 'ValidationError';
  issues: ValidationIssue[];
}

export class IamError extends Error {
  constructor(fields: {
    code: string; type?: string; message: string; requestId?: string;
    statusCode: number; retryable?: boolean; attempts?: number;
  });
  /** The IAM error code, e.g. "NoSuchEntity". */
  name: string;
  code: string;
  /** "Sender" or "Receiver" (empty when the answer was not IAM's XML). */
  type: string;
  requestId: string;
  statusCode: number;
  retryable: boolean;
  attempts: number | undefined;
}

export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown; attempts?: number });
  name: 'NetworkError';
  attempts: number | undefined;
}

export class TimeoutError extends Error {
  constructor(message: string, options?: { attempts?: number });
  name: 'TimeoutError';
  attempts: number | undefined;
}
