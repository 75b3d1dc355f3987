// Whole-engine checks: hostile and random input never crashes the extractor,
// and every fact's evidence points into the cleaned text.
#include "oborot/extractor.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <random>

#include "src/base/utf8.h"

namespace oborot {
namespace {

const Extractor& Engine() {
  static const std::shared_ptr<const Extractor> ex = [] {
    auto r = Extractor::Create();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }();
  return *ex;
}

RawInput Input(const std::string& id, std::string bytes) {
  RawInput in;
  in.id = id;
  in.source = id + ".txt";
  in.bytes = std::move(bytes);
  return in;
}

void CheckWellFormed(const Extraction& e) {
  for (const Fact& f : e.facts) {
    EXPECT_LE(f.evidence.span.start, f.evidence.span.end);
    EXPECT_LE(f.evidence.span.end, e.doc.text.size());
    EXPECT_EQ(f.evidence.text, e.doc.text.substr(f.evidence.span.start, f.evidence.span.end - f.evidence.span.start));
    if (f.type == FactType::kTurnover || f.type == FactType::kTurnoverChange || f.type == FactType::kMeeting) {
      ASSERT_EQ(f.parties.size(), 2u);
      EXPECT_LT(f.parties[0], f.parties[1]);
    }
  }
  for (const std::string& line : Engine().ToJsonLines(e)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    EXPECT_TRUE(j.contains("doc") && j.contains("type")) << line;
  }
}

TEST(ExtractorTest, RandomTextsNeverCrash) {
  const std::vector<std::string> pieces = {
      "Товарооборот", " ", "  ", "\n", "\n\n", ".", ",", "«", "»", "\"", "—", "-", "$", "%", "млн", "млрд.",
      "долларов", "рублей", "1", "2023", "1,5", "300 000", "в", "на", "до", "году", "прошлом", "составил",
      "превысит", "довести", "Беларусь", "Калужской области", "Гомельская", "Брянской", "Москвы", "Минск",
      "губернатор", "Александр", "Лукашенко", "Владиславом", "Шапшой", "встретился", "с", "МАЗ", "«Белкоммунмаш»",
      "вырос", "в 1,5 раза", "на треть", "10 июня", "МИНСК, 4 апр - Sputnik.", "Также на Sputnik:",
      "Последние новости", "Читать новость", "©", "ABC", "x-y", "🙂", "\t", "ё", "Ё", "́", "\xC2\xA0", "\xE2\x80\x89",
      "Z", "АО", "ООО \"", "завод", "<b>", "&amp;", "(", ")", ":", ";", "?", "!", "…", "1.", "А.", "Г."};
  std::mt19937 rng(12345);
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 120) + 1;
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    RawInput in;
    in.id = "r" + std::to_string(round);
    in.source = in.id;
    in.bytes = text;
    ExtractOptions explain;
    explain.explain = true;
    auto r = Engine().Process(in, explain);
    if (!r.ok()) continue;  // empty after cleaning is a fine answer
    CheckWellFormed(*r);
    (void)Engine().Explain(*r);
  }
}

