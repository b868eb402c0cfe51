#include "iam/input.h"

#include "iam/update_access_key.shape.generated.h"

namespace keyflip::iam {

// The struct above is written by hand (the bindings name its fields); these
// checks break the build if the shape JSON gains, loses or reorders a member
// without the struct following.
static_assert(sizeof(generated::kMembers) / sizeof(generated::kMembers[0]) == 3,
              "UpdateAccessKeyInput must hold one Field per shape member");
static_assert(generated::kMembers[0].name == "UserName", "member 0 must be UserName");
static_assert(generated::kMembers[1].name == "AccessKeyId", "member 1 must be AccessKeyId");
static_assert(generated::kMembers[2].name == "Status", "member 2 must be Status");

const Field* member_field(const UpdateAccessKeyInput& input, std::string_view member_name) {
  if (member_name == "UserName") return &input.user_name;
  if (member_name == "AccessKeyId") return &input.access_key_id;
  if (member_name == "Status") return &input.status;
  return nullptr;
}

}  // namespace keyflip::iam
