// Bundled data files (gazetteers, lexicons, the sample corpus).
//
//   auto text = oborot::data::Read("gazetteers/regions.tsv");
//   if (!text.ok()) return text.status();
//   auto rows = oborot::data::ParseTsv("gazetteers/regions.tsv", *text);
//
// The files under data/ are validated and compiled into the binary at build
// time by tools/datac. SetDataDir() makes Read() load them from a folder
// instead, so an analyst can try a gazetteer change without a rebuild.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"

namespace oborot::data {

// Reads a data file by its path relative to data/. Errors: kNotFound.
Result<std::string> Read(std::string_view relpath);
// Paths of the data files under a folder prefix ("sample/"), sorted.
std::vector<std::string> List(std::string_view prefix);
// Loads data files from DIR from now on (empty: back to the embedded copy).
// Not thread-safe: call before any stage loads its data.
void SetDataDir(std::string dir);
const std::string& DataDir();
// Version stamp of the embedded data (a hash of all file contents).
uint64_t EmbeddedVersion();
// Version stamp of the data in use: EmbeddedVersion(), or with a data folder
// (SetDataDir) a hash of the folder's copies of the same files, so that facts
// extracted with an edited gazetteer are told apart. Computed once per folder.
uint64_t LoadedVersion();

// One TSV row: the columns (unescaped) and the 1-based line number.
struct TsvRow {
  std::vector<std::string> cols;
  size_t line = 0;
};
// Parses TSV text: '#' lines are comments (the first names the columns), blank
// lines skipped, every row must have at least min_cols columns.
// Errors: kCorrupt naming the file and line.
Result<std::vector<TsvRow>> ParseTsv(std::string_view name, std::string_view text, size_t min_cols = 1);
// Read() and ParseTsv() of one data file.
Result<std::vector<TsvRow>> ReadTsv(std::string_view relpath, size_t min_cols = 1);

}  // namespace oborot::data
