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
  return `<UpdateAccessKeyResponse xmlns="${IAM_XMLNS}">\n${responseMetadata(requestId)}</UpdateAccessKeyResponse>\n`;
}

// members: [{ userName, accessKeyId, status, createDate }]
export function listAccessKeysXml(members, requestId) {
  const items = members
    .map(
      (m) =>
        '      <member>\n' +
        `        <UserName>${escapeXml(m.userName)}</UserName>\n` +
        `        <AccessKeyId>${escapeXml(m.accessKeyId)}</AccessKeyId>\n` +
        `        <Status>${escapeXml(m.status)}</Status>\n` +
        `        <CreateDate>${escapeXml(m.createDate)}</CreateDate>\n` +
        '      </member>\n',
    )
    .join('');
  return (
    `<ListAccessKeysResponse xmlns="${IAM_XMLNS}">\n` +
    '  <ListAccessKeysResult>\n' +
    `    <AccessKeyMetadata>\n${items}    </AccessKeyMetadata>\n` +
    '    <IsTruncated>false</IsTruncated>\n' +
    '  </ListAccessKeysResult>\n' +
    responseMetadata(requestId) +
    '</ListAccessKeysResponse>\n'
  );
}

export function errorXml({ type, code, message }, requestId) {
  return (
    `<ErrorResponse xmlns="${IAM_XMLNS}">\n` +
    '  <Error>\n' +
    `    <Type>${escapeXml(type)}</Type>\n` +
    `    <Code>${escapeXml(code)}</Code>\n` +
    `    <Message>${escapeXml(message)}</Message>\n` +
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
