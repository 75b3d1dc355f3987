#include "src/facts/json.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace oborot {

std::string_view FactTypeName(FactType t) {
  switch (t) {
    case FactType::kTurnover: return "turnover";
    case FactType::kTurnoverChange: return "turnover_change";
    case FactType::kTurnoverShare: return "turnover_share";
    case FactType::kMeeting: return "meeting";
    case FactType::kOrganization: return "organization";
    case FactType::kSector: return "sector";
    case FactType::kProject: return "project";
    case FactType::kTradeFlow: return "trade_flow";
  }
  return "unknown";
}

namespace facts {
namespace {

// A streaming writer for one flat-ish JSON object. Hand-rolled: building an
// nlohmann DOM for each fact and dumping it was 12 % of `oborot extract`'s
// time (bench/RESULTS.md), and the output is a fixed handful of keys. The
// output is byte-for-byte what nlohmann's dump() wrote: the same escapes
// (\" \\ \b \f \n \r \t, other controls as \u00xx), UTF-8 kept as is, and
// shortest round-trip doubles (std::to_chars); only whole numbers that
// floating point had made inexact («32300000000.0») now print as integers.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  Writer& Open() { return Raw('{'); }
  Writer& Close() {
    first_ = false;
    return Raw('}');
  }
  Writer& OpenArray() { return Raw('['); }
  Writer& CloseArray() {
    first_ = false;
    return Raw(']');
  }
  // Opens a member: ,"key":. Keys are this file's literals, lower-case ASCII
  // names that need no escape, so they are copied as they are.
  // Built on the stack and appended once: a fact line has a dozen keys.
  Writer& Key(std::string_view key) {
    char buf[64];
    size_t n = 0;
    if (!first_) buf[n++] = ',';
    first_ = false;
    buf[n++] = '"';
    if (key.size() > sizeof buf - 4) {  // never for this file's keys; kept correct anyway
      out_.append(buf, n).append(key).append("\":");
      return *this;
    }
    std::memcpy(buf + n, key.data(), key.size());
    n += key.size();
    buf[n++] = '"';
    buf[n++] = ':';
    out_.append(buf, n);
    return *this;
  }
  // Before an array element other than the first.
  Writer& Next(bool first) {
    if (!first) out_ += ',';
    return *this;
  }
  Writer& Null() {
    out_ += "null";
    return *this;
  }
  Writer& Bool(bool b) {
    out_ += b ? "true" : "false";
    return *this;
  }
  Writer& Int(int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
    return *this;
  }
  // Numbers are rounded to three decimals; whole ones print without a
  // fraction («3,23e10» that floating point made 32299999999.999996 too),
  // others in fixed notation with the fewest digits that read back the same.
  Writer& Number(double v) {
    const double r = std::round(v * 1000.0) / 1000.0;
    if (!std::isfinite(r)) return Null();
    if (r == std::round(r) && std::fabs(r) < 9e15) return Int(static_cast<int64_t>(r));
    char buf[64];
    const auto res = std::fabs(r) < 1e15 ? std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed)
                                         : std::to_chars(buf, buf + sizeof buf, r);
    out_.append(buf, res.ptr);
    return *this;
  }
  Writer& String(std::string_view s);
  Writer& StringOrNull(std::string_view s) { return s.empty() ? Null() : String(s); }
  // An object inside an array or as a value: its members start afresh.
  Writer& Begin() {
    first_ = true;
    return Open();
  }

 private:
  static std::string Repaired(std::string_view s);
  Writer& Raw(char c) {
    out_ += c;
    return *this;
  }
  std::string& out_;
  bool first_ = true;
};

// The length of the run of bytes at p[0..kChunk) that String copies
// unchanged: kChunk when the bytes hold no '"', '\\' or control byte and only
// ASCII and whole well-formed two-byte sequences (Cyrillic), kChunk - 1 when
// the last byte opens such a sequence, 0 when the chunk needs the byte-wise
// path. Hand-rolled SIMD (SSE2, sixteen bytes per step; else SWAR, eight):
// evidence sentences are most of the output, and nearly all of their chunks
// pass. Forced inline: as a call it cost as much as its work.
#if defined(__SSE2__)
constexpr size_t kChunk = 16;

