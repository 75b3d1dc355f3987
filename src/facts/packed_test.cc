// PackFact/UnpackFact: every field comes back as it was, and the JSONL line
// of an unpacked fact is the line of the fact.
#include "src/facts/packed.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "src/facts/json.h"

namespace oborot::facts {
namespace {

void ExpectSame(const Fact& a, const Fact& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.parties, b.parties);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(std::signbit(a.value), std::signbit(b.value));
  EXPECT_TRUE(a.value == b.value || (std::isnan(a.value) && std::isnan(b.value)));
  EXPECT_EQ(a.value_min, b.value_min);
  EXPECT_EQ(a.value_max, b.value_max);
  EXPECT_EQ(a.currency, b.currency);
  EXPECT_EQ(a.qualifier, b.qualifier);
  EXPECT_EQ(a.year, b.year);
  EXPECT_EQ(a.period, b.period);
  EXPECT_EQ(a.sectoral, b.sectoral);
  EXPECT_EQ(a.sector, b.sector);
  EXPECT_EQ(a.speaker, b.speaker);
  EXPECT_EQ(a.forecast, b.forecast);
  EXPECT_EQ(a.forecast_by, b.forecast_by);
  EXPECT_EQ(a.flow_from, b.flow_from);
  EXPECT_EQ(a.flow_to, b.flow_to);
  EXPECT_EQ(a.percent, b.percent);
  EXPECT_EQ(a.date.has_value(), b.date.has_value());
  if (a.date && b.date) {
    EXPECT_EQ(*a.date, *b.date);
  }
  EXPECT_EQ(a.place, b.place);
  ASSERT_EQ(a.participants.size(), b.participants.size());
  for (size_t i = 0; i < a.participants.size(); ++i) {
    EXPECT_EQ(a.participants[i].name, b.participants[i].name);
    EXPECT_EQ(a.participants[i].role, b.participants[i].role);
    EXPECT_EQ(a.participants[i].party, b.participants[i].party);
  }
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.country, b.country);
  EXPECT_EQ(a.quantity, b.quantity);
  EXPECT_EQ(a.unit, b.unit);
  EXPECT_EQ(a.evidence.text, b.evidence.text);
  EXPECT_EQ(a.evidence.span.start, b.evidence.span.start);
  EXPECT_EQ(a.evidence.span.end, b.evidence.span.end);
  EXPECT_EQ(a.rule, b.rule);
  ASSERT_EQ(a.used.size(), b.used.size());
  for (size_t i = 0; i < a.used.size(); ++i) {
    EXPECT_EQ(a.used[i].what, b.used[i].what);
    EXPECT_EQ(a.used[i].span.start, b.used[i].span.start);
    EXPECT_EQ(a.used[i].span.end, b.used[i].span.end);
  }
  EXPECT_EQ(a.confidence, b.confidence);
}

TEST(PackedFactTest, AnEmptyFactComesBackEmpty) {
  const Fact f;
  const std::string bytes = PackFact(f);
  EXPECT_EQ(PackedFactType(bytes), FactType::kTurnover);
  ExpectSame(UnpackFact(bytes), f);
}

TEST(PackedFactTest, EveryFieldComesBack) {
  Fact f;
  f.type = FactType::kMeeting;
  f.parties = {"BY", "RU-KLU", std::string(200, 'x')};  // a string longer than one varint byte counts
  f.status = "target";
  f.value = -0.0;
  f.value_min = 3e8;
  f.value_max = std::numeric_limits<double>::infinity();
  f.currency = "RUB";
  f.qualifier = "more_than";
  f.year = -5;
  f.period = "9M";
  f.sectoral = true;
  f.sector = "agri";
  f.speaker = "Иван Петров";
  f.forecast = true;
  f.forecast_by = "аналитики";
  f.flow_from = "BY";
  f.flow_to = "RU-KLU";
  f.percent = -12.5;
  f.date = Date{2024, 6, 10};
  f.place = "Калуга";
  f.participants = {{"Иван Петров", "губернатор", "RU-KLU"}, {"", "", ""}};
  f.name = "ОАО «Завод»";
  f.country = "BY";
  f.quantity = 40;
  f.unit = "трактор";
  f.evidence = {"Предложение.", {70000, 4000000000u}};
  f.rule = "meeting.cue+place";
  f.used = {{"party", {1, 2}}, {"date", {3, 4}}};
  f.confidence = 0.75;
  const std::string bytes = PackFact(f);
  EXPECT_EQ(PackedFactType(bytes), FactType::kMeeting);
  EXPECT_LT(bytes.size(), sizeof(Fact) + 200);
  ExpectSame(UnpackFact(bytes), f);
}

TEST(PackedFactTest, AnUnpackedFactWritesTheSameLine) {
  Document doc;
  doc.id = "d";
  doc.text = "Товарооборот вырос до 500 млн долларов.";
  const CodePointIndex index(doc.text);
  Fact f;
  f.parties = {"BY", "RU-MOW"};
  f.status = "actual";
  f.value = 5e8;
  f.currency = "USD";
  f.qualifier = "exact";
  f.year = 2023;
  f.period = "year";
  f.evidence.span = {0, static_cast<uint32_t>(doc.text.size())};
  f.rule = "turnover.cue+actual";
  const std::string line = FactJsonLine(doc, f, index);
  EXPECT_EQ(FactJsonLine(doc, UnpackFact(PackFact(f)), index), line);
  EXPECT_NE(line.find("\"value\":500000000"), std::string::npos) << line;
}

}  // namespace
}  // namespace oborot::facts
