#include "src/cli/table.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iostream>

#include "src/base/utf8.h"
#include "src/cli/terminal.h"

namespace oborot::cli {
namespace {

// The first `n` code points of s.
std::string_view Prefix(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) NextCodePoint(s, i);
  return s.substr(0, i);
}

std::string Cut(const std::string& s, size_t width) {
  if (CodePointCount(s) <= width) return s;
  if (width == 0) return {};
  return std::string(Prefix(s, width - 1)) + "…";
}

void Pad(std::string& out, size_t n) { out.append(n, ' '); }

}  // namespace

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), align_(headers_.size(), Align::kLeft), optional_(headers_.size(), false) {}

void Table::SetOptional(size_t column) {
  if (column < optional_.size()) optional_[column] = true;
}

void Table::SetAlign(size_t column, Align align) {
  if (column < align_.size()) align_[column] = align;
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (auto& c : cells) c = OneLine(c);
  rows_.push_back(std::move(cells));
}

std::string Table::Text(size_t max_cell_width, size_t total_width, kb::Lang lang) const {
  // Optional columns empty in every row are left out of the text.
  std::vector<size_t> keep;
  for (size_t c = 0; c < headers_.size(); ++c) {
    const bool empty = optional_[c] && std::all_of(rows_.begin(), rows_.end(), [c](const auto& r) { return r[c].empty(); });
    if (!empty) keep.push_back(c);
  }
  if (keep.size() < headers_.size()) {
    auto pick = [&](const std::vector<std::string>& r) {
      std::vector<std::string> out;
      for (size_t c : keep) out.push_back(r[c]);
      return out;
    };
    Table t(pick(headers_));
    for (size_t i = 0; i < keep.size(); ++i) t.align_[i] = align_[keep[i]];
    for (const auto& r : rows_) t.rows_.push_back(pick(r));
    t.notes_ = notes_;
    return t.Text(max_cell_width, total_width, lang);
  }
  const size_t n = headers_.size();
  std::vector<size_t> natural(n, 0);
  for (size_t c = 0; c < n; ++c) natural[c] = std::min(CodePointCount(headers_[c]), max_cell_width);
  for (const auto& r : rows_) {
    for (size_t c = 0; c < n; ++c) natural[c] = std::max(natural[c], std::min(CodePointCount(r[c]), max_cell_width));
  }
  std::vector<size_t> width = natural;
  std::vector<size_t> shown(n);
  for (size_t c = 0; c < n; ++c) shown[c] = c;
  std::vector<std::string> left_out;
  if (total_width > 0) {
    // Numbers (right-aligned: amounts, percents, counts) are never cut — «549,1 …» or «< 55 м…» hides
    // the unit and misleads; the first column, which names the row, keeps at least kKeyColumn; the text
    // columns are cut (widest first) down to kMinColumn. When that is not enough the rightmost columns
    // are left out whole, and a note under the table names them.
    constexpr size_t kMinColumn = 8, kKeyColumn = 24;
    auto floor = [&](size_t c) {
      return align_[c] == Align::kRight ? natural[c] : std::min(natural[c], c == 0 ? kKeyColumn : kMinColumn);
    };
    for (;;) {
      width = natural;
      auto total = [&] {
        size_t t = shown.empty() ? 0 : 2 * (shown.size() - 1);
        for (size_t c : shown) t += width[c];
        return t;
      };
      while (total() > total_width) {
        size_t widest = n;
        for (size_t c : shown) {
          if (width[c] > floor(c) && (widest == n || width[c] > width[widest])) widest = c;
        }
        if (widest == n) break;
        --width[widest];
      }
      if (total() <= total_width || shown.size() <= 1) break;
      left_out.insert(left_out.begin(), headers_[shown.back()]);
      shown.pop_back();
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (size_t i = 0; i < shown.size(); ++i) {
      const size_t c = shown[i];
      const std::string v = Cut(r[c], width[c]);
      const size_t pad = width[c] - CodePointCount(v);
      if (i > 0) l += "  ";
      if (align_[c] == Align::kRight) {
        Pad(l, pad);
        l += v;
      } else {
        l += v;
        if (i + 1 < shown.size()) Pad(l, pad);
      }
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l;
    out += '\n';
  };
  line(headers_);
  std::string rule;
  for (size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) rule += "  ";
    for (size_t k = 0; k < width[shown[i]]; ++k) rule += "─";
  }
  out += rule + '\n';
  for (const auto& r : rows_) line(r);
  for (const auto& note : notes_) out += note + '\n';
  if (!left_out.empty()) {
    std::string names;
    for (const auto& h : left_out) names += (names.empty() ? "" : ", ") + h;
    const std::string note = lang == kb::Lang::kRu ? "не поместились по ширине: " + names + " (вся таблица: --wide)"
                                                   : "left out to fit the width: " + names + " (the whole table: --wide)";
    // wrapped at the width too, at spaces
    std::string row;
    size_t row_width = 0;
    size_t at = 0;
    while (at < note.size()) {
      size_t end = note.find(' ', at);
      if (end == std::string::npos) end = note.size();
      const std::string word = note.substr(at, end - at);
      const size_t w = CodePointCount(word);
      if (row_width > 0 && row_width + 1 + w > total_width) {
        out += row + '\n';
        row.clear();
        row_width = 0;
      }
      row += (row_width > 0 ? " " : "") + word;
      row_width += (row_width > 0 ? 1 : 0) + w;
      at = end + 1;
    }
    if (!row.empty()) out += row + '\n';
  }
  return out;
}

std::string Table::Csv() const {
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    for (size_t c = 0; c < r.size(); ++c) {
      if (c > 0) out += ',';
      out += CsvField(r[c]);
    }
    out += "\r\n";
  };
  line(headers_);
  for (const auto& r : rows_) line(r);
  return out;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return ShowControls(out);
}

