#include "src/cli/write_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace oborot::cli {
namespace {

namespace fs = std::filesystem;

class WriteFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("oborot_write_file_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_ / "locked", fs::perms::owner_all, ec);
    fs::remove_all(dir_);
  }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

TEST_F(WriteFileTest, ReplacesAFileWholeAndLeavesNoTemporary) {
  const std::string path = (dir_ / "report.html").string();
  std::ofstream(path) << "old";
  ASSERT_TRUE(WriteFileReplacing(path, "new report").ok());
  EXPECT_EQ(Read(path), "new report");
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

// Each failure names the path and the system's reason, and changes nothing.
TEST_F(WriteFileTest, FailuresNameThePathAndTheReason) {
  const std::string folder = (dir_ / "folder").string();
  fs::create_directories(folder);
  Status st = WriteFileReplacing(folder, "x");
  EXPECT_EQ(st.message(), folder + ": cannot write: Is a directory");
  EXPECT_TRUE(fs::is_directory(folder));

  const std::string file = (dir_ / "plain").string();
  std::ofstream(file) << "kept";
  st = WriteFileReplacing(file + "/report.html", "x");
  EXPECT_EQ(st.message(), file + "/report.html: cannot write: Not a directory");
  EXPECT_EQ(Read(file), "kept");

  st = WriteFileReplacing((dir_ / "none" / "report.html").string(), "x");
  EXPECT_EQ(st.message(), (dir_ / "none" / "report.html").string() + ": cannot write: No such file or directory");

  if (fs::exists("/dev/full")) {
    st = WriteFileReplacing("/dev/full", "x");
    EXPECT_EQ(st.message(), "/dev/full: cannot write: No space left on device");
  }

  if (::geteuid() != 0) {  // root may write anywhere
    const fs::path locked = dir_ / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    st = WriteFileReplacing((locked / "report.html").string(), "x");
    EXPECT_EQ(st.message(), (locked / "report.html").string() + ": cannot write: Permission denied");
  }
}

}  // namespace
}  // namespace oborot::cli
