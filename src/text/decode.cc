#include "src/text/decode.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "src/base/utf8.h"

namespace oborot::text {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A control byte that plain text does not contain (tab, line feed, vertical
// tab, form feed, carriage return and escape-free text are fine).
bool IsControlByte(unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v'; }

// The offset of the byte that makes the input binary, if it is: any NUL, or
// control bytes making up more than 1 % of the first 64 KiB (at least 8).
std::optional<size_t> BinaryAt(std::string_view bytes) {
  const size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) return nul;
  const size_t window = std::min<size_t>(bytes.size(), 64 * 1024);
  // Count first (a branch-free loop the compiler vectorises); look for the
  // first control byte only when the input turns out to be binary.
  size_t count = 0;
  for (size_t i = 0; i < window; ++i) count += IsControlByte(static_cast<unsigned char>(bytes[i])) ? 1 : 0;
  if (count >= 8 && count * 100 > window) {
    for (size_t i = 0; i < window; ++i) {
      if (IsControlByte(static_cast<unsigned char>(bytes[i]))) return i;
    }
  }
  return std::nullopt;
}

bool IsCyrillic(char32_t cp) { return cp >= 0x400 && cp <= 0x4FF; }

// Punctuation and symbols common in Russian text outside ASCII; neutral for scoring.
bool IsCommonSymbol(char32_t cp) {
  return (cp >= 0x2010 && cp <= 0x2027) || cp == 0xAB || cp == 0xBB || cp == 0xA0 || cp == 0x2116 || cp == 0xB0 ||
         cp == 0xA9 || cp == 0x20BD || cp == 0x20AC;
}

struct Candidate {
  std::string text;
  double score = 0;
};

std::optional<Candidate> TryCyrillic(std::string_view bytes, std::string_view charset) {
  auto conv = ConvertToUtf8(bytes, charset);
  if (!conv.ok()) return std::nullopt;
  Candidate c;
  c.score = RussianPlausibility(*conv);
  c.text = std::move(*conv);
  return c;
}

std::string CanonicalName(std::string_view declared) {
  std::string d = Lower(declared);
  d.erase(std::remove_if(d.begin(), d.end(), [](char c) { return c == ' ' || c == '"' || c == '\''; }), d.end());
  if (d == "utf8" || d == "utf-8") return "UTF-8";
  // As browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean Windows-1252.
  if (d == "iso-8859-1" || d == "iso8859-1" || d == "latin1" || d == "latin-1" || d == "us-ascii" || d == "ascii" ||
      d == "l1" || d == "cp1252" || d == "windows-1252") {
    return "windows-1252";
  }
  if (d == "cp1251" || d == "windows-1251" || d == "win-1251" || d == "x-cp1251") return "windows-1251";
  if (d == "koi8-r" || d == "koi8r" || d == "koi8") return "KOI8-R";
  if (d == "koi8-u") return "KOI8-U";
  return d;
}

bool IsCyrillicCharset(std::string_view c) {
  return c == "windows-1251" || c == "KOI8-R" || c == "KOI8-U" || c == "iso-8859-5" || c == "ibm866" || c == "cp866";
}

}  // namespace

Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset) {
  // Opening a converter costs more than converting a short article, so each
  // thread keeps the converters it opened (a handful of charsets), reset per use.
  thread_local std::vector<std::pair<std::string, ConverterPtr>> open;
  UConverter* conv = nullptr;
  for (auto& [name, c] : open) {
    if (name == charset) conv = c.get();
  }
  UErrorCode err = U_ZERO_ERROR;
  if (!conv) {
    ConverterPtr fresh(ucnv_open(std::string(charset).c_str(), &err));
    if (U_FAILURE(err) || !fresh) {
      return Status(StatusCode::kInvalidArgument, "unknown charset '" + std::string(charset) + "'");
    }
    if (open.size() >= 16) open.erase(open.begin());
    conv = open.emplace_back(std::string(charset), std::move(fresh)).second.get();
  }
  ucnv_reset(conv);
  // Two steps through UTF-16, ICU's pivot; a UTF-8 converter for the second.
  std::u16string wide(bytes.size() * 2 + 16, u'\0');
  err = U_ZERO_ERROR;
  const int32_t n = ucnv_toUChars(conv, wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                                  static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return Status(StatusCode::kInvalidInput, "cannot convert from " + std::string(charset));
  wide.resize(static_cast<size_t>(n));
  std::string out;
  out.reserve(wide.size() * 2);
  for (size_t i = 0; i < wide.size(); ++i) {
    char32_t cp = wide[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < wide.size() && wide[i + 1] >= 0xDC00 && wide[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (wide[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    AppendUtf8(out, cp);
  }
  return out;
}

Result<std::string> ConvertFromUtf8(std::string_view utf8, std::string_view charset) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(std::string(charset).c_str(), &err));
  if (U_FAILURE(err) || !conv) {
    return Status(StatusCode::kInvalidArgument, "unknown charset '" + std::string(charset) + "'");
  }
  err = U_ZERO_ERROR;
  ucnv_setSubstChars(conv.get(), "?", 1, &err);
  std::u16string wide;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = NextCodePoint(utf8, i);
    if (cp >= 0x10000) {
      wide.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      wide.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      wide.push_back(static_cast<char16_t>(cp));
    }
  }
  std::string out(wide.size() * 4 + 16, '\0');
  err = U_ZERO_ERROR;
  const int32_t n = ucnv_fromUChars(conv.get(), out.data(), static_cast<int32_t>(out.size()), wide.data(),
                                    static_cast<int32_t>(wide.size()), &err);
  if (U_FAILURE(err)) return Status(StatusCode::kInvalidInput, "cannot convert to " + std::string(charset));
  out.resize(static_cast<size_t>(n));
  return out;
}

double RussianPlausibility(std::string_view utf8) {
  // The ten most frequent letters of Russian prose cover about 60 % of letters.
  static constexpr char32_t kFrequent[] = {0x43E, 0x435, 0x430, 0x438, 0x43D, 0x442, 0x441, 0x440, 0x432, 0x43B};
  size_t cyr = 0, lower = 0, frequent = 0, bad = 0, other = 0;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = NextCodePoint(utf8, i);
    if (cp < 0x80) continue;
    if (IsCyrillic(cp)) {
      ++cyr;
      const char32_t lc = ToLower(cp);
      if (lc == cp) ++lower;
      if (std::find(std::begin(kFrequent), std::end(kFrequent), lc) != std::end(kFrequent)) ++frequent;
    } else if (cp == 0xFFFD || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x2500 && cp <= 0x259F)) {
      ++bad;
    } else if (!IsCommonSymbol(cp)) {
      ++other;
    }
  }
  // Too little evidence, or not prose: mostly capitals, few common letters.
  if (cyr < 3 || lower * 2 < cyr || frequent * 5 < cyr) return 0;
  const double total = static_cast<double>(cyr + bad + other);
  const double c = static_cast<double>(cyr);
  double score = static_cast<double>(lower) / c + static_cast<double>(frequent) / c;
  score *= c / total;                                   // foreign letters dilute
  score -= 4.0 * static_cast<double>(bad) / total;      // controls and box drawing are decisive
  return std::max(0.0, score);
}

Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view source, std::string_view declared_charset) {
  const std::string src(source);
  // Byte-order marks decide the encoding.
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    const bool le = bytes[0] == '\xFF';
    auto conv = ConvertToUtf8(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE");
    if (!conv.ok()) return Status(StatusCode::kInvalidInput, src + ": invalid UTF-16");
    if (auto bin = BinaryAt(*conv)) {
      return Status(StatusCode::kInvalidInput, src + ": binary data at byte " + std::to_string(*bin));
    }
    return Decoded{std::move(*conv), le ? "UTF-16LE" : "UTF-16BE"};
  }
  size_t skip = 0;
  if (bytes.substr(0, 3) == kUtf8Bom) skip = 3;
  const std::string_view body = bytes.substr(skip);
  if (auto bin = BinaryAt(body)) {
    return Status(StatusCode::kInvalidInput, src + ": binary data at byte " + std::to_string(*bin + skip));
  }
  const std::optional<size_t> bad = FirstInvalidUtf8(body);
  if (!bad) return Decoded{std::string(body), "UTF-8"};
  const std::string invalid_msg = src + ": invalid UTF-8 at byte " + std::to_string(*bad + skip);
  if (skip) return Status(StatusCode::kInvalidInput, invalid_msg);  // a UTF-8 BOM promised UTF-8

  // A declared charset, when ICU knows it and the result is not garbage.
  const std::string declared = CanonicalName(declared_charset);
  if (!declared.empty() && declared != "UTF-8") {
    auto conv = ConvertToUtf8(body, declared);
    if (conv.ok()) {
      if (IsCyrillicCharset(declared)) {
        if (RussianPlausibility(*conv) > 0.6) return Decoded{std::move(*conv), declared};
      } else {
        // A Russian page mislabelled as Latin-1 is common; trust the letters then.
        auto cp1251 = TryCyrillic(body, "windows-1251");
        if (!cp1251 || cp1251->score < 1.2) return Decoded{std::move(*conv), declared};
      }
    }
  }

  // Windows-1251 or KOI8-R: the conversion that reads more like Russian.
  auto a = TryCyrillic(body, "windows-1251");
  auto b = TryCyrillic(body, "KOI8-R");
  const Candidate* best = nullptr;
  std::string name;
  if (a && (!b || a->score >= b->score)) {
    best = &*a;
    name = "windows-1251";
  } else if (b) {
    best = &*b;
    name = "KOI8-R";
  }
  if (best && best->score >= 0.9) return Decoded{std::move(best->text), name};
  return Status(StatusCode::kInvalidInput, invalid_msg);
}

}  // namespace oborot::text