void OutputOptions::Register(CLI::App& app, size_t default_limit, bool date_range) {
  limit = default_limit;
  auto* f = app.add_option("--format", format_name,
                           "table (default), csv, json, jsonl or xlsx (an Excel workbook; give --out FILE.xlsx)")
                ->check(CLI::IsMember({"table", "csv", "json", "jsonl", "xlsx"}));
  auto* j = app.add_flag("--json", json, "the same as --format json");
  auto* c = app.add_flag("--csv", csv, "the same as --format csv");
  auto* e = app.add_flag("--excel", excel,
                         "CSV for a Russian-locale Excel: UTF-8 BOM, ';' between fields, decimal comma");
  app.add_flag("--raw-csv", raw_csv, kRawCsvHelp);
  j->excludes(c)->excludes(e);
  f->excludes(j)->excludes(c);
  app.add_option("--out,-o", out, "write to FILE instead of standard output");
  app.add_option("--limit", limit, "print at most N rows (default " + std::to_string(default_limit) + ")");
  app.add_flag("--wide", wide, "do not cut the table to the terminal's width");
  app.add_option("--lang", lang_name, "ru or en: headers, names and number formats (default from LANG)")
      ->check(CLI::IsMember({"ru", "en"}));
  if (date_range) {
    auto date = CLI::Validator(
        [](std::string& s) -> std::string {
          return kb::DateRange::ValidBound(s) ? std::string()
                                              : "a date is YYYY, YYYY-MM or YYYY-MM-DD (a day the calendar has), not \"" +
                                                    s + "\"";
        },
        "DATE");
    app.add_option("--from", from, "only figures, meetings and sources from this date on (YYYY, YYYY-MM, YYYY-MM-DD)")
        ->check(date);
    app.add_option("--to", to, "only those up to this date (YYYY, YYYY-MM, YYYY-MM-DD)")->check(date);
  }
}

