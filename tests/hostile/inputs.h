// Hostile inputs of issue 15, generated (never committed as files): pages and
// texts that a crawler meets on the open web or that someone crafts to make
// one document cost more than its own failure. Shared by the hostile-input
// tests (tests/hostile/hostile_test.cc), which assert the bounds, and by
// bench/hostile_bench.cc, which prints time and peak memory for each.
//
//   std::string page = oborot::hostile::UnclosedInline(32 * 1024);  // "<b><i><b><i>..."
//
// Every generator is deterministic; sizes are parameters so that tests can
// use small instances and the benchmark the sizes the issue names.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace oborot::hostile {

// A short ordinary article in UTF-8, with a turnover figure, so that a batch
// around a hostile input shows that the rest went through.
std::string OrdinaryArticle(int n);

// HTML
std::string UnclosedInline(size_t pairs);            // "<b><i>" repeated: gumbo's error list grew with its square
std::string NestedDivs(size_t depth);                // "<div>"×n text "</div>"×n
std::string UnclosedDivs(size_t depth);              // "<div>"×n, never closed
std::string FlatParagraphs(size_t bytes);            // "<p>...</p>" up to `bytes`: a huge flat page
std::string ManyAttributes(size_t attributes);       // one element with n attributes
std::string DuplicateAttributes(size_t attributes);  // one element with the same attribute n times
std::string DeepTables(size_t depth);                // "<table><tr><td>" nested n deep

// Text
std::string NoPunctuation(size_t bytes);             // words, never a sentence end
std::string RepeatedChange(size_t count);            // «… на 5% …» count times in one sentence
std::string ManyMoney(size_t count);                 // count money amounts in one sentence
std::string ManyMultipliers(size_t count);           // «в 1,5 раза» count times in one sentence
std::string LongWord(size_t bytes);                  // one "word" of letters, no space
std::string ManyPeople(size_t bytes);                // short sentences, each with a role, a person and a party
std::string ManyQuotes(size_t bytes);                // short quoted sentences with speech cues and pronouns
std::string ManyOrganizations(size_t bytes);         // short sentences, each naming an enterprise and a region

// Large legitimate documents (issue 17: whole-site dumps, transcripts, PDF
// conversions), whose cost must grow about linearly with their size.
// ArticleDump: ordinary news articles one after another, each with a title,
// figures of turnover, its change and exports, a meeting of named people, a quotation
// with its speaker, an enterprise; regions, years, figures and people vary,
// so that the facts grow with the size.
std::string ArticleDump(size_t bytes);
std::string ManyMeetings(size_t bytes);              // one report of meetings after another, many distinct people
std::string ManyFiguresParagraph(size_t bytes);      // one paragraph of turnover sentences, each its own figure

// Encodings
std::string Utf8WithStrayByte();                     // valid UTF-8 with one 0xFF byte in the middle
std::string Utf8CutLastCharacter();                  // valid UTF-8 whose last character lost its last byte
std::string Utf8PageWithCp1251Footer();              // a UTF-8 article with a Windows-1251 footer pasted in

}  // namespace oborot::hostile
