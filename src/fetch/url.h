// URLs as `oborot fetch` keeps them: resolved, canonical, keyed by host.
//
//   auto u = oborot::fetch::Canonicalize("HTTPS://Example.com:443/a?utm_source=x&id=2#top");
//   // u == "https://example.com/a?id=2"
//   auto abs = oborot::fetch::Resolve("https://example.com/news/", "../a.html");  // "https://example.com/a.html"
//
// Parsing is libcurl's URL API (curl_url), not hand-written. The canonical
// form: lower-case scheme and host, no default port, "/" for an empty path,
// no fragment, and no tracking parameters (utm_*, fbclid, gclid, yclid, ...;
// the others keep their order). Only http and https URLs are accepted.
// Errors: kInvalidInput naming the URL ("ftp://x: not an http(s) URL").
#pragma once

#include <string>
#include <string_view>

#include "oborot/status.h"

namespace oborot::fetch {

Result<std::string> Canonicalize(std::string_view url);
// `href` (absolute or relative) against `base`; then canonical.
Result<std::string> Resolve(std::string_view base, std::string_view href);
// "https://example.com:8443" of a URL: what politeness limits count by.
Result<std::string> Origin(std::string_view url);
// The path and query of a URL ("/a?b=1"), as robots.txt rules match them.
Result<std::string> PathAndQuery(std::string_view url);

}  // namespace oborot::fetch
