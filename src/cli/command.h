// The CLI's command registry: each cmd_<name>.cc registers one subcommand.
//
//   static oborot::cli::Registrar reg("extract", "Extract facts as JSONL", Setup);
//
// Setup adds the subcommand's options to its CLI::App and returns the function
// that runs it; that function returns the process exit status
// (0 all went through, 1 some documents failed, 2 usage error).
#pragma once

#include <CLI/CLI.hpp>

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

// Exit codes shared by all commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

}  // namespace oborot::cli
