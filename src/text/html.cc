#include "src/text/html.h"

#include <algorithm>

#include "src/base/utf8.h"
#include "src/text/html_content.h"
#include "src/text/html_date.h"
#include "src/text/html_dom.h"

namespace oborot::text {
namespace {

using html::Attr;
using html::Dom;
using html::Lower;

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = NextCodePoint(s, i);
    const bool w = !IsSpace(cp);
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Collapses whitespace the way the text writer does.
std::string Collapse(std::string_view s) {
  html::TextWriter w;
  w.Text(s);
  return w.Take();
}

struct Metas {
  std::string og_title, twitter_title, title, og_url, canonical, description;
};

Metas ReadMetas(const Dom& dom) {
  Metas m;
  for (int i = 0; i < dom.size(); ++i) {
    const html::Node& n = dom[i];
    if (n.is_text) continue;
    if (n.tag == GUMBO_TAG_META) {
      std::string key = Lower(Attr(n.g, "property"));
      if (key.empty()) key = Lower(Attr(n.g, "name"));
      const std::string_view content = Attr(n.g, "content");
      if (key == "og:title" && m.og_title.empty()) m.og_title = Collapse(content);
      if (key == "twitter:title" && m.twitter_title.empty()) m.twitter_title = Collapse(content);
      if (key == "og:url" && m.og_url.empty()) m.og_url = Trim(content);
      if ((key == "og:description" || key == "description") && m.description.empty()) {
        m.description = Collapse(content);
      }
    } else if (n.tag == GUMBO_TAG_TITLE && m.title.empty() && !dom.HasAncestorTag(i, GUMBO_TAG_SVG)) {
      m.title = dom.Text(i);
    } else if (n.tag == GUMBO_TAG_LINK && m.canonical.empty() && Lower(Attr(n.g, "rel")) == "canonical") {
      m.canonical = Trim(Attr(n.g, "href"));
    }
  }
  return m;
}

int HeadlineNode(const Dom& dom, int main_root) {
  int first = -1, before = -1;
  for (int i = dom.body(); i < dom.size(); ++i) {
    const html::Node& n = dom[i];
    if (n.tag != GUMBO_TAG_H1) continue;
    if (Trim(dom.Text(i)).empty()) continue;
    if (main_root >= 0 && dom.Contains(main_root, i)) return i;
    if (first < 0) first = i;
    if (main_root >= 0 && i < main_root) before = i;
  }
  return before >= 0 ? before : first;
}

std::string ChooseTitle(const Dom& dom, const Metas& m, int main_root) {
  std::string h1;
  if (int h = HeadlineNode(dom, main_root); h >= 0) h1 = std::string(Trim(dom.Text(h)));
  const std::string& meta = !m.og_title.empty() ? m.og_title : !m.twitter_title.empty() ? m.twitter_title : m.title;
  if (!h1.empty() && h1.size() < 600) {
    const std::string fh = FoldCase(h1);
    for (const std::string* t : {&m.og_title, &m.twitter_title, &m.title}) {
      if (t->empty()) continue;
      const std::string ft = FoldCase(*t);
      // The page's own headline, when a title names it (a logo <h1> is too
      // short a part of the title to count).
      if (ft.find(fh) != std::string::npos && (WordCount(h1) >= 3 || fh.size() * 2 >= ft.size())) return h1;
    }
  }
  if (!meta.empty()) return StripSiteName(meta);
  return h1.size() < 600 ? h1 : std::string();
}

}  // namespace

std::string StripSiteName(std::string_view title) {
  std::string t(Trim(title));
  // Strong separators: anything short on either side is a site or section name.
  for (int round = 0; round < 3; ++round) {
    bool changed = false;
    for (std::string_view sep : {" | ", " || ", " :: ", " • ", " · ", " « ", " » "}) {
      const size_t last = t.rfind(sep);
      if (last != std::string::npos) {
        const std::string_view head = Trim(std::string_view(t).substr(0, last));
        const std::string_view tail = Trim(std::string_view(t).substr(last + sep.size()));
        if (WordCount(tail) <= 6 && WordCount(head) >= WordCount(tail)) {
          t = std::string(head);
          changed = true;
          break;
        }
      }
      const size_t first = t.find(sep);
      if (first != std::string::npos) {
        const std::string_view head = Trim(std::string_view(t).substr(0, first));
        const std::string_view tail = Trim(std::string_view(t).substr(first + sep.size()));
        if (WordCount(head) <= 3 && WordCount(tail) > WordCount(head) + 1) {
          t = std::string(tail);
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  // Dashes also join the halves of real headlines: only a short capitalised
  // tail after a long head is taken for a site name ("... - ТАСС").
  for (std::string_view sep : {" - ", " — ", " – "}) {
    const size_t last = t.rfind(sep);
    if (last == std::string::npos) continue;
    const std::string_view head = Trim(std::string_view(t).substr(0, last));
    const std::string_view tail = Trim(std::string_view(t).substr(last + sep.size()));
    if (WordCount(tail) <= 3 && WordCount(head) >= 4 && !tail.empty() &&
        (StartsUpper(tail) || (static_cast<unsigned char>(tail[0]) < 0x80 && tail.find('.') != std::string_view::npos))) {
      t = std::string(head);
      break;
    }
  }
  return t;
}

HtmlExtract ExtractHtml(std::string_view utf8_html, std::string_view url, const HtmlLimits& limits) {
  HtmlExtract r;
  Dom dom(utf8_html, {.elements = limits.elements, .depth = limits.depth, .attributes = limits.attributes});
  r.deep_dropped = dom.prescan().deep_dropped;
  r.formatting_dropped = dom.prescan().formatting_dropped;
  r.attributes_dropped = dom.prescan().attributes_dropped;
  r.cut_at = dom.prescan().cut_at;
  r.elements = dom.prescan().elements;
  html::MarkBoilerplate(dom);
  html::MainText main = html::FindMainText(dom);
  r.text = std::move(main.text);
  const Metas m = ReadMetas(dom);
  r.title = ChooseTitle(dom, m, main.root);
  if (!m.og_url.empty() && m.og_url.find("://") != std::string::npos) {
    r.url = m.og_url;
  } else if (!m.canonical.empty() && m.canonical.find("://") != std::string::npos) {
    r.url = m.canonical;
  }
  for (int i = 0; i < dom.size(); ++i) {
    if (dom[i].tag == GUMBO_TAG_HTML) {
      r.lang = Lower(Trim(Attr(dom[i].g, "lang")));
      break;
    }
  }
  // A page whose body holds no text (a photo with a headline) still is a
  // document: its description, else its headline.
  if (r.text.empty()) r.text = !m.description.empty() ? m.description : r.title;
  if (auto d = html::FindPublished(dom, main.root, url)) {
    r.published = d->date;
    r.published_how = std::move(d->how);
  }
  return r;
}

namespace {

// Reads the value after "charset" / "encoding" at pos: [ ]=[ ]["']name.
std::string ValueAfter(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) ++pos;
  if (pos >= s.size() || s[pos] != '=') return {};
  ++pos;
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '"' || s[pos] == '\'')) ++pos;
  std::string v;
  while (pos < s.size() && v.size() < 40) {
    const char c = s[pos++];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':') {
      v += c;
    } else {
      break;
    }
  }
  return v;
}

}  // namespace

std::string SniffHtmlCharset(std::string_view raw) {
  const std::string head = Lower(raw.substr(0, 4096));
  const std::string_view s(head);
  // An XML declaration opens the page, or follows its UTF-8 byte-order mark.
  if (s.starts_with("<?xml") || (s.size() > 3 && s.substr(3).starts_with("<?xml"))) {
    const size_t end = s.find("?>");
    const size_t enc = s.find("encoding");
    if (enc != std::string_view::npos && (end == std::string_view::npos || enc < end)) {
      if (std::string v = ValueAfter(s, enc + 8); !v.empty()) return v;
    }
  }
  for (size_t p = s.find("<meta"); p != std::string_view::npos; p = s.find("<meta", p + 5)) {
    const size_t end = s.find('>', p);
    const std::string_view tag = s.substr(p, end == std::string_view::npos ? std::string_view::npos : end - p);
    for (size_t c = tag.find("charset"); c != std::string_view::npos; c = tag.find("charset", c + 7)) {
      if (std::string v = ValueAfter(tag, c + 7); !v.empty()) return v;
    }
  }
  return {};
}

bool LooksLikeHtml(std::string_view raw) {
  std::string_view s = raw.substr(0, 4096);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  if (s.find('<') == std::string_view::npos) return false;  // every test below needs a tag
  const std::string head = Lower(s);
  const std::string_view h(head);
  const std::string_view start = h.substr(0, 1024);
  for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<meta ", "<title>"}) {
    if (start.find(tag) != std::string_view::npos) return true;
  }
  // A fragment: several block tags, and text that opens with a tag.
  const size_t first = h.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || h[first] != '<') return false;
  int tags = 0;
  for (std::string_view tag : {"<p>", "<p ", "<div", "<br", "<table", "<li", "<span", "<a href", "<h1", "<h2"}) {
    for (size_t p = h.find(tag); p != std::string_view::npos && tags < 3; p = h.find(tag, p + 1)) ++tags;
  }
  return tags >= 3;
}

}  // namespace oborot::text
