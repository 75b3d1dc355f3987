#include "src/cli/terminal.h"

#include <gtest/gtest.h>

#include <sstream>

namespace oborot::cli {
namespace {

TEST(ShowControlsTest, EscapesC0DelAndC1KeepsTextAndChosenControls) {
  struct Case {
    std::string in, keep, out;
  };
  const Case cases[] = {
      {"plain", "", "plain"},
      {"Калуга", "", "Калуга"},
      {"a\x1b]0;title\x07z", "", "a\\x1b]0;title\\x07z"},
      {"a\x1b[2Jb", "", "a\\x1b[2Jb"},
      {"line\rover", "", "line\\x0dover"},
      {std::string("nul\0x", 5), "", "nul\\x00x"},
      {"del\x7f", "", "del\\x7f"},
      {"c1\xc2\x9b" "31m", "", "c1\\u009b31m"},
      {"\xc2\xa0nbsp", "", "\xc2\xa0nbsp"},  // U+00A0 is no control
      {"two\nlines\tand tab", "\n\t", "two\nlines\tand tab"},
      {"two\nlines", "", "two\\x0alines"},
      {"\xff\xfe", "", "\xff\xfe"},  // not UTF-8: the bytes are left alone
      {"cut\xc2", "", "cut\xc2"},
  };
  for (const Case& c : cases) EXPECT_EQ(ShowControls(c.in, c.keep), c.out) << c.in;
}

TEST(ControlFilterTest, FiltersWhatPassesThroughAndKeepsLines) {
  std::ostringstream sink;
  ControlFilter filter(sink.rdbuf());
  std::ostream out(&filter);
  out << "oborot: bad\x1b[31mname.txt: empty document\n";
  out << "c1 split \xc2";  // the C1 control's two bytes in two writes
  out << "\x9b end\n";
  out << 'x' << '\x07' << "\n" << std::flush;
  EXPECT_EQ(sink.str(), "oborot: bad\\x1b[31mname.txt: empty document\nc1 split \\u009b end\nx\\x07\n");
}

}  // namespace
}  // namespace oborot::cli
