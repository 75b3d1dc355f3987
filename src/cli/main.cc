// oborot: the command-line program. Every subcommand lives in its own
// cmd_<name>.cc and registers itself (see command.h); exceptions are caught
// here, once, and turned into a message and an exit status.
#include <algorithm>
#include <exception>
#include <iostream>

#include "src/base/data.h"
#include "src/cli/command.h"

namespace oborot::cli {
std::vector<CommandSpec>& Commands() {
  static std::vector<CommandSpec> commands;
  return commands;
}
}  // namespace oborot::cli

int main(int argc, char** argv) {
  using namespace oborot::cli;
  CLI::App app{"oborot: trade-turnover facts from Russian-language news about Belarus's economic cooperation"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "oborot 0.1.0");
  std::string data_dir;
  app.add_option("--data-dir", data_dir, "load gazetteers and lexicons from DIR instead of the built-in copy")
      ->check(CLI::ExistingDirectory);
  auto& cmds = Commands();
  std::sort(cmds.begin(), cmds.end(), [](const CommandSpec& a, const CommandSpec& b) { return a.name < b.name; });
  std::vector<std::pair<CLI::App*, RunFn>> runs;
  for (auto& c : cmds) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    runs.emplace_back(sub, c.setup(*sub));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (!data_dir.empty()) oborot::data::SetDataDir(data_dir);
  try {
    for (auto& [sub, run] : runs) {
      if (sub->parsed()) return run();
    }
  } catch (const std::exception& e) {
    std::cerr << "oborot: internal error: " << e.what() << "\n";
    return 3;
  }
  return kExitUsage;
}
