#include "src/server/rate_limit.h"

#include <gtest/gtest.h>

namespace oborot::server {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiterTest, AllowsBurstThenRefusesUntilRefilled) {
  RateLimiter limit(10, 3);
  const auto t0 = RateLimiter::Clock::time_point() + std::chrono::hours(1);
  EXPECT_TRUE(limit.Allow("127.0.0.1", t0));
  EXPECT_TRUE(limit.Allow("127.0.0.1", t0));
  EXPECT_TRUE(limit.Allow("127.0.0.1", t0));
  EXPECT_FALSE(limit.Allow("127.0.0.1", t0));
  // Another client has its own bucket.
  EXPECT_TRUE(limit.Allow("10.0.0.2", t0));
  // 10 per second: one token after 100 ms, not before.
  EXPECT_FALSE(limit.Allow("127.0.0.1", t0 + milliseconds(50)));
  EXPECT_TRUE(limit.Allow("127.0.0.1", t0 + milliseconds(150)));
  EXPECT_FALSE(limit.Allow("127.0.0.1", t0 + milliseconds(160)));
  // A long pause refills only up to the burst.
  const auto later = t0 + std::chrono::seconds(60);
  int allowed = 0;
  for (int i = 0; i < 10; ++i) allowed += limit.Allow("127.0.0.1", later) ? 1 : 0;
  EXPECT_EQ(allowed, 3);
}

TEST(RateLimiterTest, ZeroRateAllowsEverything) {
  RateLimiter limit(0, 1);
  EXPECT_FALSE(limit.enabled());
  int allowed = 0;
  for (int i = 0; i < 1000; ++i) allowed += limit.Allow("x") ? 1 : 0;
  EXPECT_EQ(allowed, 1000);
}

TEST(RateLimiterTest, MemoryIsBoundedByForgettingRefilledClients) {
  RateLimiter limit(100, 2, /*max_clients=*/4);
  const auto t0 = RateLimiter::Clock::time_point() + std::chrono::hours(1);
  for (const char* client : {"c0", "c1", "c2", "c3"}) EXPECT_TRUE(limit.Allow(client, t0));
  // A second later all four have refilled and are forgotten for the new one.
  EXPECT_TRUE(limit.Allow("new", t0 + std::chrono::seconds(1)));
  EXPECT_TRUE(limit.Allow("c0", t0 + std::chrono::seconds(1)));
  EXPECT_TRUE(limit.Allow("c0", t0 + std::chrono::seconds(1)));
  EXPECT_FALSE(limit.Allow("c0", t0 + std::chrono::seconds(1)));
}

}  // namespace
}  // namespace oborot::server
