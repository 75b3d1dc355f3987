#include "src/text/decode.h"

#include <gtest/gtest.h>

#include <string>

namespace oborot::text {
namespace {

const std::string kRussian =
    "Товарооборот между Беларусью и Тверской областью в прошлом году вырос на двенадцать процентов, "
    "сообщил губернатор на встрече с белорусской делегацией.";

std::string Encode(const std::string& utf8, const char* charset) {
  auto r = ConvertFromUtf8(utf8, charset);
  EXPECT_TRUE(r.ok()) << charset;
  return r.ok() ? *r : std::string();
}

TEST(DecodeTest, ValidUtf8StaysAsIs) {
  auto d = DecodeToUtf8(kRussian, "a.txt");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, kRussian);
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_TRUE(d->valid_utf8);  // checked on the way
}

TEST(DecodeTest, AsciiIsUtf8) {
  auto d = DecodeToUtf8("plain ascii\r\nline two", "a.txt");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "plain ascii\r\nline two");  // line ends are the cleaner's business
}

TEST(DecodeTest, Utf8BomIsStripped) {
  auto d = DecodeToUtf8("\xEF\xBB\xBF" + kRussian, "a.txt");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, kRussian);
}

TEST(DecodeTest, Utf16WithBom) {
  auto le = DecodeToUtf8("\xFF\xFE" + Encode(kRussian, "UTF-16LE"), "a.txt");
  ASSERT_TRUE(le.ok());
  EXPECT_EQ(le->text, kRussian);
  EXPECT_EQ(le->encoding, "UTF-16LE");
  auto be = DecodeToUtf8("\xFE\xFF" + Encode(kRussian, "UTF-16BE"), "a.txt");
  ASSERT_TRUE(be.ok());
  EXPECT_EQ(be->text, kRussian);
  EXPECT_EQ(be->encoding, "UTF-16BE");
}

TEST(DecodeTest, Windows1251IsDetected) {
  auto d = DecodeToUtf8(Encode(kRussian, "windows-1251"), "a.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->valid_utf8);  // converted, not checked
  EXPECT_EQ(d->encoding, "windows-1251");
  EXPECT_EQ(d->text, kRussian);
}

TEST(DecodeTest, Koi8rIsDetected) {
  auto d = DecodeToUtf8(Encode(kRussian, "KOI8-R"), "a.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, "KOI8-R");
  EXPECT_EQ(d->text, kRussian);
}

TEST(DecodeTest, ShortCyrillicTextsInBothEncodings) {
  const std::string samples[] = {"Минск, 5 мая. Встреча прошла в Гомеле.", "Сотрудничество растет", "Экспорт вырос на 7%"};
  for (const auto& s : samples) {
    for (const char* cs : {"windows-1251", "KOI8-R"}) {
      auto d = DecodeToUtf8(Encode(s, cs), "a.txt");
      ASSERT_TRUE(d.ok()) << s << " " << cs;
      EXPECT_EQ(d->text, s) << cs;
      EXPECT_EQ(d->encoding, cs);
    }
  }
}

TEST(DecodeTest, DeclaredCharsetIsHonoured) {
  auto d = DecodeToUtf8(Encode(kRussian, "KOI8-R"), "a.html", "koi8-r");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, "KOI8-R");
  EXPECT_EQ(d->text, kRussian);
  // Latin-1 pages: decoded as Windows-1252, as browsers do.
  auto l = DecodeToUtf8("caf\xE9 cr\xE8me \x93quoted\x94", "b.html", "ISO-8859-1");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->encoding, "windows-1252");
  EXPECT_EQ(l->text, "café crème \u201Cquoted\u201D");
}

TEST(DecodeTest, RussianPageMislabelledAsLatin1) {
  auto d = DecodeToUtf8(Encode(kRussian, "windows-1251"), "a.html", "iso-8859-1");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, "windows-1251");
  EXPECT_EQ(d->text, kRussian);
}

TEST(DecodeTest, ValidUtf8WinsOverAWrongDeclaration) {
  auto d = DecodeToUtf8(kRussian, "a.html", "windows-1251");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, "UTF-8");
}

TEST(DecodeTest, BinaryIsRefused) {
  auto d = DecodeToUtf8(std::string("GIF\0\x01\x02", 6), "img.txt");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(d.status().message(), "img.txt: binary data at byte 3");
  std::string controls = "text";
  for (int i = 0; i < 20; ++i) controls += "\x01\x02 ab";
  auto c = DecodeToUtf8(controls, "c.txt");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "c.txt: binary data at byte 4");
}

