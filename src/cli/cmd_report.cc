// oborot report --db PATH --out report.html: one self-contained HTML file
// (scripts, styles and data inline; opens offline) with the dashboard's
// overview and every partner's page, for sending by e-mail.
#include <chrono>
#include <ctime>
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/write_file.h"
#include "src/server/report.h"

namespace oborot::cli {
namespace {

struct ReportOptionsCli {
  std::string db = "oborot.db";
  std::string out = "report.html";
  server::ReportOptions report;
};

std::string Today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ReportOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db), opened read-only")->envname("OBOROT_DB");
  app.add_option("--out,-o", o->out, "the HTML file to write (default report.html; - for standard output)");
  app.add_option("--lang", o->report.lang, "the language the report opens in: ru (default) or en")
      ->check(CLI::IsMember({"ru", "en"}));
  app.add_option("--title", o->report.title, "the report's title");
  app.add_option("--max-parties", o->report.max_parties, "partner pages to include (default 500)");
  app.add_option("--max-articles", o->report.max_articles,
                 "whole articles to include, the most quoted first (default 0: every source article is included as "
                 "its quoted sentences only, which keeps the file small)");
  return [o]() -> int {
    auto api = server::Api::Open(o->db, {});
    if (!api.ok()) {
      std::cerr << "oborot: " << api.status().message() << "\n";
      return kExitSomeFailed;
    }
    o->report.generated = Today();
    auto html = server::BuildReport(**api, o->report);
    if (html.ok()) {
      // Say what the size budget left out (the report says it too).
      auto data = server::ReportData(**api, o->report);
      const std::string note = data.ok() ? server::LeftOutNote(*data, o->report.lang == "en") : "";
      if (!note.empty()) std::cerr << "oborot: report: " << note << "\n";
    }
    if (!html.ok()) {
      std::cerr << "oborot: " << html.status().message() << "\n";
      return kExitSomeFailed;
    }
    if (o->out == "-") {
      std::cout << *html;
      return std::cout.good() ? kExitOk : kExitSomeFailed;
    }
    // Written next to the target and renamed, so a failed write leaves no
    // half file; the error names the path and the system's reason.
    if (Status st = WriteFileReplacing(o->out, *html); !st.ok()) {
      std::cerr << "oborot: " << st.message() << "\n";
      return kExitSomeFailed;
    }
    std::cerr << "oborot: wrote " << o->out << " (" << html->size() / 1024 << " KiB)\n";
    return kExitOk;
  };
}

const Registrar kReg("report", "write a self-contained HTML report (opens offline) for e-mail", Setup);

}  // namespace
}  // namespace oborot::cli
