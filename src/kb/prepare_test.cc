#include "src/kb/prepare.h"

#include <gtest/gtest.h>

#include "src/kb/kb_test_util.h"

namespace oborot::kb {
namespace {

using testing::DocLine;
using testing::Meeting;
using testing::Named;
using testing::Turnover;

constexpr const char* kText = "Товарооборот Беларуси и Калужской области вырос на 12 процентов.";

std::vector<std::string> Dump(const std::vector<nlohmann::json>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.dump());
  return out;
}

TEST(Prepare, ParsedAndTextLinesGiveTheSameDocument) {
  const auto doc = DocLine("kaluga-1", "2024-06-10T09:00:00+03:00", "Калуга и Минск");
  const std::vector<nlohmann::json> facts = {Turnover("RU-KLU", "BY", "actual", 1.2e9, 2023, "Владислав Шапша"),
                                             Meeting("BY", "RU-KLU", "2024-06-09", "Калуга"),
                                             Named("organization", "BY", "RU-KLU", "Гомсельмаш")};
  auto a = PrepareParsedDocument(doc, facts, kText);
  auto b = PrepareDocument(doc.dump(), Dump(facts), kText);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(a->hash, b->hash);
  EXPECT_EQ(a->line, b->line);
  EXPECT_EQ(a->doc_id, "kaluga-1");
  EXPECT_EQ(a->published, "2024-06-10");
  EXPECT_EQ(a->title, "Калуга и Минск");
  EXPECT_EQ(a->chars, 64);  // code points of kText: no "chars" field
  ASSERT_EQ(a->facts.size(), 3u);
  ASSERT_EQ(b->facts.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a->facts[i].key, b->facts[i].key);
    EXPECT_EQ(a->facts[i].row.json, b->facts[i].row.json);
    EXPECT_EQ(a->facts[i].parties_json, "[\"BY\",\"RU-KLU\"]");
  }
  EXPECT_EQ(a->facts[0].figure, 1.2e9);
  EXPECT_EQ(a->facts[0].row.speaker, "Владислав Шапша");
  // The participants as nlohmann writes them: keys sorted.
  EXPECT_EQ(a->facts[1].row.participants, R"([{"name":"Александр Гусев","party":"RU-KLU","role":"губернатор"}])");
  EXPECT_EQ(a->parties, (std::vector<std::string>{"BY", "RU-KLU"}));
  ASSERT_EQ(a->pair_facts.size(), 1u);
  EXPECT_EQ(a->pair_facts[0].second, 3);
  EXPECT_NE(a->stems.find("калужск"), std::string::npos) << a->stems;
}

TEST(Prepare, TextLinesAreKeptAsGiven) {
  const std::string fact =
      R"({"type":"turnover","parties":["RU-KLU","BY"],"status":"actual","value":1.2e9,"year":2023,)"
      R"("evidence":{"text":"Товарооборот вырос.","start":0,"end":19}})";
  auto d = PrepareDocument(R"({"doc":"k","chars":7})", {fact}, kText);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->facts[0].row.json, fact);
  EXPECT_EQ(d->line, R"({"doc":"k","chars":7})");
  EXPECT_EQ(d->chars, 7);
  EXPECT_EQ(d->facts[0].row.party_a, "BY");  // parties sorted
  EXPECT_EQ(d->facts[0].row.quote, "Товарооборот вырос.");
  EXPECT_EQ(d->facts[0].row.end, 19);
  EXPECT_EQ(d->facts[0].row.year, 2023);
}

TEST(Prepare, FieldsReadAsNlohmannReadsThemAndNullIsAbsent) {
  // A repeated field counts with its last value; null reads as absent.
  auto d = PrepareDocument(R"({"doc":"k","title":5})",
                           {R"({"type":"x","type":"turnover","value":null,"year":2023,"of":"МТЗ","sectoral":null})"},
                           kText);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const FactRow& r = d->facts[0].row;
  EXPECT_EQ(r.type, "turnover");
  EXPECT_FALSE(r.value.has_value());
  EXPECT_EQ(r.year, 2023);
  EXPECT_EQ(r.name, "МТЗ");
  EXPECT_FALSE(r.sectoral);
  EXPECT_EQ(d->title, "");
  EXPECT_EQ(d->facts[0].key.substr(d->facts[0].key.size() - 10), "|no-figure");
}

