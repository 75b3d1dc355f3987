#include "src/text/html_strip.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <string>
#include <vector>

namespace oborot::text::html {
namespace {

std::string Strip(const std::string& page) {
  std::string out;
  return DropScriptBodies(page, &out) ? out : page;
}

TEST(DropScriptBodies, Table) {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"<p>Минск</p>", "<p>Минск</p>"},
      {"<script>var a = '<p>x</p>';</script><p>Минск</p>", "<script></script><p>Минск</p>"},
      {"<STYLE type=text/css>p{color:red}</Style ><p>a</p>", "<STYLE type=text/css></Style ><p>a</p>"},
      {"<script type=\"application/ld+json\">{\"datePublished\":\"2024-01-02\"}</script>",
       "<script type=\"application/ld+json\">{\"datePublished\":\"2024-01-02\"}</script>"},
      // A '>' or "<script>" inside a quoted attribute value is not a tag.
      {"<a title=\"<script>x\" href='a>b'>t</a><script>y</script>",
       "<a title=\"<script>x\" href='a>b'>t</a><script></script>"},
      // Comments, declarations and bogus comments hide their contents.
      {"<!-- <script>x</script> --><!DOCTYPE html><?xml x?><script>y</script>",
       "<!-- <script>x</script> --><!DOCTYPE html><?xml x?><script></script>"},
      {"<!--><script>y</script>", "<!--><script></script>"},
      // RCDATA and raw-text elements: their contents are text, never tags.
      {"<title><script>x</script></title><textarea><style>p{}</style></textarea>",
       "<title><script>x</script></title><textarea><style>p{}</style></textarea>"},
      // "</scripts>" does not end a script; "</script\n>" does.
      {"<script>a</scripts>b</script\n><p>c</p>", "<script></script\n><p>c</p>"},
      // SVG and MathML are left alone.
      {"<svg><style>.a{}</style><script>z</script></svg><style>q</style>",
       "<svg><style>.a{}</style><script>z</script></svg><style></style>"},
      // Escaped script data, "--!>", an unterminated element: give up there.
      {"<style>a</style><script><!-- document.write('<script>x</script>') --></script><style>b</style>",
       "<style></style><script><!-- document.write('<script>x</script>') --></script><style>b</style>"},
      {"<style>a</style><!-- x --!><style>b</style>", "<style></style><!-- x --!><style>b</style>"},
      {"<style>a</style><script>never closed", "<style></style><script>never closed"},
      {"<plaintext><script>x</script>", "<plaintext><script>x</script>"},
      {"<p>a < b and c<d</p><script>x</script>", "<p>a < b and c<d</p><script></script>"},
  };
  for (const auto& c : cases) EXPECT_EQ(Strip(c.in), c.out) << c.in;
  std::string out;
  EXPECT_FALSE(DropScriptBodies("<p>nothing to drop</p><script></script>", &out));
}

// The tree gumbo builds, as text: elements, attributes and text nodes,
// leaving out the text inside <script> (other than ld+json) and <style>.
void Dump(const GumboNode* n, bool in_dropped, std::string& out) {
  if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
    const GumboElement& e = n->v.element;
    out += "<" + std::to_string(e.tag) + ":" + std::to_string(e.tag_namespace);
    bool ld = false;
    for (unsigned k = 0; k < e.attributes.length; ++k) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
      out += std::string(" ") + a->name + "=" + a->value;
      ld |= std::string(a->value).find("ld+json") != std::string::npos;
    }
    out += ">";
    const bool dropped =
        e.tag_namespace == GUMBO_NAMESPACE_HTML && ((e.tag == GUMBO_TAG_SCRIPT && !ld) || e.tag == GUMBO_TAG_STYLE);
    for (unsigned k = 0; k < e.children.length; ++k) {
      Dump(static_cast<const GumboNode*>(e.children.data[k]), dropped, out);
    }
    out += "</>";
  } else if (n->type == GUMBO_NODE_DOCUMENT) {
    for (unsigned k = 0; k < n->v.document.children.length; ++k) {
      Dump(static_cast<const GumboNode*>(n->v.document.children.data[k]), false, out);
    }
  } else if (!in_dropped) {
    out += std::string("[") + n->v.text.text + "]";
  }
}

std::string Tree(const std::string& page) {
  GumboOutput* g = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
  std::string out;
  Dump(g->root, false, out);
  gumbo_destroy_output(&kGumboDefaultOptions, g);
  return out;
}

// Differential: gumbo builds the same tree, script and style text aside,
// from the page with and without the bodies, on pages with the constructs
// the scan must follow.
TEST(DropScriptBodies, GumboBuildsTheSameTree) {
  const std::vector<std::string> pages = {
      "<!DOCTYPE html><html><head><title>Гродно <b>и</b> Псков</title><style>p{}</style>"
      "<script>window.x = '</p><div>';</script><script type='application/ld+json'>{\"a\":1}</script></head>"
      "<body><p>Минск<script>document.write('<p>')</script> и Тула</p><style>.x{}</style></body></html>",
      "<body><a href=a=\"b>c\">ссылка</a><script>q</script><p title='<style>'>абзац</p><style>s</style>",
      "<body><svg><script>var a = 1 < 2;</script><title>t</title></svg><script>x</script><p>после</p>",
      "<body><!-- <style> --><p>текст</p><![CDATA[ <script> ]]><script>y</script><p>ещё</p>",
      "<body><textarea><script>x</script></textarea><noscript><p>включите</p></noscript><script>z</script>",
      "<body><p>a<script>1</script>b<script\ttype=text/javascript>2</script\t>c</p><table><script>3</script>"
      "<tr><td>ячейка</td></tr></table>",
      "<body><select><script>x</script><option>o</option></select><iframe><script>y</script></iframe><p>z</p>",
      "<body><p>x</p><script>var s = \"</scrip\" + \"t>\"; </script><p>y</p><script></SCRIPT><p>z</p>",
  };
  for (const auto& p : pages) EXPECT_EQ(Tree(Strip(p)), Tree(p)) << p;
}

TEST(DropScriptBodies, LinearOnLongPages) {
  std::string page;
  for (int i = 0; i < 20000; ++i)
    page += "<div class='a'><script>var x=" + std::to_string(i) + ";</script><p>т</p></div>";
  const std::string out = Strip(page);
  EXPECT_EQ(
      out.size(), page.size() - 20000 * std::string("var x=;").size() - [] {
        size_t digits = 0;
        for (int i = 0; i < 20000; ++i) digits += std::to_string(i).size();
        return digits;
      }());
}

}  // namespace
}  // namespace oborot::text::html
