// The CLI's command registry: each cmd_<name>.cc registers one subcommand.
//
//   static oborot::cli::Registrar reg("extract", "Extract facts as JSONL", Setup);
//
// Setup adds the subcommand's options to its CLI::App and returns the function
// that runs it; that function returns the process exit status
// (0 all went through, 1 some documents failed, 2 usage error).
#pragma once

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include <functional>
#include <string>
#include <vector>

namespace oborot::cli {

using RunFn = std::function<int()>;
using SetupFn = std::function<RunFn(CLI::App&)>;

struct CommandSpec {
  std::string name;
  std::string help;
  SetupFn setup;
};

std::vector<CommandSpec>& Commands();

struct Registrar {
  Registrar(std::string name, std::string help, SetupFn setup) {
    Commands().push_back({std::move(name), std::move(help), std::move(setup)});
  }
};

// Where a command writes: standard output, or the file its --out option names.
//
//   OutputTarget out;
//   if (!out.Open(o->out)) return kExitUsage;  // the error is already printed
//   out.stream() << line << '\n';
class OutputTarget {
 public:
  // An empty path keeps standard output. Prints "oborot: PATH: cannot open for writing" on failure.
  bool Open(const std::string& path) {
    if (path.empty()) return true;
    file_.open(path, std::ios::binary);
    if (!file_) {
      std::cerr << "oborot: " << path << ": cannot open for writing\n";
      return false;
    }
    out_ = &file_;
    return true;
  }
  std::ostream& stream() { return *out_; }

 private:
  std::ofstream file_;
  std::ostream* out_ = &std::cout;
};

// Exit codes shared by all commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

}  // namespace oborot::cli
