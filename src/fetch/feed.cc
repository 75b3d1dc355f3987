#include "src/fetch/feed.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <cctype>
#include <cstring>
#include <memory>

#include "oborot/document.h"
#include "src/fetch/url.h"

namespace oborot::fetch {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

// Called by libxml2 at each <!ENTITY ...> declaration: marks the parse as
// refused and stops it there.
void RefuseEntity(void* ctx, const xmlChar* /*name*/, int /*type*/, const xmlChar* /*public_id*/,
                  const xmlChar* /*system_id*/, xmlChar* /*content*/) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  *static_cast<bool*>(ctxt->_private) = true;
  xmlStopParser(ctxt);
}

// No external entity or DTD is ever loaded.
xmlParserInput* NoExternal(void* /*ctx*/, const xmlChar* /*public_id*/, const xmlChar* /*system_id*/) { return nullptr; }

std::string_view LocalName(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string_view Prefix(const xmlNode* n) {
  return n->ns && n->ns->prefix ? std::string_view(reinterpret_cast<const char*>(n->ns->prefix)) : std::string_view();
}

std::string Text(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  if (!c) return {};
  std::string s(reinterpret_cast<const char*>(c));
  xmlFree(c);
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

template <typename F>
void Children(const xmlNode* n, F&& f) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) f(c);
  }
}

void AddItem(Feed& feed, FeedItem item, const std::string& base) {
  if (item.url.empty()) return;
  auto abs = Resolve(base, item.url);
  if (!abs.ok()) return;
  item.url = std::move(*abs);
  feed.items.push_back(std::move(item));
}

void ReadRss(const xmlNode* root, const std::string& base, Feed& feed) {
  Children(root, [&](const xmlNode* channel) {
    if (LocalName(channel) != "channel") return;
    Children(channel, [&](const xmlNode* it) {
      if (LocalName(it) != "item") return;
      FeedItem item;
      std::string dc_date;
      Children(it, [&](const xmlNode* f) {
        const std::string_view name = LocalName(f), prefix = Prefix(f);
        if (name == "link" && prefix.empty()) {
          item.url = Text(f);
        } else if (name == "guid" && item.url.empty() && Attr(f, "isPermaLink") != "false") {
          const std::string g = Text(f);
          if (g.rfind("http", 0) == 0) item.url = g;
        } else if (name == "title" && prefix.empty()) {
          item.title = Text(f);
        } else if (name == "pubDate") {
          item.published = FeedDate(Text(f));
        } else if (name == "date") {  // dc:date
          dc_date = FeedDate(Text(f));
        } else if (name == "full-text") {  // yandex:full-text
          item.full_text = Text(f);
        }
      });
      if (item.published.empty()) item.published = dc_date;
      AddItem(feed, std::move(item), base);
    });
  });
}

void ReadAtom(const xmlNode* root, const std::string& base, Feed& feed) {
  Children(root, [&](const xmlNode* entry) {
    if (LocalName(entry) != "entry") return;
    FeedItem item;
    std::string updated;
    Children(entry, [&](const xmlNode* f) {
      const std::string_view name = LocalName(f);
      if (name == "link") {
        const std::string rel = Attr(f, "rel");
        if (rel.empty() || rel == "alternate") item.url = Attr(f, "href");
      } else if (name == "title") {
        item.title = Text(f);
      } else if (name == "published") {
        item.published = FeedDate(Text(f));
      } else if (name == "updated") {
        updated = FeedDate(Text(f));
      }
    });
    if (item.published.empty()) item.published = updated;
    AddItem(feed, std::move(item), base);
  });
}

void ReadSitemap(const xmlNode* root, const std::string& base, Feed& feed, const char* element) {
  Children(root, [&](const xmlNode* u) {
    if (LocalName(u) != element) return;
    FeedItem item;
    std::string lastmod;
    Children(u, [&](const xmlNode* f) {
      const std::string_view name = LocalName(f);
      if (name == "loc") {
        item.url = Text(f);
      } else if (name == "lastmod") {
        lastmod = FeedDate(Text(f));
      } else if (name == "news") {  // news:news
        Children(f, [&](const xmlNode* g) {
          if (LocalName(g) == "publication_date") item.published = FeedDate(Text(g));
          if (LocalName(g) == "title") item.title = Text(g);
        });
      }
    });
    // A sitemap's lastmod says when the page changed, not when it was
    // published: only news:publication_date counts for a page.
    if (std::strcmp(element, "sitemap") == 0) item.published = lastmod;
    AddItem(feed, std::move(item), base);
  });
}

int MonthNumber(std::string_view m) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (std::tolower(static_cast<unsigned char>(m[0])) == kMonths[i][0] &&
        std::tolower(static_cast<unsigned char>(m[1])) == kMonths[i][1] &&
        std::tolower(static_cast<unsigned char>(m[2])) == kMonths[i][2]) {
      return i + 1;
    }
  }
  return 0;
}

}  // namespace

