// oborot export: every merged fact, one row per fact, for spreadsheets
// (CSV data or an Excel workbook with facts, sources and participants
// sheets) and notebooks (JSONL: one line per fact with an `evidence` list),
// filtered by party, type, status and period.
#include <fstream>
#include <iostream>
#include <regex>

#include "src/cli/command.h"
#include "src/cli/sheets.h"
#include "src/cli/table.h"
#include "src/kb/names.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"
#include "src/lang/gazetteer.h"

namespace oborot::cli {
namespace {

struct ExportOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  std::string format = "jsonl";  // --format csv|jsonl|xlsx
  std::string out;               // --out FILE, else standard output
  bool excel = false;            // --excel: CSV for a Russian-locale Excel
  bool raw_csv = false;          // --raw-csv: CSV text as stored (no formula guard)
  std::string sources;           // --sources FILE: CSV of every fact's sources
  std::string participants;      // --participants FILE: CSV of meeting participants
  std::string party;             // --party CODE|NAME
  std::string type;              // --type TYPE
  std::string status;            // --status actual|target
  std::string from, to;          // --from/--to YYYY, YYYY-MM or YYYY-MM-DD
};

bool Fail(const std::string& message) {
  std::cerr << "oborot: " << message << "\n";
  return false;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ExportOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  app.add_option("--format", o->format, "jsonl, csv or xlsx (default jsonl)")
      ->check(CLI::IsMember({"csv", "jsonl", "xlsx"}));
  app.add_option("--out,-o", o->out, "write to FILE instead of standard output");
  app.add_flag("--excel", o->excel, "CSV for a Russian-locale Excel: UTF-8 BOM, ';' between fields, decimal comma");
  app.add_flag("--raw-csv", o->raw_csv, kRawCsvHelp);
  app.add_option("--sources", o->sources, "with --format csv: also write every fact's sources to this CSV file");
  app.add_option("--participants", o->participants,
                 "with --format csv: also write the meetings' participants to this CSV file");
  app.add_option("--party", o->party, "only facts with this party on either side (a code or a name)");
  app.add_option("--type", o->type, "only facts of this type (turnover, trade_flow, meeting, ...)")
      ->check(CLI::IsMember({"turnover", "turnover_change", "turnover_share", "trade_flow", "meeting", "organization",
                             "sector", "project"}));
  app.add_option("--status", o->status, "only figures of this status")->check(CLI::IsMember({"actual", "target"}));
  const std::regex when("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$");
  auto date_check = CLI::Validator(
      [when](std::string& v) {
        return std::regex_match(v, when) ? std::string() : "\"" + v + "\" is not YYYY, YYYY-MM or YYYY-MM-DD";
      },
      "DATE");
  app.add_option("--from", o->from, "only facts of this year or date and later (a figure's year, a meeting's date)")
      ->check(date_check);
  app.add_option("--to", o->to, "only facts of this year or date and earlier")->check(date_check);
  return [o]() -> int {
    if ((!o->sources.empty() || !o->participants.empty()) && o->format != "csv") {
      Fail("--sources and --participants go with --format csv (a workbook has them as sheets; JSONL inline)");
      return kExitUsage;
    }
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    auto names = kb::PartyNames::Load();
    if (!names.ok()) {
      std::cerr << "oborot: " << names.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    const kb::PartyNames& n = *names;
    const NameOf name{[&n](std::string_view c) { return n.Name(c); }, kb::Lang::kRu};
    kb::ExportFilter filter{"", o->type, o->status, o->from, o->to};
    if (!o->party.empty()) {
      auto gazetteer = lang::Gazetteer::Load();
      std::shared_ptr<const lang::Gazetteer> gaz = gazetteer.ok() ? *gazetteer : nullptr;
      kb::PartyResolver resolver = [&n, gaz](std::string_view form) -> std::optional<std::string> {
        if (gaz) {
          if (auto code = gaz->Resolve(form)) return code;
        }
        return n.Resolve(form);
      };
      auto code = kb::ResolveParty((*store)->db(), o->party, resolver);
      if (!code.ok()) {
        std::cerr << "oborot: --party: " << code.status().ToString() << "\n";
        return kExitUsage;
      }
      filter.party = *code;
    }
    if (!o->from.empty() && !o->to.empty() && kb::DateRange{o->from, o->to}.to_date() < kb::DateRange{o->from, o->to}.from_date()) {
      Fail("--to " + o->to + " is before --from " + o->from);
      return kExitUsage;
    }

    if (o->format == "xlsx") {
      const std::string path = XlsxPath(o->out);
      if (path.empty()) return kExitUsage;
      auto book = out::XlsxWriter::Create(path);
      if (!book.ok()) return FinishXlsxOutput(o->out, path, book.status());
      const size_t facts = (*book)->AddSheet("facts", FactColumns());
      const size_t sources = (*book)->AddSheet("sources", SourceColumns());
      const size_t people = (*book)->AddSheet("participants", ParticipantColumns());
      // `fact` numbers the merged facts in export order, as in CSV below.
      int64_t fact = 0;
      auto numbered = [&fact](out::Row r) {
        if (!r.empty()) r[0] = out::Cell(fact);
        return r;
      };
      Status st = kb::ExportFacts(
          (*store)->db(),
          [&](const kb::Figure& f) {
            ++fact;
            (*book)->Add(facts, numbered(FactCells(f, name)));
            for (const auto& s : f.evidence) (*book)->Add(sources, SourceCells(fact, s));
            for (const auto& r : ParticipantRows(f, name)) (*book)->Add(people, numbered(r));
            return true;
          },
          filter);
      if (st.ok()) st = (*book)->Close();
      return FinishXlsxOutput(o->out, path, st);
    }

    OutputTarget target;
    if (!target.Open(o->out)) return kExitUsage;
    std::ostream* out = &target.stream();
    const bool csv = o->format == "csv";
    const out::CsvOptions dialect{.excel = o->excel, .raw = o->raw_csv};
    std::optional<out::CsvWriter> facts_csv;
    std::ofstream sources_file, participants_file;
    std::optional<out::CsvWriter> sources_csv, participants_csv;
    if (csv) {
      facts_csv.emplace(*out, FactColumns(), dialect);
      if (!o->sources.empty()) {
        sources_file.open(o->sources, std::ios::binary);
        if (!sources_file) return Fail(o->sources + ": cannot open for writing"), kExitUsage;
        sources_csv.emplace(sources_file, SourceColumns(), dialect);
      }
      if (!o->participants.empty()) {
        participants_file.open(o->participants, std::ios::binary);
        if (!participants_file) return Fail(o->participants + ": cannot open for writing"), kExitUsage;
        participants_csv.emplace(participants_file, ParticipantColumns(), dialect);
      }
    }
    // `fact` numbers the merged facts in export order (not the database's
    // group ids, which follow the order documents were ingested in), so two
    // databases of the same documents export the same file.
    int64_t fact = 0;
    auto numbered = [&fact](out::Row r) {
      if (!r.empty()) r[0] = out::Cell(fact);
      return r;
    };
    Status st = kb::ExportFacts(
        (*store)->db(),
        [&](const kb::Figure& f) {
          ++fact;
          if (!csv) {
            *out << kb::ToJson(f).dump() << '\n';
            return static_cast<bool>(*out);
          }
          facts_csv->Add(numbered(FactCells(f, name)));
          if (sources_csv) {
            for (const auto& s : f.evidence) sources_csv->Add(SourceCells(fact, s));
          }
          if (participants_csv) {
            for (const auto& r : ParticipantRows(f, name)) participants_csv->Add(numbered(r));
          }
          return static_cast<bool>(*out);
        },
        filter);
    out->flush();
    if (!st.ok()) {
      std::cerr << "oborot: " << st.message() << "\n";
      return kExitSomeFailed;
    }
    for (auto [stream, path] : {std::pair<std::ostream*, std::string>{out, o->out.empty() ? "standard output" : o->out},
                                {&sources_file, o->sources},
                                {&participants_file, o->participants}}) {
      if (path.empty()) continue;
      stream->flush();
      if (!*stream) {
        std::cerr << "oborot: " << path << ": write failed\n";
        return kExitSomeFailed;
      }
    }
    return kExitOk;
  };
}

const Registrar kReg("export", "export every fact (one row each) with its sources as JSONL, CSV or an Excel workbook",
                     Setup);

}  // namespace
}  // namespace oborot::cli
