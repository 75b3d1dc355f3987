#include "src/kb/format.h"

#include <unicode/dtfmtsym.h>
#include <unicode/numberformatter.h>
#include <unicode/numberrangeformatter.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "src/lang/sectors.h"

namespace oborot::kb {

std::string GroupDigits(int64_t v) {
  const bool negative = v < 0;
  std::string digits = std::to_string(negative ? -static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
  std::string out;
  const size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out += digits.substr(0, first);
  for (size_t i = first; i < digits.size(); i += 3) {
    out += ' ';
    out += digits.substr(i, 3);
  }
  return negative ? "-" + out : out;
}

std::string FormatMoney(double value, std::string_view currency) {
  std::string number;
  if (std::fabs(value) < 1000 && std::fabs(value - std::round(value)) > 1e-9) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    number = buf;
  } else {
    number = GroupDigits(static_cast<int64_t>(std::llround(value)));
  }
  if (currency == "USD") return "$" + number;
  if (currency == "EUR") return "€" + number;
  if (currency.empty()) return number;
  return number + " " + std::string(currency);
}

std::string FormatFigure(double value, std::string_view currency, std::string_view qualifier) {
  std::string sign;
  if (qualifier == "more_than") sign = "> ";
  if (qualifier == "less_than") sign = "< ";
  if (qualifier == "approx") sign = "≈ ";
  return sign + FormatMoney(value, currency);
}

std::string FormatFigureRange(double low, double high, std::string_view currency, std::string_view qualifier) {
  std::string sign;
  if (qualifier == "more_than") sign = "> ";
  if (qualifier == "less_than") sign = "< ";
  if (qualifier == "approx") sign = "≈ ";
  return sign + FormatMoney(low, currency) + "–" + FormatMoney(high, currency);
}

std::string FormatPercent(double percent, bool sign) {
  char buf[32];
  const double r = std::round(percent * 10.0) / 10.0;
  if (std::fabs(r - std::round(r)) < 1e-9) {
    std::snprintf(buf, sizeof buf, sign ? "%+.0f%%" : "%.0f%%", r);
  } else {
    std::snprintf(buf, sizeof buf, sign ? "%+.1f%%" : "%.1f%%", r);
  }
  return buf;
}

std::string PairLabel(std::string_view a, std::string_view b) {
  if (b.empty()) return std::string(a);
  return std::string(a) + " — " + std::string(b);
}

std::string FigureText(const Figure& f) {
  if ((f.type == "turnover" || f.type == "trade_flow") && f.value) {
    const std::string figure = f.value_max ? FormatFigureRange(*f.value, *f.value_max, f.currency, f.qualifier)
                                           : FormatFigure(*f.value, f.currency, f.qualifier);
    return f.type == "trade_flow" ? f.flow_from + " → " + f.flow_to + ": " + figure : figure;
  }
  if (f.type == "turnover_change" && f.percent) return FormatPercent(*f.percent, true);
  if (f.type == "turnover_share" && f.percent) return FormatPercent(*f.percent) + (f.name.empty() ? "" : " of " + f.name);
  if (f.type == "project") {
    std::string s = f.name;
    if (f.quantity) s += " (" + GroupDigits(static_cast<int64_t>(std::llround(*f.quantity))) + " " + f.unit + ")";
    if (f.value) s += ", " + FormatMoney(*f.value, f.currency);
    return s;
  }
  if (!f.name.empty()) return f.name;
  return f.sector;
}

std::string OfficialText(const OfficialCheck& c) { return FormatMoney(c.value, c.currency); }

std::string DifferenceText(const OfficialCheck& c) {
  if (!c.difference_percent) return c.note.empty() ? "" : "? " + c.note;
  return FormatPercent(*c.difference_percent, true) + (c.converted ? "*" : "") + (c.contradicted ? " ✗" : "");
}

std::string OfficialText(const OfficialCheck& c, Lang lang) { return FormatMoney(c.value, c.currency, "", lang); }

std::string DifferenceText(const OfficialCheck& c, Lang lang) {
  if (!c.difference_percent) return c.note.empty() ? "" : "? " + c.note;
  return FormatPercent(*c.difference_percent, true, lang) + (c.converted ? "*" : "") + (c.contradicted ? " ✗" : "");
}

std::string YearText(const Figure& f) {
  if (!f.year) return "—";
  std::string s = std::to_string(*f.year);
  if (!f.period.empty() && f.period != "year") s += " " + f.period;
  return s;
}

std::string FactSummary(const nlohmann::json& j) {
  auto str = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string s = str("type");
  auto parties = j.find("parties");
  if (parties != j.end() && parties->is_array()) {
    std::string a = parties->size() > 0 && (*parties)[0].is_string() ? (*parties)[0].get<std::string>() : "";
    std::string b = parties->size() > 1 && (*parties)[1].is_string() ? (*parties)[1].get<std::string>() : "";
    s.append(" ").append(PairLabel(a, b));
  }
  if (!str("status").empty()) s.append(" ").append(str("status"));
  auto year = j.find("year");
  if (year != j.end() && year->is_number()) s.append(" ").append(std::to_string(year->get<int64_t>()));
  auto value = j.find("value");
  auto percent = j.find("percent");
  auto value_max = j.find("value_max");
  if (value != j.end() && value->is_number() && value_max != j.end() && value_max->is_number() &&
      value_max->get<double>() > value->get<double>()) {
    s.append(": ").append(
        FormatFigureRange(value->get<double>(), value_max->get<double>(), str("currency"), str("qualifier")));
  } else if (value != j.end() && value->is_number()) {
    s.append(": ").append(FormatFigure(value->get<double>(), str("currency"), str("qualifier")));
  } else if (percent != j.end() && percent->is_number()) {
    s.append(": ").append(FormatPercent(percent->get<double>(), str("type") == "turnover_change"));
  } else if (!str("name").empty()) {
    s.append(": ").append(str("name"));
  } else if (!str("sector").empty()) {
    s.append(": ").append(str("sector"));
  } else if (!str("date").empty()) {
    s.append(": ").append(str("date"));
  }
  return s;
}

std::optional<Lang> ParseLang(std::string_view s) {
  if (s == "ru") return Lang::kRu;
  if (s == "en") return Lang::kEn;
  return std::nullopt;
}

Lang LangFromEnvironment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v == nullptr || *v == '\0') continue;
    const std::string_view s(v);
    if (s == "C" || s == "POSIX" || s.substr(0, 2) == "C.") continue;  // no language chosen
    return s.substr(0, 2) == "ru" ? Lang::kRu : Lang::kEn;
  }
  return Lang::kRu;
}

