// Clause splits, predicates, subjects and comparison bases on sentences of the
// shapes the fact rules meet (our own texts).
#include "src/facts/clauses.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/base/utf8.h"
#include "src/segment/sentences.h"
#include "src/text/load.h"

namespace oborot::facts {
namespace {

const Lexicons& Lex() {
  static const std::shared_ptr<const Lexicons> lex = [] {
    auto r = Lexicons::Load();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }();
  return *lex;
}

// One clause as the test names it: how it opens, its first word, its predicate's and
// subject's words ("" when none), the direction of its change word and its parent.
struct Want {
  Opener opener;
  std::string first, predicate, subject;
  int change = 0;
  int parent = -1;
};

struct Case {
  std::string sentence;
  std::vector<Want> clauses;
  std::vector<std::string> bases;  // texts of the comparison bases
};

const char* OpenerName(Opener o) {
  switch (o) {
    case Opener::kStart:
      return "start";
    case Opener::kHard:
      return "hard";
    case Opener::kConj:
      return "conj";
    case Opener::kAnd:
      return "and";
    case Opener::kRelative:
      return "relative";
    case Opener::kGerund:
      return "gerund";
    case Opener::kComma:
      return "comma";
  }
  return "?";
}

const std::vector<Case>& Cases() {
  using O = Opener;
  static const std::vector<Case> cases = {
      {"Товарооборот в 2023 году составил 500 млн долларов и вырос на 12%.",
       {{O::kStart, "Товарооборот", "составил", "Товарооборот", 0, -1}, {O::kAnd, "и", "вырос", "", 1, 0}},
       {}},
      // «и» between two nouns is no clause boundary
      {"Товарооборот между Беларусью и Россией вырос на 5%.",
       {{O::kStart, "Товарооборот", "вырос", "Товарооборот", 1, -1}},
       {}},
      // a comma before «или 122%» or «по данным …» stays inside the clause
      {"Товарооборот, по данным таможни, составил более $17 млн, или 122% к аналогичному периоду прошлого года.",
       {{O::kStart, "Товарооборот", "составил", "Товарооборот", 0, -1}},
       {"к аналогичному периоду прошлого года"}},
      // an elliptic clause: a dash and a figure after a comma
      {"В 2024 году товарооборот составил $140 млн, за январь – март 2025 года — $51 млн.",
       {{O::kStart, "В", "составил", "товарооборот", 0, -1}, {O::kComma, "за", "", "", 0, 0}},
       {}},
      // a money noun opening an item of its own
      {"Товарооборот составил $385 млн, экспорт - $268 млн, импорт - $117 млн.",
       {{O::kStart, "Товарооборот", "составил", "Товарооборот", 0, -1},
        {O::kComma, "экспорт", "", "экспорт", 0, 0},
        {O::kComma, "импорт", "", "импорт", 0, 1}},
       {}},
      // contrast, relative and gerund openers
      {"Если в 2020 году товарооборот составлял $24 млн, то к 2024 году он превысил $113 млн.",
       {{O::kStart, "Если", "составлял", "товарооборот", 0, -1}, {O::kConj, "то", "превысил", "он", 0, 0}},
       {}},
      {"Товарооборот составил 1,1 млрд долларов, что на 14% больше, чем в 2021 году.",
       {{O::kStart, "Товарооборот", "составил", "Товарооборот", 0, -1}, {O::kRelative, "что", "", "", 0, 0}},
       {"чем в 2021 году"}},
      {"Товарооборот составил $74 млн, увеличившись на 33% к аналогичному периоду прошлого года.",
       {{O::kStart, "Товарооборот", "составил", "Товарооборот", 0, -1},
        {O::kGerund, "увеличившись", "увеличившись", "", 1, 0}},
       {"к аналогичному периоду прошлого года"}},
      // a bracketed clause continues the one before it; the clause after the bracket too
      {"Оборот составил 1,4 млрд рублей (по сравнению с 1999 г. увеличился в пять раз) и продолжает расти.",
       {{O::kStart, "Оборот", "составил", "Оборот", 0, -1},
        {O::kHard, "по", "увеличился", "", 1, 0},
        {O::kHard, "и", "расти", "", 1, 0}},
       {"по сравнению с 1999 г."}},
      // «был достигнут»: the auxiliary is the clause's predicate
      {"В прошлом году был достигнут рекордный объем товарооборота в 2,2 млрд долларов.",
       {{O::kStart, "В", "был", "товарооборота", 0, -1}},
       {}},
      // a base after a comparative: «выше показателей 2018 года»
      {"Это на треть выше показателей 2018 года.", {{O::kStart, "Это", "", "Это", 0, -1}}, {"показателей 2018 года"}},
  };
  return cases;
}

std::string Word(const Annotations& a, uint32_t t) { return t == kNoToken ? "" : std::string(a.tokens[t].fold); }

TEST(Clauses, Table) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.sentence);
    RawInput in;
    in.id = "t";
    in.source = "t.txt";
    in.bytes = c.sentence;
    auto doc = text::LoadDocument(in, {});
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    if (doc->sentences.empty()) segment::SegmentDocument(*doc);
    ASSERT_EQ(doc->sentences.size(), 1u);
    const Annotations a = Annotate(Lex(), *doc);
    const SentenceClauses sc = AnalyzeClauses(a, a.sentences[0]);
    ASSERT_EQ(sc.clauses.size(), c.clauses.size());
    for (size_t k = 0; k < c.clauses.size(); ++k) {
      SCOPED_TRACE("clause " + std::to_string(k));
      const Clause& got = sc.clauses[k];
      const Want& want = c.clauses[k];
      EXPECT_STREQ(OpenerName(got.opener), OpenerName(want.opener));
      EXPECT_EQ(a.tokens[got.first].fold, FoldCase(want.first));
      EXPECT_EQ(Word(a, got.predicate), FoldCase(want.predicate));
      EXPECT_EQ(Word(a, got.subject), FoldCase(want.subject));
      EXPECT_EQ(got.change, want.change);
      EXPECT_EQ(got.parent, want.parent);
    }
    ASSERT_EQ(sc.bases.size(), c.bases.size());
    for (size_t k = 0; k < c.bases.size(); ++k) {
      EXPECT_EQ(doc->text.substr(sc.bases[k].start, sc.bases[k].end - sc.bases[k].start), c.bases[k]);
    }
  }
}

// Cost: a long run of clauses is analysed in one pass (no quadratic blow-up).
TEST(Clauses, LongSentenceEveryClauseFound) {
  std::string text = "Товарооборот составил 5 млн долларов";
  for (int i = 0; i < 400; ++i) text += ", экспорт — 3 млн долларов";
  text += ".";
  RawInput in;
  in.id = "long";
  in.source = "long.txt";
  in.bytes = text;
  // one sentence (no forced break), and no cap on the mentions kept per
  // sentence: this is about the clause rules' own cost
  Budgets b;
  b.sentence_chars = 1u << 20;
  auto doc = text::LoadDocument(in, {.budgets = b});
  ASSERT_TRUE(doc.ok());
  if (doc->sentences.empty()) segment::SegmentDocument(*doc, b.sentence_chars);
  // (no cap on the mentions kept per sentence: this is about the clause rules' own cost)
  const Annotations a = Annotate(Lex(), *doc, {.sentence_mentions = 0, .doc_mentions = 0});
  size_t clauses = 0;
  for (const auto& sm : a.sentences) clauses += AnalyzeClauses(a, sm).clauses.size();
  EXPECT_EQ(clauses, 401u);
}

}  // namespace
}  // namespace oborot::facts
