#include "query/model.h"

namespace keyflip::query {

const Member* find_member(const Shape& structure, std::string_view name) {
  for (std::size_t i = 0; i < structure.member_count; ++i)
    if (structure.members[i].name == name) return &structure.members[i];
  return nullptr;
}

std::string_view list_item_name(const Shape& list) {
  return list.list_member_name.empty() ? std::string_view("member") : list.list_member_name;
}

const Service* find_service(std::string_view id) {
  for (const Service* service : services())
    if (service->id == id) return service;
  return nullptr;
}

const Service& iam_service() { return *services().rows[0]; }

}  // namespace keyflip::query
