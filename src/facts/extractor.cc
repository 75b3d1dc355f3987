#include "oborot/extractor.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <cstdio>
#include <sstream>

#include "engine_hash.h"  // generated: OBOROT_ENGINE_HASH (src/facts/CMakeLists.txt)
#include "src/base/data.h"
#include "src/base/release_memory.h"
#include "src/base/utf8.h"
#include "src/facts/annotate.h"
#include "src/facts/json.h"
#include "src/facts/packed.h"
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

namespace {

// The facts one reading of a document (whole, or one window of a large one) gives.
struct Reading {
  std::vector<Fact> facts;
  std::vector<Rejection> rejected;
  uint32_t body_start = 0;  // the first byte after the title sentences
  size_t doc_dropped = 0, sentence_dropped = 0;
  std::array<size_t, facts::kMentionKinds> doc_kept{};
  bool expired = false;  // the deadline passed: nothing else is set
};

// Annotates `doc` and runs the rules over it (facts not yet merged).
Reading Read(const facts::Lexicons& lex, const Document& doc, const facts::AnnotateLimits& limits,
             const Deadline& deadline, bool rejected) {
  Reading r;
  r.expired = true;
  const facts::Annotations ann = facts::Annotate(lex, doc, limits);
  if (ann.expired) return r;
  r.doc_dropped = ann.doc_dropped;
  r.sentence_dropped = ann.sentence_dropped;
  r.doc_kept = ann.doc_kept;
  const facts::DocContext ctx = facts::BuildContext(lex, doc, ann);
  if (deadline.Expired()) return r;
  // Room for one fact per sentence, capped (a large document's window has
  // thousands): growing the vector from empty moved every Fact again at each
  // doubling, 8.8 M instructions of the pipeline bench (callgrind,
  // bench/RESULTS.md, sixth round).
  r.facts.reserve(std::min<size_t>(doc.sentences.size(), 256));
  facts::ExtractTurnover(ctx, r.facts, rejected ? &r.rejected : nullptr);
  facts::ExtractTables(ctx, r.facts);
  if (deadline.Expired()) return r;
  facts::ExtractMeetings(ctx, r.facts);
  facts::ExtractEntities(ctx, r.facts);
  if (deadline.Expired()) return r;
  facts::ExtractTradeFlows(ctx, r.facts);
  r.body_start = ctx.body_start_sentence < doc.sentences.size() ? doc.sentences[ctx.body_start_sentence].start : 0;
  r.expired = false;
  return r;
}

// The windows of a large document: runs of whole paragraphs of about
// `window_bytes` each, as [first sentence, end sentence). A paragraph
// longer than kParagraphWindows windows (a transcript or a table converted
// without breaks) is cut between sentences too, else it would cost its
// whole size at once.
constexpr size_t kParagraphWindows = 2;
std::vector<std::pair<size_t, size_t>> Windows(const Document& doc, size_t window_bytes) {
  std::vector<std::pair<size_t, size_t>> w;
  size_t first = 0;
  for (size_t s = 1; s < doc.sentences.size(); ++s) {
    const size_t size = doc.sentences[s].start - doc.sentences[first].start;
    const bool paragraph_break = doc.sentences[s].paragraph != doc.sentences[s - 1].paragraph;
    if ((paragraph_break && size >= window_bytes) || size >= kParagraphWindows * window_bytes) {
      w.emplace_back(first, s);
      first = s;
    }
  }
  w.emplace_back(first, doc.sentences.size());
  return w;
}

// The byte where window [first, end) starts: its first paragraph's start
// (0 for the first window), or its first sentence's in a paragraph cut.
uint32_t WindowStart(const Document& doc, size_t first) {
  if (first == 0) return 0;
  const Sentence& s = doc.sentences[first];
  if (doc.sentences[first - 1].paragraph == s.paragraph || s.paragraph >= doc.paragraphs.size()) return s.start;
  return std::min(s.start, doc.paragraphs[s.paragraph].start);
}

// A window of `doc` as a document of its own: its text from `base` to `end`,
// its paragraphs and sentences shifted to it, the document's metadata (id,
// title, dates) shared.
Document WindowDocument(const Document& doc, size_t first, size_t end_sentence, uint32_t base, uint32_t end) {
  Document w;
  w.id = doc.id;
  w.source = doc.source;
  w.url = doc.url;
  w.encoding = doc.encoding;
  w.title = doc.title;
  w.published = doc.published;
  w.published_how = doc.published_how;
  w.dateline_city = doc.dateline_city;
  w.dateline = doc.dateline;
  w.text = doc.text.substr(base, end - base);
  const uint32_t p0 = doc.sentences[first].paragraph;
  const uint32_t p1 = doc.sentences[end_sentence - 1].paragraph;
  for (uint32_t p = p0; p <= p1 && p < doc.paragraphs.size(); ++p) {
    const Span& para = doc.paragraphs[p];
    w.paragraphs.push_back({std::clamp(para.start, base, end) - base, std::clamp(para.end, base, end) - base});
  }
  w.sentences.reserve(end_sentence - first);
  for (size_t s = first; s < end_sentence; ++s) {
    const Sentence& x = doc.sentences[s];
    w.sentences.push_back({x.start - base, x.end - base, x.paragraph - p0});
  }
  return w;
}

void Shift(Span& s, uint32_t by) {
  s.start += by;
  s.end += by;
}

}  // namespace

