#include "src/facts/json.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <iterator>

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

// The contract's string escaping, one code point at a time: what the writer's
// eight-byte fast path must reproduce at every alignment.
std::string ReferenceString(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = NextCodePoint(s, i);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (cp < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
          out += buf;
        } else {
          AppendUtf8(out, cp);
        }
    }
  }
  return out + "\"";
}

TEST(JsonTest, StringsMatchTheCodePointWiseEscapingAtEveryAlignment) {
  // Pieces that pass the fast path (ASCII, Cyrillic) and each kind that must
  // leave it: escapes, longer sequences, a truncated lead, a stray
  // continuation, an overlong form, a lead at the end of the text.
  const std::string_view pieces[] = {"a",  "Z",    "я",    "Ё",       "«",  "—",   "€",  "𝄞", "\"", "\\",
                                     "\n", "\x01", "\x7f", "\xD0",    "\x80", "\xC1\x81", " ", "0", "\xF0\x9F", "ж"};
  uint32_t seed = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int len = round % 41;
    for (int k = 0; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      const uint32_t r = (seed >> 16) % 100;
      // mostly plain letters, so that long fast-path runs occur
      s += r < 40 ? pieces[2] : r < 70 ? pieces[0] : r < 80 ? pieces[16] : pieces[r % std::size(pieces)];
    }
    Document d;
    d.id = s;
    EXPECT_EQ(DocumentJsonLine(d),
              "{\"doc\":" + ReferenceString(s) + R"(,"type":"document","published":null,"title":null,"chars":0})")
        << "round " << round;
  }
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
  for (const std::string& text : {std::string(), std::string("Встреча."), std::string(64, 'x'), std::string(64, 'x') + "я", std::string(200, 'x')}) {
    d.text = text;
    EXPECT_EQ(DocumentJsonLine(d, CodePointIndex(d.text)), DocumentJsonLine(d)) << text.size();
  }
}

}  // namespace
}  // namespace oborot::facts
