#include "src/text/html_content.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/base/data.h"

// The content finder follows Mozilla Readability's scheme (paragraph scores
// propagated to ancestors, class/id weights, link density, sibling merging,
// conditional cleaning), re-implemented over gumbo because no Debian package
// offers main-text extraction for C++; the class/id vocabulary lives in
// data/lexicons/html_boilerplate.tsv so it can grow without code changes.
namespace oborot::text::html {
namespace {

struct LexEntry {
  std::string token;
  int weight = 0;
  bool part = false;
};

struct Lexicon {
  std::unordered_map<std::string, int> words;  // match=word
  std::vector<LexEntry> parts;                 // match=part
};

const Lexicon& GetLexicon() {
  static const Lexicon lex = [] {
    Lexicon l;
    constexpr std::string_view kPath = "lexicons/html_boilerplate.tsv";
    auto text = data::Read(kPath);
    if (!text.ok()) return l;
    auto rows = data::ParseTsv(kPath, *text, 2);
    if (!rows.ok()) return l;
    for (const auto& r : *rows) {
      LexEntry e{Lower(r.cols[0]), std::atoi(r.cols[1].c_str()), r.cols.size() > 2 && r.cols[2] == "part"};
      if (e.part) {
        l.parts.push_back(e);
      } else {
        l.words[e.token] += e.weight;
      }
    }
    return l;
  }();
  return lex;
}

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Weight of one class or id value: words split at non-alphanumerics and
// camelCase humps; "part" tokens searched in the lower-cased value with '_'
// read as '-' and, for tokens without '-', in the value squashed to its
// alphanumerics ("news_side-bar" matches "sidebar").
int AttrWeight(std::string_view v, const Lexicon& lex) {
  if (v.empty() || v.size() > 400) return 0;
  int w = 0;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) {
      auto it = lex.words.find(word);
      if (it != lex.words.end()) w += it->second;
      word.clear();
    }
  };
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (!IsAsciiAlnum(c)) {
      flush();
      continue;
    }
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0 && v[i - 1] >= 'a' && v[i - 1] <= 'z') flush();
    word += upper ? static_cast<char>(c + 32) : c;
  }
  flush();
  std::string dashed = Lower(v);
  std::string squashed;
  for (char& c : dashed) {
    if (c == '_') c = '-';
    if (IsAsciiAlnum(c)) squashed += c;
  }
  for (const LexEntry& e : lex.parts) {
    const std::string& hay = e.token.find('-') != std::string::npos ? dashed : squashed;
    if (hay.find(e.token) != std::string::npos) w += e.weight;
  }
  return w;
}

