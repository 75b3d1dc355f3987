#include "src/text/html_dom.h"

#include <utility>

#include "src/base/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "src/text/html_strip.h"

namespace oborot::text::html {
namespace {

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

// Zero-width characters and the soft hyphen, which only affect rendering.
bool IsInvisible(char32_t cp) {
  return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

}  // namespace

std::string_view Attr(const GumboNode* g, const char* name) {
  if (g == nullptr || g->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&g->v.element.attributes, name);
  return a != nullptr ? std::string_view(a->value) : std::string_view();
}

bool HasAttr(const GumboNode* g, const char* name) {
  return g != nullptr && g->type == GUMBO_NODE_ELEMENT &&
         gumbo_get_attribute(&g->v.element.attributes, name) != nullptr;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return r;
}

std::string_view NodeText(const GumboNode* g) {
  if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
    return g->v.text.text;
  }
  return {};
}

void CountChars(std::string_view s, uint32_t& chars, uint32_t& commas) {
  for (size_t i = 0; i < s.size();) {
#if defined(__SSE2__)
    // Blocks of ASCII and two-byte letters U+0400..U+047F (lead D0 or D1,
    // then a continuation byte; none a space or invisible) are counted 16
    // bytes at a time: the ASCII bytes that are not the five spaces below,
    // plus one per such pair; a pair begun at byte 15 is left to the next
    // block. At the first other byte, the code points before it are counted
    // so and that one by the loop below. Hand-written because this loop over
    // every text node of a page was 0.8 % of the engine's instructions
    // (callgrind, bench/RESULTS.md, sixth round); html_test compares it with
    // the code point loop.
    while (i + 17 <= s.size()) {
      const auto* p = reinterpret_cast<const __m128i*>(s.data() + i);
      const __m128i v = _mm_loadu_si128(p);
      const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 1));
      const __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xD0))),
                                        _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xD1))));
      // next byte 80..BF: as a signed byte below -64
      const __m128i cont_next = _mm_cmplt_epi8(next, _mm_set1_epi8(-64));
      const auto pairs = static_cast<uint32_t>(_mm_movemask_epi8(_mm_and_si128(lead, cont_next)));
      const uint32_t ascii = ~static_cast<uint32_t>(_mm_movemask_epi8(v)) & 0xFFFFu;
      const uint32_t covered = (ascii | pairs | (pairs << 1)) & 0xFFFFu;
      // the bytes counted in this step: up to the first uncovered byte, and
      // not a pair whose second byte lies past the block
      const uint32_t take = covered == 0xFFFFu ? 16 - (pairs >> 15) : static_cast<uint32_t>(__builtin_ctz(~covered));
      const uint32_t in = take == 16 ? 0xFFFFu : (1u << take) - 1;
      const __m128i space = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\f'))));
      const auto spaces = static_cast<uint32_t>(_mm_movemask_epi8(space));
      const auto comma = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(','))));
      chars += static_cast<uint32_t>(__builtin_popcount(((ascii & ~spaces) | pairs) & in));
      commas += static_cast<uint32_t>(__builtin_popcount(comma & in));
      i += take;
      if (take < 15) break;  // an uncovered byte: one code point below
    }
    if (i >= s.size()) break;
#endif
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
      ++chars;
      if (c == ',') ++commas;
      continue;
    }
    const char32_t cp = NextCodePoint(s, i);
    if (IsSpace(cp) || IsInvisible(cp)) continue;
    ++chars;
    if (cp == 0x060C || cp == 0x3001 || cp == 0xFF0C) ++commas;
  }
}

Dom::Dom(std::string_view utf8_html, const PrescanLimits& limits) : options_(kGumboDefaultOptions) {
  // Script and style bodies go first (html_strip.h: most of a page's bytes, no
  // elements), then the pre-scan bounds what is left (html_prescan.h).
  if (DropScriptBodies(utf8_html, &stripped_)) utf8_html = stripped_;
  prescan_ = PrescanHtml(utf8_html, limits);
  options_.max_errors = 0;
  const std::string_view page = prescan_.html();
  out_ = gumbo_parse_with_options(&options_, page.data(), page.size());
  nodes_.reserve(page.size() / 40 + 16);
  Flatten(out_->root);
}

Dom::~Dom() { gumbo_destroy_output(&options_, out_); }

