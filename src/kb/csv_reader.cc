#include "src/kb/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "src/base/utf8.h"

namespace oborot::kb {
namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

struct ParseState {
  std::vector<CsvRecord>* out;
  CsvRecord current;
  size_t line = 1;          // the line being fed
  size_t record_line = 0;   // where the current record started (0: none yet)
};

void OnField(void* data, size_t len, void* state_ptr) {
  auto* st = static_cast<ParseState*>(state_ptr);
  if (st->record_line == 0) st->record_line = st->line;
  st->current.fields.push_back(Trim(std::string_view(data ? static_cast<const char*>(data) : "", data ? len : 0)));
}

void OnRecord(int, void* state_ptr) {
  auto* st = static_cast<ParseState*>(state_ptr);
  const bool blank = st->current.fields.size() <= 1 && (st->current.fields.empty() || st->current.fields[0].empty());
  if (!blank) {
    st->current.line = st->record_line ? st->record_line : st->line;
    st->out->push_back(std::move(st->current));
  }
  st->current = CsvRecord{};
  st->record_line = 0;
}

}  // namespace

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Result<CsvTable> ReadCsv(std::string_view bytes, std::string_view file) {
  const std::string f(file);
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (const auto bad = FirstInvalidUtf8(bytes)) {
    return Status(StatusCode::kInvalidInput,
                  f + ": not UTF-8 at byte " + std::to_string(*bad) + "; save the file as UTF-8 CSV");
  }
  CsvTable t;
  const std::string_view first_line = bytes.substr(0, bytes.find('\n'));
  t.delimiter = std::count(first_line.begin(), first_line.end(), ';') >
                        std::count(first_line.begin(), first_line.end(), ',')
                    ? ';'
                    : ',';
  csv_parser p;
  if (csv_init(&p, CSV_APPEND_NULL) != 0) return Status(StatusCode::kInternal, f + ": cannot start the CSV parser");
  csv_set_delim(&p, static_cast<unsigned char>(t.delimiter));
  std::vector<CsvRecord> records;
  ParseState st{&records, {}, 1, 0};
  // Fed line by line, so that each record knows the line it starts on.
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    const size_t end = nl == std::string_view::npos ? bytes.size() : nl + 1;
    if (csv_parse(&p, bytes.data() + pos, end - pos, OnField, OnRecord, &st) != end - pos) {
      const std::string msg = csv_strerror(csv_error(&p));
      csv_free(&p);
      return Status(StatusCode::kInvalidInput, f + ":" + std::to_string(st.line) + ": " + msg);
    }
    pos = end;
    ++st.line;
  }
  --st.line;
  csv_fini(&p, OnField, OnRecord, &st);
  csv_free(&p);
  if (records.empty()) return Status(StatusCode::kInvalidInput, f + ": empty file: no header line");
  for (auto& h : records.front().fields) {
    std::string lower = h;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    t.header.push_back(std::move(lower));
  }
  t.records.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return t;
}

bool ParseDecimal(std::string_view s, double& out) {
  std::string clean;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\'' || c == '_') continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // no-break space
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0xAF) {  // narrow no-break space
      i += 2;
      continue;
    }
    clean += c == ',' ? '.' : static_cast<char>(c);
  }
  if (clean.empty()) return false;
  const char* b = clean.data();
  const char* e = b + clean.size();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, e, out);
  return r.ec == std::errc() && r.ptr == e && std::isfinite(out);
}

}  // namespace oborot::kb
