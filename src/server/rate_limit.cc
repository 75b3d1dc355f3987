#include "src/server/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace oborot::server {

RateLimiter::RateLimiter(double rate, double burst, size_t max_clients)
    : rate_(rate), burst_(std::max(burst, 1.0)), max_clients_(max_clients) {}

bool RateLimiter::Allow(std::string_view client, Clock::time_point now) {
  if (rate_ <= 0) return true;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(std::string(client));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) Prune(now);
    it = buckets_.emplace(std::string(client), Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.last).count();
  if (elapsed > 0) {
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.last = now;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

int RateLimiter::RetryAfterSeconds() const {
  if (rate_ <= 0) return 1;
  return std::max(1, static_cast<int>(std::ceil(1.0 / rate_)));
}

void RateLimiter::Prune(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.last).count();
    if (it->second.tokens + elapsed * rate_ >= burst_) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
  // Every client is mid-burst: forget them all rather than grow without bound.
  if (buckets_.size() >= max_clients_) buckets_.clear();
}

}  // namespace oborot::server
