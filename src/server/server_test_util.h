// Test helpers for the server: a small knowledge base written through the kb's
// public API, with a hostile article (<script>, onerror=) among the sources.
//
//   auto dir = oborot::server::testing::TempDir("api");
//   std::string db = oborot::server::testing::WriteSampleDb(dir);
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "src/kb/store.h"

namespace oborot::server::testing {

inline constexpr const char* kHostile = "<script>alert(1)</script>";
inline constexpr const char* kHostileTitle = "Тула <img src=x onerror=alert(1)> и Минск";

inline std::filesystem::path TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("oborot_server_" + name + "_" + std::to_string(static_cast<long>(::getpid())));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Code point offsets of `quote` in `text` (both UTF-8).
inline std::pair<int64_t, int64_t> Offsets(const std::string& text, const std::string& quote) {
  auto cps = [](std::string_view s) {
    int64_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  const size_t at = text.find(quote);
  if (at == std::string::npos) return {-1, -1};
  const int64_t start = cps(std::string_view(text).substr(0, at));
  return {start, start + cps(quote)};
}

inline nlohmann::json Evidence(const std::string& text, const std::string& quote) {
  auto [s, e] = Offsets(text, quote);
  return {{"text", quote}, {"start", s}, {"end", e}};
}

inline nlohmann::json Turnover(const std::string& b, const std::string& status, double value, int year,
                               const std::string& speaker, const nlohmann::json& evidence) {
  nlohmann::json j = {{"type", "turnover"}, {"parties", {"BY", b}}, {"status", status}, {"value", value},
                      {"currency", "USD"},  {"qualifier", "exact"}, {"year", year},     {"period", "year"},
                      {"sectoral", false},  {"evidence", evidence}};
  if (!speaker.empty()) j["speaker"] = speaker;
  return j;
}

// Writes a database with two partners (RU-KLU with figures for 2022 and 2023,
// a target, a meeting and an organisation; RU-TUL from a hostile article).
// Returns its path.
inline std::string WriteSampleDb(const std::filesystem::path& dir) {
  const std::string path = (dir / "test.db").string();
  auto store = kb::Store::Open(path, {});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return path;
  kb::Store& kb = **store;

  const std::string t1 =
      "Калуга и Минск подвели итоги года.\n\nВ 2022 году товарооборот Беларуси и Калужской области составил "
      "450 миллионов долларов.\n\nГубернатор Владислав Шапша поставил цель довести товарооборот до миллиарда "
      "долларов к 2025 году.";
  const std::string q1 = "В 2022 году товарооборот Беларуси и Калужской области составил 450 миллионов долларов.";
  const std::string q2 =
      "Губернатор Владислав Шапша поставил цель довести товарооборот до миллиарда долларов к 2025 году.";
  nlohmann::json meeting = {
      {"type", "meeting"},
      {"parties", {"BY", "RU-KLU"}},
      {"date", "2023-03-02"},
      {"place", "Минск"},
      {"participants", {{{"name", "Владислав Шапша"}, {"role", "губернатор"}, {"party", "RU-KLU"}}}},
      {"evidence", Evidence(t1, "Калуга и Минск подвели итоги года.")}};
  auto r1 = kb.IngestDocument({{"doc", "klu-2023"},
                               {"type", "document"},
                               {"published", "2023-03-03"},
                               {"title", "Калуга и Минск"},
                               {"url", "https://example.org/klu"}},
                              {Turnover("RU-KLU", "actual", 4.5e8, 2022, "", Evidence(t1, q1)),
                               Turnover("RU-KLU", "target", 1e9, 2025, "Владислав Шапша", Evidence(t1, q2)), meeting},
                              t1);
  EXPECT_TRUE(r1.ok()) << r1.status().ToString();

  const std::string t2 =
      "В 2023 году товарооборот Беларуси и Калужской области составил 520 миллионов долларов. "
      "В регионе работает сборочное производство МАЗ.";
  nlohmann::json org = {{"type", "organization"},
                        {"parties", {"BY", "RU-KLU"}},
                        {"name", "МАЗ"},
                        {"country", "BY"},
                        {"evidence", Evidence(t2, "В регионе работает сборочное производство МАЗ.")}};
  auto r2 = kb.IngestDocument(
      {{"doc", "klu-2024"}, {"type", "document"}, {"published", "2024-02-10"}, {"title", "Калужская торговля"}},
      {Turnover("RU-KLU", "actual", 5.2e8, 2023, "",
                Evidence(t2, "В 2023 году товарооборот Беларуси и Калужской области составил 520 миллионов долларов.")),
       org},
      t2);
  EXPECT_TRUE(r2.ok()) << r2.status().ToString();

  const std::string t3 = std::string("Строка ") + kHostile + " попала в текст. В 2022 году товарооборот Беларуси и " +
                         "Тульской области составил 350 миллионов долларов «onerror=alert(2)».";
  auto r3 = kb.IngestDocument(
      {{"doc", "tula-xss"},
       {"type", "document"},
       {"published", "2023-09-01"},
       {"title", kHostileTitle},
       {"url", "javascript:alert(1)"}},
      {Turnover("RU-TUL", "actual", 3.5e8, 2022, "",
                Evidence(t3,
                         "В 2022 году товарооборот Беларуси и Тульской области составил 350 миллионов долларов "
                         "«onerror=alert(2)»."))},
      t3);
  EXPECT_TRUE(r3.ok()) << r3.status().ToString();
  return path;
}

}  // namespace oborot::server::testing
