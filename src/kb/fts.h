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

// A document's stems are indexed in pieces of about this many bytes
// (document_stems, one full-text row each): FTS5 holds the terms of the row
// it is indexing in memory and flushes them between rows, so a 12 MB stems
// column in one row took ~59 MB while indexed. An article's stems (a few KB)
// are one piece. kStemChunkOverlap stems at the start of a piece repeat the
// end of the one before, so a phrase or NEAR query run on document_stems
// directly matches across a cut; `search` asks for each stem in the whole
// document (Search in queries.h) and needs no overlap.
inline constexpr size_t kStemChunkBytes = 256u << 10;
inline constexpr size_t kStemChunkOverlap = 16;
// The pieces of `stems` (views into it): cut after a space once a piece
// passes `max_bytes`, each after the first starting `overlap` stems before
// the cut. One piece (the whole) when `stems` is short or empty.
std::vector<std::string_view> StemChunks(std::string_view stems, size_t max_bytes = kStemChunkBytes,
                                         size_t overlap = kStemChunkOverlap);
// The stems of a query's words, in order, without duplicates.
std::vector<std::string> QueryStems(std::string_view query);
// An FTS5 MATCH expression requiring every stem of `query` (each quoted, so
// FTS5 operators typed by a user are taken as words). Empty when the query
// has no words.
std::string FtsQuery(std::string_view query);
// The same for one stem: "\"stem\"".
std::string FtsTerm(std::string_view stem);
// About `width` characters of `text` around the first word whose stem is
// one of the query's, with the matching words marked «[...]»; the start of
// the text when none matches. Ellipses mark cut ends.
std::string Snippet(std::string_view text, std::string_view query, size_t width);

}  // namespace oborot::kb
