// oborot import-rates FILE.csv: exchange rates (units of a currency per US
// dollar, by date or by year) that let comparisons and gaps convert RUB, BYN
// and EUR figures to US dollars at the year's average rate.
#include "src/cli/command.h"
#include "src/cli/import_file.h"

namespace oborot::cli {
namespace {

struct ImportRatesOptionsCli {
  std::string file;              // FILE.csv
  std::string db = "oborot.db";  // --db PATH
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ImportRatesOptionsCli>();
  app.add_option("file", o->file, "CSV with columns date (YYYY-MM-DD) or year, currency, rate (units per US dollar)")
      ->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  return [o]() -> int {
    return RunImport(o->db, o->file, "rates",
                     [&](kb::Db& db, std::string_view bytes) { return kb::ImportRates(db, bytes, o->file); });
  };
}

const Registrar kReg("import-rates", "import exchange rates to US dollars from a CSV file", Setup);

}  // namespace
}  // namespace oborot::cli
