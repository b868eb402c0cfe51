// IAM Query-protocol response bodies, laid out as IAM sends them. botocore's
// QueryParser finds results under <{Action}Result> and the request id under
// <ResponseMetadata>, and errors under <ErrorResponse><Error>.

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

const XML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// For element text only (no attribute carries request data), so quotes stay
// as they are, as in IAM's own messages.
export function escapeXml(value) {
  return String(value).replace(/[&<>]/g, (c) => XML_ENTITIES[c]);
}

function responseMetadata(requestId) {
  return `  <ResponseMetadata>\n    <RequestId>${escapeXml(requestId)}</RequestId>\n  </ResponseMetadata>\n`;
}

export function updateAccessKeyXml(requestId) {
  return metadataOnlyXml('UpdateAccessKey', requestId);
}

// The answer of an action with no result (UpdateAccessKey, DeleteAccessKey,
// PutUserPolicy, ...): the request id only.
export function metadataOnlyXml(action, requestId, xmlns = IAM_XMLNS) {
  return `<${action}Response xmlns="${xmlns}">\n${responseMetadata(requestId)}</${action}Response>\n`;
}

// Elements in the order given, each on its own line at the given depth;
// undefined values are left out (IAM omits absent optional members).
export function elements(depth, fields) {
  const pad = '  '.repeat(depth);
  return fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${pad}<${name}>${escapeXml(value)}</${name}>\n`)
    .join('');
}

// <{name}><member>...</member>...</{name}> at depth 2 inside the result.
export function memberList(name, members, fieldsOf) {
  const items = members.map((m) => `      <member>\n${elements(4, fieldsOf(m))}      </member>\n`).join('');
  return `    <${name}>\n${items}    </${name}>\n`;
}

// <{Action}Response><{Action}Result>body</{Action}Result><ResponseMetadata>...
// (STS lays its answers out the same way, under its own namespace.)
export function resultResponse(action, body, requestId, xmlns = IAM_XMLNS) {
  return (
    `<${action}Response xmlns="${xmlns}">\n` +
    `  <${action}Result>\n${body}  </${action}Result>\n` +
    responseMetadata(requestId) +
    `</${action}Response>\n`
  );
}

// IsTruncated, then Marker only when there is more, as IAM lists end.
export function paging({ isTruncated, marker }) {
  return elements(2, [
    ['IsTruncated', String(isTruncated)],
    ['Marker', marker],
  ]);
}

// The User shape in the order of IAM's reference examples.
const userFields = (u) => [
  ['UserId', u.userId],
  ['Path', u.path],
  ['UserName', u.userName],
  ['Arn', u.arn],
  ['CreateDate', u.createDate],
];

// page: { items: [{ userName, accessKeyId, status, createDate }], isTruncated, marker? }
export function listAccessKeysXml(page, requestId) {
  const keyFields = (m) => [
    ['UserName', m.userName],
    ['AccessKeyId', m.accessKeyId],
    ['Status', m.status],
    ['CreateDate', m.createDate],
  ];
  return resultResponse('ListAccessKeys', memberList('AccessKeyMetadata', page.items, keyFields) + paging(page), requestId);
}

// page: { items: [user], isTruncated, marker? }
export function listUsersXml(page, requestId) {
  return resultResponse('ListUsers', memberList('Users', page.items, userFields) + paging(page), requestId);
}

export function getUserXml(user, requestId) {
  return resultResponse('GetUser', `    <User>\n${elements(3, userFields(user))}    </User>\n`, requestId);
}

// lastUsed: { date, service, region } or null (never used: no date, N/A).
// Element order as in IAM's reference example.
export function getAccessKeyLastUsedXml(userName, lastUsed, requestId) {
  const used = elements(3, [
    ['Region', lastUsed?.region ?? 'N/A'],
    ['LastUsedDate', lastUsed?.date],
    ['ServiceName', lastUsed?.service ?? 'N/A'],
  ]);
  return resultResponse(
    'GetAccessKeyLastUsed',
    `    <AccessKeyLastUsed>\n${used}    </AccessKeyLastUsed>\n${elements(2, [['UserName', userName]])}`,
    requestId,
  );
}

// STS's errors have the same <ErrorResponse> layout under STS's namespace.
// An error without a message (hasMessage false) has no <Message> element.
export function errorXml({ type, code, message, hasMessage = true }, requestId, xmlns = IAM_XMLNS) {
  return (
    `<ErrorResponse xmlns="${xmlns}">\n` +
    '  <Error>\n' +
    `    <Type>${escapeXml(type)}</Type>\n` +
    `    <Code>${escapeXml(code)}</Code>\n` +
    (hasMessage ? `    <Message>${escapeXml(message)}</Message>\n` : '') +
    '  </Error>\n' +
    `  <RequestId>${escapeXml(requestId)}</RequestId>\n` +
    '</ErrorResponse>\n'
  );
}

// What a reverse proxy in front of IAM says when the backend is unreachable:
// clients must cope with a non-XML body on a 5xx.
export const PROXY_ERROR_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>local-iam test proxy</center>\r\n' +
  '</body>\r\n</html>\r\n';
