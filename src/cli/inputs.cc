#include "src/cli/inputs.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <set>
#include <system_error>
#include <utility>

#include <sys/stat.h>

#include "src/fetch/warc.h"
#include "src/text/file_date.h"

namespace oborot::cli {
namespace fs = std::filesystem;

namespace {

bool WantedExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext.empty() || ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".jsonl" ||
         fetch::IsWarcPath(p.string());
}

InputFormat FormatOf(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html" || ext == ".htm") return InputFormat::kHtml;
  if (ext == ".txt") return InputFormat::kText;
  return InputFormat::kAuto;
}

bool IsJsonl(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".jsonl";
}

// Reads one line (without its '\n') keeping at most max + 1 bytes of it, so a
// huge record cannot exhaust memory; *length gets the full length. False at
// the end of the stream. In chunks through istream::getline, which finds the
// newline with memchr in the stream's buffer (a byte-wise loop took a tenth
// of `extract`'s time on JSONL input).
bool ReadBoundedLine(std::istream& in, std::string& line, size_t max, size_t* length) {
  constexpr std::streamsize kChunk = 1 << 16;
  char buf[kChunk];
  line.clear();
  size_t n = 0;
  bool any = false;
  for (;;) {
    in.getline(buf, kChunk);
    const auto got = static_cast<size_t>(in.gcount());
    // Filled without meeting a newline: failbit, and the line goes on.
    const bool more = in.fail() && !in.eof() && got == static_cast<size_t>(kChunk - 1);
    const bool newline = !in.fail() && !in.eof();  // the newline was taken (not stored)
    const size_t stored = newline ? got - 1 : got;
    any |= got > 0;
    if (line.size() <= max) line.append(buf, std::min(stored, max + 1 - line.size()));
    n += stored;
    if (!more) break;
    in.clear();
  }
  *length = n;
  return any;
}

// The record's fields as `oborot extract` reads them (nlohmann's answers, a
// later duplicate key winning): a string as is, a number as nlohmann prints
// it, anything else (null, absent, objects) empty. Parsed with simdjson
// (Debian libsimdjson-dev), which validates UTF-8 and the whole line: a
// nlohmann parse of each record took a sixth of `extract`'s time.
struct JsonlRecord {
  std::string id, title, url, published, html, text;
  bool has_html = false, has_text = false;  // a string under "html" / "text"
  std::string wrong_type;                    // "text" or "html" of another type, for the message
};

// The JSON type of a value, for a message.
const char* JsonTypeName(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::ARRAY: return "a list";
    case simdjson::dom::element_type::OBJECT: return "an object";
    case simdjson::dom::element_type::STRING: return "a string";
    case simdjson::dom::element_type::BOOL: return "true or false";
    case simdjson::dom::element_type::NULL_VALUE: return "null";
    default: return "a number";
  }
}

// False with *error saying why (the JSON is broken, or is not an object)
// when the line is no JSON object.
bool ParseJsonlRecord(simdjson::dom::parser& parser, std::string& line, JsonlRecord* rec, std::string* error) {
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element root;
  if (const auto code = parser.parse(line.data(), line.size(), false).get(root)) {
    // simdjson's messages name the problem ("The JSON document has an improper structure: missing or
    // superfluous commas, braces, missing keys, etc.", "The input is not valid UTF-8").
    *error = std::string("not valid JSON: ") + simdjson::error_message(code);
    return false;
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) {
    *error = std::string("a JSON record must be an object, not ") + JsonTypeName(root);
    return false;
  }
  auto text_of = [](simdjson::dom::element v) -> std::string {
    if (v.is_string()) return std::string(v.get_string().value_unsafe());
    if (v.is_number()) return nlohmann::json::parse(simdjson::minify(v), nullptr, false).dump();
    return {};
  };
  for (auto field : obj) {
    const std::string_view key = field.key;
    if (key == "id") rec->id = text_of(field.value);
    else if (key == "title") rec->title = text_of(field.value);
    else if (key == "url") rec->url = text_of(field.value);
    else if (key == "published") rec->published = text_of(field.value);
    else if (key == "html" || key == "text") {
      if (!field.value.is_string() && !field.value.is_null()) {
        rec->wrong_type = "\"" + std::string(key) + "\" is " + JsonTypeName(field.value) + ", not a string";
      }
    }
    if (key == "html") {
      rec->has_html = field.value.is_string();
      rec->html = rec->has_html ? std::string(field.value.get_string().value_unsafe()) : std::string();
    } else if (key == "text") {
      rec->has_text = field.value.is_string();
      rec->text = rec->has_text ? std::string(field.value.get_string().value_unsafe()) : std::string();
    }
  }
  return true;
}

