// Whole-file reads and writes for the tests that run the built binary
// (tests/cli, tests/e2e, tests/hostile): one copy instead of one per file.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace oborot::test {

// The bytes of `p` ("" when it cannot be read).
inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes `bytes` to `p`, replacing it.
inline void Write(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

}  // namespace oborot::test
