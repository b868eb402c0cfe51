// Test mode's controls for the scale features, plugged into TestControls
// (test-controls.js) as extensions: each has a name (the control's key in a
// POST /__control body), parse(value) that checks it and throws ControlError
// naming the field and the rule (before anything changes), apply(parsed),
// reset() for { "reset": true }, and snapshot() for the state.
//
//   { "rateLimits": "<spec>" }    the throttle spec (throttle.js): "on", "off",
//                                 "reads=20:40,writes=10:20", "UpdateAccessKey=1:2", ...
//                                 buckets start full again, counts stay
//   { "credentialReport": { "expire"?: true, "clear"?: true, "generationMs"?: N } }
//                                 expire: the latest report expires now (ReportExpired);
//                                 clear: no report at all (ReportNotPresent);
//                                 generationMs: how long reports stay INPROGRESS, from now
//                                 on and for the one in progress (ready that long after it started)
import { ControlError } from './test-controls.js';
import { parseThrottleSpec, ThrottleSpecError } from './throttle.js';

const REPORT_FIELDS = ['expire', 'clear', 'generationMs'];
const MAX_GENERATION_MS = 60 * 60 * 1000;
const show = (value) => JSON.stringify(value) ?? String(value);

export function rateLimitsControl(limiter) {
  return {
    name: 'rateLimits',
    parse(value) {
      try {
        parseThrottleSpec(value);
      } catch (err) {
        if (err instanceof ThrottleSpecError) throw new ControlError(`rateLimits: ${err.message}`);
        throw err;
      }
      return value;
    },
    apply(spec) {
      const throttled = limiter.throttled;
      limiter.configure(spec);
      limiter.throttled = throttled;
    },
    reset: () => limiter.reset(),
    snapshot: () => limiter.snapshot(),
  };
}

export function credentialReportControl(reports) {
  return {
    name: 'credentialReport',
    parse(value) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ControlError(`credentialReport must be an object { expire?, clear?, generationMs? }, got ${show(value)}`);
      }
      const unknown = Object.keys(value).filter((k) => !REPORT_FIELDS.includes(k));
      if (unknown.length > 0) throw new ControlError(`credentialReport: unknown field(s) ${unknown.join(', ')}; known: ${REPORT_FIELDS.join(', ')}`);
      for (const flag of ['expire', 'clear']) {
        if (value[flag] !== undefined && value[flag] !== true) throw new ControlError(`credentialReport.${flag} must be true when given, got ${show(value[flag])}`);
      }
      if (value.expire && value.clear) throw new ControlError('credentialReport: expire and clear cannot be combined');
      const { generationMs } = value;
      if (generationMs !== undefined && (!Number.isInteger(generationMs) || generationMs < 0 || generationMs > MAX_GENERATION_MS)) {
        throw new ControlError(`credentialReport.generationMs must be an integer 0-${MAX_GENERATION_MS} (milliseconds), got ${show(generationMs)}`);
      }
      return value;
    },
    apply({ expire, clear, generationMs }) {
      if (generationMs !== undefined) reports.setGenerationMs(generationMs);
      if (expire) reports.expire();
      if (clear) reports.clear();
    },
    reset: () => reports.reset(),
    snapshot: () => reports.snapshot(),
  };
}
