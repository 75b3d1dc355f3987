// oborot show PARTY: the dossier of one party: turnover by year, targets,
// changes, meetings, organisations, sectors, projects, and sources with
// their quotes. PARTY is a code (RU-VOR) or any form of a name.
#include <algorithm>
#include <iostream>
#include <map>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/names.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"
#include "src/lang/gazetteer.h"
#include "src/lang/sectors.h"

namespace oborot::cli {
namespace {

struct ShowOptionsCli {
  std::vector<std::string> party;  // words of a code or name (`show воронежская область`), or several codes (compare)
  std::string db = "oborot.db";    // --db PATH
  OutputOptions out;               // --format, --limit (rows per section), --wide, --lang, --from/--to
};

std::string Join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

// The participants JSON of a meeting as "Имя Фамилия (роль), ...".
std::string Participants(const std::string& json, const Labels& l) {
  auto a = nlohmann::json::parse(json, nullptr, false);
  if (!a.is_array()) return {};
  std::string s;
  for (const auto& p : a) {
    if (!p.is_object()) continue;
    std::string one = l.Person(p.value("name", ""));
    if (p.contains("role") && p["role"].is_string()) one += " (" + l.Person(p["role"].get<std::string>()) + ")";
    s += (s.empty() ? "" : ", ") + one;
  }
  return s;
}

// `show RU-KLU RU-MOW`: every word a code of a stored party compares them.
bool AllCodes(const std::vector<std::string>& words) {
  if (words.size() < 2) return false;
  for (const auto& w : words) {
    if (w.size() < 2 || w.size() > 7 ||
        w.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789") != std::string::npos)
      return false;
  }
  return true;
}

// Keeps the facts in the date range; returns how many it dropped.
size_t KeepInRange(std::vector<kb::Figure>& v, const OutputOptions& o) {
  const size_t before = v.size();
  std::erase_if(v, [&](const kb::Figure& f) { return !InRange(f, o); });
  return before - v.size();
}

int ShowOne(kb::Db& db, const std::string& code, const kb::PartyNames& n, const ShowOptionsCli& o, bool heading_only) {
  const bool ranged = !o.out.from.empty() || !o.out.to.empty();
  auto d = kb::Show(db, code, ranged ? 100000 : o.out.limit);
  if (!d.ok()) {
    std::cerr << "oborot: " << d.status().message() << "\n";
    return kExitSomeFailed;
  }
  std::map<std::string, int64_t> totals(d->totals.begin(), d->totals.end());
  if (ranged) {
    const std::pair<const char*, std::vector<kb::Figure>*> lists[] = {{"figures", &d->figures},
                                                                      {"targets", &d->targets},
                                                                      {"changes", &d->changes},
                                                                      {"meetings", &d->meetings},
                                                                      {"organisations", &d->organisations},
                                                                      {"sectors", &d->sectors},
                                                                      {"projects", &d->projects}};
    for (auto& [name, list] : lists) {
      KeepInRange(*list, o.out);
      totals[name] = static_cast<int64_t>(list->size());
      if (list->size() > o.out.limit) list->resize(o.out.limit);
    }
    std::erase_if(d->sources, [&](const kb::Source& s) { return !DateInRange(s.published, o.out); });
    totals["sources"] = static_cast<int64_t>(d->sources.size());
    if (d->sources.size() > o.out.limit) d->sources.resize(o.out.limit);
  }
  const Labels l{o.out.lang(), &n};
  const OutputFormat format = o.out.format();
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    auto j = kb::ToJson(*d);
    j["name"] = n.Name(code);
    j["name_en"] = n.NameEn(code);
    nlohmann::ordered_json t = nlohmann::ordered_json::object();
    for (const auto& [k, v] : totals) t[k] = v;
    j["totals"] = t;
    std::cout << (format == OutputFormat::kJson ? j.dump(2) : j.dump()) << "\n";
    return kExitOk;
  }
  const bool csv = format == OutputFormat::kCsv;
  // CSV rows start with their party and section; the text view has headings instead.
  auto make = [csv](std::vector<std::string> headers) {
    if (csv) headers.insert(headers.begin(), {"party", "section"});
    return Table(std::move(headers));
  };
  auto row = [&](Table& t, const char* section, std::vector<std::string> cells) {
    if (csv) cells.insert(cells.begin(), {code, section});
    t.AddRow(std::move(cells));
  };
  const size_t shift = csv ? 2 : 0;
  auto figures = [&](const char* section, const std::vector<kb::Figure>& v) {
    Table t = make({l.H("пара", "pair"), l.H("год", "year"), l.H("цифра", "figure"), l.H("кто сказал", "speaker"),
                    l.H("когда", "announced"), l.H("источников", "sources"), l.H("расхождение", "conflict")});
    for (size_t c : {2u, 5u}) t.SetAlign(c + shift, Align::kRight);
    for (const auto& f : v) {
      std::string who = f.forecast
                            ? l.H("прогноз", "forecast") + (f.forecast_by.empty() ? "" : ": " + l.Person(f.forecast_by))
                            : l.Person(f.speaker);
      // A target without a horizon has no year to miss: "—", not «год не указан».
      const std::string year = std::string_view(section) == "targets" ? kb::YearText(f) : kb::YearText(f, l.lang);
      row(t, section,
          {l.Pair(f.party_a, f.party_b), year, kb::FigureText(f, l.lang), who, f.announced, std::to_string(f.sources),
           f.conflict ? l.H("да", "yes") : ""});
    }
    return t;
  };
  auto meetings = [&](const std::vector<kb::Figure>& v) {
    Table t = make({l.H("пара", "pair"), l.H("дата", "date"), l.H("место", "place"), l.H("участники", "participants"),
                    l.H("источников", "sources"), l.H("опубликовано", "published")});
    t.SetAlign(4 + shift, Align::kRight);
    for (const auto& f : v) {
      row(t, "meetings",
          {l.Pair(f.party_a, f.party_b), f.date.empty() ? l.H("не указана", "not given") : f.date, l.Person(f.place),
           Participants(f.participants, l), std::to_string(f.sources), f.last_published});
    }
    return t;
  };
  auto named = [&](const char* section, const std::vector<kb::Figure>& v, const char* name_ru, const char* name_en) {
    Table t = make({l.H("пара", "pair"), l.H(name_ru, name_en), l.H("подробности", "details"),
                    l.H("источников", "sources"), l.H("опубликовано", "published")});
    t.SetAlign(3 + shift, Align::kRight);
    for (const auto& f : v) {
      // sectors by their names (data/lexicons/sector_names.tsv), ids kept for machines
      const std::string_view ru = lang::SectorNameRu(f.sector.empty() ? f.name : f.sector);
      const std::string_view en = lang::SectorNameEn(f.sector.empty() ? f.name : f.sector);
      const std::string sector_name(l.lang == kb::Lang::kRu ? ru : en);
      std::string name = f.type == "sector" ? (sector_name.empty() ? f.name : sector_name) : kb::FigureText(f);
      std::string details = f.type == "sector" ? "" : (sector_name.empty() ? f.sector : sector_name);
      if (f.type == "organization" && !f.country.empty())
        details = l.Party(f.country) + (details.empty() ? "" : ", " + details);
      row(t, section, {l.Pair(f.party_a, f.party_b), name, details, std::to_string(f.sources), f.last_published});
    }
    return t;
  };
  Table sources = make({l.H("документ", "doc"), l.H("опубликовано", "published"), l.H("факт", "fact"),
                        l.H("кто сказал", "speaker"), l.H("цитата", "quote")});
  for (const auto& s : d->sources) {
    kb::Figure none;
    row(sources, "sources",
        {s.doc, s.published, s.type, l.Person(s.speaker), csv ? s.quote : QuoteAround(s.quote, none, 70)});
  }
  struct Section {
    const char* key;
    std::string title;
    Table table;
  };
  std::vector<Section> sections;
  sections.push_back({"figures", l.H("Оборот по годам", "Turnover by year"), figures("figures", d->figures)});
  sections.push_back({"targets", l.H("Цели и прогнозы", "Targets and forecasts"), figures("targets", d->targets)});
  sections.push_back({"changes", l.H("Изменения и доли", "Changes and shares"), figures("changes", d->changes)});
  sections.push_back({"meetings", l.H("Встречи", "Meetings"), meetings(d->meetings)});
  sections.push_back({"organisations", l.H("Организации", "Organisations"),
                      named("organisations", d->organisations, "организация", "organisation")});
  sections.push_back({"sectors", l.H("Отрасли", "Sectors"), named("sectors", d->sectors, "отрасль", "sector")});
  sections.push_back({"projects", l.H("Проекты", "Projects"), named("projects", d->projects, "проект", "project")});
  sections.push_back({"sources", l.H("Источники", "Sources"), std::move(sources)});
  std::string cut;  // what the limit left out, said after the output
  for (const auto& sec : sections) {
    const int64_t total = totals.count(sec.key) ? totals[sec.key] : static_cast<int64_t>(sec.table.rows());
    if (total > static_cast<int64_t>(sec.table.rows())) {
      cut += (cut.empty() ? "" : ", ") + sec.title + " " + std::to_string(sec.table.rows()) + l.H(" из ", " of ") +
             std::to_string(total);
    }
  }
  if (csv) {
    for (auto& sec : sections) {
      if (!heading_only || sec.table.rows() > 0) std::cout << sec.table.Csv();  // one header line per section
    }
  } else {
    const std::string name = l.lang == kb::Lang::kRu ? n.Name(code) : n.NameEn(code);
    std::cout << code << (name.empty() ? "" : " — " + name) << "\n";
    size_t shown = 0;
    for (auto& sec : sections) {
      if (sec.table.rows() == 0) continue;
      ++shown;
      std::cout << "\n" << sec.title << "\n" << sec.table.Text(80, o.out.width());
    }
    if (shown == 0) std::cout << "\n" << l.H("ничего не найдено о ", "nothing stored about ") << code << "\n";
  }
  if (!cut.empty()) {
    const std::string note =
        l.H("показано не всё: ", "not all shown: ") + cut + l.H("; все строки: --limit N", "; to see all: --limit N");
    if (csv) {
      std::cerr << "oborot: " << note << "\n";
    } else {
      std::cout << "\n" << note << "\n";
    }
  }
  return kExitOk;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ShowOptionsCli>();
  app.add_option("party", o->party,
                 "a party code (RU-VOR) or name in any form («воронежская область»); several codes compare parties")
      ->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 20);
  return [o]() -> int {
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    auto names = kb::PartyNames::Load();
    if (!names.ok()) {
      std::cerr << "oborot: " << names.status().message() << "\n";
      return kExitSomeFailed;
    }
    const kb::PartyNames& n = *names;
    // The gazetteer knows every form (cities, adjectives, demonyms); the
    // name table of parties.tsv is the fallback when it cannot load.
    auto gazetteer = lang::Gazetteer::Load();
    std::shared_ptr<const lang::Gazetteer> gaz = gazetteer.ok() ? *gazetteer : nullptr;
    kb::PartyResolver resolver = [&n, gaz](std::string_view form) -> std::optional<std::string> {
      if (gaz) {
        if (auto code = gaz->Resolve(form)) return code;
      }
      return n.Resolve(form);
    };
    std::vector<std::string> inputs;
    if (AllCodes(o->party)) {
      inputs = o->party;  // compare: one dossier after another
    } else {
      inputs.push_back(Join(o->party));
    }
    int status = kExitOk;
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto code = kb::ResolveParty((*store)->db(), inputs[i], resolver);
      if (!code.ok()) {
        std::cerr << "oborot: " << code.status().message() << "\n";
        status = kExitSomeFailed;
        continue;
      }
      if (i > 0 && o->out.format() == OutputFormat::kTable) std::cout << "\n";
      status = std::max(status, ShowOne((*store)->db(), *code, n, *o, i > 0));
    }
    return status;
  };
}

const Registrar kReg("show", "print the dossier of a party (code or name in any form), or compare several codes",
                     Setup);

}  // namespace
}  // namespace oborot::cli