std::string OpenError(const fs::path& p) {
  const int err = errno;
  return p.string() + ": cannot open for reading" + (err ? std::string(": ") + std::strerror(err) : std::string());
}

// A path still to visit and the name it is stored under: relative to the
// input it was found in (the input's own last component, then the path
// within it), so that no absolute path of this machine reaches the output
// or the knowledge base.
struct Pending {
  std::string path;
  std::string name;
};

// The stored name of a command-line input: its last component ("corpus" for
// "/data/corpus/", "a.txt" for "../a.txt"); "" for "." and "..".
std::string TopName(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  std::string name = p.filename().string();
  if (name.empty()) name = p.parent_path().filename().string();
  if (name == "." || name == "..") name.clear();
  return name;
}

std::string ChildName(const std::string& parent, const fs::path& child) {
  const std::string leaf = child.filename().string();
  return parent.empty() ? leaf : parent + "/" + leaf;
}

}  // namespace

namespace {

// One JSONL record as a document (JsonlRecord's fields; the id defaults to
// `default_id`), or an error naming `where`.
Result<RawInput> RecordToInput(simdjson::dom::parser& parser, std::string& line, std::string_view where,
                               std::string_view stored, std::string_view default_id) {
  JsonlRecord rec;
  std::string error;
  if (!ParseJsonlRecord(parser, line, &rec, &error)) {
    return Result<RawInput>(Status(StatusCode::kInvalidInput, std::string(where) + ": " + error));
  }
  RawInput in;
  in.source = std::string(where);
  in.stored_source = std::string(stored);
  in.id = std::move(rec.id);
  if (in.id.empty()) in.id = std::string(default_id);
  if (rec.has_html) {
    in.bytes = std::move(rec.html);
    in.format = InputFormat::kHtml;
  } else if (rec.has_text) {
    in.bytes = std::move(rec.text);
    in.format = InputFormat::kText;
  } else {
    return Result<RawInput>(Status(StatusCode::kInvalidInput,
                                   std::string(where) + ": record has no \"text\" or \"html\" string" +
                                       (rec.wrong_type.empty() ? "" : " (" + rec.wrong_type + ")")));
  }
  in.title = std::move(rec.title);
  in.url = std::move(rec.url);
  in.published = std::move(rec.published);
  return Result<RawInput>(std::move(in));
}

}  // namespace

Result<RawInput> ParseJsonlRecord(std::string_view line, std::string_view where, std::string_view stored,
                                  std::string_view default_id) {
  simdjson::dom::parser parser;
  std::string copy(line);
  return RecordToInput(parser, copy, where, stored, default_id);
}

struct InputWalker::Impl {
  InputOptions options;
  std::deque<Pending> pending;  // paths still to visit, in order
  // Directories read so far (device, inode): a symbolic link to one of them
  // (a loop, or a second way to the same files) is skipped.
  std::set<std::pair<dev_t, ino_t>> visited;
  std::string current;  // the input being read, for an error while reading it
  // An open JSONL stream being read record by record.
  std::unique_ptr<std::istream> jsonl_owned;
  std::istream* jsonl = nullptr;
  std::string jsonl_name;
  std::string jsonl_stored;  // its stored name (see Pending)
  size_t jsonl_line = 0;
  simdjson::dom::parser json_parser;  // reused: its buffers grow to the largest record
  uint64_t bytes = 0;
  // An open WARC file being read record by record.
  std::unique_ptr<fetch::WarcReader> warc;
  uint64_t warc_bytes = 0;  // its bytes_read() already counted in `bytes`
  std::string warc_path;    // as given, the start of its records' sources ("PATH:RECORD")
  std::string warc_stored;  // its stored name (see Pending)

  std::optional<Result<RawInput>> NextWarcRecord() {
    auto r = warc->Next();
    bytes += warc->bytes_read() - warc_bytes;
    warc_bytes = warc->bytes_read();
    if (r && r->ok() && r->value().source.starts_with(warc_path)) {
      r->value().stored_source = warc_stored + r->value().source.substr(warc_path.size());
    }
    if (!r) warc.reset();
    return r;
  }

