// Differential test: PhraseMatcher against a naive reference that tries every
// phrase at every position, on random texts built from the gazetteer's forms
// (randomly inflected, re-cased and punctuated) and filler words.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "src/base/data.h"
#include "src/base/utf8.h"
#include "src/lang/gazetteer.h"
#include "src/lang/phrase_matcher.h"

namespace oborot::lang {
namespace {

using segment::Token;
using segment::TokenKind;

struct Phrase {
  std::vector<std::string> keys;
  uint32_t payload;
  uint32_t flags;
};

// The reference: every phrase tried at every token, longest end wins, ties
// merge their payloads; then leftmost-longest non-overlapping selection.
class NaiveMatcher {
 public:
  explicit NaiveMatcher(std::vector<Phrase> phrases) : phrases_(std::move(phrases)) {}

  // End of the longest match at i (i when none) and its payloads.
  size_t LongestAt(const std::vector<Token>& tokens, const TokenStems& stems, size_t i,
                   std::vector<uint32_t>* payloads) const {
    payloads->clear();
    size_t best = i;
    if (i >= tokens.size() || tokens[i].kind == TokenKind::kPunct) return i;
    for (const Phrase& p : phrases_) {
      if ((p.flags & PhraseMatcher::kCapitalized) && !tokens[i].upper_initial) continue;
      size_t j = i;
      size_t end = 0;
      bool ok = true;
      for (size_t k = 0; k < p.keys.size(); ++k) {
        if (k > 0) {  // the next word token, punctuation skipped, no line break crossed
          ++j;
          while (j < tokens.size() && tokens[j].kind == TokenKind::kPunct && !tokens[j].newline_before) ++j;
          if (j >= tokens.size() || tokens[j].kind == TokenKind::kPunct || tokens[j].newline_before) {
            ok = false;
            break;
          }
        }
        const std::string_view have = (p.flags & PhraseMatcher::kExactForm) ? std::string_view(tokens[j].fold) : stems[j];
        if (have != p.keys[k]) {
          ok = false;
          break;
        }
        end = j + 1;
      }
      if (!ok) continue;
      if (end > best) {
        best = end;
        payloads->clear();
      }
      if (end == best) payloads->push_back(p.payload);
    }
    std::sort(payloads->begin(), payloads->end());
    payloads->erase(std::unique(payloads->begin(), payloads->end()), payloads->end());
    return best;
  }

  std::vector<PhraseMatcher::Match> FindAll(const std::vector<Token>& tokens,
                                            const TokenStems& stems) const {
    std::vector<PhraseMatcher::Match> out;
    std::vector<uint32_t> payloads;
    for (size_t i = 0; i < tokens.size();) {
      const size_t end = LongestAt(tokens, stems, i, &payloads);
      if (end == i) {
        ++i;
        continue;
      }
      for (uint32_t p : payloads) out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), p});
      i = end;
    }
    return out;
  }

 private:
  std::vector<Phrase> phrases_;
};

std::vector<std::string> GazetteerForms() {
  std::vector<std::string> forms;
  for (const std::string_view file : Gazetteer::FormFiles()) {
    auto text = data::Read(file);
    EXPECT_TRUE(text.ok()) << file;
    if (!text.ok()) continue;
    auto rows = data::ParseTsv(file, *text);
    EXPECT_TRUE(rows.ok()) << file;
    if (!rows.ok()) continue;
    for (const auto& row : *rows) forms.push_back(row.cols[0]);
  }
  return forms;
}

// Re-spells one word of a form: another case ending, another letter case.
std::string Vary(const std::string& form, std::mt19937& rng) {
  static const char* const kEndings[] = {"", "", "", "а", "ы", "е", "у", "ой", "ом", "ами", "ах", "ий", "ого"};
  std::string out = form;
  switch (rng() % 5) {
    case 0:  // an ending appended or swapped for the last Cyrillic letter
      if (out.size() >= 2 && static_cast<unsigned char>(out[out.size() - 2]) >= 0xD0) out.resize(out.size() - 2);
      out += kEndings[rng() % std::size(kEndings)];
      break;
    case 1:  // lower case throughout: exercises kCapitalized
      out = FoldCase(out);
      break;
    default:
      break;
  }
  return out;
}

TEST(PhraseMatcherDiff, AgreesWithNaiveReferenceOnRandomTexts) {
  const std::vector<std::string> forms = GazetteerForms();
  ASSERT_GT(forms.size(), 1000u);
  std::mt19937 rng(20240611);
  // Phrases: every form with a payload per form; a random share with flags,
  // and some forms twice with a second payload (shared surface forms).
  PhraseMatcher matcher;
  std::vector<Phrase> phrases;
  for (size_t i = 0; i < forms.size(); ++i) {
    const uint32_t flags = static_cast<uint32_t>(rng() % 4);  // kNone, kCapitalized, kExactForm, both
    const auto payload = static_cast<uint32_t>(i % 700);      // collisions on purpose
    matcher.Add(forms[i], payload, flags);
    auto keys = PhraseMatcher::PhraseKeys(forms[i], flags);
    if (!keys.empty()) phrases.push_back({std::move(keys), payload, flags});
  }
  matcher.Build();
  NaiveMatcher naive(phrases);

  static const char* const kFiller[] = {"и",     "в",          "с",         "по",        "объём",      "товарооборот",
                                        "вырос", "на",         "процентов", "встреча",   "губернатор", "области",
                                        "край",  "республики", "город",     "Президент", "МИНСК",      "2024",
                                        "млн",   "долларов",   "Новый",     "Южный",     "столица",    "официальный"};
  static const char* const kGlue[] = {" ",   " ",     " ",  ", ", " — ", "-",  ". ", "\n",
                                      "\n«", ".\n— ", " «", "» ", " (",  ") ", "; "};
  size_t total_matches = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int pieces = 5 + static_cast<int>(rng() % 40);
    for (int k = 0; k < pieces; ++k) {
      if (rng() % 3 == 0) {
        text += kFiller[rng() % std::size(kFiller)];
      } else {
        text += Vary(forms[rng() % forms.size()], rng);
      }
      text += kGlue[rng() % std::size(kGlue)];
    }
    const auto tokens = segment::Tokenize(text);
    const auto stems = StemTokens(tokens);
    const auto want = naive.FindAll(tokens, stems);
    const auto got = matcher.FindAll(tokens, stems);
    ASSERT_EQ(got, want) << "round " << round << ": " << text;
    // again, now that every word's start byte in the word cache is known
    // (FindAll then passes over most words in its skip loop)
    ASSERT_EQ(matcher.FindAll(tokens, stems), want) << "round " << round << ": " << text;
    total_matches += got.size();
    std::vector<uint32_t> p1, p2;
    for (size_t i = 0; i < tokens.size(); ++i) {
      ASSERT_EQ(matcher.LongestAt(tokens, stems, i, &p1), naive.LongestAt(tokens, stems, i, &p2)) << text;
      ASSERT_EQ(p1, p2) << text;
    }
  }
  EXPECT_GT(total_matches, 1000u);  // the texts did exercise the matcher
}

}  // namespace
}  // namespace oborot::lang
