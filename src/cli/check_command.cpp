// talent check / talent batch: decisions for applicants, one per record.
#include "cli/cli.hpp"
#include "cli/output.hpp"
#include "cli/pipeline.hpp"
#include "cli/progress.hpp"
#include "talent/summary.hpp"

#include <boost/program_options.hpp>

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

struct CheckOptions {
  std::string rules_dir;
  std::string as_of;
  std::string format = "text";
  std::string lang;
  bool no_reasons = false;
  std::string reasons;
  unsigned threads = 0;  // 0: one per core this process may use
  std::string output;    // batch -o FILE; "" for standard output
  bool summary = false;
  bool what_if = false;
  std::string encoding;        // of spreadsheets; "" to tell from the bytes
  std::string input;           // "csv" or "records"; "" by the file's name
  std::string unknown_fields;  // reject, warn, ignore; "" for the schema's choice
  std::vector<std::string> files;
};

UnknownFields parse_unknown_fields(const std::string& text) {
  if (text.empty()) return UnknownFields::schema;
  if (text == "reject") return UnknownFields::reject;
  if (text == "warn") return UnknownFields::warn;
  if (text == "ignore") return UnknownFields::ignore;
  throw one_of("--unknown-fields", "reject, warn, ignore", text);
}

// A spreadsheet by --input, or by its name ending in .csv.
bool is_spreadsheet(const CheckOptions& o, const std::string& file) {
  if (!o.input.empty()) return o.input == "csv";
  std::string tail = file.size() >= 4 ? file.substr(file.size() - 4) : "";
  for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return tail == ".csv";
}

Reasons parse_reasons(const CheckOptions& o) {
  std::optional<Reasons> chosen;
  if (o.reasons == "full") chosen = Reasons::full;
  else if (o.reasons == "compact") chosen = Reasons::compact;
  else if (o.reasons == "none") chosen = Reasons::none;
  else if (!o.reasons.empty()) throw one_of("--reasons", "full, compact, none", o.reasons);
  if (o.no_reasons) {
    if (chosen && *chosen != Reasons::none) throw usage("cli.usage.no_reasons_contradicts", {arg("value", o.reasons)});
    return Reasons::none;
  }
  return chosen.value_or(Reasons::full);
}

std::string shown_name(const std::string& file, Language language) {
  return file == "-" ? message("text.standard_input", language) : display_text(file);
}

}  // namespace

