#include "src/server/queries.h"

#include <array>

#include "src/base/data.h"

namespace oborot::server {
namespace {

// The columns of a merged fact, in the order ReadGroup reads them. The same
// shape as src/kb/queries.cc, which keeps its reader private.
constexpr const char* kGroupCols =
    "g.id, g.type, g.party_a, g.party_b, g.status, g.year, g.period, g.sectoral, g.sector, g.currency, g.value, "
    "g.percent, g.date, g.name, g.sources, g.first_published, g.last_published, g.conflict";

kb::Figure ReadGroup(const kb::Stmt& s) {
  kb::Figure f;
  f.group = s.Int(0);
  f.type = s.Text(1);
  f.party_a = s.Text(2);
  f.party_b = s.Text(3);
  f.status = s.Text(4);
  f.year = s.OptInt(5);
  f.period = s.Text(6);
  f.sectoral = s.Int(7) != 0;
  f.sector = s.Text(8);
  f.currency = s.Text(9);
  f.value = s.OptReal(10);
  f.percent = s.OptReal(11);
  f.date = s.Text(12);
  f.name = s.Text(13);
  f.sources = s.Int(14);
  f.first_published = s.Text(15);
  f.last_published = s.Text(16);
  f.conflict = s.Int(17) != 0;
  return f;
}

// Speaker, qualifier, place and the other per-source details from the first
// source that names a speaker (else the earliest), as kb::Show reports them.
Status FillDetails(kb::Db& db, kb::Figure& f) {
  auto q = db.Prepare(
      "SELECT f.speaker, f.qualifier, f.place, f.participants, f.country, f.quantity, f.unit, d.published, "
      "json_extract(f.json, '$.forecast'), json_extract(f.json, '$.forecast_by'), "
      "json_extract(f.json, '$.value_max') "
      "FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.group_id = ? "
      "ORDER BY f.speaker IS NULL, d.published IS NULL, d.published, d.doc_id, f.id LIMIT 1");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  s.Bind(1, f.group);
  const int rc = s.Step();
  if (rc == SQLITE_ROW) {
    f.speaker = s.Text(0);
    f.qualifier = s.Text(1);
    f.place = s.Text(2);
    f.participants = s.Text(3);
    f.country = s.Text(4);
    f.quantity = s.OptReal(5);
    f.unit = s.Text(6);
    f.announced = s.Text(7);
    f.forecast = s.OptInt(8).value_or(0) != 0;
    f.forecast_by = s.Text(9);
    // a range's upper bound (kb::Figure::value_max), above its lower bound `value`
    const std::optional<double> max = s.OptReal(10);
    if (f.value && max && *max > *f.value) f.value_max = max;
  }
  s.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db.StepError(rc);
  if (f.type == "meeting" && !f.date.empty() && f.speaker.empty()) f.announced = f.date;
  return Status::Ok();
}

}  // namespace

namespace {

Result<std::vector<PartyName>> LoadNames(std::string_view file) {
  auto text = data::Read(file);
  if (!text.ok()) return text.status();
  auto rows = data::ParseTsv(file, *text, 3);
  if (!rows.ok()) return rows.status();
  std::vector<PartyName> out;
  out.reserve(rows->size());
  for (auto& r : *rows) {
    PartyName n{r.cols[0], r.cols[1], r.cols[2], r.cols.size() > 3 ? r.cols[3] : "",
                r.cols.size() > 4 && r.cols[4] != "-" ? r.cols[4] : ""};
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

Result<std::vector<PartyName>> LoadPartyNames() { return LoadNames("gazetteers/parties.tsv"); }
Result<std::vector<PartyName>> LoadSectorNames() { return LoadNames("lexicons/sector_names.tsv"); }

bool IsFactType(std::string_view type) {
  static constexpr std::array<std::string_view, 8> kTypes = {
      "turnover", "turnover_change", "turnover_share", "meeting", "organization", "sector", "project", "trade_flow"};
  for (auto t : kTypes) {
    if (t == type) return true;
  }
  return false;
}

Status AddEvidence(kb::Db& db, kb::Figure& f, size_t limit) {
  auto q = db.Prepare(
      "SELECT d.doc_id, d.title, d.url, d.published, e.quote, e.start, e.end, f.speaker, f.type "
      "FROM facts f JOIN documents d ON d.id = f.document_id JOIN evidence e ON e.fact_id = f.id "
      "WHERE f.group_id = ? ORDER BY d.published IS NULL, d.published, d.doc_id, f.id LIMIT ?");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  f.evidence.clear();
  // The group's own sources, then those of the year-less reports folded into it (kb::FoldYearless).
  std::vector<int64_t> groups{f.group};
  groups.insert(groups.end(), f.merged.begin(), f.merged.end());
  for (int64_t g : groups) {
    if (f.evidence.size() >= limit) break;
    s.Bind(1, g).Bind(2, static_cast<int64_t>(limit - f.evidence.size()));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      f.evidence.push_back({std::string(s.Text(0)), std::string(s.Text(1)), std::string(s.Text(2)),
                            std::string(s.Text(3)), std::string(s.Text(4)), s.OptInt(5), s.OptInt(6),
                            std::string(s.Text(7)), std::string(s.Text(8))});
    }
    s.Reset();
    if (rc != SQLITE_DONE) return db.StepError(rc);
  }
  return Status::Ok();
}

namespace {

// The WHERE clause of Facts and CountFacts; ?1 party, ?2 type, ?3 year, ?5 from, ?6 to.
// Absent filters are bound as NULL, which the `?n IS NULL OR ...` terms let through.
constexpr const char* kFactWhere =
    " FROM fact_groups g WHERE (?1 IS NULL OR g.party_a = ?1 OR g.party_b = ?1) "
    "AND (?2 IS NULL OR g.type = ?2) "
    "AND (?3 IS NULL OR g.year = ?3 OR (g.year IS NULL AND substr(g.date, 1, 4) = printf('%04d', ?3))) "
    "AND (?5 IS NULL OR CASE WHEN g.year IS NOT NULL THEN g.year >= CAST(substr(?5, 1, 4) AS INTEGER) "
    "  WHEN g.date IS NOT NULL THEN g.date >= ?5 ELSE g.last_published >= ?5 END) "
    "AND (?6 IS NULL OR CASE WHEN g.year IS NOT NULL THEN g.year <= CAST(substr(?6, 1, 4) AS INTEGER) "
    "  WHEN g.date IS NOT NULL THEN g.date <= ?6 ELSE g.last_published <= ?6 END) ";

void BindFilter(kb::Stmt& s, const FactFilter& filter) {
  s.BindText(1, filter.party).BindText(2, filter.type).Bind(3, filter.year);
  s.BindText(5, filter.from).BindText(6, filter.to);
}

}  // namespace

Result<int64_t> CountFacts(kb::Db& db, const FactFilter& filter) {
  auto q = db.Prepare(std::string("SELECT count(*)") + kFactWhere);
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  BindFilter(s, filter);
  const int rc = s.Step();
  if (rc != SQLITE_ROW) return db.StepError(rc);
  const int64_t n = s.Int(0);
  s.Reset();
  return n;
}

Result<std::vector<kb::Figure>> Facts(kb::Db& db, const FactFilter& filter) {
  auto q = db.Prepare(std::string("SELECT ") + kGroupCols + kFactWhere +
                      "ORDER BY coalesce(g.year, CAST(substr(g.date, 1, 4) AS INTEGER)) DESC, g.last_published DESC, "
                      "g.key, coalesce(g.value, g.percent) LIMIT ?4 OFFSET ?7");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  BindFilter(s, filter);
  s.Bind(4, static_cast<int64_t>(filter.limit)).Bind(7, static_cast<int64_t>(filter.offset));
  std::vector<kb::Figure> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadGroup(s));
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  for (auto& f : out) {
    if (Status st = FillDetails(db, f); !st.ok()) return st;
    if (Status st = AddEvidence(db, f, filter.evidence_limit); !st.ok()) return st;
  }
  return out;
}

Result<std::optional<DocumentView>> GetDocument(kb::Db& db, std::string_view doc_id) {
  DocumentView d;
  int64_t row_id = 0;
  {
    auto q = db.Prepare("SELECT id, doc_id, title, url, published, source, text FROM documents WHERE doc_id = ?");
    if (!q.ok()) return q.status();
    kb::Stmt& s = **q;
    s.Bind(1, doc_id);
    const int rc = s.Step();
    if (rc == SQLITE_ROW) {
      row_id = s.Int(0);
      d.doc = s.Text(1);
      d.title = s.Text(2);
      d.url = s.Text(3);
      d.published = s.Text(4);
      d.source = s.Text(5);
      d.text = s.Text(6);
    }
    s.Reset();
    if (rc == SQLITE_DONE) return std::optional<DocumentView>();
    if (rc != SQLITE_ROW) return db.StepError(rc);
  }
  auto q = db.Prepare(
      "SELECT e.start, e.end, f.type, e.quote FROM evidence e JOIN facts f ON f.id = e.fact_id "
      "WHERE e.document_id = ? ORDER BY e.start IS NULL, e.start, e.end, e.id");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  s.Bind(1, row_id);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    d.spans.push_back({s.OptInt(0), s.OptInt(1), std::string(s.Text(2)), std::string(s.Text(3))});
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  return std::optional<DocumentView>(std::move(d));
}

std::string PublicSource(std::string_view source) {
  const bool absolute = source.starts_with('/') || source.starts_with('\\') ||
                        (source.size() > 2 && source[1] == ':' && (source[2] == '/' || source[2] == '\\'));
  if (!absolute) return std::string(source);
  const size_t slash = source.find_last_of("/\\");
  return std::string(source.substr(slash + 1));
}

nlohmann::ordered_json ToJson(const DocumentView& d) {
  nlohmann::ordered_json j;
  auto opt = [](const std::string& v) { return v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v); };
  j["doc"] = d.doc;
  j["title"] = opt(d.title);
  j["url"] = opt(d.url);
  j["published"] = opt(d.published);
  // Databases made before sources were stored relative to their input may
  // hold absolute paths of the machine that ingested: never shown.
  j["source"] = opt(PublicSource(d.source));
  j["text"] = d.text;
  auto spans = nlohmann::ordered_json::array();
  for (const auto& s : d.spans) {
    nlohmann::ordered_json sj;
    sj["start"] = s.start ? nlohmann::ordered_json(*s.start) : nlohmann::ordered_json();
    sj["end"] = s.end ? nlohmann::ordered_json(*s.end) : nlohmann::ordered_json();
    sj["type"] = s.type;
    sj["quote"] = s.quote;
    spans.push_back(std::move(sj));
  }
  j["spans"] = std::move(spans);
  return j;
}

Result<std::vector<std::string>> DocumentsOfParty(kb::Db& db, std::string_view party, size_t limit) {
  auto q = db.Prepare(
      "SELECT DISTINCT doc_id FROM doc_parties WHERE party = ?1 ORDER BY doc_id LIMIT ?2");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  s.Bind(1, party).Bind(2, static_cast<int64_t>(limit));
  std::vector<std::string> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.emplace_back(s.Text(0));
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  return out;
}

}  // namespace oborot::server
