// CONTRACT (written before the implementation; the implementer may refine
// names but keeps the shape of it): the generic IAM operation API that the
// bindings call. Everything is driven by the generated model tables
// (model.h), made from AWS's IAM model (botocore's service-2.json) for the
// operations listed in wasm/model/operations.txt. No code here is specific to
// one operation.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "query/endpoints.h"
#include "query/model.h"
#include "query/query_serialize.h"  // QueryParam
#include "query/request.h"    // SigningContext, BuiltRequest
#include "query/response.h"   // IamAnswer
#include "query/value.h"
#include "util/issues.h"

namespace keyflip::query {

// Operation: a generated table row (model.h): name, version, input shape,
// output shape, result wrapper.

// nullptr for an action keyflip does not support.
const Operation* find_operation(std::string_view action);
// "GetAccessKeyLastUsed, GetUser, ..." in model order, for messages and the bindings.
std::vector<std::string_view> operation_names();

// Every problem with params (a Map; Null means "no params"), by the input
// shape: unknown members, types (string, integer, boolean, timestamp, list,
// structure), required, min/max (length in code points, integer value, list
// size), pattern, enum. Field paths: "UserName", "Tags[0].Key".
util::Issues validate_params(const Operation& op, const Value& params);

// Action, Version, then members flattened as the Query protocol writes them
// (Tags.member.1.Key, booleans true/false, integers in decimal). Not encoded.
// (QueryParam: name, raw value; see query_serialize.h)
std::vector<QueryParam> query_params(const Operation& op, const Value& params);

// POST with the form body (header-signed), or a presigned GET whose
// expires_in must be 1..kIamPresignMaxSeconds (900: outside S3, AWS accepts a
// query-signed request for about 15 minutes whatever X-Amz-Expires says).
// All issues (params, endpoint, credentials, time, expiry) together.
BuiltRequest build_request(const Operation& op, const Value& params,
                           const EndpointConfig& endpoint, const SigningContext& signing);
BuiltRequest presign_request(const Operation& op, const Value& params,
                             const EndpointConfig& endpoint, const SigningContext& signing,
                             std::int64_t expires_in);

// IAM's answer read against the operation's output shape:
// <Action>Response/<Action>Result into a Map with the model's member names;
// `member` lists; timestamps (ISO 8601, with or without fractional seconds)
// as Kind::Timestamp; booleans; integers; optional members IAM left out are
// absent. answer carries the request id and the error classification as
// parse_iam_response does. op may be nullptr: then only the answer (as today).
// With op, only <Action>Response is a success document (another action's
// answer is unparsable). A value that cannot be read by its shape (a bad
// timestamp, integer or boolean) is left out of output and listed in
// unreadable (field path, rule "unreadable"); answer.ok is not changed by it.
struct ParsedResponse {
  IamAnswer answer;
  Value output;  // Map; Null unless answer.ok
  util::Issues unreadable;
};
ParsedResponse parse_response(const Operation* op, int status, std::string_view body);

// What a caller may act on (the bindings use this, not parse_response): a
// success whose members could not all be read by their shapes is refused
// rather than handed out with the member missing, since "absent" would be
// silently wrong (a used key shown as never used). It becomes an unparsable
// answer naming every such field, output Null, not retried (the same answer
// would come again).
ParsedResponse read_response(const Operation* op, int status, std::string_view body);

}  // namespace keyflip::query
