// Internal to src/text/html*.cc: a flat, pre-order view of a gumbo parse tree
// with the per-element statistics the main-text and date finders need.
//
//   html::Dom dom(utf8_html);                  // parses; never fails
//   for (int i = 0; i < dom.size(); ++i) if (dom[i].tag == GUMBO_TAG_P) ...
//   std::string_view cls = html::Attr(dom[i].g, "class");
//
// Node i's descendants are the indexes (i, dom[i].end). Views returned by
// Attr() and text nodes live as long as the Dom. Building the view and its
// statistics is linear in the page size: every pass is one walk over the array.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/html_prescan.h"

namespace oborot::text::html {

struct Node {
  const GumboNode* g = nullptr;
  int parent = -1;
  int end = 0;            // one past the last descendant
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  bool is_text = false;   // text, whitespace or CDATA node
  bool is_block = false;  // a block-level element: starts a new line of text
  bool dropped = false;   // boilerplate: the subtree contributes no text
  int weight = 0;         // class/id/role/itemprop content weight (see the lexicon)
  // Statistics over the subtree, counting non-space code points of text that
  // is not dropped.
  uint32_t chars = 0;
  uint32_t link_chars = 0;     // inside <a href>
  // The same, for the element's own inline text: text reached without
  // crossing a nested block element.
  uint32_t inline_chars = 0;
  uint32_t inline_link_chars = 0;
  uint32_t inline_commas = 0;
  uint32_t paragraphs = 0;     // blocks in the subtree with >= 25 inline chars
};

class Dom {
 public:
  // Pre-scans the page within `limits` (html_prescan.h) and parses what the
  // pre-scan leaves with gumbo, which records no parse errors (max_errors 0:
  // its error list copies the stack of open elements per error).
  explicit Dom(std::string_view utf8_html, const PrescanLimits& limits = {});
  ~Dom();
  Dom(const Dom&) = delete;
  Dom& operator=(const Dom&) = delete;

  int size() const { return static_cast<int>(nodes_.size()); }
  const Node& operator[](int i) const { return nodes_[static_cast<size_t>(i)]; }
  Node& operator[](int i) { return nodes_[static_cast<size_t>(i)]; }
  int body() const { return body_; }  // index of <body>, or 0 (the root)
  int head() const { return head_; }  // index of <head>, or -1
  // What the pre-scan changed to keep the page within its limits.
  const Prescanned& prescan() const { return prescan_; }
  bool Contains(int ancestor, int i) const { return i >= ancestor && i < nodes_[static_cast<size_t>(ancestor)].end; }
  bool HasAncestorTag(int i, GumboTag tag) const;
  // Recomputes chars/link_chars/inline_*/paragraphs honouring `dropped`.
  void ComputeStats();
  // Text of the subtree, whitespace collapsed, ignoring `dropped` when
  // `all` is true (used for <title>, headings, dates).
  std::string Text(int i, bool all = true) const;

 private:
  void Flatten(const GumboNode* root);
  std::string stripped_;  // the page without script and style bodies (html_strip.h), when it had any
  Prescanned prescan_;    // owns the page gumbo parsed, when the pre-scan changed it
  GumboOptions options_;
  GumboOutput* out_ = nullptr;
  std::vector<Node> nodes_;
  int body_ = 0;
  int head_ = -1;
};

// Attribute value ("" when absent).
std::string_view Attr(const GumboNode* g, const char* name);
bool HasAttr(const GumboNode* g, const char* name);
// Lower-case ASCII copy.
std::string Lower(std::string_view s);
// Text of a text node.
std::string_view NodeText(const GumboNode* g);
// Number of non-space code points and commas in s.
void CountChars(std::string_view s, uint32_t& chars, uint32_t& commas);

// Appends text with HTML whitespace rules: runs of spaces collapse to one,
// Break() starts a new line (never more than one blank), Cell() separates
// table cells with a tab. Soft hyphens and zero-width characters vanish.
class TextWriter {
 public:
  void Text(std::string_view s);
  void Pre(std::string_view s);  // <pre> text: newlines kept
  void Break() { pending_break_ = true; }
  void Cell() { pending_cell_ = true; }
  const std::string& str() const { return out_; }
  std::string Take();

 private:
  void Flush();
  std::string out_;
  bool pending_space_ = false;
  bool pending_break_ = false;
  bool pending_cell_ = false;
};

}  // namespace oborot::text::html