[[gnu::always_inline]] inline size_t PlainChunk(const char* p) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Bytes below 0x20 (unsigned: max(x, 0x1F) == 0x1F), '"' and '\\'.
  const __m128i escape = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)),
                                      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                                   _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
  if (_mm_movemask_epi8(escape) != 0) return 0;
  const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(x));
  if (high == 0) return kChunk;
  // As signed bytes: continuations 0x80..0xBF are -128..-65, leads of
  // two-byte sequences 0xC2..0xDF are -62..-33.
  const unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(-64))));
  const unsigned lead = static_cast<unsigned>(_mm_movemask_epi8(
      _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(-63)), _mm_cmplt_epi8(x, _mm_set1_epi8(-32)))));
  if ((cont | lead) != high) return 0;  // C0, C1 (overlong), or a longer sequence or not UTF-8
  // Every lead but the last byte's is followed by a continuation and every
  // continuation follows a lead (byte 0 is never one: chunks start on a code point).
  if (cont != ((lead << 1) & 0xFFFFu)) return 0;
  return (lead >> 15) != 0 ? kChunk - 1 : kChunk;
}
#else
constexpr size_t kChunk = 8;

// The same eight bytes at a time: no byte to escape (borrow tricks: each
// test only asks whether some byte qualifies, which they answer exactly),
// and the UTF-8 test FirstInvalidUtf8 uses.
inline size_t PlainChunk(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero_byte = [](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  uint64_t x;
  std::memcpy(&x, p, 8);
  const bool control = ((x - kOnes * 0x20) & ~x & kHigh) != 0;  // a byte below 0x20
  if (control || has_zero_byte(x ^ (kOnes * '"')) || has_zero_byte(x ^ (kOnes * '\\'))) return 0;
  return utf8_detail::AsciiOrTwoByteBlock(p);
}
#endif

Writer& Writer::String(std::string_view s) {
  // One pass: copy runs of plain bytes (kChunk at a time where PlainChunk
  // allows), escape the few that need it, and check UTF-8 on the way.
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t mark = out_.size();
  out_ += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escape
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    if (i + kChunk <= n) {
      if (const size_t k = PlainChunk(s.data() + i)) {
        i += k;
        continue;
      }
    } else {
      // The last few bytes, padded with spaces (plain bytes that complete no
      // sequence: a lead byte at the very end still fails).
      char tail[kChunk];
      std::memset(tail, ' ', kChunk);
      std::memcpy(tail, s.data() + i, n - i);
      if (PlainChunk(tail) != 0) break;
    }
    // Byte by byte through this chunk.
    const size_t stop = i + kChunk < n ? i + kChunk : n;
    while (i < stop) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {
        if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
          i += 2;
          continue;
        }
        const size_t at = i;
        if (NextCodePoint(s, i) == 0xFFFD && i == at + 1) {  // malformed: never from text::Load
          out_.resize(mark);
          return String(Repaired(s));
        }
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      out_.append(s.data() + run, i - run);
      run = ++i;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
      }
    }
  }
  out_.append(s.data() + run, n - run);
  out_ += '"';
  return *this;
}

// s with each byte that starts no valid UTF-8 sequence replaced by U+FFFD:
// NextCodePoint decodes a malformed byte as U+FFFD, and re-encoding a valid
// code point gives back its own bytes.
std::string Writer::Repaired(std::string_view s) {
  std::string fixed;
  for (size_t i = 0; i < s.size();) AppendUtf8(fixed, NextCodePoint(s, i));
  return fixed;
}

void Year(Writer& w, const std::optional<int>& year) {
  w.Key("year");
  if (year) {
    w.Int(*year);
  } else {
    w.Null();
  }
}

void Sector(Writer& w, const Fact& f) {
  if (!f.sector.empty()) w.Key("sector").String(f.sector);
}

// The document line, with the text's length in code points given.
std::string DocumentLine(const Document& doc, size_t chars) {
  std::string out;
  out.reserve(256 + doc.id.size() + (doc.title ? doc.title->size() : 0));
  Writer w(out);
  w.Open();
  w.Key("doc").String(doc.id);
  w.Key("type").String("document");
  w.Key("published");
  if (doc.published) {
    w.String(doc.published->ToString());
  } else {
    w.Null();
  }
  w.Key("title");
  if (doc.title) {
    w.String(*doc.title);
  } else {
    w.Null();
  }
  w.Key("chars").Int(static_cast<int64_t>(chars));
  if (!doc.url.empty()) w.Key("url").String(doc.url);
  if (!doc.source.empty()) w.Key("source").String(doc.source);
  if (!doc.encoding.empty() && doc.encoding != "UTF-8") w.Key("encoding").String(doc.encoding);
  if (!doc.published_how.empty()) w.Key("published_how").String(doc.published_how);
  if (!doc.dateline_city.empty()) w.Key("dateline_city").String(doc.dateline_city);
  w.Close();
  return out;
}

}  // namespace

std::string DocumentJsonLine(const Document& doc) { return DocumentLine(doc, CodePointCount(doc.text)); }

