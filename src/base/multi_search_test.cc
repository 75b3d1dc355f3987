#include "src/base/multi_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include "src/base/utf8.h"

namespace oborot {
namespace {

// Every occurrence against a plain find() loop per pattern, on random texts
// over a small alphabet (many overlaps) with Cyrillic bytes.
TEST(MultiSearchTest, AgreesWithFindOnRandomTexts) {
  const std::vector<std::string> alphabet = {"а", "б", "ab", "a", "b", " ", "©"};
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    MultiSearcher s;
    std::vector<std::string> pats;
    const size_t np = 1 + rng() % 6;
    for (size_t k = 0; k < np; ++k) {
      std::string p;
      const size_t len = 1 + rng() % 4;
      for (size_t j = 0; j < len; ++j) p += alphabet[rng() % alphabet.size()];
      pats.push_back(p);
      s.Add(p);
    }
    s.Build();
    std::string text;
    const size_t len = rng() % 40;
    for (size_t j = 0; j < len; ++j) text += alphabet[rng() % alphabet.size()];

    std::set<std::pair<size_t, size_t>> want;  // (id, end)
    int first = -1;
    for (size_t id = 0; id < pats.size(); ++id) {
      for (size_t at = text.find(pats[id]); at != std::string::npos; at = text.find(pats[id], at + 1)) {
        want.insert({id, at + pats[id].size()});
        if (first < 0 || static_cast<int>(id) < first) first = static_cast<int>(id);
      }
    }
    std::set<std::pair<size_t, size_t>> got;
    size_t last_end = 0;
    s.ForEach(text, [&](size_t id, size_t end) {
      EXPECT_GE(end, last_end);
      last_end = end;
      got.insert({id, end});
      return true;
    });
    EXPECT_EQ(got, want) << text;
    EXPECT_EQ(s.FirstPatternIn(text), first) << text;
    // byte at a time: the smallest id ending at each byte
    std::set<std::pair<size_t, size_t>> smallest_want;
    for (const auto& w : want) {  // not a structured binding: clang 14 cannot capture one
      if (std::none_of(want.begin(), want.end(),
                       [&](const auto& o) { return o.second == w.second && o.first < w.first; })) {
        smallest_want.insert(w);
      }
    }
    std::set<std::pair<size_t, size_t>> smallest_got;
    uint32_t state = 0;
    const MultiSearcher::Stepper st = s.stepper();
    for (size_t i = 0; i < text.size(); ++i) {
      state = st.Next(state, text[i]);
      if (const int id = st.SmallestEndingAt(state); id >= 0) smallest_got.insert({static_cast<size_t>(id), i + 1});
    }
    EXPECT_EQ(smallest_got, smallest_want) << text;
  }
}

TEST(MultiSearchTest, StopsWhenTheCallbackSaysSo) {
  MultiSearcher s;
  s.Add("на");
  s.Add("подписывайтесь на");
  s.Add("");
  s.Build();
  const std::string text = "Подписывайтесь на канал: подписывайтесь на рассылку, на сайт";
  EXPECT_EQ(s.FirstPatternIn(text), 0);
  EXPECT_EQ(s.FirstPatternIn("ничего"), -1);
  int calls = 0;
  s.ForEach(text, [&](size_t, size_t) { return ++calls < 2; });
  EXPECT_EQ(calls, 2);
}

// FoldedMultiSearcher on raw text agrees with MultiSearcher on FoldCase(text),
// on random texts mixing ASCII and Cyrillic of both cases, ё/Ё, letters
// beyond the fast tables, punctuation and malformed bytes.
TEST(FoldedMultiSearchTest, AgreesWithByteSearchOnTheFoldedText) {
  const std::vector<std::string> alphabet = {"а", "А", "б", "Б", "е", "ё", "Ё", "р", "Р", "a", "A", "b", " ",
                                             "©", "É", "é", "Ѣ", "ѣ", "—", "\xFF", "\xD0", "\x80", "я", "Я"};
  std::mt19937 rng(5);
  for (int round = 0; round < 500; ++round) {
    MultiSearcher bytes;
    FoldedMultiSearcher folded;
    const size_t np = 1 + rng() % 6;
    for (size_t k = 0; k < np; ++k) {
      std::string p;
      const size_t len = 1 + rng() % 3;
      for (size_t j = 0; j < len; ++j) p += alphabet[rng() % alphabet.size()];
      p = FoldCase(p);  // patterns come folded
      bytes.Add(p);
      folded.Add(p);
    }
    bytes.Build();
    folded.Build();
    std::string text;
    const size_t len = rng() % 30;
    for (size_t j = 0; j < len; ++j) text += alphabet[rng() % alphabet.size()];
    const std::string f = FoldCase(text);
    EXPECT_EQ(folded.FirstPatternIn(text), bytes.FirstPatternIn(f)) << text;
    // a code point at a time: the same smallest id after each step
    const FoldedMultiSearcher::Stepper st = folded.stepper();
    uint32_t state = 0;
    int best = -1;
    for (size_t i = 0; i < text.size();) {
      size_t j = i;
      NextCodePoint(text, j);
      state = st.Next(state, st.ClassAt(text, i));
      EXPECT_EQ(i, j);  // advances as NextCodePoint does
      if (const int id = st.SmallestEndingAt(state); id >= 0 && (best < 0 || id < best)) best = id;
    }
    EXPECT_EQ(best, bytes.FirstPatternIn(f)) << text;
  }
}

// ScanLine is the Stepper loop that counts code points, stops past max_cps
// and notes where code point mark_cps ends: the same results on random texts
// (malformed bytes included) for limits and marks below, at and past the
// text's length.
TEST(FoldedMultiSearchTest, ScanLineAgreesWithStepping) {
  const std::vector<std::string> alphabet = {"а", "А", "б", "Б", "е", "ё", "Ё", "р", "Р", "a", "A", "b", " ",
                                             "©", "É", "é", "Ѣ", "ѣ", "—", "\xFF", "\xD0", "\x80", "я", "Я", "\xD1"};
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    FoldedMultiSearcher folded;
    const size_t np = rng() % 6;  // none at all, too
    for (size_t k = 0; k < np; ++k) {
      std::string p;
      const size_t len = 1 + rng() % 3;
      for (size_t j = 0; j < len; ++j) p += alphabet[rng() % alphabet.size()];
      folded.Add(FoldCase(p));
    }
    folded.Build();
    std::string text;
    const size_t len = rng() % 25;
    for (size_t j = 0; j < len; ++j) text += alphabet[rng() % alphabet.size()];
    const size_t max_cps = rng() % 30, mark_cps = rng() % 30;
    // the reference: MatchBoilerplate's loop before ScanLine
    const FoldedMultiSearcher::Stepper st = folded.stepper();
    size_t cps = 0, mark_end = text.size();
    int best = -1;
    uint32_t state = 0;
    bool too_long = false;
    for (size_t i = 0; i < text.size();) {
      if (++cps > max_cps) {
        too_long = true;
        break;
      }
      state = st.Next(state, st.ClassAt(text, i));
      if (const int id = st.SmallestEndingAt(state); id >= 0 && (best < 0 || id < best)) best = id;
      if (cps == mark_cps) mark_end = i;
    }
    const FoldedMultiSearcher::LineScan got = folded.ScanLine(text, max_cps, mark_cps);
    const std::string what = text + " max " + std::to_string(max_cps) + " mark " + std::to_string(mark_cps);
    ASSERT_EQ(got.too_long, too_long) << what;
    ASSERT_EQ(got.cps, cps) << what;
    if (too_long) continue;  // the caller reads nothing else
    EXPECT_EQ(got.first, best) << what;
    EXPECT_EQ(got.mark_end, mark_end) << what;
  }
}

TEST(FoldedMultiSearchTest, FindsFoldedPatternsInAnyCase) {
  struct Case {
    std::string text;
    int want;
  };
  FoldedMultiSearcher s;
  s.Add("подписывайтесь на");  // 0
  s.Add("©");                  // 1
  s.Add("ctrl+enter");         // 2
  s.Add("еще");                // 3: ё folds to е
  s.Add("\xFF");               // 4: not UTF-8, never matches
  s.Add("");                   // 5: never matches
  s.Build();
  EXPECT_EQ(s.size(), 6u);
  const Case cases[] = {
      {"ПОДПИСЫВАЙТЕСЬ НА НАШ КАНАЛ", 0},
      {"Подписывайтесь на нас ©", 0},
      {"Фото © РИА", 1},
      {"Выделите и нажмите Ctrl+Enter", 2},
      {"Ещё новости", 3},
      {"ЕЩЁ", 3},
      {"подписывайтесь  на", -1},
      {"\xFF\xFF", -1},
      {"", -1},
      {"ничего", -1},
  };
  for (const Case& c : cases) EXPECT_EQ(s.FirstPatternIn(c.text), c.want) << c.text;
}

}  // namespace
}  // namespace oborot
