// A validation problem with one input field: which field, which rule it
// breaks, and a message that says both. Collected (never thrown) so a caller
// sees every problem at once, before anything is built or sent.
#pragma once
#include <string>
#include <vector>

namespace keyflip::util {

struct Issue {
  std::string field;    // e.g. "AccessKeyId", "credentials.secretAccessKey"
  std::string rule;     // e.g. "required", "minLength", "pattern"
  std::string message;  // e.g. "AccessKeyId: length 12 is below the minimum 16"
};

using Issues = std::vector<Issue>;

inline void add_issue(Issues& issues, std::string field, std::string rule, std::string detail) {
  std::string message = field + ": " + detail;
  issues.push_back({std::move(field), std::move(rule), std::move(message)});
}

}  // namespace keyflip::util
