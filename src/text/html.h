// Main-text, headline and publication-date extraction from an HTML page
// (gumbo parser; Readability-style content scoring; htmldate-style dating).
//
//   oborot::text::HtmlExtract h = oborot::text::ExtractHtml(utf8_html);
//   // h.text: the article body, one paragraph per line; h.title; h.published
//
//   std::string cs = oborot::text::SniffHtmlCharset(raw_bytes);  // "windows-1251"
//
// Input must already be UTF-8 (see decode.h); invalid sequences are read as
// U+FFFD by gumbo. Never fails: a page with no recognisable article gives
// empty text, no title and no date. The result owns all its strings.
//
// Text: scripts, styles, forms, navigation, hidden elements and blocks whose
// class/id/role marks boilerplate (data/lexicons/html_boilerplate.tsv: menus,
// sidebars, comments, share bars, related news, tags, footers) are dropped;
// the content node is found by paragraph scores, class weights and link
// density; its block elements become lines, table cells are separated by
// tabs, inline elements join with HTML whitespace rules.
//
// Date: JSON-LD datePublished, article:published_time, publication metas,
// itemprop=datePublished, <time>, the URL path, then a visible date beside the
// headline; never a modified date unless nothing else exists; the calendar
// day as written in the page's own time zone; 1995..today.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/document.h"

namespace oborot::text {

struct HtmlExtract {
  std::string text;                 // main article text, paragraphs separated by '\n'
  std::string title;                // headline (og:title, h1, or <title> minus site name)
  std::optional<Date> published;    // best publication date found in the page
  std::string published_how;        // "json-ld", "meta:article:published_time", "itemprop", "time", "url", "text"
  std::string url;                  // canonical or og:url address, when the page gives one
  std::string lang;                 // <html lang>, lower case ("ru", "en-gb"), when given
  // What the pre-scan changed to keep the page within its limits (see
  // html_prescan.h): start tags dropped for depth or as formatting elements
  // left open, attributes dropped, and where the page was cut (0: not cut)
  // after `elements` start tags.
  size_t deep_dropped = 0, formatting_dropped = 0, attributes_dropped = 0, cut_at = 0, elements = 0;
};

// Limits of one page (oborot::Budgets): elements, nesting depth, attributes per element.
struct HtmlLimits {
  size_t elements = 200'000;
  size_t depth = 256;
  size_t attributes = 128;
};

// url: the page's address when known (a JSONL "url" field); it is used for
// dating when the page names no canonical address.
HtmlExtract ExtractHtml(std::string_view utf8_html, std::string_view url = {}, const HtmlLimits& limits = {});

// The charset a page declares (<meta charset>, http-equiv Content-Type, XML
// declaration) within its first 4 KB, lower case ("windows-1251"), or "".
std::string SniffHtmlCharset(std::string_view raw_bytes);
// True when bytes look like HTML: a doctype, <html>, <head>, <body> or
// <meta> tag near the start, or several common block tags.
bool LooksLikeHtml(std::string_view raw_bytes);

// The headline with a site name removed: "Title - ТАСС" -> "Title",
// "Site | Title" -> "Title" (the shorter side of a separator when it is at
// most a few words).
std::string StripSiteName(std::string_view title);

}  // namespace oborot::text
