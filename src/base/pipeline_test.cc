#include "src/base/pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace oborot {
namespace {

// Work whose length varies from job to job, so that with several threads
// the jobs finish out of order.
uint64_t Spin(int n) {
  uint64_t x = static_cast<uint64_t>(n);
  for (int i = 0; i < (n % 7) * 20000; ++i) x = x * 6364136223846793005ull + 1442695040888963407ull;
  return x;
}

struct Case {
  size_t threads;
  size_t window;
  int jobs;
};

class PipelineTest : public ::testing::TestWithParam<Case> {};

TEST_P(PipelineTest, ResultsComeInTheOrderJobsWereTaken) {
  const Case c = GetParam();
  int next = 0;
  std::atomic<int> sunk{0};
  int max_in_flight = 0;
  std::vector<int> seen;
  RunOrdered(
      {.threads = c.threads, .window = c.window},
      [&]() -> std::optional<int> {
        if (next == c.jobs) return std::nullopt;
        max_in_flight = std::max(max_in_flight, next + 1 - sunk.load());
        return next++;
      },
      [&](int& job) { return std::make_pair(job, Spin(job)); },
      [&](std::pair<int, uint64_t>& r) {
        EXPECT_EQ(r.second, Spin(r.first));
        seen.push_back(r.first);
        ++sunk;
        return true;
      });
  ASSERT_EQ(seen.size(), static_cast<size_t>(c.jobs));
  for (int i = 0; i < c.jobs; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], i);
  // The window's worth waiting for the sink, and the one in it.
  EXPECT_LE(max_in_flight, static_cast<int>(std::max<size_t>(c.window, 1)) + 1);
}

TEST_P(PipelineTest, SinkReturningFalseStopsTakingJobs) {
  const Case c = GetParam();
  int taken = 0;
  int sunk = 0;
  RunOrdered(
      {.threads = c.threads, .window = c.window},
      [&]() -> std::optional<int> { return taken < 1000 ? std::optional<int>(taken++) : std::nullopt; },
      [&](int& job) { return job; },
      [&](int& job) {
        EXPECT_EQ(job, sunk);
        return ++sunk < 5;
      });
  EXPECT_EQ(sunk, 5);
  // Jobs taken but never sunk: at most the window's worth.
  EXPECT_LE(taken, 5 + static_cast<int>(std::max<size_t>(c.window, 1)));
  EXPECT_LT(taken, 1000);
}

TEST_P(PipelineTest, NoJobs) {
  const Case c = GetParam();
  int calls = 0;
  RunOrdered(
      {.threads = c.threads, .window = c.window}, [&]() -> std::optional<std::string> { return std::nullopt; },
      [&](std::string& s) { return s; },
      [&](std::string&) {
        ++calls;
        return true;
      });
  EXPECT_EQ(calls, 0);
}

INSTANTIATE_TEST_SUITE_P(Threads, PipelineTest,
                         ::testing::Values(Case{0, 8, 200}, Case{1, 1, 200}, Case{2, 3, 500}, Case{4, 16, 500},
                                           Case{3, 0, 100}));

}  // namespace
}  // namespace oborot
