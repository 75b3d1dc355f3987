#include "src/kb/prepare.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

#include "oborot/document.h"
#include "src/base/utf8.h"
#include "src/kb/fts.h"

namespace oborot::kb {
namespace {

// "2024-06-10T09:00:00+03:00" -> "2024-06-10"; anything not a date -> "".
std::string DatePart(const std::string& s) {
  auto d = Date::Parse(s);
  return d ? d->ToString() : std::string();
}

bool IsFigureType(std::string_view type) {
  return type == "turnover" || type == "turnover_change" || type == "turnover_share" || type == "trade_flow";
}

// The fields of the document line (JSON text), as for a fact line: a field
// of another type reads as absent, a repeated one counts with its last value.
Status FromDocumentLine(std::string_view line, PreparedDocument& d) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(line.data(), line.size()).get(root)) {
    return Status(StatusCode::kInvalidInput, "document line is not valid JSON");
  }
  simdjson::dom::object j;
  if (root.get_object().get(j)) return Status(StatusCode::kInvalidInput, "document line is not a JSON object");
  std::optional<int64_t> chars;
  std::string published;
  for (auto field : j) {
    std::string_view v;
    const bool is_string = !field.value.get_string().get(v);
    auto set = [&](std::string& out) { out = is_string ? std::string(v) : std::string(); };
    if (field.key == "doc") {
      set(d.doc_id);
    } else if (field.key == "title") {
      set(d.title);
    } else if (field.key == "published") {
      set(published);
    } else if (field.key == "url") {
      set(d.url);
    } else if (field.key == "source") {
      set(d.source);
    } else if (field.key == "chars") {
      int64_t n = 0;
      uint64_t u = 0;
      if (field.value.is_int64() && !field.value.get_int64().get(n)) {
        chars = n;
      } else if (field.value.is_uint64() && !field.value.get_uint64().get(u)) {
        chars = static_cast<int64_t>(u);
      } else {
        chars.reset();
      }
    }
  }
  if (d.doc_id.empty()) return Status(StatusCode::kInvalidInput, "document line has no \"doc\" id");
  d.published = DatePart(published);
  d.chars = chars ? *chars : static_cast<int64_t>(CodePointCount(d.text));
  d.line = std::string(line);
  return Status::Ok();
}

// 64-bit FNV-1a, fed in pieces.
class Fnv1a {
 public:
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      h_ ^= c;
      h_ *= 1099511628211ull;
    }
  }
  std::string Hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
  }

 private:
  uint64_t h_ = 14695981039346656037ull;
};

Status FactError(const PreparedDocument& d, size_t index, const Status& st) {
  return Status(StatusCode::kInvalidInput, d.doc_id + ": fact " + std::to_string(index + 1) + ": " + st.message());
}

