#include "src/text/html.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/base/block_texts_test_util.h"
#include "src/base/utf8.h"
#include "src/text/html_date.h"
#include "src/text/html_dom.h"

namespace oborot::text {
namespace {

// Article paragraphs used across the page tests (written for these tests).
constexpr const char* kPara1 =
    "Товарооборот Беларуси и Воронежской области по итогам прошлого года вырос на 12 процентов и "
    "превысил 500 миллионов долларов, сообщили в правительстве региона.";
constexpr const char* kPara2 =
    "Стороны договорились расширить поставки сельскохозяйственной техники, молочной продукции и "
    "строительных материалов, а также открыть совместное сборочное производство.";
constexpr const char* kPara3 =
    "Следующее заседание рабочей группы по сотрудничеству намечено на осень, его проведут в Минске.";

// A page in the usual news-site shape: header with a menu, the article, a
// sidebar of other stories, comments and a footer.
std::string Page(const std::string& head, const std::string& article, const std::string& extra_body = "") {
  return "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">" + head +
         "</head><body>"
         "<header class=\"site-header\"><a href=\"/\">Новостной портал</a>"
         "<ul class=\"menu\"><li><a href=\"/politics\">Политика</a></li><li><a href=\"/economy\">Экономика</a></li>"
         "<li><a href=\"/society\">Общество</a></li></ul></header>"
         "<div class=\"layout\"><main>" +
         article +
         "</main><div class=\"sidebar\"><h3>Популярное</h3><ul>"
         "<li><a href=\"/n/1\">В Гомеле открыли новый мост через Сож после реконструкции</a></li>"
         "<li><a href=\"/n/2\">Минский тракторный завод отчитался о рекордном выпуске за квартал</a></li>"
         "</ul></div></div>" +
         extra_body +
         "<footer><p>© 2024 Новостной портал. Все права защищены. Перепечатка запрещена.</p></footer>"
         "</body></html>";
}

std::string Article(const std::string& inner = "") {
  return std::string("<article><h1>Товарооборот с Воронежской областью вырос</h1>") + inner + "<p>" + kPara1 +
         "</p><p>" + kPara2 + "</p><p>" + kPara3 + "</p></article>";
}

bool Has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(HtmlText, KeepsArticleDropsMenuSidebarFooter) {
  const HtmlExtract h = ExtractHtml(Page("<title>Новости</title>", Article()));
  EXPECT_TRUE(Has(h.text, kPara1));
  EXPECT_TRUE(Has(h.text, kPara2));
  EXPECT_TRUE(Has(h.text, kPara3));
  EXPECT_FALSE(Has(h.text, "Гомеле открыли новый мост"));
  EXPECT_FALSE(Has(h.text, "Все права защищены"));
  EXPECT_FALSE(Has(h.text, "Экономика"));
}

TEST(HtmlText, ParagraphsAreLines) {
  const HtmlExtract h = ExtractHtml(Page("", Article()));
  EXPECT_TRUE(Has(h.text, std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3));
}

TEST(HtmlText, DropsCommentsSection) {
  const std::string comments =
      "<div id=\"comments\" class=\"comments-list\"><div class=\"comment\"><p>Очень интересная статья, жду "
      "продолжения темы про тракторы и молоко, спасибо редакции за работу.</p></div></div>";
  const HtmlExtract h = ExtractHtml(Page("", Article(), comments));
  EXPECT_TRUE(Has(h.text, kPara2));
  EXPECT_FALSE(Has(h.text, "жду продолжения"));
}

TEST(HtmlText, DropsRelatedBoxInsideArticle) {
  const std::string inner =
      "<div class=\"related-news\"><b>Читайте также:</b> <a href=\"/x\">Белорусские автобусы поедут по улицам "
      "Казани уже этой весной</a></div>";
  const HtmlExtract h = ExtractHtml(Page("", Article(inner)));
  EXPECT_TRUE(Has(h.text, kPara1));
  EXPECT_FALSE(Has(h.text, "Белорусские автобусы"));
}

TEST(HtmlText, DropsLinkListWithoutClass) {
  const std::string inner =
      "<ul><li><a href=\"/a\">Первая новость о поставках калия в порты</a></li><li><a href=\"/b\">Вторая новость "
      "о визите делегации в Брест</a></li><li><a href=\"/c\">Третья новость о ярмарке в Могилеве</a></li></ul>";
  const HtmlExtract h = ExtractHtml(Page("", Article(inner)));
  EXPECT_TRUE(Has(h.text, kPara3));
  EXPECT_FALSE(Has(h.text, "визите делегации"));
}

TEST(HtmlText, KeepsInlineLinksAndListsInText) {
  const std::string article =
      "<div class=\"article-body\"><p>" + std::string(kPara1) +
      "</p><p>Об этом заявил <a href=\"/person\">губернатор области</a> на встрече с послом, отметив "
      "рост экспорта.</p><ul><li>поставки тракторов выросли вдвое за последний год;</li>"
      "<li>экспорт молочной продукции увеличился на треть по сравнению с позапрошлым годом.</li></ul><p>" +
      kPara2 + "</p></div>";
  const HtmlExtract h = ExtractHtml(Page("", article));
  EXPECT_TRUE(Has(h.text, "Об этом заявил губернатор области на встрече"));
  EXPECT_TRUE(Has(h.text, "\nпоставки тракторов выросли вдвое за последний год;\n"));
}

TEST(HtmlText, ScriptStyleAndHiddenNeverInText) {
  const std::string article = "<div class=\"content\"><script>var secret = 'скрипт';</script><style>p{color:red}"
                              "</style><p>" + std::string(kPara1) +
                              "</p><p style=\"display: none\">Скрытый абзац не должен попасть в текст.</p>"
                              "<noscript>Включите JavaScript</noscript><p>" + kPara2 + "</p></div>";
  const HtmlExtract h = ExtractHtml(Page("", article));
  EXPECT_TRUE(Has(h.text, kPara1));
  EXPECT_FALSE(Has(h.text, "secret"));
  EXPECT_FALSE(Has(h.text, "color"));
  EXPECT_FALSE(Has(h.text, "Скрытый"));
  EXPECT_FALSE(Has(h.text, "JavaScript"));
}

TEST(HtmlText, EntitiesWhitespaceAndBreaks) {
  const std::string article = "<div itemprop=\"articleBody\"><p>Объём   торговли\n составил&nbsp;1,2&nbsp;млрд "
                              "долларов &laquo;по итогам&raquo; года, сообщил министр.</p><p>Первая строка "
                              "абзаца с переносом<br>вторая строка абзаца после переноса строки.</p><p>" +
                              std::string(kPara3) + "</p></div>";
  const HtmlExtract h = ExtractHtml(Page("", article));
  EXPECT_TRUE(Has(h.text, "Объём торговли составил 1,2 млрд долларов «по итогам» года"));
  EXPECT_TRUE(Has(h.text, "с переносом\nвторая строка"));
}

TEST(HtmlText, InlineElementsJoinWithoutSpuriousSpaces) {
  const std::string article = "<div class=\"news-text\"><p>Завод вы<b>пустил</b> <i>двести</i> машин, а "
                              "<span>экспорт</span><span>ные</span> поставки выросли в полтора раза за год.</p><p>" +
                              std::string(kPara1) + "</p></div>";
  const HtmlExtract h = ExtractHtml(Page("", article));
  EXPECT_TRUE(Has(h.text, "Завод выпустил двести машин, а экспортные поставки"));
}

TEST(HtmlText, TableCellsOnOneLine) {
  const std::string article = "<div class=\"article-text\"><p>" + std::string(kPara1) +
                              "</p><table><tr><th>Год</th><th>Оборот</th></tr><tr><td>2022</td><td>410</td></tr>"
                              "</table><p>" + kPara2 + "</p></div>";
  const HtmlExtract h = ExtractHtml(Page("", article));
  EXPECT_TRUE(Has(h.text, "Год\tОборот\n2022\t410"));
}

TEST(HtmlText, MalformedHtmlStillReadable) {
  const std::string page = std::string("<html><body><div class=content><p>") + kPara1 + "<p>" + kPara2 +
                           "<div><b>незакрытый тег<p>" + kPara3;
  const HtmlExtract h = ExtractHtml(page);
  EXPECT_TRUE(Has(h.text, kPara1));
  EXPECT_TRUE(Has(h.text, kPara3));
}

TEST(HtmlText, EmptyAndTextlessPages) {
  EXPECT_EQ(ExtractHtml("").text, "");
  EXPECT_EQ(ExtractHtml("<html><body><script>alert(1)</script></body></html>").text, "");
  EXPECT_EQ(ExtractHtml("<html><body><div><img src=a.jpg></div></body></html>").text, "");
}

TEST(HtmlText, BodilessPageFallsBackToDescriptionOrHeadline) {
  EXPECT_EQ(ExtractHtml("<html><head><title>Гродно и Псков подписали соглашение</title></head><body></body></html>")
                .text,
            "Гродно и Псков подписали соглашение");
  EXPECT_EQ(ExtractHtml("<html><head><meta name=\"description\" content=\"Стороны обсудили  поставки.\">"
                        "<title>Встреча в Минске</title></head><body><img src=a.jpg></body></html>")
                .text,
            "Стороны обсудили поставки.");
}

TEST(HtmlText, FallbackWithoutContainers) {
  // Paragraphs straight under <body>, no wrappers at all.
  const std::string page = std::string("<html><body><p>") + kPara1 + "</p><p>" + kPara2 + "</p></body></html>";
  const HtmlExtract h = ExtractHtml(page);
  EXPECT_TRUE(Has(h.text, kPara1));
  EXPECT_TRUE(Has(h.text, kPara2));
}

TEST(HtmlTitle, PrefersHeadlineAndStripsSiteName) {
  EXPECT_EQ(ExtractHtml(Page("<title>Товарооборот с Воронежской областью вырос - Новостной портал</title>",
                             Article()))
                .title,
            "Товарооборот с Воронежской областью вырос");
  EXPECT_EQ(ExtractHtml(Page("<meta property=\"og:title\" content=\"Беларусь и Татарстан подписали план\">",
                             "<div class=content><p>" + std::string(kPara1) + "</p></div>"))
                .title,
            "Беларусь и Татарстан подписали план");
}

TEST(HtmlTitle, StripSiteName) {
  struct Case {
    const char* in;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"Лукашенко провёл встречу с губернатором - ТАСС", "Лукашенко провёл встречу с губернатором"},
      {"Экспорт молока вырос | Экономика | БелТА", "Экспорт молока вырос"},
      {"БелТА | Экспорт молока в Россию вырос на треть", "Экспорт молока в Россию вырос на треть"},
      {"Минск — Казань: новые рейсы", "Минск — Казань: новые рейсы"},
      {"Оборот вырос — и это только начало года", "Оборот вырос — и это только начало года"},
      {"Trade grows fast between the two - Reuters.com", "Trade grows fast between the two"},
      {"Простой заголовок", "Простой заголовок"},
  };
  for (const Case& c : cases) EXPECT_EQ(StripSiteName(c.in), c.want) << c.in;
}

TEST(HtmlDate, JsonLdPublishedBeatsModifiedAndOtherSources) {
  const std::string head =
      "<meta property=\"article:modified_time\" content=\"2021-03-05T10:00:00+03:00\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
      "\"dateModified\":\"2021-03-05T10:00:00+03:00\",\"datePublished\":\"2021-03-02T09:15:00+03:00\"}</script>"
      "<link rel=\"canonical\" href=\"https://example.by/2021/03/01/news.html\">";
  const HtmlExtract h = ExtractHtml(Page(head, Article()));
  ASSERT_TRUE(h.published);
  EXPECT_EQ(h.published->ToString(), "2021-03-02");
  EXPECT_EQ(h.published_how, "json-ld");
}

TEST(HtmlDate, JsonLdGraphAndLocalCalendarDay) {
  const std::string head =
      "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},"
      "{\"@type\":\"Article\",\"datePublished\":\"2020-06-29T00:16:15+03:00\"}]}</script>";
  const HtmlExtract h = ExtractHtml(Page(head, Article()));
  ASSERT_TRUE(h.published);
  EXPECT_EQ(h.published->ToString(), "2020-06-29");  // the page's day, not UTC's 06-28
}

TEST(HtmlDate, UtcStampMovedToPageTimeZone) {
  const std::string head =
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-10-18T22:04:00Z\"}"
      "</script><meta name=\"date\" content=\"Sat, 19 Oct 2019 00:04:00 +0200\">";
  const HtmlExtract h = ExtractHtml(Page(head, Article()));
  ASSERT_TRUE(h.published);
  EXPECT_EQ(h.published->ToString(), "2019-10-19");
}

TEST(HtmlDate, MalformedJsonLdIsScanned) {
  const std::string head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\n\"headline\":\"a\",\n"
                           "\"datePublished\": \"2022-11-04T08:00:00+03:00\",}</script>";
  const HtmlExtract h = ExtractHtml(Page(head, Article()));
  ASSERT_TRUE(h.published);
  EXPECT_EQ(h.published->ToString(), "2022-11-04");
}

TEST(HtmlDate, MetaItempropAndTime) {
  struct Case {
    std::string head, article, want, how;
  };
  const std::vector<Case> cases = {
      {"<meta property=\"article:published_time\" content=\"2023-05-17T12:00:00+03:00\">", Article(), "2023-05-17",
       "meta:article:published_time"},
      {"<meta name=\"pubdate\" content=\"20230518\">", Article(), "2023-05-18", "meta:pubdate"},
      {"<meta itemprop=\"datePublished\" content=\"2023-05-19T17:04:34+0300\">", Article(), "2023-05-19",
       "meta:datepublished"},
      {"", Article("<time itemprop=\"datePublished\" datetime=\"2023-05-20\">20 мая</time>"), "2023-05-20",
       "itemprop"},
      {"", Article("<time datetime=\"2023-05-21T08:00\">21 мая</time>"), "2023-05-21", "time"},
      {"<meta name=\"DC.date.issued\" content=\"2023-05-22\">", Article(), "2023-05-22", "meta:dc.date.issued"},
  };
  for (const Case& c : cases) {
    const HtmlExtract h = ExtractHtml(Page(c.head, c.article));
    ASSERT_TRUE(h.published) << c.head << c.article;
    EXPECT_EQ(h.published->ToString(), c.want) << c.head << c.article;
    EXPECT_EQ(h.published_how, c.how) << c.head << c.article;
  }
}

TEST(HtmlDate, ModifiedTimeElementIsNotPublication) {
  const std::string inner = "<time class=\"date-updated\" datetime=\"2024-02-10T10:00\">10 февраля</time>"
                            "<time class=\"date-published\" datetime=\"2024-02-08T09:00\">8 февраля</time>";
  const HtmlExtract h = ExtractHtml(Page("", Article(inner)));
  ASSERT_TRUE(h.published);
  EXPECT_EQ(h.published->ToString(), "2024-02-08");
}

TEST(HtmlDate, UrlWhenNoMetadata) {
  const HtmlExtract h =
      ExtractHtml(Page("<link rel=\"canonical\" href=\"https://www.example.ru/economy/2020/01/13/oborot.html\">",
                       Article()));
  ASSERT_TRUE(h.published);
  EXPECT_EQ(h.published->ToString(), "2020-01-13");
  EXPECT_EQ(h.published_how, "url");
  const HtmlExtract given = ExtractHtml(Page("", Article()), "https://news.example.by/2019-12-30/a.html");
  ASSERT_TRUE(given.published);
  EXPECT_EQ(given.published->ToString(), "2019-12-30");
}

TEST(HtmlDate, VisibleDatelineBesideHeadlineNotSidebar) {
  const std::string article =
      "<div class=\"news\"><p class=\"stamp\">15 августа 2016, 13:43</p><h1>Делегация Гродно посетила Псков</h1>"
      "<p>" + std::string(kPara1) + "</p><p>" + kPara2 + "</p></div>"
      "<div class=\"other\"><p>3 марта 2021, 10:00</p><a href=\"/y\">Другая новость</a></div>";
  const HtmlExtract h = ExtractHtml(Page("", article));
  ASSERT_TRUE(h.published);
  EXPECT_EQ(h.published->ToString(), "2016-08-15");
  EXPECT_EQ(h.published_how, "text");
}

TEST(HtmlDate, RelativeFutureAndAncientDatesRejected) {
  const std::string future = "<meta property=\"article:published_time\" content=\"2999-01-01T00:00:00Z\">";
  const std::string ancient = "<meta property=\"article:published_time\" content=\"1970-01-01T00:00:00Z\">";
  const std::string relative = "<p class=\"date\">сегодня в 17:04</p>";
  EXPECT_FALSE(ExtractHtml(Page(future, Article())).published);
  EXPECT_FALSE(ExtractHtml(Page(ancient, Article())).published);
  EXPECT_FALSE(ExtractHtml(Page("", Article(relative))).published);
}

TEST(HtmlDateParse, Stamps) {
  struct Case {
    const char* in;
    const char* want;  // "" = no date
    int offset;        // -9999 = none
  };
  const std::vector<Case> cases = {
      {"2020-06-29T00:16:15+03:00", "2020-06-29", 180},
      {"2020-01-13T17:04:34+0300", "2020-01-13", 180},
      {"2020-06-07T15:06Z", "2020-06-07", 0},
      {"2020-01-20T06:05:18.000Z", "2020-01-20", 0},
      {"2019-12-30T05:03-0500", "2019-12-30", -300},
      {"2020-09-21 11:00", "2020-09-21", -9999},
      {"2020-02-19", "2020-02-19", -9999},
      {"1600633920", "2020-09-20", 0},
      {"Sat, 19 Oct 2019 00:04:00 +0200", "2019-10-19", 120},
      {"Tue Jan 28 15:28:56 CET 2020", "2020-01-28", -9999},
      {"13.01.2020 17:04", "2020-01-13", -9999},
      {"2021-02-30", "", -9999},
      {"вчера", "", -9999},
  };
  for (const Case& c : cases) {
    auto st = html::ParseStamp(c.in);
    if (std::string(c.want).empty()) {
      EXPECT_FALSE(st) << c.in;
      continue;
    }
    ASSERT_TRUE(st) << c.in;
    EXPECT_EQ(st->date.ToString(), c.want) << c.in;
    EXPECT_EQ(st->offset.value_or(-9999), c.offset) << c.in;
  }
}

TEST(HtmlDateParse, TextDates) {
  struct Case {
    const char* in;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"Опубликовано 29 июня 2020, 17:04", "2020-06-29"},
      {"15 августа 2016 г.", "2016-08-15"},
      {"19. Oktober 2019 00:04 Uhr", "2019-10-19"},
      {"January 20, 2020", "2020-01-20"},
      {"Jan. 5 2021", "2021-01-05"},
      {"le 18 février 2020", "2020-02-18"},
      {"7 жовтня 2020", "2020-10-07"},
      {"20 верасня 2022", "2022-09-20"},
      {"10 ноември 2020", "2020-11-10"},
      {"Обновлено: 13.01.2020", "2020-01-13"},
      {"2020-02-19 08:51", "2020-02-19"},
      {"2020年2月19日", "2020-02-19"},
      {"сегодня в 17:04", ""},
      {"29 июня", ""},
      {"31.02.2020", ""},
      {"в 2020 году 5 марта не было", ""},
      // MonthOf's prefilter: short forms, stems with endings, look-alikes
      {"3 мая 2021", "2021-05-03"},
      {"3 mai 2021", "2021-05-03"},
      {"4 dez. 2019", "2019-12-04"},
      {"12 сентября 2018", "2018-09-12"},
      {"12 СЕНТЯБРЯ 2018", "2018-09-12"},
      {"12 января 2018", "2018-01-12"},
      {"1 листопада 2020", "2020-11-01"},
      {"12 январями 2018", "2018-01-12"},
      {"12 январского 2018", ""},
      {"12 мм 2018", ""},
      {"12 ма 2018", ""},
      {"12 маяк 2018", ""},
  };
  for (const Case& c : cases) {
    auto d = html::FindTextDate(c.in);
    EXPECT_EQ(d ? d->date.ToString() : std::string(), c.want) << c.in;
  }
}

