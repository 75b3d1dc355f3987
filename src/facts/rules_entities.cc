// Organisations, sectors and projects named for the document's pair.
#include <algorithm>
#include <optional>
#include <string_view>

#include "src/base/utf8.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

std::vector<std::string> DocPair(const DocContext& ctx) {
  if (ctx.partner.empty() || ctx.partner == ctx.home) return {};
  std::vector<std::string> p = {ctx.home, ctx.partner};
  std::sort(p.begin(), p.end());
  return p;
}

size_t SentenceOf(const Document& doc, uint32_t at) {
  auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), at,
                             [](uint32_t v, const Sentence& s) { return v < s.start; });
  return it == doc.sentences.begin() ? 0 : static_cast<size_t>(it - doc.sentences.begin() - 1);
}

}  // namespace

void ExtractEntities(const DocContext& ctx, std::vector<Fact>& out) {
  const Annotations& a = *ctx.ann;
  const Document& doc = *ctx.doc;
  const std::vector<std::string> pair = DocPair(ctx);

  std::vector<std::string> seen;
  for (const auto& o : a.orgs) {
    const size_t s = SentenceOf(doc, o.start);
    if (s < ctx.in_other_story.size() && ctx.in_other_story[s]) continue;
    if (std::find(seen.begin(), seen.end(), o.name) != seen.end()) continue;
    seen.push_back(o.name);
    Fact f;
    f.type = FactType::kOrganization;
    f.parties = pair;
    f.name = o.name;
    f.country = o.country;
    f.sector = o.sector;
    f.evidence = SentenceEvidence(ctx, s);
    f.rule = o.known ? "organization.lexicon" : "organization.pattern";
    f.used.push_back({"organization", Span{o.start, o.end}});
    out.push_back(std::move(f));
  }

  seen.clear();
  for (const auto& sec : a.sectors) {
    if (sec.sector == "trade") continue;
    const size_t s = SentenceOf(doc, sec.start);
    if (s < ctx.in_other_story.size() && ctx.in_other_story[s]) continue;
    if (std::find(seen.begin(), seen.end(), sec.sector) != seen.end()) continue;
    seen.push_back(sec.sector);
    Fact f;
    f.type = FactType::kSector;
    f.parties = pair;
    f.sector = sec.sector;
    f.evidence = SentenceEvidence(ctx, s);
    f.rule = "sector.lexicon";
    f.used.push_back({"sector", Span{sec.start, sec.end}});
    out.push_back(std::move(f));
  }

  // Deliveries and projects: a count of things, or an amount that is not
  // turnover, in a sentence about a project, delivery or purchase.
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    if (ctx.in_other_story[s]) continue;
    const SentenceMentions& sm = a.sentences[s];
    bool project_cue = false, trade_cue = false, other_money = false, delivery = false, planned = false;
    for (size_t ci : sm.cues) {
      const CueMention& c = a.cues[ci];
      project_cue |= c.cue == Cue::kProject;
      other_money |= c.cue == Cue::kNotTrade;
      trade_cue |= c.cue == Cue::kTrade || c.cue == Cue::kTradeVerb;
      delivery |= c.cue == Cue::kDelivery;  // поставка, приобрести, выпуск (clause_words.tsv)
      planned |= c.cue == Cue::kPlanned;    // планируется, готовы
    }
    if (sm.quantities.empty() && sm.money.empty()) continue;
    for (const auto& q : sm.quantities) {
      if (ctx.lex->IsMeasureUnit(q.unit)) continue;
      if (!(project_cue || other_money || delivery)) continue;
      Fact f;
      f.type = FactType::kProject;
      f.parties = pair;
      f.name = std::string(std::string_view(doc.text).substr(q.start, q.end - q.start));
      f.quantity = q.value;
      f.unit = q.unit;
      f.status = planned ? "planned" : "reported";
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = "project.quantity";
      f.used.push_back({"quantity", Span{q.start, q.end}});
      out.push_back(std::move(f));
    }
    if (!project_cue || trade_cue) continue;
    // the project's name: from its cue word («строительство», «проект», «стоимость») to the
    // end of the phrase, at most ten words
    uint32_t name_first = UINT32_MAX;
    for (size_t ci : sm.cues) {
      if (a.cues[ci].cue == Cue::kProject) {
        name_first = a.cues[ci].token;
        break;
      }
    }
    for (const auto& m : sm.money) {
      if (m.currency.empty() || name_first == UINT32_MAX) continue;
      uint32_t last = name_first;
      for (uint32_t t = name_first; t < sm.end_token && t < name_first + 10; ++t) {
        const auto& tok = a.tokens[t];
        if (tok.start >= m.start || (tok.kind == segment::TokenKind::kPunct && tok.fold != "-" && tok.fold != "«" &&
                                     tok.fold != "»" && tok.fold != "\"")) {
          break;
        }
        last = t;
      }
      Fact f;
      f.type = FactType::kProject;
      f.parties = pair;
      f.name = doc.text.substr(a.tokens[name_first].start, a.tokens[last].end - a.tokens[name_first].start);
      f.value = m.value;
      f.currency = m.currency;
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = "project.value";
      f.used.push_back({"money", Span{m.start, m.end}});
      out.push_back(std::move(f));
    }
  }
}

}  // namespace oborot::facts
