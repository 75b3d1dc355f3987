// oborot show PARTY: the dossier of one party: turnover by year, targets,
// changes, meetings, organisations, sectors, projects, and sources with
// their quotes. PARTY is a code (RU-VOR) or any form of a name.
#include <iostream>

#include "src/cli/command.h"
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
  std::vector<std::string> party;  // words of the code or name: `show воронежская область`
  std::string db = "oborot.db";    // --db PATH
  OutputOptions out;               // --format, --json, --csv, --excel, --out, --limit (rows per section)
  double threshold = 10;           // --threshold PERCENT: official figures contradict beyond it
};

std::string Join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

// The participants JSON of a meeting as "Имя Фамилия (роль), ...".
std::string Participants(const std::string& json) {
  auto a = nlohmann::json::parse(json, nullptr, false);
  if (!a.is_array()) return {};
  std::string s;
  for (const auto& p : a) {
    if (!p.is_object()) continue;
    std::string one = p.value("name", "");
    if (p.contains("role") && p["role"].is_string()) one += " (" + p["role"].get<std::string>() + ")";
    s += (s.empty() ? "" : ", ") + one;
  }
  return s;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ShowOptionsCli>();
  app.add_option("party", o->party, "a party code (RU-VOR) or name in any form («воронежская область»)")->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 20);
  app.add_option("--threshold", o->threshold,
                 "mark an announced figure contradicted when official data differs by more than PERCENT (default 10)")
      ->check(CLI::NonNegativeNumber);
  return [o]() -> int {
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    auto names = kb::PartyNames::Load();
    if (!names.ok()) {
      std::cerr << "oborot: " << names.status().ToString() << "\n";
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
    auto code = kb::ResolveParty((*store)->db(), Join(o->party), resolver);
    if (!code.ok()) {
      std::cerr << "oborot: " << code.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    auto d = kb::Show((*store)->db(), *code, o->out.limit, {.threshold_percent = o->threshold});
    if (!d.ok()) {
      std::cerr << "oborot: " << d.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    const OutputFormat format = o->out.format();
    if (format == OutputFormat::kCsv || format == OutputFormat::kXlsx) {
      return EmitSheets(DossierSheets(*d, [&n](std::string_view c) { return n.Name(c); }), o->out);
    }
    OutputTarget target;
    if (!target.Open(o->out.out)) return kExitUsage;
    std::ostream& out = target.stream();
    if (format == OutputFormat::kJson) {
      auto j = kb::ToJson(*d);
      j["name"] = n.Name(*code);
      out << j.dump(2) << "\n";
      return kExitOk;
    }
    auto figures = [&](const std::vector<kb::Figure>& v, bool official) {
      std::vector<std::string> headers{"parties", "year", "figure", "speaker", "announced", "sources", "conflict"};
      if (official) headers.insert(headers.begin() + 3, {"official", "vs official"});
      Table t(std::move(headers));
      for (size_t c : {1u, 2u, 5u}) t.SetAlign(c, Align::kRight);
      if (official) t.SetAlign(3, Align::kRight), t.SetAlign(4, Align::kRight), t.SetAlign(7, Align::kRight);
      bool converted = false, contradicted = false;
      for (const auto& f : v) {
        std::vector<std::string> cells{kb::PairLabel(f.party_a, f.party_b), kb::YearText(f), kb::FigureText(f),
                                       f.speaker, f.announced, std::to_string(f.sources), f.conflict ? "yes" : ""};
        if (official) {
          cells.insert(cells.begin() + 3, {f.official ? kb::OfficialText(*f.official) : "",
                                           f.official ? kb::DifferenceText(*f.official) : ""});
          converted |= f.official && f.official->converted;
          contradicted |= f.official && f.official->contradicted;
        }
        t.AddRow(std::move(cells));
      }
      if (converted) t.AddNote("* compared in US dollars at the year's average rate (oborot import-rates)");
      if (contradicted) t.AddNote("✗ official statistics contradict the announced figure beyond the threshold");
      return t;
    };
    auto named = [&](const std::vector<kb::Figure>& v) {
      Table t({"parties", "name", "details", "sources", "last seen"});
      t.SetAlign(3, Align::kRight);
      for (const auto& f : v) {
        // sectors by their Russian names (data/lexicons/sector_names.tsv), ids kept for machines
        const std::string_view sector_name = lang::SectorNameRu(f.sector);
        std::string details = f.type == "meeting" ? Participants(f.participants)
                              : sector_name.empty()  ? f.sector
                                                     : std::string(sector_name);
        if (f.type == "organization" && !f.country.empty()) details = f.country + (details.empty() ? "" : ", " + details);
        std::string name = f.type == "meeting" ? f.date + (f.place.empty() ? "" : " " + f.place) : kb::FigureText(f);
        t.AddRow({kb::PairLabel(f.party_a, f.party_b), name, details, std::to_string(f.sources), f.last_published});
      }
      return t;
    };
    Table official({"reporter", "partner", "year", "flow", "value", "source"});
    for (size_t c : {2u, 4u}) official.SetAlign(c, Align::kRight);
    for (const auto& f : d->official) {
      official.AddRow({f.reporter, f.partner, f.period == "year" ? std::to_string(f.year) : std::to_string(f.year) + " " + f.period,
                       f.flow, kb::FormatMoney(f.value, f.currency), f.source_name});
    }
    Table sources({"doc", "published", "type", "speaker", "quote"});
    for (const auto& s : d->sources) sources.AddRow({s.doc, s.published, s.type, s.speaker, s.quote});
    std::vector<std::pair<const char*, Table>> sections;
    sections.emplace_back("Turnover by year", figures(d->figures, true));
    sections.emplace_back("Official figures", std::move(official));
    sections.emplace_back("Targets", figures(d->targets, false));
    sections.emplace_back("Changes and shares", figures(d->changes, false));
    sections.emplace_back("Exports and imports", figures(d->flows, false));
    sections.emplace_back("Meetings", named(d->meetings));
    sections.emplace_back("Organisations", named(d->organisations));
    sections.emplace_back("Sectors", named(d->sectors));
    sections.emplace_back("Projects", named(d->projects));
    sections.emplace_back("Sources", std::move(sources));
    const std::string name = n.Name(*code);
    out << *code << (name.empty() ? "" : " — " + name) << "\n";
    size_t shown = 0;
    for (auto& [title, t] : sections) {
      if (t.rows() == 0) continue;
      ++shown;
      out << "\n" << title << "\n" << t.Text(80);
    }
    if (shown == 0) out << "\nnothing stored about " << *code << "\n";
    return kExitOk;
  };
}

const Registrar kReg("show", "print the dossier of a party (code or name in any form)", Setup);

}  // namespace
}  // namespace oborot::cli
