// pugixml helpers shared by the answer classification (response.cpp) and the
// shape-driven output reader (parse_output.cpp). Elements are matched by
// local name: IAM uses a default namespace, but a proxy or test server may
// write <iam:Code>.
#pragma once
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace keyflip::query::xml {

inline std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The first child element of that local name; an empty node if none.
inline pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_element && local_name(n) == name) return n;
  return {};
}

// All the element's own character data (text and CDATA sections, entities
// and character references decoded), whitespace kept, as ElementTree's .text
// gives it to botocore for a leaf element.
inline std::string raw_text(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node n = node.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out.append(n.value());
  return out;
}

// How answers are parsed: entities decoded, never fetched; whitespace-only
// text kept (a value may be all spaces); line ends normalised as XML says.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata;

}  // namespace keyflip::query::xml
