// Trade flows: exports and imports between the pair, with their direction.
//
// «Экспорт белорусской продукции в область составил 300 млн долларов,
// импорт — 100 млн»: a money expression whose nearest preceding money cue in
// its sentence is a direction word of data/lexicons/flow_cues.tsv (экспорт,
// импорт, экспортные поставки …) is a flow of that direction. The exporter
// and importer come from the parties named after the cue: a destination
// after «в/на» («в Беларусь»), an origin after «из/с», a genitive or an
// adjective right after the cue («экспорт Беларуси», «белорусской
// продукции») for the exporter of an export or the importer of an import.
// The other end must be named («в область», «из области») unless the
// sentence or the one before it names the pair's trade, of which the flow is
// a part; otherwise it is one side's exports to anywhere.
// Without such a party, an export is the Belarusian side's and an import
// goes to it (the reports are Belarusian). A flow to or from a party outside
// the pair («экспорт в Китай» in a Belarus–Kaluga story) is not a flow of the
// pair. Status, year, qualifier and currency as for turnover: a target cue
// between the neighbouring figures makes a target; an amount without a
// currency takes the sentence's previous one («импорт — 100 млн»). A sector
// named between the cue and the amount makes the flow sectoral.
#include <algorithm>
#include <unordered_map>

#include "src/base/data.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

enum class Dir : uint8_t { kNone, kExport, kImport, kTo, kFrom };

// flow_cues.tsv, loaded once (data::Read honours --data-dir, which is set
// before any document is read). datac validates the embedded copy at build
// time; a file that cannot be read leaves the rule without words (no flows).
struct FlowWords {
  std::vector<std::pair<std::string, Dir>> words;
  Dir Of(std::string_view w) const {
    for (const auto& [form, dir] : words) {
      if (form == w) return dir;
    }
    return Dir::kNone;
  }
};

const FlowWords& Words() {
  static const FlowWords kWords = [] {
    FlowWords fw;
    const char* kFile = "lexicons/flow_cues.tsv";
    auto rows = data::ReadTsv(kFile, 2);
    if (!rows.ok()) return fw;
    for (const auto& r : *rows) {
      const std::string& k = r.cols[1];
      const Dir d = k == "export" ? Dir::kExport : k == "import" ? Dir::kImport : k == "to" ? Dir::kTo
                  : k == "from"   ? Dir::kFrom
                                  : Dir::kNone;
      if (d != Dir::kNone) fw.words.emplace_back(r.cols[0], d);
    }
    return fw;
  }();
  return kWords;
}

std::string QualifierOf(expr::Qualifier q) {
  switch (q) {
    case expr::Qualifier::kMoreThan: return "more_than";
    case expr::Qualifier::kLessThan: return "less_than";
    case expr::Qualifier::kApprox: return "approx";
    default: return "exact";
  }
}

bool IsMoneyCue(Cue c) { return c == Cue::kTrade || c == Cue::kTradeVerb || c == Cue::kNotTrade || c == Cue::kProject; }

// The side of the pair a mentioned party stands for: itself, a region of a
// country named («российские регионы» for RU-KLU), or Belarus for a Belarusian
// oblast of the pair; "" when it is neither side.
std::string SideOf(std::string_view code, const std::vector<std::string>& pair) {
  for (const auto& p : pair) {
    if (p == code) return p;
  }
  for (const auto& p : pair) {
    if (IsBelarusSide(code) && IsBelarusSide(p)) return p;
    if (IsCountry(code) && p.rfind(std::string(code) + "-", 0) == 0) return p;
  }
  return {};
}

