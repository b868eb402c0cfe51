// aws4fetch's client: sign (WebCrypto) and fetch, with its retries.
import { AwsClient } from 'aws4fetch';

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

window.setKeyStatus = (credentials, AccessKeyId, Status, UserName) =>
  new AwsClient({ ...credentials, region: 'us-east-1', service: 'iam' }).fetch('https://iam.amazonaws.com/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: `Action=UpdateAccessKey&Version=2010-05-08&UserName=${enc(UserName)}&AccessKeyId=${enc(AccessKeyId)}&Status=${enc(Status)}`,
  });