TEST(HtmlDateParse, UrlDates) {
  struct Case {
    const char* in;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"https://www.example.ru/social/2020/01/13/news.html", "2020-01-13"},
      {"https://www.example.com/education/2020/jan/20/story", "2020-01-20"},
      {"http://www.example.cn/local/2020-02/19/c_1125597921.htm", "2020-02-19"},
      {"https://example.by/news/20200113-oborot", "2020-01-13"},
      {"https://web.archive.org/web/20220721144334/https://example.ru/news/1052317323", ""},
      {"https://example.ua/news/1906059-article", ""},
      {"https://example.de/artikel;art4886,207643", ""},
  };
  for (const Case& c : cases) {
    auto d = html::UrlDate(c.in);
    EXPECT_EQ(d ? d->ToString() : std::string(), c.want) << c.in;
  }
}

TEST(HtmlCharset, Sniff) {
  struct Case {
    const char* in;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"<html><head><meta charset=\"windows-1251\"></head>", "windows-1251"},
      {"<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=KOI8-R\">", "koi8-r"},
      {"<meta content='text/html; charset=utf-8' http-equiv='Content-Type'>", "utf-8"},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html>", "iso-8859-1"},
      {"<meta charset=cp1251><title>x</title>", "cp1251"},
      {"<html><head><title>charset=utf-8 in text</title></head>", ""},
      {"plain text", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(SniffHtmlCharset(c.in), c.want) << c.in;
  // Declarations after the first 4 KB are ignored.
  EXPECT_EQ(SniffHtmlCharset(std::string(5000, ' ') + "<meta charset=\"koi8-r\">"), "");
  // Issue 15: pages of 0 to 2 bytes threw std::out_of_range here (exit 3 for
  // extract, std::terminate for ingest); an XML declaration after a BOM.
  for (const char* tiny : {"", "<", "<p", "\xEF\xBB", "\xEF\xBB\xBF"}) EXPECT_EQ(SniffHtmlCharset(tiny), "") << tiny;
  EXPECT_EQ(SniffHtmlCharset("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"koi8-r\"?>"), "koi8-r");
  for (const char* tiny : {"", "<", "<p"}) {
    EXPECT_FALSE(LooksLikeHtml(tiny)) << tiny;
    EXPECT_TRUE(ExtractHtml(tiny).text.empty()) << tiny;
  }
}

TEST(HtmlCharset, LooksLikeHtml) {
  EXPECT_TRUE(LooksLikeHtml("<!DOCTYPE html><html><body></body></html>"));
  EXPECT_TRUE(LooksLikeHtml("\xEF\xBB\xBF<html lang=\"ru\">"));
  EXPECT_TRUE(LooksLikeHtml("  <div><p>Первый</p><p>Второй</p><br></div>"));
  EXPECT_FALSE(LooksLikeHtml("Минск, 10 июня. Товарооборот вырос на 5%."));
  EXPECT_FALSE(LooksLikeHtml("Формула a<b и b>c не делает текст страницей."));
}

TEST(HtmlMeta, UrlAndLang) {
  const HtmlExtract h = ExtractHtml(Page("<meta property=\"og:url\" content=\"https://example.by/a/b\">", Article()));
  EXPECT_EQ(h.url, "https://example.by/a/b");
  EXPECT_EQ(h.lang, "ru");
}

// html::CountChars counts blocks of ASCII and Cyrillic 16 bytes at a time:
// the same counts as a code point loop over texts that put spaces (and the
// vertical tab, which is no space here), commas, letters of other blocks,
// invisible and malformed bytes at every position of a block, at both parities.
TEST(HtmlCountChars, MatchesACodePointLoop) {
  auto reference = [](std::string_view s, uint32_t& chars, uint32_t& commas) {
    for (size_t i = 0; i < s.size();) {
      const char32_t cp = NextCodePoint(s, i);
      if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') continue;
      if (cp >= 0x80 && IsSpace(cp)) continue;
      if (cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) continue;
      ++chars;
      if (cp == ',' || cp == 0x060C || cp == 0x3001 || cp == 0xFF0C) ++commas;
    }
  };
  const char* const kPieces[] = {"а", "я", "ё", "Ж", "x", "1", " ", ",", "\n", "\v", "\t", "\r", "\f", "Ґ",
                                 "\u00a0", "\u00ad", "\u200b", "\u3001", "\u060c", "\uff0c", "\x80", "\xD0",
                                 "\xD1", "\xD0\x61", "\xD2\x90", "日", "😀", "—"};
  oborot::testing::ForEachBlockText(kPieces, {.seed = 99, .rare_every = 10}, [&](const std::string& text) {
    for (const std::string_view t : {std::string_view(text), std::string_view(text).substr(1)}) {
      uint32_t chars = 0, commas = 0, want_chars = 0, want_commas = 0;
      html::CountChars(t, chars, commas);
      reference(t, want_chars, want_commas);
      ASSERT_EQ(chars, want_chars) << t;
      ASSERT_EQ(commas, want_commas) << t;
    }
  });
}

}  // namespace
}  // namespace oborot::text