// EvidenceCheck::kQuotes: each quote is the text between its offsets (code
// points, already checked to lie within the text). The offsets of all facts
// are turned into byte offsets in one pass over the text (sorted, so a
// document of 10,000 facts costs one scan, not one per fact).
Status CheckQuotes(const PreparedDocument& d, const std::vector<FactRow>& rows) {
  std::vector<uint64_t> points;
  points.reserve(2 * rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const FactRow& r = rows[i];
    if (!r.start || !r.end) {
      if (!r.quote.empty()) {
        return FactError(d, i,
                         Status(StatusCode::kInvalidInput, "\"evidence\" quotes without its \"start\" and \"end\""));
      }
      continue;
    }
    points.push_back(static_cast<uint64_t>(*r.start));
    points.push_back(static_cast<uint64_t>(*r.end));
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<size_t> bytes(points.size());
  {
    // Walk the text's code points (a byte that is not a continuation byte
    // starts one: the text is valid UTF-8, JSON parsing checked it).
    size_t b = 0;
    uint64_t cp = 0;
    for (size_t k = 0; k < points.size(); ++k) {
      while (cp < points[k] && b < d.text.size()) {
        ++b;
        while (b < d.text.size() && (static_cast<unsigned char>(d.text[b]) & 0xC0) == 0x80) ++b;
        ++cp;
      }
      bytes[k] = b;
    }
  }
  const auto byte_of = [&](int64_t point) {
    return bytes[std::lower_bound(points.begin(), points.end(), static_cast<uint64_t>(point)) - points.begin()];
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    const FactRow& r = rows[i];
    if (!r.start || !r.end) continue;
    const size_t a = byte_of(*r.start), b = byte_of(*r.end);
    if (std::string_view(d.text).substr(a, b - a) != r.quote) {
      return FactError(d, i,
                       Status(StatusCode::kInvalidInput,
                              "\"evidence\" quotes text that is not the document's between " +
                                  std::to_string(*r.start) + " and " + std::to_string(*r.end)));
    }
  }
  return Status::Ok();
}

// Everything after the rows are read: the hash, keys, stems and the
// per-document party tallies.
void Finish(std::vector<FactRow> rows, PreparedDocument& d) {
  // ContentHash of text \x1f title \x1f published \x1f url (\x1e fact line)*,
  // hashed piece by piece rather than copied into one string.
  Fnv1a h;
  h.Add(d.text);
  for (const std::string* s : {&d.title, &d.published, &d.url}) {
    h.Add("\x1f");
    h.Add(*s);
  }
  for (const auto& r : rows) {
    h.Add("\x1e");
    h.Add(r.json);
  }
  d.hash = h.Hex();

  d.stems = StemText(d.title);
  if (!d.stems.empty()) d.stems += ' ';
  d.stems += StemText(d.text);

  std::map<std::pair<std::string, std::string>, int64_t> pairs;
  d.facts.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    PreparedFact f;
    f.row = std::move(rows[i]);
    const FactRow& r = f.row;
    f.key = GroupKey(r, d.doc_id, i);
    f.figure = FigureOf(r);
    if (IsFigureType(r.type) && !f.figure) f.key += "|no-figure";
    f.parties_json = nlohmann::json(r.parties).dump();
    if (!r.party_a.empty()) d.parties.push_back(r.party_a);
    if (!r.party_b.empty()) {
      d.parties.push_back(r.party_b);
      ++pairs[{r.party_a, r.party_b}];
    }
    d.facts.push_back(std::move(f));
  }
  std::sort(d.parties.begin(), d.parties.end());
  d.parties.erase(std::unique(d.parties.begin(), d.parties.end()), d.parties.end());
  d.pair_facts.assign(pairs.begin(), pairs.end());
}

}  // namespace

Result<PreparedDocument> PrepareParsedDocument(const nlohmann::json& document_line,
                                               const std::vector<nlohmann::json>& fact_lines, std::string text) {
  std::vector<std::string> lines;
  lines.reserve(fact_lines.size());
  for (const auto& f : fact_lines) lines.push_back(f.dump());
  return PrepareDocument(document_line.dump(), lines, std::move(text));
}

Result<PreparedDocument> PrepareDocument(std::string_view document_line, const std::vector<std::string>& fact_lines,
                                         std::string text, EvidenceCheck check) {
  PreparedDocument d;
  d.text = std::move(text);
  if (Status st = FromDocumentLine(document_line, d); !st.ok()) return st;
  std::vector<FactRow> rows;
  rows.reserve(fact_lines.size());
  // Evidence offsets are code points of the text: one past its end at most.
  const size_t text_chars = CodePointCount(d.text);
  for (size_t i = 0; i < fact_lines.size(); ++i) {
    auto row = FactRowFromLine(fact_lines[i]);
    if (!row.ok()) return FactError(d, i, row.status());
    // A fact line of another document inside this one (lines of two
    // documents interleaved) would give this document's sources a figure
    // that its text does not contain.
    if (!row->doc.empty() && row->doc != d.doc_id) {
      return FactError(d, i, Status(StatusCode::kInvalidInput, "a fact of document \"" + row->doc + "\""));
    }
    if ((check == EvidenceCheck::kQuotes || !d.text.empty()) && row->end &&
        static_cast<uint64_t>(*row->end) > text_chars) {
      return FactError(d, i, Status(StatusCode::kInvalidInput, "\"evidence\" ends at " + std::to_string(*row->end) +
                                                                   ", past the text's " + std::to_string(text_chars) +
                                                                   " characters"));
    }
    rows.push_back(std::move(*row));
  }
  if (check == EvidenceCheck::kQuotes) {
    if (Status st = CheckQuotes(d, rows); !st.ok()) return st;
  }
  Finish(std::move(rows), d);
  return d;
}

std::string ContentHash(std::string_view bytes) {
  Fnv1a h;
  h.Add(bytes);
  return h.Hex();
}

}  // namespace oborot::kb
