#include "src/cli/doc_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace oborot::cli {
namespace {

// Stands in for InputWalker: `count` inputs, every seventh unreadable.
class FakeWalker {
 public:
  explicit FakeWalker(int count) : count_(count) {}
  std::optional<Result<RawInput>> Next() {
    if (next_ == count_) return std::nullopt;
    const int n = next_++;
    bytes_ += 10;
    if (n % 7 == 6) return Result<RawInput>(Status(StatusCode::kNotFound, "in" + std::to_string(n) + ": gone"));
    RawInput in;
    in.source = "in" + std::to_string(n);
    in.bytes = std::to_string(n);
    return Result<RawInput>(std::move(in));
  }
  uint64_t bytes_read() const { return bytes_; }
  int taken() const { return next_.load(); }

 private:
  int count_;
  std::atomic<int> next_{0};  // read by the test's sink while a worker takes the next
  uint64_t bytes_ = 0;
};

// Work of uneven length, so that with several threads documents finish out of order.
void Spin(int n) {
  volatile uint64_t x = 1;
  for (int i = 0; i < (n % 5) * 30000; ++i) x = x * 6364136223846793005ull + 1;
}

struct Seen {
  std::vector<std::string> lines;  // "ok in3 <3>" or "failed in6: <message>"
  std::vector<uint64_t> bytes;
};

Seen RunAll(size_t threads, size_t window, int count, int* max_ahead = nullptr) {
  FakeWalker walk(count);
  Seen seen;
  int handed = 0;
  DocLoop({.threads = threads, .window = window})
      .Run(
          walk,
          [&](const RawInput& in, std::string& out) -> Status {
            const int n = std::stoi(in.bytes);
            Spin(n);
            if (n % 11 == 10) throw std::runtime_error("boom " + in.bytes);
            if (n % 13 == 12) return Status(StatusCode::kEmpty, in.source + ": empty document");
            out = "<" + in.bytes + ">";
            return Status::Ok();
          },
          [&](const DocOutcome& d) {
            ++handed;
            if (max_ahead) *max_ahead = std::max(*max_ahead, walk.taken() - handed);
            seen.lines.push_back(d.status.ok() ? "ok " + d.input + " " + d.out
                                               : "failed " + d.input + ": " + d.status.message() + d.out);
            seen.bytes.push_back(d.bytes_read);
          });
  return seen;
}

TEST(DocLoopTest, EveryThreadCountGivesTheSameOutcomesInInputOrder) {
  const Seen one = RunAll(1, 0, 300);
  ASSERT_EQ(one.lines.size(), 300u);
  EXPECT_EQ(one.lines[0], "ok in0 <0>");
  EXPECT_EQ(one.lines[6], "failed in6: in6: gone");
  EXPECT_EQ(one.lines[10], "failed in10: in10: internal error while reading this document (boom 10); it was skipped");
  EXPECT_EQ(one.lines[12], "failed in12: in12: empty document");
  for (size_t i = 0; i < one.bytes.size(); ++i) EXPECT_EQ(one.bytes[i], 10 * (i + 1));
  for (size_t threads : {2, 3, 8}) {
    const Seen many = RunAll(threads, 0, 300);
    EXPECT_EQ(many.lines, one.lines) << threads << " threads";
    EXPECT_EQ(many.bytes, one.bytes) << threads << " threads";
  }
}

TEST(DocLoopTest, AtMostAWindowOfDocumentsIsReadAhead) {
  for (size_t threads : {2, 4, 8}) {
    for (size_t window : {1, 5, 24}) {
      int max_ahead = 0;
      const Seen seen = RunAll(threads, window, 400, &max_ahead);
      EXPECT_EQ(seen.lines.size(), 400u);
      EXPECT_LE(max_ahead, static_cast<int>(window)) << threads << " threads, window " << window;
    }
  }
}

// Inputs of `size` bytes each; the one at `huge` of ten times that.
class SizedWalker {
 public:
  SizedWalker(int count, size_t size, int huge) : count_(count), size_(size), huge_(huge) {}
  std::optional<Result<RawInput>> Next() {
    if (next_ == count_) return std::nullopt;
    RawInput in;
    in.source = std::to_string(next_);
    in.bytes.assign(next_ == huge_ ? 10 * size_ : size_, 'x');
    ++next_;
    return Result<RawInput>(std::move(in));
  }
  uint64_t bytes_read() const { return 0; }

 private:
  int count_;
  size_t size_;
  int huge_;
  int next_ = 0;
};

TEST(DocLoopTest, LargeDocumentsAreNotWorkedOnAtOnce) {
  // A budget of 250 bytes: two 100-byte documents at once, and the
  // 1,000-byte one alone, whatever the number of threads.
  SizedWalker walk(60, 100, 30);
  std::atomic<int> working{0};
  std::atomic<size_t> bytes{0};
  int max_working = 0, handed = 0;
  size_t max_bytes = 0;
  std::mutex mu;
  DocLoop({.threads = 8, .window = 0, .max_bytes = 250})
      .Run(
          walk,
          [&](const RawInput& in, std::string& out) -> Status {
            const int now = ++working;
            const size_t b = bytes += in.bytes.size();
            {
              std::lock_guard<std::mutex> lock(mu);
              max_working = std::max(max_working, now);
              max_bytes = std::max(max_bytes, b);
            }
            Spin(7);
            bytes -= in.bytes.size();
            --working;
            out = in.source;
            return Status::Ok();
          },
          [&](const DocOutcome& d) { EXPECT_EQ(d.out, std::to_string(handed++)); });
  EXPECT_EQ(handed, 60);
  EXPECT_LE(max_working, 2);
  EXPECT_LE(max_bytes, 1000u);
}

TEST(DocLoopTest, NoInputsNoOutcomes) {
  EXPECT_TRUE(RunAll(1, 0, 0).lines.empty());
  EXPECT_TRUE(RunAll(4, 0, 0).lines.empty());
}

}  // namespace
}  // namespace oborot::cli
