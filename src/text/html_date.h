// Internal to src/text/html*.cc, exposed for tests: the publication date of a
// page, and the date parsers behind it.
//
//   html::Dom dom(utf8_html);
//   html::MarkBoilerplate(dom);
//   auto main = html::FindMainText(dom);
//   std::optional<html::FoundDate> d = html::FindPublished(dom, main.root, url);
//   // d->date: 2020-06-29, d->how: "json-ld"
//
//   auto s = html::ParseStamp("2020-06-29T00:16:15+03:00");  // date as written
//   auto v = html::FindTextDate("Опубликовано 29 июня 2020, 17:04");
//
// Sources, best first: JSON-LD datePublished and article:published_time
// metas; other publication metas and itemprop=datePublished; <time> in the
// article; the URL path; a visible date beside the headline. Modified dates
// are a last resort. Dates before 1995 or after today are rejected. A UTC
// stamp is moved to the page's own time zone when another stamp shows it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "oborot/document.h"
#include "src/text/html_dom.h"

namespace oborot::text::html {

struct Stamp {
  Date date;
  int minutes = -1;            // minutes since midnight, -1 when no time
  std::optional<int> offset;   // UTC offset in minutes when written ("Z" = 0)
};

// Machine-readable dates: ISO 8601 ("2020-06-29", "2020-06-29T00:16:15+03:00",
// "2020-09-21 11:00", "...T06:05:18.000Z"), Unix seconds or milliseconds,
// YYYYMMDD, RFC 2822 ("Sat, 19 Oct 2019 00:04:00 +0200"), Java Date
// ("Tue Jan 28 15:28:56 CET 2020") and any form FindTextDate reads.
std::optional<Stamp> ParseStamp(std::string_view s);

struct TextDate {
  Date date;
  size_t begin = 0, end = 0;  // byte range in the text
  bool has_time = false;      // a clock time follows ("13.01.2020 17:04")
};
// The first full date (day, month, year) written in running text:
// "29 июня 2020", "15 августа 2016 г.", "19. Oktober 2019", "January 20, 2020",
// "13.01.2020", "2020-01-13", "2020年2月19日". Month names in Russian,
// Ukrainian, Belarusian, Bulgarian, English, German, French, Spanish,
// Italian, Portuguese, Polish, Dutch and Scandinavian. Relative dates
// ("сегодня в 17:04") are not dates.
std::optional<TextDate> FindTextDate(std::string_view text);

// A date in a URL path: /2020/01/13/, /2020-01-13/, /2020/jan/20/, /20200113,
// /2020-02/19/. Wayback-style 14-digit stamps are ignored.
std::optional<Date> UrlDate(std::string_view url);

// A real calendar day from 1995 to tomorrow (pages in time zones ahead).
bool PlausibleDate(const Date& d);

struct FoundDate {
  Date date;
  std::string how;  // "json-ld", "meta:article:published_time", "itemprop", "time", "url", "text", ...
};

// main_root: the content node from FindMainText (-1 when none); url: the
// page's address when known (otherwise canonical/og:url from the page).
std::optional<FoundDate> FindPublished(const Dom& dom, int main_root, std::string_view url);

}  // namespace oborot::text::html
