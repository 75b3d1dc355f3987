// Reading what `oborot extract --with-text` wrote, document by document, so
// that `oborot ingest --facts` can store documents extracted elsewhere (on
// other machines, by a Dask or Spark job) exactly as if it had extracted
// them itself.
//
//   std::ifstream in("shard-0001.facts.jsonl");
//   oborot::kb::ExtractedReader reader(in, "shard-0001.facts.jsonl");
//   while (auto next = reader.Next()) {
//     if (!next->ok()) { Report(next->status()); continue; }    // the reader goes on
//     auto prepared = PrepareDocument(next->document_line, next->fact_lines, std::move(next->text));
//   }
//
// The stream is a sequence of documents, each a document line
// ({"doc": ID, "type": "document", ...}), then with --with-text a text line
// ({"doc": ID, "type": "text", "extractor": VERSION, "text": BODY}), then its
// fact lines. Lines are kept byte for byte as written (the store keeps them
// as given), and only the document and text lines are parsed here; the fact
// lines are checked by PrepareDocument. Memory: one document's lines.
//
// Errors (kInvalidInput, naming "SOURCE:LINE"): a line that is not a JSON
// object or has no "type"; fact or text lines before any document line; a
// text line whose "doc" is not its document's; a document without a text
// line (written without --with-text: its text could not be searched). The
// document in which the error occurs is skipped up to the next document
// line, and reading goes on. A line longer than max_line_bytes is refused
// without being kept. A UTF-8 byte order mark before the first line is
// skipped; a stream that starts with a UTF-16 one is one error, not one per
// line, and so is a stream whose first 10 lines are no records (binary).
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "oborot/status.h"

namespace oborot::kb {

struct ExtractedDocument {
  std::string source;         // "SOURCE:LINE" of the document line, for messages
  std::string document_line;  // as written
  std::string text;           // the cleaned body (from the text line)
  std::string extractor;      // the version of the extractor that wrote it ("" when not given)
  std::vector<std::string> fact_lines;
};

class ExtractedReader {
 public:
  // `in` must outlive the reader; `source` names it in messages ("-": standard input).
  // A document whose lines together pass max_document_bytes is refused as it
  // is read (its lines dropped), so that a forged stream of millions of fact
  // lines under one document line cannot fill memory.
  ExtractedReader(std::istream& in, std::string source, size_t max_line_bytes = 64u << 20,
                  size_t max_document_bytes = size_t{256} << 20);
  // The next document, or an error naming a line; nullopt at the end.
  std::optional<Result<ExtractedDocument>> Next();
  // Bytes read so far.
  uint64_t bytes_read() const { return bytes_; }

 private:
  enum class Kind { kDocument, kText, kFact, kBad };
  bool ReadLine();  // into line_ (a UTF-8 byte order mark dropped); false at the end
  bool Utf16() const;  // line_ is the first, and starts with a UTF-16 byte order mark
  Kind KindOf(const std::string& line, std::string* error) const;
  Status Error(uint64_t line, const std::string& problem) const;

  std::istream& in_;
  std::string source_;
  size_t max_line_bytes_;
  size_t max_document_bytes_;
  std::string line_;            // the current line
  bool have_line_ = false;      // line_ is read but not yet used
  bool line_too_long_ = false;  // line_ was over max_line_bytes (and is empty)
  uint64_t line_no_ = 0;
  uint64_t bytes_ = 0;
  static constexpr int kMaxBadLinesFirst = 10;  // lines that are no records before any document: no JSONL
  bool any_document_ = false;                   // a document line was read
  int bad_lines_ = 0;                           // lines that were no records before it
};

}  // namespace oborot::kb
