#include "src/server/assets.h"

namespace oborot::server {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view path) {
  if (EndsWith(path, ".html")) return "text/html; charset=utf-8";
  if (EndsWith(path, ".js")) return "text/javascript; charset=utf-8";
  if (EndsWith(path, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(path, ".svg")) return "image/svg+xml";
  if (EndsWith(path, ".json")) return "application/json; charset=utf-8";
  return "application/octet-stream";
}

std::optional<Asset> FindAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (size_t i = 0; i < kEmbeddedAssetCount; ++i) {
    const EmbeddedAsset& a = kEmbeddedAssets[i];
    if (path == a.path) return Asset{a.path, ContentTypeFor(a.path), std::string_view(a.data, a.size)};
  }
  return std::nullopt;
}

std::string_view AssetBody(std::string_view path) {
  auto a = FindAsset(path);
  return a ? a->body : std::string_view();
}

std::vector<Asset> Assets() {
  std::vector<Asset> out;
  for (size_t i = 0; i < kEmbeddedAssetCount; ++i) {
    const EmbeddedAsset& a = kEmbeddedAssets[i];
    if (a.path[0] != '\0') out.push_back({a.path, ContentTypeFor(a.path), std::string_view(a.data, a.size)});
  }
  return out;
}

}  // namespace oborot::server
