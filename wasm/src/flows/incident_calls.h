// The incident's decisions as one packed call (the bindings' "incident"):
// the input names a question and carries its fields, the output is a plain
// Value. Kept here, not in the bindings, so it is plain C++ tested natively
// and embind.cpp only forwards.
//
// Questions (input fields -> output):
//   triage      { accessKeyId } -> key_triage.h's KeyTriage
//   ownership   { keyAccount, signerAccount, encodedAccount } -> { ownership, message }
//   revokePolicy { nowMs, existing: [name, document, ...] } -> the policy and its size check
//   readBack    { putName, putDocument, readName, readDocument } -> { issues }
//   quarantine  { userName, attached: [name, arn, ...] } -> { findings }
//   denial      { code, message, action, signerArn, signerTemporary, affectedUser,
//                 affectedAccount, attached: [name, arn, ...], sessionsCut } -> the verdict
//   plan        { state: {...IncidentState in camelCase}, keyId, quarantined } -> { decision, nextSteps }
//   facts       {} -> { policyName, inlinePolicyLimit, notCovered, encodedAccountLabel }
#pragma once
#include "query/value.h"
#include "wire/fields.h"

namespace keyflip::flows {

// An unknown question is an output { issues: [{ field: "question", ... }] }.
query::Value incident_call(wire::Fields& in);

}  // namespace keyflip::flows
