#include "src/text/load.h"

#include <cctype>

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

Result<Document> LoadDocument(const RawInput& raw, const LoadOptions& options) {
  if (raw.bytes.size() > options.max_doc_bytes) {
    return Status(StatusCode::kTooLarge, raw.source + ": " + std::to_string(raw.bytes.size()) +
                                             " bytes, over the limit of " + std::to_string(options.max_doc_bytes));
  }
  const bool html = raw.format == InputFormat::kHtml || (raw.format == InputFormat::kAuto && LooksLikeHtml(raw.bytes));
  auto decoded = Decode(raw, html);
  if (!decoded.ok()) return decoded.status();

  Document doc;
  doc.id = raw.id;
  doc.source = raw.source;
  doc.url = raw.url;
  doc.encoding = decoded->encoding;
  DateHints hints;
  hints.input_title = raw.title;
  hints.input_published = raw.published;
  bool valid_utf8 = false;  // doc.original known to be valid UTF-8
  if (html) {
    HtmlExtract h = ExtractHtml(decoded->text, raw.url);
    doc.original = std::move(h.text);
    hints.html_title = std::move(h.title);
    hints.html_published = h.published;
    hints.html_how = std::move(h.published_how);
  } else {
    doc.original = std::move(decoded->text);
    valid_utf8 = decoded->valid_utf8;
  }

  Cleaned c = CleanText(doc.original, valid_utf8);
  if (c.text.empty()) return Status(StatusCode::kEmpty, raw.source + ": empty document");
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
