// A per-client token bucket: each client (by IP address) may make `rate`
// requests a second on average and `burst` at once.
//
//   oborot::server::RateLimiter limit(200, 400);
//   if (!limit.Allow(req.remote_addr)) Reply(429);
//
// Thread-safe. Memory is bounded: when more than `max_clients` clients are
// tracked, those whose buckets have refilled are forgotten (they would be
// allowed anyway). A rate of 0 allows everything. No errors.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace oborot::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double rate, double burst, size_t max_clients = 10000);

  // Takes one token from the client's bucket; false when it is empty.
  bool Allow(std::string_view client) { return Allow(client, Clock::now()); }
  bool Allow(std::string_view client, Clock::time_point now);
  // Seconds until the client's next token (for Retry-After), at least 1.
  int RetryAfterSeconds() const;
  bool enabled() const { return rate_ > 0; }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  void Prune(Clock::time_point now);

  double rate_, burst_;
  size_t max_clients_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace oborot::server
