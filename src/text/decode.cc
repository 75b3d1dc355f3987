#include "src/text/decode.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

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
  // Count first, look for the first control byte only when the input turns
  // out to be binary. The count is IsControlByte as two range tests joined
  // with & (below 0x20, and not 9..13) into a 32-bit sum: a loop GCC
  // vectorises, where the chain of != with a 64-bit sum stayed a byte-by-byte
  // loop (about 4.5 instructions per byte, 1 % of `oborot extract`).
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  uint32_t count = 0;
  for (size_t i = 0; i < window; ++i) {
    const unsigned char c = p[i];
    count += static_cast<uint32_t>((c < 0x20) & (static_cast<unsigned char>(c - 9) > 4));
  }
  if (count >= 8 && size_t{count} * 100 > window) {
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

// Russian-letter statistics of a text, as RussianPlausibility scores them.
struct LetterCounts {
  size_t cyr = 0, lower = 0, frequent = 0, bad = 0, other = 0;

  void Add(char32_t cp, size_t n = 1) {
    // The ten most frequent letters of Russian prose cover about 60 % of letters.
    static constexpr char32_t kFrequent[] = {0x43E, 0x435, 0x430, 0x438, 0x43D, 0x442, 0x441, 0x440, 0x432, 0x43B};
    if (cp < 0x80) return;
    if (IsCyrillic(cp)) {
      cyr += n;
      const char32_t lc = ToLower(cp);
      if (lc == cp) lower += n;
      if (std::find(std::begin(kFrequent), std::end(kFrequent), lc) != std::end(kFrequent)) frequent += n;
    } else if (cp == 0xFFFD || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x2500 && cp <= 0x259F)) {
      bad += n;
    } else if (!IsCommonSymbol(cp)) {
      other += n;
    }
  }

  double Score() const {
    // Too little evidence, or not prose: mostly capitals, few common letters.
    if (cyr < 3 || lower * 2 < cyr || frequent * 5 < cyr) return 0;
    const double total = static_cast<double>(cyr + bad + other);
    const double c = static_cast<double>(cyr);
    double score = static_cast<double>(lower) / c + static_cast<double>(frequent) / c;
    score *= c / total;                                   // foreign letters dilute
    score -= 4.0 * static_cast<double>(bad) / total;      // controls and box drawing are decisive
    return std::max(0.0, score);
  }
};

// A single-byte charset as ICU decodes it, one code point per byte, with
// each code point's UTF-8 form: decoding by table gives the bytes
// ConvertToUtf8 gives, and a byte histogram gives RussianPlausibility's
// score without decoding at all (the score only counts code points).
struct ByteTable {
  std::array<char32_t, 256> cp{};
  std::array<std::array<char, 4>, 256> utf8{};
  std::array<uint8_t, 256> utf8_len{};
};

// The table for `charset`, or null when ICU's converter for it is not a
// stateless single-byte one (then callers convert through ICU). Tables are
// built once per charset and process.
const ByteTable* SingleByteTable(std::string_view charset) {
  static const auto* tables = [] {
    auto* t = new std::vector<std::pair<std::string, std::optional<ByteTable>>>;
    for (const char* name : {"windows-1251", "KOI8-R"}) {
      std::optional<ByteTable> table;
      UErrorCode err = U_ZERO_ERROR;
      ConverterPtr conv(ucnv_open(name, &err));
      if (U_SUCCESS(err) && conv && ucnv_getType(conv.get()) == UCNV_SBCS) {
        table.emplace();
        for (unsigned b = 0; b < 256 && table; ++b) {
          const char byte = static_cast<char>(b);
          UChar unit[4];
          err = U_ZERO_ERROR;
          ucnv_reset(conv.get());
          const int32_t n = ucnv_toUChars(conv.get(), unit, 4, &byte, 1, &err);
          if (U_FAILURE(err) || n != 1 || (unit[0] >= 0xD800 && unit[0] <= 0xDFFF)) {
            table.reset();
            break;
          }
          table->cp[b] = unit[0];
          std::string enc;
          AppendUtf8(enc, unit[0]);
          std::copy(enc.begin(), enc.end(), table->utf8[b].begin());
          table->utf8_len[b] = static_cast<uint8_t>(enc.size());
        }
      }
      t->emplace_back(name, std::move(table));
    }
    return t;
  }();
  for (const auto& [name, table] : *tables) {
    if (name == charset) return table ? &*table : nullptr;
  }
  return nullptr;
}

