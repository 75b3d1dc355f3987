#include "src/server/html.h"

#include <gtest/gtest.h>

namespace oborot::server {
namespace {

TEST(HtmlEscapeTest, EscapesMarkupCharacters) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"", ""},
      {"Товарооборот вырос", "Товарооборот вырос"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"<img src=x onerror=\"alert(1)\">", "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"},
      {"Tom & Jerry's", "Tom &amp; Jerry&#39;s"},
      {"&amp;", "&amp;amp;"},
  };
  for (const auto& c : cases) EXPECT_EQ(HtmlEscape(c.in), c.out) << c.in;
}

TEST(JsonForScriptTest, NothingCanCloseTheScriptElement) {
  struct Case {
    std::string in;
    std::string out;
  } cases[] = {
      {"</script><script>alert(1)</script>",
       "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""},
      {"<!-- a & b -->", "\"\\u003c!-- a \\u0026 b --\\u003e\""},
      {"строка\xE2\x80\xA8дальше", "\"строка\\u2028дальше\""},
      {"Минск", "\"Минск\""},
  };
  for (const auto& c : cases) EXPECT_EQ(JsonForScript(nlohmann::ordered_json(c.in)), c.out) << c.in;
  // The escapes still mean the same characters.
  EXPECT_EQ(nlohmann::json::parse(JsonForScript(nlohmann::ordered_json("</script>"))).get<std::string>(), "</script>");
}

TEST(JsonTextTest, InvalidUtf8IsReplacedNotThrown) {
  const std::string bad =
      "a\xFF"
      "b";
  EXPECT_EQ(JsonText(nlohmann::ordered_json(bad)),
            "\"a\xEF\xBF\xBD"
            "b\"");
}

TEST(ScriptForInlineTest, BreaksUpClosingTagsKeepingCase) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"var s = '</script>';", "var s = '<\\/script>';"},
      {"x = '</SCRIPT >'", "x = '<\\/SCRIPT >'"},
      {"a <!-- b", "a <\\!-- b"},
      {"if (a < b) {}", "if (a < b) {}"},
  };
  for (const auto& c : cases) EXPECT_EQ(ScriptForInline(c.in), c.out) << c.in;
  EXPECT_EQ(StyleForInline("a{content:'</style>'}"), "a{content:'<\\/style>'}");
}

}  // namespace
}  // namespace oborot::server
