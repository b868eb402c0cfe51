// A stand-in for a keyflip client in the node tests of the page's modules:
// an account held in memory, answering like IAM (pages of at most pageSize
// items, Marker, IsTruncated), with failures a test can script per call.
import { IamError, NetworkError } from '../../wasm/js/index.js';

export function fakeClient({ users, pageSize = 2 }) {
  const calls = [];
  const failures = []; // { action, accessKeyId?, error, times }
  const keysOf = (userName) => users.find((user) => user.userName === userName)?.keys ?? [];
  const failure = (action, accessKeyId) => {
    const match = failures.find((f) => f.action === action && (!f.accessKeyId || f.accessKeyId === accessKeyId) && f.times > 0);
    if (!match) return;
    match.times -= 1;
    throw match.error;
  };
  async function* pages(items) {
    for (let i = 0; i < items.length || i === 0; i += pageSize) {
      const truncated = i + pageSize < items.length;
      yield { items: items.slice(i, i + pageSize), IsTruncated: truncated, Marker: truncated ? `m${i + pageSize}` : undefined };
      if (!truncated) return;
    }
  }
  return {
    calls,
    failNext(action, error, { accessKeyId, times = 1 } = {}) { failures.push({ action, accessKeyId, error, times }); },
    async* paginateListUsers() {
      calls.push('ListUsers');
      for await (const page of pages(users)) yield { Users: page.items.map((u) => ({ UserName: u.userName })), IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
    async* paginateListAccessKeys(params = {}) {
      calls.push(`ListAccessKeys ${params.UserName ?? '(signer)'}`);
      failure('ListAccessKeys');
      const userName = params.UserName ?? users[0].userName;
      for await (const page of pages(keysOf(userName))) {
        yield {
          AccessKeyMetadata: page.items.map((k) => ({ UserName: userName, AccessKeyId: k.id, Status: k.status, CreateDate: k.created })),
          IsTruncated: page.IsTruncated,
          Marker: page.Marker,
        };
      }
    },
    async getAccessKeyLastUsed({ AccessKeyId }) {
      calls.push(`GetAccessKeyLastUsed ${AccessKeyId}`);
      failure('GetAccessKeyLastUsed', AccessKeyId);
      const user = users.find((u) => u.keys.some((k) => k.id === AccessKeyId));
      if (!user) throw new IamError({ code: 'NoSuchEntity', message: `The Access Key with id ${AccessKeyId} cannot be found`, requestId: 'r-none', statusCode: 404, attempts: 1 });
      const key = user.keys.find((k) => k.id === AccessKeyId);
      return { UserName: user.userName, AccessKeyLastUsed: key.lastUsed ?? { ServiceName: 'N/A', Region: 'N/A' }, requestId: 'r-last', attempts: 1 };
    },
    async updateAccessKey({ UserName, AccessKeyId, Status }) {
      calls.push(`UpdateAccessKey ${AccessKeyId} ${Status}`);
      failure('UpdateAccessKey', AccessKeyId);
      const key = keysOf(UserName).find((k) => k.id === AccessKeyId);
      if (!key) throw new IamError({ code: 'NoSuchEntity', message: 'no such key', requestId: 'r-404', statusCode: 404, attempts: 1 });
      key.status = Status;
      return { requestId: `r-${AccessKeyId}`, attempts: 1, statusCode: 200 };
    },
  };
}

export const networkError = () => new NetworkError('the request to IAM failed before an answer arrived: Failed to fetch', { attempts: 3 });
