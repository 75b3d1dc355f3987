#include "src/text/load.h"

#include <gtest/gtest.h>

#include <string>

#include "src/text/decode.h"

namespace oborot::text {
namespace {

RawInput Raw(std::string bytes, InputFormat format = InputFormat::kAuto) {
  RawInput r;
  r.id = "doc";
  r.source = "dir/doc.txt";
  r.bytes = std::move(bytes);
  r.format = format;
  return r;
}

const char kArticle[] =
    "Могилев и Брянск нарастят поставки\n\n"
    "Подписаться\n"
    "МОГИЛЕВ, 12 мар — Sputnik. Могилевская и Брянская области договорились нарастить взаимные поставки. "
    "Соглашение подписано 12 марта 2024 года.\n\n"
    "Последние новости\n"
    "Другая новость\n"
    "11 марта 2024\n";

TEST(LoadTest, FullPipeline) {
  auto doc = LoadDocument(Raw(kArticle), {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "doc");
  EXPECT_EQ(doc->encoding, "UTF-8");
  EXPECT_EQ(doc->title.value_or(""), "Могилев и Брянск нарастят поставки");
  ASSERT_TRUE(doc->published.has_value());
  EXPECT_EQ(doc->published->ToString(), "2024-03-12");
  EXPECT_EQ(doc->published_how, "dateline+year");
  EXPECT_EQ(doc->dateline_city, "Могилев");
  EXPECT_EQ(doc->paragraphs.size(), 2u);
  EXPECT_EQ(doc->removed.size(), 4u);
  EXPECT_TRUE(doc->sentences.empty());  // the segment stage fills them
  // Every cleaned byte maps back to the same byte of the original.
  for (const auto& p : doc->offsets) {
    EXPECT_EQ(doc->text.substr(p.clean_start, p.length), doc->original.substr(p.orig_start, p.length));
  }
  const size_t at = doc->text.find("МОГИЛЕВ");
  EXPECT_EQ(doc->original.substr(doc->OriginalOffset(at), 14), "МОГИЛЕВ");
}

TEST(LoadTest, Windows1251Input) {
  auto bytes = ConvertFromUtf8(kArticle, "windows-1251");
  ASSERT_TRUE(bytes.ok());
  auto doc = LoadDocument(Raw(*bytes), {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->encoding, "windows-1251");
  EXPECT_EQ(doc->published->ToString(), "2024-03-12");
}

TEST(LoadTest, JsonlMetadataWins) {
  RawInput r = Raw(kArticle, InputFormat::kText);
  r.published = "2024-03-13T08:00:00+03:00";
  r.title = "Заголовок из метаданных";
  r.url = "https://example.org/a";
  auto doc = LoadDocument(r, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->published->ToString(), "2024-03-13");
  EXPECT_EQ(doc->published_how, "metadata");
  EXPECT_EQ(doc->title.value_or(""), "Заголовок из метаданных");
  EXPECT_EQ(doc->url, "https://example.org/a");
}

TEST(LoadTest, APublishedDateThatIsNoDayIsLeftOutWithAWarning) {
  RawInput r = Raw(kArticle);
  r.published = "2023-02-30";
  auto doc = LoadDocument(r, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->published_how, "metadata");  // the text's own date, not the record's
  ASSERT_FALSE(doc->warnings.empty());
  EXPECT_EQ(doc->warnings.back(),
            "dir/doc.txt: \"published\" \"2023-02-30\" is not a date YYYY-MM-DD; the date is looked for in the text");
}

TEST(LoadTest, Errors) {
  LoadOptions small;
  small.max_doc_bytes = 10;
  auto big = LoadDocument(Raw(std::string(100, 'a')), small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kTooLarge);
  EXPECT_EQ(big.status().message(), "dir/doc.txt: 100 bytes, over the limit of 10");

  auto empty = LoadDocument(Raw(" \n\n "), {});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kEmpty);
  EXPECT_EQ(empty.status().message(), "dir/doc.txt: empty document");

  auto chrome = LoadDocument(Raw("Подписаться\nПоделиться"), {});
  EXPECT_EQ(chrome.status().code(), StatusCode::kEmpty);
  // Not empty to whoever wrote it: the message says cleaning took it.
  EXPECT_EQ(chrome.status().message(),
            "dir/doc.txt: empty document (its 22 characters were all removed by cleaning as site chrome: menus, "
            "captions, bylines, link lists)");

  auto bin = LoadDocument(Raw(std::string("ab\0cd", 5)), {});
  EXPECT_EQ(bin.status().message(), "dir/doc.txt: binary data at byte 2");

  auto bad = LoadDocument(Raw("ok \x80\x81\x82"), {});
  EXPECT_EQ(bad.status().message(), "dir/doc.txt: invalid UTF-8 at byte 3");
}

TEST(LoadTest, HtmlGoesThroughTheExtractor) {
  const std::string html =
      "<!DOCTYPE html><html><head><title>Страница</title></head><body><article><p>Гомель и Брянск подписали "
      "соглашение о поставках техники.</p></article></body></html>";
  auto doc = LoadDocument(Raw(html), {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->text.find("Гомель и Брянск"), std::string::npos);
  EXPECT_EQ(doc->text.find("<p>"), std::string::npos);
}

}  // namespace
}  // namespace oborot::text

namespace oborot::text {
namespace {

const char kUndated[] =
    "Гродно и Псков обсудили поставки\n\n"
    "Гродненская и Псковская области обсудили поставки молочной продукции и техники.\n";

TEST(LoadTest, FallbackDateOnlyWhenNothingBetter) {
  RawInput r = Raw(kUndated);
  r.published_fallback = "2023-04-04";
  r.published_fallback_how = "file-name";
  auto doc = LoadDocument(r, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_TRUE(doc->published);
  EXPECT_EQ(doc->published->ToString(), "2023-04-04");
  EXPECT_EQ(doc->published_how, "file-name");
  // The text's own date wins over the fallback.
  RawInput dated = Raw(kArticle);
  dated.published_fallback = "2020-01-01";
  dated.published_fallback_how = "feed";
  doc = LoadDocument(dated, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->published->ToString(), "2024-03-12");
  // So does the metadata.
  r.published = "2022-02-02";
  doc = LoadDocument(r, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->published->ToString(), "2022-02-02");
  EXPECT_EQ(doc->published_how, "metadata");
}

TEST(LoadTest, CharsetHeaderThenBomThenMeta) {
  const std::string page_utf8 = std::string("<html><head><meta charset=\"koi8-r\"><title>t</title></head><body><p>") +
                                kUndated + "</p></body></html>";
  auto cp1251 = ConvertFromUtf8(page_utf8, "windows-1251");
  ASSERT_TRUE(cp1251.ok());
  // The header says windows-1251, the meta koi8-r: the header wins.
  RawInput r = Raw(*cp1251, InputFormat::kHtml);
  r.charset = "windows-1251";
  auto doc = LoadDocument(r, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->encoding, "windows-1251");
  EXPECT_NE(doc->text.find("Псковская"), std::string::npos);
  // No header: the meta decides (and misreads windows-1251 bytes as KOI8-R
  // unless the text is implausible; either way the declared charset is tried).
  auto koi = ConvertFromUtf8(page_utf8, "KOI8-R");
  ASSERT_TRUE(koi.ok());
  doc = LoadDocument(Raw(*koi, InputFormat::kHtml), {});
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->text.find("Псковская"), std::string::npos);
  // A header naming UTF-8 and a BOM: the BOM is stripped, the text is UTF-8.
  RawInput bom = Raw("\xEF\xBB\xBF" + page_utf8, InputFormat::kHtml);
  bom.charset = "utf-8";
  doc = LoadDocument(bom, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->encoding, "UTF-8");
  EXPECT_NE(doc->text.find("Псковская"), std::string::npos);
  // An unknown header charset is ignored.
  RawInput unknown = Raw(page_utf8, InputFormat::kHtml);
  unknown.charset = "x-no-such-charset";
  doc = LoadDocument(unknown, {});
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->text.find("Псковская"), std::string::npos);
}

}  // namespace
}  // namespace oborot::text
