#include "src/kb/fts.h"

#include <algorithm>

#include "src/base/utf8.h"
#include "src/lang/stemmer.h"
#include "src/segment/tokens.h"

namespace oborot::kb {
namespace {

using segment::TokenKind;

std::string StemOf(const segment::Token& t) {
  return t.kind == TokenKind::kWord ? lang::Stem(t.fold) : std::string(t.fold);
}

// Moves a byte offset back to the start of the code point it falls in.
size_t Boundary(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return std::min(i, s.size());
}

// Byte offset `n` code points after (n > 0) or before (n < 0) `from`.
size_t Advance(std::string_view s, size_t from, long n) {
  size_t i = from;
  if (n >= 0) {
    for (long k = 0; k < n && i < s.size(); ++k) NextCodePoint(s, i);
  } else {
    for (long k = 0; k < -n && i > 0; ++k) PrevCodePoint(s, i);
  }
  return i;
}

}  // namespace

std::string StemText(std::string_view text) {
  // Tokenised a piece of about kPiece bytes at a time, each cut just after
  // an ASCII space or line break: no token spans whitespace, so the stems
  // are those of the whole text, while the tokens cost a piece's memory
  // (a 16 MB document's tokens at once took 93 MB, `ingest`'s peak).
  constexpr size_t kPiece = 256u << 10;
  std::string out;
  // Stems are at most as long as their words and punctuation is dropped:
  // the text's size is enough (half of it, grown by doubling, held 1.5
  // times the text at once and ended at the same capacity).
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t end = text.size();
    if (end - at > kPiece) {
      size_t cut = text.find_last_of(" \n", at + kPiece);
      if (cut == std::string_view::npos || cut < at) cut = text.find_first_of(" \n", at + kPiece);
      if (cut != std::string_view::npos) end = cut + 1;
    }
    for (const auto& t : segment::Tokenize(text.substr(at, end - at))) {
      if (t.kind == TokenKind::kPunct) continue;
      if (!out.empty()) out.push_back(' ');
      out += StemOf(t);
    }
    at = end;
  }
  return out;
}

std::vector<std::string_view> StemChunks(std::string_view stems, size_t max_bytes, size_t overlap) {
  std::vector<std::string_view> out;
  size_t begin = 0;
  while (stems.size() - begin > max_bytes) {
    // Cut at the first space at or after `max_bytes` into the piece.
    const size_t cut = stems.find(' ', begin + max_bytes);
    if (cut == std::string_view::npos) break;
    out.push_back(stems.substr(begin, cut - begin));
    // The next piece starts `overlap` stems before the cut.
    size_t next = cut + 1;
    for (size_t k = 0; k < overlap && next > begin + 1; ++k) {
      const size_t space = stems.rfind(' ', next - 2);
      if (space == std::string_view::npos || space < begin) break;
      next = space + 1;
    }
    begin = std::max(next, begin + 1);
  }
  out.push_back(stems.substr(begin));
  return out;
}

std::vector<std::string> QueryStems(std::string_view query) {
  std::vector<std::string> stems;
  for (const auto& t : segment::Tokenize(query)) {
    if (t.kind == TokenKind::kPunct) continue;
    std::string s = StemOf(t);
    if (!s.empty() && std::find(stems.begin(), stems.end(), s) == stems.end()) stems.push_back(std::move(s));
  }
  return stems;
}

std::string FtsTerm(std::string_view stem) {
  return '"' + std::string(stem) + '"';  // stems hold letters and digits only: no quote to escape
}

std::string FtsQuery(std::string_view query) {
  std::string out;
  for (const auto& s : QueryStems(query)) {
    if (!out.empty()) out.push_back(' ');
    out += FtsTerm(s);
  }
  return out;
}

std::string Snippet(std::string_view text, std::string_view query, size_t width) {
  const auto stems = QueryStems(query);
  const auto tokens = segment::Tokenize(text);
  std::vector<const segment::Token*> hits;
  for (const auto& t : tokens) {
    if (t.kind == TokenKind::kPunct) continue;
    if (std::find(stems.begin(), stems.end(), StemOf(t)) != stems.end()) hits.push_back(&t);
  }
  const size_t anchor = hits.empty() ? 0 : hits.front()->start;
  size_t from = hits.empty() ? 0 : Advance(text, anchor, -static_cast<long>(width / 3));
  size_t to = Advance(text, from, static_cast<long>(width));
  from = Boundary(text, from);
  std::string out;
  if (from > 0) out += "…";
  size_t i = from;
  size_t next_hit = 0;
  while (next_hit < hits.size() && hits[next_hit]->start < from) ++next_hit;
  while (i < to) {
    if (next_hit < hits.size() && hits[next_hit]->start == i && hits[next_hit]->end <= to) {
      out += '[';
      out.append(text.substr(i, hits[next_hit]->end - i));
      out += ']';
      i = hits[next_hit]->end;
      ++next_hit;
      continue;
    }
    const size_t start = i;
    const char32_t cp = NextCodePoint(text, i);
    if (IsSpace(cp) || cp == U'\n' || cp == U'\r' || cp == U'\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace oborot::kb
