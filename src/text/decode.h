// Bytes in an unknown encoding to UTF-8.
//
//   auto d = oborot::text::DecodeToUtf8(raw.bytes, raw.source);
//   if (!d.ok()) return d.status();   // "a.txt: binary data at byte 12"
//   Use(d->text, d->encoding);        // encoding: "UTF-8", "windows-1251", "KOI8-R", ...
//
// Order: a byte-order mark decides (UTF-8 BOM stripped, UTF-16 LE/BE converted
// with ICU); binary input (a NUL byte, or many control bytes) is refused;
// valid UTF-8 stays as it is; text that is mostly UTF-8 (at least one run of
// three or more valid multi-byte characters) is decoded run by run: valid
// UTF-8 as it is, each run of other bytes in the single-byte Cyrillic
// charset that reads as Russian (a footer pasted from a Windows-1251 page),
// else each invalid byte as U+FFFD (a stray byte, a character cut at the
// end), with warnings naming the byte offsets; otherwise a declared charset
// (from an HTML <meta>) is used when ICU knows it and the result is not
// garbage, else the better of Windows-1251 and KOI8-R by Russian letter
// statistics. A UTF-8 byte-order mark always decodes run by run. Line ends
// are left as they are (cleaning treats "\r\n" and "\r" as line breaks), so
// offsets into the decoded text stay those of the characters decoded.
//
// Errors (messages start with `source`):
//   kInvalidInput "SOURCE: binary data at byte N"
//   kInvalidInput "SOURCE: invalid UTF-8 at byte N" (not UTF-8 and not plausibly Cyrillic)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"

namespace oborot::text {

struct Decoded {
  std::string text;      // UTF-8, without a byte-order mark
  std::string encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "KOI8-R", "windows-1252", ...
  // The input was checked to be valid UTF-8 and text is that input: later
  // stages may skip checking it again (false says nothing either way).
  bool valid_utf8 = false;
  // Repairs made, one message each naming `source` and the byte offsets:
  // "a.txt: invalid UTF-8 at byte 120, replaced by U+FFFD".
  std::vector<std::string> warnings;
};

Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view source, std::string_view declared_charset = "");

// Converts bytes from `charset` (any name ICU knows) to UTF-8. Exposed for
// tests and the benchmark's corpus. Errors: kInvalidArgument for a charset ICU
// does not know, kInvalidInput when conversion fails.
Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset);
// The reverse: UTF-8 to `charset`, unmappable characters become '?'.
Result<std::string> ConvertFromUtf8(std::string_view utf8, std::string_view charset);

// How plausible a UTF-8 text is as Russian: 0 (garbage) .. about 2 (clean
// prose). Counts the share of lower-case letters among Cyrillic ones and the
// share of the ten most frequent Russian letters; C1 controls, U+FFFD and box
// drawing count against it. Fewer than three Cyrillic letters, or text that is
// mostly capitals or rare letters, scores 0.
double RussianPlausibility(std::string_view utf8);

}  // namespace oborot::text
