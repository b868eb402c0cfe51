// Internal to the core: the answer classification of response.cpp with the
// parsed document kept, so parse_output.cpp reads the output from the same
// parse (one parse, one body cap, one set of rules).
#pragma once
#include <pugixml.hpp>
#include <string_view>

#include "query/response.h"

namespace keyflip::query {

enum class RootRule {
  OwnOnly,                   // only <own_root> is a success document
  AnyResponseWithRequestId,  // also any other <X>Response with a non-blank RequestId
};

// As parse_iam_response, with <own_root> recognised even without metadata.
// doc holds the parsed body afterwards (when there was one to parse).
// max_bytes: a larger body is unparsable (kMaxParsedBodyBytes unless the
// operation's output holds a blob: max_body_bytes in response.h).
IamAnswer read_iam_document(int status, std::string_view body, std::string_view own_root,
                            RootRule rule, pugi::xml_document& doc,
                            std::size_t max_bytes = kMaxParsedBodyBytes);

}  // namespace keyflip::query
