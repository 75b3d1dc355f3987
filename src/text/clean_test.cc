#include "src/text/clean.h"

#include <gtest/gtest.h>

#include <string>

namespace oborot::text {
namespace {

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CleanTest, KeepsBodyAndDropsChrome) {
  const std::string in =
      "Главная | Новости | Экономика | Общество\n"
      "Гродно и Псков договорились о поставках техники\n"
      "\n"
      "Подписаться\n"
      "ГРОДНО, 3 мар — Sputnik. Делегация Псковской области провела переговоры в Гродно о поставках "
      "сельскохозяйственной техники и строительстве молочных ферм.\n"
      "Фото: пресс-служба облисполкома\n"
      "© Иван Петров\n"
      "Стороны рассчитывают нарастить товарооборот до 300 миллионов долларов.\n"
      "Поделиться\n";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.text,
            "Гродно и Псков договорились о поставках техники\n"
            "ГРОДНО, 3 мар — Sputnik. Делегация Псковской области провела переговоры в Гродно о поставках "
            "сельскохозяйственной техники и строительстве молочных ферм.\n"
            "Стороны рассчитывают нарастить товарооборот до 300 миллионов долларов.");
  EXPECT_EQ(c.paragraphs.size(), 3u);
  EXPECT_EQ(c.removed.size(), 5u);
  EXPECT_EQ(c.removed[0], "menu: Главная | Новости | Экономика | Общество");
}

TEST(CleanTest, SidebarRunsToTheEnd) {
  const std::string in =
      "Витебская область и Смоленск подписали план сотрудничества на два года вперед.\n\n"
      "Источник: БелТА\n\n"
      "Последние новости\n\n"
      "Экономика\n\n"
      "В Орше открыли новый цех\n\n"
      "8 августа 2025\n"
      "Читать новость\n"
      "Спорт\n\n"
      "Турнир по мини-футболу\n\n"
      "7 августа 2025\n"
      "Читать новость\n\n"
      "Рекомендуем";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.text, "Витебская область и Смоленск подписали план сотрудничества на два года вперед.");
  int sidebar = 0;
  for (const auto& l : c.lines) sidebar += l.kind == LineKind::kSidebar;
  EXPECT_EQ(sidebar, 10);
}

TEST(CleanTest, RelatedLinksAndSubscriptionPrompt) {
  const std::string in =
      "МИНСК, 4 апр - Sputnik. Экспорт белорусского молока в Калугу вырос вдвое.\n"
      "\"Мы довольны результатом\", – сказал министр.\n"
      "Все главные новости региона ищите в нашем Telegram-канале, а также подписывайтесь на нас в Дзен!\n"
      "Также на Sputnik:\n"
      "Лукашенко встретился с губернатором\n"
      "Беларусь и Калуга наторговали на $500 миллионов\n";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.text,
            "МИНСК, 4 апр - Sputnik. Экспорт белорусского молока в Калугу вырос вдвое.\n"
            "\"Мы довольны результатом\", – сказал министр.");
  EXPECT_TRUE(Has(c.removed[0], "subscribe: "));
}

TEST(CleanTest, SidebarEndsWhenProseResumes) {
  const std::string in =
      "Первый абзац статьи о сотрудничестве Беларуси и Тюменской области.\n\n"
      "Читайте также:\n"
      "Тюмень закупит белорусские автобусы\n\n"
      "Второй абзац продолжает статью: стороны обсудили поставки лифтов, коммунальной техники и продуктов питания. "
      "Губернатор отметил, что товарооборот за девять месяцев вырос на четверть и превысил прошлогодний уровень. "
      "Следующая встреча запланирована на осень в Минске.";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.paragraphs.size(), 2u);
  EXPECT_TRUE(Has(c.text, "Второй абзац"));
  EXPECT_FALSE(Has(c.text, "автобусы"));
}

