// Trade tables rendered as text (a ministry's or an embassy's page saved as plain text):
//
//   (млн. долларов США)
//   Период | Товарооборот | Экспорт | Импорт | Сальдо
//   2016   | 4,160        | 0,221   | 3,939  | -3,718
//   ...
//   2021 г. к 2020 г. (%) | 74,6 | 68,4 | 90,1
//
// one cell per line (the usual rendering of an HTML table) or several cells on a line
// separated by a tab, two spaces or «|». A header row names the columns; exactly one of
// them must be the turnover (a trade word of fact_cues.tsv) and the unit (a scale and a
// currency, read by the money parser) must be stated before it or in it: only then is a
// year row's turnover cell a figure (actual, exact, of the article's pair) and an index row
// («2021 г. к 2020 г. (%)») its change. The export, import and balance columns are never read;
// a table whose header or unit is unclear gives nothing. One pass over the cells of the text:
// linear in its length.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "src/expr/money.h"
#include "src/expr/numbers.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

constexpr size_t kMaxHeader = 8;        // cells of a header row at most
constexpr size_t kMaxHeaderWords = 4;   // words of one header cell at most («Внешнеторговый оборот»)
constexpr size_t kUnitReach = 3;        // cells before the header where its unit may stand
constexpr size_t kMaxCellBytes = 120;   // longer cells are prose, never a table's

struct Cell {
  uint32_t start = 0, end = 0;        // bytes of Document::text, trimmed
  uint32_t first = 0, last = 0;       // tokens [first, last)
  size_t words = 0, numbers = 0;
  bool percent = false;
  bool trade = false, not_trade = false;
};

bool IsSpaceAt(std::string_view t, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(t[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) {  // no-break space
    *len = 2;
    return true;
  }
  return false;
}

// The cells of the text: its lines, cut further at a tab, «|» or a run of two spaces.
std::vector<Cell> SplitCells(std::string_view text) {
  std::vector<Cell> cells;
  size_t i = 0;
  auto push = [&](size_t from, size_t to) {
    size_t len = 0;
    while (from < to && IsSpaceAt(text, from, &len)) from += len;
    while (to > from) {
      // trim one trailing space byte sequence at a time
      if (text[to - 1] == ' ' || text[to - 1] == '\t' || text[to - 1] == '\r') {
        --to;
      } else if (to - from >= 2 && static_cast<unsigned char>(text[to - 2]) == 0xC2 &&
                 static_cast<unsigned char>(text[to - 1]) == 0xA0) {
        to -= 2;
      } else {
        break;
      }
    }
    if (to > from) cells.push_back(Cell{static_cast<uint32_t>(from), static_cast<uint32_t>(to)});
  };
  size_t from = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n' || c == '\t' || c == '|') {
      push(from, i);
      from = ++i;
    } else if (c == ' ' && i + 1 < text.size() && text[i + 1] == ' ') {
      push(from, i);
      while (i < text.size() && text[i] == ' ') ++i;
      from = i;
    } else {
      ++i;
    }
  }
  push(from, text.size());
  return cells;
}

// A cell that is one number («4,160», «-3,718», «1 124,8»), with its value.
std::optional<double> NumberCell(std::string_view text, const Cell& c) {
  if (c.words != 0 || c.numbers == 0 || c.percent) return std::nullopt;
  std::string_view s = text.substr(c.start, c.end - c.start);
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  } else if (s.size() >= 3 && s.substr(0, 3) == "\xE2\x88\x92") {  // «−»
    negative = true;
    s.remove_prefix(3);
  }
  const auto nums = expr::FindNumbers(s);
  if (nums.size() != 1 || nums[0].start != 0 || nums[0].end != s.size() || nums[0].has_scale) return std::nullopt;
  return negative ? -nums[0].value : nums[0].value;
}

// The years a cell names (four-digit numbers from 1950 to 2100), in order.
std::vector<int> YearsOf(const Annotations& a, const Cell& c) {
  std::vector<int> years;
  for (uint32_t t = c.first; t < c.last; ++t) {
    const auto& tok = a.tokens[t];
    if (tok.kind != segment::TokenKind::kNumber || tok.fold.size() != 4) continue;
    const int y = std::stoi(std::string(tok.fold));
    if (y >= 1950 && y <= 2100) years.push_back(y);
  }
  return years;
}

// «2016», «2016 г.», «2016 год»: a year row's label.
std::optional<int> YearLabel(const Annotations& a, const Cell& c) {
  if (c.numbers != 1 || c.percent || c.words > 1 || c.last - c.first > 3) return std::nullopt;
  const auto years = YearsOf(a, c);
  if (years.size() != 1 || a.tokens[c.first].kind != segment::TokenKind::kNumber) return std::nullopt;
  return years[0];
}

// «2021 г. к 2020 г. (%)»: an index row's label, the later year first; returns that year.
std::optional<int> IndexLabel(const Annotations& a, const Cell& c) {
  if (!c.percent) return std::nullopt;
  const auto years = YearsOf(a, c);
  if (years.size() != 2 || years[0] <= years[1] || c.numbers != 2) return std::nullopt;
  return years[0];
}

