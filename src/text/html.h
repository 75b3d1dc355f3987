// Main-text extraction from an HTML page with gumbo.
//
//   oborot::text::HtmlExtract h = oborot::text::ExtractHtml(utf8_html);
//   // h.text: the article body, one paragraph per line; h.title; h.published
//
// Input must already be UTF-8 (see decode.h). Never fails: a page with no
// recognisable article gives empty text.
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
  std::string published_how;        // "json-ld", "meta:article:published_time", "time", "url", ...
};

HtmlExtract ExtractHtml(std::string_view utf8_html);

}  // namespace oborot::text

namespace oborot::text {
// The charset a page declares (<meta charset>, http-equiv Content-Type, XML
// declaration) within its first 4 KB, lower case ("windows-1251"), or "".
std::string SniffHtmlCharset(std::string_view raw_bytes);
// True when bytes look like HTML (doctype, <html>, <head> or <body> near the start).
bool LooksLikeHtml(std::string_view raw_bytes);
}  // namespace oborot::text
