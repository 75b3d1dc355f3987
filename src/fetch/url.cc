#include "src/fetch/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace oborot::fetch {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;

std::string Get(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* v = nullptr;
  if (curl_url_get(u, part, &v, flags) != CURLUE_OK || v == nullptr) return {};
  std::string s(v);
  curl_free(v);
  return s;
}

// Query parameters that only say where a reader came from.
bool IsTrackingParameter(std::string_view name) {
  static constexpr std::string_view kExact[] = {"fbclid", "gclid",  "dclid",  "yclid", "ysclid", "_openstat",
                                                "mc_cid", "mc_eid", "igshid", "msclkid", "_ga",  "_gl"};
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower.rfind("utm_", 0) == 0) return true;
  return std::find(std::begin(kExact), std::end(kExact), lower) != std::end(kExact);
}

Result<UrlPtr> Parse(std::string_view url, CURLU* base = nullptr, std::string_view href = {}) {
  UrlPtr u(base ? curl_url_dup(base) : curl_url());
  if (!u) throw std::bad_alloc();
  const std::string text(base ? href : url);
  const CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Status(StatusCode::kInvalidInput, text + ": not a valid URL (" + curl_url_strerror(rc) + ")");
  }
  std::string scheme = Get(u.get(), CURLUPART_SCHEME);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (scheme != "http" && scheme != "https") return Status(StatusCode::kInvalidInput, text + ": not an http(s) URL");
  return u;
}

// Non-ASCII bytes, spaces and controls as %XX: one spelling per URL.
std::string Escape(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x80 || c <= 0x20 || c == 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string Build(CURLU* u) {
  std::string scheme = Get(u, CURLUPART_SCHEME), host = Get(u, CURLUPART_HOST), port = Get(u, CURLUPART_PORT);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port.clear();
  std::string path = Get(u, CURLUPART_PATH);
  if (path.empty()) path = "/";
  const std::string query = Get(u, CURLUPART_QUERY);
  std::string kept;
  size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string_view param = std::string_view(query).substr(pos, amp - pos);
    const std::string_view name = param.substr(0, param.find('='));
    if (!param.empty() && !IsTrackingParameter(name)) {
      if (!kept.empty()) kept += '&';
      kept += param;
    }
    pos = amp + 1;
  }
  std::string out = scheme + "://" + host;
  if (!port.empty()) out += ":" + port;
  out += Escape(path);
  if (!kept.empty()) out += "?" + Escape(kept);
  return out;
}

}  // namespace

Result<std::string> Canonicalize(std::string_view url) {
  auto u = Parse(url);
  if (!u.ok()) return u.status();
  return Build(u->get());
}

Result<std::string> Resolve(std::string_view base, std::string_view href) {
  auto b = Parse(base);
  if (!b.ok()) return b.status();
  auto u = Parse(base, b->get(), href);
  if (!u.ok()) return u.status();
  return Build(u->get());
}

Result<std::string> Origin(std::string_view url) {
  auto u = Parse(url);
  if (!u.ok()) return u.status();
  std::string scheme = Get(u->get(), CURLUPART_SCHEME), host = Get(u->get(), CURLUPART_HOST);
  const std::string port = Get(u->get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  return scheme + "://" + host + ":" + port;
}

Result<std::string> PathAndQuery(std::string_view url) {
  auto u = Parse(url);
  if (!u.ok()) return u.status();
  std::string path = Get(u->get(), CURLUPART_PATH);
  if (path.empty()) path = "/";
  const std::string query = Get(u->get(), CURLUPART_QUERY);
  return query.empty() ? path : path + "?" + query;
}

}  // namespace oborot::fetch