namespace {

// ICU's formatter for a language, currency and kind; built once per thread
// (a LocalizedNumberFormatter is immutable and cheap to copy).
std::string Icu(const icu::number::LocalizedNumberFormatter& f, double v) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString u = f.formatDouble(v, status).toString(status);
  if (U_FAILURE(status)) return {};
  std::string out;
  u.toUTF8String(out);
  // ICU separates with no-break spaces (U+00A0, U+202F); plain spaces keep
  // the text searchable and one column wide in any terminal.
  for (std::string_view nb : {std::string_view("\u00a0"), std::string_view("\u202f")}) {
    for (size_t at = out.find(nb); at != std::string::npos; at = out.find(nb, at)) out.replace(at, nb.size(), " ");
  }
  return out;
}

icu::Locale LocaleOf(Lang lang) { return lang == Lang::kRu ? icu::Locale("ru") : icu::Locale("en"); }

}  // namespace

std::string FormatMoney(double value, std::string_view currency, std::string_view qualifier, Lang lang) {
  using namespace icu::number;
  std::string sign;
  if (qualifier == "more_than") sign = "> ";
  if (qualifier == "less_than") sign = "< ";
  if (qualifier == "approx") sign = "≈ ";
  auto f = NumberFormatter::withLocale(LocaleOf(lang))
               .notation(Notation::compactShort())
               .precision(Precision::maxSignificantDigits(4));
  std::string text;
  if (currency.size() == 3) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::CurrencyUnit unit(icu::UnicodeString::fromUTF8(std::string(currency)).getTerminatedBuffer(), status);
    if (U_SUCCESS(status)) text = Icu(f.unit(unit), value);
  }
  if (text.empty()) text = Icu(f, value) + (currency.empty() ? "" : " " + std::string(currency));
  if (text.empty()) text = FormatMoney(value, currency);  // ICU failed: the plain form
  return sign + text;
}

