#include "src/kb/raw_input.h"

#include <zlib.h>

#include <nlohmann/json.hpp>

namespace oborot::kb {
namespace {

const char* FormatName(InputFormat f) {
  switch (f) {
    case InputFormat::kText:
      return "text";
    case InputFormat::kHtml:
      return "html";
    case InputFormat::kAuto:
      break;
  }
  return "auto";
}

}  // namespace

StoredInput PackInput(const RawInput& raw) {
  StoredInput s;
  nlohmann::ordered_json m;
  m["id"] = raw.id;
  // The name stored in the knowledge base, never an absolute path of this
  // machine (RawInput::stored_source), so that a reextract keeps it.
  m["source"] = raw.stored_source.empty() ? raw.source : raw.stored_source;
  auto opt = [&m](const char* key, const std::string& v) {
    if (!v.empty()) m[key] = v;
  };
  opt("url", raw.url);
  opt("title", raw.title);
  opt("published", raw.published);
  opt("published_fallback", raw.published_fallback);
  opt("published_fallback_how", raw.published_fallback_how);
  opt("charset", raw.charset);
  opt("fetched_at", raw.fetched_at);
  s.meta = m.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  s.format = FormatName(raw.format);
  s.size = static_cast<int64_t>(raw.bytes.size());
  uLongf bound = compressBound(static_cast<uLong>(raw.bytes.size()));
  s.compressed.resize(bound);
  const int rc = compress2(reinterpret_cast<Bytef*>(s.compressed.data()), &bound,
                           reinterpret_cast<const Bytef*>(raw.bytes.data()), static_cast<uLong>(raw.bytes.size()), 1);
  // compress2 fails only without memory or with a buffer below compressBound.
  if (rc != Z_OK) throw std::bad_alloc();
  s.compressed.resize(bound);
  s.compressed.shrink_to_fit();  // sized for the worst case (compressBound, more than the input)
  return s;
}

Result<RawInput> UnpackInput(const StoredInput& s) {
  nlohmann::json m = nlohmann::json::parse(s.meta, nullptr, /*allow_exceptions=*/false);
  if (m.is_discarded() || !m.is_object()) return Status(StatusCode::kCorrupt, "stored input: metadata is not a JSON object");
  RawInput raw;
  auto str = [&m](const char* key) {
    auto it = m.find(key);
    return it != m.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  raw.id = str("id");
  raw.source = str("source");
  raw.url = str("url");
  raw.title = str("title");
  raw.published = str("published");
  raw.published_fallback = str("published_fallback");
  raw.published_fallback_how = str("published_fallback_how");
  raw.charset = str("charset");
  raw.fetched_at = str("fetched_at");
  raw.format = s.format == "text" ? InputFormat::kText : s.format == "html" ? InputFormat::kHtml : InputFormat::kAuto;
  if (s.size < 0) return Status(StatusCode::kCorrupt, raw.id + ": stored input has a negative size");
  raw.bytes.resize(static_cast<size_t>(s.size));
  uLongf len = static_cast<uLongf>(s.size);
  const int rc = uncompress(reinterpret_cast<Bytef*>(raw.bytes.data()), &len,
                            reinterpret_cast<const Bytef*>(s.compressed.data()), static_cast<uLong>(s.compressed.size()));
  if (rc != Z_OK || len != static_cast<uLongf>(s.size)) {
    return Status(StatusCode::kCorrupt, raw.id + ": stored input does not decompress (zlib error " +
                                            std::to_string(rc) + ")");
  }
  return raw;
}

}  // namespace oborot::kb
