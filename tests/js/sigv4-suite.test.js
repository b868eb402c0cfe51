// The official SigV4 test suite through the wasm build (kf.signRequest and
// kf.presignRequest): the same cases as the native GoogleTest run, so native
// and wasm are proven equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from 'keyflip';
import { caseNames, expected, loadCase, render, lowercaseHeaderNames, suiteDir } from './suite.js';

const kf = await init();
const names = caseNames();

test('the suite is present with its 38 cases', () => {
  assert.equal(names.length, 38, `expected 38 cases in ${suiteDir}`);
});

for (const name of names) {
  test(`header signing: ${name}`, () => {
    const { request, options } = loadCase(name);
    const signed = kf.signRequest(request, options);
    assert.equal(signed.canonicalRequest, expected(name, 'header-canonical-request.txt'));
    assert.equal(signed.stringToSign, expected(name, 'header-string-to-sign.txt'));
    assert.equal(signed.signature, expected(name, 'header-signature.txt'));
    assert.equal(lowercaseHeaderNames(render(signed)), lowercaseHeaderNames(expected(name, 'header-signed-request.txt')));
  });

  test(`query signing: ${name}`, () => {
    const { request, options, expiresIn } = loadCase(name);
    const signed = kf.presignRequest(request, { ...options, expiresIn });
    assert.equal(signed.canonicalRequest, expected(name, 'query-canonical-request.txt'));
    assert.equal(signed.stringToSign, expected(name, 'query-string-to-sign.txt'));
    assert.equal(signed.signature, expected(name, 'query-signature.txt'));
    const rendered = render({ ...request, url: signed.url });
    assert.equal(lowercaseHeaderNames(rendered), lowercaseHeaderNames(expected(name, 'query-signed-request.txt')));
  });
}
