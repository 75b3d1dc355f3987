// Internal to src/text/html*.cc: finding and emitting a page's main text.
//
//   html::Dom dom(utf8_html);
//   html::MarkBoilerplate(dom);               // sets Node::dropped / weight, stats
//   html::MainText main = html::FindMainText(dom);
//   // main.text: paragraphs separated by '\n'; main.root: the chosen node
//
// Never fails: a page with no text gives empty text and root -1.
#pragma once

#include <string>
#include <string_view>

#include "src/text/html_dom.h"

namespace oborot::text::html {

// Net class/id weight of an element from data/lexicons/html_boilerplate.tsv
// plus role/itemprop/microformat signals: negative is boilerplate.
int ClassWeight(const GumboNode* g);

// Drops script/style/navigation/hidden elements and, where the class/id
// weight is <= -25, boilerplate blocks (menus, sidebars, comments, share
// bars) unless they hold most of the page's text; then computes the stats.
void MarkBoilerplate(Dom& dom);

struct MainText {
  std::string text;
  int root = -1;  // the chosen content node (its siblings may be included)
};

MainText FindMainText(const Dom& dom);

}  // namespace oborot::text::html
