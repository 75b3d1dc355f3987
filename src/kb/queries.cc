#include "src/kb/queries.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "oborot/document.h"
#include "src/kb/fts.h"
#include "src/kb/merge.h"
#include "src/kb/store.h"

namespace oborot::kb {
namespace {

constexpr const char* kGroupCols =
    "g.id, g.type, g.party_a, g.party_b, g.status, g.year, g.period, g.sectoral, g.sector, g.currency, g.value, "
    "g.percent, g.date, g.name, g.sources, g.first_published, g.last_published, g.conflict";
// The group's detail source (see fact_groups.detail_fact in the schema),
// from `fact_groups g LEFT JOIN facts df ON df.id = g.detail_fact`.
constexpr const char* kDetailCols =
    "df.speaker, df.qualifier, df.place, df.participants, df.country, df.quantity, df.unit, g.announced, df.flow_from, "
    "df.flow_to, json_extract(df.json, '$.forecast'), json_extract(df.json, '$.forecast_by'), json_extract(df.json, '$.value_max')";

// The stored flag, tested again with the store's definition (CanDisagree,
// store.h): a file last written by an oborot before migration 0004, opened
// read-only, still holds flags on shares of "one side's foreign trade".

Figure ReadGroup(const Stmt& s, int c = 0) {
  Figure f;
  f.group = s.Int(c + 0);
  f.type = s.Text(c + 1);
  f.party_a = s.Text(c + 2);
  f.party_b = s.Text(c + 3);
  f.status = s.Text(c + 4);
  f.year = s.OptInt(c + 5);
  f.period = s.Text(c + 6);
  // A money figure that names no period is a whole year's, as merging and every query take it
  // (coalesce(period, 'year')): said, so that a spreadsheet filter on period = year keeps it.
  if (f.period.empty() && (f.type == "turnover" || f.type == "trade_flow")) f.period = "year";
  f.sectoral = s.Int(c + 7) != 0;
  f.sector = s.Text(c + 8);
  f.currency = s.Text(c + 9);
  f.value = s.OptReal(c + 10);
  f.percent = s.OptReal(c + 11);
  f.date = s.Text(c + 12);
  f.name = s.Text(c + 13);
  f.sources = s.Int(c + 14);
  f.first_published = s.Text(c + 15);
  f.last_published = s.Text(c + 16);
  f.conflict = s.Int(c + 17) != 0 && CanDisagree(f.type, f.name, f.year.has_value());
  return f;
}

constexpr int kGroupColCount = 18;

// The upper bound of a range, read from the fact line's value_max (the store
// keeps the line whole, so no column is needed): kept only when above the
// group's value, which is the range's lower bound.
void SetValueMax(Figure& f, std::optional<double> max) {
  if (f.value && max && *max > *f.value) f.value_max = max;
}

// Speaker, qualifier and the other per-source details from the detail
// columns at `c` (kDetailCols): those of the first source that names a
// speaker, else the earliest source.
void ReadDetails(const Stmt& s, int c, Figure& f) {
  f.speaker = s.Text(c + 0);
  f.qualifier = s.Text(c + 1);
  f.place = s.Text(c + 2);
  f.participants = s.Text(c + 3);
  f.country = s.Text(c + 4);
  f.quantity = s.OptReal(c + 5);
  f.unit = s.Text(c + 6);
  f.announced = s.Text(c + 7);
  f.flow_from = s.Text(c + 8);
  f.flow_to = s.Text(c + 9);
  f.forecast = s.OptInt(c + 10).value_or(0) != 0;
  f.forecast_by = s.Text(c + 11);
  SetValueMax(f, s.OptReal(c + 12));
  if (f.type == "meeting" && !f.date.empty() && f.speaker.empty()) f.announced = f.date;
}

Status FillEvidence(Db& db, Figure& f) {
  auto q = db.Prepare(
      "SELECT d.doc_id, d.title, d.url, d.published, f.quote, f.start, f.end, f.speaker, f.type "
      "FROM facts f JOIN documents d ON d.id = f.document_id "
      "WHERE f.group_id = ? ORDER BY d.published IS NULL, d.published, d.doc_id, f.id");
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, f.group);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    f.evidence.push_back({std::string(s.Text(0)), std::string(s.Text(1)), std::string(s.Text(2)),
                          std::string(s.Text(3)), std::string(s.Text(4)), s.OptInt(5), s.OptInt(6),
                          std::string(s.Text(7)), std::string(s.Text(8))});
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  return Status::Ok();
}

// Runs a group query (its SELECT list must be kGroupCols) with text binds.
Result<std::vector<Figure>> Groups(Db& db, const std::string& sql, const std::vector<std::string>& binds, int64_t limit,
                                   bool evidence = false) {
  auto q = db.Prepare(sql);
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  int i = 1;
  for (const auto& b : binds) s.Bind(i++, b);
  s.Bind(i, limit);
  std::vector<Figure> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back(ReadGroup(s));
    ReadDetails(s, kGroupColCount, out.back());
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  if (evidence) {
    for (auto& f : out) {
      if (Status st = FillEvidence(db, f); !st.ok()) return st;
    }
  }
  return out;
}

// A group query: kGroupCols, then kDetailCols.
std::string Select(std::string_view where_order) {
  return std::string("SELECT ") + kGroupCols + ", " + kDetailCols +
         " FROM fact_groups g LEFT JOIN facts df ON df.id = g.detail_fact " + std::string(where_order);
}

// The latest whole-year, whole-trade actual figure: the newest year, else a
// figure whose year the article did not give (newest source first), shown
// with «год не указан» rather than dropped. Sectoral figures never count.
// Two statements, so that the dated one walks the (party_a, party_b, type,
// status, year) index from its newest year instead of sorting every figure.
const std::string kLatestDatedActual = Select(
    "WHERE g.party_a = ? AND g.party_b = ? AND g.type = 'turnover' AND g.status = 'actual' AND g.year IS NOT NULL "
    "AND g.sectoral = 0 AND coalesce(g.period, 'year') = 'year' ORDER BY g.year DESC, g.sources DESC, g.value DESC "
    "LIMIT ?");
const std::string kLatestYearlessActual = Select(
    "WHERE g.party_a = ? AND g.party_b = ? AND g.type = 'turnover' AND g.status = 'actual' AND g.year IS NULL "
    "AND g.sectoral = 0 AND coalesce(g.period, 'year') = 'year' "
    "ORDER BY g.last_published IS NULL, g.last_published DESC, g.sources DESC, g.value DESC LIMIT ?");
// The latest goal: forecasts (their keys end in "|forecast") are not targets anyone set.
const std::string kLatestTarget = Select(
    "WHERE g.party_a = ? AND g.party_b = ? AND g.type = 'turnover' AND g.status = 'target' AND g.sectoral = 0 "
    "AND g.key NOT LIKE '%|forecast' "
    "ORDER BY g.last_published DESC, g.year DESC, g.value DESC LIMIT ?");
const std::string kLastMeeting = Select(
    "WHERE g.party_a = ? AND g.party_b = ? AND g.type = 'meeting' AND g.date IS NOT NULL ORDER BY g.date DESC, g.key "
    "LIMIT ?");

Result<std::optional<Figure>> One(Db& db, const std::string& sql, const std::string& a, const std::string& b) {
  auto r = Groups(db, sql, {a, b}, 1);
  if (!r.ok()) return r.status();
  if (r->empty()) return std::optional<Figure>();
  return std::optional<Figure>(std::move(r->front()));
}

// A pair's whole-year actual figure of one year (the best supported).
const std::string kActualOfYear = Select(
    "WHERE g.party_a = ? AND g.party_b = ? AND g.type = 'turnover' AND g.status = 'actual' "
    "AND g.year = CAST(? AS INTEGER) AND g.sectoral = 0 AND coalesce(g.period, 'year') = 'year' "
    "ORDER BY g.sources DESC, g.value DESC LIMIT ?");

// The latest whole-year actual figure of a pair: dated, else year-less.
Result<std::optional<Figure>> LatestActual(Db& db, const std::string& a, const std::string& b) {
  auto dated = One(db, kLatestDatedActual, a, b);
  if (!dated.ok() || dated->has_value()) return dated;
  return One(db, kLatestYearlessActual, a, b);
}

struct RatioResult {
  std::optional<double> ratio;
  bool converted = false;
  std::string note;  // why ratio is missing although both figures are there
};

bool IsBelarusSide(std::string_view code) { return code == "BY" || code.rfind("BY-", 0) == 0; }

// actual / target, in one currency: as given, else both in US dollars at
// their years' average rates (a target's horizon year, else the year it was
// announced in, as its rate).
RatioResult Ratio(const std::optional<Figure>& actual, const std::optional<Figure>& target, const RateTable& rates) {
  RatioResult r;
  if (!actual || !target || !actual->value || !target->value || *target->value == 0) return r;
  if (actual->currency == target->currency) {
    r.ratio = *actual->value / *target->value;
    if (!std::isfinite(*r.ratio)) r.ratio.reset();  // a target of 1e-300 is no target (no «∞ %»)
    return r;
  }
  r.converted = true;
  const UsdValue a = ToUsd(rates, *actual->value, actual->currency, actual->year);
  std::optional<int64_t> target_year = target->year;
  if (target_year && !rates.Rate(target->currency, *target_year) && target->announced.size() >= 4) {
    target_year = std::stoll(target->announced.substr(0, 4));
  }
  const UsdValue t = ToUsd(rates, *target->value, target->currency, target_year);
  if (!a.usd || !t.usd || *t.usd == 0) {
    r.note = !a.usd ? a.note : t.note;
    return r;
  }
  r.ratio = *a.usd / *t.usd;
  if (!std::isfinite(*r.ratio)) r.ratio.reset();  // a target of 1e-300 is no target (no «∞ %»)
  return r;
}

}  // namespace

