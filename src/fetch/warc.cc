#include "src/fetch/warc.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>

namespace oborot::fetch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool IsHtmlType(const std::string& t) { return t == "text/html" || t == "application/xhtml+xml"; }

}  // namespace

void SplitContentType(std::string_view value, std::string* media_type, std::string* charset) {
  const size_t semi = value.find(';');
  *media_type = Lower(Trim(value.substr(0, semi)));
  charset->clear();
  size_t pos = semi;
  while (pos != std::string_view::npos) {
    const size_t next = value.find(';', pos + 1);
    std::string_view param = Trim(value.substr(pos + 1, next == std::string_view::npos ? value.npos : next - pos - 1));
    const size_t eq = param.find('=');
    if (eq != std::string_view::npos && EqualsIgnoreCase(Trim(param.substr(0, eq)), "charset")) {
      std::string_view v = Trim(param.substr(eq + 1));
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
      *charset = std::string(v);
    }
    pos = next;
  }
}

Result<HttpHead> ParseHttpHead(std::string_view bytes, size_t* body_start) {
  HttpHead h;
  size_t end = bytes.find("\r\n\r\n");
  size_t sep = 4;
  if (end == std::string_view::npos) {
    end = bytes.find("\n\n");
    sep = 2;
  }
  if (end == std::string_view::npos) return Status(StatusCode::kInvalidInput, "HTTP headers do not end");
  std::string_view head = bytes.substr(0, end);
  *body_start = end + sep;
  size_t line_end = head.find('\n');
  std::string_view status_line = Trim(head.substr(0, line_end));
  if (status_line.substr(0, 5) != "HTTP/") return Status(StatusCode::kInvalidInput, "no HTTP status line");
  const size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos || sp + 4 > status_line.size()) {
    return Status(StatusCode::kInvalidInput, "malformed HTTP status line");
  }
  for (size_t i = sp + 1; i < sp + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(status_line[i]))) {
      return Status(StatusCode::kInvalidInput, "malformed HTTP status line");
    }
    h.status = h.status * 10 + (status_line[i] - '0');
  }
  while (line_end != std::string_view::npos) {
    const size_t start = line_end + 1;
    line_end = head.find('\n', start);
    std::string_view line = head.substr(start, line_end == std::string_view::npos ? head.npos : line_end - start);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = Trim(line.substr(0, colon)), value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "content-type")) {
      SplitContentType(value, &h.content_type, &h.charset);
    } else if (EqualsIgnoreCase(name, "transfer-encoding")) {
      h.transfer_encoding = Lower(value);
    } else if (EqualsIgnoreCase(name, "content-encoding")) {
      h.content_encoding = Lower(value);
    }
  }
  return h;
}

Result<std::string> Dechunk(std::string_view body, size_t max_bytes) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) return Status(StatusCode::kInvalidInput, "truncated chunked body");
    std::string_view size_line = Trim(body.substr(pos, eol - pos));
    size_line = size_line.substr(0, size_line.find(';'));
    if (size_line.empty() || size_line.size() > 15) return Status(StatusCode::kInvalidInput, "malformed chunk size");
    size_t n = 0;
    for (char c : size_line) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return Status(StatusCode::kInvalidInput, "malformed chunk size");
      n = n * 16 + static_cast<size_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
    pos = eol + 1;
    if (n == 0) return out;
    if (pos + n > body.size()) return Status(StatusCode::kInvalidInput, "truncated chunked body");
    if (out.size() + n > max_bytes) return Status(StatusCode::kTooLarge, "body over the size limit");
    out.append(body.substr(pos, n));
    pos += n;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
}

Result<std::string> Inflate(std::string_view body, size_t max_bytes) {
  z_stream z{};
  // 32 + 15: zlib or gzip header, detected.
  if (inflateInit2(&z, 32 + 15) != Z_OK) return Status(StatusCode::kInternal, "zlib: cannot start");
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  char buf[1 << 15];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&z);
      return Status(StatusCode::kTooLarge, "decompressed body over the size limit");
    }
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) break;  // input ended without the stream's end
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    // A raw deflate stream (some servers send "deflate" without the zlib header).
    z_stream r{};
    if (inflateInit2(&r, -15) != Z_OK) return Status(StatusCode::kInternal, "zlib: cannot start");
    r.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    r.avail_in = static_cast<uInt>(body.size());
    out.clear();
    int rr = Z_OK;
    while (rr == Z_OK) {
      r.next_out = reinterpret_cast<Bytef*>(buf);
      r.avail_out = sizeof buf;
      rr = inflate(&r, Z_NO_FLUSH);
      if (rr != Z_OK && rr != Z_STREAM_END) break;
      out.append(buf, sizeof buf - r.avail_out);
      if (out.size() > max_bytes) {
        inflateEnd(&r);
        return Status(StatusCode::kTooLarge, "decompressed body over the size limit");
      }
      if (rr == Z_OK && r.avail_in == 0 && r.avail_out != 0) break;
    }
    inflateEnd(&r);
    if (rr != Z_STREAM_END) return Status(StatusCode::kInvalidInput, "compressed body does not decompress");
  }
  return out;
}