bool IsHidden(const GumboNode* g) {
  if (HasAttr(g, "hidden")) return true;
  if (Lower(Attr(g, "aria-hidden")) == "true") return true;
  std::string_view style = Attr(g, "style");
  if (style.empty()) return false;
  std::string s;
  for (char c : style) {
    if (c != ' ' && c != '\t' && c != '\n') s += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

bool IsBoilerplateRole(std::string_view role) {
  const std::string r = Lower(role);
  for (const char* k : {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search",
                        "dialog", "alertdialog", "toolbar", "tablist", "tree", "alert"}) {
    if (r == k) return true;
  }
  return false;
}

bool AlwaysDroppedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_LABEL: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

// <nav>, <aside>, <footer>, <menu>: dropped unless they hold most of the text.
bool StructuralBoilerplateTag(GumboTag t) {
  return t == GUMBO_TAG_NAV || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_MENU;
}

double LinkDensity(const Node& n) { return n.chars ? static_cast<double>(n.link_chars) / n.chars : 0.0; }

}  // namespace

int ClassWeight(const GumboNode* g) {
  const Lexicon& lex = GetLexicon();
  int w = AttrWeight(Attr(g, "class"), lex) + AttrWeight(Attr(g, "id"), lex);
  const std::string itemprop = Lower(Attr(g, "itemprop"));
  if (itemprop == "articlebody" || itemprop == "text" || itemprop == "reviewbody") w += 60;
  if (itemprop == "comment" || itemprop == "comments") w -= 50;
  const std::string role = Lower(Attr(g, "role"));
  if (role == "main" || role == "article") w += 25;
  return w;
}

void MarkBoilerplate(Dom& dom) {
  const int n = dom.size();
  std::vector<uint8_t> strong(static_cast<size_t>(n), 0);  // subtree holds itemprop=articleBody
  for (int i = 0; i < n; ++i) {
    Node& nd = dom[i];
    if (nd.is_text) continue;
    nd.weight = ClassWeight(nd.g);
    if (AlwaysDroppedTag(nd.tag) || IsHidden(nd.g) || IsBoilerplateRole(Attr(nd.g, "role"))) nd.dropped = true;
    if (nd.tag == GUMBO_TAG_UNKNOWN && nd.g->type == GUMBO_NODE_ELEMENT) {
      // Custom elements (<amp-ad>, <yatag>) are kept as containers, but
      // namespaced ones like <svg:...> never carry text.
      if (nd.g->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) nd.dropped = true;
    }
    if (nd.weight >= 60) {
      for (int p = i; p >= 0; p = dom[p].parent) strong[static_cast<size_t>(p)] = 1;
    }
  }
  dom.ComputeStats();
  const uint32_t body_chars = dom[dom.body()].chars;
  auto holds_most = [&](const Node& nd) { return nd.chars * 2 > body_chars && nd.paragraphs >= 3; };
  for (int i = 0; i < n; ++i) {
    Node& nd = dom[i];
    if (nd.is_text || nd.dropped) continue;
    if (nd.tag == GUMBO_TAG_HTML || nd.tag == GUMBO_TAG_BODY || strong[static_cast<size_t>(i)]) continue;
    bool drop = false;
    if (StructuralBoilerplateTag(nd.tag)) drop = !holds_most(nd);
    if (nd.tag == GUMBO_TAG_HEADER && !dom.HasAncestorTag(i, GUMBO_TAG_ARTICLE) &&
        !dom.HasAncestorTag(i, GUMBO_TAG_MAIN)) {
      drop = !holds_most(nd);
    }
    if (nd.weight <= -25 && nd.tag != GUMBO_TAG_MAIN) {
      drop = drop || nd.chars * 2 <= body_chars || nd.weight <= -100;
    }
    if (drop) nd.dropped = true;
  }
  dom.ComputeStats();
}

namespace {

int TagBase(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN: return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
    default: return 0;
  }
}

bool IsParagraphTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_DD: case GUMBO_TAG_MAIN: case GUMBO_TAG_CENTER: case GUMBO_TAG_FONT: case GUMBO_TAG_SPAN:
    case GUMBO_TAG_LI:
      return true;
    default:
      return false;
  }
}

bool IsListTag(GumboTag t) { return t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DL; }

class Finder {
 public:
  explicit Finder(const Dom& dom) : dom_(dom), score_(static_cast<size_t>(dom.size()), -1e9) {}

  MainText Run();

 private:
  double& Score(int i) { return score_[static_cast<size_t>(i)]; }
  bool Scored(int i) const { return score_[static_cast<size_t>(i)] > -1e8; }
  void Touch(int i) {
    if (!Scored(i)) Score(i) = TagBase(dom_[i].tag) + dom_[i].weight;
  }
  void ScoreParagraphs();
  int PickTop();
  std::vector<int> Siblings(int top);
  void AddSameClass(int top, std::vector<int>& roots) const;
  void AddLead(int top, std::vector<int>& roots) const;
  bool SkipInside(int i, int root) const;
  void Emit(int root, TextWriter& w) const;
  std::string Fallback() const;

  const Dom& dom_;
  std::vector<double> score_;
  std::vector<int> candidates_;
};

