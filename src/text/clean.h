// Line-based cleaning of a decoded news text: drops site chrome, sidebars,
// captions, subscription prompts, section-hub intros and repeated headlines,
// keeps the article body with a map back to the original.
//
//   oborot::text::Cleaned c = oborot::text::CleanText(decoded_utf8);
//   Use(c.text);                        // paragraphs separated by '\n'
//   for (const auto& l : c.lines) if (l.kind == LineKind::kSidebar) ...
//
// The phrases that mark boilerplate live in data/lexicons/boilerplate.tsv
// (columns pattern, kind, match; kinds sidebar_start, line_drop, subscribe,
// caption, hub_intro; match exact, prefix or contains, on the case-folded
// line). Structural rules (caption stamps such as «… - Sputnik Беларусь, 1920,
// 23.12.2024», date-only stamp lines, menus of short items, duplicates) are
// code. Line ends may be "\n", "\r\n" or "\r". Never fails; an input with no
// article gives empty text. Spans in Cleaned point into the `original` passed
// to CleanText, which must outlive their use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/document.h"

namespace oborot::text {

enum class LineKind : uint8_t {
  kBlank,
  kBody,       // kept
  kMetadata,   // a scraper's "date YYYY-MM-DD" line with nothing else
  kChrome,     // navigation, sharing, credits ("Подписаться", "Источник: …")
  kStamp,      // a line that is only a date and time
  kCaption,    // photo caption or credit (©, «… - Site, 1920, 23.12.2024»)
  kSubscribe,  // "… ищите в нашем Telegram-канале"
  kSidebar,    // inside a "Последние новости" / "Также на …:" block
  kHub,        // the header and intro of a topic hub above the article
  kDuplicate,  // a second copy of an earlier kept line (repeated headline)
  kMenu,       // a line of menu items or a run of one-word lines
};
std::string_view LineKindName(LineKind k);

struct CleanLine {
  Span orig;  // the whole line in the original, without its line break
  Span body;  // the trimmed part that is (or would be) kept
  LineKind kind = LineKind::kBlank;
  int paragraph = -1;  // index into Cleaned::paragraphs when kept
};

struct Cleaned {
  std::string text;                   // kept lines, one paragraph per line
  std::vector<OffsetPiece> offsets;   // text -> original, sorted by clean_start
  std::vector<Span> paragraphs;       // spans of `text`
  std::vector<std::string> removed;   // "sidebar: Читать новость", one per dropped line
  std::vector<CleanLine> lines;       // every line of the original, in order
  std::optional<Date> metadata_date;  // from a leading "date YYYY-MM-DD"
};

// valid_utf8: the caller knows that original is valid UTF-8 (as
// Decoded::valid_utf8 says), which saves checking it; the result is the same.
Cleaned CleanText(std::string_view original, bool valid_utf8 = false);

}  // namespace oborot::text
