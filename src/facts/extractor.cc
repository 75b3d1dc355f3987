#include "oborot/extractor.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "engine_hash.h"  // generated: OBOROT_ENGINE_HASH (src/facts/CMakeLists.txt)
#include "src/base/data.h"
#include "src/base/utf8.h"
#include "src/facts/annotate.h"
#include "src/facts/json.h"
#include "src/facts/rules.h"
#include "src/segment/sentences.h"
#include "src/text/load.h"

namespace oborot {

struct Extractor::Impl {
  std::shared_ptr<const facts::Lexicons> lex;
  std::string version;
};

Extractor::Extractor() : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;

Result<std::shared_ptr<const Extractor>> Extractor::Create() {
  auto lex = facts::Lexicons::Load();
  if (!lex.ok()) return lex.status();
  std::shared_ptr<Extractor> ex(new Extractor());
  ex->impl_->lex = *lex;
  char data_hash[17];
  std::snprintf(data_hash, sizeof data_hash, "%016llx", static_cast<unsigned long long>(data::LoadedVersion()));
  ex->impl_->version = std::string(OBOROT_VERSION) + " engine:" + OBOROT_ENGINE_HASH + " data:" + data_hash;
  return std::shared_ptr<const Extractor>(std::move(ex));
}

Result<Extraction> Extractor::Process(const RawInput& in, const ExtractOptions& options) const {
  const Budgets& b = options.budgets;
  const Deadline deadline = Deadline::After(b.doc_seconds);
  auto doc = text::LoadDocument(in, {.max_doc_bytes = options.max_doc_bytes, .budgets = b, .deadline = deadline});
  if (!doc.ok()) return doc.status();
  Extraction e;
  e.doc = std::move(*doc);
  if (e.doc.sentences.empty()) segment::SegmentDocument(e.doc, b.sentence_chars, in.source);
  if (e.doc.sentences.empty()) return e;
  // The deadline is checked between the steps (and per sentence in
  // Annotate); each step is bounded by the budgets, so none runs long.
  if (deadline.Expired()) return text::DeadlineStatus(in, deadline);
  const facts::AnnotateLimits limits{
      .sentence_mentions = b.sentence_mentions, .doc_mentions = b.doc_mentions, .deadline = deadline};
  const facts::Annotations ann = facts::Annotate(*impl_->lex, e.doc, limits);
  if (ann.expired) return text::DeadlineStatus(in, deadline);
  facts::AnnotationWarnings(ann, limits, in.source, e.doc.warnings);
  const facts::DocContext ctx = facts::BuildContext(*impl_->lex, e.doc, ann);
  if (deadline.Expired()) return text::DeadlineStatus(in, deadline);
  facts::ExtractTurnover(ctx, e.facts, options.rejected ? &e.rejected : nullptr);
  if (deadline.Expired()) return text::DeadlineStatus(in, deadline);
  facts::ExtractMeetings(ctx, e.facts);
  facts::ExtractEntities(ctx, e.facts);
  if (deadline.Expired()) return text::DeadlineStatus(in, deadline);
  facts::ExtractTradeFlows(ctx, e.facts);
  const uint32_t body_start =
      ctx.body_start_sentence < e.doc.sentences.size() ? e.doc.sentences[ctx.body_start_sentence].start : 0;
  facts::MergeDuplicates(e.facts, body_start);
  facts::StableSortByType(e.facts);
  facts::FillEvidenceText(e.doc, e.facts, e.rejected);
  if (!options.explain) {
    for (Fact& f : e.facts) f.used.clear();
  }
  return e;
}

const std::string& Extractor::Version() const { return impl_->version; }

std::vector<std::string> Extractor::ToJsonLines(const Extraction& e) const {
  std::vector<std::string> lines;
  lines.reserve(e.facts.size() + 1);
  const CodePointIndex index(e.doc.text);
  lines.push_back(facts::DocumentJsonLine(e.doc, index));
  for (const Fact& f : e.facts) lines.push_back(facts::FactJsonLine(e.doc, f, index));
  return lines;
}

namespace {
std::string Describe(const Fact& f) {
  std::ostringstream o;
  o << FactTypeName(f.type);
  if (!f.parties.empty()) {
    o << " ";
    for (size_t i = 0; i < f.parties.size(); ++i) o << (i ? "–" : "") << f.parties[i];
  }
  switch (f.type) {
    case FactType::kTurnover:
      o << " " << f.status << " " << std::fixed;
      o.precision(0);
      o << f.value << " " << f.currency << " (" << (f.qualifier.empty() ? "exact" : f.qualifier) << ")";
      break;
    case FactType::kTurnoverChange:
    case FactType::kTurnoverShare:
      o << " " << (f.percent > 0 ? "+" : "") << f.percent << "%";
      break;
    case FactType::kMeeting:
      o << " on " << (f.date ? f.date->ToString() : "?") << (f.place.empty() ? "" : " in " + f.place);
      for (const auto& p : f.participants) o << "; " << p.name << " (" << p.role << ", " << p.party << ")";
      break;
    case FactType::kOrganization:
      o << " " << f.name << (f.country.empty() ? "" : " [" + f.country + "]");
      break;
    case FactType::kSector:
      o << " " << f.sector;
      break;
    case FactType::kProject:
      o << " " << f.name;
      break;
    case FactType::kTradeFlow:
      o << " " << f.flow_from << "→" << f.flow_to << " " << f.status << " " << std::fixed;
      o.precision(0);
      o << f.value << " " << f.currency << " (" << (f.qualifier.empty() ? "exact" : f.qualifier) << ")";
      break;
  }
  if (f.year) o << ", year " << *f.year;
  if (!f.period.empty()) o << ", period " << f.period;
  if (f.sectoral) o << ", sectoral: " << f.sector;
  return o.str();
}
}  // namespace

std::string Extractor::Explain(const Extraction& e) const {
  std::ostringstream out;
  const Document& d = e.doc;
  out << "== " << d.id << "  published " << (d.published ? d.published->ToString() : "unknown");
  if (!d.published_how.empty()) out << " (" << d.published_how << ")";
  out << ", title: " << (d.title ? *d.title : "none") << ", " << e.facts.size() << " facts\n";
  int n = 0;
  for (const Fact& f : e.facts) {
    out << "[" << ++n << "] " << Describe(f) << "\n";
    out << "    rule: " << (f.rule.empty() ? "?" : f.rule);
    if (!f.speaker.empty()) out << "; speaker: " << f.speaker;
    out << "\n    evidence: ";
    // the sentence with the spans used in [brackets]
    std::vector<UsedSpan> used = f.used;
    std::sort(used.begin(), used.end(), [](const UsedSpan& a, const UsedSpan& b) { return a.span.start < b.span.start; });
    uint32_t pos = f.evidence.span.start;
    for (const auto& u : used) {
      if (u.span.start < pos || u.span.end > f.evidence.span.end) continue;
      out << d.text.substr(pos, u.span.start - pos) << "[" << d.text.substr(u.span.start, u.span.end - u.span.start)
          << "]" << u.what;
      pos = u.span.end;
    }
    if (pos < f.evidence.span.end) out << d.text.substr(pos, f.evidence.span.end - pos);
    out << "\n";
    for (const auto& u : f.used) {
      if (u.span.start < f.evidence.span.start || u.span.end > f.evidence.span.end) {
        out << "    also: " << u.what << " «" << d.text.substr(u.span.start, u.span.end - u.span.start) << "»\n";
      }
    }
  }
  if (!e.rejected.empty()) {
    out << "-- " << e.rejected.size() << " rejected\n";
    n = 0;
    for (const Rejection& r : e.rejected) {
      out << "[r" << ++n << "] " << r.what << " «" << d.text.substr(r.span.start, r.span.end - r.span.start)
          << "»: " << r.reason << "\n";
      out << "    evidence: " << d.text.substr(r.evidence.span.start, r.span.start - r.evidence.span.start) << "["
          << d.text.substr(r.span.start, r.span.end - r.span.start) << "]"
          << d.text.substr(r.span.end, r.evidence.span.end - r.span.end) << "\n";
    }
  }
  return out.str();
}

}  // namespace oborot
