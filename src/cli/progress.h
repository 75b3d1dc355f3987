// A one-line progress display on standard error for long batch commands.
//
//   oborot::cli::Progress progress(quiet);
//   while (...) { ...; progress.Update(docs, bytes); }
//   progress.Finish();   // clears the line
//
// It draws only when standard error is a terminal, --quiet is off and the
// run has lasted more than a second; it redraws at most five times a second,
// so calling Update() per document costs a clock read. Line: "1234 documents,
// 56.7 MB, 12.3 MB/s". Not thread-safe: one Progress per command.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace oborot::cli {

class Progress {
 public:
  // quiet: never draw. out: where to draw (standard error by default).
  explicit Progress(bool quiet, std::FILE* out = stderr);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Update(uint64_t documents, uint64_t bytes);
  // Erases the line if one was drawn. Call before printing a summary.
  void Finish();
  // Whether anything was drawn so far (for tests).
  bool drawn() const { return drawn_; }

  // The text of the line, without drawing; exposed for tests.
  static std::string_view Format(char* buf, size_t size, uint64_t documents, uint64_t bytes, double seconds);

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace oborot::cli
