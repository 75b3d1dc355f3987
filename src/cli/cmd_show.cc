// oborot show PARTY: the dossier of one party: turnover by year, targets,
// changes, meetings, organisations, sectors, projects, and sources with
// their quotes. PARTY is a code (RU-VOR) or any form of a name.
#include <iostream>

#include "src/cli/command.h"
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
  OutputOptions out;               // --json, --csv, --limit (rows per section)
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
    auto d = kb::Show((*store)->db(), *code, o->out.limit);
    if (!d.ok()) {
      std::cerr << "oborot: " << d.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    if (o->out.format() == OutputFormat::kJson) {
      auto j = kb::ToJson(*d);
      j["name"] = n.Name(*code);
      std::cout << j.dump(2) << "\n";
      return kExitOk;
    }
    const bool csv = o->out.format() == OutputFormat::kCsv;
    // CSV rows start with their section's name; the text view has headings instead.
    auto make = [csv](std::vector<std::string> headers) {
      if (csv) headers.insert(headers.begin(), "section");
      return Table(std::move(headers));
    };
    auto row = [csv](Table& t, const char* section, std::vector<std::string> cells) {
      if (csv) cells.insert(cells.begin(), section);
      t.AddRow(std::move(cells));
    };
    const size_t shift = csv ? 1 : 0;
    auto figures = [&](const char* title, const std::vector<kb::Figure>& v) {
      Table t = make({"parties", "year", "figure", "speaker", "announced", "sources", "conflict"});
      for (size_t c : {1u, 2u, 5u}) t.SetAlign(c + shift, Align::kRight);
      for (const auto& f : v) {
        row(t, title, {kb::PairLabel(f.party_a, f.party_b), kb::YearText(f), kb::FigureText(f), f.speaker, f.announced,
                       std::to_string(f.sources), f.conflict ? "yes" : ""});
      }
      return t;
    };
    auto named = [&](const char* title, const std::vector<kb::Figure>& v) {
      Table t = make({"parties", "name", "details", "sources", "last seen"});
      t.SetAlign(3 + shift, Align::kRight);
      for (const auto& f : v) {
        // sectors by their Russian names (data/lexicons/sector_names.tsv), ids kept for machines
        const std::string_view sector_name = lang::SectorNameRu(f.sector);
        std::string details = f.type == "meeting" ? Participants(f.participants)
                              : sector_name.empty()  ? f.sector
                                                     : std::string(sector_name);
        if (f.type == "organization" && !f.country.empty()) details = f.country + (details.empty() ? "" : ", " + details);
        std::string name = f.type == "meeting" ? f.date + (f.place.empty() ? "" : " " + f.place) : kb::FigureText(f);
        row(t, title, {kb::PairLabel(f.party_a, f.party_b), name, details, std::to_string(f.sources), f.last_published});
      }
      return t;
    };
    Table sources = make({"doc", "published", "type", "speaker", "quote"});
    for (const auto& s : d->sources) row(sources, "sources", {s.doc, s.published, s.type, s.speaker, s.quote});
    std::vector<std::pair<const char*, Table>> sections;
    sections.emplace_back("Turnover by year", figures("figures", d->figures));
    sections.emplace_back("Targets", figures("targets", d->targets));
    sections.emplace_back("Changes and shares", figures("changes", d->changes));
    sections.emplace_back("Meetings", named("meetings", d->meetings));
    sections.emplace_back("Organisations", named("organisations", d->organisations));
    sections.emplace_back("Sectors", named("sectors", d->sectors));
    sections.emplace_back("Projects", named("projects", d->projects));
    sections.emplace_back("Sources", std::move(sources));
    if (csv) {
      for (auto& [title, t] : sections) std::cout << t.Csv();  // one header line per section
      return kExitOk;
    }
    const std::string name = n.Name(*code);
    std::cout << *code << (name.empty() ? "" : " — " + name) << "\n";
    size_t shown = 0;
    for (auto& [title, t] : sections) {
      if (t.rows() == 0) continue;
      ++shown;
      std::cout << "\n" << title << "\n" << t.Text(80);
    }
    if (shown == 0) std::cout << "\nnothing stored about " << *code << "\n";
    return kExitOk;
  };
}

const Registrar kReg("show", "print the dossier of a party (code or name in any form)", Setup);

}  // namespace
}  // namespace oborot::cli
