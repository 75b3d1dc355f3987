#include "src/facts/json.h"

#include <cmath>

namespace oborot {

std::string_view FactTypeName(FactType t) {
  switch (t) {
    case FactType::kTurnover: return "turnover";
    case FactType::kTurnoverChange: return "turnover_change";
    case FactType::kTurnoverShare: return "turnover_share";
    case FactType::kMeeting: return "meeting";
    case FactType::kOrganization: return "organization";
    case FactType::kSector: return "sector";
    case FactType::kProject: return "project";
  }
  return "unknown";
}

namespace facts {
namespace {
// Whole numbers print without a fraction; others keep one decimal place of a percent.
nlohmann::ordered_json Number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 9e15) return static_cast<int64_t>(std::llround(v));
  return std::round(v * 1000.0) / 1000.0;
}
}  // namespace

nlohmann::ordered_json DocumentToJson(const Document& doc) {
  nlohmann::ordered_json j;
  j["doc"] = doc.id;
  j["type"] = "document";
  j["published"] = doc.published ? nlohmann::ordered_json(doc.published->ToString()) : nlohmann::ordered_json();
  j["title"] = doc.title ? nlohmann::ordered_json(*doc.title) : nlohmann::ordered_json();
  j["chars"] = CodePointCount(doc.text);
  if (!doc.url.empty()) j["url"] = doc.url;
  if (!doc.source.empty()) j["source"] = doc.source;
  if (!doc.encoding.empty() && doc.encoding != "UTF-8") j["encoding"] = doc.encoding;
  if (!doc.published_how.empty()) j["published_how"] = doc.published_how;
  if (!doc.dateline_city.empty()) j["dateline_city"] = doc.dateline_city;
  return j;
}

nlohmann::ordered_json FactToJson(const Document& doc, const Fact& f, const CodePointIndex& index) {
  nlohmann::ordered_json j;
  j["doc"] = doc.id;
  j["type"] = FactTypeName(f.type);
  j["parties"] = f.parties;
  auto year = [&] { return f.year ? nlohmann::ordered_json(*f.year) : nlohmann::ordered_json(); };
  switch (f.type) {
    case FactType::kTurnover:
    case FactType::kTurnoverShare:
      if (f.type == FactType::kTurnover) {
        j["status"] = f.status;
        j["value"] = Number(f.value);
        j["currency"] = f.currency;
        j["qualifier"] = f.qualifier.empty() ? "exact" : f.qualifier;
      } else {
        j["percent"] = Number(f.percent);
        if (!f.name.empty()) j["of"] = f.name;
      }
      j["year"] = year();
      if (!f.period.empty()) j["period"] = f.period;
      j["sectoral"] = f.sectoral;
      if (!f.sector.empty()) j["sector"] = f.sector;
      break;
    case FactType::kTurnoverChange:
      j["percent"] = Number(f.percent);
      j["year"] = year();
      j["sectoral"] = f.sectoral;
      if (!f.sector.empty()) j["sector"] = f.sector;
      break;
    case FactType::kMeeting: {
      j["date"] = f.date ? nlohmann::ordered_json(f.date->ToString()) : nlohmann::ordered_json();
      j["place"] = f.place.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(f.place);
      auto arr = nlohmann::ordered_json::array();
      for (const auto& p : f.participants) {
        nlohmann::ordered_json pj;
        pj["name"] = p.name;
        if (!p.role.empty()) pj["role"] = p.role;
        pj["party"] = p.party;
        arr.push_back(std::move(pj));
      }
      j["participants"] = std::move(arr);
      break;
    }
    case FactType::kOrganization:
      j["name"] = f.name;
      j["country"] = f.country.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(f.country);
      if (!f.sector.empty()) j["sector"] = f.sector;
      break;
    case FactType::kSector:
      j["sector"] = f.sector;
      break;
    case FactType::kProject:
      j["name"] = f.name;
      if (f.value > 0) {
        j["value"] = Number(f.value);
        j["currency"] = f.currency;
      }
      if (f.quantity) {
        j["quantity"] = Number(*f.quantity);
        j["unit"] = f.unit;
      }
      if (!f.status.empty()) j["status"] = f.status;
      if (!f.sector.empty()) j["sector"] = f.sector;
      break;
  }
  if (!f.speaker.empty()) j["speaker"] = f.speaker;
  nlohmann::ordered_json ev;
  ev["text"] = f.evidence.text;
  ev["start"] = index.ToCodePoints(f.evidence.span.start);
  ev["end"] = index.ToCodePoints(f.evidence.span.end);
  j["evidence"] = std::move(ev);
  if (!f.rule.empty()) j["rule"] = f.rule;
  (void)doc;
  return j;
}

}  // namespace facts
}  // namespace oborot
