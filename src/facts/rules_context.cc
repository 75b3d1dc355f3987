// Party and year resolution for one figure: what the sentence says, else what
// the document's discourse says.
#include <algorithm>
#include <cstdlib>

#include "src/base/utf8.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

size_t Distance(size_t a, size_t b) { return a > b ? a - b : b - a; }

// The clauses whose parties speak for a figure in clause c: c and the clauses it continues.
std::vector<std::pair<uint32_t, uint32_t>> ScopeOf(const SentenceClauses& sc, size_t c) {
  std::vector<std::pair<uint32_t, uint32_t>> scope;
  if (sc.clauses.empty()) return scope;
  for (int k = static_cast<int>(c), steps = 0; k >= 0 && steps++ <= kMaxParentWalk;) {
    const Clause* cl = &sc.clauses[static_cast<size_t>(k)];
    const uint32_t end = cl->end;
    // the rest of a clause after a bracket is one with the clause before the bracket, the
    // bracket included («между провинцией Ляонин /Северо-Восточный Китай/ и Россией достиг …»)
    if (cl->opener == Opener::kHard && k >= 2 && cl->parent == k - 2 &&
        sc.clauses[static_cast<size_t>(k - 1)].opener == Opener::kHard &&
        sc.clauses[static_cast<size_t>(k - 1)].parent == k - 2) {
      cl = &sc.clauses[static_cast<size_t>(k - 2)];
    }
    scope.emplace_back(cl->first, end);
    if (!ContinuesParent(*cl) && cl->opener != Opener::kConj) break;
    k = cl->parent;
  }
  return scope;
}

bool InScope(const std::vector<std::pair<uint32_t, uint32_t>>& scope, size_t t) {
  for (const auto& [f, e] : scope) {
    if (t >= f && t < e) return true;
  }
  return false;
}

}  // namespace

bool CityAsPlace(const DocContext& ctx, const lang::PartyMention& m) {
  if (m.kind != lang::PlaceKind::kCity) return false;
  const auto& toks = ctx.ann->tokens;
  const size_t t = TokenAt(*ctx.ann, m.start);
  // «посол в Москве»: a city named with «в» is a place when its country is named as a side
  // elsewhere (Moscow in a Belarus–Russia text); «поездка в Новосибирск» keeps Novosibirsk
  if (t > 0 && ctx.lex->HasWordClass(toks[t - 1].fold, Cue::kLocative)) {
    const std::string country = m.code.substr(0, 2);
    if (std::find(ctx.countries_named.begin(), ctx.countries_named.end(), country) != ctx.countries_named.end()) {
      return true;
    }
  }
  // a dateline: «МОСКВА, 22 дек – ПРАЙМ.», «Минск, 5 мая (БЕЛТА)» opening a paragraph
  const size_t after = TokenAt(*ctx.ann, m.end);
  return (t == 0 || toks[t].newline_before) && after < toks.size() && (toks[after].fold == "," || toks[after].fold == ".");
}

