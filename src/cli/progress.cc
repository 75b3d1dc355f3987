#include "src/cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <string_view>

namespace oborot::cli {

Progress::Progress(bool quiet, std::FILE* out)
    : out_(out), enabled_(!quiet && out != nullptr && isatty(fileno(out))), start_(Clock::now()), last_draw_(start_) {}

Progress::~Progress() { Finish(); }

std::string_view Progress::Format(char* buf, size_t size, uint64_t documents, uint64_t bytes, double seconds) {
  const double mb = static_cast<double>(bytes) / 1e6;
  const double rate = seconds > 0 ? mb / seconds : 0.0;
  const int n = std::snprintf(buf, size, "%llu documents, %.1f MB, %.1f MB/s",
                              static_cast<unsigned long long>(documents), mb, rate);
  return std::string_view(buf, n < 0 ? 0 : std::min(static_cast<size_t>(n), size - 1));
}

void Progress::Update(uint64_t documents, uint64_t bytes) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (now - start_ < std::chrono::seconds(1) || now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  char buf[128];
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string_view line = Format(buf, sizeof buf, documents, bytes, seconds);
  std::fprintf(out_, "\r%.*s\x1b[K", static_cast<int>(line.size()), line.data());
  std::fflush(out_);
  drawn_ = true;
}

void Progress::Finish() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace oborot::cli