void Finder::ScoreParagraphs() {
  for (int i = dom_.body(); i < dom_[dom_.body()].end; ++i) {
    const Node& nd = dom_[i];
    if (nd.dropped) {
      i = nd.end - 1;
      continue;
    }
    if (nd.is_text || !IsParagraphTag(nd.tag) || nd.inline_chars < 25) continue;
    if (nd.tag == GUMBO_TAG_SPAN || nd.tag == GUMBO_TAG_FONT) {
      // An inline wrapper only counts when it is its block's whole text.
      continue;
    }
    const double ld = static_cast<double>(nd.inline_link_chars) / nd.inline_chars;
    if (ld > 0.5) continue;
    double s = 1.0 + nd.inline_commas + std::min(nd.inline_chars / 100u, 3u);
    if (nd.tag == GUMBO_TAG_LI) s *= 0.5;
    int level = 0;
    for (int p = nd.parent; p >= 0 && level < 5; p = dom_[p].parent, ++level) {
      if (dom_[p].tag == GUMBO_TAG_HTML || dom_[p].g->type == GUMBO_NODE_DOCUMENT) break;
      if (!Scored(p)) candidates_.push_back(p);
      Touch(p);
      const double div = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      Score(p) += s / div;
    }
  }
  for (int c : candidates_) Score(c) *= 1.0 - LinkDensity(dom_[c]);
}

int Finder::PickTop() {
  if (candidates_.empty()) return -1;
  std::vector<int> order = candidates_;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return score_[static_cast<size_t>(a)] > score_[static_cast<size_t>(b)]; });
  int top = order[0];
  const double top_score = Score(top);
  const int body = dom_.body();
  if (top == body) return top;
  // Several near-equal candidates under one ancestor: the article is split.
  std::vector<int> alts;
  for (size_t k = 1; k < order.size() && k < 5; ++k) {
    if (Score(order[k]) >= 0.75 * top_score) alts.push_back(order[k]);
  }
  if (alts.size() >= 3) {
    for (int p = dom_[top].parent; p >= 0 && p != body; p = dom_[p].parent) {
      int inside = 0;
      for (int a : alts) inside += dom_.Contains(p, a);
      if (inside >= 3) {
        top = p;
        break;
      }
    }
  }
  if (!Scored(top)) Score(top) = 0;
  // Climb while the parent scores comparably (the content spans it).
  double last = Score(top);
  const double threshold = last / 3;
  for (int p = dom_[top].parent; p >= 0 && p != body && dom_[p].tag != GUMBO_TAG_HTML; p = dom_[p].parent) {
    if (!Scored(p)) continue;
    if (Score(p) < threshold) break;
    if (Score(p) > last) {
      top = p;
      break;
    }
    last = Score(p);
  }
  // An only child stands for its parent.
  for (int p = dom_[top].parent; p >= 0 && p != body && dom_[p].tag != GUMBO_TAG_HTML; p = dom_[p].parent) {
    int elements = 0;
    for (int k = p + 1; k < dom_[p].end; k = dom_[k].end) {
      if (!dom_[k].is_text && !dom_[k].dropped) ++elements;
    }
    if (elements != 1) break;
    top = p;
  }
  return top;
}

