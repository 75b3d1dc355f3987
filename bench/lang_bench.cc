// oborot_lang_bench: throughput of the language layer — tokenising, stemming
// and every gazetteer/lexicon matcher — on ONE thread, with a per-stage
// breakdown, plus the expression parsers for comparison.
//
//   build/bench/oborot_lang_bench [MB=64] [SEED]
//
// Documents come from bench/corpus.h one at a time; each is loaded and
// segmented (timed separately as the document layer), then the stages run in
// the order facts::Annotate runs them: Tokenize, StemTokens, Gazetteer,
// NameFinder, RoleFinder, OrgRecognizer, SectorTagger, the fact-cue
// PhraseMatcher; then FindMoney/FindChanges/FindQuantities/FindDates per
// sentence (the expression layer, not part of the language-layer figure).
// Every stage is timed in thread CPU time, so other processes on the machine
// do not distort it. MB/s is over the cleaned text the stages read.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "src/facts/annotate.h"
#include "src/lang/phrase_matcher.h"
#include "src/segment/sentences.h"
#include "src/text/load.h"

namespace {

enum Stage { kLoad, kTokenize, kStem, kGazetteer, kNames, kRoles, kOrgs, kSectors, kCues, kExpr, kStages };
const char* const kStageNames[kStages] = {"load+segment (document layer)",
                                          "Tokenize",
                                          "StemTokens",
                                          "Gazetteer::Find",
                                          "NameFinder::Find",
                                          "RoleFinder::Find",
                                          "OrgRecognizer::Find",
                                          "SectorTagger::Find",
                                          "cue PhraseMatcher::FindAll",
                                          "expr: money, changes, quantities, dates"};

}  // namespace

int main(int argc, char** argv) {
  namespace bench = oborot::bench;
  using bench::ThreadCpuSeconds;
  bench::CorpusOptions opt;
  opt.megabytes = argc > 1 ? std::atof(argv[1]) : 64.0;
  if (argc > 2) opt.seed = std::strtoull(argv[2], nullptr, 10);

  auto loaded = oborot::facts::Lexicons::Load();
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
    return 1;
  }
  const oborot::facts::Lexicons& lex = **loaded;

  double secs[kStages] = {};
  size_t found[kStages] = {};  // mentions per stage: a checksum for before/after comparisons
  size_t text_bytes = 0, tokens = 0, failures = 0;
  auto run = [&](const oborot::RawInput& raw) {
    double t = ThreadCpuSeconds();
    auto lap = [&](Stage s) {
      const double now = ThreadCpuSeconds();
      secs[s] += now - t;
      t = now;
    };
    auto doc = oborot::text::LoadDocument(raw, {});
    if (!doc.ok()) {
      ++failures;
      return;
    }
    oborot::segment::SegmentDocument(*doc);
    found[kLoad] += doc->sentences.size();
    lap(kLoad);
    const auto toks = oborot::segment::Tokenize(doc->text);
    found[kTokenize] += toks.size();
    lap(kTokenize);
    const auto stems = oborot::lang::StemTokens(toks);
    for (size_t k = 0; k < stems.size(); ++k) found[kStem] += stems[k].size();
    lap(kStem);
    found[kGazetteer] += lex.gazetteer->Find(toks, stems).size();
    lap(kGazetteer);
    found[kNames] += lex.names->Find(doc->text, toks).size();
    lap(kNames);
    found[kRoles] += lex.roles->Find(doc->text, toks).size();
    lap(kRoles);
    found[kOrgs] += lex.orgs->Find(doc->text, toks, stems).size();
    lap(kOrgs);
    found[kSectors] += lex.sectors->Find(toks, stems).size();
    lap(kSectors);
    found[kCues] += lex.cues.FindAll(toks, stems).size();
    lap(kCues);
    size_t k = 0;
    for (const oborot::Sentence& sent : doc->sentences) {
      while (k < toks.size() && toks[k].start < sent.start) ++k;
      size_t e = k;
      while (e < toks.size() && toks[e].start < sent.end) ++e;
      const std::vector<oborot::segment::Token> st(toks.begin() + static_cast<std::ptrdiff_t>(k),
                                                   toks.begin() + static_cast<std::ptrdiff_t>(e));
      const std::string_view text = doc->Slice(sent);
      found[kExpr] += oborot::expr::FindMoney(text, st, sent.start).size();
      found[kExpr] += oborot::expr::FindChanges(text, st, sent.start).size();
      found[kExpr] += oborot::expr::FindQuantities(text, st, sent.start).size();
      found[kExpr] += oborot::expr::FindDates(text, st, sent.start).size();
      k = e;
    }
    lap(kExpr);
    text_bytes += doc->text.size();
    tokens += toks.size();
  };

  {  // warm-up on another seed
    bench::CorpusOptions warm = opt;
    warm.seed = opt.seed + 1;
    warm.megabytes = 1e9;
    bench::CorpusGenerator gen(warm);
    oborot::RawInput raw;
    for (int i = 0; i < 200 && gen.Next(&raw); ++i) run(raw);
    for (int s = 0; s < kStages; ++s) {
      secs[s] = 0;
      found[s] = 0;
    }
    text_bytes = tokens = failures = 0;
  }

  bench::CorpusGenerator gen(opt);
  oborot::RawInput raw;
  while (gen.Next(&raw)) run(raw);

  const double text_mb = static_cast<double>(text_bytes) / 1e6;
  std::printf("corpus: %zu documents, %.1f MB input, %.1f MB cleaned text, %zu tokens (seed %llu)\n",
              gen.documents(), static_cast<double>(gen.bytes()) / 1e6, text_mb, tokens,
              static_cast<unsigned long long>(opt.seed));
  std::printf("%-42s %9s %10s %9s\n", "stage (1 thread, CPU time)", "seconds", "MB/s", "found");
  double lang = 0;
  for (int s = 0; s < kStages; ++s) {
    std::printf("%-42s %9.3f %10.1f %9zu\n", kStageNames[s], secs[s], text_mb / secs[s], found[s]);
    if (s >= kTokenize && s <= kCues) lang += secs[s];
  }
  std::printf("language layer (Tokenize..cues): %.2f s CPU, %.1f MB/s of cleaned text, %.1f M tokens/s\n", lang,
              text_mb / lang, static_cast<double>(tokens) / lang / 1e6);
  std::printf("found: sentences, tokens, stem bytes, mentions per matcher, expressions; failures %zu\n", failures);
  std::printf("peak RSS: %.1f MB\n", bench::PeakRssMb());
  return failures ? 1 : 0;
}
