#include "src/server/report.h"

#include <set>

#include "src/kb/format.h"
#include "src/server/assets.h"
#include "src/server/html.h"

namespace oborot::server {
namespace {

// No network at all: inline scripts and styles, images from data: URLs only.
constexpr const char* kReportCsp =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'";

bool Replace(std::string& s, std::string_view what, std::string_view with) {
  const size_t at = s.find(what);
  if (at == std::string::npos) return false;
  s.replace(at, what.size(), with);
  return true;
}

std::string JsonString(const nlohmann::ordered_json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return {};
  return j[key].get<std::string>();
}

// "$1 600 000 000 (2023)" from a figure's JSON, or empty.
std::string FigureCell(const nlohmann::ordered_json& f) {
  if (!f.is_object() || !f.contains("value") || !f["value"].is_number()) return {};
  std::string s = kb::FormatFigure(f["value"].get<double>(), JsonString(f, "currency"), JsonString(f, "qualifier"));
  if (f.contains("year") && f["year"].is_number_integer()) s += " (" + std::to_string(f["year"].get<int64_t>()) + ")";
  return s;
}

// The table shown when scripts do not run; every cell escaped.
std::string StaticSummary(const nlohmann::ordered_json& data, bool english) {
  std::string h = "<section class=\"static-summary\"><h2>";
  h += english ? "Partners" : "Партнёры";
  h += "</h2><table class=\"partners\"><thead><tr>";
  const char* cols_ru[] = {"Партнёр", "Товарооборот", "Цель", "Выполнение", "Последняя встреча"};
  const char* cols_en[] = {"Partner", "Turnover", "Target", "Progress", "Last meeting"};
  for (int i = 0; i < 5; ++i) h += std::string("<th>") + (english ? cols_en[i] : cols_ru[i]) + "</th>";
  h += "</tr></thead><tbody>";
  for (const auto& r : data["parties"]["parties"]) {
    std::string name = JsonString(r["partner_name"], english ? "en" : "ru");
    if (name.empty()) name = JsonString(r, "partner");
    std::string progress;
    if (r.contains("progress_percent") && r["progress_percent"].is_number()) {
      progress = kb::FormatPercent(r["progress_percent"].get<double>());
    }
    std::string meeting;
    if (r.contains("last_meeting") && r["last_meeting"].is_object()) {
      meeting = JsonString(r["last_meeting"], "date");
      const std::string place = JsonString(r["last_meeting"], "place");
      if (!place.empty()) meeting += " " + place;
    }
    h += "<tr><td>" + HtmlEscape(name) + "</td><td>" + HtmlEscape(FigureCell(r["actual"])) + "</td><td>" +
         HtmlEscape(FigureCell(r["target"])) + "</td><td>" + HtmlEscape(progress) + "</td><td>" + HtmlEscape(meeting) +
         "</td></tr>";
  }
  h += "</tbody></table></section>";
  return h;
}

// Inlines every <script src="/x.js"></script> of the page from the embedded assets.
Status InlineScripts(std::string& page) {
  constexpr std::string_view kOpen = "<script src=\"";
  constexpr std::string_view kClose = "\"></script>";
  size_t at = 0;
  while ((at = page.find(kOpen, at)) != std::string::npos) {
    const size_t end = page.find(kClose, at + kOpen.size());
    if (end == std::string::npos) return Status(StatusCode::kInternal, "web/index.html: unterminated <script src>");
    const std::string path = page.substr(at + kOpen.size(), end - at - kOpen.size());
    auto asset = FindAsset(path);
    if (!asset) return Status(StatusCode::kInternal, "web/index.html: no embedded file " + path);
    const std::string inline_script = "<script>" + ScriptForInline(asset->body) + "</script>";
    page.replace(at, end + kClose.size() - at, inline_script);
    at += inline_script.size();
  }
  return Status::Ok();
}

}  // namespace

Result<nlohmann::ordered_json> ReportData(Api& api, const ReportOptions& options) {
  nlohmann::ordered_json data;
  data["generated"] = options.generated;
  data["names"] = api.Names();
  auto parties = api.Parties();
  if (!parties.ok()) return parties.status();
  data["parties"] = std::move(*parties);
  auto targets = api.Targets();
  if (!targets.ok()) return targets.status();
  data["targets"] = std::move(*targets);
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (const auto& r : data["parties"]["parties"]) {
    for (const auto& code :
         {JsonString(r, "partner"), r["parties"][0].get<std::string>(), r["parties"][1].get<std::string>()}) {
      if (code.empty() || code == "BY" || !seen.insert(code).second) continue;
      codes.push_back(code);
    }
  }
  if (codes.size() > options.max_parties) codes.resize(options.max_parties);
  nlohmann::ordered_json dossiers = nlohmann::ordered_json::object();
  std::set<std::string> doc_ids;
  for (const auto& code : codes) {
    auto d = api.Party(code);
    if (!d.ok()) {
      if (d.status().code() == StatusCode::kNotFound) continue;
      return d.status();
    }
    dossiers[code] = std::move(*d);
    auto docs = api.PartyDocuments(code, options.max_documents);
    if (!docs.ok()) return docs.status();
    for (auto& id : *docs) {
      if (doc_ids.size() < options.max_documents) doc_ids.insert(std::move(id));
    }
  }
  data["dossiers"] = std::move(dossiers);
  nlohmann::ordered_json documents = nlohmann::ordered_json::object();
  for (const auto& id : doc_ids) {
    auto d = api.Document(id);
    if (!d.ok()) return d.status();
    documents[id] = std::move(*d);
  }
  data["documents"] = std::move(documents);
  return data;
}

Result<std::string> BuildReport(Api& api, const ReportOptions& options) {
  auto data = ReportData(api, options);
  if (!data.ok()) return data.status();
  const bool english = options.lang == "en";
  std::string page(AssetBody("/index.html"));
  if (page.empty()) return Status(StatusCode::kInternal, "web/index.html is not embedded");
  const std::string title = !options.title.empty() ? options.title
                                                   : (english ? "oborot: Belarus's trade with its partners"
                                                              : "oborot: товарооборот Беларуси с партнёрами");
  bool ok = Replace(page, "<html lang=\"ru\">",
                    english ? "<html lang=\"en\" data-mode=\"report\">" : "<html lang=\"ru\" data-mode=\"report\">");
  ok = ok && Replace(page, "<!--oborot:csp-->",
                     std::string("<meta http-equiv=\"Content-Security-Policy\" content=\"") + kReportCsp + "\">");
  ok = ok && Replace(page, "<title>oborot</title>", "<title>" + HtmlEscape(title) + "</title>");
  ok = ok && Replace(page, "<link rel=\"stylesheet\" href=\"/app.css\">",
                     "<style>" + StyleForInline(AssetBody("/app.css")) + "</style>");
  ok = ok && Replace(page, "<!--oborot:static-->", StaticSummary(*data, english));
  ok = ok && Replace(page, "<!--oborot:data-->",
                     "<script type=\"application/json\" id=\"oborot-data\">" + JsonForScript(*data) + "</script>");
  if (!ok) return Status(StatusCode::kInternal, "web/index.html lacks the report's markers");
  if (Status st = InlineScripts(page); !st.ok()) return st;
  return page;
}

}  // namespace oborot::server
