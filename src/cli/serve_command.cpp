// talent serve: decisions over HTTP, with hot reload of the pack and a
// decision log (docs/embedding.md#http).
#include "cli/cli.hpp"
#include "serve/housekeeper.hpp"
#include "serve/server.hpp"
#include "serve/service_text.hpp"

#include <boost/program_options.hpp>

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <random>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

// One line to standard error in one write, so that lines from several
// threads never mix.
void write_line(const std::string& line) {
  std::string_view rest = line;
  while (!rest.empty()) {
    ssize_t n = ::write(STDERR_FILENO, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to say it: the answers go on regardless
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string instance_id() {
  std::random_device random;
  char text[16];
  std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(random()));
  return text;
}

}  // namespace

int serve_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string rules_dir, log_file;
  serve::ServerOptions options;
  unsigned port = 8080, threads = 0;
  po::options_description desc("talent serve [options]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&rules_dir), "rule pack folder, reloaded when it changes (default: the built-in pack)")
      ("bind", po::value(&options.bind), "address to listen on (default: 127.0.0.1; 0.0.0.0 or :: for every interface)")
      ("port", po::value(&port), "port to listen on (default: 8080; 0 for any free port)")
      ("log", po::value(&log_file), "append a receipt for every record decided to FILE (JSON Lines; see talent replay)")
      ("threads", po::value(&threads), "threads answering requests (default: the cores available)");
  std::vector<std::string> operands;
  po::variables_map vm = parse_arguments(args, desc, operands);
  if (vm.count("help")) {
    out << help_text("serve", language_of(args));
    return kExitOk;
  }
  if (!operands.empty()) throw usage("cli.usage.serve_argument", {arg("value", operands.front())});
  if (port > 65535) throw usage("cli.usage.port", {arg("value", std::to_string(port))});
  if (vm.count("threads") && (threads < 1 || threads > 256)) {
    throw usage("cli.usage.threads", {arg("value", std::to_string(threads))});
  }
  std::error_code ec;
  if (!rules_dir.empty() && !std::filesystem::is_directory(rules_dir, ec)) {
    throw usage(std::filesystem::exists(rules_dir, ec) ? "cli.usage.rules_not_folder" : "cli.usage.rules_no_folder", {arg("file", rules_dir)});
  }
  options.port = static_cast<unsigned short>(port);
  options.threads = threads > 0 ? threads : cores_available();

  auto say = [](const std::string& message) { write_line(serve::utc_timestamp() + " " + message + "\n"); };
  std::unique_ptr<serve::DecisionLog> log;
  if (!log_file.empty()) {
    log = std::make_unique<serve::DecisionLog>(log_file);
    std::string error;
    if (!log->open(error)) throw usage("cli.usage.as_is", {arg("text", error)});
  }
  serve::RulesInForce rules(rules_dir, say);
  serve::Metrics metrics(options.threads);
  serve::Service service{rules, log.get(), metrics, instance_id()};
  auto server = std::make_unique<serve::Server>(options, service, write_line);
  std::string error;
  if (!server->listen(error)) {
    err << "talent serve: " << error << "\n";
    return kExitUsage;
  }
  rules.reload("start");
  std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  say("listening on http://" + host + ":" + std::to_string(server->port()) + " with " + std::to_string(options.threads) +
      (options.threads == 1 ? " thread" : " threads") + "; rules: " + (rules_dir.empty() ? "built-in" : rules_dir) +
      "; decision log: " + (log_file.empty() ? "none" : log_file));
  {
    serve::Housekeeper keeper(rules, log.get(), say);
    server->run([&keeper] { keeper.hang_up(); });
    server.reset();
    // The server's signal handlers are gone with it: a second SIGTERM while
    // the decision log is synced must not kill the process half-way.
    std::signal(SIGTERM, SIG_IGN);
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGHUP, SIG_IGN);
  }
  say("stopped");
  return kExitOk;
}

}  // namespace talent::cli
