// Title, publication date and dateline of a cleaned news text.
//
//   oborot::text::Cleaned c = oborot::text::CleanText(original);
//   oborot::text::TitleDate td = oborot::text::FindTitleAndDate(original, c, {});
//   if (td.published) Print(td.published->ToString(), td.how);  // "2024-12-23 stamp"
//
// Publication date, first found wins: input metadata (JSONL "published") >
// HTML metadata > a "date YYYY-MM-DD" line > a dated stamp or caption in the
// head of the page (one matching the dateline's day and month preferred) > a
// dateline with a year > a year-less dateline completed by a full date with
// the same day and month in the kept text, or by a year the text pins down
// («в прошлом году … по сравнению с 2021 годом» means 2023). Sidebars and
// topic hubs never count. Otherwise none. Month names, relative-year and
// comparison phrases come from data/lexicons/text_dates.tsv. Never fails.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/document.h"
#include "src/text/clean.h"

namespace oborot::text {

enum class DateForm : uint8_t { kNumeric, kIso, kWords };

// One date written in a text: "23.12.2024", "2024-06-10", "10 июня 2024 года",
// "10 июн" (has_year false, date.year 0).
struct DateMention {
  Span span;  // in the text searched, including a trailing "года"/"г." and time
  Date date;
  bool has_year = false;
  bool has_time = false;
  DateForm form = DateForm::kWords;
};
std::vector<DateMention> FindDates(std::string_view text);

// True when a line is only a date (and time, and a few words such as
// «Обновлено:»): a page's publication stamp rather than a sentence.
bool IsStampLine(std::string_view line);
// True when a date line is a page's "today" widget rather than the article's
// stamp: a weekday name before a date without a time («Четверг, 25 апреля
// 2024»), or the weather beside it («Гродно +8°C»).
bool IsDateWidget(std::string_view line);

struct Dateline {
  std::string city;  // title case: "Минск", "Нижний Новгород"; may be empty for "(БЕЛТА)"-only
  Date date;         // year 0 when the dateline has none
  bool has_year = false;
};
// Reads a news-agency dateline at the start of a paragraph: «МИНСК, 10 июн —
// Sputnik.», «МОСКВА, 29 июня. /ТАСС/.», «Минск, 5 мая 2024 (БЕЛТА) –».
std::optional<Dateline> ParseDateline(std::string_view paragraph);

// The year of publication a text fixes by a relative statement, e.g.
// «в прошлом году … по сравнению с 2021 годом» -> 2023, or nullopt.
std::optional<int> PinnedYear(std::string_view text);

struct DateHints {
  std::string input_title;               // RawInput::title
  std::string input_published;           // RawInput::published, ISO
  std::string html_title;                // HtmlExtract::title
  std::optional<Date> html_published;    // HtmlExtract::published
  std::string html_how;                  // HtmlExtract::published_how
};

struct TitleDate {
  std::optional<std::string> title;
  std::optional<Date> published;
  std::string how;  // "metadata", "html:…", "date-line", "stamp", "caption", "dateline", "dateline+year", "dateline+relative-year"
  std::string dateline_city;
  std::optional<Date> dateline;
};
TitleDate FindTitleAndDate(std::string_view original, const Cleaned& cleaned, const DateHints& hints);

}  // namespace oborot::text
