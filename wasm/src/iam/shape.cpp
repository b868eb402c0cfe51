#include "iam/shape.h"

#include "iam/update_access_key.shape.generated.h"

namespace keyflip::iam {

const OperationShape& update_access_key_shape() {
  static constexpr OperationShape shape{
      generated::kOperation, generated::kVersion, generated::kXmlNamespace, generated::kMembers,
      sizeof(generated::kMembers) / sizeof(generated::kMembers[0])};
  return shape;
}

const MemberShape* find_member(const OperationShape& shape, std::string_view name) {
  for (std::size_t i = 0; i < shape.member_count; ++i)
    if (shape.members[i].name == name) return &shape.members[i];
  return nullptr;
}

}  // namespace keyflip::iam
