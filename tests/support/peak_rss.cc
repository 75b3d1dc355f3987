// oborot_peak_rss OUT PROGRAM [ARGS...]: runs PROGRAM and writes its peak
// resident set size (kilobytes, getrusage's ru_maxrss of the one child it
// waited for) to the file OUT; exits with PROGRAM's status (128 + the signal
// when killed).
//
// Why a program of its own: a child forked from a test and exec'd starts
// with ru_maxrss at the test's resident size at the fork (Linux keeps the
// high-water mark of the memory the exec replaced), so a test that holds a
// large input measured its own memory, not oborot's. This program is small
// and forks oborot itself, so the figure is oborot's. When this process
// dies (the test's time limit kills it), the child is killed too.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: oborot_peak_rss OUT PROGRAM [ARGS...]\n");
    return 2;
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before the line above
    execv(argv[2], argv + 2);
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) return 127;
  }
  if (FILE* f = std::fopen(argv[1], "w")) {
    std::fprintf(f, "%ld\n", ru.ru_maxrss);
    std::fclose(f);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
