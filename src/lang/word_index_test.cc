#include "src/lang/word_index.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace oborot::lang {
namespace {

// The ids and folds a WordIndex refers to, as the word cache keeps them.
struct Words {
  std::vector<std::string> folds;
  std::vector<uint64_t> hashes;
  WordIndex index;

  uint32_t Find(std::string_view w) const {
    return index.Find(WordIndex::Hash(w), w, [this](uint32_t id) { return std::string_view(folds[id]); });
  }
  uint32_t Intern(std::string_view w) {
    if (const uint32_t id = Find(w); id != WordIndex::kMissing) return id;
    const auto id = static_cast<uint32_t>(folds.size());
    folds.emplace_back(w);
    hashes.push_back(WordIndex::Hash(w));
    index.Insert(hashes.back(), id, [this](uint32_t i) { return hashes[i]; });
    return id;
  }
};

TEST(WordIndex, FindsWhatWasInsertedAndNothingElse) {
  Words w;
  EXPECT_EQ(w.Find("товарооборот"), WordIndex::kMissing);  // empty table
  EXPECT_EQ(w.Intern("товарооборот"), 0u);
  EXPECT_EQ(w.Intern("вырос"), 1u);
  EXPECT_EQ(w.Intern(""), 2u);
  EXPECT_EQ(w.Intern("товарооборот"), 0u);
  EXPECT_EQ(w.Find("вырос"), 1u);
  EXPECT_EQ(w.Find(""), 2u);
  EXPECT_EQ(w.Find("выросла"), WordIndex::kMissing);
  EXPECT_EQ(w.Find("товарооборота"), WordIndex::kMissing);
  EXPECT_EQ(w.index.size(), 3u);
  w.index.Clear();
  EXPECT_EQ(w.index.size(), 0u);
  EXPECT_EQ(w.Find("вырос"), WordIndex::kMissing);
}

// Every byte counts: words that share their first and last eight bytes and
// their length (long Russian word forms often do) hash apart, and prefixes
// of one another and words differing in one byte anywhere are told apart.
TEST(WordIndex, HashReadsEveryByte) {
  const std::string base = "сотрудничества";  // 28 bytes
  std::set<uint64_t> hashes;
  size_t variants = 0;
  for (size_t i = 0; i < base.size(); ++i) {
    std::string v = base;
    v[i] = static_cast<char>(v[i] ^ 1);
    hashes.insert(WordIndex::Hash(v));
    ++variants;
  }
  for (size_t n = 0; n <= base.size(); ++n) {
    hashes.insert(WordIndex::Hash(std::string_view(base).substr(0, n)));
    ++variants;
  }
  EXPECT_EQ(hashes.size(), variants);
  // a zero byte at the end is not the end of the string
  EXPECT_NE(WordIndex::Hash(std::string_view("ab\0", 3)), WordIndex::Hash("ab"));
}

// Differential: random words (many sharing long prefixes and suffixes, and
// many lookups of words never inserted) against std::unordered_map, across
// several growths of the table and a Clear.
TEST(WordIndex, AgreesWithUnorderedMap) {
  std::mt19937 rng(17);
  const std::vector<std::string> parts = {"экспорт", "импорт", "ирова", "ния", "ть", "ой", "а", "x", "", "\xd1",
                                          "товарооборот", "12", " ", "-", "ё"};
  auto word = [&] {
    std::string s;
    const size_t k = 1 + rng() % 5;
    for (size_t i = 0; i < k; ++i) s += parts[rng() % parts.size()];
    return s;
  };
  for (int round = 0; round < 2; ++round) {
    Words w;
    std::unordered_map<std::string, uint32_t> ref;
    for (int i = 0; i < 20000; ++i) {
      const std::string s = word();
      if (rng() % 3 == 0) {
        const auto it = ref.find(s);
        ASSERT_EQ(w.Find(s), it == ref.end() ? WordIndex::kMissing : it->second) << s;
        continue;
      }
      const uint32_t id = w.Intern(s);
      const auto [it, inserted] = ref.try_emplace(s, id);
      ASSERT_EQ(id, it->second) << s;
      ASSERT_EQ(inserted, id + 1 == w.folds.size()) << s;
    }
    EXPECT_GT(ref.size(), 1024u);  // the table grew past its first size
    EXPECT_EQ(w.index.size(), ref.size());
    for (const auto& [s, id] : ref) ASSERT_EQ(w.Find(s), id) << s;
  }
}

}  // namespace
}  // namespace oborot::lang
