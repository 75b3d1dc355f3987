#include "src/kb/extracted.h"

#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

namespace oborot::kb {

ExtractedReader::ExtractedReader(std::istream& in, std::string source, size_t max_line_bytes,
                                 size_t max_document_bytes)
    : in_(in), source_(std::move(source)), max_line_bytes_(max_line_bytes), max_document_bytes_(max_document_bytes) {}

bool ExtractedReader::ReadLine() {
  line_.clear();
  line_too_long_ = false;
  // Read in pieces, so that a line over the limit is dropped as it is read.
  std::streambuf* buf = in_.rdbuf();
  bool any = false;
  for (;;) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) break;
    any = true;
    ++bytes_;
    if (c == '\n') break;
    if (line_too_long_) continue;
    line_.push_back(static_cast<char>(c));
    if (line_.size() > max_line_bytes_) {
      line_.clear();
      line_.shrink_to_fit();
      line_too_long_ = true;
    }
  }
  if (!any) return false;
  ++line_no_;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  // A UTF-8 byte order mark (Windows tools write one) before the first line.
  if (line_no_ == 1 && line_.rfind("\xEF\xBB\xBF", 0) == 0) line_.erase(0, 3);
  return true;
}

bool ExtractedReader::Utf16() const {
  return line_no_ == 1 && (line_.rfind("\xFF\xFE", 0) == 0 || line_.rfind("\xFE\xFF", 0) == 0);
}

Status ExtractedReader::Error(uint64_t line, const std::string& problem) const {
  return Status(StatusCode::kInvalidInput, source_ + ":" + std::to_string(line) + ": " + problem);
}

ExtractedReader::Kind ExtractedReader::KindOf(const std::string& line, std::string* error) const {
  if (line_too_long_) {
    *error = "line over " + std::to_string(max_line_bytes_) + " bytes";
    return Kind::kBad;
  }
  // `oborot extract` writes {"doc":ID,"type":TYPE,...}: the type is found
  // without parsing the line (a raw quote cannot occur inside a JSON string,
  // so the doc string ends at the first quote not escaped).
  std::string_view v(line);
  static constexpr std::string_view kDocKey = R"({"doc":")", kTypeKey = R"(,"type":")";
  if (v.substr(0, kDocKey.size()) == kDocKey) {
    size_t i = kDocKey.size();
    while (i < v.size() && v[i] != '"') i += v[i] == '\\' ? 2 : 1;
    if (i < v.size() && v.substr(i + 1, kTypeKey.size()) == kTypeKey) {
      const std::string_view type = v.substr(i + 1 + kTypeKey.size());
      if (type.substr(0, 9) == "document\"") return Kind::kDocument;
      if (type.substr(0, 5) == "text\"") return Kind::kText;
      return Kind::kFact;
    }
  }
  // Written by another tool: parse to find the type.
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "not a JSON object";
    return Kind::kBad;
  }
  auto t = j.find("type");
  if (t == j.end() || !t->is_string()) {
    *error = "no \"type\"";
    return Kind::kBad;
  }
  if (*t == "document") return Kind::kDocument;
  if (*t == "text") return Kind::kText;
  return Kind::kFact;
}

std::optional<Result<ExtractedDocument>> ExtractedReader::Next() {
  for (;;) {
    if (!have_line_ && !ReadLine()) return std::nullopt;
    have_line_ = false;
    if (line_.empty() && !line_too_long_) continue;  // blank lines between records
    if (Utf16()) {
      // One error for the file, not one per line of it.
      while (ReadLine()) {
      }
      return Result<ExtractedDocument>(
          Error(1, "UTF-16 text (byte order mark); `oborot extract` writes UTF-8 (iconv -f UTF-16 -t UTF-8)"));
    }
    std::string error;
    const Kind kind = KindOf(line_, &error);
    if (kind == Kind::kBad) {
      // A file that is no JSONL at all (binary, another format) is one error
      // after a few lines, not one per line of it.
      if (!any_document_ && ++bad_lines_ == kMaxBadLinesFirst) {
        const uint64_t at = line_no_;
        while (ReadLine()) {
        }
        return Result<ExtractedDocument>(
            Error(at, error + "; the file's first " + std::to_string(kMaxBadLinesFirst) +
                          " lines are no records, so the rest is not read (is it `oborot extract --with-text` output?)"));
      }
      return Result<ExtractedDocument>(Error(line_no_, error));
    }
    if (kind != Kind::kDocument) {
      // A stray fact or text line: one error for the run of them.
      const uint64_t first = line_no_;
      while (ReadLine()) {
        std::string ignored;
        if (!line_.empty() && KindOf(line_, &ignored) == Kind::kDocument) {
          have_line_ = true;
          break;
        }
      }
      return Result<ExtractedDocument>(Error(first, "a fact or text line before any document line"));
    }
    any_document_ = true;
    ExtractedDocument d;
    const uint64_t doc_line_no = line_no_;
    d.source = source_ + ":" + std::to_string(doc_line_no);
    d.document_line = std::move(line_);
    auto doc = nlohmann::json::parse(d.document_line, nullptr, false);
    std::string id;
    if (doc.is_object() && doc.contains("doc") && doc["doc"].is_string()) id = doc["doc"].get<std::string>();
    Status status;
    if (id.empty()) status = Error(doc_line_no, "document line without a \"doc\" id");
    bool have_text = false;
    size_t held = 0;  // bytes of its fact lines
    // The document's other lines, up to the next document line.
    while (ReadLine()) {
      if (line_.empty() && !line_too_long_) continue;
      const Kind k = KindOf(line_, &error);
      if (k == Kind::kDocument) {
        have_line_ = true;
        break;
      }
      if (!status.ok()) continue;  // skipping the rest of a bad document
      if (k == Kind::kBad) {
        status = Error(line_no_, error);
      } else if (k == Kind::kText) {
        auto t = nlohmann::json::parse(line_, nullptr, false);
        if (!t.is_object() || !t.contains("text") || !t["text"].is_string()) {
          status = Error(line_no_, "text line without a \"text\" string");
        } else if (t.value("doc", std::string()) != id) {
          status = Error(line_no_, "text line of document \"" + t.value("doc", std::string()) +
                                       "\" inside document \"" + id + "\"");
        } else if (have_text) {
          status = Error(line_no_, "a second text line for document \"" + id + "\"");
        } else {
          have_text = true;
          d.text = t["text"].get<std::string>();
          if (t.contains("extractor") && t["extractor"].is_string()) d.extractor = t["extractor"].get<std::string>();
        }
      } else {
        held += line_.size();
        d.fact_lines.push_back(std::move(line_));
      }
      if (status.ok() && held + d.text.size() + d.document_line.size() > max_document_bytes_) {
        status = Error(doc_line_no, "document \"" + id + "\" is over " + std::to_string(max_document_bytes_) +
                                        " bytes of lines; not stored");
        std::vector<std::string>().swap(d.fact_lines);
        std::string().swap(d.text);
      }
    }
    if (status.ok() && !have_text) {
      status =
          Error(doc_line_no, "document \"" + id + "\" has no text line (write it with `oborot extract --with-text`)");
    }
    if (!status.ok()) return Result<ExtractedDocument>(status);
    return Result<ExtractedDocument>(std::move(d));
  }
}

}  // namespace oborot::kb
