// The shared shape of `oborot import-official` and `oborot import-rates`:
// read one CSV file, open the knowledge base for writing, run the importer,
// print every bad row ("FILE:LINE: problem") and a summary.
//
//   return RunImport(o->db, o->file, "official figures", [&](kb::Db& db, std::string_view bytes) {
//     return kb::ImportOfficial(db, bytes, o->file, known);
//   });
#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "src/cli/command.h"
#include "src/kb/official.h"
#include "src/kb/store.h"

namespace oborot::cli {

inline constexpr size_t kMaxImportBytes = size_t{256} << 20;

// Exit status: 0 every row imported, 1 some rows (or the file) refused.
template <typename Import>
int RunImport(const std::string& db_path, const std::string& file, const char* what, Import import) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    std::cerr << "oborot: " << file << ": is a directory, not a CSV file\n";
    return kExitSomeFailed;
  }
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "oborot: " << file << ": cannot open for reading" << (errno ? std::string(": ") + std::strerror(errno) : "")
              << "\n";
    return kExitSomeFailed;
  }
  std::string bytes;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<size_t>(in.gcount()));
    if (bytes.size() > kMaxImportBytes) {
      std::cerr << "oborot: " << file << ": larger than " << (kMaxImportBytes >> 20) << " MiB; split it\n";
      return kExitSomeFailed;
    }
  }
  if (in.bad()) {
    std::cerr << "oborot: " << file << ": read error\n";
    return kExitSomeFailed;
  }
  auto store = kb::Store::Open(db_path, {});
  if (!store.ok()) {
    std::cerr << "oborot: " << store.status().message() << "\n";
    return kExitSomeFailed;
  }
  Result<kb::ImportReport> r = import((*store)->db(), bytes);
  if (!r.ok()) {
    std::cerr << "oborot: " << r.status().message() << "\n";
    return kExitSomeFailed;
  }
  for (const auto& e : r->errors) std::cerr << "oborot: " << e << "\n";
  std::cerr << "oborot: " << file << ": " << r->imported << " " << what << " imported";
  if (!r->errors.empty()) std::cerr << ", " << r->errors.size() << " rows refused";
  std::cerr << "\n";
  return r->errors.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace oborot::cli
