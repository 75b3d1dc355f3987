// Paragraph and sentence splitting for Russian news text.
//
//   std::vector<oborot::Span> paras = oborot::segment::SplitParagraphs(text);
//   for (const auto& s : oborot::segment::SplitSentences(text, paras)) Print(text.substr(s.start, s.end - s.start));
//   oborot::segment::SegmentDocument(doc);   // fills doc.sentences (and doc.paragraphs if empty)
//
// A sentence ends at . ! ? … (or a run of them) followed by white space and an
// upper-case letter, a digit, an opening quote or a dash; never after an
// abbreviation from data/lexicons/abbreviations.tsv («млн.», «т. е.», «и др.»),
// an initial («А. Г. Лукашенко», «Лукашенко А.Г.») or inside a number («8.4»).
// Closing quotes and brackets right after the end mark stay with the sentence
// («…два года».). A dash after the end mark followed by a lower-case word is
// a speech attribution and continues the sentence. Paragraphs always end a
// sentence; a run of more than 2,000 characters without one is broken (see
// SplitSentences). Hand-written rather than ICU's sentence BreakIterator: ICU breaks
// after «млн.» and «г.» before a capital and knows no Russian abbreviations;
// its suppression lists are per-locale data we cannot extend from a TSV.
//
// Offsets are byte offsets into `text`; sentences are trimmed of white space.
// Never fails.
#pragma once

#include <string_view>
#include <vector>

#include "oborot/budgets.h"
#include "oborot/document.h"

namespace oborot::segment {

// Paragraphs: runs of text between line breaks, trimmed; empty lines skipped.
std::vector<Span> SplitParagraphs(std::string_view text);

// A sentence longer than max_chars code points (the --max-sentence-chars
// budget) is broken: at the last white space within its last quarter, else
// at max_chars exactly. No real sentence comes near the default of 2,000
// characters; the break keeps every later stage's cost per sentence bounded.
// *forced (when given) is increased by the number of such breaks.
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Span>& paragraphs,
                                     size_t max_chars = Budgets{}.sentence_chars, size_t* forced = nullptr);

// Fills doc.sentences from doc.text and doc.paragraphs (computing the
// paragraphs first when the document has none); a forced break adds a
// warning naming --max-sentence-chars to doc.warnings, starting with
// `source` (else doc.source).
void SegmentDocument(Document& doc, size_t max_chars = Budgets{}.sentence_chars, std::string_view source = {});

// True when the folded word ending with a period is a known abbreviation:
// "млн.", "т.е." (spaces removed). Exposed for tests.
bool IsAbbreviation(std::string_view folded_with_period);

}  // namespace oborot::segment