// Which bytes count towards "binary": every byte value, eight of it among
// 192 letters (4 %, past the 1 % limit), against the rule written plainly.
TEST(DecodeTest, ControlBytesThatCountAsBinary) {
  for (int b = 1; b < 256; ++b) {
    std::string text(96, 'a');
    for (int k = 0; k < 8; ++k) text += static_cast<char>(b);
    text += std::string(96, 'a');
    const bool control = b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r';
    auto d = DecodeToUtf8(text, "b.txt");
    const bool binary = !d.ok() && d.status().message() == "b.txt: binary data at byte 96";
    EXPECT_EQ(binary, control) << "byte " << b;
  }
}

TEST(DecodeTest, AFewControlBytesAreNotBinary) {
  auto d = DecodeToUtf8("line\x0c page break\x1b", "a.txt");
  EXPECT_TRUE(d.ok());
}

TEST(DecodeTest, GarbageIsInvalidUtf8) {
  auto d = DecodeToUtf8("Hello \x80\x81\x82\x83 world", "bad.txt");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(d.status().message(), "bad.txt: invalid UTF-8 at byte 6");
  auto one = DecodeToUtf8("abc\xC3( def", "one.txt");
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status().message(), "one.txt: invalid UTF-8 at byte 3");
}

TEST(DecodeTest, BrokenUtf8AfterBomIsRepaired) {
  // A UTF-8 byte-order mark promises UTF-8: a cut sequence is replaced, not refused.
  auto d = DecodeToUtf8("\xEF\xBB\xBFok \xE2\x82", "bom.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, "ok \xEF\xBF\xBD\xEF\xBF\xBD");
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0], "bom.txt: invalid UTF-8 at bytes 6, 7, replaced by U+FFFD");
}

// Issue 15: one stray byte or a character cut by a byte-limited download must
// not cost a UTF-8 article (and its facts), nor make it decode as Windows-1251.
TEST(DecodeTest, StrayByteInUtf8IsReplacedWithAWarning) {
  const std::string text = std::string(kRussian) + "\xFF" + kRussian;
  auto d = DecodeToUtf8(text, "stray.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_EQ(d->text, std::string(kRussian) + "\xEF\xBF\xBD" + kRussian);
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0],
            "stray.txt: invalid UTF-8 at byte " + std::to_string(std::string(kRussian).size()) + ", replaced by U+FFFD");
}

TEST(DecodeTest, CutLastCharacterIsReplacedWithAWarning) {
  std::string text = kRussian;
  text.pop_back();  // the final period
  text.pop_back();  // and the last byte of the last letter («й»)
  auto d = DecodeToUtf8(text, "cut.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_EQ(d->text.substr(0, text.size() - 1), text.substr(0, text.size() - 1));
  EXPECT_EQ(d->text.substr(text.size() - 1), "\xEF\xBF\xBD");
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0], "cut.txt: invalid UTF-8 at byte " + std::to_string(text.size() - 1) + ", replaced by U+FFFD");
}

TEST(DecodeTest, PastedWindows1251FooterIsDecodedOnItsOwn) {
  // A UTF-8 page with a footer in Windows-1251: the article stays UTF-8 and
  // only the footer's run is read as Windows-1251, never the whole page.
  const std::string footer = Encode("Все права защищены, перепечатка запрещена", "windows-1251");
  const std::string page = std::string(kRussian) + "\n" + footer + "\n";
  auto d = DecodeToUtf8(page, "footer.html");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_EQ(d->text, std::string(kRussian) + "\nВсе права защищены, перепечатка запрещена\n");
  ASSERT_EQ(d->warnings.size(), 1u);
  const size_t at = std::string(kRussian).size() + 1;
  EXPECT_EQ(d->warnings[0], "footer.html: bytes " + std::to_string(at) + "–" + std::to_string(page.size()) +
                                " are not UTF-8; decoded as windows-1251");
}

TEST(DecodeTest, Utf8HeaderInAWindows1251PageIsDecodedOnItsOwn) {
  const std::string body = Encode(kRussian, "windows-1251");
  const std::string page = std::string("Заголовок страницы\n") + body;
  auto d = DecodeToUtf8(page, "mixed.html");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, "windows-1251");
  EXPECT_EQ(d->text, std::string("Заголовок страницы\n") + kRussian);
}