// Iterative pre-order walk (pages nest thousands deep when malformed).
void Dom::Flatten(const GumboNode* root) {
  struct Frame {
    const GumboNode* g;
    int parent;
  };
  std::vector<Frame> stack{{root, -1}};
  std::vector<int> open;  // indexes whose `end` is still to be set
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    const int idx = static_cast<int>(nodes_.size());
    // Close every open node that is not an ancestor of this one.
    while (!open.empty() && open.back() != f.parent) {
      nodes_[static_cast<size_t>(open.back())].end = idx;
      open.pop_back();
    }
    Node n;
    n.g = f.g;
    n.parent = f.parent;
    if (f.g->type == GUMBO_NODE_ELEMENT || f.g->type == GUMBO_NODE_TEMPLATE) {
      n.tag = f.g->v.element.tag;
      n.is_block = IsBlockTag(n.tag);
      if (n.tag == GUMBO_TAG_BODY && body_ == 0) body_ = idx;
      if (n.tag == GUMBO_TAG_HEAD && head_ < 0) head_ = idx;
      nodes_.push_back(n);
      open.push_back(idx);
      const GumboVector& ch = f.g->v.element.children;
      for (unsigned k = ch.length; k-- > 0;) {
        const auto* c = static_cast<const GumboNode*>(ch.data[k]);
        if (c->type == GUMBO_NODE_COMMENT) continue;
        stack.push_back({c, idx});
      }
    } else if (f.g->type == GUMBO_NODE_DOCUMENT) {
      n.tag = GUMBO_TAG_UNKNOWN;
      nodes_.push_back(n);
      open.push_back(idx);
      const GumboVector& ch = f.g->v.document.children;
      for (unsigned k = ch.length; k-- > 0;) {
        const auto* c = static_cast<const GumboNode*>(ch.data[k]);
        if (c->type == GUMBO_NODE_COMMENT) continue;
        stack.push_back({c, idx});
      }
    } else {
      n.is_text = true;
      n.end = idx + 1;
      nodes_.push_back(n);
    }
  }
  const int total = static_cast<int>(nodes_.size());
  for (int i : open) nodes_[static_cast<size_t>(i)].end = total;
}

bool Dom::HasAncestorTag(int i, GumboTag tag) const {
  for (int p = nodes_[static_cast<size_t>(i)].parent; p >= 0; p = nodes_[static_cast<size_t>(p)].parent) {
    if (nodes_[static_cast<size_t>(p)].tag == tag) return true;
  }
  return false;
}

void Dom::ComputeStats() {
  for (Node& n : nodes_) {
    n.chars = n.link_chars = n.inline_chars = n.inline_link_chars = n.inline_commas = n.paragraphs = 0;
  }
  // Children follow their parent in pre-order, so a reverse sweep sees every
  // child before its parent.
  std::vector<uint8_t> in_link(nodes_.size(), 0);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    const bool self_link = n.tag == GUMBO_TAG_A && HasAttr(n.g, "href");
    in_link[i] = (n.parent >= 0 && in_link[static_cast<size_t>(n.parent)]) || self_link;
  }
  for (size_t i = nodes_.size(); i-- > 0;) {
    Node& n = nodes_[i];
    if (n.dropped) continue;
    if (n.is_text) {
      uint32_t chars = 0, commas = 0;
      CountChars(NodeText(n.g), chars, commas);
      n.chars = n.inline_chars = chars;
      n.inline_commas = commas;
      if (in_link[i]) n.link_chars = n.inline_link_chars = chars;
    } else if (n.is_block && n.inline_chars >= 25) {
      ++n.paragraphs;
    }
    if (n.parent < 0) continue;
    Node& p = nodes_[static_cast<size_t>(n.parent)];
    p.chars += n.chars;
    p.link_chars += n.link_chars;
    p.paragraphs += n.paragraphs;
    if (!n.is_block) {
      p.inline_chars += n.inline_chars;
      p.inline_link_chars += n.inline_link_chars;
      p.inline_commas += n.inline_commas;
    }
  }
}

std::string Dom::Text(int i, bool all) const {
  TextWriter w;
  const Node& root = nodes_[static_cast<size_t>(i)];
  for (int k = i; k < root.end; ++k) {
    const Node& n = nodes_[static_cast<size_t>(k)];
    if (!all && n.dropped) {
      k = n.end - 1;
      continue;
    }
    if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_NOSCRIPT) {
      k = n.end - 1;
      continue;
    }
    if (n.is_text) {
      w.Text(NodeText(n.g));
    } else if (n.is_block) {
      w.Break();
    }
  }
  std::string s = w.Take();
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return s;
}

void TextWriter::Flush() {
  if (!out_.empty() && out_.back() != '\n') {
    if (pending_break_) {
      out_ += '\n';
    } else if (pending_cell_) {
      out_ += '\t';
    } else if (pending_space_ && out_.back() != '\t') {
      out_ += ' ';
    }
  }
  pending_break_ = pending_cell_ = pending_space_ = false;
}

void TextWriter::Text(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pending_space_ = true;
        continue;
      }
      if (c < 0x20 || c == 0x7F) continue;
      Flush();
      out_ += static_cast<char>(c);
      continue;
    }
    const size_t start = i;
    const char32_t cp = NextCodePoint(s, i);
    if (IsInvisible(cp)) continue;
    if (IsSpace(cp) || cp == 0x2028 || cp == 0x2029) {
      pending_space_ = true;
      continue;
    }
    Flush();
    out_.append(s.substr(start, i - start));
  }
}

void TextWriter::Pre(std::string_view s) {
  size_t start = 0;
  while (start <= s.size()) {
    const size_t nl = s.find('\n', start);
    Text(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    Break();
    start = nl + 1;
  }
}

std::string TextWriter::Take() {
  std::string r = std::move(out_);
  out_.clear();
  pending_space_ = pending_break_ = pending_cell_ = false;
  // A Break() issued before any text leaves nothing behind; trailing spaces
  // never get written because spaces are only flushed before text.
  return r;
}

}  // namespace oborot::text::html
