#include "src/text/published.h"

#include <gtest/gtest.h>

#include <string>

namespace oborot::text {
namespace {

struct DateCase {
  const char* text;
  const char* published;  // "" for none
  const char* how;
};

// Publication dates of whole (small) texts, through cleaning.
const DateCase kDateCases[] = {
    // Metadata line.
    {" date 2025-11-21 Губернатор приехал в Минск 24 ноября.", "2025-11-21", "date-line"},
    {"date 2024-02-01\nМИНСК, 3 фев — Sputnik. Текст.", "2024-02-01", "date-line"},
    // Stamp lines in the head.
    {"Заголовок о поставках\n10.06.2024 14:35\nТекст о поставках зерна в Омск.", "2024-06-10", "stamp"},
    {"Заголовок о поставках\n10 июня 2024, 09:15\nТекст о поставках.", "2024-06-10", "stamp"},
    {"Заголовок\nОбновлено: 2024-06-10\nТекст о поставках.", "2024-06-10", "stamp"},
    {"Заголовок\n5 марта 2023 года\nТекст о поставках.", "2023-03-05", "stamp"},
    // The article's own caption stamp; a hub caption above never counts.
    {"Флаги - Sputnik Беларусь, 1920, 01.07.2021\nИнтеграция: новости\nВсе о Союзе читайте в материалах Sputnik.\n\n"
     "Москва и Минск: 7 млрд\nМэр на встрече - Sputnik Беларусь, 1920, 23.12.2024\n"
     "МИНСК, 23 дек – Sputnik. Президент принял мэра.",
     "2024-12-23", "caption"},
    // Head stamp matching the dateline wins over another one.
    {"Заголовок\n01.03.2024\n05.03.2024\nМИНСК, 5 мар — Sputnik. Текст.", "2024-03-05", "stamp"},
    // The page's "today" widget and "last updated" line are not the article's date; its stamp after chrome lines is.
    {"Пятница, 12 апреля 2024\nЗаголовок о поставках техники в Псков\n18 марта 2021, 10:05\nТекст о поставках.",
     "2021-03-18", "stamp"},
    {"Пятница, 12 апреля 2024 / Псков +3°C\nЗаголовок о поставках\nТекст о поставках.", "", ""},
    {"Последнее обновление: 02.12.2024 11:00\nЗаголовок о поставках\nТекст о поставках техники в регион.", "", ""},
    {"18+\nАрхив\nРекламный баннер 240x400px left\nРекламный баннер 240x90px top\nОбщество\n"
     "Губернатор Псковской области обсудил поставки техники\n09:30 18.03.2021 12+\nТекст о поставках.",
     "2021-03-18", "stamp"},
    {"Заголовок о поставках из Пскова\n17-09-2015, 09:40. Автор: admin\nТекст о поставках.", "2015-09-17", "stamp"},
    // The headline with the site's name after it, again in a breadcrumb, then the lead and a photo credit:
    // the headline's repeats are chrome, so the stamp below them is still in the head.
    {"Омская область нарастит поставки тракторов из Беларуси » Новости Сибири — все новости региона на сайте "
     "SIBNEWS.EXAMPLE каждый день\nsibnews.example » Омск » Омская область нарастит поставки тракторов из Беларуси\n\n"
     "Губернатор на встрече с послом рассказал о планах и поблагодарил партнеров за поставки.\n"
     "© Фото: сайт правительства Омской области\n\n12 мар 2024, 10:40\n\nВ Омске 12 марта губернатор встретился "
     "с послом Беларуси.",
     "2024-03-12", "stamp"},
    // A numeric date opening the lead; a stamp at the end of the excerpt.
    {"18.03.2021 Губернатор: Поставки идут по графику. Текст о поставках техники.", "2021-03-18", "lead-stamp"},
    {"Заголовок\nДлинный текст о поставках техники в Псков, где обсуждали двигатели, автобусы, лифты, поставки "
     "молочной продукции, логистику, совместные предприятия и обучение студентов.\nВторой абзац.\n\n"
     "18.03.2021 10:05",
     "2021-03-18", "end-stamp"},
    // A year-less dateline with the date first, completed by the stamp with its day.
    {"Четверг, 12 апреля 2024\n18 марта 2021, 10:05\n18 марта, Псков /Корр. БЕЛТА/. Текст о поставках.",
     "2021-03-18", "stamp"},
    // Datelines with a year.
    {"МИНСК, 10 июня 2024 — Sputnik. Встреча прошла.", "2024-06-10", "dateline"},
    {"МОСКВА, 29 июня 2023. /ТАСС/. Переговоры прошли.", "2023-06-29", "dateline"},
    // Year-less dateline completed by a full date with the same day and month.
    {"КАЗАНЬ, 7 окт — Sputnik. Форум открылся. Соглашение подписано 7 октября 2022 года.", "2022-10-07",
     "dateline+year"},
    {"МИНСК, 15 мая — Sputnik. Встреча.\nДоговор от 15.05.2021 продлен.", "2021-05-15", "dateline+year"},
    // ... by a relative-year statement.
    {"МИНСК, 4 апр - Sputnik. Товарооборот в прошлом году составил 118 млн долларов и вырос на 17% в сравнении с "
     "2021 годом.",
     "2023-04-04", "dateline+relative-year"},
    {"МИНСК, 4 апр - Sputnik. В этом году экспорт вырос по сравнению с 2023 годом.", "2024-04-04",
     "dateline+relative-year"},
    // Not enough to fix a year.
    {"МИНСК, 10 июн — Sputnik. Воронежская область стала партнером.\nИсточник: AP 2024", "", ""},
    {"МИНСК, 10 июн — Sputnik. Встреча.\nПредыдущий раз губернатор приезжал в 2016 году.", "", ""},
    {"МИНСК, 10 июн — Sputnik. Встреча. Соглашение от 11 июня 2022 года.", "", ""},
    {"МИНСК, 10 июн — Sputnik. Встреча. Договор от 10 июня 2021 и от 10 июня 2022.", "", ""},
    // Sidebars never count.
    {"Заголовок\nТекст о машиностроении.\n\nПоследние новости\n\nНовость\n7 августа 2025\nЧитать новость", "", ""},
    {"Текст о машиностроении.\nЛента новостей\n12.01.2025 10:00\nДругая новость", "", ""},
    // An event date in the body is not a publication date.
    {"Переговоры прошли 10 июня 2024 года в Минске, товарооборот вырос.", "", ""},
    {"Текст.\nВ 2016 году губернатор уже был в Беларуси.", "", ""},
    // Impossible dates.
    {"Заголовок\n31.02.2024\nТекст.", "", ""},
    {"Заголовок\n10.06.1850\nТекст.", "", ""},
    // A caption deep in the text does not stamp the page...
    {"Первый длинный абзац статьи о переговорах белорусской делегации в Ярославле, где обсуждали двигатели, "
     "автобусы, лифты и поставки молочной продукции, а также логистику и совместные предприятия.\n"
     "Завод - Sputnik Беларусь, 1920, 02.02.2020\nТекст.",
     "", ""},
    // ... but one that completes the dateline does.
    {"МИНСК, 2 фев — Sputnik. Длинный текст.\nЗавод - Sputnik Беларусь, 1920, 02.02.2020", "2020-02-02",
     "dateline+year"},
};

TEST(PublishedTest, DateTable) {
  for (const auto& tc : kDateCases) {
    Cleaned c = CleanText(tc.text);
    TitleDate td = FindTitleAndDate(tc.text, c, {});
    const std::string got = td.published ? td.published->ToString() : "";
    EXPECT_EQ(got, tc.published) << tc.text;
    EXPECT_EQ(td.how, tc.how) << tc.text;
  }
}

TEST(PublishedTest, MetadataPrecedence) {
  const char* text = " date 2025-11-21 МИНСК, 10 июня 2024 — Sputnik. Текст.";
  Cleaned c = CleanText(text);
  DateHints h;
  h.input_published = "2024-06-10T09:00:00+03:00";
  h.html_published = Date{2023, 1, 1};
  auto td = FindTitleAndDate(text, c, h);
  EXPECT_EQ(td.published->ToString(), "2024-06-10");
  EXPECT_EQ(td.how, "metadata");
  h.input_published.clear();
  h.html_how = "json-ld";
  td = FindTitleAndDate(text, c, h);
  EXPECT_EQ(td.published->ToString(), "2023-01-01");
  EXPECT_EQ(td.how, "html:json-ld");
  h.html_published.reset();
  td = FindTitleAndDate(text, c, h);
  EXPECT_EQ(td.published->ToString(), "2025-11-21");
}

struct MentionCase {
  const char* text;
  const char* date;  // first mention, ISO with year 0000 when none; "" for no mention
  bool has_year;
};

const MentionCase kMentions[] = {
    {"23.12.2024", "2024-12-23", true},
    {"Sputnik Беларусь, 1920, 01.07.2021", "2021-07-01", true},
    {"2024-06-10T09:00:00+03:00", "2024-06-10", true},
    {"10 июня 2024 года", "2024-06-10", true},
    {"10 июн", "0000-06-10", false},
    {"1 дек. 2023 г.", "2023-12-01", true},
    {"31 декабря", "0000-12-31", false},
    {"на 8,4 млрд рублей", "", false},
    {"1920 пикселей", "", false},
    {"10 долларов", "", false},
    {"32.01.2024", "", false},
    {"5 Мая 2022", "2022-05-05", true},
    {"17-09-2015, 09:40. Автор: admin", "2015-09-17", true},
    {"17/09/2015", "2015-09-17", true},
    {"14.02.201911:05", "2019-02-14", true},      // a time glued to the year
    {"14.02.2019115", "", false},                  // not a time: a longer number
    {"10-12.05.2024", "", false},                  // a range of days, not one date
};

// The scan skips prose 16 or eight bytes at a time: a date must be found at
// every offset after ASCII, Cyrillic and other multi-byte text.
TEST(PublishedTest, FindDatesAtEveryOffset) {
  for (const std::string filler : {"x", "ж", "—", " "}) {
    for (int k = 0; k < 40; ++k) {
      std::string text;
      for (int j = 0; j < k; ++j) text += filler;
      text += " 12.03.2024 конец";
      const auto m = FindDates(text);
      ASSERT_EQ(m.size(), 1u) << text;
      EXPECT_EQ(m[0].date.ToString(), "2024-03-12") << text;
    }
  }
}

TEST(PublishedTest, FindDates) {
  for (const auto& tc : kMentions) {
    auto m = FindDates(tc.text);
    if (*tc.date == 0) {
      EXPECT_TRUE(m.empty()) << tc.text;
      continue;
    }
    ASSERT_FALSE(m.empty()) << tc.text;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", m[0].date.year, m[0].date.month, m[0].date.day);
    EXPECT_EQ(std::string(buf), tc.date) << tc.text;
    EXPECT_EQ(m[0].has_year, tc.has_year) << tc.text;
  }
}

struct DatelineCase {
  const char* text;
  const char* city;  // "" when no dateline
  int month;
  int day;
  int year;
};

const DatelineCase kDatelines[] = {
    {"МИНСК, 10 июн — Sputnik. Текст.", "Минск", 6, 10, 0},
    {"МОСКВА, 29 июня. /ТАСС/. Текст.", "Москва", 6, 29, 0},
    {"НИЖНИЙ НОВГОРОД, 3 сен – Sputnik. Текст.", "Нижний Новгород", 9, 3, 0},
    {"РОСТОВ-НА-ДОНУ, 12 ноя - РИА Новости. Текст.", "Ростов-на-Дону", 11, 12, 0},
    {"Минск, 5 мая 2024 (БЕЛТА) – Текст.", "Минск", 5, 5, 2024},
    {"МИНСК, 23 дек – Sputnik. Президент.", "Минск", 12, 23, 0},
    {"Москва, 5 мая в Кремле прошла встреча.", "", 0, 0, 0},
    {"Псковская область, 9 августа 2022. Губернатор провел совещание.", "Псковская область", 8, 9, 2022},
    {"ГРОДНО. 12 марта 2021 г. Облисполком сообщил.", "Гродно", 3, 12, 2021},
    {"12 марта, Гродно /Корр. БЕЛТА/. Текст.", "Гродно", 3, 12, 0},
    {"12 марта, Гродно прошла ярмарка.", "", 0, 0, 0},  // a year-less date first needs an agency's mark
    {"Как сообщили, 9 августа 2022 года. Текст.", "", 0, 0, 0},  // «сообщили» is not a place word
    {"Лукашенко, 10 июня, заявил.", "", 0, 0, 0},
    {"Текст без даты.", "", 0, 0, 0},
};

TEST(PublishedTest, Datelines) {
  for (const auto& tc : kDatelines) {
    auto d = ParseDateline(tc.text);
    if (*tc.city == 0) {
      EXPECT_FALSE(d.has_value()) << tc.text;
      continue;
    }
    ASSERT_TRUE(d.has_value()) << tc.text;
    EXPECT_EQ(d->city, tc.city);
    EXPECT_EQ(d->date.month, tc.month);
    EXPECT_EQ(d->date.day, tc.day);
    EXPECT_EQ(d->date.year, tc.year);
  }
}

TEST(PublishedTest, PinnedYear) {
  EXPECT_EQ(PinnedYear("В прошлом году экспорт вырос на 17% по сравнению с 2021 годом."), 2023);
  EXPECT_EQ(PinnedYear("С начала года рост составил 5% относительно аналогичного периода 2023 года."), 2024);
  EXPECT_FALSE(PinnedYear("В прошлом году экспорт вырос. По сравнению с 2021 годом он удвоился.").has_value());
  EXPECT_FALSE(PinnedYear("Товарооборот вырос по сравнению с 2021 годом.").has_value());
}

// Sentences end at ". " and line breaks; case does not matter; only a sentence
// with both a relative phrase and a compared year counts, wherever it is.
TEST(PublishedTest, PinnedYearBySentence) {
  struct Case {
    const char* text;
    std::optional<int> want;
  };
  const Case cases[] = {
      {"ВЫРУЧКА 1234 РУБ. В ПРОШЛОМ ГОДУ ОНА ВЫРОСЛА ПО СРАВНЕНИЮ С 2021 ГОДОМ.", 2023},
      {"Цена 1500 руб. Объем 2000 т.\nВ текущем году продажи выросли против 2022 года на треть.", 2023},
      {"В прошлом году продажи выросли\nпо сравнению с 2021 годом.", std::nullopt},
      {"В прошлом году рост против 2021 года. В этом году рост против 2023 года.", std::nullopt},  // 2023 or 2024
      {"В прошлом году рост против 2021 года. В позапрошлом году рост против 2020 года.", 2023},
      {"Рост 12345 единиц. В прошлом году рост по сравнению с 2021 г.", 2023},
      {"В прошлом году рост по сравнению с 20215 годом.", std::nullopt},
      {"В прошлом году рост по сравнению с 2021.", std::nullopt},  // no year word
      {"", std::nullopt},
      {"2021 2022. в прошлом году", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(PinnedYear(c.text), c.want) << c.text;
}

struct TitleCase {
  const char* text;
  const char* title;  // "" for none
};

const TitleCase kTitles[] = {
    {"Лукашенко: нужно стремиться к миллиарду с Воронежем\n\nМИНСК, 10 июн — Sputnik. Текст.",
     "Лукашенко: нужно стремиться к миллиарду с Воронежем"},
    {"Повтор заголовка о Казани.\n\nПовтор заголовка о Казани.\nТекст статьи.", "Повтор заголовка о Казани."},
    {"МИНСК, 4 апр - Sputnik. Необходимо подтянуть товарооборот.\nВторой абзац.", ""},
    {" date 2025-11-21 Александр Лукашенко встретился с губернатором. Об этом сообщает пресс-служба.", ""},
    {"Как Гомель и Брянск торгуют молоком?\nТекст статьи.", "Как Гомель и Брянск торгуют молоком?"},
    // Site chrome and a photo caption above the headline never become the title.
    {"Поиск по сайту\nТамбов и Брест обсудили поставки зерна\n\nТАМБОВ, 3 мар — БелТА. Стороны обсудили поставки.",
     "Тамбов и Брест обсудили поставки зерна"},
    {"Фото: флаги двух стран на фоне здания\nОрёл и Витебск: торговля выросла на пятую часть\n"
     "© Пресс-служба губернатора. Губернатор на переговорах\nТоварооборот вырос на пятую часть, сообщили в области.",
     "Орёл и Витебск: торговля выросла на пятую часть"},
    // A view counter under the headline is no headline.
    {"Липецк и Гродно подписали план сотрудничества\n12.05.2024 10:20\nПросмотров: 87\n\n"
     "Губернатор и председатель облисполкома подписали план на два года.",
     "Липецк и Гродно подписали план сотрудничества"},
    // Short chrome lines the cleaner kept come before the headline.
    {"Настройки шрифта\nМежстрочный интервал\nРАЙОННАЯ ГАЗЕТА ЗАПАДНОГО КРАЯ И ЕГО ОКРЕСТНОСТЕЙ\n"
     "Гродненская область и Смоленск подписали план сотрудничества на два года\n"
     "Документ подписали в облисполкоме.",
     "Гродненская область и Смоленск подписали план сотрудничества на два года"},
    {"Решено расширять сотрудничество\nВчера губернатор посетил Гомель.", "Решено расширять сотрудничество"},
};

TEST(PublishedTest, Titles) {
  for (const auto& tc : kTitles) {
    Cleaned c = CleanText(tc.text);
    auto td = FindTitleAndDate(tc.text, c, {});
    EXPECT_EQ(td.title.value_or(""), tc.title) << tc.text;
  }
  Cleaned c = CleanText("Заголовок из текста\nТекст.");
  DateHints h;
  h.html_title = "Заголовок страницы";
  EXPECT_EQ(FindTitleAndDate("Заголовок из текста\nТекст.", c, h).title.value_or(""), "Заголовок страницы");
}

TEST(PublishedTest, DateWidgets) {
  EXPECT_TRUE(IsDateWidget("Среда, 3 апреля 2024 / Гродно +8°C"));
  EXPECT_TRUE(IsDateWidget("Флаг Четверг, 25 апреля 2024"));
  EXPECT_TRUE(IsDateWidget("чт, 28 март"));
  EXPECT_FALSE(IsDateWidget("21 ноября 2019, 13:30"));
  EXPECT_FALSE(IsDateWidget("Четверг, 21 ноября 2019, 13:30"));  // a stamp with its time
  EXPECT_FALSE(IsDateWidget("10.06.2024"));
}

TEST(PublishedTest, StampLines) {
  EXPECT_TRUE(IsStampLine("10.06.2024 14:35"));
  EXPECT_TRUE(IsStampLine("Опубликовано: 10 июня 2024, 14:35"));
  EXPECT_FALSE(IsStampLine("Переговоры прошли 10 июня 2024 года в Минске."));
  EXPECT_FALSE(IsStampLine("10 июн"));
}

}  // namespace
}  // namespace oborot::text
