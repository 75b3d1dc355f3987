// oborot import-official FILE.csv: official trade statistics (a statistics
// office's or customs service's figures) into the knowledge base, kept apart
// from the announced figures and shown beside them (README, "Official
// figures and exchange rates").
#include "src/cli/command.h"
#include "src/cli/import_file.h"
#include "src/kb/names.h"

namespace oborot::cli {
namespace {

struct ImportOfficialOptionsCli {
  std::string file;              // FILE.csv
  std::string db = "oborot.db";  // --db PATH
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ImportOfficialOptionsCli>();
  app.add_option("file", o->file,
                 "CSV with columns reporter, partner, year, period, flow (export|import|turnover), value, currency, "
                 "source, url")
      ->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  return [o]() -> int {
    auto names = kb::PartyNames::Load();
    if (!names.ok()) {
      std::cerr << "oborot: " << names.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    const kb::PartyNames& n = *names;
    const kb::CodeCheck known = [&n](std::string_view code) { return !n.Name(code).empty(); };
    return RunImport(o->db, o->file, "official figures", [&](kb::Db& db, std::string_view bytes) {
      return kb::ImportOfficial(db, bytes, o->file, known);
    });
  };
}

const Registrar kReg("import-official", "import official trade statistics from a CSV file", Setup);

}  // namespace
}  // namespace oborot::cli