OutputFormat OutputOptions::format() const {
  if (format_name == "xlsx") return OutputFormat::kXlsx;
  if (format_name == "jsonl") return OutputFormat::kJsonl;
  if (format_name == "json" || json) return OutputFormat::kJson;
  if (format_name == "csv" || csv || (format_name.empty() && excel)) return OutputFormat::kCsv;
  return OutputFormat::kTable;
}

kb::Lang OutputOptions::lang() const {
  if (auto l = kb::ParseLang(lang_name)) return *l;
  return kb::LangFromEnvironment();
}

size_t OutputOptions::width() const {
  if (wide || format() != OutputFormat::kTable) return 0;
  struct winsize ws {};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS"); c != nullptr && *c != '\0') {
    const long n = std::strtol(c, nullptr, 10);
    if (n >= 20 && n < 100000) return static_cast<size_t>(n);
  }
  return 120;
}

std::string OutputOptions::from_date() const { return kb::DateRange{from, to}.from_date(); }

std::string OutputOptions::to_date() const { return kb::DateRange{from, to}.to_date(); }

void Emit(std::ostream& out, const OutputOptions& o, const Table& table,
          const std::vector<nlohmann::ordered_json>& json_rows, const std::string& note) {
  switch (o.format()) {
    case OutputFormat::kJson: {
      auto a = nlohmann::ordered_json::array();
      for (const auto& r : json_rows) a.push_back(r);
      out << a.dump(2) << "\n";
      break;
    }
    case OutputFormat::kJsonl:
      for (const auto& r : json_rows) out << r.dump() << "\n";
      break;
    case OutputFormat::kCsv:
    case OutputFormat::kXlsx:
      out << table.Csv();
      break;
    case OutputFormat::kTable:
      out << table.Text(60, o.width(), o.lang());
      if (!note.empty()) out << note << "\n";
      return;
  }
  if (!note.empty()) std::cerr << "oborot: " << note << "\n";
}

// The commands' ranges are the knowledge base's (kb::DateRange), so that
// `export --from` selects what `show --from` shows.
bool DateInRange(std::string_view date, const OutputOptions& o) { return kb::DateRange{o.from, o.to}.Contains(date); }

bool InRange(const kb::Figure& f, const OutputOptions& o) { return kb::DateRange{o.from, o.to}.Contains(f); }

std::string QuoteAround(std::string_view quote, const kb::Figure& f, size_t width) {
  const std::string q = OneLine(quote);
  const size_t n = CodePointCount(q);
  if (n <= width || width < 8) return q;
  // The figure's leading digits as the text may write them: 382e6 -> "382", 1.6e9 -> "1".
  std::string digits;
  if (auto v = f.value ? f.value : f.percent) {
    double x = std::fabs(*v);
    while (x >= 1000) x /= 1000;
    digits = std::to_string(static_cast<long long>(x));
  }
  size_t at = digits.empty() ? std::string::npos : q.find(digits);
  if (at == std::string::npos) at = q.find_first_of("0123456789");
  if (at == std::string::npos) at = 0;
  // The byte offset as a code point index, then a window of width-2 around it.
  size_t cp = 0;
  for (size_t i = 0; i < at && i < q.size();) {
    NextCodePoint(q, i);
    ++cp;
  }
  const size_t span = width - 2;
  size_t first = cp > span / 3 ? cp - span / 3 : 0;
  if (first + span > n) first = n - span;
  size_t b = 0;
  for (size_t k = 0; k < first; ++k) NextCodePoint(q, b);
  size_t e = b;
  for (size_t k = 0; k < span && e < q.size(); ++k) NextCodePoint(q, e);
  std::string out = (first > 0 ? "…" : "") + q.substr(b, e - b);
  if (e < q.size()) out += "…";
  return out;
}

std::string WithName(std::string_view code, std::string_view name) {
  if (name.empty() || name == code) return std::string(code);
  return std::string(code) + " " + std::string(name);
}

}  // namespace oborot::cli
