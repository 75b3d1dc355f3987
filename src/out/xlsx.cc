// Excel workbooks through libxlsxwriter (Debian's libxlsxwriter-dev): a
// maintained C library that writes the OOXML zip itself, so the project
// hand-writes no XML or zip.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "src/base/utf8.h"
#include "src/out/sheet.h"

namespace oborot::out {
namespace {

constexpr lxw_row_t kMaxRows = 1048576;
constexpr size_t kMaxCellChars = 32767;  // Excel's limit for one cell's text
constexpr size_t kMaxLinksPerSheet = 65530;

// Code points of s (the width Excel gives a column is in characters).
size_t Chars(std::string_view s) { return CodePointCount(s); }

// The first n code points of s.
std::string CutChars(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) NextCodePoint(s, i);
  return std::string(s.substr(0, i));
}

bool ParseDate(std::string_view s, lxw_datetime& d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto num = [&](size_t at, size_t n, int& v) {
    v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, m, day;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, day)) return false;
  if (y < 1900 || m < 1 || m > 12 || day < 1 || day > 31) return false;
  d = lxw_datetime{y, m, day, 0, 0, 0};
  return true;
}

}  // namespace

struct XlsxWriter::Impl {
  std::string path;
  lxw_workbook* book = nullptr;
  lxw_format* header = nullptr;
  lxw_format* money = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* date = nullptr;
  lxw_format* link = nullptr;
  struct SheetState {
    lxw_worksheet* ws = nullptr;
    std::vector<Column> columns;
    std::vector<size_t> width;  // characters
    lxw_row_t next_row = 1;
    size_t links = 0;
    bool overflow = false;
  };
  std::vector<SheetState> sheets;
  std::set<std::string> names;
  std::string error;

