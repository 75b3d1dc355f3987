#include "src/expr/lexicon.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "src/base/key_filter.h"
#include "src/segment/tokens.h"

namespace oborot::expr {
namespace {

TEST(FirstTokenIndex, FindsEveryFormAndNothingElse) {
  std::unordered_map<std::string, FirstToken> forms;
  // enough forms that home slots collide and probes wrap around the table
  for (int i = 0; i < 1000; ++i) forms["w" + std::to_string(i)].bits = static_cast<uint8_t>(i % 200 + 1);
  forms["миллион"].bits = 7;
  forms["сорокапятимиллиардный"].bits = 9;
  FirstTokenIndex index;
  index.Build(forms);
  for (const auto& [form, first] : forms) {
    const FirstToken* found = index.Find(KeyFilter::Key(form), form);
    ASSERT_NE(found, nullptr) << form;
    EXPECT_EQ(found->bits, first.bits) << form;
  }
  for (const std::string miss : {"w1000", "x1", "", "миллиона", "w-1"})
    EXPECT_EQ(index.Find(KeyFilter::Key(miss), miss), nullptr) << miss;
  // a wrong key finds nothing even for a known form
  EXPECT_EQ(index.Find(KeyFilter::Key("w2"), "w1"), nullptr);
}

TEST(FirstTokenIndex, EmptyFindsNothing) {
  FirstTokenIndex unbuilt;
  EXPECT_EQ(unbuilt.Find(KeyFilter::Key("тыс"), "тыс"), nullptr);
  FirstTokenIndex empty;
  empty.Build({});
  EXPECT_EQ(empty.Find(KeyFilter::Key("тыс"), "тыс"), nullptr);
}

// The same per-token arrays whether the fold keys are given or computed, and
// whether the buffers are the Scan's own or reused from a previous Scan.
TEST(Scan, GivenKeysAndReusedBuffersGiveTheSameIndex) {
  ScanBuffers reused;
  for (std::string_view text : {"Выручка выросла на 12% и составила полтора миллиарда рублей в первом квартале 2024 года.",
                                "и м года тонн", "", "Около 200 тыс. долл. США, или вдвое больше, чем 10.06.2023"}) {
    const segment::Tokens tokens = segment::Tokenize(text, 5);
    std::vector<uint32_t> keys;
    for (const auto& t : tokens) keys.push_back(KeyFilter::Key(t.fold));
    const Scan own(text, 5, tokens);
    const Scan with_keys(text, 5, tokens, keys, reused);
    ASSERT_EQ(own.size(), with_keys.size());
    EXPECT_EQ(own.any_number, with_keys.any_number) << text;
    for (size_t i = 0; i < own.size(); ++i) {
      EXPECT_EQ(own.mask[i], with_keys.mask[i]) << text << " token " << i;
      EXPECT_EQ(own.first[i], with_keys.first[i]) << text << " token " << i;
    }
    for (size_t i = 0; i <= own.size(); ++i) EXPECT_EQ(own.next_number[i], with_keys.next_number[i]) << text;
  }
}

// next_number counts numbers and the words that can start a number, a
// fraction or a multiple, not every numerals.tsv form («и», «года», «тонн»).
TEST(Scan, NextNumberSkipsNumeralsThatStartNoNumber) {
  const std::string text = "и года тонн рост вдвое и 5";
  const Scan s(text, 0);
  ASSERT_EQ(s.size(), 7u);
  EXPECT_TRUE(s.any_number);
  EXPECT_EQ(s.next_number[0], 4u);  // «вдвое»
  EXPECT_EQ(s.next_number[5], 6u);  // «5»
  EXPECT_EQ(s.next_number[7], 7u);
  EXPECT_TRUE(s.mask[4] & FirstToken::kChangeWord);
  const Scan none("и года тонн рост", 0);
  EXPECT_FALSE(none.any_number);
  EXPECT_EQ(none.SkipToNumber(0, 3), none.size());
  const Scan words("два с половиной миллиарда, в первом квартале", 0);
  EXPECT_TRUE(words.mask[0] & FirstToken::kCardinal);
  EXPECT_TRUE(words.mask[3] & FirstToken::kCardinal);
  EXPECT_TRUE(words.mask[6] & FirstToken::kOrdinal);
  EXPECT_FALSE(words.mask[6] & FirstToken::kCardinal);
}

TEST(LexKindFromName, ReadsTheDataFilesKindNames) {
  const struct {
    std::string_view name;
    LexKind kind;
  } kCases[] = {
      {"unit", LexKind::kUnit},         {"scale_abbr", LexKind::kScaleAbbr}, {"word_ambiguous", LexKind::kWordAmbiguous},
      {"before", LexKind::kBefore},     {"year_noun", LexKind::kYearNoun},   {"exclude", LexKind::kExclude},
      {"genitive_ending", LexKind::kGenitiveEnding},                         {"horizon", LexKind::kHorizon},
      {"glued_prep", LexKind::kGluedPrep},
      {"", LexKind::kOther},            {"Unit", LexKind::kOther},           {"scale_", LexKind::kOther},
      {"any", LexKind::kOther},
  };
  for (const auto& c : kCases) EXPECT_EQ(LexKindFromName(c.name), c.kind) << c.name;
}

// A filtered match skips the forms of other kinds but still prefers the
// longest form of its kind; a one-token form matches by its first token alone.
TEST(PhraseTable, MatchFiltersByKindAndPrefersTheLongestForm) {
  const Lexicons& lex = GetLexicons();
  const Scan s("три миллиарда и 5 млрд. долл. США", 0);
  auto any = lex.numerals.Match(s, 1);
  ASSERT_TRUE(any.has_value());
  EXPECT_EQ(any->end, 2u);
  EXPECT_EQ(any->entry->kind, LexKind::kScale);
  EXPECT_FALSE(lex.numerals.Match(s, 1, LexKind::kUnit).has_value());
  EXPECT_TRUE(s.first[1]->HasKind(LexKind::kScale));
  EXPECT_FALSE(s.first[1]->HasKind(LexKind::kUnit));
  EXPECT_TRUE(s.first[8]->HasKind(LexKind::kSuffix));
  auto unit = lex.numerals.Match(s, 0, LexKind::kUnit);
  ASSERT_TRUE(unit.has_value());
  EXPECT_EQ(unit->entry->num, 3);
  auto abbr = lex.numerals.Match(s, 4, LexKind::kScaleAbbr);
  ASSERT_TRUE(abbr.has_value());
  EXPECT_EQ(abbr->entry->b, "scale_abbr");
  auto usd = lex.currencies.Match(s, 6);
  ASSERT_TRUE(usd.has_value());
  EXPECT_EQ(usd->entry->a, "USD");
  EXPECT_EQ(usd->end, 8u);  // «долл.» (two tokens) rather than «долл»
  auto suffix = lex.currencies.Match(s, 8, LexKind::kSuffix);
  ASSERT_TRUE(suffix.has_value());
  EXPECT_EQ(suffix->end, 9u);
  EXPECT_FALSE(lex.currencies.Match(s, 8, LexKind::kSign).has_value());
  EXPECT_EQ(lex.numerals.Find("млрд", LexKind::kScaleAbbr), abbr->entry);
  EXPECT_EQ(lex.numerals.Find("млрд", LexKind::kUnit), nullptr);
  EXPECT_EQ(lex.numerals.Find("нет-такого"), nullptr);
}

}  // namespace
}  // namespace oborot::expr
