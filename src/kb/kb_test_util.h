// Test helpers for the knowledge base: fact and document lines as the
// extractor writes them, and temporary database paths.
//
//   auto dir = TempDir("store");
//   store->IngestDocument(DocLine("a", "2024-03-01"), {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}, kText);
#pragma once

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace oborot::kb::testing {

inline std::filesystem::path TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("oborot_kb_" + name + "_" + std::to_string(static_cast<long>(::getpid())));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline nlohmann::json DocLine(const std::string& id, const std::string& published, const std::string& title = "") {
  nlohmann::json j;
  j["doc"] = id;
  j["type"] = "document";
  j["published"] = published.empty() ? nlohmann::json() : nlohmann::json(published);
  j["title"] = title.empty() ? nlohmann::json() : nlohmann::json(title);
  return j;
}

inline nlohmann::json Turnover(const std::string& a, const std::string& b, const std::string& status, double value,
                               int year, const std::string& speaker = "", const std::string& quote = "",
                               const std::string& currency = "USD") {
  nlohmann::json j;
  j["type"] = "turnover";
  j["parties"] = {a, b};
  j["status"] = status;
  j["value"] = value;
  j["currency"] = currency;
  j["qualifier"] = "exact";
  j["year"] = year;
  j["sectoral"] = false;
  if (!speaker.empty()) j["speaker"] = speaker;
  j["evidence"] = {{"text", quote.empty() ? "Товарооборот вырос." : quote}, {"start", 0}, {"end", 10}};
  return j;
}

inline nlohmann::json Meeting(const std::string& a, const std::string& b, const std::string& date,
                              const std::string& place) {
  nlohmann::json j;
  j["type"] = "meeting";
  j["parties"] = {a, b};
  j["date"] = date;
  j["place"] = place;
  j["participants"] = nlohmann::json::array({{{"name", "Александр Гусев"}, {"role", "губернатор"}, {"party", b}}});
  j["evidence"] = {{"text", "Состоялась встреча."}, {"start", 0}, {"end", 19}};
  return j;
}

inline nlohmann::json Named(const std::string& type, const std::string& a, const std::string& b,
                            const std::string& name) {
  nlohmann::json j;
  j["type"] = type;
  j["parties"] = {a, b};
  if (type == "sector") {
    j["sector"] = name;
  } else {
    j["name"] = name;
  }
  j["evidence"] = {{"text", "Упоминание."}, {"start", 0}, {"end", 11}};
  return j;
}

}  // namespace oborot::kb::testing