TEST(DecodeTest, WholeWindows1251TextIsStillDecodedWholesale) {
  // «Д»» is C4 BB in Windows-1251, a valid two-byte UTF-8 sequence: an
  // accident like that does not make the text UTF-8.
  const std::string text = Encode("Союз «МАЗ-ГАЗ» и «ВЭД» работают. " + std::string(kRussian), "windows-1251");
  auto d = DecodeToUtf8(text, "win.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->encoding, "windows-1251");
  EXPECT_TRUE(d->warnings.empty());
  EXPECT_EQ(d->text, "Союз «МАЗ-ГАЗ» и «ВЭД» работают. " + std::string(kRussian));
}

TEST(DecodeTest, ManyInvalidOffsetsAreListedShortly) {
  std::string text = kRussian;
  for (int i = 0; i < 20; ++i) text += "\xFF ";
  auto d = DecodeToUtf8(text, "many.txt");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_NE(d->warnings[0].find(", … (20 in all), replaced by U+FFFD"), std::string::npos) << d->warnings[0];
}

TEST(DecodeTest, PlausibilityOrdersDecodings) {
  const std::string bytes = Encode(kRussian, "windows-1251");
  auto right = ConvertToUtf8(bytes, "windows-1251");
  auto wrong = ConvertToUtf8(bytes, "KOI8-R");
  ASSERT_TRUE(right.ok() && wrong.ok());
  EXPECT_GT(RussianPlausibility(*right), 1.2);
  EXPECT_LT(RussianPlausibility(*wrong), 0.9);
  EXPECT_EQ(RussianPlausibility("no cyrillic at all"), 0.0);
}

TEST(DecodeTest, UnknownCharsetIsAnError) {
  auto r = ConvertToUtf8("abc", "no-such-charset-xyz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

// Single-byte charsets decode by a table built from ICU: every byte value,
// among Russian prose, must come out as ICU converts it.
TEST(DecodeTest, EveryByteDecodesAsIcuDoes) {
  std::string high;
  for (int b = 0x80; b < 0x100; ++b) high.push_back(static_cast<char>(b));
  for (const char* cs : {"windows-1251", "KOI8-R"}) {
    const std::string prose = Encode(kRussian + " " + kRussian + " " + kRussian, cs);
    const std::string bytes = prose + "\t" + high + "\n" + prose;
    auto icu = ConvertToUtf8(bytes, cs);
    ASSERT_TRUE(icu.ok()) << cs;
    auto d = DecodeToUtf8(bytes, "a.txt", cs);
    ASSERT_TRUE(d.ok()) << cs << ": " << d.status().ToString();
    EXPECT_EQ(d->encoding, cs);
    EXPECT_EQ(d->text, *icu) << cs;
    auto guessed = DecodeToUtf8(bytes, "a.txt");
    ASSERT_TRUE(guessed.ok()) << cs;
    EXPECT_EQ(guessed->encoding, cs);
    EXPECT_EQ(guessed->text, *icu) << cs;
  }
}

// The choice between the two charsets follows RussianPlausibility of each
// conversion, which the decoder computes from byte counts.
TEST(DecodeTest, ChoiceFollowsPlausibilityOfConversions) {
  const std::string samples[] = {kRussian, "Минск, 5 мая. Встреча прошла в Гомеле.", "ОАО «Гродно Азот» и ЗАО",
                                 "Экспорт вырос на 7% — до $1,2 млрд"};
  for (const std::string& s : samples) {
    for (const char* cs : {"windows-1251", "KOI8-R"}) {
      const std::string bytes = Encode(s, cs);
      const double a = RussianPlausibility(*ConvertToUtf8(bytes, "windows-1251"));
      const double b = RussianPlausibility(*ConvertToUtf8(bytes, "KOI8-R"));
      const double best = a >= b ? a : b;
      auto d = DecodeToUtf8(bytes, "a.txt");
      ASSERT_EQ(d.ok(), best >= 0.9) << s << " " << cs;
      if (d.ok()) {
        EXPECT_EQ(d->encoding, a >= b ? "windows-1251" : "KOI8-R") << s << " " << cs;
      }
    }
  }
}

}  // namespace
}  // namespace oborot::text