int check_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool batch) {
  CheckOptions o;
  po::options_description desc(batch ? "talent batch [options] [FILE...]" : "talent check [options] [FILE...]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&o.rules_dir), "rule pack folder (default: the built-in pack)")
      ("as-of", po::value(&o.as_of), "decide as of this date, YYYY-MM-DD (default: today)")
      ("lang", po::value(&o.lang), "zh or en (default: zh)")
      ("reasons", po::value(&o.reasons), "full, compact (no labels or details) or none (default: full)")
      ("no-reasons", po::bool_switch(&o.no_reasons), "the same as --reasons none")
      ("what-if", po::bool_switch(&o.what_if), "for each program not granted, the fewest changes of facts that would grant it")
      ("summary", po::bool_switch(&o.summary),
       "after the results, counts per program and status and the amounts they add up to, on standard error "
       "(JSON with --format json)")
      ("input", po::value(&o.input), "csv (a spreadsheet with a header row) or records (YAML/JSON); default: csv for FILE.csv")
      ("encoding", po::value(&o.encoding), "of a spreadsheet: utf-8, gb18030, gbk or utf-16 (default: from the bytes)")
      ("unknown-fields", po::value(&o.unknown_fields),
       "reject (the record), warn (decide without them, listed as ignored) or ignore them (default: as the pack says)");
  if (batch) {
    o.format = "json";
    desc.add_options()
        ("threads", po::value(&o.threads), "threads deciding records (default: the cores available)")
        ("output,o", po::value(&o.output), "write the results to FILE, which appears only once complete (- for standard output)");
  }
  desc.add_options()("format", po::value(&o.format),
                     batch ? "json (JSON Lines, the default) or csv" : "text, json or csv (a spreadsheet row per record; default: text)");
  po::variables_map vm = parse_arguments(args, desc, o.files);
  if (vm.count("help")) {
    out << help_text(batch ? "batch" : "check", language_of(args));
    return kExitOk;
  }
  if (o.format != "json" && o.format != "csv" && (batch || o.format != "text")) {
    throw one_of("--format", batch ? "json, csv" : "text, json, csv", o.format);
  }
  if (!o.input.empty() && o.input != "csv" && o.input != "records") {
    throw one_of("--input", "csv, records", o.input);
  }
  DecideOptions decide;
  decide.csv = o.format == "csv";
  decide.json = !decide.csv && (batch || o.format == "json");
  decide.unknown_fields = parse_unknown_fields(o.unknown_fields);
  decide.language = parse_language(o.lang);
  decide.as_of = parse_as_of(o.as_of);
  decide.reasons = parse_reasons(o);
  decide.what_if = o.what_if;
  if (vm.count("threads") && (o.threads < 1 || o.threads > 256)) {
    throw usage("cli.usage.threads", {arg("value", std::to_string(o.threads))});
  }
  decide.threads = batch ? (o.threads > 0 ? o.threads : cores_available()) : 1;
  if (vm.count("output") && o.output.empty()) throw usage("cli.usage.output_needs_file");
  if (o.files.empty()) o.files.push_back("-");
  decide.several_inputs = o.files.size() > 1;
  for (const auto& f : o.files) {
    std::error_code ec;
    if (f != "-" && !std::filesystem::is_regular_file(f, ec)) {
      throw cannot_read(f);
    }
    if (f != "-" && !std::ifstream(f)) throw usage("cli.usage.cannot_open", {arg("file", f)});
  }
  if (!o.encoding.empty()) {  // a name the reader does not know is a usage error, before anything is read
    std::istringstream nothing;
    try {
      SpreadsheetReader probe(*builtin_rule_set(), nothing, SpreadsheetOptions{o.encoding, {}, ""});
    } catch (const std::invalid_argument& e) {
      throw usage("cli.usage.encoding", {arg("text", e.what())});
    }
  }
  auto rules = load_rules(o.rules_dir, err);
  if (!rules) return kExitUsage;
  if (decide.as_of < rules->effective_from()) {
    err << "talent: "
        << message("cli.note.before_effect", decide.language,
                   {arg("date", format_date(decide.as_of)), arg("pack", display_text(rules->id())),
                    arg("since", format_date(rules->effective_from()))})
        << "\n";
  }
  // A closed pipe is a write error to report, not a signal to die of.
  std::signal(SIGPIPE, SIG_IGN);
  bool stdin_failed = false;
  std::optional<Summary> summary;
  try {
    bool to_file = !o.output.empty() && o.output != "-";  // -o - is standard output
    std::optional<ResultOutput> output;
    if (to_file) output.emplace(o.output);
    else output.emplace();
    // Progress only where a person watches it, and not in the middle of the
    // results themselves.
    Progress progress(batch && isatty(STDERR_FILENO) && (to_file || !isatty(STDOUT_FILENO)), decide.language, err);
    Pipeline pipeline(*rules, decide, *output, progress);
    // A spreadsheet opens with the byte order mark that tells Excel it is UTF-8.
    if (decide.csv) output->write("\xEF\xBB\xBF" + csv_header(*rules, decide.as_of, decide.language));
    for (const auto& f : o.files) {
      std::size_t records = 0;
      if (is_spreadsheet(o, f)) {
        std::ifstream file;
        if (f != "-") file.open(f, std::ios::binary);
        std::istream& in = f == "-" ? std::cin : file;
        progress.start_input(0);
        SpreadsheetReader sheet(*rules, in, SpreadsheetOptions{o.encoding, {}, f == "-" ? "" : f});
        records = pipeline.run(in, sheet, f);
      } else if (f == "-") {
        progress.start_input(0);
        records = pipeline.run(std::cin, f);
        if (std::ferror(stdin)) {  // std::cin's buffer reports read errors only here
          progress.clear();
          err << "talent: " << message("cli.stdin_failed", decide.language, {arg("why", std::string(" (") + std::strerror(errno) + ")")})
              << "\n";
          stdin_failed = true;
        }
      } else {
        std::error_code ec;
        std::uintmax_t size = std::filesystem::file_size(f, ec);
        progress.start_input(ec ? 0 : size);
        std::ifstream in(f, std::ios::binary);
        records = pipeline.run(in, f);
      }
      if (records == 0) {
        progress.clear();
        err << "talent: " << message("cli.no_records", decide.language, {arg("file", shown_name(f, decide.language))}) << "\n";
      }
    }
    progress.clear();
    output->finish();
    summary = pipeline.summary();
  } catch (const OutputError& e) {
    err << "talent: " << message("cli.output.incomplete", decide.language, {arg("problem", e.message)}) << "\n";
    return kExitOutput;
  }
  if (o.summary) {
    err << (decide.json && vm.count("format") ? to_json(*rules, *summary) + "\n"
                                               : to_text(*rules, *summary, decide.language));
  }
  return summary->rejected() > 0 || stdin_failed ? kExitRejected : kExitOk;
}

}  // namespace talent::cli
