// oborot show PARTY: the dossier of one party: turnover by year, targets,
// changes, meetings, organisations, sectors, projects, and sources with
// their quotes. PARTY is a code (RU-VOR) or any form of a name.
#include <algorithm>
#include <iostream>
#include <map>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/sheets.h"
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
  // --format, --json, --csv, --excel, --out, --limit (rows per section), --wide, --lang, --from/--to
  OutputOptions out;
  double threshold = 10;  // --threshold PERCENT: official figures contradict beyond it
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

// Sheets of several dossiers (`show RU-KLU RU-MOW --csv`) as one book: a
// `party` column first, the sections' rows one party after another.
void AddToBook(std::vector<out::Sheet>& book, std::vector<out::Sheet> sheets, const std::string& code, bool compare) {
  for (auto& sheet : sheets) {
    if (compare) {
      sheet.columns.insert(sheet.columns.begin(), out::Column{"party", out::ColumnType::kCode});
      for (auto& r : sheet.rows) r.insert(r.begin(), out::TextCell(code));
    }
    auto it = std::find_if(book.begin(), book.end(), [&](const out::Sheet& b) { return b.name == sheet.name; });
    if (it == book.end()) {
      book.push_back(std::move(sheet));
    } else {
      for (auto& r : sheet.rows) it->rows.push_back(std::move(r));
    }
  }
}

