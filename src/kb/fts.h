// Russian-aware full-text search on top of SQLite FTS5.
//
//   std::string shadow = oborot::kb::StemText("Воронежская область");  // "воронежск област"
//   std::string match = oborot::kb::FtsQuery("воронежской");            // "\"воронежск\""
//   std::string snip = oborot::kb::Snippet(text, "воронежской", 80);
//
// FTS5's unicode61 tokenizer folds case but not morphology, so the store
// indexes a stemmed shadow of each document (Snowball Russian via
// oborot::lang::Stem) and queries are stemmed the same way: «воронежской»
// finds «Воронежская». Numbers are kept as they are; punctuation is dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oborot::kb {

// Stems of the words and numbers of `text`, separated by single spaces.
std::string StemText(std::string_view text);
// The stems of a query's words, in order, without duplicates.
std::vector<std::string> QueryStems(std::string_view query);
// An FTS5 MATCH expression requiring every stem of `query` (each quoted, so
// FTS5 operators typed by a user are taken as words). Empty when the query
// has no words.
std::string FtsQuery(std::string_view query);
// About `width` characters of `text` around the first word whose stem is
// one of the query's, with the matching words marked «[...]»; the start of
// the text when none matches. Ellipses mark cut ends.
std::string Snippet(std::string_view text, std::string_view query, size_t width);

}  // namespace oborot::kb