std::vector<std::string> PairFor(const DocContext& ctx, size_t s, uint32_t at, size_t clause) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  const size_t at_tok = TokenAt(a, at);
  const SentenceClauses& sc = ctx.clauses[s];
  const auto scope = ScopeOf(sc, clause);
  // «товарооборот двух стран», «между нашими регионами»: the article's two countries or regions
  bool pair_countries = false, pair_regions = false;
  std::vector<size_t> region_and;  // tokens of «и» right after a region word («провинцией и»)
  for (size_t i = 0; i < sm.cues.size(); ++i) {
    const CueMention& c = a.cues[sm.cues[i]];
    if (c.cue == Cue::kAnd) {
      // a word may carry several cues («провинцией»: anaphor and oblast noun), consecutive before «и»
      for (size_t j = i; j-- > 0 && a.cues[sm.cues[j]].end_token == c.token;) {
        if (a.cues[sm.cues[j]].cue == Cue::kAnaphor) {
          region_and.push_back(c.token);
          break;
        }
      }
    }
    if (!InScope(scope, c.token)) continue;
    pair_countries |= c.cue == Cue::kPairCountries;
    pair_regions |= c.cue == Cue::kPairRegions;
  }
  std::vector<size_t> foreign, belarus;
  for (size_t k : sm.parties) {
    const uint8_t f = ctx.party_flags[k];
    if (!(f & DocContext::kPartyUsable) || (f & DocContext::kPartyInMoney)) continue;
    // a city named as a place («посол в Москве») is no side, unless it is the article's
    if ((f & DocContext::kPartyPlace) && a.parties[k].code != ctx.partner && a.parties[k].code != ctx.home) continue;
    (IsBelarusSide(a.parties[k].code) ? belarus : foreign).push_back(k);
  }
  if (pair_countries || pair_regions) {
    std::string home = ctx.home, partner = ctx.partner;
    if (pair_regions && !ctx.home_oblast.empty() && IsBelarusSide(home)) home = ctx.home_oblast;
    if (pair_countries) {
      home = home.substr(0, 2);
      partner = partner.substr(0, 2);
    }
    if (!partner.empty() && home != partner && (!pair_regions || (!IsCountry(home) && !IsCountry(partner)) ||
                                                pair_countries)) {
      std::vector<std::string> pair = {home, partner};
      std::sort(pair.begin(), pair.end());
      return pair;
    }
  }
  // Two other countries and no Belarusian side: «товарооборот России и Китая».
  std::vector<std::string> countries;
  for (size_t i = 0; i < foreign.size(); ++i) {
    const size_t k = foreign[i];
    const std::string& c = a.parties[k].code;
    // a country right after one of its own regions is the region's address, not a side
    // («провинцией Хэйлунцзян /Северо-Восточный Китай/ и Россией»); mentions are in text order
    const bool address = i > 0 && a.parties[foreign[i - 1]].code.size() > c.size() &&
                         a.parties[foreign[i - 1]].code.compare(0, c.size() + 1, c + "-") == 0 &&
                         ctx.party_token[k] <= ctx.party_token[foreign[i - 1]] + 6;
    if (IsCountry(c) && !address && std::find(countries.begin(), countries.end(), c) == countries.end()) {
      countries.push_back(c);
    }
  }
  if (belarus.empty() && countries.size() >= 2) {
    std::vector<std::string> pair = {countries[0], countries[1]};
    std::sort(pair.begin(), pair.end());
    return pair;
  }
  // Russia as a whole counts only when paired with another side («между Беларусью и Россией»,
  // «между провинцией Хэйлунцзян и Россией») or named as the partner («товарооборот с РФ»);
  // elsewhere it is a location («в России»).
  auto ru_paired = [&](size_t k) {
    const size_t t = ctx.party_token[k];
    if (ctx.party_flags[k] & DocContext::kPartyAfterWith) return true;
    // «между провинцией и Россией», «товарооборот региона и России»: paired with a region word
    if (t > 0 && std::binary_search(region_and.begin(), region_and.end(), t - 1)) return true;  // in text order
    // the mentions next to it in the sentence (a sentence's mentions are consecutive entries)
    const size_t i = k - sm.parties.front();
    for (size_t j : {i - 1, i + 1}) {  // i - 1 wraps when i == 0
      if (j >= sm.parties.size()) continue;
      const size_t o_k = sm.parties[j];
      const auto& o = a.parties[o_k];
      if (o.code == "RU" || o.code.rfind("RU-", 0) == 0 || o.kind == lang::PlaceKind::kAdjective) continue;
      const uint8_t f = ctx.party_flags[o_k];
      if (!(f & DocContext::kPartyUsable) || (f & DocContext::kPartyInMoney)) continue;
      if (Distance(ctx.party_token[o_k], t) <= 4) return true;
    }
    return false;
  };
  // The figure's clause names both sides: «товарооборот Гомельской и Брянской областей»,
  // «между провинцией Хэйлунцзян и Россией», «Омской области с Казахстаном». The first clause of
  // the chain that names a side decides («Товарооборот с Татарстаном составил…, с Самарской
  // областью — 540 млн»: the ellipsis names its own partner).
  for (const auto& [first, end] : scope) {
    std::vector<std::string> sides;
    for (size_t k : sm.parties) {
      const auto& m = a.parties[k];
      const size_t t = ctx.party_token[k];
      const uint8_t f = ctx.party_flags[k];
      if (t < first || t >= end || !(f & DocContext::kPartyUsable) ||
          (f & (DocContext::kPartyInMoney | DocContext::kPartyPlace))) {
        continue;
      }
      // an adjective names a side before a region noun («Витебская и Смоленская области», «Ферганской и
      // Гомельской областей», «Дорнодский и Хэнтийский аймаки»): a Belarusian one or a region abroad
      if (m.kind == lang::PlaceKind::kAdjective &&
          !((IsBelarusSide(m.code) || !IsCountry(m.code)) && (f & DocContext::kPartyOblastSide))) {
        continue;
      }
      if (m.code == "RU" && !ru_paired(k)) continue;
      // «Москва и Минск замахнулись на…»: a capital stands for its country unless the text is about
      // the city itself (the city is the article's side)
      std::string code = m.code;
      if (const std::string_view country = ctx.lex->CapitalOf(code);
          !country.empty() && code != ctx.home && code != ctx.partner) {
        code = std::string(country);
      }
      if (std::find(sides.begin(), sides.end(), code) == sides.end()) sides.push_back(code);
    }
    // a country beside one of its own regions is the region's address, not a side
    std::erase_if(sides, [&](const std::string& c) {
      return IsCountry(c) && std::any_of(sides.begin(), sides.end(), [&](const std::string& o) {
               return !IsCountry(o) && o.compare(0, 2, c) == 0;
             });
    });
    // «товарооборот Беларуси с регионами Сибири»: several regions at once, no single partner
    if (sides.size() < 2) {
      for (size_t ci : sm.cues) {
        const CueMention& c = a.cues[ci];
        if (c.cue != Cue::kAggregate || c.token < first || c.token >= end) continue;
        // «на фоне торговли с другими (российскими) регионами»: a set the figure is compared with
        bool other_set = false;
        for (size_t back = 1; back <= 2 && back <= c.token; ++back) {
          other_set |= ctx.lex->HasWordClass(a.tokens[c.token - back].fold, Cue::kOtherSet);
        }
        if (!other_set) return {};
      }
    }
    if (sides.empty()) continue;
    if (sides.size() == 2 && !(IsBelarusSide(sides[0]) && IsBelarusSide(sides[1]))) {
      std::sort(sides.begin(), sides.end());
      return sides;
    }
    // «товарооборот региона и Киргизии»: one side named, the other a region word standing for the
    // Russian region the text is about (when the named side is of another country)
    if (sides.size() == 1 && !ctx.main_region.empty() && sides[0].compare(0, 2, "RU") != 0) {
      for (size_t ci : sm.cues) {
        const CueMention& c = a.cues[ci];
        if (c.cue != Cue::kAnaphor || c.token < first || c.token >= end) continue;
        std::vector<std::string> pair = {sides[0], ctx.main_region};
        std::sort(pair.begin(), pair.end());
        return pair;
      }
    }
    // «…900 млн долларов, из которых 300 млн — с Гомельской областью»: one Belarusian oblast
    // after «с» is the Belarusian side of the article's partner's trade
    if (sides.size() == 1 && IsBelarusSide(sides[0]) && !IsCountry(sides[0]) && !ctx.partner.empty() &&
        !IsBelarusSide(ctx.partner)) {
      for (size_t k : sm.parties) {
        const size_t t = ctx.party_token[k];
        if (t >= first && t < end && a.parties[k].code == sides[0] &&
            (ctx.party_flags[k] & DocContext::kPartyAfterWith)) {
          std::vector<std::string> pair = {sides[0], ctx.partner};
          std::sort(pair.begin(), pair.end());
          return pair;
        }
      }
    }
    break;
  }
  // A text written from a region's side: a figure naming one partner is that side's trade with it
  // («внешнеторговый оборот с Ираном», «… с Республикой Беларусь» in a Saratov text).
  if (!ctx.owner.empty()) {
    std::vector<std::string> named;
    for (size_t k : sm.parties) {
      const auto& m = a.parties[k];
      const uint8_t f = ctx.party_flags[k];
      if (!(f & DocContext::kPartyUsable) || (f & (DocContext::kPartyInMoney | DocContext::kPartyPlace))) continue;
      if (m.kind == lang::PlaceKind::kAdjective || (m.code == "RU" && !ru_paired(k))) continue;
      if (std::find(named.begin(), named.end(), m.code) == named.end()) named.push_back(m.code);
    }
    if (named.size() == 1 && named[0] != ctx.owner && named[0].compare(0, 2, ctx.owner) != 0) {
      std::vector<std::string> pair = {ctx.owner, named[0]};
      std::sort(pair.begin(), pair.end());
      return pair;
    }
  }
  // «российского региона», «российская сторона»: the partner region named by its country
  auto code_of = [&](size_t k) -> std::string {
    const auto& m = a.parties[k];
    if (m.kind == lang::PlaceKind::kAdjective && IsCountry(m.code) && ctx.partner.rfind(m.code + "-", 0) == 0) {
      const size_t t = TokenAt(a, m.end);
      auto it = std::lower_bound(a.cues.begin(), a.cues.end(), t,
                                 [](const CueMention& c, size_t tok) { return c.token < tok; });
      for (; it != a.cues.end() && it->token == t; ++it) {
        if (it->cue == Cue::kAnaphor) return ctx.partner;
      }
    }
    return m.code;
  };
  bool has_region = false, has_ru_region = false, ru_region_in_scope = false;
  for (size_t k : foreign) {
    has_region |= !IsCountry(code_of(k));
    has_ru_region |= code_of(k).rfind("RU-", 0) == 0;
    ru_region_in_scope |= code_of(k).rfind("RU-", 0) == 0 && InScope(scope, ctx.party_token[k]);
  }
  // «оборот с РФ составил 1,1 млрд, из них на долю Оренбургской области…»: Russia named as the
  // partner in the figure's own clauses is the country, whatever region the sentence names elsewhere
  auto russia_partner = [&](size_t k) {
    return (ctx.party_flags[k] & DocContext::kPartyAfterWith) && InScope(scope, ctx.party_token[k]) &&
           !ru_region_in_scope;
  };
  std::string partner;
  size_t best = SIZE_MAX;
  for (size_t k : foreign) {
    const std::string code = code_of(k);
    if (code == "RU" && ((has_ru_region && !russia_partner(k)) || !ru_paired(k))) continue;
    if (has_region && IsCountry(code) && code != "RU" && ctx.partner != code) {
      // a foreign country beside a Russian region is usually a location; keep it only when it is the topic
      continue;
    }
    const size_t t = ctx.party_token[k];
    size_t d = t <= at_tok ? at_tok - t : (t - at_tok) * 2;  // prefer the mention before the figure
    if (!InScope(scope, t)) d += 10000;                         // and one in the figure's clauses
    if (d < best) {
      best = d;
      partner = code;
    }
  }
  std::string home = ctx.home;
  bool names_belarus = false;
  for (size_t k : belarus) {
    const auto& m = a.parties[k];
    if (m.code != "BY" && m.code != "BY-HM" && (ctx.party_flags[k] & DocContext::kPartyOblastSide) && !partner.empty() &&
        !IsBelarusSide(partner)) {
      home = m.code;
    }
    names_belarus |= m.code == "BY" && m.kind != lang::PlaceKind::kAdjective;
  }
  // «товарооборот с Беларусью»: the country as a whole, unless an oblast is named beside it
  if (names_belarus && home == ctx.home && ctx.home != "BY") {
    bool oblast_here = false;
    for (size_t k : belarus) oblast_here |= a.parties[k].code == ctx.home;
    if (!oblast_here) home = "BY";
  }
  if (partner.empty()) partner = ctx.partner;
  // In a text about two other countries, a sentence that names Belarus or one of its oblasts is
  // about Belarus's trade; otherwise a region of the home country named beside the partner
  // («товарооборот Приморского края с Китаем») is the home side.
  if (!IsBelarusSide(ctx.home) && !belarus.empty()) {
    home = "BY";
    for (size_t k : belarus) {
      if (a.parties[k].code != "BY" && a.parties[k].code != "BY-HM" && OblastAsSide(a, a.parties[k])) home = a.parties[k].code;
    }
    if (partner.empty() || IsBelarusSide(partner) || partner == ctx.home) {
      for (size_t k : foreign) {
        const std::string code = code_of(k);
        if (!IsCountry(code)) partner = code;
      }
    }
  } else if (!IsBelarusSide(ctx.home) && IsCountry(ctx.home)) {
    for (size_t k : foreign) {
      const std::string code = code_of(k);
      if (code.rfind(ctx.home + "-", 0) == 0) {
        home = code;
        if (partner == code || partner == ctx.home) partner = ctx.partner == ctx.home ? "" : ctx.partner;
        for (size_t j : foreign) {
          const std::string other = code_of(j);
          if (IsCountry(other) && other != ctx.home) partner = other;
        }
        break;
      }
    }
  }
  if (partner.empty() || partner == home) return {};
  if (!IsBelarusSide(home) && IsBelarusSide(partner)) return {};
  std::vector<std::string> pair = {home, partner};
  std::sort(pair.begin(), pair.end());
  return pair;
}

}  // namespace oborot::facts
