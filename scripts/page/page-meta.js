// The facts about its own set-up that the page reads from <meta> tags in
// web/index.html: the local demo endpoint (preselected, labelled as not AWS)
// and every endpoint besides IAM's own that its CSP lets it connect to (so it
// can refuse the others before sending, rather than after the browser did).
// The page server and the single-file build fill them from the same list
// they give the CSP.
import { originOf } from './csp.js';

const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Replaces one exact piece of the page template, or fails loudly if it moved. */
export function replaceOnce(html, piece, replacement) {
  if (!html.includes(piece)) throw new Error(`web/index.html no longer contains ${piece}`);
  return html.replace(piece, () => replacement);
}

function fillMeta(html, name, value) {
  return replaceOnce(html, `<meta name="${name}" content="">`, `<meta name="${name}" content="${escapeAttribute(value)}">`);
}

/**
 * html with the meta tags filled. endpoints: every configured endpoint URL
 * (the demo one included), the same list the CSP's connect-src is made from;
 * loopback: whether the CSP admits loopback origins on any port.
 */
export function fillPageMeta(html, { demoEndpoint, demoRegion = 'us-east-1', endpoints = [], loopback = false }) {
  let out = fillMeta(html, 'keyflip-endpoint-origins', [...new Set(endpoints.map(originOf))].join(' '));
  // loopback: the CSP admits http://127.0.0.1 and http://localhost on any port (the single-file page).
  if (loopback) out = fillMeta(out, 'keyflip-loopback', 'any-port');
  if (demoEndpoint) {
    out = fillMeta(out, 'keyflip-demo-endpoint', demoEndpoint);
    out = fillMeta(out, 'keyflip-demo-region', demoRegion);
  }
  return out;
}