std::vector<int> Finder::Siblings(int top) {
  const int parent = dom_[top].parent;
  if (parent < 0 || top == dom_.body()) return {top};
  const double top_score = Scored(top) ? Score(top) : 0;
  const double threshold = std::max(10.0, top_score * 0.2);
  const std::string_view top_class = Attr(dom_[top].g, "class");
  std::vector<int> out;
  for (int k = parent + 1; k < dom_[parent].end; k = dom_[k].end) {
    const Node& s = dom_[k];
    if (s.is_text || s.dropped) continue;
    if (k == top) {
      out.push_back(k);
      continue;
    }
    double bonus = 0;
    if (!top_class.empty() && Attr(s.g, "class") == top_class) bonus = top_score * 0.2;
    if (Scored(k) && Score(k) + bonus >= threshold && s.weight >= 0) {
      out.push_back(k);
      continue;
    }
    if (s.tag == GUMBO_TAG_P && s.inline_chars > 0) {
      const double ld = static_cast<double>(s.inline_link_chars) / s.inline_chars;
      if (s.inline_chars > 80 && ld < 0.25) {
        out.push_back(k);
      } else if (s.inline_chars <= 80 && s.inline_link_chars == 0) {
        const std::string t = dom_.Text(k);
        if (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?')) out.push_back(k);
      }
    }
  }
  return out;
}

// Articles split by ad slots or embeds into several wrappers of one class
// ("story-text", "article__text"): every such wrapper with real paragraphs.
void Finder::AddSameClass(int top, std::vector<int>& roots) const {
  const std::string_view cls = Attr(dom_[top].g, "class");
  if (cls.empty()) return;
  const GumboTag tag = dom_[top].tag;
  // Only within a few levels of the content node: not a sidebar teaser that
  // happens to share a generic class name.
  int scope = top;
  for (int up = 0; up < 4 && dom_[scope].parent >= 0 && scope != dom_.body(); ++up) scope = dom_[scope].parent;
  for (int i = scope; i < dom_[scope].end; ++i) {
    const Node& nd = dom_[i];
    if (nd.dropped) {
      i = nd.end - 1;
      continue;
    }
    if (i == top) {
      i = nd.end - 1;
      continue;
    }
    if (nd.is_text || nd.tag != tag || nd.paragraphs == 0 || dom_.Contains(i, top)) continue;
    if (Attr(nd.g, "class") != cls || LinkDensity(nd) > 0.3) continue;
    roots.push_back(i);
    i = nd.end - 1;
  }
}

namespace {

int Depth(const Dom& dom, int i) {
  int d = 0;
  for (int p = dom[i].parent; p >= 0; p = dom[p].parent) ++d;
  return d;
}

bool LeadClass(const GumboNode* g) {
  const std::string s = Lower(std::string(Attr(g, "class")) + " " + std::string(Attr(g, "id")) + " " +
                              std::string(Attr(g, "itemprop")));
  for (const char* k : {"lead", "intro", "preface", "subtitle", "sub-title", "standfirst", "description", "summary",
                        "excerpt", "announce", "anons", "deck", "chapo", "chapeau", "sapo", "abstract", "perex",
                        "lede", "subheadline", "teaser"}) {
    if (s.find(k) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

// The lead paragraph often sits outside the body's wrapper: in the article
// header under the headline ("subtitle", "intro", itemprop=description).
// Taken from between the headline and the content, when both are close
// relatives; without a headline, only lead-classed blocks before the content.
void Finder::AddLead(int top, std::vector<int>& roots) const {
  const int first = *std::min_element(roots.begin(), roots.end());
  int h1 = -1;
  for (int i = dom_.body(); i < first; ++i) {
    const Node& nd = dom_[i];
    if (nd.dropped) {
      i = nd.end - 1;
      continue;
    }
    if (nd.tag == GUMBO_TAG_H1 && nd.chars > 0) h1 = i;
  }
  int from = -1;
  bool need_class = false;
  if (h1 >= 0 && !dom_.Contains(h1, top)) {
    int lca = dom_[h1].parent;
    while (lca >= 0 && !dom_.Contains(lca, first)) lca = dom_[lca].parent;
    if (lca >= 0 && Depth(dom_, first) - Depth(dom_, lca) <= 6) from = dom_[h1].end;
  }
  if (from < 0) {
    const int parent = dom_[top].parent;
    if (parent < 0) return;
    from = parent + 1;
    need_class = true;
  }
  for (int k = from; k < first; ++k) {
    const Node& nd = dom_[k];
    if (nd.is_text) continue;
    if (nd.dropped || nd.weight < 0 || (nd.chars > 0 && LinkDensity(nd) > 0.3)) {
      k = nd.end - 1;
      continue;
    }
    if (!nd.is_block || nd.inline_chars < 60 || nd.inline_link_chars * 5 > nd.inline_chars) continue;
    if (need_class && !LeadClass(nd.g)) {
      bool in_lead = false;
      for (int p = nd.parent; p >= from - 1 && p >= 0 && !in_lead; p = dom_[p].parent) in_lead = LeadClass(dom_[p].g);
      if (!in_lead) continue;
    }
    roots.push_back(k);
    k = nd.end - 1;
  }
}

// Conditional cleaning of a block inside the chosen content: boilerplate
// weight, link lists and teaser boxes go.
bool Finder::SkipInside(int i, int root) const {
  const Node& nd = dom_[i];
  if (nd.dropped) return true;
  if (i == root || nd.is_text || !nd.is_block) return false;
  if (nd.chars == 0) return false;
  const double ld = LinkDensity(nd);
  if (nd.weight < 0 && nd.chars * 2 < dom_[root].chars) return true;
  if (IsListTag(nd.tag) && ld > 0.5) return true;
  if (nd.weight < 25 && ld > 0.5) return true;
  if (ld > 0.75) return true;
  // A box of short link teasers: little text, a third of it links, and no
  // real paragraph of its own.
  if (nd.tag != GUMBO_TAG_P && ld > 0.33 && nd.chars < 300 && nd.weight < 25) {
    uint32_t unlinked = nd.chars - nd.link_chars;
    if (unlinked < 150) return true;
  }
  return false;
}

void Finder::Emit(int root, TextWriter& w) const {
  std::vector<int> open_blocks;  // ends of open block elements
  const int end = dom_[root].end;
  for (int k = root; k < end; ++k) {
    while (!open_blocks.empty() && open_blocks.back() <= k) {
      open_blocks.pop_back();
      w.Break();
    }
    const Node& nd = dom_[k];
    if (SkipInside(k, root)) {
      if (nd.is_block) w.Break();
      k = nd.end - 1;
      continue;
    }
    if (nd.is_text) {
      const bool pre = dom_[nd.parent].tag == GUMBO_TAG_PRE;
      if (pre) {
        w.Pre(NodeText(nd.g));
      } else {
        w.Text(NodeText(nd.g));
      }
      continue;
    }
    if (nd.tag == GUMBO_TAG_TD || nd.tag == GUMBO_TAG_TH) {
      w.Cell();
      continue;
    }
    if (nd.tag == GUMBO_TAG_IMG) {
      continue;
    }
    if (nd.is_block) {
      w.Break();
      open_blocks.push_back(nd.end);
    }
  }
  w.Break();
}

// No clear content node: the blocks whose own text is long and mostly unlinked.
std::string Finder::Fallback() const {
  TextWriter w;
  for (int i = dom_.body(); i < dom_[dom_.body()].end; ++i) {
    const Node& nd = dom_[i];
    if (nd.dropped) {
      i = nd.end - 1;
      continue;
    }
    if (nd.is_text || !nd.is_block || nd.inline_chars < 40) continue;
    if (nd.inline_link_chars * 10 > nd.inline_chars * 3) continue;
    // Only the element's own inline text: children that are blocks are
    // visited on their own.
    for (int k = i + 1; k < nd.end; ++k) {
      const Node& c = dom_[k];
      if (c.dropped || c.is_block) {
        k = c.end - 1;
        continue;
      }
      if (c.is_text) w.Text(NodeText(c.g));
    }
    w.Break();
  }
  return w.Take();
}

MainText Finder::Run() {
  MainText r;
  ScoreParagraphs();
  const int top = PickTop();
  if (top < 0 || dom_[top].chars < 120) {
    r.text = Fallback();
    return r;
  }
  r.root = top;
  std::vector<int> roots = Siblings(top);
  AddSameClass(top, roots);
  AddLead(top, roots);
  std::sort(roots.begin(), roots.end());
  TextWriter w;
  int covered_to = -1;
  for (int s : roots) {
    if (s < covered_to) continue;  // inside a root already emitted
    Emit(s, w);
    covered_to = dom_[s].end;
  }
  r.text = w.Take();
  return r;
}

}  // namespace

MainText FindMainText(const Dom& dom) { return Finder(dom).Run(); }

}  // namespace oborot::text::html
