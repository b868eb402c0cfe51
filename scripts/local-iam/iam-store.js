// In-memory IAM users and access keys, from normalised data (iam-data.js).
// Never written back: every start, and every test-mode reset, begins from the
// same known state.

export class IamStore {
  constructor(data) {
    this.initialData = structuredClone(data);
    this.reset();
  }

  // Back to the data the endpoint started with.
  reset() {
    const data = structuredClone(this.initialData);
    this.accountId = data.accountId;
    // Maps throughout: names and ids come from requests and must never reach
    // an object's prototype.
    this.users = new Map(data.users.map((u) => [u.userName, u]));
    this.credentials = new Map();
    for (const user of data.users) {
      for (const key of user.accessKeys) this.credentials.set(key.accessKeyId, { kind: 'user', user, key });
    }
    for (const session of data.sessions) {
      this.credentials.set(session.accessKeyId, { kind: 'session', session });
    }
  }

  findUser(userName) {
    return this.users.get(userName) ?? null;
  }

  // Users in data-file order whose path starts with pathPrefix.
  listUsers(pathPrefix = '/') {
    return [...this.users.values()].filter((u) => u.path.startsWith(pathPrefix));
  }

  // The signing credential for an access key id: { kind: 'user', user, key }
  // or { kind: 'session', session }, or null when unknown.
  findCredential(accessKeyId) {
    return this.credentials.get(accessKeyId) ?? null;
  }

  // A user's access key by id alone: { user, key } or null.
  findUserKey(accessKeyId) {
    const credential = this.findCredential(accessKeyId);
    return credential?.kind === 'user' ? { user: credential.user, key: credential.key } : null;
  }

  // A key CreateAccessKey made: listed after the user's others, and a
  // credential from now on (whether it may sign yet is key-lifecycle.js's
  // call).
  addAccessKey(user, key) {
    user.accessKeys.push(key);
    this.credentials.set(key.accessKeyId, { kind: 'user', user, key });
  }

  // DeleteAccessKey: gone from the listing and as a credential.
  removeAccessKey(user, accessKeyId) {
    user.accessKeys = user.accessKeys.filter((k) => k.accessKeyId !== accessKeyId);
    this.credentials.delete(accessKeyId);
  }

  // Temporary credentials STS minted (GetSessionToken).
  addSession(session) {
    this.credentials.set(session.accessKeyId, { kind: 'session', session });
  }

  // A verified request signed with a user's key: it becomes that key's last
  // use (date, the service it was signed for, the signing region).
  recordUse(accessKeyId, { date, service, region }) {
    const found = this.findUserKey(accessKeyId);
    if (found) found.key.lastUsed = { date, service, region };
  }

  // Users, keys, statuses and last uses without any secret, for the control route.
  snapshot() {
    return {
      accountId: this.accountId,
      users: [...this.users.values()].map((u) => ({
        userName: u.userName,
        path: u.path,
        userId: u.userId,
        accessKeys: u.accessKeys.map(({ accessKeyId, status, createDate, lastUsed }) => ({
          accessKeyId,
          status,
          createDate,
          lastUsed: lastUsed && { ...lastUsed },
        })),
        // The incident's state: policy names and ARNs, the MFA serial (not its code).
        inlinePolicies: u.inlinePolicies.map((p) => p.policyName),
        attachedPolicies: u.attachedPolicies.map((p) => p.policyArn),
        mfaSerialNumber: u.mfaDevice?.serialNumber ?? null,
      })),
      // Minted sessions also say whose they are, with MFA or not, and until when.
      sessions: [...this.credentials.values()]
        .filter((c) => c.kind === 'session')
        .map(({ session: s }) =>
          s.userName === undefined
            ? { accessKeyId: s.accessKeyId }
            : { accessKeyId: s.accessKeyId, userName: s.userName, mfa: s.mfa, expiration: new Date(s.expiresAtMs).toISOString() },
        ),
    };
  }
}
