#include "src/segment/sentences.h"

#include <gtest/gtest.h>

#include "src/base/utf8.h"

#include <string>

namespace oborot::segment {
namespace {

struct Case {
  const char* text;
  const char* want;  // sentences joined by " | "
};

const Case kCases[] = {
    // Plain breaks.
    {"Первое предложение. Второе предложение.", "Первое предложение. | Второе предложение."},
    {"Рост есть! Вопросы остались? Да.", "Рост есть! | Вопросы остались? | Да."},
    {"Что дальше?! Посмотрим.", "Что дальше?! | Посмотрим."},
    {"Так вот… Решение принято.", "Так вот… | Решение принято."},
    {"Так вот... Решение принято.", "Так вот... | Решение принято."},
    {"Он сказал… и замолчал.", "Он сказал… и замолчал."},
    {"Было сделано. 2024 год стал рекордным.", "Было сделано. | 2024 год стал рекордным."},
    {"Один пробел.  Два пробела.", "Один пробел. | Два пробела."},
    {"Без пробела.Следом текст.", "Без пробела.Следом текст."},
    {"Мало. а дальше строчная.", "Мало. а дальше строчная."},
    // Abbreviations.
    {"Товарооборот составил 5 млн. долларов. Рост продолжится.", "Товарооборот составил 5 млн. долларов. | Рост продолжится."},
    {"Экспорт достиг $1,2 млрд. Это рекорд.", "Экспорт достиг $1,2 млрд. | Это рекорд."},
    {"Поставки на 3 млрд. долл. США в год.", "Поставки на 3 млрд. долл. США в год."},
    {"Офис открыт в г. Минске на улице Ленина.", "Офис открыт в г. Минске на улице Ленина."},
    {"Сумма 300 тыс. руб. Остальное позже.", "Сумма 300 тыс. руб. | Остальное позже."},
    // «г.» after a year ends a sentence before a capitalised word (a dateline, «…в 2023 г. Минск…»)
    {"Это было в 2023 г. Минск принял гостей.", "Это было в 2023 г. | Минск принял гостей."},
    {"Гродно, 5 мая 2024 г. Губернатор провел встречу.", "Гродно, 5 мая 2024 г. | Губернатор провел встречу."},
    {"В 2023 г. товарооборот вырос.", "В 2023 г. товарооборот вырос."},
    {"Встреча прошла 12.05.2024 г. Стороны обсудили поставки.", "Встреча прошла 12.05.2024 г. | Стороны обсудили поставки."},
    {"В 2020-2023 гг. Беларусь нарастила экспорт.", "В 2020-2023 гг. Беларусь нарастила экспорт."},
    {"Станки, трактора и т.д. Всё это поставляется.", "Станки, трактора и т.д. Всё это поставляется."},
    {"Станки, трактора и т. д. Всё это поставляется.", "Станки, трактора и т. д. Всё это поставляется."},
    {"То есть т.е. Минск.", "То есть т.е. Минск."},
    {"Прибыли МАЗ, БелАЗ и др. Партнеры довольны.", "Прибыли МАЗ, БелАЗ и др. Партнеры довольны."},
    {"Завод им. Ленина работает.", "Завод им. Ленина работает."},
    {"Адрес: ул. Ленина, 5. Офис открыт.", "Адрес: ул. Ленина, 5. | Офис открыт."},
    {"В Минской обл. Открыт цех.", "В Минской обл. Открыт цех."},
    {"Рост с.-х. Продукции.", "Рост с.-х. Продукции."},
    // Initials.
    {"Встречу провел А. Г. Лукашенко.", "Встречу провел А. Г. Лукашенко."},
    {"Встречу провел А.Г. Лукашенко. Затем был обед.", "Встречу провел А.Г. Лукашенко. | Затем был обед."},
    {"Об этом сказал Лукашенко А.Г. Потом выступил губернатор.", "Об этом сказал Лукашенко А.Г. Потом выступил губернатор."},
    // Numbers.
    {"Рост на 8.4 процента. Хорошо.", "Рост на 8.4 процента. | Хорошо."},
    {"1. Первый пункт списка.", "1. Первый пункт списка."},
    // Quotes.
    {"«Время движется стремительно». Он улыбнулся.", "«Время движется стремительно». | Он улыбнулся."},
    {"«Когда начнем?» Ответа не было.", "«Когда начнем?» | Ответа не было."},
    {"«Мы готовы. Начнем завтра», — сказал он.", "«Мы готовы. | Начнем завтра», — сказал он."},
    {"\"Мы готовы к поставкам\", – подчеркнул губернатор. Затем начался обед.",
     "\"Мы готовы к поставкам\", – подчеркнул губернатор. | Затем начался обед."},
    {"Он заявил. «Мы поставим технику».", "Он заявил. | «Мы поставим технику»."},
    {"Он заявил. “Мы поставим технику”.", "Он заявил. | “Мы поставим технику”."},
    {"«Вопрос решен». — сказал министр.", "«Вопрос решен». — сказал министр."},
    {"Все решено. — Мы довольны, — добавил он.", "Все решено. | — Мы довольны, — добавил он."},
    {"Итог (по данным таможни.) Далее.", "Итог (по данным таможни.) | Далее."},
    // Latin.
    {"Компания BELGEE растет. Mr. Smith agrees.", "Компания BELGEE растет. | Mr. Smith agrees."},
};

std::string Join(std::string_view text, const std::vector<Sentence>& ss) {
  std::string out;
  for (const auto& s : ss) {
    if (!out.empty()) out += " | ";
    out += text.substr(s.start, s.end - s.start);
  }
  return out;
}

TEST(SentencesTest, Table) {
  for (const auto& tc : kCases) {
    const std::string_view text = tc.text;
    auto paras = SplitParagraphs(text);
    EXPECT_EQ(Join(text, SplitSentences(text, paras)), tc.want) << text;
  }
}

// End marks are found sixteen or eight bytes at a time: each mark at every
// alignment, and at a paragraph's last bytes.
TEST(SentencesTest, EndMarksAtEveryAlignment) {
  for (size_t pad = 0; pad < 40; ++pad) {
    for (const char* mark : {".", "!", "?", "…", "?!"}) {
      const std::string first = std::string(pad, 'x') + (pad ? " " : "") + "Экспорт вырос" + mark;
      const std::string text = first + " Импорт упал" + mark;
      auto paras = SplitParagraphs(text);
      EXPECT_EQ(Join(text, SplitSentences(text, paras)), first + " | Импорт упал" + mark) << text;
    }
  }
}

TEST(SentencesTest, ParagraphsAlwaysBreak) {
  const std::string text = "Первый абзац без точки\n\n  Второй абзац. Его второе предложение.\n- пункт списка\n";
  auto paras = SplitParagraphs(text);
  ASSERT_EQ(paras.size(), 3u);
  auto ss = SplitSentences(text, paras);
  EXPECT_EQ(Join(text, ss), "Первый абзац без точки | Второй абзац. | Его второе предложение. | - пункт списка");
  ASSERT_EQ(ss.size(), 4u);
  EXPECT_EQ(ss[0].paragraph, 0u);
  EXPECT_EQ(ss[2].paragraph, 1u);
  EXPECT_EQ(ss[3].paragraph, 2u);
}

TEST(SentencesTest, SegmentDocumentFillsSentences) {
  Document doc;
  doc.text = "Заголовок\nТекст первый. Текст второй.";
  SegmentDocument(doc);
  EXPECT_EQ(doc.paragraphs.size(), 2u);
  EXPECT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(doc.Slice(doc.sentences[2]), "Текст второй.");
}

TEST(SentencesTest, Abbreviations) {
  EXPECT_TRUE(IsAbbreviation("млн."));
  EXPECT_TRUE(IsAbbreviation("т.е."));
  EXPECT_FALSE(IsAbbreviation("минск."));
}

// Issue 15: a run without a sentence end is broken at --max-sentence-chars,
// at a space in the last quarter when there is one, else at the limit, never
// inside a character; real sentences are far shorter.
TEST(SentencesTest, LongRunsAreBrokenAtTheBudget) {
  std::string words;
  while (words.size() < 20000) words += "слово ";
  words.pop_back();
  size_t forced = 0;
  const auto sentences = SplitSentences(words, {{0, static_cast<uint32_t>(words.size())}}, 100, &forced);
  ASSERT_GT(sentences.size(), 1u);
  EXPECT_EQ(forced, sentences.size() - 1);
  for (const auto& st : sentences) {
    const std::string_view piece = std::string_view(words).substr(st.start, st.end - st.start);
    EXPECT_LE(CodePointCount(piece), 100u);
    if (&st != &sentences.back()) {
      EXPECT_GE(CodePointCount(piece), 75u - 6) << piece;  // at a space in the last quarter
    }
    EXPECT_EQ(piece.substr(0, 10), "слово");  // whole words
  }
  // One "word" without a space: cut at the limit, on a character boundary.
  std::string word;
  while (word.size() < 5000) word += "я";
  const auto cut = SplitSentences(word, {{0, static_cast<uint32_t>(word.size())}}, 100);
  ASSERT_EQ(cut.size(), 25u);
  for (const auto& st : cut) EXPECT_EQ(st.end - st.start, 200u);
  // Ordinary text is not touched, and 0 means no limit.
  const std::string text = "Первое предложение. Второе предложение.";
  EXPECT_EQ(SplitSentences(text, {{0, static_cast<uint32_t>(text.size())}}, 100).size(), 2u);
  EXPECT_EQ(SplitSentences(word, {{0, static_cast<uint32_t>(word.size())}}, 0).size(), 1u);
}

TEST(SentencesTest, AForcedBreakIsAWarningNamingTheBudget) {
  Document doc;
  doc.source = "a.txt";
  doc.text = std::string(3000, 'a');
  SegmentDocument(doc, 1000);
  EXPECT_EQ(doc.sentences.size(), 3u);
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "a.txt: 2 sentences broken at 1000 characters (--max-sentence-chars 1000)");
}

TEST(SentencesTest, EmptyInput) {
  EXPECT_TRUE(SplitParagraphs("").empty());
  EXPECT_TRUE(SplitSentences("", {}).empty());
  EXPECT_TRUE(SplitSentences("   ", {{0, 3}}).empty());
}

}  // namespace
}  // namespace oborot::segment
