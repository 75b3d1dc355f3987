#include "src/kb/format.h"

#include <cmath>
#include <cstdio>

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
    const std::string figure = FormatFigure(*f.value, f.currency, f.qualifier);
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
  if (value != j.end() && value->is_number()) {
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

}  // namespace oborot::kb
