#include "src/text/load.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "src/base/utf8.h"
#include "src/text/clean.h"
#include "src/text/decode.h"
#include "src/text/html.h"
#include "src/text/published.h"

namespace oborot::text {
namespace {

bool IsUtf8Label(std::string_view charset) {
  std::string c;
  for (char ch : charset) {
    if (ch != '-' && ch != '_') c.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
  return c == "utf8";
}

// The charset, in this order: the transport's (an HTTP header: RawInput::charset),
// a byte-order mark, an HTML <meta>, else detection (DecodeToUtf8). A header
// charset that ICU does not know, or that cannot convert the bytes, is ignored.
Result<Decoded> Decode(const RawInput& raw, bool html) {
  if (!raw.charset.empty() && !IsUtf8Label(raw.charset) && raw.bytes.find('\0') == std::string::npos) {
    auto converted = ConvertToUtf8(raw.bytes, raw.charset);
    if (converted.ok()) {
      Decoded d;
      d.text = std::move(*converted);
      d.encoding = raw.charset;
      return d;
    }
  }
  if (!raw.charset.empty()) return DecodeToUtf8(raw.bytes, raw.source);  // declared UTF-8: a BOM, then validation
  return DecodeToUtf8(raw.bytes, raw.source, html ? SniffHtmlCharset(raw.bytes) : std::string());
}

}  // namespace

namespace {

std::string Count(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

void HtmlWarnings(const RawInput& raw, const HtmlExtract& h, const Budgets& b, std::vector<std::string>& out) {
  if (h.cut_at > 0) {
    out.push_back(raw.source + ": page cut at byte " + std::to_string(h.cut_at) + " of its decoded text after " +
                  std::to_string(h.elements) + " elements (--max-html-elements " + std::to_string(b.html_elements) +
                  ")");
  }
  if (h.deep_dropped > 0) {
    out.push_back(raw.source + ": nesting deeper than " + std::to_string(b.html_depth) + " elements flattened, " +
                  Count(h.deep_dropped, "start tag", "start tags") + " dropped (--max-html-depth " +
                  std::to_string(b.html_depth) + ")");
  }
  if (h.formatting_dropped > 0) {
    out.push_back(raw.source + ": too many formatting elements left open, " +
                  Count(h.formatting_dropped, "start tag", "start tags") + " dropped (--max-html-depth " +
                  std::to_string(b.html_depth) + " allows " + std::to_string(std::max<size_t>(8, b.html_depth / 8)) +
                  ")");
  }
  if (h.attributes_dropped > 0) {
    out.push_back(raw.source + ": " + Count(h.attributes_dropped, "attribute", "attributes") +
                  " dropped from elements with more than " + std::to_string(b.html_attributes));
  }
}

namespace {

Status TooSlow(const RawInput& raw, const Deadline& d) {
  return Status(StatusCode::kTooLarge, raw.source + ": took longer than " + FormatSeconds(d.seconds()) +
                                           " s (--max-doc-seconds); the document was skipped");
}

}  // namespace

std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

Status DeadlineStatus(const RawInput& raw, const Deadline& d) { return TooSlow(raw, d); }

Result<Document> LoadDocument(const RawInput& raw, const LoadOptions& options) {
  if (raw.bytes.size() > options.max_doc_bytes) {
    return Status(StatusCode::kTooLarge, raw.source + ": " + std::to_string(raw.bytes.size()) +
                                             " bytes, over the limit of " + std::to_string(options.max_doc_bytes));
  }
  const bool html = raw.format == InputFormat::kHtml || (raw.format == InputFormat::kAuto && LooksLikeHtml(raw.bytes));
  auto decoded = Decode(raw, html);
  if (options.release_bytes) std::string().swap(*options.release_bytes);
  if (!decoded.ok()) return decoded.status();
  if (options.deadline.Expired()) return TooSlow(raw, options.deadline);

  Document doc;
  doc.id = raw.id;
  doc.source = raw.stored_source.empty() ? raw.source : raw.stored_source;
  doc.url = raw.url;
  doc.encoding = decoded->encoding;
  doc.warnings = std::move(decoded->warnings);
  DateHints hints;
  hints.input_title = raw.title;
  hints.input_published = raw.published;
  if (!raw.published.empty() && !Date::Parse(raw.published)) {
    // A record's "published" that is no calendar date is left out, and said so.
    doc.warnings.push_back(raw.source + ": \"published\" \"" + raw.published.substr(0, 40) +
                           "\" is not a date YYYY-MM-DD; the date is looked for in the text");
  }
  bool valid_utf8 = false;  // doc.original known to be valid UTF-8
  if (html) {
    const Budgets& b = options.budgets;
    HtmlExtract h = ExtractHtml(decoded->text, raw.url,
                                {.elements = b.html_elements, .depth = b.html_depth, .attributes = b.html_attributes});
    HtmlWarnings(raw, h, b, doc.warnings);
    if (options.deadline.Expired()) return TooSlow(raw, options.deadline);
    doc.original = std::move(h.text);
    hints.html_title = std::move(h.title);
    hints.html_published = h.published;
    hints.html_how = std::move(h.published_how);
  } else {
    doc.original = std::move(decoded->text);
    valid_utf8 = decoded->valid_utf8;
  }

  Cleaned c = CleanText(doc.original, valid_utf8);
  if (c.text.empty()) {
    // A page left empty by a budget says which.
    std::string why;
    for (const std::string& w : doc.warnings) {
      if (w.find("(--max-html") != std::string::npos) why += "; " + w.substr(std::min(w.size(), raw.source.size() + 2));
    }
    // Text that cleaning removed whole is not "empty" to the person who wrote it.
    const size_t had = CodePointCount(doc.original);
    if (why.empty() && doc.original.find_first_not_of(" \t\r\n") != std::string::npos) {
      why = " (its " + std::to_string(had) +
            " characters were all removed by cleaning as site chrome: menus, captions, bylines, link lists)";
    }
    return Status(StatusCode::kEmpty, raw.source + ": empty document" + why);
  }
  if (options.deadline.Expired()) return TooSlow(raw, options.deadline);
  TitleDate td = FindTitleAndDate(doc.original, c, hints);
  doc.text = std::move(c.text);
  doc.offsets = std::move(c.offsets);
  doc.paragraphs = std::move(c.paragraphs);
  doc.removed = std::move(c.removed);
  doc.title = std::move(td.title);
  doc.published = td.published;
  doc.published_how = std::move(td.how);
  doc.dateline_city = std::move(td.dateline_city);
  doc.dateline = td.dateline;
  if (!doc.published) {
    // A date the input only suggests (a feed item's, the file name's): used
    // when neither the metadata nor the text gives one.
    if (auto d = Date::Parse(raw.published_fallback); d && d->valid()) {
      doc.published = *d;
      doc.published_how = raw.published_fallback_how.empty() ? "fallback" : raw.published_fallback_how;
    }
  }
  return doc;
}

}  // namespace oborot::text
