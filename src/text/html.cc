#include "src/text/html.h"

#include <gumbo.h>

namespace oborot::text {

// First version: all text nodes outside script/style. The full main-text
// extractor replaces this.
namespace {
void Walk(const GumboNode* n, std::string& out) {
  if (n->type == GUMBO_NODE_TEXT) {
    out += n->v.text.text;
    out += '\n';
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  if (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE) return;
  const GumboVector& ch = n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) Walk(static_cast<const GumboNode*>(ch.data[i]), out);
}
}  // namespace

HtmlExtract ExtractHtml(std::string_view html) {
  HtmlExtract r;
  GumboOutput* g = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  Walk(g->root, r.text);
  gumbo_destroy_output(&kGumboDefaultOptions, g);
  return r;
}

}  // namespace oborot::text

namespace oborot::text {
std::string SniffHtmlCharset(std::string_view) { return {}; }
bool LooksLikeHtml(std::string_view raw) {
  const std::string_view head = raw.substr(0, 1024);
  for (std::string_view tag : {"<!DOCTYPE", "<!doctype", "<html", "<HTML", "<head", "<body"}) {
    if (head.find(tag) != std::string_view::npos) return true;
  }
  return false;
}
}  // namespace oborot::text