  lxw_format* FormatOf(ColumnType t) const {
    switch (t) {
      case ColumnType::kMoney: return money;
      case ColumnType::kInteger: return integer;
      case ColumnType::kPercent: return percent;
      case ColumnType::kDate: return date;
      default: return nullptr;
    }
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

XlsxWriter::~XlsxWriter() {
  // A writer dropped without Close() leaves no half-written file behind.
  if (impl_ && impl_->book) {
    workbook_close(impl_->book);
    std::remove(impl_->path.c_str());
  }
}

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path) {
  // libxlsxwriter opens the file only when it closes the workbook (and then
  // prints its own message): find an unwritable path now, before any work.
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fclose(f);
  } else {
    return Status(StatusCode::kIoError, path + ": cannot open for writing");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_TRUE;
  impl->book = workbook_new_opt(path.c_str(), &opts);
  if (!impl->book) return Status(StatusCode::kIoError, path + ": cannot create the workbook");
  impl->header = workbook_add_format(impl->book);
  format_set_bold(impl->header);
  format_set_bottom(impl->header, LXW_BORDER_THIN);
  impl->money = workbook_add_format(impl->book);
  format_set_num_format(impl->money, "#,##0");
  impl->integer = workbook_add_format(impl->book);
  format_set_num_format(impl->integer, "0");
  impl->percent = workbook_add_format(impl->book);
  format_set_num_format(impl->percent, "0.0");
  impl->date = workbook_add_format(impl->book);
  format_set_num_format(impl->date, "yyyy-mm-dd");
  impl->link = workbook_get_default_url_format(impl->book);
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
}

size_t XlsxWriter::AddSheet(std::string_view name, std::vector<Column> columns) {
  std::string clean;
  for (char c : name) clean += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  if (clean.empty()) clean = "Sheet";
  clean = CutChars(clean, 31);
  std::string unique = clean;
  for (int n = 2; impl_->names.count(unique); ++n) {
    const std::string suffix = " " + std::to_string(n);
    unique = CutChars(clean, 31 - suffix.size()) + suffix;
  }
  impl_->names.insert(unique);
  Impl::SheetState st;
  st.ws = workbook_add_worksheet(impl_->book, unique.c_str());
  st.columns = std::move(columns);
  st.width.resize(st.columns.size());
  for (size_t c = 0; c < st.columns.size(); ++c) {
    worksheet_write_string(st.ws, 0, static_cast<lxw_col_t>(c), st.columns[c].name.c_str(), impl_->header);
    st.width[c] = Chars(st.columns[c].name) + 3;  // room for the filter button
  }
  worksheet_freeze_panes(st.ws, 1, 0);
  impl_->sheets.push_back(std::move(st));
  return impl_->sheets.size() - 1;
}

void XlsxWriter::Add(size_t sheet, const Row& row) {
  Impl::SheetState& st = impl_->sheets.at(sheet);
  if (st.next_row >= kMaxRows) {
    st.overflow = true;
    return;
  }
  const lxw_row_t r = st.next_row++;
  for (size_t c = 0; c < row.size() && c < st.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const ColumnType type = st.columns[c].type;
    lxw_format* fmt = impl_->FormatOf(type);
    size_t shown = 0;
    if (const auto* s = std::get_if<std::string>(&row[c])) {
      std::string text = Chars(*s) > kMaxCellChars ? CutChars(*s, kMaxCellChars) : *s;
      lxw_datetime d;
      if (type == ColumnType::kDate && ParseDate(text, d)) {
        worksheet_write_datetime(st.ws, r, col, &d, impl_->date);
        shown = 10;
      } else if (type == ColumnType::kUrl && st.links < kMaxLinksPerSheet && text.size() <= 255 &&
                 (text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0) &&
                 worksheet_write_url(st.ws, r, col, text.c_str(), impl_->link) == LXW_NO_ERROR) {
        ++st.links;
        shown = Chars(text);
      } else {
        worksheet_write_string(st.ws, r, col, text.c_str(), nullptr);
        shown = Chars(text);
      }
    } else if (const auto* d = std::get_if<double>(&row[c])) {
      if (std::isfinite(*d)) worksheet_write_number(st.ws, r, col, *d, fmt);
      shown = type == ColumnType::kMoney ? 16 : 10;
    } else if (const auto* i = std::get_if<int64_t>(&row[c])) {
      worksheet_write_number(st.ws, r, col, static_cast<double>(*i), fmt);
      shown = std::to_string(*i).size() + (type == ColumnType::kMoney ? 5 : 1);
    } else if (const auto* b = std::get_if<bool>(&row[c])) {
      worksheet_write_boolean(st.ws, r, col, *b ? 1 : 0, nullptr);
      shown = 5;
    }
    st.width[c] = std::max(st.width[c], shown + 1);
  }
}

Status XlsxWriter::Close() {
  std::string overflow;
  for (auto& st : impl_->sheets) {
    const auto cols = static_cast<lxw_col_t>(st.columns.size());
    if (cols > 0) worksheet_autofilter(st.ws, 0, 0, st.next_row - 1, cols - 1);
    for (size_t c = 0; c < st.columns.size(); ++c) {
      const double w = static_cast<double>(std::clamp<size_t>(st.width[c], 6, 60));
      worksheet_set_column(st.ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w,
                           impl_->FormatOf(st.columns[c].type));
    }
    if (st.overflow) overflow = "a sheet has more rows than Excel's 1,048,576; the rest were left out";
  }
  const lxw_error e = workbook_close(impl_->book);
  impl_->book = nullptr;
  if (e != LXW_NO_ERROR) {
    std::remove(impl_->path.c_str());
    return Status(StatusCode::kIoError, impl_->path + ": " + lxw_strerror(e));
  }
  if (!overflow.empty()) return Status(StatusCode::kInvalidArgument, impl_->path + ": " + overflow);
  return Status::Ok();
}

Status WriteXlsx(const std::vector<Sheet>& sheets, const std::string& path) {
  auto w = XlsxWriter::Create(path);
  if (!w.ok()) return w.status();
  for (const auto& s : sheets) {
    const size_t i = (*w)->AddSheet(s.name, s.columns);
    for (const auto& r : s.rows) (*w)->Add(i, r);
  }
  return (*w)->Close();
}

}  // namespace oborot::out
