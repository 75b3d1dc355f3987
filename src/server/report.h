// `oborot report`: one self-contained HTML file with the dashboard's overview
// and every partner's page, for sending by e-mail.
//
//   auto api = oborot::server::Api::Open("oborot.db", {});
//   auto html = oborot::server::BuildReport(**api, {.generated = "2025-06-01"});
//   if (html.ok()) WriteFile("report.html", *html);
//
// The file is the embedded web page (web/index.html) with its styles and
// scripts (including the chart library) inlined, the API's answers for every
// partner embedded as JSON (escaped for <script>), and a static summary table
// rendered here with every piece of text HTML-escaped, shown when scripts are
// off. Its Content-Security-Policy forbids any network access, so it opens
// offline and fetches nothing.
// Errors: the API's (kCorrupt, kIoError), kInternal when the embedded page
// lacks its markers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "oborot/status.h"
#include "src/server/api.h"

namespace oborot::server {

struct ReportOptions {
  std::string title;            // empty: a default title in the report's language
  std::string lang = "ru";      // "ru" or "en": the language the page opens in
  std::string generated;        // the date shown as "generated on"; empty: none
  size_t max_parties = 500;     // partner pages included
  size_t max_documents = 5000;  // source articles included (for highlighted quotes)
  // Whole articles included (the most quoted first); the others carry only
  // their quoted sentences, which is what the report's links highlight.
  size_t max_articles = 0;
};

// The data the report embeds: names, parties, targets, dossiers by code and
// source documents by id.
// The data also says what the budget left out: "left_out" {"parties",
// "documents", "articles_as_quotes"}.
Result<nlohmann::ordered_json> ReportData(Api& api, const ReportOptions& options);
// The whole HTML file.
// "12 articles included as their quoted sentences only; …" for ReportData's
// "left_out", or "" when nothing was left out.
std::string LeftOutNote(const nlohmann::ordered_json& data, bool english);
Result<std::string> BuildReport(Api& api, const ReportOptions& options);

}  // namespace oborot::server
