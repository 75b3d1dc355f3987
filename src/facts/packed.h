// A fact packed into bytes, for a large document's tens of thousands of
// facts: a Fact is 680 bytes and a few allocations of its own (its parties,
// the rule's name) whatever it holds, while a packed turnover fact is about
// 110 bytes.
//
//   std::string bytes = oborot::facts::PackFact(fact);
//   oborot::Fact again = oborot::facts::UnpackFact(bytes);  // equal, field for field
//
// Every field is kept exactly (doubles bit for bit, optionals, empty
// strings), so that the JSONL written from an unpacked fact is the line the
// fact gives. Hand-written rather than a serialisation library: the format
// lives only in memory within one call, and a library's framing
// (protobuf, cereal, msgpack) would need a schema or adaptors for every
// field of Fact and its members for the same result.
#pragma once

#include <string>
#include <string_view>

#include "oborot/fact.h"

namespace oborot::facts {

std::string PackFact(const Fact& f);
// `bytes` must come from PackFact (checked by OBOROT_ASSERT only).
Fact UnpackFact(std::string_view bytes);
// The type of a packed fact, without unpacking it.
inline FactType PackedFactType(std::string_view bytes) { return static_cast<FactType>(bytes[0]); }

}  // namespace oborot::facts
