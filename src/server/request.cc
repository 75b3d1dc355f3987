#include "src/server/request.h"

namespace oborot::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Params ParseQuery(std::string_view query) {
  Params params;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    const size_t eq = piece.find('=');
    params.emplace_back(Decode(piece.substr(0, eq), true),
                        eq == std::string_view::npos ? std::string() : Decode(piece.substr(eq + 1), true));
  }
  return params;
}

std::string HostName(std::string_view host) {
  std::string h;
  if (!host.empty() && host[0] == '[') {
    const size_t close = host.find(']');
    h = std::string(host.substr(0, close == std::string_view::npos ? host.size() : close + 1));
  } else {
    h = std::string(host.substr(0, host.find(':')));
  }
  for (char& c : h) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return h;
}

bool BadPath(std::string_view path) {
  return path.empty() || path[0] != '/' || path.find("..") != std::string_view::npos ||
         path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos;
}

std::string Printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7f) {
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

}  // namespace oborot::server
