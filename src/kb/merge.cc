#include "src/kb/merge.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>

#include "oborot/document.h"
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

// The JSON type a known field must have (null always reads as absent).
enum class Want { kString, kNumber, kInteger, kBool };

// Known fields of a fact line and their types. A fact line written by
// another tool (`ingest --facts`) with a field of another type is refused
// naming the field: read as absent, "value": "1,2 млрд" stored a turnover
// without its figure. Fields not listed are kept in `json` unread.
std::optional<Want> WantOf(std::string_view k) {
  static constexpr std::pair<std::string_view, Want> kFields[] = {
      {"doc", Want::kString},         {"type", Want::kString},      {"status", Want::kString},
      {"value", Want::kNumber},       {"currency", Want::kString},  {"qualifier", Want::kString},
      {"year", Want::kInteger},       {"period", Want::kString},    {"sectoral", Want::kBool},
      {"sector", Want::kString},      {"speaker", Want::kString},   {"forecast", Want::kBool},
      {"forecast_by", Want::kString}, {"percent", Want::kNumber},   {"date", Want::kString},
      {"place", Want::kString},       {"name", Want::kString},      {"of", Want::kString},
      {"country", Want::kString},     {"quantity", Want::kNumber},  {"unit", Want::kString},
      {"from", Want::kString},        {"to", Want::kString},
  };
  for (const auto& [name, want] : kFields) {
    if (name == k) return want;
  }
  return std::nullopt;
}

// Whole numbers a fact line may carry (years, offsets) are far below 2^53.
constexpr double kMaxWhole = 9007199254740992.0;

bool Whole(element v) {
  double d = 0;
  return v.is_number() && !v.get_double().get(d) && std::isfinite(d) && std::fabs(d) <= kMaxWhole &&
         d == std::floor(d);
}

// Empty when `v` fits `want` (or is null), else what is wrong with it.
std::string TypeProblem(std::string_view key, element v, Want want) {
  if (v.is_null()) return {};
  switch (want) {
    case Want::kString:
      if (v.is_string()) return {};
      return "\"" + std::string(key) + "\" is not a string";
    case Want::kNumber:
      if (v.is_number()) return {};
      return "\"" + std::string(key) + "\" is not a number";
    case Want::kInteger:
      if (Whole(v)) return {};
      return "\"" + std::string(key) + "\" is not a whole number";
    case Want::kBool:
      if (v.is_bool()) return {};
      return "\"" + std::string(key) + "\" is not true or false";
  }
  return {};
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
    if (const auto want = WantOf(k)) {
      if (std::string problem = TypeProblem(k, v, *want); !problem.empty()) {
        return Status(StatusCode::kInvalidInput, problem);
      }
    }
    if (k == "doc") {
      f.doc = Str(v);
    } else if (k == "type") {
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
    } else if (k == "forecast") {
      bool b = false;
      f.forecast = !v.get_bool().get(b) && b;
    } else if (k == "forecast_by") {
      f.forecast_by = Str(v);
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
      if (v.get_object().get(ev)) {
        if (v.is_null()) continue;
        return Status(StatusCode::kInvalidInput, "\"evidence\" is not an object");
      }
      for (auto e : ev) {
        if (e.key == "text") {
          if (!e.value.is_string() && !e.value.is_null()) {
            return Status(StatusCode::kInvalidInput, "\"evidence\".\"text\" is not a string");
          }
          f.quote = Str(e.value);
        } else if (e.key == "start" || e.key == "end") {
          if (e.value.is_null()) continue;
          if (!Whole(e.value) || Int(e.value) < 0) {
            return Status(StatusCode::kInvalidInput,
                          "\"evidence\".\"" + std::string(e.key) + "\" is not an offset (a whole number from 0)");
          }
          (e.key == "start" ? f.start : f.end) = Int(e.value);
        }
      }
      if (f.start && f.end && *f.start > *f.end) {
        return Status(StatusCode::kInvalidInput, "\"evidence\" ends (" + std::to_string(*f.end) +
                                                     ") before it starts (" + std::to_string(*f.start) + ")");
      }
    }
  }
  if (f.type.empty()) return Status(StatusCode::kInvalidInput, "fact line has no \"type\"");
  if (bad_parties) return Status(StatusCode::kInvalidInput, "\"parties\" is not a list");
  if (bad_party) return Status(StatusCode::kInvalidInput, "\"parties\" holds a non-string");
  // Values no news figure takes: refused rather than stored as a figure.
  if (f.year && (*f.year < kMinFactYear || *f.year > kMaxFactYear)) {
    return Status(StatusCode::kInvalidInput, "\"year\" " + std::to_string(*f.year) + " is not a year from " +
                                                 std::to_string(kMinFactYear) + " to " + std::to_string(kMaxFactYear));
  }
  for (const auto& [key, number] : {std::pair{"value", f.value}, std::pair{"quantity", f.quantity}}) {
    if (number && !(*number >= 0 && std::isfinite(*number))) {
      return Status(StatusCode::kInvalidInput, std::string("\"") + key + "\" is negative");
    }
    if (number && *number > kMaxAmount) {
      return Status(StatusCode::kInvalidInput, std::string("\"") + key + "\" is over 1e18, no figure of trade");
    }
  }
  if (!f.date.empty()) {
    // Date::Parse refuses days a month does not have; anything after the day is refused here.
    if (f.date.size() != 10 || !Date::Parse(f.date)) {
      return Status(StatusCode::kInvalidInput, "\"date\" \"" + f.date + "\" is not a date YYYY-MM-DD");
    }
  }
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
    // A forecast is another kind of figure than a goal: the two never merge
    // nor count as a conflict.
    if (f.forecast) k += "|forecast";
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
