// oborot text [INPUT...]: the cleaned body text of each document, as
// text-extraction tools print it (HTML pages reduced to their article).
//
//   oborot text page.html               # cleaned text
//   oborot text --raw page.html         # the HTML extraction before cleaning
//   oborot text --meta corpus/          # with title and date lines
#include <fstream>
#include <iostream>
#include <memory>

#include "src/cli/command.h"
#include "src/cli/doc_options.h"
#include "src/cli/inputs.h"
#include "src/text/decode.h"
#include "src/text/html.h"
#include "src/text/load.h"

namespace oborot::cli {
namespace {

struct TextOptionsCli {
  std::vector<std::string> inputs;
  std::string out;
  DocOptions doc;  // --max-doc-bytes and the other budgets
  std::string published;  // --published YYYY-MM-DD for a single input
  bool raw = false;
  bool meta = false;
};

struct Printed {
  std::string title;
  std::string published;
  std::string how;
  std::string text;
  std::vector<std::string> warnings;
};

Result<Printed> Raw(const RawInput& in, const DocOptions& o) {
  if (in.bytes.size() > o.max_doc_bytes) {
    return Status(StatusCode::kTooLarge, in.source + ": " + std::to_string(in.bytes.size()) +
                                             " bytes, over the limit of " + std::to_string(o.max_doc_bytes));
  }
  const bool is_html = in.format == InputFormat::kHtml ||
                       (in.format == InputFormat::kAuto && text::LooksLikeHtml(in.bytes));
  auto dec = text::DecodeToUtf8(in.bytes, in.source, is_html ? text::SniffHtmlCharset(in.bytes) : std::string());
  if (!dec.ok()) return dec.status();
  Printed p;
  p.warnings = std::move(dec->warnings);
  if (!is_html) {
    p.text = std::move(dec->text);
    return p;
  }
  const Budgets& b = o.budgets;
  text::HtmlExtract h = text::ExtractHtml(
      dec->text, in.url, {.elements = b.html_elements, .depth = b.html_depth, .attributes = b.html_attributes});
  text::HtmlWarnings(in, h, b, p.warnings);
  p.title = std::move(h.title);
  if (h.published) p.published = h.published->ToString();
  p.how = std::move(h.published_how);
  p.text = std::move(h.text);
  return p;
}

Result<Printed> Cleaned(const RawInput& in, const DocOptions& o) {
  auto doc = text::LoadDocument(in, {.max_doc_bytes = o.max_doc_bytes,
                                     .budgets = o.budgets,
                                     .deadline = Deadline::After(o.budgets.doc_seconds)});
  if (!doc.ok()) return doc.status();
  Printed p;
  p.warnings = std::move(doc->warnings);
  if (doc->title) p.title = *doc->title;
  if (doc->published) p.published = doc->published->ToString();
  p.how = doc->published_how;
  p.text = std::move(doc->text);
  return p;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<TextOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  app.add_option("--out,-o", o->out, "write to FILE instead of standard output");
  AddDocumentOptions(app, o->doc);
  app.add_option("--published", o->published,
                 "YYYY-MM-DD: the publication date of a single input (a file or -), over what its text says");
  app.add_flag("--raw", o->raw, "print the HTML main-text extraction before line cleaning");
  app.add_flag("--meta", o->meta, "precede each text with '# source', '# title' and '# published' lines");
  return [o]() -> int {
    if (auto e = CheckPublished(o->published, o->inputs); !e.empty()) {
      std::cerr << "oborot: " << e << "\n";
      return kExitUsage;
    }
    OutputTarget target;
    if (!target.Open(o->out)) return kExitUsage;
    std::ostream* out = &target.stream();
    InputWalker walk(o->inputs, {.max_doc_bytes = o->doc.max_doc_bytes, .published = o->published});
    int failed = 0;
    bool first = true;
    while (auto next = walk.Next()) {
      if (!next->ok()) {
        std::cerr << "oborot: " << next->status().ToString() << "\n";
        ++failed;
        continue;
      }
      const RawInput& in = **next;
      Result<Printed> p = Status(StatusCode::kInternal, "not read");
      const Status st = GuardDocument(in.source, [&]() -> Status {
        p = o->raw ? Raw(in, o->doc) : Cleaned(in, o->doc);
        return p.ok() ? Status::Ok() : p.status();
      });
      if (!st.ok()) {
        std::cerr << "oborot: " << st.ToString() << "\n";
        ++failed;
        continue;
      }
      PrintWarnings(p->warnings);
      if (!first) *out << '\n';  // a blank line between documents
      first = false;
      if (o->meta) {
        *out << "# source: " << in.source << "\n# title: " << p->title << "\n# published: " << p->published;
        if (!p->how.empty()) *out << " (" << p->how << ")";
        *out << '\n';
      }
      *out << p->text;
      if (!p->text.empty() && p->text.back() != '\n') *out << '\n';
    }
    out->flush();
    return failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("text", "print each document's cleaned body text (HTML reduced to its article)", Setup);

}  // namespace
}  // namespace oborot::cli
