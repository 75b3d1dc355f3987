// Party and year resolution for one figure: what the sentence says, else what
// the document's discourse says.
#include <algorithm>
#include <cstdlib>

#include "src/base/utf8.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

size_t Distance(size_t a, size_t b) { return a > b ? a - b : b - a; }

}  // namespace

std::vector<std::string> PairFor(const DocContext& ctx, size_t s, uint32_t at) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  const size_t at_tok = TokenAt(a, at);
  std::vector<size_t> foreign, belarus;
  for (size_t k : sm.parties) {
    if (!ctx.PartyUsable(k)) continue;
    (IsBelarusSide(a.parties[k].code) ? belarus : foreign).push_back(k);
  }
  // Two other countries and no Belarusian side: «товарооборот России и Китая».
  std::vector<std::string> countries;
  for (size_t k : foreign) {
    const std::string& c = a.parties[k].code;
    if (IsCountry(c) && std::find(countries.begin(), countries.end(), c) == countries.end()) countries.push_back(c);
  }
  if (belarus.empty() && countries.size() >= 2) {
    std::vector<std::string> pair = {countries[0], countries[1]};
    std::sort(pair.begin(), pair.end());
    return pair;
  }
  // Russia as a whole counts only when paired with Belarus as a whole
  // («между Беларусью и Россией»); elsewhere it is a location («в России»).
  auto ru_paired = [&](size_t k) {
    const size_t t = TokenAt(a, a.parties[k].start);
    for (size_t b : belarus) {
      if (a.parties[b].code == "BY" && Distance(TokenAt(a, a.parties[b].start), t) <= 4) return true;
    }
    return false;
  };
  // «российского региона», «российская сторона»: the partner region named by its country
  auto code_of = [&](size_t k) -> std::string {
    const auto& m = a.parties[k];
    if (m.kind == lang::PlaceKind::kAdjective && IsCountry(m.code) && ctx.partner.rfind(m.code + "-", 0) == 0) {
      const size_t t = TokenAt(a, m.end);
      if (t < a.tokens.size()) {
        const std::string& next = a.tokens[t].fold;
        for (const char* noun : {"регион", "област", "кра", "республик", "субъект", "сторон", "столиц"}) {
          if (next.rfind(noun, 0) == 0) return ctx.partner;
        }
      }
    }
    return m.code;
  };
  bool has_region = false;
  for (size_t k : foreign) has_region |= !IsCountry(code_of(k));
  std::string partner;
  size_t best = SIZE_MAX;
  for (size_t k : foreign) {
    const auto& m = a.parties[k];
    const std::string code = code_of(k);
    if (code == "RU" && (has_region || !ru_paired(k))) continue;
    if (has_region && IsCountry(code) && code != "RU" && ctx.partner != code) {
      // a foreign country beside a Russian region is usually a location; keep it only when it is the topic
      continue;
    }
    const size_t t = TokenAt(a, m.start);
    const size_t d = t <= at_tok ? at_tok - t : (t - at_tok) * 2;  // prefer the mention before the figure
    if (d < best) {
      best = d;
      partner = code;
    }
  }
  std::string home = ctx.home;
  bool names_belarus = false;
  for (size_t k : belarus) {
    const auto& m = a.parties[k];
    if (m.code != "BY" && m.code != "BY-HM" && OblastAsSide(a, m) && !partner.empty() &&
        partner.rfind("RU-", 0) == 0) {
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

YearInfo YearFor(const DocContext& ctx, size_t s, uint32_t at, bool target, Span within) {
  const Document& doc = *ctx.doc;
  const SentenceMentions& sm = ctx.ann->sentences[s];
  YearInfo info;
  std::optional<int> base_year;
  const expr::DateExpr* best = nullptr;
  size_t best_dist = SIZE_MAX;
  bool best_inside = false;
  for (const auto& d : sm.dates) {
    // comparison bases: «по сравнению с 2021 годом», «к уровню 2021 года», «против 2021 года»
    const size_t from = d.start >= 40 ? d.start - 40 : 0;
    const std::string before = FoldCase(std::string_view(doc.text).substr(from, d.start - from));
    const bool base = before.find("сравнени") != std::string::npos || before.find("уровн") != std::string::npos ||
                      before.find("против") != std::string::npos || (d.by && !target);
    if (base) {
      if (d.year) base_year = d.year;
      continue;
    }
    if (d.kind == expr::DateExpr::Kind::kWeekday || d.kind == expr::DateExpr::Kind::kRelativeDay) continue;
    const size_t dist = d.start > at ? d.start - at : at - d.start;
    const bool inside = within.end > within.start && d.start >= within.start && d.end <= within.end;
    if ((inside && !best_inside) || (inside == best_inside && dist < best_dist)) {
      best_dist = dist;
      best = &d;
      best_inside = inside;
    }
  }
  if (!best) {
    info.base_year_only = base_year.has_value();
    return info;
  }
  info.has_date = true;
  info.used.push_back({"date", Span{best->start, best->end}});
  using K = expr::DateExpr::Kind;
  switch (best->kind) {
    case K::kYear:
    case K::kFullDate:
    case K::kMonthYear:
      if (best->year) info.year = best->year;
      if (best->kind == K::kYear) info.period = "year";
      break;
    case K::kPeriod:
      info.period = best->period;
      if (best->year) {
        info.year = best->year;
      } else if (doc.published) {
        info.year = doc.published->year + best->relative;  // «за январь–сентябрь текущего года»
      }
      break;
    case K::kRelativeYear:
      info.period = best->period;
      if (doc.published) {
        info.year = doc.published->year + best->relative;
      } else if (base_year && best->relative == -1) {
        info.year = *base_year + 1;  // «в прошлом году … по сравнению с 2021 годом»
      }
      break;
    case K::kYearRange:
      info.year = best->year_end ? best->year_end : best->year;
      info.period = "multi_year";
      break;
    case K::kDayMonth:
      if (doc.published) info.year = doc.published->year;
      break;
    default:
      break;
  }
  return info;
}

}  // namespace oborot::facts