TEST(ExtractorTest, HostileInputsGiveErrorsNotCrashes) {
  struct Case {
    std::string bytes;
    StatusCode want;
  };
  const std::vector<Case> cases = {
      {"", StatusCode::kEmpty},
      {"   \n\n\t ", StatusCode::kEmpty},
      {std::string("\x00\x01\x02\x03 binary \x00", 14), StatusCode::kInvalidInput},
      {std::string(64, '\xFF'), StatusCode::kInvalidInput},
  };
  for (const auto& c : cases) {
    const RawInput in = Input("h", c.bytes);
    auto r = Engine().Process(in, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.want) << r.status().ToString();
    EXPECT_NE(r.status().message().find("h.txt"), std::string::npos) << r.status().ToString();
  }
  const RawInput big = Input("big", std::string(2048, 'a'));
  ExtractOptions small;
  small.max_doc_bytes = 1024;
  auto r = Engine().Process(big, small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
}

TEST(ExtractorTest, LongDocumentOfRepeatedSentences) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "Товарооборот с Брянской областью в 2023 году составил 500 млн долларов. ";
  auto r = Engine().Process(Input("long", text), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  CheckWellFormed(*r);
  // one figure restated is one fact
  int turnover = 0;
  for (const Fact& f : r->facts) turnover += f.type == FactType::kTurnover;
  EXPECT_EQ(turnover, 1);
}

// Many meetings, people and roles in one document: each step that relates a
// person to roles, parties and the other meetings must stay near-linear (a
// quadratic one took minutes on such a text). The bound is generous: it
// catches a quadratic step, not a slow machine.
TEST(ExtractorTest, ManyMeetingsInOneDocumentStayLinear) {
  const char* firsts[] = {"Александр", "Иван", "Сергей", "Дмитрий", "Олег", "Николай", "Андрей", "Павел"};
  const char* surnames[] = {"Петров", "Сидоров", "Морозов", "Волков", "Зайцев", "Лебедев", "Новиков", "Козлов"};
  std::mt19937 rng(7);
  std::string text;
  for (int p = 0; p < 3000; ++p) {
    for (int k = 0; k < 4; ++k) {
      text += std::string("Губернатор Брянской области ") + firsts[rng() % 8] + " " + surnames[rng() % 8] +
              " встретился с послом Беларуси в России " + firsts[rng() % 8] + "ом " + surnames[rng() % 8] +
              "ым в " + std::to_string(2000 + p % 25) + " году. Он обсудил с губернатором области поставки " +
              std::to_string(p * 7 + k) + " тракторов, стороны провели переговоры двух стран. ";
    }
    text += "\n";
  }
  // CPU time, so that other work on the machine does not count
  const std::clock_t start = std::clock();
  auto r = Engine().Process(Input("meetings", text), {});
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  CheckWellFormed(*r);
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  constexpr double kSlowBuild = 40;  // sanitizer and debug builds run some 30 times slower
#else
  constexpr double kSlowBuild = 1;
#endif
  EXPECT_LT(seconds, 20.0 * kSlowBuild) << text.size() << " bytes";
  int meetings = 0;
  for (const Fact& f : r->facts) meetings += f.type == FactType::kMeeting;
  EXPECT_GE(meetings, 1);
}

TEST(ExtractorTest, EvidenceOffsetsAreCodePoints) {
  auto r = Engine().Process(
      Input("cp", "Вступление без цифр.\nТоварооборот Беларуси и Омской области в 2022 году составил 186 млн долларов."),
      {});
  ASSERT_TRUE(r.ok());
  const auto lines = Engine().ToJsonLines(*r);
  bool found = false;
  for (const auto& line : lines) {
    auto j = nlohmann::json::parse(line);
    if (j["type"] != "turnover") continue;
    found = true;
    const std::string ev = j["evidence"]["text"];
    const size_t start = j["evidence"]["start"], end = j["evidence"]["end"];
    EXPECT_EQ(end - start, CodePointCount(ev));
    EXPECT_EQ(j["parties"], nlohmann::json::parse(R"(["BY","RU-OMS"])"));
    EXPECT_EQ(j["value"], 186000000);
    EXPECT_EQ(j["year"], 2022);
  }
  EXPECT_TRUE(found);
}

// Issue 15: the budgets cut a document and say so, and the wall-time budget
// refuses it naming the option; ordinary documents are not touched.
TEST(ExtractorBudgets, MentionsPerSentenceAreCappedWithAWarning) {
  std::string text = "Товарооборот Беларуси и Калужской области составил";
  for (int i = 1; i <= 40; ++i) text += " " + std::to_string(i) + " млн долларов,";
  ExtractOptions o;
  o.budgets.sentence_mentions = 8;
  auto r = Engine().Process(Input("money", text), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->doc.warnings.size(), 1u);
  EXPECT_EQ(r->doc.warnings[0],
            "money.txt: 32 mentions past 8 of one kind in a sentence dropped (--max-sentence-mentions 8)");
  CheckWellFormed(*r);
  auto plain = Engine().Process(Input("plain", "Товарооборот Беларуси и Калужской области составил 5 млн долларов."), o);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->doc.warnings.empty());
}

