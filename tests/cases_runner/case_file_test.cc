// The case parser and the matcher, on hand-made files and prediction lists.
#include "tests/cases_runner/case_file.h"

#include <gtest/gtest.h>

namespace oborot::cases {
namespace {

using nlohmann::json;

json J(const char* s) { return json::parse(s); }

constexpr char kTurnover[] =
    R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":118000000,"currency":"USD",)"
    R"("qualifier":"exact","year":2022,"sectoral":true,"sector":"agriculture"})";

TEST(ParseCase, HeadersTextAndFacts) {
  const char* file =
      "# name: growth in percent\n"
      "# published: 2023-04-04            (given as metadata)\n"
      "# title: Заголовок\n"
      "Первая строка.\n"
      "# not a header any more\n"
      "----\n"
      "\n"
      "# a comment\n"
      R"({"type":"organization","name":"МАЗ","country":"BY"})"
      "\n";
  Result<Case> c = ParseCase(file, "tests/cases/changes/growth_percent.case");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->id, "growth_percent");
  EXPECT_EQ(c->name, "growth in percent");
  EXPECT_EQ(c->published, "2023-04-04");
  EXPECT_EQ(c->title, "Заголовок");
  EXPECT_EQ(c->text, "Первая строка.\n# not a header any more\n");
  ASSERT_EQ(c->expected.size(), 1u);
  EXPECT_EQ(c->expected[0]["name"], "МАЗ");
}

TEST(ParseCase, EmptyExpectedSectionIsAllowed) {
  Result<Case> c = ParseCase("# name: trap\nТекст.\n----\n", "x.case");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->expected.empty());
}

TEST(ParseCase, RejectsBrokenFiles) {
  struct Row {
    const char* file;
    const char* message_part;
  };
  const Row rows[] = {
      {"Текст.\n----\n", "name"},
      {"# name: x\nТекст.\n", "----"},
      {"# name: x\n----\n", "no article text"},
      {"# name: x\nТекст.\n----\n{not json}\n", "not JSON"},
      {"# name: x\nТекст.\n----\n{\"type\":\"weather\"}\n", "unknown type"},
      {"# name: x\nТекст.\n----\n{\"type\":\"turnover\",\"parties\":[\"RU-VOR\",\"BY\"],\"status\":\"actual\","
       "\"value\":1,\"currency\":\"USD\"}\n",
       "sorted"},
      {"# name: x\nТекст.\n----\n{\"type\":\"turnover\",\"parties\":[\"BY\",\"RU-VOR\"],\"status\":\"plan\","
       "\"value\":1,\"currency\":\"USD\"}\n",
       "status"},
      {"# name: x\nТекст.\n----\n{\"type\":\"turnover\",\"parties\":[\"BY\",\"RU-VOR\"],\"status\":\"actual\","
       "\"value\":1,\"currency\":\"USD\",\"qualifier\":\"about\"}\n",
       "qualifier"},
      {"# name: x\n# published: 2023\nТекст.\n----\n", "published"},
  };
  for (const Row& row : rows) {
    Result<Case> c = ParseCase(row.file, "x.case");
    ASSERT_FALSE(c.ok()) << row.file;
    EXPECT_NE(c.status().message().find(row.message_part), std::string::npos) << c.status().ToString();
  }
}

TEST(FactMatches, TurnoverRules) {
  const json expected = J(kTurnover);
  struct Row {
    const char* what;
    const char* predicted;
    bool match;
  };
  const Row rows[] = {
      {"identical", kTurnover, true},
      {"parties in other order, lower case, extra fields",
       R"({"doc":"d","type":"turnover","parties":["ru-klu","BY"],"status":"actual","value":118000000,)"
       R"("currency":"usd","qualifier":"exact","year":2022,"sectoral":true,"evidence":{"text":"x"}})",
       true},
      {"value 1.9% off",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":120242000,"currency":"USD",)"
       R"("year":2022,"sectoral":true})",
       true},
      {"value 3% off",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":121540000,"currency":"USD",)"
       R"("year":2022,"sectoral":true})",
       false},
      {"status differs",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"target","value":118000000,"currency":"USD",)"
       R"("year":2022,"sectoral":true})",
       false},
      {"currency differs",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":118000000,"currency":"RUB",)"
       R"("year":2022,"sectoral":true})",
       false},
      {"sectoral missing",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":118000000,"currency":"USD",)"
       R"("year":2022})",
       false},
      {"qualifier differs",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":118000000,"currency":"USD",)"
       R"("qualifier":"approx","year":2022,"sectoral":true})",
       false},
      {"year differs",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":118000000,"currency":"USD",)"
       R"("year":2021,"sectoral":true})",
       false},
      {"year null",
       R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"actual","value":118000000,"currency":"USD",)"
       R"("year":null,"sectoral":true})",
       false},
      {"other party",
       R"({"type":"turnover","parties":["BY","RU-KGD"],"status":"actual","value":118000000,"currency":"USD",)"
       R"("year":2022,"sectoral":true})",
       false},
      {"other type", R"({"type":"turnover_change","parties":["BY","RU-KLU"],"percent":17,"year":2022,"sectoral":true})",
       false},
  };
  for (const Row& row : rows) EXPECT_EQ(FactMatches(expected, J(row.predicted)), row.match) << row.what;
}