std::string ProgressBound(const Figure& actual, const Figure& target) {
  // +1: the true progress is at least the computed one; -1: at most.
  int up = 0, down = 0;
  bool approx = false;
  auto side = [&](std::string_view qualifier, int more) {
    if (qualifier == "more_than") (more > 0 ? up : down) = 1;
    if (qualifier == "less_than") (more > 0 ? down : up) = 1;
    if (qualifier == "approx") approx = true;
  };
  side(actual.qualifier, +1);  // more actual than said: more progress
  side(target.qualifier, -1);  // a larger target than said: less progress
  // A range is measured by its lower bound (`value`), which it claims at least.
  if (actual.value_max) side("more_than", +1);
  if (target.value_max) side("more_than", -1);
  if (approx || (up && down)) return "approx";
  if (up) return "at_least";
  if (down) return "at_most";
  return "";
}

std::string OppositeBound(std::string_view bound) {
  if (bound == "at_least") return "at_most";
  if (bound == "at_most") return "at_least";
  return std::string(bound);
}

std::string_view BoundSign(std::string_view bound) {
  if (bound == "at_least") return "≥ ";
  if (bound == "at_most") return "≤ ";
  if (bound == "approx") return "≈ ";
  return "";
}

std::optional<int64_t> YearOfDate(std::string_view date) {
  if (date.size() < 4 || !std::all_of(date.begin(), date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoll(std::string(date.substr(0, 4)));
}

std::optional<int64_t> AsOfYear(const Figure& f) {
  if (f.year) return f.year;
  return YearOfDate(f.last_published.empty() ? f.first_published : f.last_published);
}

namespace {

// What a target is measured against. A target for a year before the
// latest actual's is judged by that year's own figure (a 2022 target against
// 2025's trade says nothing about whether 2022's was met); with no figure
// for its year it gets no progress at all rather than a misleading one.
struct Measured {
  std::optional<Figure> actual;  // the figure compared with (the latest when none is)
  RatioResult ratio;
  std::string basis;  // see TargetRow::progress_basis
  std::string bound;  // see TargetRow::progress_bound
};

Result<Measured> MeasureTarget(Db& db, const Figure& target, const std::optional<Figure>& latest,
                               const RateTable& rates) {
  Measured m;
  m.actual = latest;
  if (!latest) return m;
  m.basis = "latest";
  if (target.year && latest->year && *latest->year > *target.year) {
    auto own = Groups(db, kActualOfYear, {target.party_a, target.party_b, std::to_string(*target.year)}, 1);
    if (!own.ok()) return own.status();
    if (own->empty()) {
      m.basis = "target_passed";
      m.ratio.note = "no figure for " + std::to_string(*target.year) + ", the target's year, which the latest (" +
                     std::to_string(*latest->year) + ") is past";
      return m;
    }
    m.actual = std::move(own->front());
    m.basis = "target_year";
  } else if (target.year && latest->year && *latest->year == *target.year) {
    m.basis = "target_year";
  }
  if (m.basis == "latest") {
    // A target announced years after the latest figure (a 2025 goal against a figure of 2013, or one with no
    // year from an article of 2013) gets no progress: the trade of a decade ago says nothing of whether the
    // goal is on track.
    const std::optional<int64_t> as_of = AsOfYear(*latest);
    const std::optional<int64_t> announced = YearOfDate(target.announced);
    if (as_of && announced && *as_of < *announced - kStaleYears) {
      m.basis = "actual_stale";
      m.ratio.note = "the latest figure (" + std::to_string(*as_of) + ") is older than the target (announced " +
                     std::to_string(*announced) + ")";
      return m;
    }
  }
  m.ratio = Ratio(m.actual, std::optional<Figure>(target), rates);
  if (m.ratio.ratio) m.bound = ProgressBound(*m.actual, target);
  return m;
}

// The latest year's exports and imports of the Belarusian side of a pair
// (trade_flow facts, actual, whole year or the same period) and their balance.
Status FillFlows(Db& db, PartnerRow& row, const RateTable& rates);

bool LooksLikeCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 7) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0])) || !std::isalpha(static_cast<unsigned char>(s[1]))) return false;
  if (s.size() == 2) return true;
  if (s[2] != '-' || s.size() < 4) return false;
  return std::all_of(s.begin() + 3, s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

void PutOpt(nlohmann::ordered_json& j, const char* key, const std::string& v) {
  j[key] = v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v);
}