TEST(Prepare, FactLinesOfTheWrongShapeAreRefusedNamingTheField) {
  // Fact lines from another tool (`ingest --facts`): read as absent, these
  // stored a figure without its number, a year no one meant or a quote
  // outside the text (kText has 64 code points).
  const std::pair<const char*, const char*> cases[] = {
      {R"({"type":"turnover","value":"1,2 млрд"})", "k: fact 1: \"value\" is not a number"},
      {R"({"type":"turnover","year":"2023"})", "k: fact 1: \"year\" is not a whole number"},
      {R"({"type":"turnover","year":2023.6})", "k: fact 1: \"year\" is not a whole number"},
      {R"({"type":"turnover","year":99999999999})", "k: fact 1: \"year\" 99999999999 is not a year from 1900 to 2100"},
      {R"({"type":"turnover","year":1e300})", "k: fact 1: \"year\" is not a whole number"},
      {R"({"type":"turnover","value":-5})", "k: fact 1: \"value\" is negative"},
      {R"({"type":"turnover","value":1e308})", "k: fact 1: \"value\" is over 1e18, no figure of trade"},
      {R"({"type":"project","quantity":2e18})", "k: fact 1: \"quantity\" is over 1e18, no figure of trade"},
      {R"({"type":"turnover","sectoral":1})", "k: fact 1: \"sectoral\" is not true or false"},
      {R"({"type":"turnover","currency":["USD"]})", "k: fact 1: \"currency\" is not a string"},
      {R"({"type":"meeting","date":"2023-02-30"})", "k: fact 1: \"date\" \"2023-02-30\" is not a date YYYY-MM-DD"},
      {R"({"type":"turnover","evidence":"Товарооборот"})", "k: fact 1: \"evidence\" is not an object"},
      {R"({"type":"turnover","evidence":{"start":-5,"end":3}})",
       "k: fact 1: \"evidence\".\"start\" is not an offset (a whole number from 0)"},
      {R"({"type":"turnover","evidence":{"start":0,"end":1e20}})",
       "k: fact 1: \"evidence\".\"end\" is not an offset (a whole number from 0)"},
      {R"({"type":"turnover","evidence":{"start":5,"end":3}})", "k: fact 1: \"evidence\" ends (3) before it starts (5)"},
      {R"({"type":"turnover","evidence":{"start":0,"end":65}})",
       "k: fact 1: \"evidence\" ends at 65, past the text's 64 characters"},
      {R"({"doc":"other","type":"turnover"})", "k: fact 1: a fact of document \"other\""},
  };
  for (const auto& [line, message] : cases) {
    auto d = PrepareDocument(R"({"doc":"k"})", {line}, kText);
    ASSERT_FALSE(d.ok()) << line;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput) << line;
    EXPECT_EQ(d.status().message(), message) << line;
  }
  // The extractor's own shape passes: its doc, offsets up to the text's end.
  auto ok = PrepareDocument(R"({"doc":"k"})",
                            {R"({"doc":"k","type":"turnover","value":1e9,"year":2023,"sectoral":false,)"
                             R"("evidence":{"text":"Калуга","start":0,"end":64}})"},
                            kText);
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST(Prepare, ErrorsNameTheDocumentAndTheFact) {
  const std::string good = Turnover("BY", "RU-KLU", "actual", 1e9, 2023).dump();
  const struct {
    std::string document;
    std::vector<std::string> facts;
    std::string message;
  } kCases[] = {
      {R"({"doc":"d1"})", {good, R"({"parties":["BY"]})"}, "d1: fact 2: fact line has no \"type\""},
      {R"({"doc":"d2"})", {R"({"type":"turnover",)"}, "d2: fact 1: fact line is not valid JSON"},
      {R"({"doc":"d3"})", {"[1,2]"}, "d3: fact 1: fact line is not a JSON object"},
      {R"({"doc":"d4"})", {R"({"type":"meeting","parties":"BY"})"}, "d4: fact 1: \"parties\" is not a list"},
      {R"({"doc":"d5"})", {R"({"type":"meeting","parties":["BY",7]})"}, "d5: fact 1: \"parties\" holds a non-string"},
      {R"({"doc":"d6"})", {"{\"type\":\"meeting\",\"place\":\"\xff\"}"}, "d6: fact 1: fact line is not valid JSON"},
      {R"({"title":"t"})", {good}, "document line has no \"doc\" id"},
      {R"(["doc"])", {good}, "document line is not a JSON object"},
      {"{", {good}, "document line is not valid JSON"},
  };
  for (const auto& c : kCases) {
    auto d = PrepareDocument(c.document, c.facts, kText);
    ASSERT_FALSE(d.ok()) << c.message;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(d.status().message(), c.message);
  }
}