std::string_view FeedKindName(FeedKind k) {
  switch (k) {
    case FeedKind::kRss:
      return "rss";
    case FeedKind::kAtom:
      return "atom";
    case FeedKind::kSitemap:
      return "sitemap";
    case FeedKind::kSitemapIndex:
      return "sitemap index";
  }
  return "feed";
}

std::string FeedDate(std::string_view t) {
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  if (t.size() >= 10 && std::isdigit(static_cast<unsigned char>(t[0])) && t[4] == '-') {
    auto d = Date::Parse(t.substr(0, 10));
    return d && d->valid() ? d->ToString() : std::string();
  }
  // RFC 822: [Wkd, ]DD Mon YYYY ...
  const size_t comma = t.find(',');
  if (comma != std::string_view::npos && comma < 12) t.remove_prefix(comma + 1);
  int day = 0, month = 0, year = 0;
  size_t i = 0;
  auto skip = [&] {
    while (i < t.size() && t[i] == ' ') ++i;
  };
  skip();
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) && day < 100) day = day * 10 + (t[i++] - '0');
  skip();
  const size_t m = i;
  while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) ++i;
  month = MonthNumber(t.substr(m, i - m));
  skip();
  const size_t y = i;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) && i - y < 4) year = year * 10 + (t[i++] - '0');
  if (i - y == 2) year += year < 70 ? 2000 : 1900;
  const Date d{year, month, day};
  return d.valid() && i - y >= 2 ? d.ToString() : std::string();
}

bool LooksLikeXml(std::string_view b) {
  if (b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
  while (!b.empty() && std::isspace(static_cast<unsigned char>(b.front()))) b.remove_prefix(1);
  for (std::string_view start : {"<?xml", "<rss", "<feed", "<urlset", "<sitemapindex", "<rdf:RDF"}) {
    if (b.substr(0, start.size()) == start) return true;
  }
  return false;
}

Result<Feed> ParseFeed(std::string_view bytes, const std::string& url) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return Status(StatusCode::kTooLarge, url + ": feed too large");
  if (bytes.empty()) return Status(StatusCode::kInvalidInput, url + ": not well-formed XML: empty document");
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(
      xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size())));
  if (!ctxt) throw std::bad_alloc();
  bool refused = false;
  ctxt->_private = &refused;
  ctxt->sax->entityDecl = RefuseEntity;
  ctxt->sax->resolveEntity = NoExternal;
  // No NOENT (entities are never substituted), no DTDLOAD/DTDATTR/DTDVALID
  // (nothing external is read), no HUGE (libxml2's own size limits stay).
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  const int rc = xmlParseDocument(ctxt.get());
  std::unique_ptr<xmlDoc, DocFree> doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (refused) {
    return Status(StatusCode::kInvalidInput,
                  url + ": the feed declares XML entities (refused: an entity bomb or an external entity is not read)");
  }
  if (rc != 0 || !ctxt->wellFormed || !doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string why = e && e->message ? e->message : "not well-formed";
    while (!why.empty() && std::isspace(static_cast<unsigned char>(why.back()))) why.pop_back();
    return Status(StatusCode::kInvalidInput,
                  url + ": not well-formed XML" + (e ? " at line " + std::to_string(e->line) : "") + ": " + why);
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return Status(StatusCode::kInvalidInput, url + ": empty XML document");
  Feed feed;
  const std::string_view name = LocalName(root);
  if (name == "rss" || name == "RDF") {
    feed.kind = FeedKind::kRss;
    ReadRss(root, url, feed);
    if (name == "RDF") {  // RSS 1.0: items are children of the root
      Children(root, [&](const xmlNode* it) {
        if (LocalName(it) != "item") return;
        FeedItem item;
        Children(it, [&](const xmlNode* f) {
          if (LocalName(f) == "link") item.url = Text(f);
          if (LocalName(f) == "title") item.title = Text(f);
          if (LocalName(f) == "date") item.published = FeedDate(Text(f));
        });
        AddItem(feed, std::move(item), url);
      });
    }
  } else if (name == "feed") {
    feed.kind = FeedKind::kAtom;
    ReadAtom(root, url, feed);
  } else if (name == "urlset") {
    feed.kind = FeedKind::kSitemap;
    ReadSitemap(root, url, feed, "url");
  } else if (name == "sitemapindex") {
    feed.kind = FeedKind::kSitemapIndex;
    ReadSitemap(root, url, feed, "sitemap");
  } else {
    return Status(StatusCode::kInvalidInput, url + ": XML but not a feed or sitemap (root element <" +
                                                 std::string(name) + ">)");
  }
  return feed;
}

}  // namespace oborot::fetch
