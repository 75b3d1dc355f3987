#include "src/server/report.h"

#include <algorithm>
#include <map>
#include <set>

#include "src/kb/format.h"
#include "src/kb/queries.h"
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
// A figure in the report's language's one number format («2,5 млрд $ (2023)»).
std::string FigureCell(const nlohmann::ordered_json& f, kb::Lang lang) {
  if (!f.is_object() || !f.contains("value") || !f["value"].is_number()) return {};
  const double value = f["value"].get<double>();
  // a range («300–500 млн $»), never its lower bound alone as if exact
  const bool range = f.contains("value_max") && f["value_max"].is_number() && f["value_max"].get<double>() > value;
  std::string s = range ? kb::FormatMoneyRange(value, f["value_max"].get<double>(), JsonString(f, "currency"),
                                               JsonString(f, "qualifier"), lang)
                        : kb::FormatMoney(value, JsonString(f, "currency"), JsonString(f, "qualifier"), lang);
  if (f.contains("year") && f["year"].is_number_integer()) {
    s += " (" + std::to_string(f["year"].get<int64_t>()) + ")";
  } else if (JsonString(f, "type") == "turnover") {
    s += lang == kb::Lang::kRu ? " (год не указан)" : " (year not given)";
  }
  return s;
}

// The tables shown when scripts do not run (e-mail previews): Belarus's
// partners, then the other pairs, each row labelled with its pair, numbers in
// the report language's format; every cell escaped.
std::string StaticSummary(const nlohmann::ordered_json& data, bool english) {
  const kb::Lang lang = english ? kb::Lang::kEn : kb::Lang::kRu;
  std::string h = "<section class=\"static-summary\">";
  auto name_of = [&](const nlohmann::ordered_json& r, const std::string& code) {
    const auto& names = data["names"]["parties"];
    if (names.contains(code)) return JsonString(names[code], english ? "en" : "ru");
    if (JsonString(r, "partner") == code && r.contains("partner_name"))
      return JsonString(r["partner_name"], english ? "en" : "ru");
    return code;
  };
  auto table = [&](const char* title, const nlohmann::ordered_json& rows) {
    h += std::string("<h2>") + title + "</h2><table class=\"partners\"><thead><tr>";
    const char* cols_ru[] = {"Стороны", "Товарооборот", "Цель", "Выполнение", "Последняя встреча"};
    const char* cols_en[] = {"Pair", "Turnover", "Target", "Progress", "Last meeting"};
    for (int i = 0; i < 5; ++i) h += std::string("<th>") + (english ? cols_en[i] : cols_ru[i]) + "</th>";
    h += "</tr></thead><tbody>";
    for (const auto& r : rows) {
      std::string pair;
      for (const auto& code : r["parties"]) {
        const std::string c = code.is_string() ? code.get<std::string>() : "";
        std::string n = name_of(r, c);
        if (n.empty()) n = c;
        pair += (pair.empty() ? "" : " — ") + n;
      }
      std::string progress;
      const auto year_of = [&r](const char* key) -> int64_t {
        if (!r.contains(key)) return -1;
        const auto& f = r[key];
        if (f.is_number_integer()) return f.get<int64_t>();
        return f.is_object() && f.contains("year") && f["year"].is_number_integer() ? f["year"].get<int64_t>() : -1;
      };
      if (r.contains("progress_percent") && r["progress_percent"].is_number()) {
        // Computed from a bound («более 500 млн»): ≥, ≤ or ≈, as on the page.
        progress = std::string(kb::BoundSign(JsonString(r, "progress_bound"))) +
                   kb::FormatPercent(r["progress_percent"].get<double>(), false, lang);
        // Measured against the target year's own figure, not the one shown: said, as on the page.
        if (year_of("gap_year") >= 0 && year_of("gap_year") != year_of("actual")) {
          progress += (english ? " (for " : " (по итогам ") + std::to_string(year_of("gap_year")) + ")";
        }
      } else if (JsonString(r, "gap_basis") == "target_passed" && year_of("target") >= 0 && year_of("actual") >= 0) {
        progress = kb::TargetPassedText(year_of("target"), year_of("actual"), lang);
      } else if (JsonString(r, "gap_basis") == "actual_stale" && r["actual"].is_object() && r["target"].is_object()) {
        // the year the latest figure speaks for (its own, else its source's) against the target's announcement
        const auto year4 = [](const std::string& date) { return kb::YearOfDate(date).value_or(-1); };
        const int64_t as_of = year_of("actual") >= 0 ? year_of("actual") : year4(JsonString(r["actual"], "last_published"));
        const int64_t announced = year4(JsonString(r["target"], "announced"));
        if (as_of >= 0 && announced >= 0) progress = kb::ActualStaleText(as_of, announced, lang);
      }
      std::string meeting;
      if (r.contains("last_meeting") && r["last_meeting"].is_object()) {
        meeting = JsonString(r["last_meeting"], "date");
        const std::string place = JsonString(r["last_meeting"], "place");
        if (!place.empty()) meeting += " " + kb::InLang(place, lang);
      }
      h += "<tr><td>" + HtmlEscape(pair) + "</td><td>" + HtmlEscape(FigureCell(r["actual"], lang)) + "</td><td>" +
           HtmlEscape(FigureCell(r["target"], lang)) + "</td><td>" + HtmlEscape(progress) + "</td><td>" +
           HtmlEscape(meeting) + "</td></tr>";
    }
    h += "</tbody></table>";
  };
  table(english ? "Belarus's partners" : "Партнёры Беларуси", data["parties"]["parties"]);
  if (data["parties"].contains("other_pairs") && !data["parties"]["other_pairs"].empty()) {
    table(english ? "Other pairs (without Belarus)" : "Другие пары (без Беларуси)", data["parties"]["other_pairs"]);
  }
  h += "<p>" + HtmlEscape(LeftOutNote(data, english)) + "</p></section>";
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

// What the size budget left out, in words; empty when nothing was.
std::string LeftOutNote(const nlohmann::ordered_json& data, bool english) {
  if (!data.contains("left_out")) return {};
  const auto& l = data["left_out"];
  auto n = [&](const char* k) { return l.contains(k) && l[k].is_number() ? l[k].get<int64_t>() : 0; };
  std::string s;
  if (n("articles_as_quotes") > 0) {
    s += english ? std::to_string(n("articles_as_quotes")) + " articles included as their quoted sentences only"
                 : "статей только с цитатами: " + std::to_string(n("articles_as_quotes"));
  }
  if (n("documents") > 0) {
    s += std::string(s.empty() ? "" : "; ") + (english ? std::to_string(n("documents")) + " source articles left out"
                                                       : "не включено статей: " + std::to_string(n("documents")));
  }
  if (n("parties") > 0) {
    s += std::string(s.empty() ? "" : "; ") + (english
                                                   ? std::to_string(n("parties")) + " partner pages left out"
                                                   : "не включено страниц партнёров: " + std::to_string(n("parties")));
  }
  if (s.empty()) return s;
  return s + (english ? " (oborot report --max-articles N, --max-parties N)"
                      : " (oborot report --max-articles N, --max-parties N)");
}

namespace {

// A document reduced to its quoted sentences: each evidence span's text, one
// paragraph each, with the spans moved to their new offsets and their
// original ones kept (`orig_start`, `orig_end`) for the links that name them.
nlohmann::ordered_json QuotesOnly(const nlohmann::ordered_json& doc) {
  nlohmann::ordered_json out = doc;
  const std::string text = doc.contains("text") && doc["text"].is_string() ? doc["text"].get<std::string>() : "";
  // Code point offsets -> byte offsets of the original text.
  std::vector<size_t> at;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) at.push_back(i);
  }
  at.push_back(text.size());
  std::string reduced;
  int64_t cps = 0;
  auto spans = nlohmann::ordered_json::array();
  std::set<std::pair<int64_t, int64_t>> seen;
  if (doc.contains("spans") && doc["spans"].is_array()) {
    for (const auto& sp : doc["spans"]) {
      if (!sp.contains("start") || !sp["start"].is_number_integer() || !sp["end"].is_number_integer()) continue;
      const int64_t s = sp["start"].get<int64_t>(), e = sp["end"].get<int64_t>();
      if (s < 0 || e <= s || static_cast<size_t>(e) >= at.size()) continue;
      if (!seen.insert({s, e}).second) {
        // The same sentence for another fact: the span again, on the text already there.
        for (const auto& done : spans) {
          if (done["orig_start"] == s && done["orig_end"] == e) {
            nlohmann::ordered_json again = sp;
            again["start"] = done["start"];
            again["end"] = done["end"];
            again["orig_start"] = s;
            again["orig_end"] = e;
            spans.push_back(again);
            break;
          }
        }
        continue;
      }
      if (!reduced.empty()) {
        reduced += "\n\n";
        cps += 2;
      }
      nlohmann::ordered_json moved = sp;
      moved["start"] = cps;
      moved["end"] = cps + (e - s);
      moved["orig_start"] = s;
      moved["orig_end"] = e;
      reduced += text.substr(at[static_cast<size_t>(s)], at[static_cast<size_t>(e)] - at[static_cast<size_t>(s)]);
      cps += e - s;
      spans.push_back(moved);
    }
  }
  out["text"] = reduced;
  out["spans"] = std::move(spans);
  out["quotes_only"] = true;
  return out;
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
  auto conflicts = api.Conflicts();
  if (!conflicts.ok()) return conflicts.status();
  data["conflicts"] = std::move(*conflicts);
  std::vector<std::string> codes;
  std::set<std::string> seen;
  std::vector<nlohmann::ordered_json> rows(data["parties"]["parties"].begin(), data["parties"]["parties"].end());
  if (data["parties"].contains("other_pairs")) {
    for (const auto& r : data["parties"]["other_pairs"]) rows.push_back(r);
  }
  for (const auto& r : rows) {
    for (const auto& code :
         {JsonString(r, "partner"), r["parties"][0].get<std::string>(), r["parties"][1].get<std::string>()}) {
      if (code.empty() || code == "BY" || !seen.insert(code).second) continue;
      codes.push_back(code);
    }
  }
  size_t parties_left_out = 0;
  if (codes.size() > options.max_parties) {
    parties_left_out = codes.size() - options.max_parties;
    codes.resize(options.max_parties);
  }
  nlohmann::ordered_json dossiers = nlohmann::ordered_json::object();
  std::set<std::string> doc_ids;
  std::map<std::string, size_t> quoted;  // how often each document is quoted, for the whole-article budget
  size_t documents_left_out = 0;
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
      ++quoted[id];
      if (doc_ids.count(id) > 0) continue;
      if (doc_ids.size() < options.max_documents) {
        doc_ids.insert(std::move(id));
      } else {
        ++documents_left_out;
      }
    }
  }
  data["dossiers"] = std::move(dossiers);
  // The whole-article budget goes to the most quoted documents (then by id).
  std::vector<std::string> by_quotes(doc_ids.begin(), doc_ids.end());
  std::stable_sort(by_quotes.begin(), by_quotes.end(),
                   [&](const std::string& a, const std::string& b) { return quoted[a] > quoted[b]; });
  std::set<std::string> whole(by_quotes.begin(), by_quotes.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                         options.max_articles, by_quotes.size())));
  nlohmann::ordered_json documents = nlohmann::ordered_json::object();
  size_t as_quotes = 0;
  for (const auto& id : doc_ids) {
    auto d = api.Document(id);
    if (!d.ok()) return d.status();
    if (whole.count(id) == 0) {
      *d = QuotesOnly(*d);
      ++as_quotes;
    }
    documents[id] = std::move(*d);
  }
  data["documents"] = std::move(documents);
  data["left_out"] = {
      {"parties", parties_left_out}, {"documents", documents_left_out}, {"articles_as_quotes", as_quotes}};
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
