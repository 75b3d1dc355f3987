#include "src/kb/merge.h"

#include <algorithm>
#include <cmath>

#include "src/base/utf8.h"

namespace oborot::kb {
namespace {

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::optional<double> Num(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::optional<int64_t> Int(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return static_cast<int64_t>(std::llround(it->get<double>()));
}

// A period of "" and "year" mean the same: a full calendar year.
std::string_view NormalPeriod(std::string_view p) { return p.empty() ? std::string_view("year") : p; }

// Collapses runs of spaces and folds case, so «ОАО  "Гомсельмаш"» and «оао "гомсельмаш"» agree.
std::string NameKey(std::string_view s) {
  std::string folded = FoldCase(s);
  std::string out;
  bool space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<FactRow> FactRowFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return Status(StatusCode::kInvalidInput, "fact line is not a JSON object");
  FactRow f;
  f.type = Str(j, "type");
  if (f.type.empty()) return Status(StatusCode::kInvalidInput, "fact line has no \"type\"");
  auto parties = j.find("parties");
  if (parties != j.end()) {
    if (!parties->is_array()) return Status(StatusCode::kInvalidInput, "\"parties\" is not a list");
    for (const auto& p : *parties) {
      if (!p.is_string()) return Status(StatusCode::kInvalidInput, "\"parties\" holds a non-string");
      f.parties.push_back(p.get<std::string>());
    }
  }
  std::sort(f.parties.begin(), f.parties.end());
  if (!f.parties.empty()) f.party_a = f.parties[0];
  if (f.parties.size() > 1) f.party_b = f.parties[1];
  f.status = Str(j, "status");
  f.value = Num(j, "value");
  f.currency = Str(j, "currency");
  f.qualifier = Str(j, "qualifier");
  f.year = Int(j, "year");
  f.period = Str(j, "period");
  auto sectoral = j.find("sectoral");
  f.sectoral = sectoral != j.end() && sectoral->is_boolean() && sectoral->get<bool>();
  f.sector = Str(j, "sector");
  f.speaker = Str(j, "speaker");
  f.percent = Num(j, "percent");
  f.date = Str(j, "date");
  f.place = Str(j, "place");
  auto participants = j.find("participants");
  if (participants != j.end() && participants->is_array()) f.participants = participants->dump();
  f.name = Str(j, "name");
  if (f.name.empty()) f.name = Str(j, "of");
  f.country = Str(j, "country");
  f.quantity = Num(j, "quantity");
  f.unit = Str(j, "unit");
  auto ev = j.find("evidence");
  if (ev != j.end() && ev->is_object()) {
    f.quote = Str(*ev, "text");
    f.start = Int(*ev, "start");
    f.end = Int(*ev, "end");
  }
  f.json = j.dump();
  return f;
}

std::string GroupKey(const FactRow& f, std::string_view doc_id, size_t index) {
  std::string k = f.type;
  k += '|';
  k += f.party_a;
  k += '|';
  k += f.party_b;
  k += '|';
  auto year = [&] { return f.year ? std::to_string(*f.year) : std::string("-"); };
  auto own = [&] { return "doc:" + std::string(doc_id) + "#" + std::to_string(index); };
  if (f.type == "turnover") {
    k += f.status + '|' + year() + '|' + std::string(NormalPeriod(f.period)) + '|' + (f.sectoral ? "1" : "0") + '|' +
         NameKey(f.sector) + '|' + f.currency;
  } else if (f.type == "turnover_change") {
    k += year() + '|' + std::string(NormalPeriod(f.period)) + '|' + (f.sectoral ? "1" : "0") + '|' + NameKey(f.sector);
  } else if (f.type == "turnover_share") {
    k += year() + '|' + NameKey(f.name) + '|' + (f.sectoral ? "1" : "0") + '|' + NameKey(f.sector);
  } else if (f.type == "meeting") {
    k += f.date.empty() ? own() : f.date;
  } else if (f.type == "organization") {
    k += NameKey(f.name) + '|' + f.country;
  } else if (f.type == "sector") {
    k += NameKey(f.sector.empty() ? f.name : f.sector);
  } else if (f.type == "project") {
    k += NameKey(f.name);
  } else {
    k += own();
  }
  return k;
}

std::optional<double> FigureOf(const FactRow& f) {
  if (f.type == "turnover") return f.value;
  if (f.type == "turnover_change" || f.type == "turnover_share") return f.percent;
  return std::nullopt;
}

bool SameFigure(double a, double b, bool is_percent) {
  const double diff = std::fabs(a - b);
  if (is_percent && diff <= 0.1 + 1e-9) return true;
  return diff <= kMergeTolerance * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
}

}  // namespace oborot::kb