Result<Extraction> Extractor::Process(const RawInput& in, const ExtractOptions& options) const {
  return Run(in, nullptr, options);
}

Result<Extraction> Extractor::Process(RawInput&& in, const ExtractOptions& options) const {
  return Run(in, &in.bytes, options);
}

Result<Extraction> Extractor::Run(const RawInput& in, std::string* release, const ExtractOptions& options) const {
  const Budgets& b = options.budgets;
  const Deadline deadline = Deadline::After(b.doc_seconds);
  auto doc = text::LoadDocument(
      in, {.max_doc_bytes = options.max_doc_bytes, .budgets = b, .deadline = deadline, .release_bytes = release});
  if (!doc.ok()) return doc.status();
  Extraction e;
  e.doc = std::move(*doc);
  // The text before cleaning and the lines cleaning dropped are read by
  // nothing past LoadDocument: not held while the document is read (as large
  // as the text; a dump repeating its articles dropped megabytes of lines).
  std::string().swap(e.doc.original);
  std::vector<std::string>().swap(e.doc.removed);
  if (e.doc.sentences.empty()) segment::SegmentDocument(e.doc, b.sentence_chars, in.source);
  if (e.doc.sentences.empty()) return e;
  // The deadline is checked between the steps (and per sentence in
  // Annotate); each step is bounded by the budgets, so none runs long.
  if (deadline.Expired()) return text::DeadlineStatus(in, deadline);
  facts::AnnotateLimits limits{
      .sentence_mentions = b.sentence_mentions, .doc_mentions = b.doc_mentions, .deadline = deadline};
  const bool windowed = options.window_threshold > 0 && e.doc.text.size() > options.window_threshold;
  const auto windows = windowed ? Windows(e.doc, std::max<size_t>(options.window_bytes, 1))
                                : std::vector<std::pair<size_t, size_t>>{{0, e.doc.sentences.size()}};
  if (windowed) ReleaseFreeMemory();  // the input's bytes and the text before cleaning
  uint32_t body_start = 0;
  size_t doc_dropped = 0, sentence_dropped = 0;
  facts::DuplicateMerger merger;
  // (packed: a 16 MB document read with its mention budget lifted keeps
  // ~58,000 facts, 45 MB as Facts, 8 MB packed)
  const bool pack = windows.size() > 1 && options.pack_facts && !options.evidence_text;
  for (size_t k = 0; k < windows.size(); ++k) {
    const auto [first, end_sentence] = windows[k];
    Reading r;
    uint32_t base = 0;
    if (windows.size() == 1) {
      r = Read(*impl_->lex, e.doc, limits, deadline, options.rejected);
    } else {
      base = WindowStart(e.doc, first);
      const uint32_t end = k + 1 < windows.size() ? WindowStart(e.doc, windows[k + 1].first)
                                                  : static_cast<uint32_t>(e.doc.text.size());
      const Document w = WindowDocument(e.doc, first, end_sentence, base, end);
      r = Read(*impl_->lex, w, limits, deadline, options.rejected);
    }
    // (the window's tokens and annotations are freed by now)
    if (windows.size() > 1) ReleaseFreeMemory();
    if (r.expired) return text::DeadlineStatus(in, deadline);
    if (k == 0) body_start = r.body_start;
    doc_dropped += r.doc_dropped;
    sentence_dropped += r.sentence_dropped;
    for (size_t i = 0; i < r.doc_kept.size(); ++i) limits.doc_taken[i] += r.doc_kept[i];
    // The spans a rule used are for --explain only: freed here, window by
    // window, not kept for every fact of a large document until the end.
    if (!options.explain) {
      for (Fact& f : r.facts) std::vector<UsedSpan>().swap(f.used);
    }
    // offsets back into the whole document's text
    if (base > 0) {
      for (Fact& f : r.facts) {
        Shift(f.evidence.span, base);
        for (UsedSpan& u : f.used) Shift(u.span, base);
      }
      for (Rejection& x : r.rejected) {
        Shift(x.span, base);
        Shift(x.evidence.span, base);
      }
    }
    // Merged at once with those before: a large document's restatements
    // (half the facts of a paragraph of figures) are not held to the end.
    if (pack) {
      merger.Merge(r.facts, e.packed_facts, body_start);
    } else {
      if (e.facts.empty()) {
        e.facts = std::move(r.facts);
      } else {
        e.facts.insert(e.facts.end(), std::make_move_iterator(r.facts.begin()),
                       std::make_move_iterator(r.facts.end()));
      }
      merger.Merge(e.facts, body_start);
    }
    std::vector<Fact>().swap(r.facts);
    e.rejected.insert(e.rejected.end(), std::make_move_iterator(r.rejected.begin()),
                      std::make_move_iterator(r.rejected.end()));
  }
  facts::AnnotationWarnings(doc_dropped, sentence_dropped, limits, in.source, e.doc.warnings);
  facts::StableSortByType(e.facts);
  facts::StableSortByType(e.packed_facts);
  if (options.evidence_text) facts::FillEvidenceText(e.doc, e.facts, e.rejected);
  return e;
}