// The bytes AppendUtf8 writes for `cp`.
size_t Utf8Length(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// Sized exactly (a first pass adds up the lengths): the decoded text lives
// as long as the document is read, and a 16 MB page sized for three bytes a
// byte kept 48 MB.
size_t DecodedSize(std::string_view bytes, const ByteTable& t) {
  size_t n = 0;
  for (const char c : bytes) n += t.utf8_len[static_cast<unsigned char>(c)];
  return n;
}

std::string DecodeByTable(std::string_view bytes, const ByteTable& t) {
  // three bytes of slack: each code point is copied as three bytes, then the pointer moves by its length
  std::string out(DecodedSize(bytes, t) + 3, '\0');
  char* o = out.data();
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    const auto& enc = t.utf8[b];
    // every code point below U+10000 takes at most three bytes: copy four, keep the length
    std::memcpy(o, enc.data(), 3);
    o += t.utf8_len[b];
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return out;
}

// Decodes one body in a Cyrillic charset and scores the result, by table for
// the single-byte charsets above (from one byte histogram, shared by every
// charset tried) and through ICU otherwise.
class CyrillicCandidates {
 public:
  explicit CyrillicCandidates(std::string_view bytes) : bytes_(bytes) {}

  // RussianPlausibility of the conversion, or nullopt when it fails.
  std::optional<double> Score(std::string_view charset) {
    if (const ByteTable* t = SingleByteTable(charset)) {
      if (!histogram_) {
        histogram_.emplace();
        histogram_->fill(0);
        for (const char c : bytes_) ++(*histogram_)[static_cast<unsigned char>(c)];
      }
      LetterCounts counts;
      for (unsigned b = 0; b < 256; ++b) {
        if ((*histogram_)[b]) counts.Add(t->cp[b], (*histogram_)[b]);
      }
      return counts.Score();
    }
    auto conv = Convert(charset);
    if (!conv.ok()) return std::nullopt;
    return RussianPlausibility(*conv);
  }

  Result<std::string> Convert(std::string_view charset) {
    if (const ByteTable* t = SingleByteTable(charset)) return DecodeByTable(bytes_, *t);
    if (converted_charset_ != charset) {
      converted_ = ConvertToUtf8(bytes_, charset);
      converted_charset_ = std::string(charset);
    }
    return converted_;
  }

 private:
  std::string_view bytes_;
  std::optional<std::array<size_t, 256>> histogram_;
  std::string converted_charset_;  // the last conversion through ICU, kept for Convert after Score
  Result<std::string> converted_ = Status(StatusCode::kInvalidArgument, "nothing converted");
};

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

// Offsets for a warning: "120, 4501, 4502" and "… (N in all)" past eight.
std::string OffsetList(const std::vector<size_t>& at) {
  std::string out;
  for (size_t k = 0; k < at.size() && k < 8; ++k) {
    if (k) out += ", ";
    out += std::to_string(at[k]);
  }
  if (at.size() > 8) out += ", … (" + std::to_string(at.size()) + " in all)";
  return out;
}

// A run of the input that decodes one way: UTF-8 (valid multi-byte
// sequences and ASCII) or not (bytes that are not valid UTF-8, and ASCII).
struct Run {
  size_t start = 0, end = 0;
  bool utf8 = false;
  size_t units = 0;  // multi-byte characters (utf8) or invalid bytes (not)
};

// Runs of valid UTF-8 with fewer characters than this, between runs that are
// not UTF-8, are taken for accidents of a single-byte text: in Windows-1251,
// «Д»» (C4 BB) happens to be a valid two-byte sequence, while three valid
// sequences in a row practically never occur.
constexpr size_t kMinUtf8Run = 3;
// A run that is not UTF-8 is decoded with a single-byte Cyrillic charset
// only with at least this many such bytes; fewer (a stray byte, a cut
// character) become U+FFFD.
constexpr size_t kMinSingleByteRun = 3;

// Splits `body` into runs. Adjacent runs alternate between UTF-8 and not;
// ASCII goes with the run it follows (it decodes the same either way).
std::vector<Run> SplitRuns(std::string_view body) {
  std::vector<Run> runs;
  auto add = [&](size_t at, size_t next, bool utf8) {
    if (runs.empty() || runs.back().utf8 != utf8) {
      if (!runs.empty()) runs.back().end = at;
      runs.push_back({runs.empty() ? 0 : at, next, utf8, 0});
    }
    runs.back().end = next;
    ++runs.back().units;
  };
  for (size_t i = 0; i < body.size();) {
    if (static_cast<unsigned char>(body[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t at = i;
    const char32_t cp = NextCodePoint(body, i);
    add(at, i, !(cp == 0xFFFD && i - at == 1));
  }
  if (runs.empty()) return runs;
  runs.back().end = body.size();
  // Short UTF-8 runs next to runs that are not UTF-8 join them.
  std::vector<Run> merged;
  for (const Run& r : runs) {
    const bool accident = r.utf8 && r.units < kMinUtf8Run && runs.size() > 1;
    Run piece = r;
    if (accident) {
      piece.utf8 = false;
      piece.units = 0;
    }
    if (!merged.empty() && merged.back().utf8 == piece.utf8) {
      merged.back().end = piece.end;
      merged.back().units += piece.units;
    } else {
      merged.push_back(piece);
    }
  }
  return merged;
}

}  // namespace

namespace {

// Decoding of a text that is mostly UTF-8 but not all: each run on its own
// (the valid UTF-8 as it is, each run of other bytes in the single-byte
// Cyrillic charset that reads as Russian, else U+FFFD for each byte that is
// not part of a valid sequence), with a warning naming the byte offsets.
// nullopt when the text holds no real run of UTF-8 (then it is decoded
// wholesale). `offset` is added to the offsets in warnings (a byte-order
// mark before `body`); `utf8_promised` decodes per run even without a UTF-8
// run (a UTF-8 byte-order mark).
std::optional<Decoded> DecodePerRun(std::string_view body, const std::string& src, std::string_view declared,
                                    size_t offset, bool utf8_promised) {
  const std::vector<Run> runs = SplitRuns(body);
  size_t utf8_bytes = 0, other_bytes = 0;
  std::string other;  // every byte of the runs that are not UTF-8, for choosing their charset
  for (const Run& r : runs) {
    if (r.utf8) {
      utf8_bytes += r.end - r.start;
    } else {
      other_bytes += r.end - r.start;
      other.append(body.substr(r.start, r.end - r.start));
    }
  }
  if (utf8_bytes == 0 && !utf8_promised) return std::nullopt;

  // The single-byte charset of the other runs: the declared one when it is
  // Cyrillic and plausible, else the better of Windows-1251 and KOI8-R.
  std::string charset;
  {
    CyrillicCandidates candidates(other);
    if (IsCyrillicCharset(declared) && SingleByteTable(declared) != nullptr) {
      if (auto score = candidates.Score(declared); score && *score > 0.6) charset = declared;
    }
    if (charset.empty()) {
      const auto a = candidates.Score("windows-1251");
      const auto b = candidates.Score("KOI8-R");
      const double sa = a.value_or(0), sb = b.value_or(0);
      if (std::max(sa, sb) >= 0.9) charset = sa >= sb ? "windows-1251" : "KOI8-R";
    }
  }
  const ByteTable* table = charset.empty() ? nullptr : SingleByteTable(charset);

  Decoded d;
  d.encoding = other_bytes > utf8_bytes && table != nullptr ? charset : "UTF-8";
  {
    // Reserved exactly (the text lives as long as the document is read): a
    // UTF-8 run as it is, a run in the charset by its table, other bytes as
    // they are decoded below.
    size_t size = 0;
    for (const Run& r : runs) {
      const std::string_view piece = body.substr(r.start, r.end - r.start);
      size_t high = 0;
      if (!r.utf8) {
        for (const char c : piece) high += static_cast<unsigned char>(c) >= 0x80;
      }
      if (r.utf8) {
        size += piece.size();
      } else if (table != nullptr && high >= kMinSingleByteRun) {
        size += DecodedSize(piece, *table);
      } else {
        for (size_t i = 0; i < piece.size();) size += Utf8Length(NextCodePoint(piece, i));
      }
    }
    d.text.reserve(size);
  }
  std::vector<size_t> replaced;
  std::vector<std::pair<size_t, size_t>> single_byte;
  for (const Run& r : runs) {
    const std::string_view piece = body.substr(r.start, r.end - r.start);
    if (r.utf8) {
      d.text.append(piece);
      continue;
    }
    size_t high = 0;
    for (const char c : piece) high += static_cast<unsigned char>(c) >= 0x80;
    if (table != nullptr && high >= kMinSingleByteRun) {
      d.text += DecodeByTable(piece, *table);
      single_byte.emplace_back(r.start + offset, r.end + offset);
      continue;
    }
    for (size_t i = 0; i < piece.size();) {
      const size_t at = i;
      const char32_t cp = NextCodePoint(piece, i);
      if (cp == 0xFFFD && i - at == 1) replaced.push_back(r.start + at + offset);
      AppendUtf8(d.text, cp);
    }
  }
  if (!replaced.empty()) {
    d.warnings.push_back(src + ": invalid UTF-8 at byte" + (replaced.size() > 1 ? "s " : " ") + OffsetList(replaced) +
                         ", replaced by U+FFFD");
  }
  if (!single_byte.empty()) {
    std::string ranges;
    for (size_t k = 0; k < single_byte.size() && k < 8; ++k) {
      if (k) ranges += ", ";
      ranges += std::to_string(single_byte[k].first) + "–" + std::to_string(single_byte[k].second);
    }
    if (single_byte.size() > 8) ranges += ", … (" + std::to_string(single_byte.size()) + " runs in all)";
    d.warnings.push_back(src + ": bytes " + ranges + " are not UTF-8; decoded as " + charset);
  }
  return d;
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
  // Through UTF-16, ICU's pivot, a block at a time: the whole text in UTF-16
  // cost four bytes a byte of input, all alive with the input and the result.
  std::string out;
  std::array<UChar, 16384> block;
  const char* source = bytes.data();
  const char* const source_end = source + bytes.size();
  char32_t high = 0;  // a high surrogate waiting for its low half (it may end a block)
  auto append = [&](char32_t u) {
    if (high != 0) {
      if (u >= 0xDC00 && u <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
        high = 0;
        return;
      }
      AppendUtf8(out, 0xFFFD);
      high = 0;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      high = u;
    } else {
      AppendUtf8(out, u >= 0xDC00 && u <= 0xDFFF ? 0xFFFD : u);
    }
  };
  for (;;) {
    UChar* target = block.data();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &target, block.data() + block.size(), &source, source_end, nullptr, /*flush=*/true, &err);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR) {
      return Status(StatusCode::kInvalidInput, "cannot convert from " + std::string(charset));
    }
    for (const UChar* u = block.data(); u < target; ++u) append(*u);
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
  }
  if (high != 0) AppendUtf8(out, 0xFFFD);
  // grown by doubling: give back the slack, as the text lives as long as the document is read
  if (out.capacity() > out.size() + out.size() / 8 + 64) out.shrink_to_fit();
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
  LetterCounts counts;
  for (size_t i = 0; i < utf8.size();) counts.Add(NextCodePoint(utf8, i));
  return counts.Score();
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
    return Decoded{std::move(*conv), le ? "UTF-16LE" : "UTF-16BE", false, {}};
  }
  size_t skip = 0;
  if (bytes.substr(0, 3) == kUtf8Bom) skip = 3;
  const std::string_view body = bytes.substr(skip);
  if (auto bin = BinaryAt(body)) {
    return Status(StatusCode::kInvalidInput, src + ": binary data at byte " + std::to_string(*bin + skip));
  }
  const std::optional<size_t> bad = FirstInvalidUtf8(body);
  if (!bad) return Decoded{std::string(body), "UTF-8", /*valid_utf8=*/true, {}};
  const std::string invalid_msg = src + ": invalid UTF-8 at byte " + std::to_string(*bad + skip);
  const std::string declared = CanonicalName(declared_charset);

  // Mostly UTF-8 (a stray byte, a last character cut by a byte-limited
  // download, a footer pasted in another charset), or promised by a UTF-8
  // byte-order mark: each run on its own, never the whole text in the charset
  // of a few bytes.
  if (auto mixed = DecodePerRun(body, src, declared, skip, /*utf8_promised=*/skip > 0)) return std::move(*mixed);

  // A declared charset, when ICU knows it and the result is not garbage.
  CyrillicCandidates candidates(body);
  if (!declared.empty() && declared != "UTF-8") {
    if (IsCyrillicCharset(declared)) {
      if (auto score = candidates.Score(declared); score && *score > 0.6) {
        auto conv = candidates.Convert(declared);
        if (conv.ok()) return Decoded{std::move(*conv), declared, false, {}};
      }
    } else if (auto conv = ConvertToUtf8(body, declared); conv.ok()) {
      // A Russian page mislabelled as Latin-1 is common; trust the letters then.
      const auto cp1251 = candidates.Score("windows-1251");
      if (!cp1251 || *cp1251 < 1.2) return Decoded{std::move(*conv), declared, false, {}};
    }
  }

  // Windows-1251 or KOI8-R: the conversion that reads more like Russian.
  const auto a = candidates.Score("windows-1251");
  const auto b = candidates.Score("KOI8-R");
  std::string name;
  double best = 0;
  if (a && (!b || *a >= *b)) {
    name = "windows-1251";
    best = *a;
  } else if (b) {
    name = "KOI8-R";
    best = *b;
  }
  if (!name.empty() && best >= 0.9) {
    auto conv = candidates.Convert(name);
    if (conv.ok()) return Decoded{std::move(*conv), name, false, {}};
  }
  return Status(StatusCode::kInvalidInput, invalid_msg);
}

}  // namespace oborot::text
