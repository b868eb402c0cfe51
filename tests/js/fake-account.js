// An injected fetch standing in for IAM and STS on one address, enough for the
// rotation flow: users with keys (status, created, last use), the two-key
// limit, a new key refused with InvalidClientTokenId for its first
// `propagationRequests` requests, and a record of each call with the key that
// signed it (read from the Authorization header; signatures are not checked
// here: tests/e2e does that against the local endpoint).
const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const ACCOUNT = '123456789012';

const xml = (fields) => Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `<${k}>${v}</${k}>`).join('');

export function fakeAccount({ users, propagationRequests = 0, keysPerUser = 2, before } = {}) {
  const account = { users: structuredClone(users), calls: [], created: [] };
  let serial = 0;
  let requestSerial = 0;

  const findKey = (id) => {
    for (const [userName, user] of Object.entries(account.users)) {
      const key = user.keys.find((k) => k.id === id);
      if (key) return { userName, key };
    }
    return null;
  };

  const ok = (ns, action, result) => {
    const requestId = `req-${action}-${(requestSerial += 1)}`;
    return [200, `<${action}Response xmlns="${ns}">${result === null ? '' : `<${action}Result>${result}</${action}Result>`}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`];
  };
  const fail = (status, code, message, type = 'Sender') => [status, `<ErrorResponse xmlns="${IAM_XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-err-${(requestSerial += 1)}</RequestId></ErrorResponse>`];

  function answer(query, signerId, service) {
    const found = findKey(signerId);
    if (!found || found.key.status !== 'Active') return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    if (found.key.pending > 0) {
      found.key.pending -= 1;
      return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    found.key.lastUsed = new Date().toISOString();
    const signerUser = found.userName;
    if (service === 'sts') {
      if (query.Action !== 'GetCallerIdentity') return fail(400, 'InvalidAction', 'not here');
      return ok(STS_XMLNS, 'GetCallerIdentity', xml({ Arn: `arn:aws:iam::${ACCOUNT}:user/${signerUser}`, UserId: `AIDA${signerUser.toUpperCase()}`, Account: ACCOUNT }));
    }
    const userName = query.UserName ?? signerUser;
    const user = account.users[userName];
    switch (query.Action) {
      case 'ListAccessKeys':
        if (!user) return fail(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`);
        return ok(IAM_XMLNS, 'ListAccessKeys', `<AccessKeyMetadata>${user.keys.map((k) => `<member>${xml({ UserName: userName, AccessKeyId: k.id, Status: k.status, CreateDate: k.created })}</member>`).join('')}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`);
      case 'GetAccessKeyLastUsed': {
        const owner = findKey(query.AccessKeyId);
        if (!owner) return fail(404, 'NoSuchEntity', 'no such key');
        const used = owner.key.lastUsedBefore ?? null;
        return ok(IAM_XMLNS, 'GetAccessKeyLastUsed', `<UserName>${owner.userName}</UserName><AccessKeyLastUsed>${used ? xml({ LastUsedDate: used, ServiceName: 's3', Region: 'eu-west-1' }) : xml({ ServiceName: 'N/A', Region: 'N/A' })}</AccessKeyLastUsed>`);
      }
      case 'CreateAccessKey': {
        if (!user) return fail(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`);
        if (user.keys.length >= keysPerUser) return fail(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2');
        serial += 1;
        const key = {
          id: `AKIANEWKEY${String(serial).padStart(10, '0')}`,
          secret: `NewSecret${serial}/${'x'.repeat(28)}${serial}`.slice(0, 40),
          status: 'Active', created: new Date().toISOString(), pending: propagationRequests,
        };
        user.keys.push(key);
        account.created.push(key);
        return ok(IAM_XMLNS, 'CreateAccessKey', `<AccessKey>${xml({ UserName: userName, AccessKeyId: key.id, Status: 'Active', SecretAccessKey: key.secret, CreateDate: key.created })}</AccessKey>`);
      }
      case 'DeleteAccessKey': {
        const index = user?.keys.findIndex((k) => k.id === query.AccessKeyId) ?? -1;
        if (index < 0) return fail(404, 'NoSuchEntity', `The Access Key with id ${query.AccessKeyId} cannot be found.`);
        user.keys.splice(index, 1);
        return ok(IAM_XMLNS, 'DeleteAccessKey', null);
      }
      case 'UpdateAccessKey': {
        const key = user?.keys.find((k) => k.id === query.AccessKeyId);
        if (!key) return fail(404, 'NoSuchEntity', `The Access Key with id ${query.AccessKeyId} cannot be found.`);
        key.status = query.Status;
        return ok(IAM_XMLNS, 'UpdateAccessKey', null);
      }
      default:
        return fail(400, 'InvalidAction', `${query.Action} is not here`);
    }
  }

  account.fetch = async (url, init) => {
    const query = Object.fromEntries(new URLSearchParams(init.body));
    const auth = new Headers(init.headers).get('authorization') ?? '';
    const [, signer, service] = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth) ?? [];
    const call = { action: query.Action, signer, service, params: query };
    account.calls.push(call);
    const [status, body] = before?.(call, account) ?? answer(query, signer, service);
    call.status = status;
    return new Response(body, { status, headers: { date: new Date().toUTCString(), 'content-type': 'text/xml' } });
  };
  account.key = (id) => findKey(id)?.key;
  account.writes = () => account.calls.filter((c) => ['CreateAccessKey', 'DeleteAccessKey', 'UpdateAccessKey'].includes(c.action) && c.status === 200);
  return account;
}

export const ADMIN = { id: 'AKIAADMIN00000000001', secret: 'AdminSecretAdminSecretAdminSecretAdmin01' };
export const ALICE_OLD = { id: 'AKIAALICE00000000001', secret: 'AliceSecretAliceSecretAliceSecretAlice01' };
export const ALICE_OTHER = { id: 'AKIAALICE00000000002', secret: 'AliceSecretAliceSecretAliceSecretAlice02' };

/** admin (one key) and alice with the given keys: [{ ...ALICE_OLD, status, lastUsedBefore }] */
export function users(aliceKeys) {
  const key = (k) => ({ id: k.id, secret: k.secret, status: k.status ?? 'Active', created: '2025-01-02T03:04:05Z', lastUsedBefore: k.lastUsedBefore, pending: 0 });
  return {
    admin: { keys: [key(ADMIN)] },
    alice: { keys: aliceKeys.map(key) },
  };
}

export const credentialsOf = (k) => ({ accessKeyId: k.id, secretAccessKey: k.secret });
