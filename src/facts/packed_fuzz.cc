// libFuzzer target: PackFact/UnpackFact round trip on facts whose every
// field comes from the fuzzer (any bytes in the strings, any doubles incl.
// NaN and infinities, empty and long vectors). Checks: the unpacked fact
// packs to the same bytes, and its JSONL line is the original's, so a large
// document's facts written in pieces from their packed form are the lines
// the facts give.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <string>

#include "src/base/utf8.h"
#include "src/facts/json.h"
#include "src/facts/packed.h"

namespace {

std::string Str(FuzzedDataProvider& p) { return p.ConsumeRandomLengthString(64); }
oborot::Span SpanOf(FuzzedDataProvider& p) {
  oborot::Span s;
  s.start = p.ConsumeIntegral<uint32_t>();
  s.end = p.ConsumeIntegral<uint32_t>();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider p(data, size);
  oborot::Fact f;
  f.type = static_cast<oborot::FactType>(p.ConsumeIntegralInRange<int>(0, 7));
  for (int n = p.ConsumeIntegralInRange<int>(0, 4); n > 0; --n) f.parties.push_back(Str(p));
  f.status = Str(p);
  f.value = p.ConsumeFloatingPoint<double>();
  if (p.ConsumeBool()) f.value_min = p.ConsumeFloatingPoint<double>();
  if (p.ConsumeBool()) f.value_max = p.ConsumeFloatingPoint<double>();
  f.currency = Str(p);
  f.qualifier = Str(p);
  if (p.ConsumeBool()) f.year = p.ConsumeIntegral<int>();
  f.period = Str(p);
  f.sectoral = p.ConsumeBool();
  f.sector = Str(p);
  f.speaker = Str(p);
  f.forecast = p.ConsumeBool();
  f.forecast_by = Str(p);
  f.flow_from = Str(p);
  f.flow_to = Str(p);
  f.percent = p.ConsumeFloatingPoint<double>();
  if (p.ConsumeBool()) {
    oborot::Date d;
    d.year = p.ConsumeIntegral<int>();
    d.month = p.ConsumeIntegral<int>();
    d.day = p.ConsumeIntegral<int>();
    f.date = d;
  }
  f.place = Str(p);
  for (int n = p.ConsumeIntegralInRange<int>(0, 3); n > 0; --n) f.participants.push_back({Str(p), Str(p), Str(p)});
  f.name = Str(p);
  f.country = Str(p);
  if (p.ConsumeBool()) f.quantity = p.ConsumeFloatingPoint<double>();
  f.unit = Str(p);
  f.rule = Str(p);
  for (int n = p.ConsumeIntegralInRange<int>(0, 3); n > 0; --n) f.used.push_back({Str(p), SpanOf(p)});
  f.confidence = p.ConsumeFloatingPoint<double>();
  // The document the fact's evidence points into, and a span within it.
  oborot::Document doc;
  doc.id = "d";
  doc.text = p.ConsumeRemainingBytesAsString();
  doc.text.resize(std::min<size_t>(doc.text.size(), 1u << 16));
  const uint32_t end = static_cast<uint32_t>(doc.text.size());
  const uint32_t start = static_cast<uint32_t>(static_cast<unsigned>(f.year.value_or(0)) % (end + 1u));
  f.evidence.span = {start, end};
  f.evidence.text = doc.text.substr(start);

  const std::string packed = oborot::facts::PackFact(f);
  if (oborot::facts::PackedFactType(packed) != f.type) std::abort();
  const oborot::Fact again = oborot::facts::UnpackFact(packed);
  if (oborot::facts::PackFact(again) != packed) std::abort();
  const oborot::CodePointIndex index(doc.text);
  if (oborot::facts::FactJsonLine(doc, again, index) != oborot::facts::FactJsonLine(doc, f, index)) std::abort();
  return 0;
}
