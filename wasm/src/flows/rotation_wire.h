// The rotation's one call across the wasm boundary (the bindings' "rotation"
// function): a packed input, read strictly (wire/fields.h), to the decision,
// and the decision back to a packed output. Kept here, not in the bindings,
// so the conversion is tested natively with the decision.
//
// Input, { flow: "rotate", ... }:
//   userName ("": the signer's own user), rotatedKeyId, signerKeyId, signerArn, nowMs,
//   keys: [{ id, status: "Active" | "Inactive", createdMs, lastUsedMs | null }],
//   options: { proveIntervalMs, proveTimeoutMs, recentUseWindowMs } (each a number or null: the default),
//   choices: { limitAsked, deletePick, deleteConfirmed, rollbackAsked, rollbackConfirmed, retireAsked, retireConfirmed },
//   progress: { keysListed, deletedForRoom, newKeyId, createUnanswered, proveAttempts, proveStartedMs, proven, proveLastCode,
//               proveLastTransient, oldLastUseRead, signerSwitched, oldDeactivated, secretNotSaved, newKeyDeleted, stopped }
// Output: { step, userName, signerIsUser, keyId, candidates: [{ keyId, status, recentlyUsed }], recentlyUsed, waitMs, elapsedMs,
//           outcome, refusal, message, issues: [{ field, rule, message }] }
//
// Input, { flow: "delete-later", userName, keys, keyId, typedId, recentUseWindowMs | null, nowMs }:
// Output: { verdict, refusal, recentlyUsed, message, issues }
//
// Input, { flow: "limits" }: every default and range of rotation_limits.h
// ({ accessKeysPerUser, defaultProveIntervalMs, minProveIntervalMs, ... }).
//
// A field the two sides spell differently is a { wireError } output.
#pragma once
#include "query/value.h"
#include "wire/fields.h"

namespace keyflip::flows {

query::Value rotation_call(wire::Fields& in);

}  // namespace keyflip::flows
