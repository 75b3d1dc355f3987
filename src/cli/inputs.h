// Streams documents from the command line's inputs.
//
//   oborot::cli::InputWalker walk({"a.txt", "corpus/", "-"}, {.max_doc_bytes = 16 << 20});
//   while (auto next = walk.Next()) {
//     if (!next->ok()) { Report(next->status()); continue; }  // the walk goes on
//     Process(**next);
//   }
//
// A file gives one document (its id is the file name without extension); a
// directory is walked recursively in name order (.txt, .html, .htm, .jsonl,
// and files without extension); "-" reads standard input; a .jsonl file gives
// one document per record ({"id", "text" or "html", "title", "url",
// "published"}); a .warc or .warc.gz file gives one document per HTML
// response record (src/fetch/warc.h). A date at the start of a file's name
// ("2023-04-04_kaluga.txt", "20230404-minsk.html") is the document's
// publication date when its text gives none; --published (InputOptions::
// published) gives the date of a single input outright. Files over max_doc_bytes are refused from their size without
// being read, a JSONL record over it is skipped without being kept, and JSONL
// on standard input is read record by record, so memory stays bounded
// whatever the input. Errors name the input: "a.txt: cannot open for reading:
// Permission denied", "b.jsonl:3: not a JSON object".
//
// A directory is read once however many symbolic links lead to it (by
// device and inode): a link to a parent or to a directory already read is
// skipped with a warning on standard error, so a loop ends. Each document's
// RawInput::source is the path as given (for messages); its stored_source is
// relative to the command-line input it was found under ("corpus/a.txt" for
// /data/corpus/a.txt found under /data/corpus), for the output and the
// knowledge base.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/document.h"
#include "oborot/status.h"

namespace oborot::cli {

struct InputOptions {
  size_t max_doc_bytes = 16u << 20;
  // --published YYYY-MM-DD: the publication date of the documents read (a
  // JSONL record's own "published" still wins). Checked by CheckPublished.
  std::string published = {};
};

// One JSONL record ({"id", "text" or "html", "title", "url", "published"})
// as a document named `where` in messages and `stored` in the output; a
// record without "id" gets `default_id`. Never throws. Errors (kInvalidInput):
// "WHERE: not a JSON object", "WHERE: record has no "text" or "html" string".
Result<RawInput> ParseJsonlRecord(std::string_view line, std::string_view where, std::string_view stored,
                                  std::string_view default_id);

// The usage error of a --published value with these inputs ("" when fine):
// the value must be a real YYYY-MM-DD date and name one input that is a file
// or standard input, not a directory.
std::string CheckPublished(const std::string& published, const std::vector<std::string>& inputs);

class InputWalker {
 public:
  InputWalker(std::vector<std::string> inputs, InputOptions options);
  ~InputWalker();
  // The next document, or an error naming one input; nullopt when done.
  std::optional<Result<RawInput>> Next();
  // Bytes read so far, for progress.
  uint64_t bytes_read() const;

 private:
  std::optional<Result<RawInput>> NextUnguarded();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace oborot::cli
