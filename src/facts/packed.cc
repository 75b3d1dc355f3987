#include "src/facts/packed.h"

#include <cstdint>
#include <cstring>
#include <optional>

#include "oborot/status.h"

namespace oborot::facts {
namespace {

// Fields in the order of Fact's declaration. Lengths and counts are varints
// (a byte holds 7 bits); numbers are their bytes in the machine's order.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void Size(size_t n) {
    while (n >= 0x80) {
      out_.push_back(static_cast<char>(n | 0x80));
      n >>= 7;
    }
    out_.push_back(static_cast<char>(n));
  }
  void Str(const std::string& s) {
    Size(s.size());
    out_.append(s);
  }
  template <typename T>
  void Raw(const T& v) {
    char b[sizeof v];
    std::memcpy(b, &v, sizeof v);
    out_.append(b, sizeof v);
  }
  void Bool(bool b) { out_.push_back(b ? 1 : 0); }
  template <typename T>
  void Opt(const std::optional<T>& v) {
    Bool(v.has_value());
    if (v) Raw(*v);
  }
  void SpanOf(const Span& s) {
    Raw(s.start);
    Raw(s.end);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  size_t Size() {
    size_t n = 0;
    for (int shift = 0;; shift += 7) {
      OBOROT_ASSERT(at_ < in_.size());
      const auto b = static_cast<unsigned char>(in_[at_++]);
      n |= static_cast<size_t>(b & 0x7f) << shift;
      if (b < 0x80) return n;
    }
  }
  void Str(std::string& s) {
    const size_t n = Size();
    OBOROT_ASSERT(at_ + n <= in_.size());
    s.assign(in_.substr(at_, n));
    at_ += n;
  }
  template <typename T>
  void Raw(T& v) {
    OBOROT_ASSERT(at_ + sizeof v <= in_.size());
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
  }
  bool Bool() { return in_[at_++] != 0; }
  template <typename T>
  void Opt(std::optional<T>& v) {
    if (!Bool()) return;
    T x;
    Raw(x);
    v = x;
  }
  void SpanOf(Span& s) {
    Raw(s.start);
    Raw(s.end);
  }
  bool done() const { return at_ == in_.size(); }

 private:
  std::string_view in_;
  size_t at_ = 0;
};

}  // namespace

std::string PackFact(const Fact& f) {
  std::string out;
  Writer w(out);
  out.push_back(static_cast<char>(f.type));  // first: PackedFactType
  w.Size(f.parties.size());
  for (const std::string& p : f.parties) w.Str(p);
  w.Str(f.status);
  w.Raw(f.value);
  w.Opt(f.value_min);
  w.Opt(f.value_max);
  w.Str(f.currency);
  w.Str(f.qualifier);
  w.Opt(f.year);
  w.Str(f.period);
  w.Bool(f.sectoral);
  w.Str(f.sector);
  w.Str(f.speaker);
  w.Bool(f.forecast);
  w.Str(f.forecast_by);
  w.Str(f.flow_from);
  w.Str(f.flow_to);
  w.Raw(f.percent);
  w.Bool(f.date.has_value());
  if (f.date) {
    w.Raw(f.date->year);
    w.Raw(f.date->month);
    w.Raw(f.date->day);
  }
  w.Str(f.place);
  w.Size(f.participants.size());
  for (const Participant& p : f.participants) {
    w.Str(p.name);
    w.Str(p.role);
    w.Str(p.party);
  }
  w.Str(f.name);
  w.Str(f.country);
  w.Opt(f.quantity);
  w.Str(f.unit);
  w.Str(f.evidence.text);
  w.SpanOf(f.evidence.span);
  w.Str(f.rule);
  w.Size(f.used.size());
  for (const UsedSpan& u : f.used) {
    w.Str(u.what);
    w.SpanOf(u.span);
  }
  w.Raw(f.confidence);
  out.shrink_to_fit();  // held for the whole document: not at a doubled capacity
  return out;
}

Fact UnpackFact(std::string_view bytes) {
  Fact f;
  OBOROT_ASSERT(!bytes.empty());
  f.type = PackedFactType(bytes);
  Reader r(bytes.substr(1));
  f.parties.resize(r.Size());
  for (std::string& p : f.parties) r.Str(p);
  r.Str(f.status);
  r.Raw(f.value);
  r.Opt(f.value_min);
  r.Opt(f.value_max);
  r.Str(f.currency);
  r.Str(f.qualifier);
  r.Opt(f.year);
  r.Str(f.period);
  f.sectoral = r.Bool();
  r.Str(f.sector);
  r.Str(f.speaker);
  f.forecast = r.Bool();
  r.Str(f.forecast_by);
  r.Str(f.flow_from);
  r.Str(f.flow_to);
  r.Raw(f.percent);
  if (r.Bool()) {
    Date d;
    r.Raw(d.year);
    r.Raw(d.month);
    r.Raw(d.day);
    f.date = d;
  }
  r.Str(f.place);
  f.participants.resize(r.Size());
  for (Participant& p : f.participants) {
    r.Str(p.name);
    r.Str(p.role);
    r.Str(p.party);
  }
  r.Str(f.name);
  r.Str(f.country);
  r.Opt(f.quantity);
  r.Str(f.unit);
  r.Str(f.evidence.text);
  r.SpanOf(f.evidence.span);
  r.Str(f.rule);
  f.used.resize(r.Size());
  for (UsedSpan& u : f.used) {
    r.Str(u.what);
    r.SpanOf(u.span);
  }
  r.Raw(f.confidence);
  OBOROT_ASSERT(r.done());
  return f;
}

}  // namespace oborot::facts
