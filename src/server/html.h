// Escaping for HTML text and for JSON embedded in an HTML page.
//
//   out += "<td>" + oborot::server::HtmlEscape(title) + "</td>";
//   out += "<script type=\"application/json\">" + oborot::server::JsonForScript(j) + "</script>";
//   std::string body = oborot::server::JsonText(j);  // never throws, even on invalid UTF-8
//
// Article text can contain «<script>», quotes and «onerror=»: everything that
// comes from the knowledge base goes through one of these before it reaches
// HTML. No errors; results are owned strings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace oborot::server {

// & < > " ' as character references; safe in element text and in quoted attributes.
std::string HtmlEscape(std::string_view text);
// Compact JSON; invalid UTF-8 in strings is replaced by U+FFFD instead of throwing.
std::string JsonText(const nlohmann::ordered_json& j);
// JSON safe inside <script>: additionally < > & and U+2028/U+2029 as \u escapes,
// so no «</script>» or «<!--» can end or alter the script element.
std::string JsonForScript(const nlohmann::ordered_json& j);
// JavaScript source safe inside an inline <script>: «</script» and «<!--» are
// broken up («<\/script», «<\!--»), which leaves strings, regexes and comments
// meaning the same.
std::string ScriptForInline(std::string_view js);
// CSS safe inside an inline <style>: «</style» broken up as «<\/style».
std::string StyleForInline(std::string_view css);

}  // namespace oborot::server