const std::string& Extractor::Version() const { return impl_->version; }

namespace {
// ForEachFact without a std::function call per fact, for the writers.
template <typename Each>
void EachFact(const Extraction& e, Each&& each) {
  for (const Fact& f : e.facts) each(f);
  for (const std::string& p : e.packed_facts) each(facts::UnpackFact(p));
}
}  // namespace

void Extractor::ForEachFact(const Extraction& e, const std::function<void(const Fact&)>& each) const {
  EachFact(e, each);
}

std::vector<std::string> Extractor::ToJsonLines(const Extraction& e) const {
  std::vector<std::string> lines;
  lines.reserve(e.fact_count() + 1);
  const CodePointIndex index(e.doc.text);
  lines.push_back(facts::DocumentJsonLine(e.doc, index));
  EachFact(e, [&](const Fact& f) { lines.push_back(facts::FactJsonLine(e.doc, f, index)); });
  return lines;
}

void Extractor::WriteJsonl(const Extraction& e, const std::function<void(std::string_view)>& write,
                           std::string_view after_document_line) const {
  constexpr size_t kPiece = 1u << 20;
  const CodePointIndex index(e.doc.text);
  std::string piece;
  piece.reserve(kPiece + (64u << 10));
  (piece += facts::DocumentJsonLine(e.doc, index)) += '\n';
  write(piece);
  piece.clear();
  write(after_document_line);
  EachFact(e, [&](const Fact& f) {
    (piece += facts::FactJsonLine(e.doc, f, index)) += '\n';
    if (piece.size() >= kPiece) {
      write(piece);
      piece.clear();
    }
  });
  if (!piece.empty()) write(piece);
}

void Extractor::AppendJsonl(const Extraction& e, std::string& out, std::string_view after_document_line) const {
  const CodePointIndex index(e.doc.text);
  // The lines of a document of many facts (a large one, its mention budget
  // lifted) are measured first and `out` is sized once: grown by doubling,
  // a 28 MB output took 76 MB at its last reallocation (the old buffer and
  // one twice its size). Writing the lines twice costs less than a tenth of
  // reading such a document; an article's few lines are written once.
  constexpr size_t kMeasureFacts = 1000;
  if (e.fact_count() >= kMeasureFacts) {
    size_t total = out.size() + facts::DocumentJsonLine(e.doc, index).size() + 1 + after_document_line.size();
    EachFact(e, [&](const Fact& f) { total += facts::FactJsonLine(e.doc, f, index).size() + 1; });
    out.reserve(total);
  }
  (out += facts::DocumentJsonLine(e.doc, index)) += '\n';
  out += after_document_line;
  EachFact(e, [&](const Fact& f) { (out += facts::FactJsonLine(e.doc, f, index)) += '\n'; });
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
