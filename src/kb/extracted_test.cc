#include "src/kb/extracted.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace oborot::kb {
namespace {

// Reads every document of `jsonl`: "ID facts=N text=T" or "error MESSAGE".
std::vector<std::string> ReadAll(const std::string& jsonl, size_t max_line = 1 << 20) {
  std::istringstream in(jsonl);
  ExtractedReader reader(in, "shard.jsonl", max_line);
  std::vector<std::string> out;
  while (auto next = reader.Next()) {
    if (!next->ok()) {
      out.push_back("error " + next->status().message());
      continue;
    }
    out.push_back((*next)->source + " facts=" + std::to_string((*next)->fact_lines.size()) + " text=" + (*next)->text +
                  " extractor=" + (*next)->extractor);
  }
  return out;
}

// As `oborot extract --with-text` writes them: "doc" first, then "type".
const char kDocA[] = R"({"doc":"a","type":"document","title":"Гомель"})";
const char kTextA[] = R"({"doc":"a","type":"text","extractor":"0.1.0+data.1","text":"Гомель и Брянск."})";
const char kFact[] = R"({"doc":"a","type":"meeting","parties":["BY-HO","RU-BRY"]})";
const char kDocB[] = R"({"doc":"b\"q","type":"document"})";
const char kTextB[] = R"({"doc":"b\"q","type":"text","text":"Орша."})";

TEST(ExtractedReaderTest, DocumentsWithTheirTextAndFactLines) {
  const std::string jsonl =
      std::string(kDocA) + "\n" + kTextA + "\n" + kFact + "\n" + kFact + "\n\n" + kDocB + "\r\n" + kTextB + "\n";
  EXPECT_EQ(ReadAll(jsonl),
            (std::vector<std::string>{"shard.jsonl:1 facts=2 text=Гомель и Брянск. extractor=0.1.0+data.1",
                                      "shard.jsonl:6 facts=0 text=Орша. extractor="}));
}

TEST(ExtractedReaderTest, LinesAreKeptAsWritten) {
  std::istringstream in(std::string(kDocA) + "\n" + kTextA + "\n" + kFact + "\n");
  ExtractedReader reader(in, "s");
  auto d = reader.Next();
  ASSERT_TRUE(d && d->ok());
  EXPECT_EQ((*d)->document_line, kDocA);
  ASSERT_EQ((*d)->fact_lines.size(), 1u);
  EXPECT_EQ((*d)->fact_lines[0], kFact);
  EXPECT_FALSE(reader.Next());
  EXPECT_GT(reader.bytes_read(), 0u);
}

TEST(ExtractedReaderTest, OtherKeyOrderIsParsed) {
  const std::string jsonl = R"({"type":"document","doc":"c"})"
                            "\n"
                            R"({"text":"x","doc":"c","type":"text"})"
                            "\n" +
                            std::string(R"({"type":"meeting","doc":"c"})") + "\n";
  EXPECT_EQ(ReadAll(jsonl), (std::vector<std::string>{"shard.jsonl:1 facts=1 text=x extractor="}));
}

TEST(ExtractedReaderTest, ABadDocumentIsSkippedAndReadingGoesOn) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {std::string(kFact) + "\n" + kFact, "error shard.jsonl:1: a fact or text line before any document line"},
      {"not json", "error shard.jsonl:1: not a JSON object"},
      {R"({"doc":"x"})", "error shard.jsonl:1: no \"type\""},
      {R"({"type":"document"})"
       "\n" +
           std::string(kTextA),
       "error shard.jsonl:1: document line without a \"doc\" id"},
      {kDocA, "error shard.jsonl:1: document \"a\" has no text line (write it with `oborot extract --with-text`)"},
      {std::string(kDocA) + "\n" + kTextB, "error shard.jsonl:2: text line of document \"b\"q\" inside document \"a\""},
      {std::string(kDocA) + "\n" + kTextA + "\n" + kTextA,
       "error shard.jsonl:3: a second text line for document \"a\""},
      {std::string(kDocA) + "\n" + kTextA + "\n{broken", "error shard.jsonl:3: not a JSON object"},
      {std::string(kDocA) + "\n" + R"({"type":"text","doc":"a"})",
       "error shard.jsonl:2: text line without a \"text\" string"},
  };
  for (const auto& [bad, error] : cases) {
    const std::vector<std::string> got = ReadAll(bad + "\n" + kDocB + "\n" + kTextB + "\n");
    ASSERT_FALSE(got.empty()) << bad;
    EXPECT_EQ(got.front(), error) << bad;
    EXPECT_EQ(got.back().substr(got.back().find(' ')), " facts=0 text=Орша. extractor=") << bad;
  }
}

