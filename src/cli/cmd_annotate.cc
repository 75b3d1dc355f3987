// oborot annotate FILE...: the cleaned text with every recognised mention marked.
#include <iostream>
#include <nlohmann/json.hpp>

#include "src/base/utf8.h"
#include "src/cli/command.h"
#include "src/cli/doc_loop.h"
#include "src/cli/doc_options.h"
#include "src/cli/inputs.h"
#include "src/facts/annotate.h"
#include "src/facts/json.h"
#include "src/segment/sentences.h"
#include "src/text/load.h"

namespace oborot::cli {
namespace {

struct AnnotateOptions {
  std::vector<std::string> inputs;  // files, directories or -
  bool json = false;                // machine-readable mentions instead of marked text
  DocumentOptions doc;              // --out, --errors, --quiet, --max-doc-bytes and the other budgets, --published
  size_t threads = DefaultThreads();  // --threads N: documents annotated at once
};

nlohmann::ordered_json Mention(const CodePointIndex& idx, const std::string& text, std::string_view kind,
                               uint32_t start, uint32_t end) {
  nlohmann::ordered_json j;
  j["kind"] = kind;
  j["text"] = text.substr(start, end - start);
  j["start"] = idx.ToCodePoints(start);
  j["end"] = idx.ToCodePoints(end);
  return j;
}

// One document's output (marked text or a JSON line) and its warnings.
Status AnnotateOne(const facts::Lexicons& lex, const RawInput& in, const AnnotateOptions& o, std::string* out,
                   std::vector<std::string>* warnings) {
  const Budgets& b = o.doc.budgets;
  const Deadline deadline = Deadline::After(b.doc_seconds);
  auto doc = text::LoadDocument(in, {.max_doc_bytes = o.doc.max_doc_bytes, .budgets = b, .deadline = deadline});
  if (!doc.ok()) return doc.status();
  if (doc->sentences.empty()) segment::SegmentDocument(*doc, b.sentence_chars, in.source);
  const facts::AnnotateLimits limits{
      .sentence_mentions = b.sentence_mentions, .doc_mentions = b.doc_mentions, .deadline = deadline};
  const facts::Annotations a = facts::Annotate(lex, *doc, limits);
  if (a.expired) return text::DeadlineStatus(in, deadline);
  facts::AnnotationWarnings(a, limits, in.source, doc->warnings);
  *warnings = std::move(doc->warnings);
  if (!o.json) {
    *out = "== " + doc->id + "\n" + facts::RenderAnnotated(*doc, a) + "\n";
    return Status::Ok();
  }
  const CodePointIndex idx(doc->text);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(facts::DocumentJsonLine(*doc));
  auto arr = nlohmann::ordered_json::array();
  for (const auto& p : a.parties) {
    auto m = Mention(idx, doc->text, "party", p.start, p.end);
    m["code"] = p.code;
    arr.push_back(std::move(m));
  }
  const auto people = facts::DescribePersons(lex, *doc, a);
  for (size_t i = 0; i < a.persons.size(); ++i) {
    const auto& p = a.persons[i];
    auto m = Mention(idx, doc->text, "person", p.start, p.end);
    m["name"] = people[i].name;
    if (people[i].full_name != people[i].name) m["full_name"] = people[i].full_name;
    if (!people[i].role.empty()) m["role"] = people[i].role;
    if (!people[i].party.empty()) m["party"] = people[i].party;
    if (people[i].official) m["official"] = true;
    arr.push_back(std::move(m));
  }
  for (const auto& r : a.roles) {
    auto m = Mention(idx, doc->text, "role", r.start, r.end);
    m["role"] = r.role;
    arr.push_back(std::move(m));
  }
  for (const auto& g : a.orgs) {
    auto m = Mention(idx, doc->text, "organization", g.start, g.end);
    m["name"] = g.name;
    m["country"] = g.country;
    arr.push_back(std::move(m));
  }
  for (const auto& s : a.sectors) {
    auto m = Mention(idx, doc->text, "sector", s.start, s.end);
    m["sector"] = s.sector;
    arr.push_back(std::move(m));
  }
  for (const auto& sm : a.sentences) {
    for (const auto& x : sm.money) {
      auto m = Mention(idx, doc->text, "money", x.start, x.end);
      m["value"] = x.value;
      m["currency"] = x.currency;
      arr.push_back(std::move(m));
    }
    for (const auto& x : sm.changes) {
      auto m = Mention(idx, doc->text, "change", x.start, x.end);
      m["percent"] = x.percent;
      arr.push_back(std::move(m));
    }
    for (const auto& x : sm.quantities) {
      auto m = Mention(idx, doc->text, "quantity", x.start, x.end);
      m["value"] = x.value;
      m["unit"] = x.unit;
      arr.push_back(std::move(m));
    }
    for (const auto& x : sm.dates) arr.push_back(Mention(idx, doc->text, "date", x.start, x.end));
  }
  j["mentions"] = std::move(arr);
  *out = j.dump() + "\n";
  return Status::Ok();
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<AnnotateOptions>();
  app.add_option("inputs", o->inputs, "files, directories or - for standard input")->required();
  app.add_flag("--json", o->json, "print the mentions as JSON lines instead of marked text");
  o->doc.Register(app);
  AddThreadsOption(app, o->threads);
  return [o]() -> int {
    if (!o->doc.CheckPublished(o->inputs)) return kExitUsage;
    auto lex = facts::Lexicons::Load();
    if (!lex.ok()) {
      std::cerr << "oborot: " << lex.status().message() << "\n";
      return kExitSomeFailed;
    }
    OutputTarget target;
    if (!target.Open(o->doc.out)) return kExitUsage;
    std::ostream& out = target.stream();
    ErrorSink errors;
    if (!errors.Open(o->doc.errors)) return kExitUsage;
    InputWalker walk(o->inputs, o->doc.Inputs());
    DocTally tally(errors);
    const facts::Lexicons& lexicons = **lex;
    DocLoop(DocLoop::Options{.threads = o->threads})
        .Run(
            walk,
            [&](const RawInput& in, std::string& text, std::vector<std::string>& warnings) -> Status {
              return AnnotateOne(lexicons, in, *o, &text, &warnings);
            },
            [&](const DocOutcome& d) {
              if (tally.Take(d)) out << d.out;
            });
    return tally.Finish(out, o->doc.out, o->doc.quiet);
  };
}

const Registrar kReg("annotate", "print the cleaned text with every recognised mention marked", Setup);

}  // namespace
}  // namespace oborot::cli