TEST(CleanTest, RepeatedHeadlineAndQuoteAttribution) {
  const std::string in =
      "Головченко: Беларусь и Омск выйдут на полмиллиарда\n\n"
      "Головченко: Беларусь и Омск выйдут на полмиллиарда\n"
      "Премьер-министр провел переговоры с омской делегацией.\n\n"
      "«Мы видим хорошие перспективы в машиностроении».\n\n"
      "сказал Головченко.\n";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.text,
            "Головченко: Беларусь и Омск выйдут на полмиллиарда\n"
            "Премьер-министр провел переговоры с омской делегацией.\n"
            "«Мы видим хорошие перспективы в машиностроении».\n"
            "сказал Головченко.");
  EXPECT_EQ(c.lines[2].kind, LineKind::kDuplicate);
}

TEST(CleanTest, CaptionStampsAndHubIntro) {
  const std::string in =
      "Флаги двух стран - Sputnik Беларусь, 1920, 01.07.2021\n"
      "Союзное государство: новости\n"
      "Как развивается интеграция? Последние новости о сотрудничестве читайте в материалах Sputnik.\n"
      "\n"
      "Брест и Курск обсудили логистику\n"
      "Губернаторы на встрече - Sputnik Беларусь, 1920, 14.02.2025\n"
      "БРЕСТ, 14 фев – Sputnik. Брестская и Курская области договорились развивать логистику.\n";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.text,
            "Брест и Курск обсудили логистику\n"
            "БРЕСТ, 14 фев – Sputnik. Брестская и Курская области договорились развивать логистику.");
  EXPECT_EQ(c.lines[0].kind, LineKind::kHub);
  EXPECT_EQ(c.lines[1].kind, LineKind::kHub);
  EXPECT_EQ(c.lines[5].kind, LineKind::kCaption);
}

TEST(CleanTest, MetadataPrefixIsStripped) {
  const std::string in = " date 2025-11-21 Губернатор Ярославской области посетил Минский моторный завод.\n";
  Cleaned c = CleanText(in);
  ASSERT_TRUE(c.metadata_date.has_value());
  EXPECT_EQ(c.metadata_date->ToString(), "2025-11-21");
  EXPECT_EQ(c.text, "Губернатор Ярославской области посетил Минский моторный завод.");
  ASSERT_EQ(c.offsets.size(), 1u);
  EXPECT_EQ(c.offsets[0].orig_start, 17u);
}

TEST(CleanTest, MetadataLineAlone) {
  Cleaned c = CleanText("date 2024-03-05\nТекст статьи о поставках зерна.");
  ASSERT_TRUE(c.metadata_date.has_value());
  EXPECT_EQ(c.text, "Текст статьи о поставках зерна.");
  EXPECT_EQ(c.lines[0].kind, LineKind::kMetadata);
}

TEST(CleanTest, StampLinesAndLoneZero) {
  Cleaned c = CleanText("Заголовок новости про экспорт\n10.06.2024 14:35\nТекст новости о росте экспорта.\nЛента новостей\n0");
  EXPECT_EQ(c.text, "Заголовок новости про экспорт\nТекст новости о росте экспорта.");
  EXPECT_EQ(c.lines[1].kind, LineKind::kStamp);
}

TEST(CleanTest, CrLfAndOffsetsMapBack) {
  const std::string in = "Первая строка статьи.\r\n\r\nВторая строка статьи.\rТретья строка.";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.text, "Первая строка статьи.\nВторая строка статьи.\nТретья строка.");
  ASSERT_EQ(c.offsets.size(), 3u);
  for (const auto& p : c.offsets) {
    EXPECT_EQ(c.text.substr(p.clean_start, p.length), in.substr(p.orig_start, p.length));
  }
}

TEST(CleanTest, RunOfOneWordLinesIsAMenu) {
  Cleaned c = CleanText("Политика\nЭкономика\nОбщество\nСпорт\nКультура\nНовость о заводе в Могилеве открыла неделю.");
  EXPECT_EQ(c.text, "Новость о заводе в Могилеве открыла неделю.");
}

