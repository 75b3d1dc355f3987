// The pieces of an HTTP request the server reads itself, as pure functions
// (for the server and its fuzz target): percent-decoding, the query string,
// the Host header's name, path checks and log-safe text.
//
//   Params p = ParseQuery("party=RU-KLU&type=turnover");   // in order, decoded
//   if (BadPath(Decode(raw_path, false))) return NotFound();
//
// None of them fails or throws on any input (but for std::bad_alloc).
#pragma once

#include <string>
#include <string_view>

#include "src/server/api.h"

namespace oborot::server {

// Percent-decoding, hand-rolled: libmicrohttpd decodes the path into a C
// string, so «/index.html%00.js» would arrive cut short as «/index.html» and
// be served; decoding the raw target here keeps the NUL for BadPath to
// refuse. Malformed escapes stay as they are; '+' is a space when asked.
std::string Decode(std::string_view s, bool plus_is_space);

// "a=1&b=x+y" -> {{"a","1"},{"b","x y"}}, in order; empty pieces are skipped.
Params ParseQuery(std::string_view query);

// The host part of a Host header value, lower case: "127.0.0.1:8080" ->
// "127.0.0.1", "[::1]:8080" -> "[::1]".
std::string HostName(std::string_view host);

// A path the server never serves: not absolute, with "..", a backslash or a NUL.
bool BadPath(std::string_view path);

// A request path as one log-safe token: control bytes become \xNN, so a
// path cannot forge log lines.
std::string Printable(std::string_view s);

}  // namespace oborot::server
