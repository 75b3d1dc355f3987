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
#include "src/cli/doc_loop.h"
#include "src/cli/doc_options.h"
#include "src/cli/inputs.h"
#include "src/text/decode.h"
#include "src/text/html.h"
#include "src/text/load.h"

namespace oborot::cli {
namespace {

struct TextOptionsCli {
  std::vector<std::string> inputs;
  DocumentOptions doc;  // --out, --errors, --quiet, --max-doc-bytes and the other budgets, --published
  bool raw = false;
  bool meta = false;
  size_t threads = DefaultThreads();  // --threads N: documents cleaned at once
};

struct Printed {
  std::string title;
  std::string published;
  std::string how;
  std::string text;
  std::vector<std::string> warnings;
};

Result<Printed> Raw(const RawInput& in, const DocumentOptions& o) {
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

Result<Printed> Cleaned(const RawInput& in, const DocumentOptions& o) {
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
  o->doc.Register(app);
  AddThreadsOption(app, o->threads);
  app.add_flag("--raw", o->raw, "print the HTML main-text extraction before line cleaning");
  app.add_flag("--meta", o->meta, "precede each text with '# source', '# title' and '# published' lines");
  return [o]() -> int {
    if (!o->doc.CheckPublished(o->inputs)) return kExitUsage;
    OutputTarget target;
    if (!target.Open(o->doc.out)) return kExitUsage;
    std::ostream* out = &target.stream();
    ErrorSink errors;
    if (!errors.Open(o->doc.errors)) return kExitUsage;
    InputWalker walk(o->inputs, o->doc.Inputs());
    DocTally tally(errors);
    bool first = true;
    DocLoop(DocLoop::Options{.threads = o->threads})
        .Run(
            walk,
            [&](const RawInput& in, std::string& text, std::vector<std::string>& warnings) -> Status {
              auto p = o->raw ? Raw(in, o->doc) : Cleaned(in, o->doc);
              if (!p.ok()) return p.status();
              warnings = std::move(p->warnings);
              if (o->meta) {
                text += "# source: " + in.source + "\n# title: " + p->title + "\n# published: " + p->published;
                if (!p->how.empty()) text += " (" + p->how + ")";
                text += '\n';
              }
              text += p->text;
              if (!p->text.empty() && p->text.back() != '\n') text += '\n';
              return Status::Ok();
            },
            [&](const DocOutcome& d) {
              if (!tally.Take(d)) return;
              if (!first) *out << '\n';  // a blank line between documents
              first = false;
              *out << d.out;
            });
    return tally.Finish(*out, o->doc.out, o->doc.quiet);
  };
}

const Registrar kReg("text", "print each document's cleaned body text (HTML reduced to its article)", Setup);

}  // namespace
}  // namespace oborot::cli
