#include "src/kb/official.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>

#include "src/kb/csv_reader.h"
#include "src/kb/merge.h"
#include "src/kb/queries.h"

namespace oborot::kb {

// The exchange rates import-rates takes (units of the currency per US dollar).
constexpr double kMinRate = 1e-6, kMaxRate = 1e9;

namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool WellFormedCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 7) return false;
  if (!std::isupper(static_cast<unsigned char>(s[0])) || !std::isupper(static_cast<unsigned char>(s[1]))) return false;
  if (s.size() == 2) return true;
  if (s[2] != '-' || s.size() < 4) return false;
  return std::all_of(s.begin() + 3, s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

bool IsCurrency(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// year, H1, H2, Q1..Q4, 9M and other month counts (1M..11M).
bool IsPeriod(std::string_view p) {
  if (p == "year" || p == "H1" || p == "H2" || p == "Q1" || p == "Q2" || p == "Q3" || p == "Q4") return true;
  if (p.size() == 2 && p[1] == 'M' && p[0] >= '1' && p[0] <= '9') return true;
  return p == "10M" || p == "11M";
}

bool ParseYear(std::string_view s, int64_t& year) {
  if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  year = std::stoi(std::string(s));
  return year >= 1990 && year <= 2100;
}

bool ParseIsoDate(std::string_view s, int64_t& year) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  if (!ParseYear(s.substr(0, 4), year) || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The name a row's `file` column keeps: the file's own name, never a path of
// the importing machine (as documents' stored names; the API and report show
// no absolute paths).
std::string StoredFileName(std::string_view file) {
  return std::filesystem::path(std::string(file)).filename().string();
}

// The columns a file must have; the first missing one's message.
Status RequireColumns(const CsvTable& t, std::string_view file, const std::vector<std::vector<std::string>>& cols,
                      std::vector<int>& index) {
  for (const auto& names : cols) {
    int i = -1;
    for (const auto& n : names) {
      if (i < 0) i = t.Column(n);
    }
    if (i < 0 && !names.empty() && names[0] != "?") {
      std::string have;
      for (const auto& h : t.header) have += (have.empty() ? "" : ", ") + h;
      return Status(StatusCode::kInvalidInput,
                    std::string(file) + ":1: no column \"" + names[0] + "\" (the header has: " + have + ")");
    }
    index.push_back(i);
  }
  return Status::Ok();
}

std::string FieldAt(const CsvRecord& r, int i) { return i >= 0 && static_cast<size_t>(i) < r.fields.size() ? r.fields[i] : ""; }

// Runs `rows` inside one transaction; rolls back on an SQLite error.
template <typename Fn>
Result<ImportReport> InTransaction(Db& db, Fn rows) {
  if (Status st = db.Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  auto r = rows();
  if (!r.ok()) {
    (void)db.Exec("ROLLBACK");
    return r;
  }
  if (Status st = db.Exec("COMMIT"); !st.ok()) {
    (void)db.Exec("ROLLBACK");
    return st;
  }
  return r;
}

}  // namespace

Result<ImportReport> ImportOfficial(Db& db, std::string_view bytes, std::string_view file, const CodeCheck& known) {
  auto table = ReadCsv(bytes, file);
  if (!table.ok()) return table.status();
  std::vector<int> c;
  if (Status st = RequireColumns(*table, file,
                                        {{"reporter"},
                                         {"partner"},
                                         {"year"},
                                         {"?", "period"},
                                         {"flow"},
                                         {"value"},
                                         {"currency"},
                                         {"source", "source_name"},
                                         {"url"}},
                                        c); !st.ok()) return st;
  const std::string f(file), stored = StoredFileName(file);
  const std::string now = NowUtc();
  return InTransaction(db, [&]() -> Result<ImportReport> {
    ImportReport rep;
    auto ins = db.Prepare(
        "INSERT INTO official_figures (reporter, partner, party_a, party_b, year, period, flow, value, currency, "
        "source_name, url, file, line, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (reporter, partner, year, period, flow, source_name) DO UPDATE SET value = excluded.value, "
        "currency = excluded.currency, url = excluded.url, file = excluded.file, line = excluded.line, "
        "imported_at = excluded.imported_at");
    if (!ins.ok()) return ins.status();
    for (const CsvRecord& r : table->records) {
      const std::string where = f + ":" + std::to_string(r.line) + ": ";
      auto bad = [&](const std::string& msg) { rep.errors.push_back(where + msg); };
      const std::string reporter = Upper(FieldAt(r, c[0]));
      const std::string partner = Upper(FieldAt(r, c[1]));
      int64_t year = 0;
      std::string period = FieldAt(r, c[3]);
      if (period.empty() || Lower(period) == "year") period = "year";
      const std::string flow = Lower(FieldAt(r, c[4]));
      double value = 0;
      const std::string currency = Upper(FieldAt(r, c[6]));
      const std::string source = FieldAt(r, c[7]);
      const std::string url = FieldAt(r, c[8]);
      if (r.fields.size() > table->header.size()) {
        bad("more fields than the header has columns (" + std::to_string(r.fields.size()) + " > " +
            std::to_string(table->header.size()) + "); quote a value that holds \"" + table->delimiter + "\"");
      } else if (!WellFormedCode(reporter) || (known && !known(reporter))) {
        bad("reporter \"" + FieldAt(r, c[0]) + "\" is not a known party code (BY, RU, RU-VOR, ...)");
      } else if (!WellFormedCode(partner) || (known && !known(partner))) {
        bad("partner \"" + FieldAt(r, c[1]) + "\" is not a known party code (BY, RU, RU-VOR, ...)");
      } else if (reporter == partner) {
        bad("reporter and partner are the same party " + reporter);
      } else if (!ParseYear(FieldAt(r, c[2]), year)) {
        bad("year \"" + FieldAt(r, c[2]) + "\" is not a year between 1990 and 2100");
      } else if (!IsPeriod(period)) {
        bad("period \"" + period + "\" is not one of year, H1, H2, Q1..Q4, 1M..11M (9M: January to September)");
      } else if (flow != "export" && flow != "import" && flow != "turnover") {
        bad("flow \"" + FieldAt(r, c[4]) + "\" is not export, import or turnover");
      } else if (!ParseDecimal(FieldAt(r, c[5]), value) || value < 0) {
        bad("value \"" + FieldAt(r, c[5]) + "\" is not a non-negative number");
      } else if (value > kMaxAmount) {
        bad("value \"" + FieldAt(r, c[5]) + "\" is over 1e18, no figure of trade");
      } else if (!IsCurrency(currency)) {
        bad("currency \"" + FieldAt(r, c[6]) + "\" is not an ISO 4217 code (USD, RUB, BYN, EUR)");
      } else if (source.empty()) {
        bad("no source: name the publisher and table the figure comes from");
      } else if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
        bad("url \"" + url + "\" is not an http(s) address of the source table");
      } else {
        const bool sorted = reporter < partner;
        Stmt& s = **ins;
        s.Bind(1, reporter).Bind(2, partner).Bind(3, sorted ? reporter : partner).Bind(4, sorted ? partner : reporter);
        s.Bind(5, year).Bind(6, period).Bind(7, flow).Bind(8, value).Bind(9, currency).Bind(10, source).Bind(11, url);
        s.Bind(12, stored).Bind(13, static_cast<int64_t>(r.line)).Bind(14, now);
        const int rc = s.Step();
        s.Reset();
        if (rc != SQLITE_DONE) return db.StepError(rc);
        ++rep.imported;
      }
    }
    return rep;
  });
}

Result<ImportReport> ImportRates(Db& db, std::string_view bytes, std::string_view file) {
  auto table = ReadCsv(bytes, file);
  if (!table.ok()) return table.status();
  const int date_col = table->Column("date");
  const int year_col = table->Column("year");
  if (date_col < 0 && year_col < 0) {
    return Status(StatusCode::kInvalidInput, std::string(file) + ":1: no column \"date\" or \"year\"");
  }
  std::vector<int> c;
  if (Status st = RequireColumns(*table, file, {{"currency"}, {"rate"}}, c); !st.ok()) return st;
  const std::string f(file), stored = StoredFileName(file);
  return InTransaction(db, [&]() -> Result<ImportReport> {
    ImportReport rep;
    auto ins = db.Prepare(
        "INSERT INTO rates (currency, year, date, rate, file, line) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT (currency, year, date) DO UPDATE SET rate = excluded.rate, file = excluded.file, "
        "line = excluded.line");
    if (!ins.ok()) return ins.status();
    for (const CsvRecord& r : table->records) {
      const std::string where = f + ":" + std::to_string(r.line) + ": ";
      auto bad = [&](const std::string& msg) { rep.errors.push_back(where + msg); };
      const std::string date = FieldAt(r, date_col);
      const std::string year_text = FieldAt(r, year_col);
      const std::string currency = Upper(FieldAt(r, c[0]));
      int64_t year = 0;
      double rate = 0;
      if (r.fields.size() > table->header.size()) {
        bad("more fields than the header has columns; quote a value that holds \"" +
            std::string(1, table->delimiter) + "\"");
      } else if (!date.empty() && !ParseIsoDate(date, year)) {
        bad("date \"" + date + "\" is not a date YYYY-MM-DD between 1990 and 2100");
      } else if (date.empty() && !ParseYear(year_text, year)) {
        bad(year_text.empty() ? "neither a date nor a year" : "year \"" + year_text + "\" is not a year between 1990 and 2100");
      } else if (!IsCurrency(currency) || currency == "USD") {
        bad("currency \"" + FieldAt(r, c[0]) + "\" is not an ISO 4217 code other than USD");
      } else if (!ParseDecimal(FieldAt(r, c[1]), rate) || rate <= 0) {
        bad("rate \"" + FieldAt(r, c[1]) + "\" is not a positive number (units of the currency per US dollar)");
      } else if (rate < kMinRate || rate > kMaxRate) {
        // (no currency trades at a million dollars a unit, or a billion units a dollar: a typo,
        // and a figure divided by it would be no number)
        bad("rate \"" + FieldAt(r, c[1]) + "\" is outside 1e-6 to 1e9 units of the currency per US dollar");
      } else {
        Stmt& s = **ins;
        s.Bind(1, currency).Bind(2, year).Bind(3, date).Bind(4, rate).Bind(5, stored).Bind(6, static_cast<int64_t>(r.line));
        const int rc = s.Step();
        s.Reset();
        if (rc != SQLITE_DONE) return db.StepError(rc);
        ++rep.imported;
      }
    }
    return rep;
  });
}

Result<RateTable> RateTable::Load(Db& db) {
  RateTable t;
  auto q = db.Prepare("SELECT currency, year, rate FROM year_rates");
  if (!q.ok()) return q.status();
  int rc;
  while ((rc = (*q)->Step()) == SQLITE_ROW) {
    t.rates_[{std::string((*q)->Text(0)), (*q)->Int(1)}] = (*q)->Real(2);
  }
  (*q)->Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  return t;
}

std::optional<double> RateTable::Rate(std::string_view currency, int64_t year) const {
  if (currency == "USD") return 1.0;
  auto it = rates_.find(std::make_pair(std::string(currency), year));
  if (it == rates_.end()) return std::nullopt;
  return it->second;
}

std::optional<double> RateTable::ToUsd(double value, std::string_view currency, int64_t year) const {
  auto r = Rate(currency, year);
  if (!r) return std::nullopt;
  return value / *r;
}

UsdValue ToUsd(const RateTable& rates, double value, std::string_view currency, std::optional<int64_t> year) {
  UsdValue u;
  if (currency == "USD") {
    u.usd = value;
    return u;
  }
  u.converted = true;
  if (currency.empty()) {
    u.note = "the currency is unknown";
  } else if (!year) {
    u.note = "no year to take a " + std::string(currency) + " rate for";
  } else if (auto v = rates.ToUsd(value, currency, *year)) {
    u.usd = v;
  } else {
    u.note = "no " + std::string(currency) + " rate for " + std::to_string(*year) + " (oborot import-rates)";
  }
  return u;
}

Result<std::optional<OfficialCheck>> CheckAgainstOfficial(Db& db, const Figure& a, const RateTable& rates,
                                                          const CompareOptions& options) {
  if (a.type != "turnover" || a.status != "actual" || a.sectoral || !a.year || !a.value) return std::optional<OfficialCheck>();
  const std::string period = a.period.empty() ? "year" : a.period;
  // The Belarusian side's own statistics first (reporter BY or BY-..), then the first imported.
  auto q = db.Prepare(
      "SELECT value, currency, basis, reporter, source_name, url FROM official_turnover "
      "WHERE party_a = ? AND party_b = ? AND year = ? AND period = ? "
      "ORDER BY (reporter = 'BY' OR reporter LIKE 'BY-%') DESC, basis = 'turnover' DESC, source_name LIMIT 1");
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, a.party_a).Bind(2, a.party_b).Bind(3, *a.year).Bind(4, period);
  const int rc = s.Step();
  if (rc == SQLITE_DONE) {
    s.Reset();
    return std::optional<OfficialCheck>();
  }
  if (rc != SQLITE_ROW) {
    s.Reset();
    return db.StepError(rc);
  }
  OfficialCheck c;
  c.value = s.Real(0);
  c.currency = s.Text(1);
  c.basis = s.Text(2);
  c.reporter = s.Text(3);
  c.source_name = s.Text(4);
  c.url = s.Text(5);
  s.Reset();
  const UsdValue ann = ToUsd(rates, *a.value, a.currency, a.year);
  const UsdValue off = ToUsd(rates, c.value, c.currency, *a.year);
  c.announced_usd = ann.usd;
  c.official_usd = off.usd;
  double difference = 0, base = 0;
  if (a.currency == c.currency) {
    // one currency: compared as published, converted only for the dollar column
    difference = *a.value - c.value;
    base = c.value;
    if (ann.usd && off.usd) c.difference_usd = *ann.usd - *off.usd;
  } else {
    c.converted = true;
    if (!ann.usd || !off.usd) {
      c.note = !ann.usd ? ann.note : off.note;
      return std::optional<OfficialCheck>(std::move(c));
    }
    difference = *ann.usd - *off.usd;
    base = *off.usd;
    c.difference_usd = difference;
  }
  if (a.value_max && *a.value > 0 && difference < 0) {
    // A range («от 300 до 500 млн») differs from the official figure by its nearer bound: nothing when the
    // official figure lies inside it, else by how far it lies beyond the upper bound (`difference` is the
    // lower bound's). The dollar columns follow.
    const double over = difference + (difference + base) * (*a.value_max / *a.value - 1.0);
    const double nearer = over > 0 ? 0.0 : over;
    if (c.difference_usd) c.difference_usd = *c.difference_usd * (nearer / difference);
    difference = nearer;
  }
  if (base > 0) {
    c.difference_percent = difference / base * 100.0;
    // «более 500 млн» claims only a lower bound, «почти 500 млн» an upper one.
    const double t = options.threshold_percent;
    const double pct = *c.difference_percent;
    if (a.value_max) {
      c.contradicted = std::fabs(pct) > t;  // measured from the nearer bound above
    } else if (a.qualifier == "more_than") {
      c.contradicted = pct > t;  // the official figure is far below the claimed floor
    } else if (a.qualifier == "less_than") {
      c.contradicted = pct < -t;
    } else {
      c.contradicted = std::fabs(pct) > t;
    }
  }
  return std::optional<OfficialCheck>(std::move(c));
}

Result<std::vector<OfficialFigure>> OfficialFiguresOf(Db& db, std::string_view party, size_t limit) {
  auto q = db.Prepare(
      "SELECT reporter, partner, party_a, party_b, year, period, flow, value, currency, source_name, url "
      "FROM official_figures WHERE party_a = ?1 OR party_b = ?1 "
      "ORDER BY year DESC, period, party_a, party_b, reporter, flow LIMIT ?2");
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, party).Bind(2, static_cast<int64_t>(limit));
  std::vector<OfficialFigure> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back({std::string(s.Text(0)), std::string(s.Text(1)), std::string(s.Text(2)), std::string(s.Text(3)),
                   s.Int(4), std::string(s.Text(5)), std::string(s.Text(6)), s.Real(7), std::string(s.Text(8)),
                   std::string(s.Text(9)), std::string(s.Text(10))});
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  return out;
}

}  // namespace oborot::kb
