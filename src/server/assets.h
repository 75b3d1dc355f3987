// The dashboard's files (web/), compiled into the binary at build time by
// tools/embed_assets, so that `oborot serve` and `oborot report` need no
// files and no network at run time.
//
//   if (auto a = oborot::server::FindAsset("/app.js")) Send(a->content_type, a->body);
//   std::string_view js = oborot::server::AssetBody("/app.js");  // empty when absent
//
// Lookup is by exact path among the embedded files only, so no request path
// («/../etc/passwd», «/%2e%2e/») can reach anything else. Returned views point
// into static storage and live as long as the program.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace oborot::server {

// One embedded file as the generated table stores it ("/vendor/chart.umd.min.js").
struct EmbeddedAsset {
  const char* path;
  const char* data;
  size_t size;
};
extern const EmbeddedAsset kEmbeddedAssets[];
extern const size_t kEmbeddedAssetCount;

struct Asset {
  std::string_view path;
  std::string_view content_type;
  std::string_view body;
};

// The asset at `path`; "/" is "/index.html". nullopt for anything else.
std::optional<Asset> FindAsset(std::string_view path);
// The body of an embedded file, or empty when there is none.
std::string_view AssetBody(std::string_view path);
// All embedded files, in path order.
std::vector<Asset> Assets();
// "text/html; charset=utf-8" etc. by extension; application/octet-stream otherwise.
std::string_view ContentTypeFor(std::string_view path);

}  // namespace oborot::server