TEST(FactMatches, YearNullAndAbsent) {
  const json null_year = J(R"({"type":"turnover","parties":["BY","RU-YAR"],"status":"actual","value":3e8,)"
                           R"("currency":"USD","qualifier":"more_than","year":null})");
  const json no_year = J(R"({"type":"turnover","parties":["BY","RU-YAR"],"status":"actual","value":3e8,)"
                         R"("currency":"USD","qualifier":"more_than"})");
  const json pred_2025 = J(R"({"type":"turnover","parties":["BY","RU-YAR"],"status":"actual","value":300000000,)"
                           R"("currency":"USD","qualifier":"more_than","year":2025,"sectoral":false})");
  const json pred_null = J(R"({"type":"turnover","parties":["BY","RU-YAR"],"status":"actual","value":300000000,)"
                           R"("currency":"USD","qualifier":"more_than","year":null,"sectoral":false})");
  EXPECT_FALSE(FactMatches(null_year, pred_2025));
  EXPECT_TRUE(FactMatches(null_year, pred_null));
  EXPECT_TRUE(FactMatches(no_year, pred_2025));
  EXPECT_TRUE(FactMatches(no_year, pred_null));
}

TEST(FactMatches, ChangeMeetingSpeakerAndPresenceTypes) {
  const json change = J(R"({"type":"turnover_change","parties":["BY","RU-MOW"],"percent":33.3,"year":null})");
  EXPECT_TRUE(FactMatches(change, J(R"({"type":"turnover_change","parties":["BY","RU-MOW"],"percent":33.0})")));
  EXPECT_TRUE(FactMatches(change, J(R"({"type":"turnover_change","parties":["BY","RU-MOW"],"percent":34.2})")));
  EXPECT_FALSE(FactMatches(change, J(R"({"type":"turnover_change","parties":["BY","RU-MOW"],"percent":25})")));
  EXPECT_FALSE(FactMatches(change, J(R"({"type":"turnover_change","parties":["BY","RU-MOW"],"percent":-33.3})")));

  const json meeting = J(R"({"type":"meeting","parties":["BY","RU-VOR"],"date":"2024-06-10","place":"Минск",)"
                         R"("participants":[{"name":"Александр Лукашенко","party":"BY"},)"
                         R"({"name":"Александр Гусев","party":"RU-VOR"}]})");
  const char* good = R"({"type":"meeting","parties":["BY","RU-VOR"],"date":"2024-06-10","place":"МИНСК",)"
                     R"("participants":[{"name":"александр  лукашенко"},{"name":"Александр Гусев"},)"
                     R"({"name":"Дмитрий Крутой"}]})";
  EXPECT_TRUE(FactMatches(meeting, J(good)));
  EXPECT_FALSE(FactMatches(meeting, J(R"({"type":"meeting","parties":["BY","RU-VOR"],"date":"2024-06-11",)"
                                      R"("place":"Минск","participants":[{"name":"Александр Лукашенко"},)"
                                      R"({"name":"Александр Гусев"}]})")));
  EXPECT_FALSE(FactMatches(meeting, J(R"({"type":"meeting","parties":["BY","RU-VOR"],"date":"2024-06-10",)"
                                      R"("place":"Минск","participants":[{"name":"Александр Лукашенко"}]})")));
  EXPECT_FALSE(FactMatches(meeting, J(R"({"type":"meeting","parties":["BY","RU-VOR"],"date":"2024-06-10",)"
                                      R"("place":"Воронеж","participants":[{"name":"Александр Лукашенко"},)"
                                      R"({"name":"Александр Гусев"}]})")));
  const json no_date = J(R"({"type":"meeting","parties":["BY","RU-TA"],"date":null})");
  EXPECT_TRUE(FactMatches(no_date, J(R"({"type":"meeting","parties":["BY","RU-TA"],"date":null})")));
  EXPECT_FALSE(FactMatches(no_date, J(R"({"type":"meeting","parties":["BY","RU-TA"],"date":"2022-07-04"})")));

  const json spoken = J(R"({"type":"turnover","parties":["BY","RU-VOR"],"status":"target","value":1e9,)"
                        R"("currency":"USD","speaker":"Александр Лукашенко"})");
  EXPECT_TRUE(FactMatches(spoken, J(R"({"type":"turnover","parties":["BY","RU-VOR"],"status":"target",)"
                                    R"("value":1e9,"currency":"USD","speaker":"Александр Лукашенко"})")));
  EXPECT_FALSE(FactMatches(spoken, J(R"({"type":"turnover","parties":["BY","RU-VOR"],"status":"target",)"
                                     R"("value":1e9,"currency":"USD"})")));

  EXPECT_TRUE(FactMatches(J(R"({"type":"organization","name":"БелАЗ"})"),
                          J(R"({"type":"organization","name":"белаз","country":"BY"})")));
  EXPECT_FALSE(FactMatches(J(R"({"type":"organization","name":"МАЗ"})"), J(R"({"type":"organization","name":"МТЗ"})")));
  EXPECT_TRUE(
      FactMatches(J(R"({"type":"sector","sector":"agriculture"})"), J(R"({"type":"sector","sector":"agriculture"})")));
  EXPECT_TRUE(FactMatches(J(R"({"type":"project","name":"стадион"})"),
                          J(R"({"type":"project","name":"Реконструкция Центрального стадиона"})")));
}

