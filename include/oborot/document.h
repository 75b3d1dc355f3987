// A document as every stage sees it: the decoded original, the cleaned body,
// the map between them, and what the document layer found (title, date,
// dateline, paragraphs, sentences).
//
//   oborot::RawInput in{.id = "a", .source = "a.txt", .bytes = ReadAll("a.txt")};
//   oborot::Result<oborot::Document> doc = oborot::text::LoadDocument(in, {});
//   for (const auto& s : doc->sentences) Print(doc->Slice(s));
//
// All offsets inside a Document are byte offsets into Document::text (UTF-8);
// output converts them to code points. Views returned by Slice() live as long
// as the Document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oborot {

struct Date {
  int year = 0;
  int month = 0;  // 1..12, 0 when unknown
  int day = 0;    // 1..31, 0 when unknown
  bool valid() const { return year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31; }
  std::string ToString() const;  // "YYYY-MM-DD"
  static std::optional<Date> Parse(std::string_view iso);  // "YYYY-MM-DD[...]"
  int DayNumber() const;          // days since 1970-01-01, for comparisons
  static Date FromDayNumber(int n);
  int Weekday() const;            // 0 = Monday .. 6 = Sunday
  friend bool operator==(const Date&, const Date&) = default;
};

enum class InputFormat { kAuto, kText, kHtml };

// One document as read from a file, standard input or a JSONL record.
struct RawInput {
  std::string id;      // file name without extension, or the JSONL "id"
  std::string source;  // where it came from, for messages: "dir/a.txt", "b.jsonl:12"
  // The name kept in the output and the knowledge base (Document::source),
  // relative to the input it was found under ("corpus/a.txt"): no absolute
  // path of the machine that read it. Empty: `source` is used.
  std::string stored_source;
  std::string bytes;   // undecoded bytes
  InputFormat format = InputFormat::kAuto;
  // Metadata given by the input (JSONL fields); empty when absent.
  std::string title;
  std::string url;
  std::string published;  // as given: "2024-06-10", "2024-06-10T09:00:00+03:00"
  // A date to use only when neither the metadata nor the text gives one: a
  // feed item's date, a date in the file name. `published_fallback_how`
  // says where it came from ("feed", "file-name") for the document line.
  std::string published_fallback;
  std::string published_fallback_how;
  // The charset the transport declared (an HTTP Content-Type header); it
  // comes before a byte-order mark and a <meta> charset.
  std::string charset;
  // When the input was fetched ("2024-03-01T10:00:00Z": a WARC-Date, the
  // time of `oborot fetch`), kept with the stored input; empty when unknown.
  std::string fetched_at;
};

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

// A run of cleaned text copied from the original at orig_start.
struct OffsetPiece {
  uint32_t clean_start = 0;
  uint32_t orig_start = 0;
  uint32_t length = 0;
};

struct Sentence {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t paragraph = 0;  // index into Document::paragraphs
};

struct Document {
  std::string id;
  std::string source;  // RawInput::stored_source, else RawInput::source
  std::string url;
  std::string encoding;  // "UTF-8", "windows-1251", "KOI8-R"
  std::string original;  // decoded UTF-8 text before cleaning (for HTML: the extracted text);
                         // LoadDocument fills it, Extractor::Process frees it once cleaned
  std::string text;      // the cleaned body: what facts are read from
  std::vector<OffsetPiece> offsets;  // cleaned -> original, sorted by clean_start

  std::optional<std::string> title;
  std::optional<Date> published;
  std::string published_how;  // "metadata", "date-line", "stamp", "dateline+year", ...
  std::string dateline_city;  // "Минск" from "МИНСК, 10 июн — Sputnik", else empty
  std::optional<Date> dateline;  // the dateline's date; year 0 when it has none

  std::vector<Span> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<std::string> removed;  // what cleaning dropped, one entry per line (LoadDocument fills it,
                                     // Extractor::Process frees it, as `original`)
  // What was repaired or cut on the way, one message each naming the source
  // and, for a budget, its option: "a.txt: invalid UTF-8 at byte 120,
  // replaced by U+FFFD", "b.html: ... (--max-html-depth 256)". The document
  // went through; the command prints these as warnings.
  std::vector<std::string> warnings;

  std::string_view Slice(Span s) const { return std::string_view(text).substr(s.start, s.end - s.start); }
  std::string_view Slice(const Sentence& s) const { return Slice(Span{s.start, s.end}); }
  // Byte offset in `original` of a byte offset in `text`.
  size_t OriginalOffset(size_t clean) const;
};

}  // namespace oborot
