// Writing a whole output file (the report, and any other file a command
// writes in one piece) so that a failure says why and leaves nothing half
// written:
//
//   if (Status st = WriteFileReplacing("report.html", html); !st.ok()) {
//     std::cerr << "oborot: " << st.message() << "\n";   // "report.html: cannot write: No space left on device"
//   }
//
// A regular file (or a new one) is written to PATH.tmp beside it, flushed to
// disk and renamed over PATH, so PATH is the old file or the whole new one; a
// device or a FIFO (/dev/stdout, /dev/full, a pipe) is written directly. POSIX
// calls rather than std::ofstream, whose failure carries no reason: every
// error names the path and the system's reason (permission, not a directory,
// is a directory, disk full).
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "oborot/status.h"

namespace oborot::cli {

inline Status WriteFileReplacing(const std::string& path, std::string_view data) {
  auto fail = [&](int err, const std::string& what = "cannot write") {
    return Status(StatusCode::kIoError, path + ": " + what + ": " + std::strerror(err));
  };
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return fail(EISDIR);
  const bool direct = exists && !S_ISREG(st.st_mode);
  const std::string target = direct ? path : path + ".tmp";
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return fail(errno);
  int err = 0;
  for (size_t done = 0; done < data.size() && err == 0;) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno != EINTR) err = errno;
    if (n > 0) done += static_cast<size_t>(n);
  }
  if (err == 0 && !direct && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && !direct && ::rename(target.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    if (!direct) ::unlink(target.c_str());
    return fail(err);
  }
  return Status::Ok();
}

}  // namespace oborot::cli
