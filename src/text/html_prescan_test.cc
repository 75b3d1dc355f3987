#include "src/text/html_prescan.h"

#include <gtest/gtest.h>

#include <string>

#include "src/text/html_dom.h"

namespace oborot::text::html {
namespace {

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The deepest node of the parsed page.
int GumboDepth(const Dom& dom) {
  std::vector<int> depth(static_cast<size_t>(dom.size()), 0);
  int deepest = 0;
  for (int i = 0; i < dom.size(); ++i) {
    const int p = dom[i].parent;
    depth[static_cast<size_t>(i)] = p < 0 ? 0 : depth[static_cast<size_t>(p)] + 1;
    deepest = std::max(deepest, depth[static_cast<size_t>(i)]);
  }
  return deepest;
}

TEST(PrescanTest, OrdinaryPagesAreLeftAsTheyAre) {
  const std::string page =
      "<!DOCTYPE html><html><head><title>a < b</title><script>var s = '<div><div><div>';</script>"
      "<style>p > b { }</style></head><body><!-- <div><div> --><p>one<p>two<ul><li>x<li>y</ul>"
      "<table><tr><td>1<td>2<tr><td>3</table><svg><path d='M0'/><path/></svg><br><img src=x></body></html>";
  const Prescanned p = PrescanHtml(page, {.elements = 100, .depth = 8, .attributes = 4});
  EXPECT_FALSE(p.changed);
  EXPECT_EQ(p.html(), page);
  EXPECT_EQ(p.deep_dropped + p.formatting_dropped + p.attributes_dropped + p.cut_at, 0u);
  EXPECT_LE(p.max_depth, 8u);
}

TEST(PrescanTest, DeepNestingIsFlattenedKeepingTheText) {
  const std::string page = "<body>" + Repeat("<div>", 1000) + "слово" + Repeat("</div>", 1000) + "</body>";
  const Prescanned p = PrescanHtml(page, {.depth = 50});
  EXPECT_TRUE(p.changed);
  EXPECT_EQ(p.deep_dropped, 1000u - 49);  // body and 49 divs stay open
  EXPECT_NE(p.html().find("слово"), std::string_view::npos);
  Dom dom(page, {.depth = 50});
  EXPECT_LE(GumboDepth(dom), 60);
  EXPECT_EQ(dom.Text(0), "слово");
}

TEST(PrescanTest, UnclosedFormattingElementsAreCapped) {
  // gumbo re-creates every formatting element left open for each run of
  // text: their number is capped at depth / 8.
  const std::string page = Repeat("<b id=1><i>", 500) + "текст" + Repeat("<p>абзац", 100);
  const Prescanned p = PrescanHtml(page, {.depth = 64});
  EXPECT_EQ(p.formatting_dropped, 1000u - 8);
  Dom dom(page, {.depth = 64});
  EXPECT_LE(GumboDepth(dom), 64 * 2 + 16);
}

TEST(PrescanTest, AttributesPastTheLimitAreDropped) {
  std::string tag = "<div";
  for (int i = 0; i < 300; ++i) tag += " a" + std::to_string(i) + "=\"x>y\"";
  const std::string page = tag + " class=last>текст</div>";
  const Prescanned p = PrescanHtml(page, {.attributes = 10});
  EXPECT_EQ(p.attributes_dropped, 291u);
  EXPECT_EQ(p.html().substr(0, 5), "<div ");
  EXPECT_NE(p.html().find(" a9=\"x>y\" >текст</div>"), std::string_view::npos) << p.html();
  EXPECT_EQ(p.html().find("class=last"), std::string_view::npos);
}

TEST(PrescanTest, ThePageIsCutAfterItsElementBudget) {
  const std::string unit = "<p>да</p>";
  const std::string page = Repeat(unit, 1000);
  const Prescanned p = PrescanHtml(page, {.elements = 100});
  EXPECT_EQ(p.elements, 100u);
  EXPECT_EQ(p.cut_at, 100 * unit.size());
  EXPECT_EQ(p.html(), page.substr(0, 100 * unit.size()));
}

TEST(PrescanTest, FlatParagraphsAndListsDoNotNest) {
  // Implied end tags: an open <p> closes at the next block, <li> at the next <li>.
  const std::string page = Repeat("<p>абзац", 5000) + Repeat("<li>пункт", 5000) + Repeat("<tr><td>1<td>2", 2000);
  const Prescanned p = PrescanHtml(page, {.elements = 1'000'000, .depth = 16});
  EXPECT_FALSE(p.changed);
  EXPECT_LE(p.max_depth, 5u);
}

TEST(PrescanTest, RawTextIsNeverParsedAsTags) {
  // Tags inside <script>, <textarea> and comments are text; a dropped
  // <script> would turn its code into article text, so it never is.
  const std::string page = Repeat("<div>", 20) + "<script>" + Repeat("<div>", 100) + "</script>" +
                           "<textarea>" + Repeat("<b>", 100) + "</textarea><!--" + Repeat("<p>", 50) + "-->ok";
  const Prescanned p = PrescanHtml(page, {.depth = 20});
  EXPECT_EQ(p.deep_dropped, 0u);
  EXPECT_EQ(p.formatting_dropped, 0u);
  EXPECT_FALSE(p.changed);
}

TEST(PrescanTest, SelfClosingSyntaxOpensHtmlElements) {
  // "<div/>" opens a div in HTML (only foreign elements close themselves):
  // a million of them nest a million deep in gumbo.
  const std::string page = Repeat("<div/>", 5000) + "текст";
  const Prescanned p = PrescanHtml(page, {.depth = 32});
  EXPECT_EQ(p.deep_dropped, 5000u - 32);
  Dom dom(page, {.depth = 32});
  EXPECT_LE(GumboDepth(dom), 32 * 2 + 16);
}

TEST(PrescanTest, BrokenTagsAtTheEndDoNotThrow) {
  for (const std::string page : {"<", "<a", "<a b", "<a b=", "<a b=\"", "<a b='x", "</", "</a", "<!--", "<!", "<?",
                                 "<script>", "<script></scr", "<plaintext><div>", "<![CDATA[", "<svg><![CDATA[x"}) {
    const Prescanned p = PrescanHtml(page, {.elements = 1, .depth = 1, .attributes = 1});
    EXPECT_LE(p.html().size(), page.size() + 1) << page;
    Dom dom(page, {.elements = 1, .depth = 1, .attributes = 1});
    EXPECT_GE(dom.size(), 1) << page;
  }
}

TEST(PrescanTest, ZeroMeansNoLimit) {
  const std::string page = Repeat("<div>", 300) + "x";
  const Prescanned p = PrescanHtml(page, {.elements = 0, .depth = 0, .attributes = 0});
  EXPECT_FALSE(p.changed);
  EXPECT_EQ(p.max_depth, 300u);
}

}  // namespace
}  // namespace oborot::text::html