  std::optional<Result<RawInput>> NextJsonlRecord() {
    std::string line;
    size_t length = 0;
    while (ReadBoundedLine(*jsonl, line, options.max_doc_bytes, &length)) {
      ++jsonl_line;
      bytes += length + 1;
      if (length > options.max_doc_bytes) {
        const std::string where = jsonl_name + ":" + std::to_string(jsonl_line);
        return Result<RawInput>(Status(StatusCode::kTooLarge, where + ": record of " + std::to_string(length) +
                                                                  " bytes, over the limit of " +
                                                                  std::to_string(options.max_doc_bytes) +
                                                                  " (--max-doc-bytes)"));
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const std::string where = jsonl_name + ":" + std::to_string(jsonl_line);
      auto in = RecordToInput(json_parser, line, where, jsonl_stored + ":" + std::to_string(jsonl_line),
                              fs::path(jsonl_name).stem().string() + "-" + std::to_string(jsonl_line));
      if (in.ok() && in->published.empty()) in->published = options.published;
      return in;
    }
    jsonl = nullptr;
    jsonl_owned.reset();
    return std::nullopt;
  }

  std::optional<Result<RawInput>> ReadFile(const fs::path& p, const std::string& name) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) return Result<RawInput>(Status(StatusCode::kIoError, p.string() + ": cannot read: " + ec.message()));
    if (IsJsonl(p)) {
      errno = 0;
      auto in = std::make_unique<std::ifstream>(p, std::ios::binary);
      if (!*in) return Result<RawInput>(Status(StatusCode::kIoError, OpenError(p)));
      jsonl_owned = std::move(in);
      jsonl = jsonl_owned.get();
      jsonl_name = p.string();
      jsonl_stored = name;
      jsonl_line = 0;
      return std::nullopt;  // records come from NextJsonlRecord
    }
    if (fetch::IsWarcPath(p.string())) {
      auto w = fetch::WarcReader::Open(p.string(), {.max_doc_bytes = options.max_doc_bytes});
      if (!w.ok()) return Result<RawInput>(w.status());
      warc = std::move(*w);
      warc_bytes = 0;
      warc_path = p.string();
      warc_stored = name;
      return std::nullopt;  // records come from NextWarcRecord
    }
    if (size > options.max_doc_bytes) {
      return Result<RawInput>(Status(StatusCode::kTooLarge, p.string() + ": " + std::to_string(size) +
                                                                " bytes, over the limit of " +
                                                                std::to_string(options.max_doc_bytes) +
                                                                " (--max-doc-bytes)"));
    }
    errno = 0;
    std::ifstream in(p, std::ios::binary);
    if (!in) return Result<RawInput>(Status(StatusCode::kIoError, OpenError(p)));
    RawInput raw;
    raw.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return Result<RawInput>(Status(StatusCode::kIoError, p.string() + ": read error"));
    bytes += raw.bytes.size();
    raw.id = p.stem().string();
    raw.source = p.string();
    raw.stored_source = name;
    raw.format = FormatOf(p);
    raw.published = options.published;
    if (auto d = text::DateInFileName(p.filename().string())) {
      raw.published_fallback = d->ToString();
      raw.published_fallback_how = "file-name";
    }
    return Result<RawInput>(std::move(raw));
  }

  std::optional<Result<RawInput>> ReadStdin() {
    // Standard input: a JSONL stream when its first non-space byte opens an
    // object (read record by record, never held whole), else one document.
    std::streambuf* sb = std::cin.rdbuf();
    size_t newlines = 0;
    std::string all;  // the leading white space, kept for a text document's offsets
    int c = sb->sgetc();
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (c == '\n') ++newlines;
      all.push_back(static_cast<char>(c));
      c = sb->snextc();
    }
    if (c == '{') {
      jsonl_owned.reset();
      jsonl = &std::cin;
      jsonl_name = "<stdin>";
      jsonl_stored = "<stdin>";
      jsonl_line = newlines;
      bytes += all.size();
      return std::nullopt;
    }
    char buf[1 << 16];
    uint64_t total = all.size();
    for (std::streamsize n; (n = sb->sgetn(buf, sizeof buf)) > 0;) {
      total += static_cast<uint64_t>(n);
      if (all.size() <= options.max_doc_bytes) all.append(buf, static_cast<size_t>(n));
    }
    bytes += total;
    if (total > options.max_doc_bytes) {
      return Result<RawInput>(Status(StatusCode::kTooLarge, "<stdin>: " + std::to_string(total) +
                                                                " bytes, over the limit of " +
                                                                std::to_string(options.max_doc_bytes) +
                                                                " (--max-doc-bytes)"));
    }
    RawInput raw;
    raw.id = "stdin";
    raw.source = "<stdin>";
    raw.bytes = std::move(all);
    raw.published = options.published;
    return Result<RawInput>(std::move(raw));
  }
};

