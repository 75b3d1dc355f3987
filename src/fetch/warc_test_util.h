// Test helpers: WARC records and gzip members made in the test (the WARC
// tests and the end-to-end tests write their archives with these).
#pragma once

#include <zlib.h>

#include <stdexcept>
#include <string>

namespace oborot::fetch::testing {

// One gzip member holding `data`.
inline std::string Gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

inline std::string WarcRecord(const std::string& version, const std::string& type, const std::string& uri,
                              const std::string& block,
                              const std::string& content_type = "application/http; msgtype=response",
                              const std::string& date = "2024-03-01T10:00:00Z") {
  std::string r = version + "\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: " + date + "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n";
  r += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return r + block + "\r\n\r\n";
}

// An HTTP 200 answer with an HTML body; `charset` (may be empty) in its Content-Type.
inline std::string HtmlResponse(const std::string& html, const std::string& charset) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html" + (charset.empty() ? std::string() : "; charset=" + charset) +
         "\r\nContent-Length: " + std::to_string(html.size()) + "\r\n\r\n" + html;
}

}  // namespace oborot::fetch::testing