std::string FormatMoneyRange(double low, double high, std::string_view currency, std::string_view qualifier,
                             Lang lang) {
  using namespace icu::number;
  std::string sign;
  if (qualifier == "more_than") sign = "> ";
  if (qualifier == "less_than") sign = "< ";
  if (qualifier == "approx") sign = "≈ ";
  // ICU's range formatter writes the unit once when both ends share it («300–500 млн $», "$300–500M"
  // in English as CLDR has it), in the locale's range pattern.
  auto f = NumberFormatter::with().notation(Notation::compactShort()).precision(Precision::maxSignificantDigits(4));
  std::string text;
  if (currency.size() == 3) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::CurrencyUnit unit(icu::UnicodeString::fromUTF8(std::string(currency)).getTerminatedBuffer(), status);
    if (U_SUCCESS(status)) {
      const auto r = NumberRangeFormatter::withLocale(LocaleOf(lang))
                         .numberFormatterBoth(f.unit(unit))
                         .collapse(UNUM_RANGE_COLLAPSE_UNIT)
                         .identityFallback(UNUM_IDENTITY_FALLBACK_RANGE);
      const icu::UnicodeString u = r.formatFormattableRange(low, high, status).toString(status);
      if (U_SUCCESS(status)) {
        u.toUTF8String(text);
        for (std::string_view nb : {std::string_view("\u00a0"), std::string_view("\u202f")}) {
          for (size_t at = text.find(nb); at != std::string::npos; at = text.find(nb, at)) text.replace(at, nb.size(), " ");
        }
      }
    }
  }
  if (text.empty()) {
    text = FormatMoney(low, currency, "", lang) + "–" + FormatMoney(high, currency, "", lang);
  }
  return sign + text;
}

std::string AmountText(const Figure& f, Lang lang) {
  if (!f.value) return {};
  return f.value_max ? FormatMoneyRange(*f.value, *f.value_max, f.currency, f.qualifier, lang)
                     : FormatMoney(*f.value, f.currency, f.qualifier, lang);
}

