// FindPublished (declared in html_date.h): gathers dated signals from a page
// and picks the publication date.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/text/html_content.h"
#include "src/text/html_date.h"

namespace oborot::text::html {
namespace {

// Lower rank wins; among equal ranks the first found.
enum Rank : int {
  kJsonLd = 10,          // JSON-LD datePublished of the article object
  kArticleMeta = 11,     // article:published_time and friends
  kOtherMeta = 20,       // pubdate, DC.date.issued, sailthru.date, ...
  kItemprop = 21,        // itemprop=datePublished on an element
  kJsonLdOther = 25,     // JSON-LD datePublished of a non-article object
  kPubTime = 30,         // <time pubdate> / class "published"
  kCreated = 35,         // dateCreated
  kUrl = 40,
  kTime = 45,            // first <time> in the article
  kText = 50,            // a visible date beside the headline
  kDateClass = 55,       // an element classed "date" anywhere
  kModified = 90,        // modified/updated dates: last resort
};

struct Candidate {
  Stamp stamp;
  int rank;
  int order;
  std::string how;
};

class Collector {
 public:
  void Add(std::string_view value, int rank, std::string how) {
    auto st = ParseStamp(value);
    if (!st) return;
    if (st->offset && *st->offset != 0) ++offsets_[*st->offset];
    c_.push_back({*st, rank, static_cast<int>(c_.size()), std::move(how)});
  }
  void AddDate(const Date& d, int rank, std::string how) {
    c_.push_back({Stamp{d, -1, std::nullopt}, rank, static_cast<int>(c_.size()), std::move(how)});
  }
  std::optional<FoundDate> Best() const;