// The side of the pair a bare region word («области», «региона») stands for:
// the one side that is a region (not a country); of two regions, the one the
// text is written from (DocContext::owner), else the one it names first (its
// headline or dateline); "" when the pair has no region.
std::string RegionSide(const DocContext& ctx, const std::vector<std::string>& pair) {
  const bool r0 = !IsCountry(pair[0]), r1 = !IsCountry(pair[1]);
  if (r0 != r1) return r0 ? pair[0] : pair[1];
  if (!r0) return {};
  if (std::find(pair.begin(), pair.end(), ctx.owner) != pair.end()) return ctx.owner;
  const Annotations& a = *ctx.ann;
  for (size_t k = 0; k < a.parties.size(); ++k) {
    if (!ctx.PartyUsable(k)) continue;
    for (const auto& p : pair) {
      if (a.parties[k].code == p) return p;
    }
  }
  return {};
}

struct Direction {
  std::string from, to;
  bool outside = false;      // a destination or origin outside the pair
  bool counterpart = false;  // the other end is named: an export's destination, an import's origin
  bool from_named = false, to_named = false;
};

// Who sends and who receives, from the parties named between the cue and the amount.
Direction Resolve(const DocContext& ctx, const SentenceMentions& sm, size_t cue_tok, size_t money_tok, Dir dir,
                  const std::vector<std::string>& pair) {
  const Annotations& a = *ctx.ann;
  const FlowWords& w = Words();
  Direction d;
  for (size_t k : sm.parties) {
    if (!ctx.PartyUsable(k)) continue;
    const auto& m = a.parties[k];
    const size_t t = TokenAt(a, m.start);
    if (t <= cue_tok || t >= money_tok + 1 || t > cue_tok + 8) continue;
    const Dir marker = t > 0 ? w.Of(a.tokens[t - 1].fold) : Dir::kNone;
    const std::string side = SideOf(m.code, pair);
    if (marker == Dir::kTo || marker == Dir::kFrom) {
      if (side.empty()) {
        d.outside = true;
        continue;
      }
      (marker == Dir::kTo ? d.to : d.from) = side;
      (marker == Dir::kTo ? d.to_named : d.from_named) = true;
      d.counterpart |= (marker == Dir::kTo) == (dir == Dir::kExport);
    } else if (!side.empty() && t <= cue_tok + 3) {
      // «экспорт Беларуси», «экспорт белорусской продукции»: whose export; «импорт Беларуси»: who imports
      (dir == Dir::kExport ? d.from : d.to) = side;
      (dir == Dir::kExport ? d.from_named : d.to_named) = true;
    }
  }
  // «Экспорт области вырос до 30 млн», «экспорт региона», «импорт из края»: a region word (an
  // anaphor, fact_cues.tsv) right after the cue, or after «в/из» there, stands for the pair's side
  // that is a region (the text's subject: in a Russian region's article, the region; in a
  // Gomel oblast's, the oblast), so the export is that side's, whichever country writes.
  const std::string region = RegionSide(ctx, pair);
  if (!region.empty()) {
    for (size_t ci : sm.cues) {
      const CueMention& c = a.cues[ci];
      if (c.cue != Cue::kAnaphor || c.token <= cue_tok || c.token > cue_tok + 2 || c.token >= money_tok) continue;
      const Dir marker = w.Of(a.tokens[c.token - 1].fold);
      if (marker == Dir::kTo || marker == Dir::kFrom) {
        std::string& end = marker == Dir::kTo ? d.to : d.from;
        bool& named = marker == Dir::kTo ? d.to_named : d.from_named;
        if (named) break;
        end = region;
        named = true;
        d.counterpart |= (marker == Dir::kTo) == (dir == Dir::kExport);
      } else if (c.token == cue_tok + 1) {
        std::string& end = dir == Dir::kExport ? d.from : d.to;
        bool& named = dir == Dir::kExport ? d.from_named : d.to_named;
        if (named) break;
        end = region;
        named = true;
      }
      break;
    }
  }
  auto other = [&](const std::string& s) { return pair[0] == s ? pair[1] : pair[0]; };
  // Between two other countries («Российский экспорт в Китай») both ends must be named.
  const bool belarus_pair = IsBelarusSide(pair[0]) || IsBelarusSide(pair[1]);
  if (!belarus_pair && !(d.from_named && d.to_named)) {
    d.from.clear();
    return d;
  }
  if (d.from.empty() && !d.to.empty()) d.from = other(d.to);
  if (d.to.empty() && !d.from.empty()) d.to = other(d.from);
  if (d.from.empty()) {
    const auto by = std::find_if(pair.begin(), pair.end(), [](const std::string& p) { return IsBelarusSide(p); });
    if (by == pair.end()) return d;  // two other countries and no word of direction: unknown
    d.from = dir == Dir::kExport ? *by : other(*by);
    d.to = other(d.from);
  }
  if (d.from == d.to) d.from.clear();
  return d;
}