bool IsWarcPath(const std::string& path) {
  const std::string p = Lower(path);
  auto ends = [&p](std::string_view s) { return p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0; };
  return ends(".warc") || ends(".warc.gz");
}

struct WarcReader::Impl {
  std::string path;
  WarcOptions options;
  struct archive* a = nullptr;
  // The decompressed stream, buffered: buf[pos, end) not yet consumed.
  std::string buf;
  size_t pos = 0;
  bool eof = false;
  std::string stream_error;  // libarchive's, once the stream broke
  uint64_t consumed = 0;
  size_t record = 0;
  bool done = false;

  ~Impl() {
    if (a) archive_read_free(a);
  }

  // Makes at least `n` bytes available unless the stream ends; false at the end.
  bool Fill(size_t n) {
    while (buf.size() - pos < n && !eof) {
      if (pos > 0 && pos >= buf.size() / 2) {
        buf.erase(0, pos);
        pos = 0;
      }
      char chunk[1 << 16];
      const la_ssize_t got = archive_read_data(a, chunk, sizeof chunk);
      if (got < 0) {
        stream_error = archive_error_string(a) ? archive_error_string(a) : "read error";
        eof = true;
      } else if (got == 0) {
        eof = true;
      } else {
        buf.append(chunk, static_cast<size_t>(got));
      }
    }
    return buf.size() - pos >= n;
  }
  // One line without its "\r\n"; nullopt at the end. Lines over 64 KiB are cut.
  std::optional<std::string> Line() {
    for (;;) {
      const size_t nl = buf.find('\n', pos);
      if (nl != std::string::npos) {
        std::string line = buf.substr(pos, nl - pos);
        consumed += nl + 1 - pos;
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
      }
      const size_t have = buf.size() - pos;
      if (eof || have > (1u << 16)) {
        if (have == 0) return std::nullopt;
        std::string line = buf.substr(pos, std::min<size_t>(have, 1u << 16));
        consumed += line.size();
        pos += line.size();
        return line;
      }
      Fill(have + 1);
    }
  }
  // Reads n bytes into *out (or skips them when out is null); false when the stream ends first.
  bool Take(uint64_t n, std::string* out) {
    while (n > 0) {
      if (pos == buf.size() && !Fill(1)) return false;
      const size_t k = static_cast<size_t>(std::min<uint64_t>(n, buf.size() - pos));
      if (out) out->append(buf, pos, k);
      pos += k;
      consumed += k;
      n -= k;
    }
    return true;
  }

  Status Error(StatusCode code, const std::string& uri, const std::string& what) const {
    return Status(code, path + ":" + std::to_string(record) + (uri.empty() ? "" : " " + uri) + ": " + what);
  }