TEST(MatchFacts, MissingAndUnexpected) {
  const std::vector<json> expected = {
      J(kTurnover),
      J(R"({"type":"turnover_change","parties":["BY","RU-KLU"],"percent":17,"year":2022,"sectoral":true})"),
      J(R"({"type":"organization","name":"МАЗ"})"),
      J(R"({"type":"sector","sector":"construction"})"),
  };
  const std::vector<json> predicted = {
      J(R"({"doc":"d","type":"document","published":"2023-04-04"})"),
      J(kTurnover),
      J(R"({"type":"turnover","parties":["BY","RU-KLU"],"status":"target","value":1e9,"currency":"USD"})"),
      J(R"({"type":"organization","name":"МАЗ"})"),
      J(R"({"type":"organization","name":"КАМАЗ"})"),  // extra presence-type lines are fine
  };
  MatchReport r = MatchFacts(expected, predicted);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.missing.size(), 2u);
  EXPECT_EQ(r.missing[0]["type"], "sector");
  EXPECT_EQ(r.missing[1]["type"], "turnover_change");
  ASSERT_EQ(r.unexpected.size(), 1u);
  EXPECT_EQ(r.unexpected[0]["status"], "target");
  std::string text = r.ToString();
  EXPECT_NE(text.find("missing:    {"), std::string::npos);
  EXPECT_NE(text.find("unexpected: {"), std::string::npos);
}

TEST(MatchFacts, EmptyExpectationRejectsAnyStrictFact) {
  EXPECT_TRUE(MatchFacts({}, {J(R"({"type":"document"})"), J(R"({"type":"organization","name":"МАЗ"})")}).ok());
  MatchReport r = MatchFacts({}, {J(R"({"type":"meeting","parties":["BY","RU-TA"]})")});
  EXPECT_EQ(r.unexpected.size(), 1u);
}

TEST(MatchFacts, DuplicatePredictionIsUnexpected) {
  MatchReport r = MatchFacts({J(kTurnover)}, {J(kTurnover), J(kTurnover)});
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.unexpected.size(), 1u);
}

TEST(MatchFacts, OrderDoesNotDecideThePairing) {
  // The loose expectation (no year) comes first and could take the 2023
  // prediction greedily; the maximum matching still pairs both.
  const std::vector<json> expected = {
      J(R"({"type":"turnover","parties":["BY","RU-VOR"],"status":"actual","value":5e8,"currency":"USD"})"),
      J(R"({"type":"turnover","parties":["BY","RU-VOR"],"status":"actual","value":5e8,"currency":"USD",)"
        R"("year":2023})"),
  };
  const std::vector<json> predicted = {
      J(R"({"type":"turnover","parties":["BY","RU-VOR"],"status":"actual","value":5e8,"currency":"USD",)"
        R"("year":2023})"),
      J(R"({"type":"turnover","parties":["BY","RU-VOR"],"status":"actual","value":5e8,"currency":"USD",)"
        R"("year":2022})"),
  };
  EXPECT_TRUE(MatchFacts(expected, predicted).ok()) << MatchFacts(expected, predicted).ToString();
}

TEST(TestName, IsReadableAndSafe) {
  EXPECT_EQ(TestName("/r/tests/cases/status/actual_prevysil.case", "/r/tests/cases"), "status_actual_prevysil");
  EXPECT_EQ(TestName("/r/tests/cases/years/no-date.case", "/r/tests/cases/"), "years_no_date");
}

}  // namespace
}  // namespace oborot::cases