// A table rendered one cell per line is a run of short lines too; its decimal cells keep it.
TEST(CleanTest, TableOneCellPerLineStays) {
  const std::string in =
      "Торговля Беларуси с Эквадором имеет следующую динамику:\n\nГод\n\nТоварооборот\n\nЭкспорт\n\n"
      "Импорт\n\n2019\n\n112,405\n\n20,113\n\n92,292\n\nСтороны обсудили поставки.";
  Cleaned c = CleanText(in);
  EXPECT_NE(c.text.find("Товарооборот\nЭкспорт"), std::string::npos) << c.text;
  EXPECT_NE(c.text.find("2019\n112,405\n20,113"), std::string::npos) << c.text;
}

// Page numbers are whole numbers: a pager under a menu is still dropped.
TEST(CleanTest, MenuWithPageNumbersIsDropped) {
  Cleaned c = CleanText("Политика\nЭкономика\n1\n2\n3\nСпорт\nНовость о заводе в Могилеве открыла неделю.");
  EXPECT_EQ(c.text, "Новость о заводе в Могилеве открыла неделю.");
}

TEST(CleanTest, SubheadingsInsideTheArticleStay) {
  const std::string in =
      "Первый абзац статьи рассказывает о визите делегации в Витебск.\n\n"
      "Ключевые направления\n\n"
      "Второй абзац перечисляет машиностроение и сельское хозяйство.";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.paragraphs.size(), 3u);
}

TEST(CleanTest, EmptyAndChromeOnly) {
  EXPECT_TRUE(CleanText("").text.empty());
  EXPECT_TRUE(CleanText("  \n\t\n").text.empty());
  EXPECT_TRUE(CleanText("Подписаться\nПоделиться\n").text.empty());
}

std::string Repeat(std::string_view piece, size_t n) {
  std::string out;
  for (size_t k = 0; k < n; ++k) out += piece;
  return out;
}

// Patterns match the case-folded line: exact (also without trailing ':',
// ' ', '.'), prefix, contains; only lines of up to 401 code points.
TEST(CleanTest, BoilerplateMatchesFoldedLines) {
  const std::string tail_400 = Repeat("я", 400 - 17);  // "подписывайтесь на" is 17 code points
  const struct {
    std::string line;
    LineKind want;
  } kCases[] = {
      {"ПОСЛЕДНИЕ НОВОСТИ", LineKind::kSidebar},
      {"Последние новости:", LineKind::kSidebar},
      {"Последние новости" + Repeat(" .", 150), LineKind::kSidebar},
      {"Последние новости" + Repeat(" .", 150) + " x", LineKind::kBody},
      {"ФОТО: Иван Петров", LineKind::kChrome},
      {"Источник: " + Repeat("а", 280), LineKind::kChrome},
      {"Источник: " + Repeat("а", 300), LineKind::kBody},
      {"Подробности ИЩИТЕ В НАШЕМ TELEGRAM-канале", LineKind::kSubscribe},
      {"Все новости Ёлок: ПОДПИСЫВАЙТЕСЬ НА наш канал", LineKind::kSubscribe},
      {tail_400 + "ПОДПИСЫВАЙТЕСЬ НА", LineKind::kSubscribe},  // 400 code points
      {"я" + Repeat("я", 399 - 17) + " ПОДПИСЫВАЙТЕСЬ НА", LineKind::kSubscribe},  // 401 code points
      {"яя" + Repeat("я", 399 - 17) + " ПОДПИСЫВАЙТЕСЬ НА", LineKind::kBody},       // 402
  };
  for (const auto& c : kCases) {
    const std::string in = "Первый абзац новости о товарообороте.\n\n" + c.line + "\n";
    const Cleaned cleaned = CleanText(in);
    ASSERT_GE(cleaned.lines.size(), 3u);
    EXPECT_EQ(LineKindName(cleaned.lines[2].kind), LineKindName(c.want)) << c.line;
  }
}