TEST(ExtractorBudgets, TheDeadlineRefusesTheDocumentByName) {
  ExtractOptions o;
  o.budgets.doc_seconds = 1e-9;
  auto r = Engine().Process(Input("slow", "Товарооборот Беларуси и Калужской области составил 5 млн долларов."), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
  EXPECT_EQ(r.status().message(), "slow.txt: took longer than 1e-09 s (--max-doc-seconds); the document was skipped");
}


// Large documents are read in windows of paragraphs (ExtractOptions::
// window_threshold, window_bytes); these use windows of a few KB so that a
// short text has many.
std::string ManyArticles(int articles) {
  const char* regions[] = {"Калужской", "Брянской", "Смоленской", "Псковской", "Тульской", "Омской"};
  std::string text;
  for (int i = 0; i < articles; ++i) {
    const std::string region = regions[i % 6];
    text += "Беларусь и " + region + " область наращивают торговлю\n\n";
    text += "Товарооборот Беларуси и " + region + " области в " + std::to_string(2001 + i % 20) + " году составил " +
            std::to_string(1000 + i) + " млн долларов. Экспорт белорусских товаров вырос на " +
            std::to_string(10 + i % 50) + "%.\n\n";
  }
  return text;
}

ExtractOptions Windowed(size_t window_bytes) {
  ExtractOptions o;
  o.window_threshold = 1;
  o.window_bytes = window_bytes;
  o.explain = true;  // keeps the spans each rule used
  return o;
}

// What a fact says, without where: to compare two readings.
std::string Key(const Fact& f) {
  return std::string(FactTypeName(f.type)) + " " + (f.parties.empty() ? "" : f.parties[0] + "-" + f.parties.back()) +
         " " + std::to_string(f.value) + " " + std::to_string(f.percent) + " " + f.name + " " +
         std::to_string(f.evidence.span.start);
}

TEST(ExtractorWindows, FactsInLaterWindowsPointAtTheirOwnBytes) {
  const std::string text = ManyArticles(60);
  auto whole = Engine().Process(Input("dump", text), {});
  auto windowed = Engine().Process(Input("dump", text), Windowed(2000));
  ASSERT_TRUE(whole.ok() && windowed.ok());
  CheckWellFormed(*windowed);
  EXPECT_EQ(windowed->doc.text, whole->doc.text);
  // every article's figure is found, in the sentence that gives it
  int turnover = 0;
  for (const Fact& f : windowed->facts) {
    if (f.type != FactType::kTurnover) continue;
    ++turnover;
    const std::string figure = std::to_string(static_cast<long>(f.value / 1e6)) + " млн долларов";
    EXPECT_NE(f.evidence.text.find(figure), std::string::npos) << f.evidence.text;
    for (const UsedSpan& u : f.used) {
      ASSERT_LE(u.span.end, windowed->doc.text.size());
      if (u.what == "money") {
        const std::string number = std::to_string(static_cast<long>(f.value / 1e6));
        EXPECT_NE(windowed->doc.Slice(u.span).find(number), std::string::npos) << windowed->doc.Slice(u.span);
      }
    }
  }
  EXPECT_EQ(turnover, 60);
  // each article names its pair: the windows read what the whole reading reads
  std::vector<std::string> a, b;
  for (const Fact& f : whole->facts) a.push_back(Key(f));
  for (const Fact& f : windowed->facts) b.push_back(Key(f));
  EXPECT_EQ(a, b);
}

TEST(ExtractorWindows, AFigureRepeatedInTwoWindowsIsOneFact) {
  const std::string figure = "Товарооборот Беларуси и Калужской области в 2023 году составил 777 млн долларов.\n\n";
  const std::string text = figure + ManyArticles(40) + figure;
  auto r = Engine().Process(Input("dump", text), Windowed(2000));
  ASSERT_TRUE(r.ok());
  int found = 0;
  for (const Fact& f : r->facts) found += f.type == FactType::kTurnover && f.value == 777e6;
  EXPECT_EQ(found, 1);
  // and it is the first statement's
  for (const Fact& f : r->facts) {
    if (f.type == FactType::kTurnover && f.value == 777e6) {
      EXPECT_EQ(f.evidence.span.start, 0u);
    }
  }
}

TEST(ExtractorWindows, ADocumentBelowTheThresholdOrInOneWindowIsUnchanged) {
  const std::string text = ManyArticles(30);
  const std::vector<std::string> whole = Engine().ToJsonLines(*Engine().Process(Input("dump", text), {}));
  ExtractOptions below;
  below.window_threshold = text.size();  // not over it
  below.window_bytes = 100;
  EXPECT_EQ(Engine().ToJsonLines(*Engine().Process(Input("dump", text), below)), whole);
  ExtractOptions one = Windowed(text.size() + 1);  // windowed, but all in the first window
  one.explain = false;
  EXPECT_EQ(Engine().ToJsonLines(*Engine().Process(Input("dump", text), one)), whole);
}

TEST(ExtractorWindows, AParagraphLongerThanTwoWindowsIsCutBetweenSentences) {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "Товарооборот Беларуси и Брянской области в 2010 году составил " + std::to_string(500 + i) +
            " млн долларов. ";
  }
  auto whole = Engine().Process(Input("para", text), {});
  auto r = Engine().Process(Input("para", text), Windowed(1000));
  ASSERT_TRUE(whole.ok() && r.ok());
  CheckWellFormed(*r);
  // each sentence names its pair and year: the cut changes nothing
  std::vector<std::string> a, b;
  for (const Fact& f : whole->facts) a.push_back(Key(f));
  for (const Fact& f : r->facts) b.push_back(Key(f));
  EXPECT_FALSE(b.empty());
  EXPECT_EQ(a, b);
}