// `ingest --facts`: facts made elsewhere must quote the text they are
// stored with, at their offsets (code points: the text is Cyrillic, two
// bytes a letter), whatever else is right about them.
TEST(Prepare, FactsMadeElsewhereMustQuoteTheirText) {
  const auto line = [](const std::string& evidence) {
    return R"({"doc":"k","type":"turnover","value":1e9,"year":2023,"evidence":)" + evidence + "}";
  };
  const std::string ok1 = line(R"({"text":"Беларуси","start":13,"end":21})");
  const std::string ok2 = line(R"({"text":"12 процентов.","start":51,"end":64})");
  const std::string whole = line(R"({"text":")" + std::string(kText) + R"(","start":0,"end":64})");
  const std::string empty = line(R"({"text":"","start":24,"end":24})");
  auto d = PrepareDocument(R"({"doc":"k"})", {ok2, ok1, whole, empty}, kText, EvidenceCheck::kQuotes);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->facts.size(), 4u);
  const struct {
    std::vector<std::string> facts;
    std::string text;
    std::string message;
  } kCases[] = {
      // the figure edited in the quote
      {{ok1, line(R"({"text":"19 процентов.","start":51,"end":64})")},
       kText,
       "k: fact 2: \"evidence\" quotes text that is not the document's between 51 and 64"},
      // offsets one letter off (bytes instead of code points would be further)
      {{line(R"({"text":"Беларуси","start":14,"end":22})")},
       kText,
       "k: fact 1: \"evidence\" quotes text that is not the document's between 14 and 22"},
      // a quote with no place in the text
      {{line(R"({"text":"Беларуси"})")}, kText, "k: fact 1: \"evidence\" quotes without its \"start\" and \"end\""},
      // an empty text is a text: offsets past it are refused too
      {{line(R"({"text":"Беларуси","start":13,"end":21})")},
       "",
       "k: fact 1: \"evidence\" ends at 21, past the text's 0 characters"},
  };
  for (const auto& c : kCases) {
    auto bad = PrepareDocument(R"({"doc":"k"})", c.facts, c.text, EvidenceCheck::kQuotes);
    ASSERT_FALSE(bad.ok()) << c.message;
    EXPECT_EQ(bad.status().message(), c.message);
  }
  // The engine's own facts (plain `ingest`) are not held to it.
  EXPECT_TRUE(PrepareDocument(R"({"doc":"k"})", {line(R"({"text":"x","start":0,"end":3})")}, kText).ok());
}

TEST(Prepare, ContentHashIsFnv1a) {
  EXPECT_EQ(ContentHash(""), "cbf29ce484222325");
  EXPECT_EQ(ContentHash("a"), "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace oborot::kb
