#include "src/kb/raw_input.h"

#include <gtest/gtest.h>

namespace oborot::kb {
namespace {

TEST(RawInputTest, RoundTrip) {
  RawInput in;
  in.id = "2023-04-04_kaluga";
  in.source = "corpus/2023-04-04_kaluga.html";
  in.url = "https://example.com/a";
  in.title = "Заголовок";
  in.published = "2023-04-04";
  in.published_fallback = "2023-04-03";
  in.published_fallback_how = "file-name";
  in.charset = "windows-1251";
  in.fetched_at = "2024-03-01T10:00:00Z";
  in.format = InputFormat::kHtml;
  in.bytes = std::string("\xcf\xf0\xe8\xe2\xe5\xf2 \0 binary", 15) + std::string(10000, 'x');
  const StoredInput s = PackInput(in);
  EXPECT_EQ(s.format, "html");
  EXPECT_EQ(s.size, static_cast<int64_t>(in.bytes.size()));
  EXPECT_LT(s.compressed.size(), in.bytes.size() / 10);
  auto back = UnpackInput(s);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->bytes, in.bytes);
  EXPECT_EQ(back->id, in.id);
  EXPECT_EQ(back->source, in.source);
  EXPECT_EQ(back->url, in.url);
  EXPECT_EQ(back->title, in.title);
  EXPECT_EQ(back->published, in.published);
  EXPECT_EQ(back->published_fallback, in.published_fallback);
  EXPECT_EQ(back->published_fallback_how, in.published_fallback_how);
  EXPECT_EQ(back->charset, in.charset);
  EXPECT_EQ(back->fetched_at, in.fetched_at);
  EXPECT_EQ(back->format, InputFormat::kHtml);
}

TEST(RawInputTest, CorruptStoredInputs) {
  RawInput in;
  in.id = "a";
  in.bytes = "text";
  StoredInput s = PackInput(in);
  StoredInput bad_meta = s;
  bad_meta.meta = "[1]";
  EXPECT_EQ(UnpackInput(bad_meta).status().code(), StatusCode::kCorrupt);
  StoredInput bad_stream = s;
  bad_stream.compressed = "garbage";
  EXPECT_EQ(UnpackInput(bad_stream).status().code(), StatusCode::kCorrupt);
  StoredInput bad_size = s;
  bad_size.size = 3;
  EXPECT_EQ(UnpackInput(bad_size).status().code(), StatusCode::kCorrupt);
  StoredInput empty;
  empty.meta = "{}";
  empty = PackInput(RawInput{});
  EXPECT_TRUE(UnpackInput(empty).ok());
}

}  // namespace
}  // namespace oborot::kb