TEST(CleanTest, CreditAfterProseIsContent) {
  const std::string in =
      "Гродненская область поставит в Псков молочную продукцию и сельхозтехнику, договорились стороны на встрече "
      "в облисполкоме. © Гродненская правда\n"
      "© Фото: Иван Петров\n";
  Cleaned c = CleanText(in);
  EXPECT_TRUE(Has(c.text, "договорились стороны")) << c.text;
  EXPECT_FALSE(Has(c.text, "Иван Петров")) << c.text;
}

TEST(CleanTest, NewsFeedHeadingAtTheTopKeepsTheArticle) {
  // No blank lines: the feed heading at the top must not swallow the headline and the lead.
  const std::string in =
      "Новости дня\n"
      "В Гомеле открыли парк\n"
      "10:15\n"
      "Псков и Витебск договорились о поставках техники\n"
      "12.03.2024 09:40\n"
      "Губернатор Псковской области и председатель Витебского облисполкома подписали соглашение о поставках "
      "техники. Документ рассчитан на три года, сообщает пресс-служба облисполкома. Стороны рассчитывают "
      "нарастить торговлю и открыть сборочное производство в Пскове.\n";
  Cleaned c = CleanText(in);
  EXPECT_TRUE(Has(c.text, "Псков и Витебск договорились о поставках техники")) << c.text;
  EXPECT_TRUE(Has(c.text, "подписали соглашение")) << c.text;
  EXPECT_FALSE(Has(c.text, "открыли парк")) << c.text;
}

TEST(CleanTest, MenuRunAcrossDroppedLines) {
  const std::string in =
      "Новости района\nРайонная газета\nРубрики\nПресс-центр\nАналитика\n"
      "Гомель и Брянск договорились о поставках\n"
      "Председатель облисполкома и губернатор обсудили поставки техники и продуктов.\n";
  Cleaned c = CleanText(in);
  EXPECT_EQ(c.text,
            "Гомель и Брянск договорились о поставках\n"
            "Председатель облисполкома и губернатор обсудили поставки техники и продуктов.");
}

TEST(CleanTest, DuplicatesCompareFoldedLines) {
  const std::string lead = "Минский тракторный завод отгрузил партию машин в Псковскую область, сообщили в компании.";
  for (const std::string& junk : {std::string(), std::string("\xFF")}) {  // valid and invalid UTF-8
    const std::string in = "Тракторы для Пскова" + junk + "\n" + lead + junk + "\nТРАКТОРЫ ДЛЯ ПСКОВА" + junk + "\n" +
                           "Второй абзац другого содержания, но той же длины: восемьдесят девять знаков." + junk +
                           "\n" + lead + junk + "\nКоротко.\nКоротко.\n";
    const Cleaned c = CleanText(in);
    if (junk.empty()) {  // the caller's word that the text is valid changes nothing
      const Cleaned told = CleanText(in, /*valid_utf8=*/true);
      EXPECT_EQ(told.text, c.text);
      ASSERT_EQ(told.lines.size(), c.lines.size());
      for (size_t i = 0; i < c.lines.size(); ++i) EXPECT_EQ(told.lines[i].kind, c.lines[i].kind) << i;
    }
    ASSERT_EQ(c.lines.size(), 8u);
    const LineKind want[] = {LineKind::kBody, LineKind::kBody,      LineKind::kDuplicate, LineKind::kBody,
                             LineKind::kDuplicate, LineKind::kBody, LineKind::kBody, LineKind::kBlank};
    for (size_t i = 0; i < 8; ++i) EXPECT_EQ(LineKindName(c.lines[i].kind), LineKindName(want[i])) << i << junk;
  }
}

}  // namespace
}  // namespace oborot::text