TEST(ExtractorWindows, TheMentionBudgetIsTheDocumentsNotEachWindows) {
  const std::string text = ManyArticles(60);
  ExtractOptions whole;
  whole.budgets.doc_mentions = 20;
  ExtractOptions windowed = Windowed(2000);
  windowed.budgets.doc_mentions = 20;
  auto a = Engine().Process(Input("dump", text), whole);
  auto b = Engine().Process(Input("dump", text), windowed);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->doc.warnings.size(), 1u);
  EXPECT_EQ(b->doc.warnings, a->doc.warnings);  // one warning, the same count dropped
  EXPECT_EQ(b->facts.size(), a->facts.size());
}

// With pack_facts a windowed document's facts are held packed and read
// through the writers: the same lines and the same order as unpacked, and
// in pieces (WriteJsonl) the same bytes as in one string (AppendJsonl).
TEST(ExtractorWindows, PackedFactsWriteTheSameLines) {
  const std::string text = ManyArticles(80);
  ExtractOptions plain = Windowed(2000);
  plain.explain = false;
  plain.evidence_text = false;
  ExtractOptions packed = plain;
  packed.pack_facts = true;
  auto a = Engine().Process(Input("dump", text), plain);
  auto b = Engine().Process(Input("dump", text), packed);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->packed_facts.empty());
  EXPECT_TRUE(b->facts.empty());
  EXPECT_GE(b->packed_facts.size(), 80u);  // a figure per article
  EXPECT_EQ(b->fact_count(), a->fact_count());
  EXPECT_EQ(Engine().ToJsonLines(*b), Engine().ToJsonLines(*a));
  std::string whole, pieces;
  Engine().AppendJsonl(*a, whole, "after\n");
  Engine().WriteJsonl(*b, [&](std::string_view piece) { pieces += piece; }, "after\n");
  EXPECT_EQ(pieces, whole);
  // a document read whole is never packed
  auto c = Engine().Process(Input("dump", text), {.evidence_text = false, .pack_facts = true});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->packed_facts.empty());
  EXPECT_EQ(c->facts.size(), c->fact_count());
}

TEST(ExtractorWindows, TheRvalueFormFreesTheInputBytes) {
  RawInput in = Input("a", "Товарооборот Беларуси и Брянской области в 2010 году составил 500 млн долларов.");
  auto r = Engine().Process(std::move(in), {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(in.bytes.empty());  // NOLINT(bugprone-use-after-move): the documented effect
  EXPECT_EQ(in.source, "a.txt");
  EXPECT_EQ(r->facts.size(), 1u);
}

}  // namespace
}  // namespace oborot