// One dossier: as text or JSON to `out` (several with --format json: into
// `dossiers`, one array), or as sheets added to `book` (csv, xlsx).
int ShowOne(kb::Db& db, const std::string& code, const kb::PartyNames& n, const ShowOptionsCli& o, std::ostream& out,
            std::vector<out::Sheet>& book, std::vector<nlohmann::ordered_json>& dossiers, bool compare) {
  const bool ranged = !o.out.from.empty() || !o.out.to.empty();
  auto d = kb::Show(db, code, ranged ? 100000 : o.out.limit, {.threshold_percent = o.threshold});
  if (!d.ok()) {
    std::cerr << "oborot: " << d.status().message() << "\n";
    return kExitSomeFailed;
  }
  std::map<std::string, int64_t> totals(d->totals.begin(), d->totals.end());
  if (ranged) {
    const std::pair<const char*, std::vector<kb::Figure>*> lists[] = {{"figures", &d->figures},
                                                                      {"targets", &d->targets},
                                                                      {"changes", &d->changes},
                                                                      {"flows", &d->flows},
                                                                      {"meetings", &d->meetings},
                                                                      {"organisations", &d->organisations},
                                                                      {"sectors", &d->sectors},
                                                                      {"projects", &d->projects}};
    for (auto& [name, list] : lists) {
      KeepInRange(*list, o.out);
      totals[name] = static_cast<int64_t>(list->size());
      if (list->size() > o.out.limit) list->resize(o.out.limit);
    }
    std::erase_if(d->official,
                  [&](const kb::OfficialFigure& f) { return !DateInRange(std::to_string(f.year), o.out); });
    if (d->official.size() > o.out.limit) d->official.resize(o.out.limit);
    std::erase_if(d->sources, [&](const kb::Source& s) { return !DateInRange(s.published, o.out); });
    totals["sources"] = static_cast<int64_t>(d->sources.size());
    if (d->sources.size() > o.out.limit) d->sources.resize(o.out.limit);
  }
  const Labels l{o.out.lang(), &n};
  const OutputFormat format = o.out.format();
  // The section keys of kb::Dossier::totals with their titles, in the order shown.
  const std::pair<const char*, std::string> titles[] = {
      {"figures", l.H("Оборот по годам", "Turnover by year")},
      {"official", l.H("Официальная статистика", "Official figures")},
      {"targets", l.H("Цели и прогнозы", "Targets and forecasts")},
      {"changes", l.H("Изменения и доли", "Changes and shares")},
      {"flows", l.H("Экспорт и импорт", "Exports and imports")},
      {"meetings", l.H("Встречи", "Meetings")},
      {"organisations", l.H("Организации", "Organisations")},
      {"sectors", l.H("Отрасли", "Sectors")},
      {"projects", l.H("Проекты", "Projects")},
      {"sources", l.H("Источники", "Sources")}};
  auto shown_rows = [&](const std::string& key) -> size_t {
    if (key == "figures") return d->figures.size();
    if (key == "official") return d->official.size();
    if (key == "targets") return d->targets.size();
    if (key == "changes") return d->changes.size();
    if (key == "flows") return d->flows.size();
    if (key == "meetings") return d->meetings.size();
    if (key == "organisations") return d->organisations.size();
    if (key == "sectors") return d->sectors.size();
    if (key == "projects") return d->projects.size();
    return d->sources.size();
  };
  std::string cut;  // what the limit left out, said after the output
  for (const auto& [key, title] : titles) {
    auto it = totals.find(key);
    if (it != totals.end() && it->second > static_cast<int64_t>(shown_rows(key))) {
      cut += (cut.empty() ? "" : ", ") + title + " " + std::to_string(shown_rows(key)) + l.H(" из ", " of ") +
             std::to_string(it->second);
    }
  }
  const std::string note =
      cut.empty() ? std::string()
                  : l.H("показано не всё: ", "not all shown: ") + cut +
                        l.H("; все строки: --limit N", "; to see all: --limit N");
  if (format == OutputFormat::kCsv || format == OutputFormat::kXlsx) {
    // Data: one sheet per section (CSV: a `section` column), typed cells.
    AddToBook(book, DossierSheets(*d, LoadNameOf(l.lang)), code, compare);
    if (!note.empty()) std::cerr << "oborot: " << code << ": " << note << "\n";
    return kExitOk;
  }
  if (format == OutputFormat::kJson || format == OutputFormat::kJsonl) {
    auto j = kb::ToJson(*d);
    j["name"] = n.Name(code);
    j["name_en"] = n.NameEn(code);
    nlohmann::ordered_json t = nlohmann::ordered_json::object();
    for (const auto& [k, v] : totals) t[k] = v;
    j["totals"] = t;
    if (compare && format == OutputFormat::kJson) {
      dossiers.push_back(std::move(j));  // printed as one array after the last party
    } else {
      out << (format == OutputFormat::kJson ? j.dump(2) : j.dump()) << "\n";
    }
    if (!note.empty()) std::cerr << "oborot: " << code << ": " << note << "\n";
    return kExitOk;
  }
  auto figures = [&](const char* section, const std::vector<kb::Figure>& v, bool official) {
    std::vector<std::string> headers{l.H("пара", "pair"),        l.H("год", "year"),
                                     l.H("цифра", "figure"),     l.H("кто сказал", "speaker"),
                                     l.H("когда", "announced"),  l.H("источников", "sources"),
                                     l.H("расхождение", "conflict")};
    if (official) headers.insert(headers.begin() + 3, {l.H("официально", "official"), l.H("к официальным", "vs official")});
    Table t(std::move(headers));
    for (size_t c : {2u, 5u}) t.SetAlign(c, Align::kRight);
    if (official) {
      for (size_t c : {3u, 4u, 7u}) t.SetAlign(c, Align::kRight);
      for (size_t c : {3u, 4u}) t.SetOptional(c);  // shown once official figures were imported
    }
    bool converted = false, contradicted = false;
    for (const auto& f : v) {
      std::string who = f.forecast
                            ? l.H("прогноз", "forecast") + (f.forecast_by.empty() ? "" : ": " + l.Person(f.forecast_by))
                            : l.Person(f.speaker);
      // A target without a horizon has no year to miss: "—", not «год не указан».
      const std::string year = std::string_view(section) == "targets" ? kb::YearText(f) : kb::YearText(f, l.lang);
      std::vector<std::string> cells{l.Pair(f.party_a, f.party_b), year,        kb::FigureText(f, l.lang), who,
                                     f.announced,                  std::to_string(f.sources),
                                     f.conflict ? l.H("да", "yes") : ""};
      if (official) {
        cells.insert(cells.begin() + 3, {f.official ? kb::OfficialText(*f.official, l.lang) : "",
                                         f.official ? kb::DifferenceText(*f.official, l.lang) : ""});
        converted |= f.official && f.official->converted;
        contradicted |= f.official && f.official->contradicted;
      }
      t.AddRow(std::move(cells));
    }
    AddComparisonNotes(t, l, converted, contradicted);
    return t;
  };
  auto meetings = [&](const std::vector<kb::Figure>& v) {
    Table t({l.H("пара", "pair"), l.H("дата", "date"), l.H("место", "place"), l.H("участники", "participants"),
             l.H("источников", "sources"), l.H("опубликовано", "published")});
    t.SetAlign(4, Align::kRight);
    for (const auto& f : v) {
      t.AddRow({l.Pair(f.party_a, f.party_b), f.date.empty() ? l.H("не указана", "not given") : f.date,
                l.Person(f.place), Participants(f.participants, l), std::to_string(f.sources), f.last_published});
    }
    return t;
  };
  auto named = [&](const std::vector<kb::Figure>& v, const char* name_ru, const char* name_en) {
    Table t({l.H("пара", "pair"), l.H(name_ru, name_en), l.H("подробности", "details"), l.H("источников", "sources"),
             l.H("опубликовано", "published")});
    t.SetAlign(3, Align::kRight);
    for (const auto& f : v) {
      // sectors by their names (data/lexicons/sector_names.tsv), ids kept for machines
      const std::string_view ru = lang::SectorNameRu(f.sector.empty() ? f.name : f.sector);
      const std::string_view en = lang::SectorNameEn(f.sector.empty() ? f.name : f.sector);
      const std::string sector_name(l.lang == kb::Lang::kRu ? ru : en);
      // a project's cost in the table language's money format («3 млрд ₽»), as everywhere else
      std::string name = f.type == "sector" ? (sector_name.empty() ? f.name : sector_name) : kb::FigureText(f, l.lang);
      std::string details = f.type == "sector" ? "" : (sector_name.empty() ? f.sector : sector_name);
      if (f.type == "organization" && !f.country.empty())
        details = l.Party(f.country) + (details.empty() ? "" : ", " + details);
      t.AddRow({l.Pair(f.party_a, f.party_b), name, details, std::to_string(f.sources), f.last_published});
    }
    return t;
  };
  Table official({l.H("отчитывается", "reporter"), l.H("партнёр", "partner"), l.H("год", "year"),
                  l.H("поток", "flow"), l.H("значение", "value"), l.H("источник", "source")});
  for (size_t c : {2u, 4u}) official.SetAlign(c, Align::kRight);
  for (const auto& f : d->official) {
    official.AddRow({l.Party(f.reporter), l.Party(f.partner),
                     f.period == "year" ? std::to_string(f.year) : std::to_string(f.year) + " " + f.period, f.flow,
                     kb::FormatMoney(f.value, f.currency, "", l.lang), f.source_name});
  }
  Table sources({l.H("документ", "doc"), l.H("опубликовано", "published"), l.H("факт", "fact"),
                 l.H("кто сказал", "speaker"), l.H("цитата", "quote")});
  for (const auto& s : d->sources) {
    kb::Figure none;
    sources.AddRow({s.doc, s.published, s.type, l.Person(s.speaker), QuoteAround(s.quote, none, 70)});
  }
  std::vector<Table> tables;
  tables.push_back(figures("figures", d->figures, true));
  tables.push_back(std::move(official));
  tables.push_back(figures("targets", d->targets, false));
  tables.push_back(figures("changes", d->changes, false));
  tables.push_back(figures("flows", d->flows, false));
  tables.push_back(meetings(d->meetings));
  tables.push_back(named(d->organisations, "организация", "organisation"));
  tables.push_back(named(d->sectors, "отрасль", "sector"));
  tables.push_back(named(d->projects, "проект", "project"));
  tables.push_back(std::move(sources));
  const std::string name = l.lang == kb::Lang::kRu ? n.Name(code) : n.NameEn(code);
  out << code << (name.empty() ? "" : " — " + name) << "\n";
  size_t shown = 0;
  for (size_t i = 0; i < tables.size(); ++i) {
    if (tables[i].rows() == 0) continue;
    ++shown;
    out << "\n" << titles[i].second << "\n" << tables[i].Text(80, o.out.width(), o.out.lang());
  }
  // Nothing stored is not "no trade": said so, with what would fill the dossier.
  if (shown == 0) {
    out << "\n"
        << l.H("в базе нет фактов о ", "the knowledge base holds no facts about ") << code
        << l.H(" (это не значит, что торговли нет: статей о нём не загружено; oborot ingest, oborot import-official)",
               " (which does not mean there is no trade: no article about it was stored; oborot ingest, oborot "
               "import-official)")
        << "\n";
  }
  if (!note.empty()) out << "\n" << note << "\n";
  return kExitOk;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ShowOptionsCli>();
  app.add_option("party", o->party,
                 "a party code (RU-VOR) or name in any form («воронежская область»); several codes compare parties")
      ->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 20);
  app.add_option("--threshold", o->threshold,
                 "mark an announced figure contradicted when official data differs by more than PERCENT (default 10)")
      ->check(CLI::NonNegativeNumber);
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
    const OutputFormat format = o->out.format();
    const bool sheets = format == OutputFormat::kCsv || format == OutputFormat::kXlsx;
    OutputTarget target;
    if (!sheets && !target.Open(o->out.out)) return kExitUsage;
    std::vector<out::Sheet> book;
    std::vector<nlohmann::ordered_json> dossiers;
    int status = kExitOk;
    for (size_t i = 0; i < inputs.size(); ++i) {
      auto code = kb::ResolveParty((*store)->db(), inputs[i], resolver);
      if (!code.ok()) {
        std::cerr << "oborot: " << code.status().message() << "\n";
        status = kExitSomeFailed;
        continue;
      }
      if (i > 0 && format == OutputFormat::kTable) target.stream() << "\n";
      status = std::max(status, ShowOne((*store)->db(), *code, n, *o, sheets ? std::cout : target.stream(), book,
                                        dossiers, inputs.size() > 1));
    }
    if (!dossiers.empty()) {
      auto a = nlohmann::ordered_json::array();
      for (auto& j : dossiers) a.push_back(std::move(j));
      target.stream() << a.dump(2) << "\n";
    }
    if (sheets && !book.empty()) status = std::max(status, EmitSheets(book, o->out));
    return status;
  };
}

const Registrar kReg("show", "print the dossier of a party (code or name in any form), or compare several codes",
                     Setup);

}  // namespace
}  // namespace oborot::cli