std::string InLang(std::string_view text, Lang lang) {
  if (lang == Lang::kRu || text.empty()) return std::string(text);
  // Built once, shared: transliterate() on a const-accessed clone per call is
  // not needed, as ICU's Transliterator::transliterate is const-safe for
  // concurrent use only on separate instances; one per thread.
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> x(
        icu::Transliterator::createInstance("Russian-Latin/BGN", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) x.reset();
    return x;
  }();
  if (!t) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string FormatPercent(double percent, bool sign, Lang lang) {
  using namespace icu::number;
  auto f = NumberFormatter::withLocale(LocaleOf(lang))
               .unit(icu::NoUnit::percent())
               .precision(Precision::maxFraction(1))
               .sign(sign ? UNUM_SIGN_EXCEPT_ZERO : UNUM_SIGN_AUTO);
  std::string text = Icu(f, percent);
  return text.empty() ? FormatPercent(percent, sign) : text;
}

std::string FigureText(const Figure& f, Lang lang) {
  std::string s;
  if (f.type == "turnover" && f.value) {
    s = AmountText(f, lang);
  } else if (f.type == "trade_flow" && f.value) {
    // In the language's money format like every other amount, sectoral flows marked below.
    s = f.flow_from + " → " + f.flow_to + ": " + AmountText(f, lang);
  } else if (f.type == "turnover_change" && f.percent) {
    s = FormatPercent(*f.percent, true, lang);
  } else if (f.type == "project" && f.value) {
    // A project's cost in the language's money format too («3 млрд ₽», not «3 000 000 000 RUB»).
    s = f.name;
    if (f.quantity) s += " (" + GroupDigits(static_cast<int64_t>(std::llround(*f.quantity))) + " " + f.unit + ")";
    return s + ", " + FormatMoney(*f.value, f.currency, "", lang);
  } else if (f.type == "turnover_share" && f.percent) {
    // What the share is of, in words: the contract's codes ("foreign_trade") are not for readers.
    s = FormatPercent(*f.percent, false, lang);
    if (f.name == "foreign_trade") {
      s += lang == Lang::kRu ? " внешней торговли стороны" : " of one side's foreign trade";
    } else if (f.name == "turnover" || f.name.empty()) {
      s += lang == Lang::kRu ? " товарооборота пары" : " of the pair's trade";
    } else {
      s += (lang == Lang::kRu ? " от " : " of ") + f.name;
    }
  } else {
    return FigureText(f);
  }
  if (f.sectoral) {
    const std::string_view named =
        lang == Lang::kRu ? oborot::lang::SectorNameRu(f.sector) : oborot::lang::SectorNameEn(f.sector);
    const std::string name = named.empty() ? f.sector : std::string(named);
    s += lang == Lang::kRu ? " (отрасль: " + (name.empty() ? std::string("не указана") : name) + ")"
                           : " (sector: " + (name.empty() ? std::string("unnamed") : name) + ")";
  }
  if (f.forecast) {
    s += lang == Lang::kRu ? ", прогноз" : ", forecast";
    if (!f.forecast_by.empty()) s += (lang == Lang::kRu ? ": " : " by ") + f.forecast_by;
  }
  return s;
}

std::string PeriodText(std::string_view period, Lang lang) {
  const bool ru = lang == Lang::kRu;
  if (period == "H1" || period == "H2") return ru ? std::string(period == "H1" ? "I" : "II") + " полугодие" : std::string(period);
  if (period.size() == 2 && period[0] == 'Q' && period[1] >= '1' && period[1] <= '4') {
    static constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
    return ru ? std::string(kRoman[period[1] - '1']) + " квартал" : std::string(period);
  }
  if (period == "multi_year") return ru ? "за несколько лет" : "several years";
  if (period == "ytd") return ru ? "с начала года" : "year to date";
  if (period == "week") return ru ? "неделя" : "week";
  // Months by ICU's stand-alone names for the language («январь–май», "Jan–May"):
  // "5M" is January to May, "M4-M8" April to August.
  int m1 = 0, m2 = 0;
  if (std::sscanf(std::string(period).c_str(), "M%d-M%d", &m1, &m2) != 2) {
    char tail = 0;
    if (std::sscanf(std::string(period).c_str(), "%dM%c", &m2, &tail) == 1) m1 = 1;
  }
  if (m1 < 1 || m2 < m1 || m2 > 12) return std::string(period);
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale(ru ? "ru" : "en"), status);
  if (U_FAILURE(status)) return std::string(period);
  int32_t count = 0;
  const icu::UnicodeString* months = symbols.getMonths(
      count, icu::DateFormatSymbols::STANDALONE, ru ? icu::DateFormatSymbols::WIDE : icu::DateFormatSymbols::ABBREVIATED);
  if (months == nullptr || count < 12) return std::string(period);
  std::string a, b;
  months[m1 - 1].toUTF8String(a);
  months[m2 - 1].toUTF8String(b);
  return m1 == m2 ? a : a + "–" + b;
}

std::string YearText(const Figure& f, Lang lang) {
  if (f.year) {
    if (f.period.empty() || f.period == "year") return std::to_string(*f.year);
    return std::to_string(*f.year) + ", " + PeriodText(f.period, lang);
  }
  std::string s = lang == Lang::kRu ? "год не указан" : "year not given";
  const std::string& date = f.first_published.empty() ? f.last_published : f.first_published;
  if (!date.empty()) s += (lang == Lang::kRu ? ", источник от " : ", source of ") + date;
  return s;
}

std::string TargetPassedText(int64_t target_year, int64_t latest_year, Lang lang) {
  const std::string t = std::to_string(target_year), l = std::to_string(latest_year);
  if (lang == Lang::kRu) return "срок цели (" + t + ") прошёл, оборота за " + t + " год нет (последний — за " + l + ")";
  return "the target's year (" + t + ") has passed and no figure for " + t + " is known (latest: " + l + ")";
}

std::string ActualStaleText(int64_t actual_year, int64_t announced_year, Lang lang) {
  const std::string a = std::to_string(actual_year), t = std::to_string(announced_year);
  if (lang == Lang::kRu) return "последний оборот (" + a + ") намного старше цели (объявлена в " + t + "): не сравнивается";
  return "the latest figure (" + a + ") is years older than the target (announced " + t + "): not compared";
}

}  // namespace oborot::kb
