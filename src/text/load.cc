#include "src/text/load.h"

#include "src/base/utf8.h"
#include "src/text/clean.h"
#include "src/text/decode.h"
#include "src/text/html.h"
#include "src/text/published.h"

namespace oborot::text {

Result<Document> LoadDocument(const RawInput& raw, const LoadOptions& options) {
  if (raw.bytes.size() > options.max_doc_bytes) {
    return Status(StatusCode::kTooLarge, raw.source + ": " + std::to_string(raw.bytes.size()) +
                                             " bytes, over the limit of " + std::to_string(options.max_doc_bytes));
  }
  const bool html = raw.format == InputFormat::kHtml || (raw.format == InputFormat::kAuto && LooksLikeHtml(raw.bytes));
  auto decoded = DecodeToUtf8(raw.bytes, raw.source, html ? SniffHtmlCharset(raw.bytes) : std::string());
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
  return doc;
}

}  // namespace oborot::text
