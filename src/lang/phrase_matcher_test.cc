#include "src/lang/phrase_matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace oborot::lang {
namespace {

// The matched surface text of every match, with its payload: "Воронежской области=1".
std::vector<std::string> Matches(const PhraseMatcher& m, std::string_view text) {
  auto tokens = segment::Tokenize(text);
  auto stems = StemTokens(tokens);
  std::vector<std::string> out;
  for (const auto& hit : m.FindAll(tokens, stems)) {
    const auto b = tokens[hit.first_token].start;
    const auto e = tokens[hit.end_token - 1].end;
    out.push_back(std::string(text.substr(b, e - b)) + "=" + std::to_string(hit.payload));
  }
  return out;
}

using V = std::vector<std::string>;

PhraseMatcher Sample() {
  PhraseMatcher m;
  m.Add("Воронежская область", 1);
  m.Add("воронежский", 2);
  m.Add("Кабардино-Балкария", 3);
  m.Add("Нижний Новгород", 4, PhraseMatcher::kCapitalized);
  m.Add("Нижегородская область", 5);
  m.Add("Новгородская область", 6);
  m.Add("РФ", 7, PhraseMatcher::kExactForm);
  m.Add("Орёл", 8, PhraseMatcher::kCapitalized);
  m.Add("Орла", 8, PhraseMatcher::kCapitalized);  // fleeting vowel: stem "орл"
  m.Add("Ханты-Мансийский автономный округ — Югра", 9);
  m.Add("Ханты-Мансийский автономный округ", 9);
  m.Add("Югра", 9, PhraseMatcher::kCapitalized);
  m.Add("Великий Новгород", 10, PhraseMatcher::kCapitalized);
  m.Add("Новгород", 10, PhraseMatcher::kCapitalized);
  m.Add("Москва", 11, PhraseMatcher::kCapitalized);
  m.Add("Москва", 12, PhraseMatcher::kCapitalized);  // a form shared by two entries
  m.Add("официальная Москва", 13);
  m.Add("—", 99);  // no words: ignored
  m.Build();
  return m;
}

TEST(PhraseMatcher, CaseFormsAndPunctuation) {
  const PhraseMatcher m = Sample();
  EXPECT_EQ(m.size(), 17u);
  struct Case {
    const char* text;
    V want;
  };
  const Case cases[] = {
      {"Губернатор Воронежской области", {"Воронежской области=1"}},
      {"в воронежскую область и Воронежскую Область", {"воронежскую область=1", "Воронежскую Область=1"}},
      {"воронежские предприятия, ВОРОНЕЖСКИМ заводам", {"воронежские=2", "ВОРОНЕЖСКИМ=2"}},
      {"делегация Кабардино-Балкарии", {"Кабардино-Балкарии=3"}},
      {"делегация Кабардино Балкарии", {"Кабардино Балкарии=3"}},
      {"в Нижнем Новгороде и Нижегородской области", {"Нижнем Новгороде=4", "Нижегородской области=5"}},
      {"в Новгородской области", {"Новгородской области=6"}},
      {"РФ и РБ; рф", {"РФ=7", "рф=7"}},
      {"в Орле и Орёл; орёл летит, орла видели", {"Орле=8", "Орёл=8"}},
      {"Орла видели", {"Орла=8"}},
      {"Ханты-Мансийского автономного округа – Югры", {"Ханты-Мансийского автономного округа – Югры=9"}},
      {"Ханты-Мансийский автономный округ и Югра", {"Ханты-Мансийский автономный округ=9", "Югра=9"}},
      {"в Великом Новгороде", {"Великом Новгороде=10"}},
      {"великий Новгород", {"Новгород=10"}},
      {"Москва", {"Москва=11", "Москва=12"}},
      {"официальная Москва заявила", {"официальная Москва=13"}},
      {"МОСКВА, 5 мая", {"МОСКВА=11", "МОСКВА=12"}},
      {"москва-река", {}},
      {"Нижний\nНовгород", {"Новгород=10"}},  // no phrase across a line break
      {"", {}},
      {"— , . «»", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(Matches(m, c.text), c.want) << c.text;
}

TEST(PhraseMatcher, LongestAt) {
  const PhraseMatcher m = Sample();
  const std::string text = "Москва и Ханты-Мансийский автономный округ";
  auto tokens = segment::Tokenize(text);
  auto stems = StemTokens(tokens);
  std::vector<uint32_t> payloads;
  EXPECT_EQ(m.LongestAt(tokens, stems, 0, &payloads), 1u);
  EXPECT_EQ(payloads, (std::vector<uint32_t>{11, 12}));
  EXPECT_EQ(m.LongestAt(tokens, stems, 1, &payloads), 1u);
  EXPECT_TRUE(payloads.empty());
  EXPECT_EQ(m.LongestAt(tokens, stems, 2, &payloads), tokens.size());
  EXPECT_EQ(payloads, (std::vector<uint32_t>{9}));
}

TEST(PhraseMatcher, PhraseKeysDropPunctuation) {
  EXPECT_EQ(PhraseMatcher::PhraseKeys("Кабардино-Балкария", PhraseMatcher::kExactForm),
            (std::vector<std::string>{"кабардино", "балкария"}));
  EXPECT_EQ(PhraseMatcher::PhraseKeys("«США»", PhraseMatcher::kExactForm), (std::vector<std::string>{"сша"}));
  EXPECT_TRUE(PhraseMatcher::PhraseKeys(" — ", 0).empty());
}

TEST(PhraseMatcher, EmptyMatcherFindsNothing) {
  PhraseMatcher m;
  m.Build();
  auto tokens = segment::Tokenize("Москва");
  EXPECT_TRUE(m.FindAll(tokens, StemTokens(tokens)).empty());
  EXPECT_EQ(m.size(), 0u);
}

TEST(PhraseMatcher, StemTokensKeepsNumbersAndPunctuation) {
  auto tokens = segment::Tokenize("Воронежской 2024 —");
  auto stems = StemTokens(tokens);
  ASSERT_EQ(stems.size(), 3u);
  EXPECT_EQ(stems[0], "воронежск");
  EXPECT_EQ(stems[1], "2024");
  EXPECT_EQ(stems[2], "—");
}

// The word cache memoises each matcher's labels per word form and thread;
// answers must not depend on it: stems made on another thread (no memo),
// more matchers than memo columns, and repeated calls give the same matches.
TEST(PhraseMatcher, WordCacheMemoDoesNotChangeMatches) {
  const std::string text = "Губернатор Воронежской области и мэр Нижнего Новгорода приехали в РФ; "
                           "воронежские заводы и Воронежская область.\nЮгра";
  auto tokens = segment::Tokenize(text);
  std::vector<PhraseMatcher> matchers;
  for (int k = 0; k < 12; ++k) {  // more than the cache's memo columns
    PhraseMatcher m;
    m.Add("Воронежская область", 1);
    m.Add("воронежский", 2 + static_cast<uint32_t>(k % 2));
    if (k % 3 == 0) m.Add("Нижний Новгород", 4, PhraseMatcher::kCapitalized);
    if (k % 4 == 0) m.Add("РФ", 7, PhraseMatcher::kExactForm);
    m.Add("Югра", 9, PhraseMatcher::kCapitalized);
    m.Build();
    matchers.push_back(std::move(m));
  }
  TokenStems foreign;  // made on another thread: its words are not in this thread's cache
  std::thread([&] { foreign = StemTokens(tokens); }).join();
  for (int round = 0; round < 2; ++round) {
    const TokenStems stems = StemTokens(tokens);
    for (size_t k = 0; k < matchers.size(); ++k) {
      const auto memo = matchers[k].FindAll(tokens, stems);
      EXPECT_EQ(memo, matchers[k].FindAll(tokens, foreign)) << "matcher " << k;
      EXPECT_EQ(memo, matchers[k].FindAll(tokens, stems)) << "matcher " << k;
      EXPECT_FALSE(memo.empty());
    }
  }
  const PhraseMatcher copy = matchers[0];  // a copy shares the memo column: same content
  EXPECT_EQ(copy.FindAll(tokens, StemTokens(tokens)), matchers[0].FindAll(tokens, foreign));
  ASSERT_EQ(foreign.size(), tokens.size());
  EXPECT_EQ(foreign[1], "воронежск");
}

}  // namespace
}  // namespace oborot::lang
