// Numbers in Russian text: digits and number words, with scale words.
//
//   for (const auto& n : oborot::expr::FindNumbers("товарооборот 1,2 млрд", base))
//     Use(n.value /* 1.2e9 */, n.start, n.end);
//
// Recognised: digits with a decimal comma or point («1,5», «2.5»), thousands
// separated by one ordinary, no-break or thin space («1 200», «1 200,5») or by
// points («2.500.000», «12.500,75»; a single «2.500» stays 2.5); «2 с
// половиной млрд»; «400 с лишним миллиардов» (NumberParse::more); an editor's
// scale in brackets («$1,2 [млрд]»);
// scale words and abbreviations in every form after a number («тыс.», «тысячи»,
// «млн», «миллионов», «млрд.», «миллиарду», «трлн»); compounds («1 млрд 200 млн»);
// number words («сорок пять», «триста двадцать», «два с половиной миллиарда»,
// «полтора», «полторы тысячи»); a bare singular scale word («миллиард» = 1e9,
// «тысячу»), «полмиллиарда», «пол-миллиона». A dot after a scale abbreviation
// belongs to the number unless the text ends or a capitalised word follows.
// Ordinals written with digits («13-е», «2023-м») are returned with ordinal set.
// «10.06.2024» is not one decimal number (each part is returned on its own).
//
// Errors: none; text that holds no number gives an empty vector. Offsets are
// bytes into `text` plus `base`. Words come from data/lexicons/numerals.tsv.
// Tokens are scanned once, left to right; no regular expressions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "src/expr/lexicon.h"

namespace oborot::expr {

struct NumberExpr {
  double value = 0;
  uint32_t start = 0, end = 0;
  bool has_scale = false;   // a scale word or abbreviation multiplied the value
  bool words = false;       // written (at least partly) in words
  bool ordinal = false;     // «13-е», «2023-м»
  bool scale_only = false;  // a bare scale word: «миллиард», «полмиллиарда»
};

std::vector<NumberExpr> FindNumbers(std::string_view text, uint32_t base = 0);
// The same over tokens the caller already made with segment::Tokenize(text, base)
// (one tokenisation shared by all parsers); `tokens` is only read during the call.
std::vector<NumberExpr> FindNumbers(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base);

// ---- shared by the other parsers of src/expr (not a public API) ----

// NumberParse (a number found at a token position of a Scan) is in lexicon.h.

// Parses the number starting at token i. `allow_scale` = false stops before
// scale words (used for «в 2 раза»-like contexts where none may follow).
std::optional<NumberParse> ParseNumberAt(const Scan& s, size_t i, bool allow_scale = true);
// Token index after «%», «процентов», «проц.» starting at j, or 0 when none.
size_t PercentAt(const Scan& s, size_t j);
inline uint32_t StartOf(const Scan& s, size_t i) { return s.toks[i].start; }
inline uint32_t EndOf(const Scan& s, size_t end_tok) { return s.toks[end_tok - 1].end; }

}  // namespace oborot::expr
