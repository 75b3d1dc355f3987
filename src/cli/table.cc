#include "src/cli/table.h"

#include <algorithm>

#include "src/base/utf8.h"

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

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)), align_(headers_.size(), Align::kLeft) {}

void Table::SetAlign(size_t column, Align align) {
  if (column < align_.size()) align_[column] = align;
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (auto& c : cells) c = OneLine(c);
  rows_.push_back(std::move(cells));
}

std::string Table::Text(size_t max_cell_width) const {
  const size_t n = headers_.size();
  std::vector<size_t> width(n, 0);
  auto cell = [&](const std::string& s) { return Cut(s, max_cell_width); };
  for (size_t c = 0; c < n; ++c) width[c] = CodePointCount(cell(headers_[c]));
  for (const auto& r : rows_) {
    for (size_t c = 0; c < n; ++c) width[c] = std::max(width[c], CodePointCount(cell(r[c])));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (size_t c = 0; c < n; ++c) {
      const std::string v = cell(r[c]);
      const size_t pad = width[c] - CodePointCount(v);
      if (c > 0) l += "  ";
      if (align_[c] == Align::kRight) {
        Pad(l, pad);
        l += v;
      } else {
        l += v;
        if (c + 1 < n) Pad(l, pad);
      }
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l;
    out += '\n';
  };
  line(headers_);
  std::string rule;
  for (size_t c = 0; c < n; ++c) {
    if (c > 0) rule += "  ";
    for (size_t k = 0; k < width[c]; ++k) rule += "─";
  }
  out += rule + '\n';
  for (const auto& r : rows_) line(r);
  for (const auto& note : notes_) out += note + '\n';
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
  return out;
}

void OutputOptions::Register(CLI::App& app, size_t default_limit) {
  limit = default_limit;
  auto* j = app.add_flag("--json", json, "print JSON instead of a table");
  auto* c = app.add_flag("--csv", csv, "print CSV data instead of a table");
  j->excludes(c);
  app.add_option("--format", format_name, "table, json, csv or xlsx (an Excel workbook; give --out FILE.xlsx)")
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}));
  app.add_flag("--excel", excel, "CSV for a Russian-locale Excel: UTF-8 BOM, ';' between fields, decimal comma");
  app.add_option("--out,-o", out, "write to FILE instead of standard output");
  app.add_option("--limit", limit, "print at most N rows (default " + std::to_string(default_limit) + ")");
}

}  // namespace oborot::cli
