#include "iam/model.h"

namespace keyflip::iam {

const Member* find_member(const Shape& structure, std::string_view name) {
  for (std::size_t i = 0; i < structure.member_count; ++i)
    if (structure.members[i].name == name) return &structure.members[i];
  return nullptr;
}

std::string_view list_item_name(const Shape& list) {
  return list.list_member_name.empty() ? std::string_view("member") : list.list_member_name;
}

}  // namespace keyflip::iam
