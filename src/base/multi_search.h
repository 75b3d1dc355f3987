// MultiSearcher: finds many byte patterns in one pass over a text
// (Aho–Corasick automaton over bytes).
//
//   oborot::MultiSearcher s;
//   s.Add("подписывайтесь на");   // pattern 0
//   s.Add("©");                   // pattern 1
//   s.Build();
//   int first = s.FirstPatternIn(line);      // the smallest id that occurs, or -1
//   auto st = s.stepper();                   // the same, a byte at a time:
//   for (char c : line) state = st.Next(state, c), Use(st.SmallestEndingAt(state));
//   s.ForEach(text, [](size_t id, size_t end) { Use(id, end); return true; });
//
// Patterns are raw bytes (fold the text and the patterns the same way first).
// An empty pattern is ignored. ForEach reports every occurrence, overlapping
// ones included, in order of end offset (ties: longer pattern first); the
// callback returns false to stop.
// Hand-rolled: no Debian-packaged library offers a small multi-pattern
// matcher (Hyperscan is regex-sized). Running each pattern's
// Boyer-Moore-Horspool search over every line was about a twentieth of
// `oborot extract`'s time; the automaton reads each byte once.
// Thread safety: Add()/Build() single-threaded; afterwards every const member
// may be called concurrently.
#pragma once

#include <array>
#include <utility>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oborot {

class MultiSearcher {
 public:
  void Add(std::string_view pattern);
  void Build();
  size_t size() const { return patterns_.size(); }
  const std::string& pattern(size_t id) const { return patterns_[id]; }

  // The smallest pattern id that occurs anywhere in text, or -1.
  int FirstPatternIn(std::string_view text) const {
    int best = -1;
    uint32_t state = 0;
    for (char c : text) {
      state = Step(state, c);
      if (state < first_output_state_) continue;  // states are numbered: outputs last
      const int m = min_out_[state];
      if (best < 0 || m < best) {
        best = m;
        if (best == 0) break;
      }
    }
    return best;
  }

  // Incremental matching, for a caller that produces the text byte by byte
  // (say, folding it on the fly): start from state 0, feed bytes with Next;
  // SmallestEndingAt gives the smallest id of the patterns that end at the
  // byte just fed, or -1. The smallest over all bytes is FirstPatternIn.
  // A copy of the table pointers that a hot loop keeps in registers (the
  // members of a shared searcher are reloaded after every store).
  class Stepper {
   public:
    uint32_t Next(uint32_t state, char c) const {
      return delta_[state * classes_ + class_of_[static_cast<unsigned char>(c)]];
    }
    // Next with the byte's class already looked up (class_of()).
    uint32_t NextClass(uint32_t state, uint32_t cls) const { return delta_[state * classes_ + cls]; }
    int SmallestEndingAt(uint32_t state) const { return state < first_output_state_ ? -1 : min_out_[state]; }

   private:
    friend class MultiSearcher;
    const uint32_t* delta_;
    const uint16_t* class_of_;
    const int* min_out_;
    uint32_t classes_;
    uint32_t first_output_state_;
  };
  // The class that Stepper::NextClass takes for byte c (0: no pattern has c).
  uint32_t class_of(char c) const { return class_of_[static_cast<unsigned char>(c)]; }
  Stepper stepper() const {
    Stepper s;
    s.delta_ = delta_.data();
    s.class_of_ = class_of_.data();
    s.min_out_ = min_out_.data();
    s.classes_ = classes_;
    s.first_output_state_ = first_output_state_;
    return s;
  }

  template <typename F>
  void ForEach(std::string_view text, F&& f) const {
    uint32_t state = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      state = Step(state, text[i]);
      for (uint32_t s = has_out_[state] ? state : out_link_[state]; s != kNone; s = out_link_[s]) {
        for (uint32_t id : own_[s]) {
          if (!f(static_cast<size_t>(id), i + 1)) return;
        }
      }
    }
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t Step(uint32_t state, char c) const {
    return delta_[state * classes_ + class_of_[static_cast<unsigned char>(c)]];
  }

  std::vector<std::string> patterns_;
  bool built_ = false;
  std::array<uint16_t, 256> class_of_{};  // byte -> class; 0 = a byte no pattern has
  uint32_t classes_ = 1;
  std::vector<uint32_t> delta_;                // state * classes_ + class -> next state
  std::vector<int> min_out_;                   // smallest id ending here or at a suffix state; -1
  std::vector<std::vector<uint32_t>> own_;     // ids of patterns that end exactly at the state
  std::vector<bool> has_out_;                  // own_ not empty
  std::vector<uint32_t> out_link_;             // nearest proper suffix state with outputs, or kNone
  uint32_t first_output_state_ = 0;            // states from here on have min_out_ >= 0
  friend class FoldedMultiSearcher;            // its ScanLine reads the tables directly
};