bool TradeNamed(const DocContext& ctx, size_t s) {
  const Annotations& a = *ctx.ann;
  return HasCue(a, a.sentences[s], Cue::kTrade) || HasCue(a, a.sentences[s], Cue::kTradeVerb);
}

bool SameParagraph(const Document& doc, size_t s1, size_t s2) {
  return doc.sentences[s1].paragraph == doc.sentences[s2].paragraph;
}

// The year the previous sentence of the paragraph fixes, for an actual flow without its own.
YearInfo PreviousYear(const DocContext& ctx, size_t s, const YearInfo& own) {
  if (own.year || own.base_year_only || own.has_date || s == 0) return own;
  const Document& doc = *ctx.doc;
  if (doc.sentences[s - 1].paragraph != doc.sentences[s].paragraph) return own;
  YearInfo y = SentenceYear(ctx, s - 1);
  if (!y.year) return own;
  y.used.clear();
  return y;
}

}  // namespace

void ExtractTradeFlows(const DocContext& ctx, std::vector<Fact>& out) {
  const Annotations& a = *ctx.ann;
  const Document& doc = *ctx.doc;
  const FlowWords& words = Words();
  if (words.words.empty()) return;
  // The actual turnover facts found before, in order, by the start of their
  // sentence: a flow looks up its sentence's instead of scanning every fact
  // (quadratic in a long document of many exports and imports).
  std::unordered_map<uint32_t, std::vector<size_t>> actual_turnover;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].type == FactType::kTurnover && out[i].status == "actual") {
      actual_turnover[out[i].evidence.span.start].push_back(i);
    }
  }
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    if (ctx.in_other_story[s]) continue;
    const SentenceMentions& sm = a.sentences[s];
    if (sm.money.empty()) continue;
    std::string last_currency;
    bool pair_named = false;  // an earlier flow of the sentence named its other end: the ellipsis shares it
    for (size_t mi = 0; mi < sm.money.size(); ++mi) {
      const expr::MoneyExpr& m = sm.money[mi];
      const size_t t = TokenAt(a, m.value_start);
      std::string currency = m.currency.empty() ? last_currency : m.currency;
      if (!m.currency.empty()) last_currency = m.currency;
      // the nearest money cue before the amount, not past the previous amount's own cue
      const CueMention* cue = nullptr;
      for (size_t ci : sm.cues) {
        const CueMention& c = a.cues[ci];
        if (!IsMoneyCue(c.cue) || c.token >= t) continue;
        if (!cue || c.token > cue->token) cue = &c;
      }
      if (!cue || cue->cue != Cue::kNotTrade) continue;
      const Dir dir = words.Of(cue->word);
      if (dir != Dir::kExport && dir != Dir::kImport) continue;
      // «из них 20 млн приходится на экспорт и 32 млн — на импорт»: a direction word after «на»
      // names the amount before it, not the next one (the by_amount class holds that «на»)
      if (cue->token > 0 && ctx.lex->HasWordClass(a.tokens[cue->token - 1].fold, Cue::kByAmount)) continue;
      if (mi > 0 && TokenAt(a, sm.money[mi - 1].start) > cue->token) {
        // «экспорт составил 300 млн долларов, 200 млн из них — …»: a second amount after the same cue is a part
        continue;
      }
      if (currency.empty()) continue;
      const SentenceClauses& sc = ctx.clauses[s];
      if (sc.clauses.empty()) continue;
      const size_t fig_clause = sc.ClauseOf(static_cast<uint32_t>(t));
      auto pair = PairFor(ctx, s, m.start, fig_clause);
      if (pair.size() != 2) continue;
      const Direction d = Resolve(ctx, sm, cue->token, t, dir, pair);
      if (d.outside || d.from.empty() || d.to.empty()) continue;
      // Without the other end named, a flow is the pair's only as a part of their trade named in this or
      // the paragraph's previous sentence («Товарооборот … 1,1 млрд. Экспорт составил 650 млн»); else it
      // is one side's exports to anywhere («Экспорт продовольствия из области превысил 600 млн»).
      if (!d.counterpart && !pair_named && !TradeNamed(ctx, s) && !(s > 0 && SameParagraph(doc, s - 1, s) && TradeNamed(ctx, s - 1))) {
        continue;
      }

      // status: a target word between the neighbouring amounts, or a horizon date there
      const uint32_t lo = mi > 0 ? sm.money[mi - 1].end : a.tokens[sm.first_token].start;
      const uint32_t hi = mi + 1 < sm.money.size() ? sm.money[mi + 1].start : doc.sentences[s].end;
      std::string status = "actual";
      const CueMention* status_cue = nullptr;
      for (size_t ci : sm.cues) {
        const CueMention& c = a.cues[ci];
        const uint32_t at = a.tokens[c.token].start;
        if ((c.cue == Cue::kTarget || c.cue == Cue::kFutureVerb) && at >= lo && at < hi) {
          status = "target";
          status_cue = &c;
          break;
        }
      }
      for (const auto& dt : sm.dates) {
        if (dt.by && dt.start >= lo && dt.end <= hi) status = "target";
      }
      pair_named |= d.counterpart;
      Fact f;
      f.type = FactType::kTradeFlow;
      f.parties = pair;
      f.flow_from = d.from;
      f.flow_to = d.to;
      f.status = status;
      f.value = m.value;
      if (m.range) {  // «300–350 млн долларов»: both bounds, `value` the lower one (as for turnover)
        f.value = m.value_min;
        f.value_min = m.value_min;
        f.value_max = m.value_max;
      }
      f.currency = currency;
      f.qualifier = QualifierOf(m.qualifier);
      YearInfo y = FigureYear(ctx, s, fig_clause, Span{m.start, m.end});
      if (status == "actual") y = PreviousYear(ctx, s, y);
      f.year = y.year;
      f.period = y.period;
      f.evidence = SentenceEvidence(ctx, s);
      // the parts of a turnover figure in the same sentence are for its period («В январе–сентябре …
      // товарооборот составил 385 млн, экспорт — 268 млн»)
      if (status == "actual") {
        if (auto it = actual_turnover.find(f.evidence.span.start); it != actual_turnover.end()) {
          for (size_t i : it->second) {
            const Fact& turnover = out[i];
            if (turnover.parties == f.parties) {
              f.year = turnover.year;
              f.period = turnover.period;
              break;
            }
          }
        }
      }
      for (size_t si : sm.sectors) {
        const auto& sec = a.sectors[si];
        if (sec.sector == "trade" || sec.sector == "industry") continue;
        if (sec.start >= a.tokens[cue->token].end && sec.end <= m.start) {
          f.sectoral = true;
          f.sector = sec.sector;
          f.used.push_back({"sector", Span{sec.start, sec.end}});
          break;
        }
      }
      f.speaker = ctx.sentence_speaker[s];
      f.rule = std::string("trade_flow.") + (dir == Dir::kExport ? "export" : "import") + "+" + status;
      f.used.push_back({"money", Span{m.start, m.end}});
      f.used.push_back({"flow-cue", Span{a.tokens[cue->token].start, a.tokens[cue->token].end}});
      if (status_cue) {
        f.used.push_back({"status-cue", Span{a.tokens[status_cue->token].start, a.tokens[status_cue->token].end}});
      }
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      f.confidence = 0.8;
      out.push_back(std::move(f));
    }
  }
}

}  // namespace oborot::facts
