// A point in wall time after which a document's processing stops: the
// --max-doc-seconds budget, checked by the stages between steps.
//
//   oborot::Deadline deadline = oborot::Deadline::After(60);  // 0: never
//   for (...) { if (deadline.Expired()) return TooSlow(); ... }
//
// Expired() reads the monotonic clock (a vDSO call, tens of nanoseconds), so
// checking it once per sentence costs nothing measurable.
#pragma once

#include <chrono>

namespace oborot {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  Deadline() = default;  // never expires
  // `seconds` from now; 0 or less: never.
  static Deadline After(double seconds) {
    Deadline d;
    if (seconds > 0) {
      d.seconds_ = seconds;
      d.at_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
      d.set_ = true;
    }
    return d;
  }
  bool Expired() const { return set_ && Clock::now() >= at_; }
  double seconds() const { return seconds_; }  // the budget, for messages

 private:
  Clock::time_point at_{};
  double seconds_ = 0;
  bool set_ = false;
};

}  // namespace oborot
