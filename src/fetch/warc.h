// WARC archives (.warc, .warc.gz: WARC/1.0 and 1.1, as Common Crawl News
// publishes them) as a stream of documents.
//
//   auto warc = oborot::fetch::WarcReader::Open("CC-NEWS-20240301.warc.gz", {.max_doc_bytes = 16 << 20});
//   if (!warc.ok()) return Report(warc.status());
//   while (auto next = (*warc)->Next()) {
//     if (!next->ok()) { Report(next->status()); continue; }   // a record skipped; the file goes on
//     Process(**next);   // url = WARC-Target-URI, charset from the HTTP header
//   }
//
// Only `response` records of HTTP 2xx answers with an HTML body become
// documents: the record's target URI is the document's id and url, the HTTP
// Content-Type's charset its charset (RawInput::charset), its WARC-Date the
// fetch date (RawInput::fetched_at). Other record types (warcinfo, request,
// metadata ...) and non-2xx answers (redirects) are passed over quietly;
// a non-HTML response, a record over max_doc_bytes, a malformed or truncated
// record is an error naming the file and the record ("x.warc.gz:3
// http://...: not HTML (application/pdf)") and the reader goes on with the
// next record where it can (after a truncated record or a broken gzip stream
// the file ends). Chunked transfer encoding and gzip/deflate content encoding
// in the stored HTTP answer are undone.
//
// Memory is bounded by max_doc_bytes plus a 64 KiB buffer whatever the
// file's size: records are read one at a time and a body over the limit is
// skipped without being kept.
//
// Why not libarchive's own WARC reader (archive_read_support_format_warc):
// in Debian 12's libarchive 3.6.2 it refuses WARC/1.1 files ("Unrecognized
// archive format"), keeps only the path of the target URI (the host is lost),
// and hides the record type and headers. So libarchive reads the file through
// its raw format and its decompression filters (gzip with one member per
// record, as WARC files are written, and bzip2/xz/zstd too), and the record
// framing (a version line, "Name: value" fields, a blank line, Content-Length
// bytes, CRLF CRLF) is parsed here: a few dozen lines, no library offers it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "oborot/document.h"
#include "oborot/status.h"

namespace oborot::fetch {

struct WarcOptions {
  size_t max_doc_bytes = 16u << 20;
};

class WarcReader {
 public:
  // Errors: kNotFound / kIoError when the file cannot be opened; kInvalidInput
  // when it is empty, not a WARC file, or its compression is broken at the start.
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path, const WarcOptions& options);
  ~WarcReader();

  // The next HTML document, an error about one record, or nullopt at the end.
  std::optional<Result<RawInput>> Next();
  // Uncompressed bytes read so far (for progress).
  uint64_t bytes_read() const;

  struct Impl;

 private:
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True for a file name that WarcReader reads: "*.warc" or "*.warc.gz" (any case).
bool IsWarcPath(const std::string& path);

// Undoes an HTTP answer's framing: its status, headers and body. Exposed for
// tests and for `oborot fetch`'s shared header parsing.
struct HttpHead {
  int status = 0;
  std::string content_type;  // media type, lower case, without parameters: "text/html"
  std::string charset;       // from Content-Type's charset parameter, as written
  std::string transfer_encoding, content_encoding;  // lower case
};
// Parses "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\n"; *body_start gets the
// offset after the blank line. Errors: kInvalidInput when there is no status
// line or no end of headers.
Result<HttpHead> ParseHttpHead(std::string_view bytes, size_t* body_start);
// Splits a Content-Type value: "text/html; charset=windows-1251" -> ("text/html", "windows-1251").
void SplitContentType(std::string_view value, std::string* media_type, std::string* charset);
// Undoes chunked transfer coding. Errors: kInvalidInput for a malformed or truncated chunk.
Result<std::string> Dechunk(std::string_view body, size_t max_bytes);
// Inflates a gzip or zlib/deflate body. Errors: kInvalidInput, kTooLarge over max_bytes.
Result<std::string> Inflate(std::string_view body, size_t max_bytes);

}  // namespace oborot::fetch