 private:
  std::vector<Candidate> c_;
  std::map<int, int> offsets_;  // non-zero UTC offsets seen -> count
};

std::optional<FoundDate> Collector::Best() const {
  // The page's own time zone: the most frequent non-zero offset it writes.
  std::optional<int> page_offset;
  int best_count = 0;
  for (const auto& [off, n] : offsets_) {
    if (n > best_count) {
      best_count = n;
      page_offset = off;
    }
  }
  const Candidate* best = nullptr;
  Date best_date;
  for (const Candidate& c : c_) {
    Date d = c.stamp.date;
    if (page_offset && c.stamp.offset && *c.stamp.offset == 0 && c.stamp.minutes >= 0) {
      const int local = c.stamp.minutes + *page_offset;
      if (local >= 24 * 60) d = Date::FromDayNumber(d.DayNumber() + 1);
      if (local < 0) d = Date::FromDayNumber(d.DayNumber() - 1);
    }
    if (!PlausibleDate(d)) continue;
    if (best == nullptr || c.rank < best->rank || (c.rank == best->rank && c.order < best->order)) {
      best = &c;
      best_date = d;
    }
  }
  if (best == nullptr) return std::nullopt;
  return FoundDate{best_date, best->how};
}

bool IsArticleType(const nlohmann::json& type) {
  auto one = [](const std::string& t) {
    return t.find("Article") != std::string::npos || t.find("Posting") != std::string::npos ||
           t == "Report" || t == "LiveBlogPosting" || t == "Review" || t == "VideoObject";
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type) {
      if (t.is_string() && one(t.get<std::string>())) return true;
    }
  }
  return false;
}

void WalkJsonLd(const nlohmann::json& j, Collector& out, int depth) {
  if (depth > 12) return;
  if (j.is_array()) {
    for (const auto& e : j) WalkJsonLd(e, out, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  const bool article = j.contains("@type") && IsArticleType(j["@type"]);
  auto str = [&](const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (std::string v = str("datePublished"); !v.empty()) out.Add(v, article ? kJsonLd : kJsonLdOther, "json-ld");
  if (std::string v = str("dateCreated"); !v.empty()) out.Add(v, kCreated, "json-ld:dateCreated");
  if (std::string v = str("uploadDate"); !v.empty()) out.Add(v, article ? kJsonLd : kCreated, "json-ld:uploadDate");
  if (std::string v = str("dateModified"); !v.empty()) out.Add(v, kModified, "json-ld:dateModified");
  for (const char* nested : {"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"}) {
    if (auto it = j.find(nested); it != j.end() && (it->is_array() || it->is_object())) {
      WalkJsonLd(*it, out, depth + 1);
    }
  }
}

// Malformed JSON-LD (trailing commas, raw newlines in strings) is common: scan
// for the keys instead.
void ScanJsonLd(std::string_view s, Collector& out) {
  for (const auto& [key, rank, how] : {std::tuple{"\"datePublished\"", kJsonLd, "json-ld"},
                                       std::tuple{"\"dateCreated\"", kCreated, "json-ld:dateCreated"},
                                       std::tuple{"\"dateModified\"", kModified, "json-ld:dateModified"}}) {
    size_t p = s.find(key);
    if (p == std::string_view::npos) continue;
    p += std::string_view(key).size();
    while (p < s.size() && (s[p] == ' ' || s[p] == ':' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')) ++p;
    if (p >= s.size() || s[p] != '"') continue;
    const size_t q = s.find('"', p + 1);
    if (q == std::string_view::npos) continue;
    out.Add(s.substr(p + 1, q - p - 1), rank, how);
  }
}

int MetaRank(const std::string& key) {
  static const std::map<std::string, int> kKeys = {
      {"article:published_time", kArticleMeta}, {"og:published_time", kArticleMeta},
      {"og:article:published_time", kArticleMeta}, {"article:published", kArticleMeta},
      {"published_time", kArticleMeta}, {"article.published", kArticleMeta},
      {"datepublished", kItemprop}, {"pubdate", kOtherMeta}, {"publishdate", kOtherMeta},
      {"publish-date", kOtherMeta}, {"publish_date", kOtherMeta}, {"publication_date", kOtherMeta},
      {"publication-date", kOtherMeta}, {"published-date", kOtherMeta}, {"date", kOtherMeta},
      {"dc.date.issued", kOtherMeta}, {"dc.date.created", kOtherMeta}, {"dc.date", kOtherMeta},
      {"dcterms.issued", kOtherMeta}, {"dcterms.created", kOtherMeta}, {"dcterms.date", kOtherMeta},
      {"sailthru.date", kOtherMeta}, {"parsely-pub-date", kOtherMeta}, {"article_date_original", kOtherMeta},
      {"original-publish-date", kOtherMeta}, {"cxenseparse:recs:publishtime", kOtherMeta},
      {"release_date", kOtherMeta}, {"mediator_published_time", kOtherMeta}, {"ga_publish_date", kOtherMeta},
      {"datecreated", kCreated}, {"created", kCreated},
      {"article:modified_time", kModified}, {"og:updated_time", kModified}, {"datemodified", kModified},
      {"last-modified", kModified}, {"dc.date.modified", kModified}, {"dcterms.modified", kModified},
      {"lastmod", kModified}};
  auto it = kKeys.find(key);
  return it == kKeys.end() ? 0 : it->second;
}

bool ClassSays(const GumboNode* g, std::initializer_list<const char*> words) {
  const std::string s = Lower(std::string(Attr(g, "class")) + " " + std::string(Attr(g, "id")));
  for (const char* w : words) {
    if (s.find(w) != std::string::npos) return true;
  }
  return false;
}

bool SaysModified(const GumboNode* g) {
  return ClassSays(g, {"updat", "modif", "actualiz", "aktualisiert", "edited", "changed"});
}

// Tags never holding a publication dateline.
bool SkipForDates(const Node& n) {
  switch (n.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_OPTION: case GUMBO_TAG_FORM:
      return true;
    default:
      return n.weight <= -50;
  }
}

// The headline the dateline sits beside: the first <h1> inside the content,
// else the last one before it, else the first on the page.
int AnchorHeading(const Dom& dom, int main_root) {
  int first = -1, before = -1;
  for (int i = dom.body(); i < dom.size(); ++i) {
    const Node& n = dom[i];
    if (n.tag != GUMBO_TAG_H1 || n.chars == 0) continue;
    if (main_root >= 0 && dom.Contains(main_root, i)) return i;
    if (first < 0) first = i;
    if (main_root >= 0 && i < main_root) before = i;
  }
  if (before >= 0) return before;
  if (first >= 0) return first;
  return main_root;
}

// A visible date near the headline: closest wins, those after it preferred.
void VisibleDates(const Dom& dom, int main_root, Collector& out) {
  const int anchor = AnchorHeading(dom, main_root);
  if (anchor < 0) return;
  std::vector<int> texts;
  int anchor_pos = -1;
  for (int i = dom.body(); i < dom.size(); ++i) {
    const Node& n = dom[i];
    if (!n.is_text && SkipForDates(n)) {
      if (i <= anchor && anchor < n.end) continue;  // never skip the anchor's own ancestors
      i = n.end - 1;
      continue;
    }
    if (i >= anchor && anchor_pos < 0) anchor_pos = static_cast<int>(texts.size());
    if (n.is_text && n.chars > 0) texts.push_back(i);
  }
  if (anchor_pos < 0) return;
  std::optional<Date> best;
  double best_dist = 1e9;
  const int lo = std::max(0, anchor_pos - 12);
  const int hi = std::min(static_cast<int>(texts.size()), anchor_pos + 60);
  for (int k = lo; k < hi; ++k) {
    const std::string_view s = NodeText(dom[texts[static_cast<size_t>(k)]].g);
    if (s.size() > 3000) continue;
    auto td = FindTextDate(s);
    if (!td) continue;
    double dist = k >= anchor_pos ? k - anchor_pos : (anchor_pos - k) * 1.5;
    if (td->has_time) dist -= 0.5;
    if (dist < best_dist) {
      best_dist = dist;
      best = td->date;
    }
  }
  if (best) out.AddDate(*best, kText, "text");
}

}  // namespace

std::optional<FoundDate> FindPublished(const Dom& dom, int main_root, std::string_view url) {
  Collector out;
  std::string page_url(url);
  int first_time = -1, first_time_main = -1, date_class = -1;
  for (int i = 0; i < dom.size(); ++i) {
    const Node& n = dom[i];
    if (n.is_text) continue;
    const GumboNode* g = n.g;
    if (n.tag == GUMBO_TAG_SCRIPT) {
      if (Lower(Attr(g, "type")).find("ld+json") == std::string::npos || n.end != i + 2 || !dom[i + 1].is_text) continue;
      const std::string_view js = NodeText(dom[i + 1].g);
      auto j = nlohmann::json::parse(js.begin(), js.end(), nullptr, false);
      if (j.is_discarded()) {
        ScanJsonLd(js, out);
      } else {
        WalkJsonLd(j, out, 0);
      }
      continue;
    }
    if (n.tag == GUMBO_TAG_META) {
      std::string key = Lower(Attr(g, "property"));
      if (key.empty()) key = Lower(Attr(g, "name"));
      if (key.empty()) key = Lower(Attr(g, "itemprop"));
      if (key.empty()) key = Lower(Attr(g, "http-equiv"));
      const std::string_view content = Attr(g, "content");
      if (key == "og:url" && page_url.empty()) page_url = content;
      if (const int rank = MetaRank(key)) out.Add(content, rank, "meta:" + key);
      continue;
    }
    if (n.tag == GUMBO_TAG_LINK && page_url.empty() && Lower(Attr(g, "rel")) == "canonical") {
      page_url = Attr(g, "href");
      continue;
    }
    const std::string itemprop = Lower(Attr(g, "itemprop"));
    if (!itemprop.empty() && (itemprop == "datepublished" || itemprop == "datecreated" || itemprop == "datemodified")) {
      std::string_view v = Attr(g, "content");
      if (v.empty()) v = Attr(g, "datetime");
      const std::string text = v.empty() ? dom.Text(i) : std::string(v);
      const int rank = itemprop == "datepublished" ? kItemprop : itemprop == "datecreated" ? kCreated : kModified;
      out.Add(text, rank, "itemprop");
      continue;
    }
    if (n.tag == GUMBO_TAG_TIME) {
      if (SaysModified(g)) continue;
      const bool pub = HasAttr(g, "pubdate") || ClassSays(g, {"publish", "posted", "created", "entry-date", "date-pub"});
      std::string_view v = Attr(g, "datetime");
      const std::string text = v.empty() ? dom.Text(i) : std::string(v);
      if (pub) {
        out.Add(text, kPubTime, "time");
      } else if (main_root >= 0 && dom.Contains(main_root, i) && first_time_main < 0) {
        first_time_main = i;
        out.Add(text, kTime, "time");
      } else if (first_time < 0 && !n.dropped) {
        first_time = i;
        out.Add(text, kTime + 1, "time");
      }
      continue;
    }
    if (date_class < 0 && n.is_block && !n.dropped && n.chars > 0 && n.chars < 80 &&
        ClassSays(g, {"date", "time", "publish", "posted"}) && !SaysModified(g)) {
      if (auto td = FindTextDate(dom.Text(i))) {
        date_class = i;
        out.AddDate(td->date, kDateClass, "text");
      }
    }
  }
  if (auto d = UrlDate(page_url)) out.AddDate(*d, kUrl, "url");
  VisibleDates(dom, main_root, out);
  return out.Best();
}

}  // namespace oborot::text::html
