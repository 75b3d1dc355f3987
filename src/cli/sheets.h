// The knowledge base's answers as typed sheets (src/out/sheet.h) for CSV and
// Excel output: numbers as numbers, codes and names in their own columns,
// empty cells for unknowns. The terminal tables stay in each cmd_<name>.cc.
//
//   out::Sheet s = PartiesSheet(rows, names);          // one row per pair
//   std::vector<out::Sheet> book = DossierSheets(dossier, names);   // one sheet per section
//   return EmitOutput(o->out, table, json, book);        // by --format, --excel, --out
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/cli/table.h"
#include "src/kb/queries.h"
#include "src/out/sheet.h"

namespace oborot::cli {

// Display names in one language: `name(code)` is a party code's name ("" when
// unknown), `name.Sector(id)` a sector id's (data/lexicons/sector_names.tsv).
struct NameOf {
  std::function<std::string(std::string_view)> party;
  kb::Lang lang = kb::Lang::kRu;

  std::string operator()(std::string_view code) const { return party ? party(code) : std::string(); }
  std::string Sector(std::string_view id) const;
};
// Names from data/gazetteers/parties.tsv (Russian, or English with --lang en);
// empty names when the data cannot load.
NameOf LoadNameOf(kb::Lang lang = kb::Lang::kRu);

// The columns every merged fact has (export's facts sheet, show's sections).
std::vector<out::Column> FactColumns();
out::Row FactCells(const kb::Figure& f, const NameOf& name);
// "Имя Фамилия (роль, BY); ..." from a participants JSON array.
std::string ParticipantsText(const std::string& json);

std::vector<out::Column> SourceColumns();      // fact, doc, published, title, url, speaker, quote, start, end
out::Row SourceCells(int64_t fact, const kb::Source& s);
std::vector<out::Column> ParticipantColumns();  // fact, date, place, name, role, party, party_name
std::vector<out::Row> ParticipantRows(const kb::Figure& f, const NameOf& name);

out::Sheet PartiesSheet(const std::vector<kb::PartnerRow>& rows, const NameOf& name);
out::Sheet TargetsSheet(const std::vector<kb::TargetRow>& rows, const NameOf& name);
out::Sheet ConflictsSheet(const std::vector<kb::ConflictRow>& rows, const NameOf& name);
out::Sheet SearchSheet(const std::vector<kb::SearchHit>& hits);
std::vector<out::Sheet> DossierSheets(const kb::Dossier& d, const NameOf& name);

// Writes the sheets as OutputOptions says (csv: one table, a `section`
// column when there are several sheets; xlsx: a workbook) to --out or
// standard output. Returns the exit status; errors are printed.
int EmitSheets(const std::vector<out::Sheet>& sheets, const OutputOptions& o);

// The one way a table command prints: csv and xlsx write `sheets` (typed
// cells), table, json and jsonl write `table` or `json_rows` (see Emit in
// table.h), to --out or standard output; `note` says what was left out.
int EmitOutput(const OutputOptions& o, const Table& table, const std::vector<nlohmann::ordered_json>& json_rows,
               const std::vector<out::Sheet>& sheets, const std::string& note = {});

// Opens where a workbook goes: --out, or a temporary file copied to standard
// output by FinishXlsxOutput (refused when standard output is a terminal).
// Returns the path to write, or "" after printing the error.
std::string XlsxPath(const std::string& out_path);
int FinishXlsxOutput(const std::string& out_path, const std::string& written, const Status& st);

}  // namespace oborot::cli
