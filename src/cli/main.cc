// oborot: the command-line program. Every subcommand lives in its own
// cmd_<name>.cc and registers itself (see command.h); exceptions are caught
// here, once, and turned into a message and an exit status.
//
// Conventions: bare `oborot` and `oborot help` print the command list,
// `oborot help CMD` a command's help, a mistyped command the list with the
// nearest names ("did you mean"); `--data-dir` goes before or after the
// subcommand; `--version` prints the program, data and schema versions.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>

#include "src/base/data.h"
#include "src/cli/command.h"
#include "src/cli/terminal.h"
#include "src/kb/store.h"

#ifndef OBOROT_VERSION
#define OBOROT_VERSION "unknown"
#endif

namespace oborot::cli {
std::vector<CommandSpec>& Commands() {
  static std::vector<CommandSpec> commands;
  return commands;
}

namespace {

// Levenshtein distance over bytes (command names are ASCII); short strings only.
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string CommandList() {
  std::string s =
      "oborot: trade-turnover facts from Russian-language news about Belarus's economic cooperation\n\n"
      "Usage: oborot [--data-dir DIR] COMMAND [OPTIONS] [ARGS]\n\nCommands:\n";
  size_t width = 0;
  for (const auto& c : Commands()) width = std::max(width, c.name.size());
  for (const auto& c : Commands()) s += "  " + c.name + std::string(width - c.name.size() + 2, ' ') + c.help + "\n";
  s += "\n`oborot COMMAND --help` (or `oborot help COMMAND`) describes a command's options.\n";
  return s;
}

std::string VersionText() {
  char data[32];
  std::snprintf(data, sizeof data, "%016llx", static_cast<unsigned long long>(oborot::data::EmbeddedVersion()));
  return std::string("oborot ") + OBOROT_VERSION + " (data " + data + ", knowledge base schema " +
         std::to_string(oborot::kb::Store::SchemaVersion()) + ")";
}

}  // namespace
}  // namespace oborot::cli

namespace oborot::cli {
namespace {

// Parses the arguments with CLI11 and runs the chosen command.
int Run(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  const int argc = static_cast<int>(argv.size());
  CLI::App app{"oborot: trade-turnover facts from Russian-language news about Belarus's economic cooperation"};
  app.require_subcommand(1);
  std::string data_dir;
  app.add_option("--data-dir", data_dir, "load gazetteers and lexicons from DIR instead of the built-in copy")
      ->check(CLI::ExistingDirectory);
  std::vector<std::pair<CLI::App*, RunFn>> runs;
  for (auto& c : Commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    sub->add_option("--data-dir", data_dir, "load gazetteers and lexicons from DIR instead of the built-in copy")
        ->check(CLI::ExistingDirectory);
    runs.emplace_back(sub, c.setup(*sub));
  }
  try {
    app.parse(argc, argv.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (!data_dir.empty()) oborot::data::SetDataDir(data_dir);
  try {
    for (auto& [sub, run] : runs) {
      if (!sub->parsed()) continue;
      const int rc = run();
      // Output that could not be written (a full disk, a file system gone)
      // fails the command, whatever it returned: checked here once for every
      // command (`parties`, `show`, `search` said nothing and exited 0).
      std::cout.flush();
      if (rc == kExitOk && (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout))) {
        std::cerr << "oborot: standard output: write error\n";
        return kExitSomeFailed;
      }
      return rc;
    }
  } catch (const std::exception& e) {
    std::cerr << "oborot: internal error: " << e.what() << "\n";
    return 3;
  }
  return kExitUsage;
}

}  // namespace
}  // namespace oborot::cli

int main(int argc, char** argv) {
  using namespace oborot::cli;
  auto& cmds = Commands();
  std::sort(cmds.begin(), cmds.end(), [](const CommandSpec& a, const CommandSpec& b) { return a.name < b.name; });
  std::vector<std::string> args(argv, argv + argc);
  // Messages name documents, files and URLs taken from the data: their
  // control characters are shown, never sent to the terminal (terminal.h).
  // Never destroyed: std::cerr writes through it until the very end.
  std::cerr.rdbuf(new ControlFilter(std::cerr.rdbuf()));

  // The first word that is not an option (nor --data-dir's value) names the command.
  size_t first = 1;
  while (first < args.size() && !args[first].empty() && args[first][0] == '-') {
    const std::string& a = args[first];
    if (a == "--version") {
      std::cout << VersionText() << "\n";
      return kExitOk;
    }
    if (a == "--help" || a == "-h") {
      std::cout << CommandList();
      return kExitOk;
    }
    first += a == "--data-dir" ? 2 : 1;
  }
  if (first >= args.size()) {
    std::cerr << CommandList();
    return kExitUsage;
  }
  const std::string word = args[first];
  if (word == "help") {
    if (first + 1 >= args.size()) {
      std::cout << CommandList();
      return kExitOk;
    }
    // `oborot help show` is `oborot show --help`.
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(first));
    args.resize(first + 1);
    args.push_back("--help");
    return Run(std::move(args));
  }
  const bool known = std::any_of(cmds.begin(), cmds.end(), [&](const CommandSpec& c) { return c.name == word; });
  if (!known) {
    std::string near;
    for (const auto& c : cmds) {
      if (Distance(word, c.name) <= 2 || c.name.rfind(word, 0) == 0) near += (near.empty() ? "" : ", ") + c.name;
    }
    std::cerr << "oborot: no command \"" << word << "\"";
    if (!near.empty()) std::cerr << "; did you mean: " << near << "?";
    std::cerr << "\n\n" << CommandList();
    return kExitUsage;
  }
  return Run(std::move(args));
}