std::string DocumentJsonLine(const Document& doc, const CodePointIndex& index) {
  return DocumentLine(doc, index.ToCodePoints(doc.text.size()));
}

std::string FactJsonLine(const Document& doc, const Fact& f, const CodePointIndex& index) {
  std::string out;
  // the sentence: the fact's copy, or where its span points when it has
  // none (ExtractOptions::evidence_text off)
  const std::string_view evidence = f.evidence.text.empty() ? doc.Slice(f.evidence.span) : f.evidence.text;
  out.reserve(320 + 2 * evidence.size());
  Writer w(out);
  w.Open();
  w.Key("doc").String(doc.id);
  w.Key("type").String(FactTypeName(f.type));
  w.Key("parties").OpenArray();
  for (size_t i = 0; i < f.parties.size(); ++i) w.Next(i == 0).String(f.parties[i]);
  w.CloseArray();
  switch (f.type) {
    case FactType::kTurnover:
    case FactType::kTurnoverShare:
      if (f.type == FactType::kTurnover) {
        w.Key("status").String(f.status);
        w.Key("value").Number(f.value);
        if (f.value_min && f.value_max) {
          w.Key("value_min").Number(*f.value_min);
          w.Key("value_max").Number(*f.value_max);
        }
        w.Key("currency").String(f.currency);
        w.Key("qualifier").String(f.qualifier.empty() ? "exact" : f.qualifier);
      } else {
        w.Key("percent").Number(f.percent);
        if (!f.name.empty()) w.Key("of").String(f.name);
      }
      Year(w, f.year);
      if (!f.period.empty()) w.Key("period").String(f.period);
      w.Key("sectoral").Bool(f.sectoral);
      Sector(w, f);
      break;
    case FactType::kTradeFlow:
      w.Key("from").String(f.flow_from);
      w.Key("to").String(f.flow_to);
      w.Key("status").String(f.status);
      w.Key("value").Number(f.value);
      if (f.value_min && f.value_max) {
        w.Key("value_min").Number(*f.value_min);
        w.Key("value_max").Number(*f.value_max);
      }
      w.Key("currency").String(f.currency);
      w.Key("qualifier").String(f.qualifier.empty() ? "exact" : f.qualifier);
      Year(w, f.year);
      if (!f.period.empty()) w.Key("period").String(f.period);
      w.Key("sectoral").Bool(f.sectoral);
      Sector(w, f);
      break;
    case FactType::kTurnoverChange:
      w.Key("percent").Number(f.percent);
      Year(w, f.year);
      w.Key("sectoral").Bool(f.sectoral);
      Sector(w, f);
      break;
    case FactType::kMeeting:
      w.Key("date");
      if (f.date) {
        w.String(f.date->ToString());
      } else {
        w.Null();
      }
      w.Key("place").StringOrNull(f.place);
      w.Key("participants").OpenArray();
      for (size_t i = 0; i < f.participants.size(); ++i) {
        const Participant& p = f.participants[i];
        w.Next(i == 0).Begin();
        w.Key("name").String(p.name);
        if (!p.role.empty()) w.Key("role").String(p.role);
        w.Key("party").String(p.party);
        w.Close();
      }
      w.CloseArray();
      break;
    case FactType::kOrganization:
      w.Key("name").String(f.name);
      w.Key("country").StringOrNull(f.country);
      Sector(w, f);
      break;
    case FactType::kSector:
      w.Key("sector").String(f.sector);
      break;
    case FactType::kProject:
      w.Key("name").String(f.name);
      if (f.value > 0) {
        w.Key("value").Number(f.value);
        if (f.value_min && f.value_max) {
          w.Key("value_min").Number(*f.value_min);
          w.Key("value_max").Number(*f.value_max);
        }
        w.Key("currency").String(f.currency);
      }
      if (f.quantity) {
        w.Key("quantity").Number(*f.quantity);
        w.Key("unit").String(f.unit);
      }
      if (!f.status.empty()) w.Key("status").String(f.status);
      Sector(w, f);
      break;
  }
  if (!f.speaker.empty()) w.Key("speaker").String(f.speaker);
  if (f.forecast) {
    w.Key("forecast").Bool(true);
    if (!f.forecast_by.empty()) w.Key("forecast_by").String(f.forecast_by);
  }
  w.Key("evidence").Begin();
  w.Key("text").String(evidence);
  w.Key("start").Int(static_cast<int64_t>(index.ToCodePoints(f.evidence.span.start)));
  w.Key("end").Int(static_cast<int64_t>(index.ToCodePoints(f.evidence.span.end)));
  w.Close();
  if (!f.rule.empty()) w.Key("rule").String(f.rule);
  w.Close();
  return out;
}

}  // namespace facts
}  // namespace oborot
