#include "src/facts/json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace oborot::facts {
namespace {

Document Doc(std::string text) {
  Document d;
  d.id = "d\"1";
  d.text = std::move(text);
  return d;
}

Fact Turnover(double value, const Document& d) {
  Fact f;
  f.parties = {"BY", "RU-KLU"};
  f.status = "actual";
  f.value = value;
  f.currency = "USD";
  f.year = 2023;
  f.evidence = {d.text, {0, static_cast<uint32_t>(d.text.size())}};
  return f;
}

TEST(JsonTest, EscapesLikeTheContractParserExpects) {
  const Document d = Doc("Кавычки \"так\", слеш \\, табуляция\t, перевод\nстроки, звонок\x07 и \x1f.");
  const std::string line = FactJsonLine(d, Turnover(1, d), CodePointIndex(d.text));
  EXPECT_NE(line.find(R"(\"так\")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(\\,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(\t)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(\n)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(\u0007)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(\u001f)"), std::string::npos) << line;
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["doc"], "d\"1");
  EXPECT_EQ(j["evidence"]["text"], d.text);
  EXPECT_EQ(j["evidence"]["start"], 0);
  EXPECT_EQ(j["evidence"]["end"], CodePointCount(d.text));
}

TEST(JsonTest, InvalidUtf8BecomesReplacementCharacters) {
  const Document d = Doc("ok \xD0 \xFF ok ✓");
  const std::string line = FactJsonLine(d, Turnover(1, d), CodePointIndex(d.text));
  const auto j = nlohmann::json::parse(line);  // would throw on invalid UTF-8
  EXPECT_EQ(j["evidence"]["text"], "ok \xEF\xBF\xBD \xEF\xBF\xBD ok ✓");
}

TEST(JsonTest, NumbersAreWholeOrRoundedToThreeDecimals) {
  const Document d = Doc("x");
  struct Case {
    double value;
    const char* expected;
  };
  for (const Case& c : {Case{1.5e9, "1500000000"}, Case{2.0, "2"}, Case{1.23456, "1.235"}, Case{0.5, "0.5"},
                        Case{-17.25, "-17.25"}, Case{1e16, "1e+16"}, Case{3.0000000001, "3"}, Case{3.23e10 - 4e-6, "32300000000"}, Case{0.0004, "0"}, Case{0.0126, "0.013"}}) {
    Fact f = Turnover(c.value, d);
    const std::string line = FactJsonLine(d, f, CodePointIndex(d.text));
    EXPECT_NE(line.find(std::string("\"value\":") + c.expected + ","), std::string::npos) << c.value << ": " << line;
  }
}

TEST(JsonTest, KeysInContractOrderAndNullsWhereUnknown) {
  Document d = Doc("Встреча.");
  Fact m;
  m.type = FactType::kMeeting;
  m.parties = {"BY", "RU-VOR"};
  m.participants = {{"Александр Гусев", "губернатор", "RU-VOR"}, {"Иван Петров", "", "BY"}};
  m.evidence = {d.text, {0, static_cast<uint32_t>(d.text.size())}};
  EXPECT_EQ(FactJsonLine(d, m, CodePointIndex(d.text)),
            R"({"doc":"d\"1","type":"meeting","parties":["BY","RU-VOR"],"date":null,"place":null,)"
            R"("participants":[{"name":"Александр Гусев","role":"губернатор","party":"RU-VOR"},)"
            R"({"name":"Иван Петров","party":"BY"}],"evidence":{"text":"Встреча.","start":0,"end":8}})");
  d.published = Date{2024, 3, 1};
  d.title = "Заголовок";
  EXPECT_EQ(DocumentJsonLine(d),
            R"({"doc":"d\"1","type":"document","published":"2024-03-01","title":"Заголовок","chars":8})");
}

}  // namespace
}  // namespace oborot::facts
