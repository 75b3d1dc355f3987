#include "src/cli/sheets.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "src/cli/command.h"
#include "src/kb/names.h"
#include "src/lang/sectors.h"

namespace oborot::cli {
namespace {

using out::Cell;
using out::Column;
using out::ColumnType;
using out::OptCell;
using out::Row;
using out::TextCell;

constexpr ColumnType kText = ColumnType::kText;
constexpr ColumnType kCode = ColumnType::kCode;
constexpr ColumnType kInt = ColumnType::kInteger;
constexpr ColumnType kMoney = ColumnType::kMoney;
constexpr ColumnType kPct = ColumnType::kPercent;
constexpr ColumnType kDate = ColumnType::kDate;
constexpr ColumnType kBool = ColumnType::kBool;
constexpr ColumnType kUrl = ColumnType::kUrl;
constexpr ColumnType kNum = ColumnType::kNumber;

void Append(std::vector<Column>& to, std::initializer_list<Column> cols) { to.insert(to.end(), cols); }
void Append(Row& to, std::initializer_list<Cell> cells) { to.insert(to.end(), cells); }

// party_a, party_a_name, party_b, party_b_name
void PairColumns(std::vector<Column>& c) {
  Append(c, {{"party_a", kCode}, {"party_a_name", kText}, {"party_b", kCode}, {"party_b_name", kText}});
}
void PairCells(Row& r, std::string_view a, std::string_view b, const NameOf& name) {
  Append(r, {TextCell(a), TextCell(name(a)), TextCell(b), TextCell(name(b))});
}

// PREFIX_value, _value_max, _currency, _qualifier, _year, _period of an optional figure
// (_value_max: a range's upper bound, _value then its lower one; empty for one figure).
void FigureColumns(std::vector<Column>& c, const std::string& p) {
  Append(c, {{p + "_value", kMoney},
             {p + "_value_max", kMoney},
             {p + "_currency", kCode},
             {p + "_qualifier", kCode},
             {p + "_year", kInt},
             {p + "_period", kCode}});
}
void FigureCells(Row& r, const std::optional<kb::Figure>& f) {
  if (!f) {
    r.resize(r.size() + 6);
    return;
  }
  Append(r, {OptCell(f->value), OptCell(f->value_max), TextCell(f->currency), TextCell(f->qualifier), OptCell(f->year), TextCell(f->period)});
}

// The official comparison of an actual figure.
void OfficialColumns(std::vector<Column>& c) {
  Append(c, {{"official_value", kMoney},
             {"official_currency", kCode},
             {"official_basis", kCode},
             {"official_reporter", kCode},
             {"official_source", kText},
             {"official_url", kUrl},
             {"announced_usd", kMoney},
             {"official_usd", kMoney},
             {"difference_usd", kMoney},
             {"difference_percent", kPct},
             {"converted", kBool},
             {"contradicted", kBool},
             {"comparison_note", kText}});
}
void OfficialCells(Row& r, const std::optional<kb::OfficialCheck>& c) {
  if (!c) {
    r.resize(r.size() + 13);
    return;
  }
  Append(r, {c->value, TextCell(c->currency), TextCell(c->basis), TextCell(c->reporter), TextCell(c->source_name),
             TextCell(c->url), OptCell(c->announced_usd), OptCell(c->official_usd), OptCell(c->difference_usd),
             OptCell(c->difference_percent), c->converted, c->contradicted, TextCell(c->note)});
}

}  // namespace

std::string NameOf::Sector(std::string_view id) const {
  return std::string(lang == kb::Lang::kEn ? lang::SectorNameEn(id) : lang::SectorNameRu(id));
}

NameOf LoadNameOf(kb::Lang lang) {
  auto names = kb::PartyNames::Load();
  if (!names.ok()) return {nullptr, lang};
  auto shared = std::make_shared<kb::PartyNames>(std::move(*names));
  if (lang == kb::Lang::kEn) return {[shared](std::string_view code) { return shared->NameEn(code); }, lang};
  return {[shared](std::string_view code) { return shared->Name(code); }, lang};
}

std::string ParticipantsText(const std::string& json) {
  auto a = nlohmann::json::parse(json, nullptr, false);
  if (!a.is_array()) return {};
  std::string s;
  for (const auto& p : a) {
    if (!p.is_object()) continue;
    std::string one = p.value("name", "");
    std::string details;
    if (p.contains("role") && p["role"].is_string()) details = p["role"].get<std::string>();
    if (p.contains("party") && p["party"].is_string()) {
      details += (details.empty() ? "" : ", ") + p["party"].get<std::string>();
    }
    if (!details.empty()) one += " (" + details + ")";
    s += (s.empty() ? "" : "; ") + one;
  }
  return s;
}

std::vector<Column> FactColumns() {
  std::vector<Column> c{{"fact", kInt}, {"type", kCode}};
  PairColumns(c);
  Append(c, {{"status", kCode},
             {"year", kInt},
             {"period", kCode},
             {"value", kMoney},
             {"value_max", kMoney},
             {"currency", kCode},
             {"qualifier", kCode},
             {"percent", kPct},
             {"sectoral", kBool},
             {"sector", kCode},
             {"sector_name", kText},
             {"from", kCode},
             {"to", kCode},
             {"date", kDate},
             {"place", kText},
             {"name", kText},
             {"country", kCode},
             {"quantity", kNum},
             {"unit", kText},
             {"participants", kText},
             {"speaker", kText},
             {"announced", kDate},
             {"sources", kInt},
             {"first_published", kDate},
             {"last_published", kDate},
             {"conflict", kBool},
             {"forecast", kBool},
             {"forecast_by", kText}});
  return c;
}

Row FactCells(const kb::Figure& f, const NameOf& name) {
  Row r{f.group, f.type};
  PairCells(r, f.party_a, f.party_b, name);
  Append(r, {TextCell(f.status), OptCell(f.year), TextCell(f.period), OptCell(f.value), OptCell(f.value_max),
             TextCell(f.currency), TextCell(f.qualifier), OptCell(f.percent), f.sectoral, TextCell(f.sector),
             TextCell(name.Sector(f.sector)), TextCell(f.flow_from), TextCell(f.flow_to), TextCell(f.date),
             TextCell(f.place), TextCell(f.name), TextCell(f.country), OptCell(f.quantity), TextCell(f.unit),
             TextCell(ParticipantsText(f.participants)), TextCell(f.speaker), TextCell(f.announced), f.sources,
             TextCell(f.first_published), TextCell(f.last_published), f.conflict, f.forecast,
             TextCell(f.forecast_by)});
  return r;
}

std::vector<Column> SourceColumns() {
  return {{"fact", kInt},   {"doc", kCode},     {"published", kDate}, {"title", kText}, {"url", kUrl},
          {"speaker", kText}, {"quote", kText}, {"start", kInt},      {"end", kInt}};
}

Row SourceCells(int64_t fact, const kb::Source& s) {
  return {fact,
          TextCell(s.doc),
          TextCell(s.published),
          TextCell(s.title),
          TextCell(s.url),
          TextCell(s.speaker),
          TextCell(s.quote),
          OptCell(s.start),
          OptCell(s.end)};
}

std::vector<Column> ParticipantColumns() {
  return {{"fact", kInt}, {"date", kDate},  {"place", kText},      {"name", kText},
          {"role", kText}, {"party", kCode}, {"party_name", kText}};
}

std::vector<Row> ParticipantRows(const kb::Figure& f, const NameOf& name) {
  std::vector<Row> rows;
  if (f.participants.empty()) return rows;
  auto a = nlohmann::json::parse(f.participants, nullptr, false);
  if (!a.is_array()) return rows;
  for (const auto& p : a) {
    if (!p.is_object()) continue;
    auto str = [&](const char* k) {
      return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : std::string();
    };
    const std::string party = str("party");
    rows.push_back({f.group, TextCell(f.date), TextCell(f.place), TextCell(str("name")), TextCell(str("role")),
                    TextCell(party), TextCell(name(party))});
  }
  return rows;
}

out::Sheet PartiesSheet(const std::vector<kb::PartnerRow>& rows, const NameOf& name) {
  out::Sheet s{"parties", {}, {}};
  auto& c = s.columns;
  PairColumns(c);
  FigureColumns(c, "actual");
  Append(c, {{"actual_sources", kInt}});
  OfficialColumns(c);
  FigureColumns(c, "target");
  Append(c, {{"target_speaker", kText},
             {"target_announced", kDate},
             {"gap_percent", kPct},
             {"gap_converted", kBool},
             {"gap_note", kText},
             {"gap_basis", kCode},
             {"gap_year", kInt},
             {"gap_bound", kCode},
             {"exports_value", kMoney},
             {"exports_currency", kCode},
             {"imports_value", kMoney},
             {"imports_currency", kCode},
             {"flows_year", kInt},
             {"flows_period", kCode},
             {"balance", kMoney},
             {"balance_currency", kCode},
             {"documents", kInt},
             {"facts", kInt},
             {"last_meeting_date", kDate},
             {"last_meeting_place", kText},
             {"belarus", kBool}});
  for (const auto& p : rows) {
    Row r;
    PairCells(r, p.party_a, p.party_b, name);
    FigureCells(r, p.actual);
    r.push_back(p.actual ? Cell(p.actual->sources) : Cell());
    OfficialCells(r, p.actual ? p.actual->official : std::nullopt);
    FigureCells(r, p.target);
    const kb::Figure* flows = p.exports ? &*p.exports : p.imports ? &*p.imports : nullptr;
    std::string balance_currency;
    if (p.balance) {
      balance_currency = p.exports->currency == p.imports->currency ? p.exports->currency : "USD";
    }
    Append(r, {p.target ? TextCell(p.target->speaker) : Cell(), p.target ? TextCell(p.target->announced) : Cell(),
               OptCell(p.gap_percent), p.gap_converted, TextCell(p.gap_note), TextCell(p.gap_basis),
               OptCell(p.gap_year), TextCell(p.gap_bound),
               p.exports ? OptCell(p.exports->value) : Cell(), p.exports ? TextCell(p.exports->currency) : Cell(),
               p.imports ? OptCell(p.imports->value) : Cell(), p.imports ? TextCell(p.imports->currency) : Cell(),
               flows ? OptCell(flows->year) : Cell(), flows ? TextCell(flows->period) : Cell(), OptCell(p.balance),
               TextCell(balance_currency), p.documents, p.facts,
               p.last_meeting ? TextCell(p.last_meeting->date) : Cell(),
               p.last_meeting ? TextCell(p.last_meeting->place) : Cell(), p.belarus});
    s.rows.push_back(std::move(r));
  }
  return s;
}

out::Sheet TargetsSheet(const std::vector<kb::TargetRow>& rows, const NameOf& name) {
  out::Sheet s{"targets", {}, {}};
  auto& c = s.columns;
  PairColumns(c);
  Append(c, {{"value", kMoney},
             {"value_max", kMoney},
             {"currency", kCode},
             {"qualifier", kCode},
             {"year", kInt},
             {"period", kCode},
             {"speaker", kText},
             {"announced", kDate},
             {"sources", kInt},
             {"forecast", kBool},
             {"forecast_by", kText}});
  FigureColumns(c, "actual");
  Append(c, {{"progress_percent", kPct},
             {"progress_converted", kBool},
             {"progress_note", kText},
             {"progress_basis", kCode},
             {"progress_bound", kCode}});
  for (const auto& t : rows) {
    Row r;
    PairCells(r, t.target.party_a, t.target.party_b, name);
    Append(r, {OptCell(t.target.value), OptCell(t.target.value_max), TextCell(t.target.currency), TextCell(t.target.qualifier),
               OptCell(t.target.year), TextCell(t.target.period), TextCell(t.target.speaker),
               TextCell(t.target.announced), t.target.sources, t.target.forecast, TextCell(t.target.forecast_by)});
    FigureCells(r, t.actual);
    Append(r, {OptCell(t.progress_percent), t.progress_converted, TextCell(t.progress_note),
               TextCell(t.progress_basis), TextCell(t.progress_bound)});
    s.rows.push_back(std::move(r));
  }
  return s;
}

out::Sheet ConflictsSheet(const std::vector<kb::ConflictRow>& rows, const NameOf& name) {
  out::Sheet s{"conflicts", {{"conflict", kInt}, {"fact", kInt}, {"type", kCode}}, {}};
  auto& c = s.columns;
  PairColumns(c);
  Append(c, {{"status", kCode},
             {"year", kInt},
             {"period", kCode},
             {"value", kMoney},
             {"value_max", kMoney},
             {"currency", kCode},
             {"qualifier", kCode},
             {"percent", kPct},
             {"doc", kCode},
             {"published", kDate},
             {"speaker", kText},
             {"quote", kText},
             {"url", kUrl}});
  int64_t n = 0;
  for (const auto& row : rows) {
    ++n;
    for (const auto& f : row.figures) {
      for (const auto& src : f.evidence) {
        Row r{n, f.group, f.type};
        PairCells(r, f.party_a, f.party_b, name);
        Append(r, {TextCell(f.status), OptCell(f.year), TextCell(f.period), OptCell(f.value),
                   OptCell(f.value_max), TextCell(f.currency), TextCell(f.qualifier), OptCell(f.percent), TextCell(src.doc), TextCell(src.published),
                   TextCell(src.speaker), TextCell(src.quote), TextCell(src.url)});
        s.rows.push_back(std::move(r));
      }
    }
  }
  return s;
}

out::Sheet SearchSheet(const std::vector<kb::SearchHit>& hits) {
  out::Sheet s{"search",
               {{"doc", kCode},
                {"published", kDate},
                {"title", kText},
                {"url", kUrl},
                {"snippet", kText},
                {"rank", kNum},
                {"facts", kInt},
                {"fact_summary", kText}},
               {}};
  for (const auto& h : hits) {
    std::string facts;
    for (const auto& f : h.facts) facts += (facts.empty() ? "" : "; ") + kb::FactSummary(f);
    s.rows.push_back({TextCell(h.doc), TextCell(h.published), TextCell(h.title), TextCell(h.url), TextCell(h.snippet),
                      h.rank, static_cast<int64_t>(h.facts.size()), TextCell(facts)});
  }
  return s;
}

std::vector<out::Sheet> DossierSheets(const kb::Dossier& d, const NameOf& name) {
  std::vector<out::Sheet> book;
  auto facts = [&](const char* title, const std::vector<kb::Figure>& v, bool official) {
    out::Sheet s{title, FactColumns(), {}};
    if (official) OfficialColumns(s.columns);
    for (const auto& f : v) {
      Row r = FactCells(f, name);
      if (official) OfficialCells(r, f.official);
      s.rows.push_back(std::move(r));
    }
    book.push_back(std::move(s));
  };
  facts("figures", d.figures, true);
  facts("targets", d.targets, false);
  facts("changes", d.changes, false);
  facts("flows", d.flows, false);
  {
    out::Sheet s{"official", {{"reporter", kCode}, {"partner", kCode}}, {}};
    PairColumns(s.columns);
    Append(s.columns, {{"year", kInt},
                       {"period", kCode},
                       {"flow", kCode},
                       {"value", kMoney},
                       {"currency", kCode},
                       {"source", kText},
                       {"url", kUrl}});
    for (const auto& o : d.official) {
      Row r{o.reporter, o.partner};
      PairCells(r, o.party_a, o.party_b, name);
      Append(r, {o.year, o.period, o.flow, o.value, o.currency, TextCell(o.source_name), TextCell(o.url)});
      s.rows.push_back(std::move(r));
    }
    book.push_back(std::move(s));
  }
  facts("meetings", d.meetings, false);
  {
    out::Sheet s{"participants", ParticipantColumns(), {}};
    for (const auto& m : d.meetings) {
      for (auto& r : ParticipantRows(m, name)) s.rows.push_back(std::move(r));
    }
    book.push_back(std::move(s));
  }
  facts("organisations", d.organisations, false);
  facts("sectors", d.sectors, false);
  facts("projects", d.projects, false);
  {
    out::Sheet s{"sources", SourceColumns(), {}};
    Append(s.columns, {{"type", kCode}});
    for (const auto& src : d.sources) {
      Row r = SourceCells(0, src);
      r[0] = Cell();  // the dossier's sources are per document, not per merged fact
      r.push_back(TextCell(src.type));
      s.rows.push_back(std::move(r));
    }
    book.push_back(std::move(s));
  }
  return book;
}

std::string XlsxPath(const std::string& out_path) {
  if (!out_path.empty()) return out_path;
  if (isatty(STDOUT_FILENO)) {
    std::cerr << "oborot: --format xlsx writes a binary workbook: give --out FILE.xlsx or redirect standard output\n";
    return {};
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/oborot-XXXXXX.xlsx";
  const int fd = mkstemps(templ.data(), 5);
  if (fd < 0) {
    std::cerr << "oborot: " << templ << ": cannot create a temporary file\n";
    return {};
  }
  close(fd);
  return templ;
}

int FinishXlsxOutput(const std::string& out_path, const std::string& written, const Status& st) {
  if (!st.ok()) {
    std::cerr << "oborot: " << st.ToString() << "\n";
    if (out_path.empty()) std::remove(written.c_str());
    return kExitSomeFailed;
  }
  if (out_path.empty()) {
    std::ifstream in(written, std::ios::binary);
    std::cout << in.rdbuf();
    std::cout.flush();
    std::remove(written.c_str());
    if (!std::cout) {
      std::cerr << "oborot: standard output: write failed\n";
      return kExitSomeFailed;
    }
  }
  return kExitOk;
}

int EmitSheets(const std::vector<out::Sheet>& sheets, const OutputOptions& o) {
  if (o.format() == OutputFormat::kXlsx) {
    const std::string path = XlsxPath(o.out);
    if (path.empty()) return kExitUsage;
    return FinishXlsxOutput(o.out, path, out::WriteXlsx(sheets, path));
  }
  OutputTarget target;
  if (!target.Open(o.out)) return kExitUsage;
  out::WriteCsv(sheets, {.excel = o.excel, .raw = o.raw_csv}, target.stream());
  target.stream().flush();
  if (!target.stream()) {
    std::cerr << "oborot: " << (o.out.empty() ? "standard output" : o.out) << ": write failed\n";
    return kExitSomeFailed;
  }
  return kExitOk;
}

int EmitOutput(const OutputOptions& o, const Table& table, const std::vector<nlohmann::ordered_json>& json_rows,
               const std::vector<out::Sheet>& sheets, const std::string& note) {
  const OutputFormat format = o.format();
  if (format == OutputFormat::kCsv || format == OutputFormat::kXlsx) {
    const int rc = EmitSheets(sheets, o);
    if (rc == kExitOk && !note.empty()) std::cerr << "oborot: " << note << "\n";
    return rc;
  }
  OutputTarget target;
  if (!target.Open(o.out)) return kExitUsage;
  Emit(target.stream(), o, table, json_rows, note);
  target.stream().flush();
  if (!target.stream()) {
    std::cerr << "oborot: " << (o.out.empty() ? "standard output" : o.out) << ": write failed\n";
    return kExitSomeFailed;
  }
  return kExitOk;
}

}  // namespace oborot::cli
