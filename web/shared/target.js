// Where requests go: the local demo (when the page server was started with
// one), IAM in a partition, or a custom endpoint; which options each shows.
import * as form from './form.js';

const $ = (id) => document.getElementById(id);

export function setUpTargetChoices() {
  const demo = form.demoEndpoint();
  if (demo) {
    $('demo-choice').hidden = false;
    $('demo-url').textContent = demo.url;
    $('target-demo').checked = true;
  }
  for (const radio of document.querySelectorAll('input[name="target"]')) radio.addEventListener('change', showTargetOptions);
  // Under the custom endpoint's URL: which endpoints this page can send to, and what it can do for others.
  $('endpoint-reach-note').textContent = `This page's security policy lets it send only to ${form.reachableText()}. `
    + 'For any other endpoint it still validates, signs, inspects, presigns and makes the curl command, but cannot send.';
  showTargetOptions();
}

function showTargetOptions() {
  const choice = form.targetChoice();
  $('partition-options').hidden = choice !== 'partition';
  $('custom-options').hidden = choice !== 'custom';
  $('demo-banner').hidden = choice !== 'demo';
}

/** The target in a few words, for the compact signer bar. */
export function targetSummary() {
  const target = form.readTarget();
  if (target.issues) return 'a custom endpoint (not given yet)';
  const { endpoint, partition, fips, dualStack } = target.options;
  if (form.targetChoice() === 'demo') return `the local demo of IAM at ${endpoint} (not AWS)`;
  if (endpoint) return endpoint;
  return `IAM in partition ${partition}${fips ? ', FIPS' : ''}${dualStack ? ', dual-stack' : ''}`;
}
