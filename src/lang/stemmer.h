// The Snowball Russian stemmer (libstemmer), one instance per thread.
//
//   std::string s = oborot::lang::Stem("воронежской");  // "воронежск"
//
// libstemmer instances are not thread-safe, so Stem() keeps a thread_local
// one. Input should already be folded (lower case, ё -> е).
#pragma once

#include <string>
#include <string_view>

namespace oborot::lang {

std::string Stem(std::string_view folded_word);

}  // namespace oborot::lang