// The unit a cell states («(млн. долларов США)», «тыс. долл.»): the money parser's reading of
// «1 » before it, brackets blanked. Nothing when it names no currency or the cell says more than a unit.
std::optional<expr::MoneyExpr> UnitOf(std::string_view text, const Cell& c) {
  if (c.numbers != 0 || c.end - c.start > kMaxCellBytes) return std::nullopt;
  std::string probe = "1 ";
  for (const char ch : text.substr(c.start, c.end - c.start)) probe.push_back(ch == '(' || ch == ')' ? ' ' : ch);
  const auto money = expr::FindMoney(probe);
  if (money.size() != 1 || money[0].currency.empty() || money[0].start != 0 || money[0].value < 1000) {
    return std::nullopt;
  }
  return money[0];
}

}  // namespace

void ExtractTables(const DocContext& ctx, std::vector<Fact>& out) {
  const Document& doc = *ctx.doc;
  const Annotations& a = *ctx.ann;
  if (ctx.partner.empty() || ctx.home.empty() || ctx.partner == ctx.home) return;
  std::vector<std::string> pair = {ctx.home, ctx.partner};
  std::sort(pair.begin(), pair.end());
  const std::string_view text = doc.text;
  std::vector<Cell> cells = SplitCells(text);
  // tokens and cues of each cell (both sorted by position: one forward walk)
  {
    size_t t = 0, q = 0;
    for (Cell& c : cells) {
      while (t < a.tokens.size() && a.tokens[t].start < c.start) ++t;
      c.first = static_cast<uint32_t>(t);
      while (t < a.tokens.size() && a.tokens[t].end <= c.end) {
        const auto& tok = a.tokens[t];
        if (tok.kind == segment::TokenKind::kWord) ++c.words;
        if (tok.kind == segment::TokenKind::kNumber) ++c.numbers;
        if (tok.fold == "%") c.percent = true;
        ++t;
      }
      c.last = static_cast<uint32_t>(t);
      while (q < a.cues.size() && a.cues[q].token < c.first) ++q;
      for (size_t k = q; k < a.cues.size() && a.cues[k].token < c.last; ++k) {
        c.trade |= a.cues[k].cue == Cue::kTrade;
        c.not_trade |= a.cues[k].cue == Cue::kNotTrade;
      }
    }
  }
  auto header_cell = [&](const Cell& c) {
    return c.numbers == 0 && c.words >= 1 && c.words <= kMaxHeaderWords && c.end - c.start <= kMaxCellBytes &&
           !UnitOf(text, c);
  };
  size_t i = 0;
  while (i < cells.size()) {
    if (!YearLabel(a, cells[i]) || i == 0 || !header_cell(cells[i - 1])) {
      ++i;
      continue;
    }
    // the header: the run of short text cells right before the first year row
    size_t h = i;
    while (h > 0 && i - h < kMaxHeader && header_cell(cells[h - 1])) --h;
    size_t trade_cell = SIZE_MAX, trade_cells = 0;
    bool other_column = false;
    for (size_t k = h; k < i; ++k) {
      if (cells[k].trade && !cells[k].not_trade) {
        trade_cell = k;
        ++trade_cells;
      }
      other_column |= cells[k].not_trade;
    }
    // the unit: in the header's cells or a few cells before it
    std::optional<expr::MoneyExpr> unit;
    size_t unit_cell = 0;
    for (size_t k = h; k > 0 && h - k < kUnitReach && !unit; --k) {
      unit = UnitOf(text, cells[k - 1]);
      unit_cell = k - 1;
    }
    if (trade_cells != 1 || !other_column || !unit) {
      ++i;
      continue;
    }
    // the first column holds the rows' labels: named («Период», «Год») or left unnamed
    const bool label_named = !cells[h].trade && !cells[h].not_trade;
    const size_t columns = (i - h) + (label_named ? 0 : 1);
    const size_t trade_col = (trade_cell - h) + (label_named ? 0 : 1);  // >= 1
    if (trade_col == 0 || columns < 2) {
      ++i;
      continue;
    }
    // the rows, as long as each is a label and its number cells
    size_t r = i;
    while (r < cells.size()) {
      const auto year = YearLabel(a, cells[r]);
      const auto index_year = year ? std::nullopt : IndexLabel(a, cells[r]);
      size_t n = 0;  // number cells after the label
      while (n + 1 < columns && r + 1 + n < cells.size() && NumberCell(text, cells[r + 1 + n])) ++n;
      if ((!year && !index_year) || n < trade_col || (year && n + 1 != columns)) break;
      const Cell& value_cell = cells[r + trade_col];
      const double v = *NumberCell(text, value_cell);
      Fact f;
      f.parties = pair;
      f.year = year ? year : index_year;
      f.evidence.span = Span{cells[r].start, value_cell.end};
      f.used.push_back({"table-header", Span{cells[trade_cell].start, cells[trade_cell].end}});
      f.confidence = 0.8;
      if (year && v > 0) {
        f.type = FactType::kTurnover;
        f.status = "actual";
        f.value = v * unit->value;
        f.currency = unit->currency;
        f.qualifier = "exact";
        f.period = "year";
        f.rule = "turnover.table";
        f.used.push_back({"money", Span{value_cell.start, value_cell.end}});
        f.used.push_back({"unit", Span{cells[unit_cell].start, cells[unit_cell].end}});
        out.push_back(std::move(f));
      } else if (index_year && v > 0 && v != 100) {
        f.type = FactType::kTurnoverChange;
        f.percent = v - 100;
        f.rule = "change.table";
        f.used.push_back({"change", Span{value_cell.start, value_cell.end}});
        out.push_back(std::move(f));
      }
      r += 1 + n;
    }
    i = std::max(r, i + 1);
  }
}

}  // namespace oborot::facts
