#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <ostream>

#include "src/out/sheet.h"

namespace oborot::out {
namespace {

// Shortest text that reads back as the same double; whole numbers without
// an exponent or a fraction (1e9 -> "1000000000").
std::string Number(double v, bool decimal_comma) {
  if (!std::isfinite(v)) return {};
  char buf[64];
  std::to_chars_result r{};
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v));
  } else {
    r = std::to_chars(buf, buf + sizeof buf, v);
  }
  std::string s(buf, r.ptr);
  if (decimal_comma) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string Quote(std::string_view s, char delim) {
  const bool needs = s.find_first_of(std::string{'"', '\r', '\n', delim}) != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!needs) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// A plain number as text: a sign, digits with '.', ',' or spaces between
// them, a percent sign. Such a cell is a number in a spreadsheet, not a
// formula, and keeps its sign.
bool PlainNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool digit = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (!(digit && (c == '.' || c == ',' || c == ' '))) {
      break;
    }
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && s[i] == '%') ++i;
  return digit && i == s.size();
}

}  // namespace

bool LooksLikeFormula(std::string_view s) {
  if (s.empty()) return false;
  const char c = s.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  return !PlainNumber(s);
}

std::string CsvWriter::Field(const Cell& cell, ColumnType type, const CsvOptions& options) {
  const char delim = options.excel ? ';' : ',';
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return {};
        } else if constexpr (std::is_same_v<T, bool>) {
          return options.excel ? (v ? "1" : "0") : (v ? "true" : "false");
        } else if constexpr (std::is_same_v<T, int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          if (type == ColumnType::kInteger) return std::to_string(static_cast<int64_t>(v));
          return Number(v, options.excel);
        } else {
          if (!options.raw && LooksLikeFormula(v)) return Quote("'" + v, delim);
          return Quote(v, delim);
        }
      },
      cell);
}

CsvWriter::CsvWriter(std::ostream& out, std::vector<Column> columns, CsvOptions options)
    : out_(out), columns_(std::move(columns)), options_(options) {
  if (options_.excel) out_ << "\xEF\xBB\xBF";
  const char delim = options_.excel ? ';' : ',';
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) out_ << delim;
    out_ << Quote(columns_[i].name, delim);
  }
  out_ << "\r\n";
}

void CsvWriter::Add(const Row& row) {
  const char delim = options_.excel ? ';' : ',';
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) out_ << delim;
    if (i < row.size()) out_ << Field(row[i], columns_[i].type, options_);
  }
  out_ << "\r\n";
}

void WriteCsv(const std::vector<Sheet>& sheets, const CsvOptions& options, std::ostream& out) {
  if (sheets.size() == 1) {
    CsvWriter w(out, sheets[0].columns, options);
    for (const auto& r : sheets[0].rows) w.Add(r);
    return;
  }
  std::vector<Column> all{{"section", ColumnType::kCode}};
  std::map<std::string, size_t, std::less<>> index;
  for (const auto& s : sheets) {
    for (const auto& c : s.columns) {
      if (index.emplace(c.name, all.size()).second) all.push_back(c);
    }
  }
  CsvWriter w(out, all, options);
  for (const auto& s : sheets) {
    std::vector<size_t> to(s.columns.size());
    for (size_t i = 0; i < s.columns.size(); ++i) to[i] = index.find(s.columns[i].name)->second;
    for (const auto& r : s.rows) {
      Row wide(all.size());
      wide[0] = s.name;
      for (size_t i = 0; i < r.size() && i < to.size(); ++i) wide[to[i]] = r[i];
      w.Add(wide);
    }
  }
}

}  // namespace oborot::out
