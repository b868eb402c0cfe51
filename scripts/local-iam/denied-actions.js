// Test mode's deniedActions control: IAM actions the signer's policies do
// not allow, answered with IAM's AccessDenied (403, "... because no
// identity-based policy allows the iam:<Action> action") after the signature
// and the throttle, before the action runs. For clients that must handle a
// missing permission, e.g. the page falling back from the credential report
// (no iam:GenerateCredentialReport) to one ListAccessKeys per user.
// A TestControls extension (test-controls.js), like scale-controls.js:
//
//   { "deniedActions": ["GenerateCredentialReport", ...] }   [] allows all again
import { ControlError } from './test-controls.js';

const ACTION_NAME = /^[A-Za-z]{1,64}$/;
const MAX_ACTIONS = 100;
const show = (value) => JSON.stringify(value) ?? String(value);

export class DeniedActions {
  constructor() {
    this.actions = new Set();
  }

  has(action) {
    return typeof action === 'string' && this.actions.has(action);
  }
}

export function deniedActionsControl(denied) {
  return {
    name: 'deniedActions',
    parse(value) {
      if (!Array.isArray(value) || value.length > MAX_ACTIONS || !value.every((a) => typeof a === 'string' && ACTION_NAME.test(a))) {
        throw new ControlError(`deniedActions must be a list of at most ${MAX_ACTIONS} action names such as "GenerateCredentialReport", got ${show(value)}`);
      }
      return value;
    },
    apply(actions) {
      denied.actions = new Set(actions);
    },
    reset() {
      denied.actions = new Set();
    },
    snapshot: () => [...denied.actions],
  };
}