  std::optional<Result<RawInput>> Next() {
    while (!done) {
      // Skip blank lines between records, then the version line.
      std::optional<std::string> version;
      while ((version = Line()) && Trim(*version).empty()) {
      }
      if (!version) {
        done = true;
        if (!stream_error.empty()) return Result<RawInput>(Status(StatusCode::kInvalidInput, path + ": " + stream_error));
        return std::nullopt;
      }
      ++record;
      if (version->rfind("WARC/", 0) != 0) {
        done = true;  // lost the framing: the rest of the file cannot be trusted
        return Result<RawInput>(Error(StatusCode::kInvalidInput, "", "not a WARC record (expected a WARC/1.x line)"));
      }
      std::string type, uri, date, content_type;
      std::optional<uint64_t> length;
      bool header_ended = false;
      while (auto line = Line()) {
        if (line->empty()) {
          header_ended = true;
          break;
        }
        const size_t colon = line->find(':');
        if (colon == std::string::npos) continue;
        std::string_view name = Trim(std::string_view(*line).substr(0, colon));
        std::string_view value = Trim(std::string_view(*line).substr(colon + 1));
        if (EqualsIgnoreCase(name, "WARC-Type")) {
          type = Lower(value);
        } else if (EqualsIgnoreCase(name, "WARC-Target-URI")) {
          uri = std::string(value);
          if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);  // WARC/1.0 drafts
        } else if (EqualsIgnoreCase(name, "WARC-Date")) {
          date = std::string(value);
        } else if (EqualsIgnoreCase(name, "Content-Type")) {
          content_type = Lower(value);
        } else if (EqualsIgnoreCase(name, "Content-Length")) {
          uint64_t n = 0;
          bool ok = !value.empty() && value.size() <= 18;
          for (char c : value) {
            if (!std::isdigit(static_cast<unsigned char>(c))) ok = false;
            n = n * 10 + static_cast<uint64_t>(c - '0');
          }
          if (ok) length = n;
        }
      }
      if (!header_ended) {
        done = true;
        return Result<RawInput>(Error(StatusCode::kInvalidInput, uri, "truncated record (the file ends in its header)"));
      }
      if (!length) {
        done = true;
        return Result<RawInput>(Error(StatusCode::kInvalidInput, uri, "record has no valid Content-Length"));
      }
      const bool wanted = type == "response" && content_type.find("application/http") == 0;
      const bool keep = wanted && *length <= options.max_doc_bytes + (1u << 16);  // room for the HTTP headers
      std::string block;
      if (!Take(*length, keep ? &block : nullptr)) {
        done = true;
        return Result<RawInput>(Error(StatusCode::kInvalidInput, uri,
                                      "truncated record (Content-Length " + std::to_string(*length) +
                                          ", the file ends first" +
                                          (stream_error.empty() ? "" : ": " + stream_error) + ")"));
      }
      if (!wanted) continue;
      if (!keep) {
        return Result<RawInput>(Error(StatusCode::kTooLarge, uri,
                                      "record of " + std::to_string(*length) + " bytes, over the limit of " +
                                          std::to_string(options.max_doc_bytes) + " (--max-doc-bytes)"));
      }
      size_t body_at = 0;
      auto head = ParseHttpHead(block, &body_at);
      if (!head.ok()) return Result<RawInput>(Error(StatusCode::kInvalidInput, uri, head.status().message()));
      if (head->status < 200 || head->status > 299) continue;  // redirects and errors are not articles
      if (!IsHtmlType(head->content_type)) {
        return Result<RawInput>(Error(StatusCode::kInvalidInput, uri,
                                      "not HTML (" + (head->content_type.empty() ? std::string("no Content-Type")
                                                                                 : head->content_type) +
                                          ")"));
      }
      std::string body = block.substr(body_at);
      block = std::string();
      if (head->transfer_encoding.find("chunked") != std::string::npos) {
        auto d = Dechunk(body, options.max_doc_bytes);
        if (!d.ok()) return Result<RawInput>(Error(d.status().code(), uri, d.status().message()));
        body = std::move(*d);
      }
      if (head->content_encoding == "gzip" || head->content_encoding == "x-gzip" || head->content_encoding == "deflate") {
        auto d = Inflate(body, options.max_doc_bytes);
        if (!d.ok()) return Result<RawInput>(Error(d.status().code(), uri, d.status().message()));
        body = std::move(*d);
      }
      if (body.size() > options.max_doc_bytes) {
        return Result<RawInput>(Error(StatusCode::kTooLarge, uri,
                                      "body of " + std::to_string(body.size()) + " bytes, over the limit of " +
                                          std::to_string(options.max_doc_bytes) + " (--max-doc-bytes)"));
      }
      RawInput raw;
      raw.id = uri.empty() ? std::filesystem::path(path).filename().string() + "-" + std::to_string(record) : uri;
      raw.source = path + ":" + std::to_string(record);
      raw.url = uri;
      raw.bytes = std::move(body);
      raw.format = InputFormat::kHtml;
      raw.charset = head->charset;
      raw.fetched_at = date;
      return Result<RawInput>(std::move(raw));
    }
    return std::nullopt;
  }
};

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcReader::~WarcReader() = default;
uint64_t WarcReader::bytes_read() const { return impl_->consumed; }
std::optional<Result<RawInput>> WarcReader::Next() { return impl_->Next(); }

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path, const WarcOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status(StatusCode::kNotFound, path + ": no such file or directory");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status(StatusCode::kIoError, path + ": cannot read: " + ec.message());
  if (size == 0) return Status(StatusCode::kInvalidInput, path + ": empty WARC file");
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->a = archive_read_new();
  if (!impl->a) throw std::bad_alloc();
  archive_read_support_filter_all(impl->a);
  archive_read_support_format_raw(impl->a);
  if (archive_read_open_filename(impl->a, path.c_str(), 1 << 16) != ARCHIVE_OK) {
    const char* e = archive_error_string(impl->a);
    return Status(StatusCode::kInvalidInput, path + ": cannot read as WARC: " + (e ? e : "unknown error"));
  }
  struct archive_entry* entry = nullptr;
  if (archive_read_next_header(impl->a, &entry) != ARCHIVE_OK) {
    const char* e = archive_error_string(impl->a);
    return Status(StatusCode::kInvalidInput, path + ": cannot read as WARC: " + (e ? e : "unknown error"));
  }
  if (!impl->Fill(5) || impl->buf.compare(0, 5, "WARC/") != 0) {
    return Status(StatusCode::kInvalidInput, path + ": not a WARC file (it does not start with a WARC/1.x record)");
  }
  return std::unique_ptr<WarcReader>(new WarcReader(std::move(impl)));
}

}  // namespace oborot::fetch
