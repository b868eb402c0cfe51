// How long a new access key is refused (InvalidClientTokenId) after
// CreateAccessKey: set at start (--key-propagation-ms, 10 s by default as on
// AWS), changed at run time in test mode by the keyPropagationMs control (a
// TestControls extension, like scale-controls.js), restored by reset.
// key-lifecycle.js decides with it whether a key may sign.
import { DEFAULT_KEY_PROPAGATION_MS } from './iam-limits.js';
import { ControlError } from './test-controls.js';

const show = (value) => JSON.stringify(value) ?? String(value);

export function checkPropagationMs(value) {
  return Number.isInteger(value) && value >= 0;
}

export class KeyPropagation {
  constructor(ms = DEFAULT_KEY_PROPAGATION_MS) {
    if (!checkPropagationMs(ms)) throw new Error(`keyPropagationMs must be a non-negative integer (milliseconds), got ${show(ms)}`);
    this.initialMs = ms;
    this.ms = ms;
  }
}

//   { "keyPropagationMs": MS }   new keys (those already made too) sign MS ms after their creation
export function keyPropagationControl(propagation) {
  return {
    name: 'keyPropagationMs',
    parse(value) {
      if (!checkPropagationMs(value)) {
        throw new ControlError(`keyPropagationMs must be a non-negative integer (milliseconds; 0 turns the delay off), got ${show(value)}`);
      }
      return value;
    },
    apply(ms) {
      propagation.ms = ms;
    },
    reset() {
      propagation.ms = propagation.initialMs;
    },
    snapshot: () => propagation.ms,
  };
}