InputWalker::InputWalker(std::vector<std::string> inputs, InputOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  for (auto& path : inputs) {
    std::string name = TopName(path);
    impl_->pending.push_back({std::move(path), std::move(name)});
  }
}
InputWalker::~InputWalker() = default;
uint64_t InputWalker::bytes_read() const { return impl_->bytes; }

std::optional<Result<RawInput>> InputWalker::Next() {
  // Nothing reading one input throws past it: an exception (out of memory,
  // the file system) becomes that input's error and the walk goes on.
  try {
    return NextUnguarded();
  } catch (const std::exception& e) {
    return Result<RawInput>(
        Status(StatusCode::kIoError, impl_->current + ": cannot read (" + e.what() + "); skipped"));
  }
}

std::optional<Result<RawInput>> InputWalker::NextUnguarded() {
  Impl& m = *impl_;
  while (true) {
    if (m.jsonl) {
      m.current = m.jsonl_name + ":" + std::to_string(m.jsonl_line + 1);
      if (auto r = m.NextJsonlRecord()) return r;
    }
    if (m.warc) {
      if (auto r = m.NextWarcRecord()) return r;
      continue;
    }
    if (m.pending.empty()) return std::nullopt;
    Pending next = std::move(m.pending.front());
    m.pending.pop_front();
    const std::string& path = next.path;
    m.current = path;
    if (path == "-") {
      if (auto r = m.ReadStdin()) return r;
      continue;
    }
    std::error_code ec;
    const fs::path p(path);
    const auto st = fs::status(p, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
      // A symbolic link loop, a component that is not a directory, no permission.
      return Result<RawInput>(Status(StatusCode::kIoError, path + ": cannot read: " + ec.message()));
    }
    if (ec || !fs::exists(st)) {
      return Result<RawInput>(Status(StatusCode::kNotFound, path + ": no such file or directory"));
    }
    if (fs::is_directory(st)) {
      // Each directory once, however many links lead to it: a link to a
      // parent would otherwise loop, and a second link repeat its files.
      struct stat sb {};
      if (::stat(path.c_str(), &sb) == 0 && !m.visited.insert({sb.st_dev, sb.st_ino}).second) {
        std::cerr << "oborot: warning: " << path
                  << ": skipped, the same directory as one already read (a symbolic link)\n";
        continue;
      }
      std::vector<Pending> children;
      fs::directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
      if (ec) return Result<RawInput>(Status(StatusCode::kIoError, path + ": cannot list directory: " + ec.message()));
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const auto& e = *it;
        std::error_code ec2;
        if (e.is_directory(ec2) || (e.is_regular_file(ec2) && WantedExtension(e.path()))) {
          if (e.path().filename().string().rfind('.', 0) == 0) continue;  // hidden
          children.push_back({e.path().string(), ChildName(next.name, e.path())});
        }
      }
      std::sort(children.begin(), children.end(), [](const Pending& a, const Pending& b) { return a.path < b.path; });
      if (children.empty() && !ec) {
        // Not an error (nothing failed), but almost always a wrong path.
        std::cerr << "oborot: warning: " << path << ": no .txt, .html, .htm or .jsonl files in this folder\n";
      }
      m.pending.insert(m.pending.begin(), children.begin(), children.end());
      if (ec) return Result<RawInput>(Status(StatusCode::kIoError, path + ": error listing directory: " + ec.message()));
      continue;
    }
    if (!fs::is_regular_file(st)) {
      return Result<RawInput>(Status(StatusCode::kInvalidInput, path + ": not a regular file"));
    }
    if (auto r = m.ReadFile(p, next.name.empty() ? p.filename().string() : next.name)) return r;
  }
}

std::string CheckPublished(const std::string& published, const std::vector<std::string>& inputs) {
  if (published.empty()) return {};
  // Date::Parse refuses days a month does not have; anything after the day is refused here.
  if (published.size() != 10 || !Date::Parse(published)) {
    return "--published " + published + ": not a date of the form YYYY-MM-DD";
  }
  if (inputs.size() != 1) return "--published gives the date of a single input; " + std::to_string(inputs.size()) + " were given";
  std::error_code ec;
  if (inputs[0] != "-" && fs::is_directory(inputs[0], ec)) {
    return "--published gives the date of a single input, not of a directory (" + inputs[0] + ")";
  }
  return {};
}

}  // namespace oborot::cli