TEST(ExtractedReaderTest, ALineOverTheLimitIsRefusedWithoutBeingKept) {
  const std::string huge = R"({"type":"text","doc":"a","text":")" + std::string(5000, 'x') + "\"}";
  const std::vector<std::string> got = ReadAll(std::string(kDocA) + "\n" + huge + "\n" + kDocB + "\n" + kTextB, 1000);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "error shard.jsonl:2: line over 1000 bytes");
  EXPECT_EQ(got[1], "shard.jsonl:3 facts=0 text=Орша. extractor=");
}

// Files saved by Windows tools: a UTF-8 byte order mark is skipped (before,
// the first document was "not valid JSON"); UTF-16 is one error for the
// whole file, not one per line.
TEST(ExtractedReaderTest, ByteOrderMarks) {
  const std::string jsonl = std::string(kDocA) + "\n" + kTextA + "\n" + kFact + "\n";
  EXPECT_EQ(ReadAll("\xEF\xBB\xBF" + jsonl),
            (std::vector<std::string>{"shard.jsonl:1 facts=1 text=Гомель и Брянск. extractor=0.1.0+data.1"}));
  std::string utf16 = "\xFF\xFE";
  for (char c : jsonl + jsonl) utf16 += std::string(1, c) + '\0';
  EXPECT_EQ(ReadAll(utf16), (std::vector<std::string>{"error shard.jsonl:1: UTF-16 text (byte order mark); `oborot "
                                                      "extract` writes UTF-8 (iconv -f UTF-16 -t UTF-8)"}));
}

// A file that is no JSONL (binary): ten errors at most, then the rest of it is skipped.
TEST(ExtractedReaderTest, AFileOfNoRecordsStopsAfterTenLines) {
  std::string junk;
  for (int i = 0; i < 1000; ++i) junk += "\x7f" "ELF\x01\x02 garbage " + std::to_string(i) + "\n";
  const auto out = ReadAll(junk);
  ASSERT_EQ(out.size(), 10u);
  EXPECT_EQ(out[0], "error shard.jsonl:1: not a JSON object");
  EXPECT_EQ(out[9].rfind("error shard.jsonl:10: not a JSON object; the file's first 10 lines are no records", 0), 0u)
      << out[9];
  // After a document, bad lines are each the error of their own document.
  const std::string doc = std::string(kDocA) + "\n" + kTextA + "\n";
  EXPECT_EQ(ReadAll(doc + junk.substr(0, junk.find('\n', 200) + 1) + doc).size(), 2u);
}

// A forged document of endless fact lines is refused as it is read, not
// held whole; the documents after it are read.
TEST(ExtractedReaderTest, ADocumentOverItsByteBudgetIsRefusedAndReadingGoesOn) {
  std::string jsonl = std::string(kDocA) + "\n" + kTextA + "\n";
  for (int i = 0; i < 100; ++i) jsonl += std::string(kFact) + "\n";
  jsonl += std::string(kDocB) + "\n" + kTextB + "\n";
  std::istringstream in(jsonl);
  ExtractedReader reader(in, "shard.jsonl", 1 << 20, 2000);
  auto first = reader.Next();
  ASSERT_TRUE(first && !first->ok());
  EXPECT_EQ(first->status().message(), "shard.jsonl:1: document \"a\" is over 2000 bytes of lines; not stored");
  auto second = reader.Next();
  ASSERT_TRUE(second && second->ok());
  EXPECT_EQ((*second)->text, "Орша.");
  EXPECT_FALSE(reader.Next());
}

}  // namespace
}  // namespace oborot::kb
