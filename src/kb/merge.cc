#include "src/kb/merge.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>

#include "src/base/utf8.h"

namespace oborot::kb {
namespace {

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

namespace {

using simdjson::dom::element;

// The JSON accessors as nlohmann's find + is_* + get<> answer them: a field
// of another type reads as absent.
std::string Str(element e) {
  std::string_view v;
  return e.get_string().get(v) ? std::string() : std::string(v);
}

std::optional<double> Num(element e) {
  double v = 0;
  if (!e.is_number() || e.get_double().get(v)) return std::nullopt;
  return v;
}

std::optional<int64_t> Int(element e) {
  auto v = Num(e);
  if (!v) return std::nullopt;
  return static_cast<int64_t>(std::llround(*v));
}

// Fills every column of `f` but `json` from one parsed line. Fields are read
// in order, so a repeated field counts with its last value (as nlohmann's
// parser has it).
Status Flatten(element line, FactRow& f) {
  simdjson::dom::object j;
  if (line.get_object().get(j)) return Status(StatusCode::kInvalidInput, "fact line is not a JSON object");
  std::string of;
  bool bad_parties = false, bad_party = false;
  for (auto field : j) {
    const std::string_view k = field.key;
    const element v = field.value;
    if (k == "type") {
      f.type = Str(v);
    } else if (k == "parties") {
      f.parties.clear();
      bad_parties = bad_party = false;
      simdjson::dom::array list;
      if (v.get_array().get(list)) {
        bad_parties = true;
        continue;
      }
      for (element p : list) {
        std::string_view s;
        if (p.get_string().get(s)) {
          bad_party = true;
          break;
        }
        f.parties.emplace_back(s);
      }
    } else if (k == "status") {
      f.status = Str(v);
    } else if (k == "value") {
      f.value = Num(v);
    } else if (k == "currency") {
      f.currency = Str(v);
    } else if (k == "qualifier") {
      f.qualifier = Str(v);
    } else if (k == "year") {
      f.year = Int(v);
    } else if (k == "period") {
      f.period = Str(v);
    } else if (k == "sectoral") {
      bool b = false;
      f.sectoral = !v.get_bool().get(b) && b;
    } else if (k == "sector") {
      f.sector = Str(v);
    } else if (k == "speaker") {
      f.speaker = Str(v);
    } else if (k == "percent") {
      f.percent = Num(v);
    } else if (k == "date") {
      f.date = Str(v);
    } else if (k == "place") {
      f.place = Str(v);
    } else if (k == "participants") {
      // Kept as nlohmann writes it (keys sorted): what the store always kept.
      f.participants.clear();
      if (v.is_array()) {
        const auto list = nlohmann::json::parse(simdjson::to_string(v), nullptr, /*allow_exceptions=*/false);
        if (!list.is_discarded()) f.participants = list.dump();
      }
    } else if (k == "name") {
      f.name = Str(v);
    } else if (k == "of") {
      of = Str(v);
    } else if (k == "country") {
      f.country = Str(v);
    } else if (k == "quantity") {
      f.quantity = Num(v);
    } else if (k == "unit") {
      f.unit = Str(v);
    } else if (k == "from") {
      f.flow_from = Str(v);
    } else if (k == "to") {
      f.flow_to = Str(v);
    } else if (k == "evidence") {
      f.quote.clear();
      f.start = f.end = std::nullopt;
      simdjson::dom::object ev;
      if (v.get_object().get(ev)) continue;
      for (auto e : ev) {
        if (e.key == "text") {
          f.quote = Str(e.value);
        } else if (e.key == "start") {
          f.start = Int(e.value);
        } else if (e.key == "end") {
          f.end = Int(e.value);
        }
      }
    }
  }
  if (f.type.empty()) return Status(StatusCode::kInvalidInput, "fact line has no \"type\"");
  if (bad_parties) return Status(StatusCode::kInvalidInput, "\"parties\" is not a list");
  if (bad_party) return Status(StatusCode::kInvalidInput, "\"parties\" holds a non-string");
  std::sort(f.parties.begin(), f.parties.end());
  if (!f.parties.empty()) f.party_a = f.parties[0];
  if (f.parties.size() > 1) f.party_b = f.parties[1];
  if (f.name.empty()) f.name = std::move(of);
  return Status::Ok();
}

}  // namespace

Result<FactRow> FactRowFromLine(std::string_view line) {
  // One parser per thread: a parser keeps its buffers between lines.
  thread_local simdjson::dom::parser parser;
  element root;
  if (parser.parse(line.data(), line.size()).get(root)) {
    return Status(StatusCode::kInvalidInput, "fact line is not valid JSON");
  }
  FactRow f;
  if (Status st = Flatten(root, f); !st.ok()) return st;
  f.json = std::string(line);
  return f;
}

Result<FactRow> FactRowFromJson(const nlohmann::json& j) { return FactRowFromLine(j.dump()); }

std::string GroupKey(const FactRow& f, std::string_view doc_id, size_t index) {
  std::string k = f.type;
  k += '|';
  k += f.party_a;
  k += '|';
  k += f.party_b;
  k += '|';
  auto year = [&] { return f.year ? std::to_string(*f.year) : std::string("-"); };
  auto own = [&] { return "doc:" + std::string(doc_id) + "#" + std::to_string(index); };
  if (f.type == "turnover" || f.type == "trade_flow") {
    if (f.type == "trade_flow") k += f.flow_from + '>' + f.flow_to + '|';
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
  if (f.type == "turnover" || f.type == "trade_flow") return f.value;
  if (f.type == "turnover_change" || f.type == "turnover_share") return f.percent;
  return std::nullopt;
}

bool SameFigure(double a, double b, bool is_percent) {
  const double diff = std::fabs(a - b);
  if (is_percent && diff <= 0.1 + 1e-9) return true;
  return diff <= kMergeTolerance * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
}

}  // namespace oborot::kb