// FoldedMultiSearcher: the same search over FoldCase(text) without building
// the folded text: the automaton reads the raw UTF-8 text one code point at a
// time, folding each as FoldCase would (patterns are given folded).
//
//   oborot::FoldedMultiSearcher s;
//   s.Add("подписывайтесь на");              // pattern 0, folded
//   s.Build();
//   int first = s.FirstPatternIn("ПОДПИСЫВАЙТЕСЬ НА НАС");  // 0
//   auto st = s.stepper();                   // the same, a code point at a time:
//   for (size_t i = 0; i < line.size();) state = st.Next(state, st.ClassAt(line, i)), ...
//
// One step per code point instead of one per byte of the folded text (two
// for a Cyrillic letter), and folding and the byte-class lookup are one table
// read for ASCII and Cyrillic: matching boilerplate lines this way took a
// third of the time of folding them into a byte automaton. Internally a
// MultiSearcher whose "bytes" are code point symbols: the patterns may use at
// most 255 distinct code points. A pattern that is not valid UTF-8 never
// matches (FoldCase output always is). Thread safety as MultiSearcher.
class FoldedMultiSearcher {
 public:
  void Add(std::string_view folded_pattern);
  void Build();
  size_t size() const { return symbols_.size(); }

  // The smallest id of the patterns that occur in FoldCase(text), or -1.
  int FirstPatternIn(std::string_view text) const;

  class Stepper {
   public:
    // The automaton class of the folded code point at text[i] (i < size);
    // advances i past it exactly as NextCodePoint does.
    uint32_t ClassAt(std::string_view text, size_t& i) const {
      const auto b0 = static_cast<unsigned char>(text[i]);
      if (b0 < 0x80) {
        ++i;
        return ascii_[b0];
      }
      if ((b0 & 0xFE) == 0xD0 && i + 1 < text.size()) {  // U+0400..U+047F
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        if ((b1 & 0xC0) == 0x80) {
          i += 2;
          return cyrillic_[((b0 & 1u) << 6) | (b1 & 0x3Fu)];
        }
      }
      return owner_->ClassSlow(text, i);
    }
    uint32_t Next(uint32_t state, uint32_t cls) const { return ac_.NextClass(state, cls); }
    int SmallestEndingAt(uint32_t state) const { return ac_.SmallestEndingAt(state); }

   private:
    friend class FoldedMultiSearcher;
    MultiSearcher::Stepper ac_;
    const uint16_t* ascii_;
    const uint16_t* cyrillic_;
    const FoldedMultiSearcher* owner_;
  };
  // What a line-classifying caller needs in one pass over a short line: the
  // smallest pattern id occurring in FoldCase(text) (-1: none), the code
  // points read, and where code point `mark_cps` ends (text.size() when the
  // text has fewer; unset when mark_cps is 0). Stops with too_long as soon as
  // a code point beyond `max_cps` is reached (cps then max_cps + 1). Code
  // points are counted as NextCodePoint advances (a malformed byte is one).
  // Equal to stepping with stepper() and counting, but a tighter loop (the
  // table pointers in registers, states pre-multiplied by the class count,
  // one counter test per code point): boilerplate matching reads every line
  // of up to 401 code points of every document this way.
  struct LineScan {
    int first = -1;
    size_t cps = 0;
    size_t mark_end = 0;
    bool too_long = false;
  };
  LineScan ScanLine(std::string_view text, size_t max_cps, size_t mark_cps) const;

  Stepper stepper() const {
    Stepper s;
    s.ac_ = ac_.stepper();
    s.ascii_ = ascii_.data();
    s.cyrillic_ = cyrillic_.data();
    s.owner_ = this;
    return s;
  }

 private:
  uint16_t ClassOfFolded(char32_t folded) const;
  // out of line: inlined, it crowded the table pointers of ScanLine out of registers
  [[gnu::noinline]] uint32_t ClassSlow(std::string_view text, size_t& i) const;

  std::vector<std::string> symbols_;       // the patterns, one byte (1..255) per code point
  std::vector<char32_t> alphabet_;         // code point of symbol k + 1
  std::vector<std::pair<char32_t, uint16_t>> class_by_cp_;  // sorted: folded code point -> class
  MultiSearcher ac_;
  std::vector<uint32_t> scaled_delta_;  // ac_'s transitions with every state s written s * classes
  std::array<uint16_t, 128> ascii_{};     // byte -> class of its fold
  std::array<uint16_t, 128> cyrillic_{};  // (lead & 1) << 6 | (second & 0x3F) -> class of the fold of U+0400..U+047F
};

}  // namespace oborot
