// The knowledge base's answers as typed sheets (src/out/sheet.h) for CSV and
// Excel output: numbers as numbers, codes and names in their own columns,
// empty cells for unknowns. The terminal tables stay in each cmd_<name>.cc.
//
//   out::Sheet s = PartiesSheet(rows, names);          // one row per pair
//   std::vector<out::Sheet> book = DossierSheets(dossier, names);   // one sheet per section
//   return EmitSheets(book, o->out);                   // --format csv|xlsx, --excel, --out
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/cli/table.h"
#include "src/kb/queries.h"
#include "src/out/sheet.h"

namespace oborot::cli {

// The Russian name of a party code ("" when unknown).
using NameOf = std::function<std::string(std::string_view)>;
// Names from data/gazetteers/parties.tsv; codes only when the data cannot load.
NameOf LoadNameOf();

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

// Opens where a workbook goes: --out, or a temporary file copied to standard
// output by FinishXlsxOutput (refused when standard output is a terminal).
// Returns the path to write, or "" after printing the error.
std::string XlsxPath(const std::string& out_path);
int FinishXlsxOutput(const std::string& out_path, const std::string& written, const Status& st);

}  // namespace oborot::cli