Status FillFlows(Db& db, PartnerRow& row, const RateTable& rates) {
  auto flows = Groups(db,
                      Select("WHERE g.party_a = ? AND g.party_b = ? AND g.type = 'trade_flow' AND g.status = 'actual' "
                             "AND g.year IS NOT NULL ORDER BY g.year DESC, g.sources DESC, g.id DESC LIMIT ?"),
                      {row.party_a, row.party_b}, 200);
  if (!flows.ok()) return flows.status();
  // The newest year (and period) with an export, and an import when there is one that year.
  for (const Figure& f : *flows) {
    const bool out = IsBelarusSide(f.flow_from);
    std::optional<Figure>& slot = out ? row.exports : row.imports;
    const std::optional<Figure>& other = out ? row.imports : row.exports;
    if (slot) continue;
    if (other && (other->year != f.year || other->period != f.period)) continue;
    slot = f;
  }
  if (row.exports && row.imports && row.exports->value && row.imports->value) {
    if (row.exports->currency == row.imports->currency) {
      row.balance = *row.exports->value - *row.imports->value;
    } else {
      const UsdValue e = ToUsd(rates, *row.exports->value, row.exports->currency, row.exports->year);
      const UsdValue i = ToUsd(rates, *row.imports->value, row.imports->currency, row.imports->year);
      if (e.usd && i.usd) row.balance = *e.usd - *i.usd;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> ResolveParty(Db& db, std::string_view input, const PartyResolver& resolver) {
  std::string trimmed(input);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.erase(0, 1);
  if (LooksLikeCode(trimmed)) {
    std::string code = trimmed;
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    auto q = db.Prepare(
        "SELECT 1 FROM fact_groups WHERE party_a = ?1 UNION ALL "
        "SELECT 1 FROM fact_groups WHERE party_b = ?1 LIMIT 1");
    if (!q.ok()) return q.status();
    (*q)->Bind(1, code);
    const int rc = (*q)->Step();
    (*q)->Reset();
    if (rc == SQLITE_ROW) return code;
    if (rc != SQLITE_DONE) return db.StepError(rc);
    if (resolver) {
      if (auto known = resolver(code)) return *known;
      // A code neither stored nor in the gazetteer is a typo (RU-VRN for RU-VOR), not a
      // partner without trade: an error, where an empty dossier would read as "no trade".
      return Status(StatusCode::kNotFound,
                    "no party has the code \"" + code + "\"; use a code such as RU-VOR or a name");
    }
    return code;  // no gazetteer to check against: a well-formed code gives its (empty) dossier
  }
  if (resolver) {
    if (auto code = resolver(trimmed)) return *code;
  }
  return Status(StatusCode::kNotFound, "no party matches \"" + trimmed + "\"; use a code such as RU-VOR or a name");
}

Result<std::vector<PartnerRow>> Parties(Db& db, size_t limit, const CompareOptions& compare) {
  auto rates = RateTable::Load(db);
  if (!rates.ok()) return rates.status();
  std::vector<PartnerRow> rows;
  {
    auto q =
        db.Prepare("SELECT party_a, party_b, documents, facts FROM pairs ORDER BY documents DESC, party_a, party_b");
    if (!q.ok()) return q.status();
    int rc;
    while ((rc = (*q)->Step()) == SQLITE_ROW) {
      PartnerRow r;
      r.party_a = (*q)->Text(0);
      r.party_b = (*q)->Text(1);
      r.documents = (*q)->Int(2);
      r.facts = (*q)->Int(3);
      rows.push_back(std::move(r));
    }
    (*q)->Reset();
    if (rc != SQLITE_DONE) return db.StepError(rc);
  }
  // Pairs with a figure or a meeting first, then by documents.
  for (auto& r : rows) {
    auto actual = LatestActual(db, r.party_a, r.party_b);
    if (!actual.ok()) return actual.status();
    r.actual = std::move(*actual);
    auto target = One(db, kLatestTarget, r.party_a, r.party_b);
    if (!target.ok()) return target.status();
    r.target = std::move(*target);
    auto meeting = One(db, kLastMeeting, r.party_a, r.party_b);
    if (!meeting.ok()) return meeting.status();
    r.last_meeting = std::move(*meeting);
    if (r.target) {
      auto measured = MeasureTarget(db, *r.target, r.actual, *rates);
      if (!measured.ok()) return measured.status();
      const RatioResult& ratio = measured->ratio;
      if (ratio.ratio) r.gap_percent = (1.0 - *ratio.ratio) * 100.0;
      r.gap_converted = ratio.converted;
      r.gap_note = ratio.note;
      r.gap_basis = measured->basis;
      if (measured->actual && measured->basis != "target_passed" && measured->basis != "actual_stale") {
        r.gap_year = measured->actual->year;
      }
      r.gap_bound = OppositeBound(measured->bound);
    }
    if (r.actual) {
      auto check = CheckAgainstOfficial(db, *r.actual, *rates, compare);
      if (!check.ok()) return check.status();
      r.actual->official = std::move(*check);
    }
    if (Status st = FillFlows(db, r, *rates); !st.ok()) return st;
  }
  auto belarusian = [](std::string_view code) { return code == "BY" || code.substr(0, 3) == "BY-"; };
  for (auto& r : rows) r.belarus = belarusian(r.party_a) || belarusian(r.party_b);
  std::stable_sort(rows.begin(), rows.end(), [](const PartnerRow& a, const PartnerRow& b) {
    if (a.belarus != b.belarus) return a.belarus;
    return (a.actual || a.target) > (b.actual || b.target);
  });
  // `limit` rows of each group.
  std::vector<PartnerRow> out;
  size_t with = 0, without = 0;
  for (auto& r : rows) {
    size_t& n = r.belarus ? with : without;
    if (n++ < limit) out.push_back(std::move(r));
  }
  return out;
}

namespace {

// Moves the sources of figures[i] onto figures[into] (see FoldYearless).
void FoldInto(Figure& d, const Figure& u) {
  d.sources += u.sources;
  d.merged.push_back(u.group);
  d.merged.insert(d.merged.end(), u.merged.begin(), u.merged.end());
  if (!u.first_published.empty() && (d.first_published.empty() || u.first_published < d.first_published))
    d.first_published = u.first_published;
  if (u.last_published > d.last_published) d.last_published = u.last_published;
  d.evidence.insert(d.evidence.end(), u.evidence.begin(), u.evidence.end());
}

// The participants' names of a meeting, sorted.
std::vector<std::string> ParticipantNames(const std::string& json) {
  std::vector<std::string> names;
  auto a = nlohmann::json::parse(json, nullptr, false);
  if (!a.is_array()) return names;
  for (const auto& p : a) {
    if (p.is_object() && p.contains("name") && p["name"].is_string()) names.push_back(p["name"].get<std::string>());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

void FoldUndatedMeetings(std::vector<Figure>& meetings) {
  std::vector<bool> gone(meetings.size(), false);
  for (size_t i = 0; i < meetings.size(); ++i) {
    const Figure& u = meetings[i];
    if (!u.date.empty()) continue;
    const auto names = ParticipantNames(u.participants);
    if (names.empty()) continue;  // nothing to tell it by
    std::optional<size_t> match;
    bool ambiguous = false;
    for (size_t j = 0; j < meetings.size(); ++j) {
      const Figure& d = meetings[j];
      if (d.date.empty() || gone[j] || d.party_a != u.party_a || d.party_b != u.party_b || d.place != u.place) continue;
      if (ParticipantNames(d.participants) != names) continue;
      if (match) ambiguous = true;
      match = j;
    }
    if (!match || ambiguous) continue;
    FoldInto(meetings[*match], u);
    gone[i] = true;
  }
  size_t k = 0;
  for (size_t i = 0; i < meetings.size(); ++i) {
    if (!gone[i]) {
      if (k != i) meetings[k] = std::move(meetings[i]);
      ++k;
    }
  }
  meetings.resize(k);
}

void FoldYearless(std::vector<Figure>& figures) {
  auto same_kind = [](const Figure& a, const Figure& b) {
    return a.type == b.type && a.party_a == b.party_a && a.party_b == b.party_b && a.status == b.status &&
           a.sectoral == b.sectoral && a.sector == b.sector && a.currency == b.currency && a.forecast == b.forecast &&
           a.flow_from == b.flow_from && a.flow_to == b.flow_to &&
           (a.period.empty() ? "year" : a.period) == (b.period.empty() ? "year" : b.period);
  };
  auto money = [](const Figure& f) { return f.type == "turnover" || f.type == "trade_flow"; };
  auto figure = [&](const Figure& f) { return money(f) ? f.value : f.percent; };
  std::vector<bool> gone(figures.size(), false);
  for (size_t i = 0; i < figures.size(); ++i) {
    const Figure& u = figures[i];
    if (u.year || !figure(u)) continue;
    std::optional<size_t> match;
    bool ambiguous = false;
    for (size_t j = 0; j < figures.size(); ++j) {
      const Figure& d = figures[j];
      if (!d.year || gone[j] || !figure(d) || !same_kind(u, d)) continue;
      if (!SameFigure(*figure(u), *figure(d), !money(u))) continue;
      if (match && figures[*match].year != d.year) ambiguous = true;
      if (!match) match = j;
    }
    if (!match || ambiguous) continue;
    FoldInto(figures[*match], u);
    gone[i] = true;
  }
  size_t k = 0;
  for (size_t i = 0; i < figures.size(); ++i) {
    if (!gone[i]) {
      if (k != i) figures[k] = std::move(figures[i]);
      ++k;
    }
  }
  figures.resize(k);
}

Result<Dossier> Show(Db& db, std::string_view party, size_t limit, const CompareOptions& compare) {
  auto rates = RateTable::Load(db);
  if (!rates.ok()) return rates.status();
  // Section sizes are counted up to this many: enough to say what was cut.
  constexpr int64_t kMaxCounted = 10000;
  Dossier d;
  d.party = party;
  const std::string p(party);
  const auto lim = static_cast<int64_t>(limit);
  const std::string who = "WHERE (g.party_a = ?1 OR g.party_b = ?1) ";
  struct Part {
    std::vector<Figure>* out;
    std::string sql;
    bool evidence;
  };
  const Part parts[] = {
      {&d.figures,
       Select(who + "AND g.type = 'turnover' AND g.status = 'actual' ORDER BY g.year IS NULL, g.year DESC, g.sectoral, "
                    "g.sources DESC, "
                    "g.key, g.value DESC LIMIT ?2"),
       false},
      {&d.targets,
       Select(who +
              "AND g.type = 'turnover' AND g.status = 'target' ORDER BY g.last_published DESC, g.year DESC, g.key, "
              "g.value LIMIT ?2"),
       false},
      {&d.changes,
       Select(who + "AND g.type IN ('turnover_change', 'turnover_share') ORDER BY g.year DESC, g.sources DESC, g.type, "
                    "g.key, g.percent LIMIT ?2"),
       false},
      // By content to the last key, never by id (ids follow the ingest order).
      {&d.flows,
       Select(who + "AND g.type = 'trade_flow' ORDER BY g.year IS NULL, g.year DESC, g.status, df.flow_from, "
                    "g.sources DESC, g.key, g.value DESC LIMIT ?2"),
       false},
      {&d.meetings, Select(who + "AND g.type = 'meeting' ORDER BY g.date DESC, g.last_published DESC, g.key LIMIT ?2"),
       false},
      {&d.organisations, Select(who + "AND g.type = 'organization' ORDER BY g.sources DESC, g.name, g.key LIMIT ?2"),
       false},
      {&d.sectors, Select(who + "AND g.type = 'sector' ORDER BY g.sources DESC, g.name, g.key LIMIT ?2"), false},
      {&d.projects, Select(who + "AND g.type = 'project' ORDER BY g.last_published DESC, g.name, g.key LIMIT ?2"),
       false},
  };
  for (const Part& part : parts) {
    auto r = Groups(db, part.sql, {p}, lim, part.evidence);
    if (!r.ok()) return r.status();
    *part.out = std::move(*r);
  }
  // Section sizes before the limit, so that a reader is told what was cut.
  const std::pair<const char*, const char*> counts[] = {
      {"figures", "g.type = 'turnover' AND g.status = 'actual'"},
      {"targets", "g.type = 'turnover' AND g.status = 'target'"},
      {"changes", "g.type IN ('turnover_change', 'turnover_share')"},
      {"flows", "g.type = 'trade_flow'"},
      {"meetings", "g.type = 'meeting'"},
      {"organisations", "g.type = 'organization'"},
      {"sectors", "g.type = 'sector'"},
      {"projects", "g.type = 'project'"},
  };
  std::vector<Figure>* lists[] = {&d.figures, &d.targets,       &d.changes, &d.flows,
                                  &d.meetings, &d.organisations, &d.sectors, &d.projects};
  for (size_t i = 0; i < std::size(counts); ++i) {
    auto q = db.Prepare(std::string("SELECT count(*) FROM (SELECT 1 FROM fact_groups g WHERE (g.party_a = ?1 OR "
                                    "g.party_b = ?1) AND ") +
                        counts[i].second + " LIMIT " + std::to_string(kMaxCounted) + ")");
    if (!q.ok()) return q.status();
    (*q)->Bind(1, p);
    const int rc = (*q)->Step();
    if (rc != SQLITE_ROW) return db.StepError(rc);
    int64_t total = (*q)->Int(0);
    (*q)->Reset();
    if (i < 5) {
      // Year-less reports of a dated figure, undated ones of a dated meeting, count once, with it.
      const size_t before = lists[i]->size();
      if (i < 4) {
        FoldYearless(*lists[i]);
      } else {
        FoldUndatedMeetings(*lists[i]);
      }
      total -= static_cast<int64_t>(before - lists[i]->size());
    }
    d.totals.emplace_back(counts[i].first, total);
  }
  // Official figures beside the announced ones (after folding, so that a
  // year-less report folded into its year is compared once, as that year's).
  for (Figure& f : d.figures) {
    auto check = CheckAgainstOfficial(db, f, *rates, compare);
    if (!check.ok()) return check.status();
    f.official = std::move(*check);
  }
  auto official = OfficialFiguresOf(db, party, limit);
  if (!official.ok()) return official.status();
  d.official = std::move(*official);
  auto q = db.Prepare(
      "SELECT d.doc_id, d.title, d.url, d.published, f.quote, f.start, f.end, f.speaker, f.type "
      "FROM doc_parties p JOIN documents d ON d.id = p.document_id JOIN facts f ON f.document_id = p.document_id "
      "WHERE p.party = ?1 AND (f.party_a = ?1 OR f.party_b = ?1) "
      "ORDER BY p.published DESC, p.doc_id, f.id LIMIT ?2");
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, p).Bind(2, lim);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    d.sources.push_back({std::string(s.Text(0)), std::string(s.Text(1)), std::string(s.Text(2)), std::string(s.Text(3)),
                         std::string(s.Text(4)), s.OptInt(5), s.OptInt(6), std::string(s.Text(7)),
                         std::string(s.Text(8))});
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  {
    // Counted up to a cap, so that a party of a million facts costs no full scan.
    auto n = db.Prepare(
        "SELECT count(*) FROM (SELECT 1 FROM doc_parties p JOIN facts f ON f.document_id = p.document_id "
        "WHERE p.party = ?1 AND (f.party_a = ?1 OR f.party_b = ?1) LIMIT " +
        std::to_string(kMaxCounted) + ")");
    if (!n.ok()) return n.status();
    (*n)->Bind(1, p);
    const int rc2 = (*n)->Step();
    if (rc2 != SQLITE_ROW) return db.StepError(rc2);
    d.totals.emplace_back("sources", (*n)->Int(0));
    (*n)->Reset();
  }
  return d;
}

Result<std::vector<TargetRow>> Targets(Db& db, size_t limit, const CompareOptions& compare) {
  auto rates = RateTable::Load(db);
  if (!rates.ok()) return rates.status();
  auto targets = Groups(db,
                        Select("WHERE g.type = 'turnover' AND g.status = 'target' "
                               "ORDER BY g.last_published DESC, g.year DESC, g.key, g.value LIMIT ?"),
                        {}, static_cast<int64_t>(limit));
  if (!targets.ok()) return targets.status();
  std::map<std::pair<std::string, std::string>, std::optional<Figure>> actuals;
  std::vector<TargetRow> rows;
  for (auto& t : *targets) {
    TargetRow r;
    const auto key = std::make_pair(t.party_a, t.party_b);
    auto it = actuals.find(key);
    if (it == actuals.end()) {
      auto a = LatestActual(db, t.party_a, t.party_b);
      if (!a.ok()) return a.status();
      if (*a) {
        auto check = CheckAgainstOfficial(db, **a, *rates, compare);
        if (!check.ok()) return check.status();
        (*a)->official = std::move(*check);
      }
      it = actuals.emplace(key, std::move(*a)).first;
    }
    auto measured = MeasureTarget(db, t, it->second, *rates);
    if (!measured.ok()) return measured.status();
    r.actual = std::move(measured->actual);
    if (r.actual && it->second && r.actual->group != it->second->group) {
      // The target year's own figure, not the cached latest: compared with official data as well.
      auto check = CheckAgainstOfficial(db, *r.actual, *rates, compare);
      if (!check.ok()) return check.status();
      r.actual->official = std::move(*check);
    }
    r.target = std::move(t);
    const RatioResult& ratio = measured->ratio;
    if (ratio.ratio) r.progress_percent = *ratio.ratio * 100.0;
    r.progress_converted = ratio.converted;
    r.progress_note = ratio.note;
    r.progress_basis = measured->basis;
    r.progress_bound = measured->bound;
    rows.push_back(std::move(r));
  }
  return rows;
}

Result<std::vector<ConflictRow>> Conflicts(Db& db, size_t limit) {
  std::vector<std::string> keys;
  {
    auto q =
        db.Prepare(std::string("SELECT key FROM fact_groups WHERE conflict = 1 AND ") + kCanDisagreeSql +
                   " GROUP BY key ORDER BY max(year) DESC, key LIMIT ?");
    if (!q.ok()) return q.status();
    (*q)->Bind(1, static_cast<int64_t>(limit));
    int rc;
    while ((rc = (*q)->Step()) == SQLITE_ROW) keys.emplace_back((*q)->Text(0));
    (*q)->Reset();
    if (rc != SQLITE_DONE) return db.StepError(rc);
  }
  std::vector<ConflictRow> rows;
  for (const auto& key : keys) {
    auto figures = Groups(
        db, Select("WHERE g.key = ? ORDER BY g.sources DESC, coalesce(g.value, g.percent), g.value, g.id LIMIT ?"),
        {key}, 100, true);
    if (!figures.ok()) return figures.status();
    rows.push_back({std::move(*figures)});
  }
  return rows;
}

Result<std::vector<SearchHit>> Search(Db& db, std::string_view text, size_t limit) {
  const std::vector<std::string> stems = QueryStems(text);
  if (stems.empty())
    return Status(StatusCode::kInvalidArgument, "nothing to search for in \"" + std::string(text) + "\"");
  std::vector<SearchHit> hits;
  std::vector<int64_t> ids;
  {
    // A document's stems are indexed in pieces (document_stems, fts.h), so
    // each stem is looked for in the whole document: the documents holding
    // every stem, ranked by the sum of each stem's best BM25 over the
    // document's pieces. For a document of one piece (every article) that
    // sum is exactly FTS5's BM25 of all the stems at once (a sum over the
    // query's terms, each term's IDF taken over the whole index).
    std::string sql = "WITH ";
    for (size_t i = 0; i < stems.size(); ++i) {
      const std::string t = "t" + std::to_string(i);
      sql += (i ? ", " : "") + t + "(doc, r) AS (SELECT c.document_id, min(documents_fts.rank) FROM documents_fts "
             "JOIN document_stems c ON c.id = documents_fts.rowid WHERE documents_fts MATCH ?" + std::to_string(i + 1) +
             " GROUP BY c.document_id)";
    }
    sql += " SELECT d.id, d.doc_id, d.title, d.published, d.url, d.text, ";
    for (size_t i = 0; i < stems.size(); ++i) sql += (i ? " + t" : "t") + std::to_string(i) + ".r";
    sql += " AS rank FROM t0";
    for (size_t i = 1; i < stems.size(); ++i) sql += " JOIN t" + std::to_string(i) + " USING (doc)";
    sql += " JOIN documents d ON d.id = t0.doc ORDER BY rank, d.id LIMIT ?" + std::to_string(stems.size() + 1);
    auto q = db.Prepare(sql);
    if (!q.ok()) return q.status();
    Stmt& s = **q;
    for (size_t i = 0; i < stems.size(); ++i) s.Bind(static_cast<int>(i + 1), FtsTerm(stems[i]));
    s.Bind(static_cast<int>(stems.size() + 1), static_cast<int64_t>(limit));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      SearchHit h;
      ids.push_back(s.Int(0));
      h.doc = s.Text(1);
      h.title = s.Text(2);
      h.published = s.Text(3);
      h.url = s.Text(4);
      h.snippet = Snippet(s.Text(5), text, 160);
      h.rank = s.Real(6);
      hits.push_back(std::move(h));
    }
    s.Reset();
    if (rc != SQLITE_DONE) return db.StepError(rc);
  }
  for (size_t i = 0; i < hits.size(); ++i) {
    auto q = db.Prepare("SELECT json FROM facts WHERE document_id = ? ORDER BY id");
    if (!q.ok()) return q.status();
    (*q)->Bind(1, ids[i]);
    int rc;
    while ((rc = (*q)->Step()) == SQLITE_ROW) {
      hits[i].facts.push_back(nlohmann::json::parse((*q)->Text(0), nullptr, /*allow_exceptions=*/false));
    }
    (*q)->Reset();
    if (rc != SQLITE_DONE) return db.StepError(rc);
  }
  return hits;
}

Status ExportFacts(Db& db, const std::function<bool(const Figure&)>& row, const ExportFilter& filter) {
  std::string where;
  std::vector<std::string> binds;
  auto add = [&](const std::string& cond, const std::string& value) {
    where += (where.empty() ? " WHERE " : " AND ") + cond;
    binds.push_back(value);
  };
  if (!filter.party.empty()) {
    where += " WHERE (g.party_a = ?" + std::to_string(binds.size() + 1) + " OR g.party_b = ?" +
             std::to_string(binds.size() + 1) + ")";
    binds.push_back(filter.party);
  }
  if (!filter.type.empty()) add("g.type = ?" + std::to_string(binds.size() + 1), filter.type);
  if (!filter.status.empty()) add("g.status = ?" + std::to_string(binds.size() + 1), filter.status);
  // The date range is the commands' (DateRange::Contains, on each merged fact as read), so that `export --from`
  // selects what `show --from` shows.
  const DateRange range{filter.from, filter.to};
  auto q = db.PrepareOnce(
      std::string("SELECT ") + kGroupCols +
      ", d.doc_id, d.title, d.url, d.published, f.quote, f.start, f.end, f.speaker, f.type, f.qualifier, f.place, "
      "f.participants, f.country, f.quantity, f.unit, f.flow_from, f.flow_to, json_extract(f.json, '$.forecast'), "
      "json_extract(f.json, '$.forecast_by'), json_extract(f.json, '$.value_max') "
      "FROM facts f JOIN fact_groups g ON g.id = f.group_id JOIN documents d ON d.id = f.document_id" +
      where +
      // By content, not by id: ids follow the ingest order, the export must not.
      " ORDER BY g.key, coalesce(g.value, g.percent), g.id, d.published IS NULL, d.published, d.doc_id, f.id");
  if (!q.ok()) return q.status();
  Stmt& s = *q;
  for (size_t i = 0; i < binds.size(); ++i) s.Bind(static_cast<int>(i + 1), binds[i]);
  std::optional<Figure> cur;
  int rc;
  const int c = kGroupColCount;
  while ((rc = s.Step()) == SQLITE_ROW) {
    const int64_t group = s.Int(0);
    if (cur && cur->group != group) {
      if (range.Contains(*cur) && !row(*cur)) return Status::Ok();
      cur.reset();
    }
    if (!cur) {
      cur = ReadGroup(s);
      cur->qualifier = s.Text(c + 9);
      cur->place = s.Text(c + 10);
      cur->participants = s.Text(c + 11);
      cur->country = s.Text(c + 12);
      cur->quantity = s.OptReal(c + 13);
      cur->unit = s.Text(c + 14);
      cur->flow_from = s.Text(c + 15);
      cur->flow_to = s.Text(c + 16);
      cur->forecast = s.OptInt(c + 17).value_or(0) != 0;
      cur->forecast_by = s.Text(c + 18);
      SetValueMax(*cur, s.OptReal(c + 19));
      cur->announced = s.Text(c + 3);
    }
    Source src{std::string(s.Text(c + 0)),
               std::string(s.Text(c + 1)),
               std::string(s.Text(c + 2)),
               std::string(s.Text(c + 3)),
               std::string(s.Text(c + 4)),
               s.OptInt(c + 5),
               s.OptInt(c + 6),
               std::string(s.Text(c + 7)),
               std::string(s.Text(c + 8))};
    if (cur->speaker.empty() && !src.speaker.empty()) {
      cur->speaker = src.speaker;
      cur->announced = src.published;
    }
    cur->evidence.push_back(std::move(src));
  }
  if (rc != SQLITE_DONE) return db.StepError(rc);
  if (cur && range.Contains(*cur)) row(*cur);
  return Status::Ok();
}

bool DateRange::ValidBound(std::string_view s) {
  auto digits = [&](size_t at, size_t n) {
    return std::all_of(s.begin() + static_cast<long>(at), s.begin() + static_cast<long>(at + n),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() == 4) return digits(0, 4);
  if (s.size() == 7) {
    return digits(0, 4) && s[4] == '-' && digits(5, 2) && s.substr(5, 2) >= "01" && s.substr(5, 2) <= "12";
  }
  return s.size() == 10 && Date::Parse(s).has_value();  // digits, dashes and a day the month has
}

std::string DateRange::from_date() const {
  if (from.size() == 4) return from + "-01-01";
  if (from.size() == 7) return from + "-01";
  return from;
}

std::string DateRange::to_date() const {
  if (to.size() == 4) return to + "-12-31";
  if (to.size() == 7) return to + "-31";  // compared as text: every day of the month is <= -31
  return to;
}

bool DateRange::Contains(std::string_view date) const {
  if (empty()) return true;
  if (date.empty()) return false;
  // A partial date ("2024") against the bounds cut to its length.
  const std::string f = from_date(), t = to_date();
  if (!f.empty() && date < std::string_view(f).substr(0, std::min(f.size(), date.size()))) return false;
  if (!t.empty() && date > std::string_view(t).substr(0, std::min(t.size(), date.size()))) return false;
  return true;
}

bool DateRange::Contains(const Figure& f) const {
  if (empty()) return true;
  if (f.year) return Contains(std::to_string(*f.year));
  if (!f.date.empty()) return Contains(f.date);
  if (!f.last_published.empty() && Contains(f.last_published)) return true;
  return !f.first_published.empty() && Contains(f.first_published);
}

// --- JSON -------------------------------------------------------------------

nlohmann::ordered_json ToJson(const Source& s) {
  nlohmann::ordered_json j;
  j["doc"] = s.doc;
  PutOpt(j, "title", s.title);
  PutOpt(j, "published", s.published);
  if (!s.url.empty()) j["url"] = s.url;
  if (!s.speaker.empty()) j["speaker"] = s.speaker;
  j["quote"] = s.quote;
  if (s.start) j["start"] = *s.start;
  if (s.end) j["end"] = *s.end;
  return j;
}

nlohmann::ordered_json ToJson(const Figure& f) {
  nlohmann::ordered_json j;
  j["type"] = f.type;
  auto parties = nlohmann::ordered_json::array();
  if (!f.party_a.empty()) parties.push_back(f.party_a);
  if (!f.party_b.empty()) parties.push_back(f.party_b);
  j["parties"] = std::move(parties);
  if (!f.status.empty()) j["status"] = f.status;
  if (f.value) j["value"] = *f.value;
  if (f.value && f.value_max) {
    // a range: both bounds, as in the fact contract (`value` is the lower one)
    j["value_min"] = *f.value;
    j["value_max"] = *f.value_max;
  }
  if (!f.currency.empty()) j["currency"] = f.currency;
  if (!f.qualifier.empty()) j["qualifier"] = f.qualifier;
  if (f.percent) j["percent"] = *f.percent;
  if (!f.flow_from.empty()) j["from"] = f.flow_from;
  if (!f.flow_to.empty()) j["to"] = f.flow_to;
  if (f.type == "turnover" || f.type == "turnover_change" || f.type == "turnover_share" || f.type == "trade_flow") {
    j["year"] = f.year ? nlohmann::ordered_json(*f.year) : nlohmann::ordered_json();
    if (!f.period.empty()) j["period"] = f.period;
    j["sectoral"] = f.sectoral;
  }
  if (!f.sector.empty()) j["sector"] = f.sector;
  if (!f.date.empty()) j["date"] = f.date;
  if (!f.place.empty()) j["place"] = f.place;
  if (!f.participants.empty()) j["participants"] = nlohmann::ordered_json::parse(f.participants, nullptr, false);
  if (!f.name.empty()) j["name"] = f.name;
  if (!f.country.empty()) j["country"] = f.country;
  if (f.quantity) j["quantity"] = *f.quantity;
  if (!f.unit.empty()) j["unit"] = f.unit;
  if (!f.speaker.empty()) j["speaker"] = f.speaker;
  if (f.type == "turnover" && f.status == "target") {
    j["forecast"] = f.forecast;
    if (f.forecast) PutOpt(j, "forecast_by", f.forecast_by);
  }
  PutOpt(j, "announced", f.announced);
  j["sources"] = f.sources;
  PutOpt(j, "first_published", f.first_published);
  PutOpt(j, "last_published", f.last_published);
  j["conflict"] = f.conflict;
  if (f.official) j["official"] = ToJson(*f.official);
  if (!f.evidence.empty()) {
    auto ev = nlohmann::ordered_json::array();
    for (const auto& s : f.evidence) ev.push_back(ToJson(s));
    j["evidence"] = std::move(ev);
  }
  return j;
}

nlohmann::ordered_json ToJson(const OfficialCheck& c) {
  nlohmann::ordered_json j;
  j["value"] = c.value;
  j["currency"] = c.currency;
  j["basis"] = c.basis;
  j["reporter"] = c.reporter;
  j["source"] = c.source_name;
  j["url"] = c.url;
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(); };
  j["announced_usd"] = opt(c.announced_usd);
  j["official_usd"] = opt(c.official_usd);
  j["difference_usd"] = opt(c.difference_usd);
  j["difference_percent"] = opt(c.difference_percent);
  j["converted"] = c.converted;
  if (!c.note.empty()) j["note"] = c.note;
  j["contradicted"] = c.contradicted;
  return j;
}

nlohmann::ordered_json ToJson(const OfficialFigure& o) {
  nlohmann::ordered_json j;
  j["reporter"] = o.reporter;
  j["partner"] = o.partner;
  j["parties"] = {o.party_a, o.party_b};
  j["year"] = o.year;
  j["period"] = o.period;
  j["flow"] = o.flow;
  j["value"] = o.value;
  j["currency"] = o.currency;
  j["source"] = o.source_name;
  j["url"] = o.url;
  return j;
}

nlohmann::ordered_json ToJson(const PartnerRow& r) {
  nlohmann::ordered_json j;
  j["parties"] = {r.party_a, r.party_b};
  j["belarus"] = r.belarus;
  j["actual"] = r.actual ? ToJson(*r.actual) : nlohmann::ordered_json();
  j["target"] = r.target ? ToJson(*r.target) : nlohmann::ordered_json();
  j["gap_percent"] = r.gap_percent ? nlohmann::ordered_json(*r.gap_percent) : nlohmann::ordered_json();
  if (r.gap_converted) j["gap_converted"] = true;
  if (!r.gap_note.empty()) j["gap_note"] = r.gap_note;
  if (!r.gap_basis.empty()) j["gap_basis"] = r.gap_basis;
  if (r.gap_year) j["gap_year"] = *r.gap_year;
  if (!r.gap_bound.empty()) j["gap_bound"] = r.gap_bound;
  j["exports"] = r.exports ? ToJson(*r.exports) : nlohmann::ordered_json();
  j["imports"] = r.imports ? ToJson(*r.imports) : nlohmann::ordered_json();
  j["balance"] = r.balance ? nlohmann::ordered_json(*r.balance) : nlohmann::ordered_json();
  j["documents"] = r.documents;
  j["facts"] = r.facts;
  j["last_meeting"] = r.last_meeting ? ToJson(*r.last_meeting) : nlohmann::ordered_json();
  return j;
}

nlohmann::ordered_json ToJson(const Dossier& d) {
  nlohmann::ordered_json j;
  j["party"] = d.party;
  auto list = [](const std::vector<Figure>& v) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& f : v) a.push_back(ToJson(f));
    return a;
  };
  j["figures"] = list(d.figures);
  j["targets"] = list(d.targets);
  j["changes"] = list(d.changes);
  j["flows"] = list(d.flows);
  auto official = nlohmann::ordered_json::array();
  for (const auto& o : d.official) official.push_back(ToJson(o));
  j["official"] = std::move(official);
  j["meetings"] = list(d.meetings);
  j["organisations"] = list(d.organisations);
  j["sectors"] = list(d.sectors);
  j["projects"] = list(d.projects);
  auto src = nlohmann::ordered_json::array();
  for (const auto& s : d.sources) src.push_back(ToJson(s));
  j["sources"] = std::move(src);
  nlohmann::ordered_json totals = nlohmann::ordered_json::object();
  for (const auto& [name, n] : d.totals) totals[name] = n;
  j["totals"] = std::move(totals);
  return j;
}

nlohmann::ordered_json ToJson(const TargetRow& r) {
  nlohmann::ordered_json j = ToJson(r.target);
  j["actual"] = r.actual ? ToJson(*r.actual) : nlohmann::ordered_json();
  j["progress_percent"] = r.progress_percent ? nlohmann::ordered_json(*r.progress_percent) : nlohmann::ordered_json();
  if (r.progress_converted) j["progress_converted"] = true;
  if (!r.progress_note.empty()) j["progress_note"] = r.progress_note;
  if (!r.progress_basis.empty()) j["progress_basis"] = r.progress_basis;
  if (!r.progress_bound.empty()) j["progress_bound"] = r.progress_bound;
  return j;
}

nlohmann::ordered_json ToJson(const ConflictRow& r) {
  nlohmann::ordered_json j;
  auto a = nlohmann::ordered_json::array();
  for (const auto& f : r.figures) a.push_back(ToJson(f));
  j["figures"] = std::move(a);
  return j;
}

nlohmann::ordered_json ToJson(const SearchHit& h) {
  nlohmann::ordered_json j;
  j["doc"] = h.doc;
  PutOpt(j, "title", h.title);
  PutOpt(j, "published", h.published);
  if (!h.url.empty()) j["url"] = h.url;
  j["snippet"] = h.snippet;
  j["rank"] = h.rank;
  auto facts = nlohmann::ordered_json::array();
  for (const auto& f : h.facts) facts.push_back(nlohmann::ordered_json::parse(f.dump()));
  j["facts"] = std::move(facts);
  return j;
}

}  // namespace oborot::kb
