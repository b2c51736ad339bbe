// talent diff: what changes for a population of applicants between two rule
// sets, or between the rules in force on two dates.
//
// A record is bound to the rule set that parsed it, so each side reads the
// input with its own RecordReader: a file is opened twice and read in
// lockstep, standard input is first copied to a temporary file. Only one
// record per side is held at a time; the report's lists wait in spools.
#include "cli/cli.hpp"
#include "cli/diff_report.hpp"

#include <boost/program_options.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace po = boost::program_options;

namespace talent::cli {
namespace {

// Like diff(1): the same, different, or trouble.
constexpr int kExitSame = 0;
constexpr int kExitDifferent = 1;
constexpr int kExitTrouble = 2;

struct DiffOptions {
  std::string rules = "builtin";
  std::string against;
  std::string as_of;
  std::string format = "text";
  std::string lang;
  std::vector<std::string> files;
};

// "PACK" or "PACK@YYYY-MM-DD". A folder whose own name holds an '@' is taken
// as it is.
std::pair<std::string, std::optional<Date>> split_side(const std::string& text, const char* option) {
  std::size_t at = text.rfind('@');
  std::error_code ec;
  if (at == std::string::npos || std::filesystem::is_directory(text, ec)) return {text, std::nullopt};
  std::string date = text.substr(at + 1);
  auto d = parse_date(date);
  if (!d) {
    throw usage("cli.usage.date_after_at", {arg("option", option), arg("value", text), arg("date", date)});
  }
  if (at == 0) throw usage("cli.usage.pack_before_at", {arg("option", option), arg("value", text)});
  return {text.substr(0, at), d};
}

// Loads one side; prints the pack's problems and returns null when it does
// not load.
std::optional<DiffSide> load_side(const std::string& text, const char* option, Date as_of, std::ostream& err) {
  auto [pack, date] = split_side(text, option);
  if (pack.empty()) throw usage("cli.usage.pack_needed", {arg("option", option)});
  std::shared_ptr<const RuleSet> rules = pack == "builtin" ? builtin_rule_set() : load_rules(pack, err);
  if (!rules) return std::nullopt;
  DiffSide side{pack, rules, date.value_or(as_of)};
  if (side.as_of < rules->effective_from()) {
    err << "talent: "
        << message("cli.note.before_effect", environment_language(),
                   {arg("date", format_date(side.as_of)), arg("pack", display_text(rules->id())),
                    arg("since", format_date(rules->effective_from()))})
        << "\n";
  }
  return side;
}

// Standard input copied to a temporary file, so that both sides can read it;
// the file is gone once both streams are closed.
class SpooledInput {
 public:
  SpooledInput() {
    std::string path = (std::filesystem::temp_directory_path() / "talent-diff-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0) throw std::runtime_error(std::string("cannot make a temporary file: ") + std::strerror(errno));
    ::close(fd);
    {
      std::ofstream copy(path, std::ios::binary);
      char buffer[1 << 16];
      while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) copy.write(buffer, std::cin.gcount());
      // A read error shows as badbit (the buffer's exception, caught) or in stdio.
      read_failed_ = std::cin.bad() || std::ferror(stdin) != 0;
      if (!copy.flush()) {
        std::filesystem::remove(path);
        throw std::runtime_error("cannot write a temporary copy of standard input");
      }
    }
    streams_[0].open(path, std::ios::binary);
    streams_[1].open(path, std::ios::binary);
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  std::istream& stream(int side) { return streams_[side]; }
  bool read_failed() const { return read_failed_; }

 private:
  std::ifstream streams_[2];
  bool read_failed_ = false;
};

struct Run {
  PopulationDiff& diff;
  Language language;
  bool json;
  Spool rejected;
  Spool changes;
  std::size_t records = 0;
};

// Reads one input with both rule sets in lockstep: the same text, the same
// records, each parsed by its own side.
void diff_stream(Run& run, const std::string& name, std::istream& in_before, std::istream& in_after, std::ostream& err) {
  RecordReader readers[2] = {RecordReader(*run.diff.before().rules, in_before),
                             RecordReader(*run.diff.after().rules, in_after)};
  ParsedRecord parsed[2];
  std::size_t count = 0;
  for (;;) {
    bool more[2] = {readers[0].next(parsed[0]), readers[1].next(parsed[1])};
    if (more[0] != more[1] || (more[0] && parsed[0].number != parsed[1].number)) {
      throw std::runtime_error("the two rule sets read " + name + " as different records after record " +
                               std::to_string(count));
    }
    if (!more[0]) break;
    ++count;
    ++run.records;
    if (parsed[0].record && parsed[1].record) {
      int failed = -1;
      try {
        for (const Change& c : run.diff.compare(*parsed[0].record, *parsed[1].record, failed)) {
          run.changes.add(run.json ? change_json(c) : change_text(run.diff, c, run.language));
        }
        continue;
      } catch (const EvaluationError& e) {
        parsed[failed].record.reset();
        parsed[failed].error = to_record_error(*(failed == 0 ? run.diff.before() : run.diff.after()).rules, e);
        parsed[failed].errors.assign(1, *parsed[failed].error);
      }
    }
    RejectedRecord r{name, parsed[0].number, parsed[0].id ? parsed[0].id : parsed[1].id, parsed[0].error,
                     parsed[1].error};
    run.rejected.add(run.json ? rejected_json(r) : rejected_text(run.diff, r, run.language));
  }
  if (count == 0) {
    err << "talent: "
        << message("cli.no_records", run.language,
                   {arg("file", name == "-" ? message("text.standard_input", run.language) : display_text(name))})
        << "\n";
  }
}

}  // namespace

int diff_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  DiffOptions o;
  po::options_description desc("talent diff [options] --against NEW [FILE...]");
  desc.add_options()
      ("help,h", "show this help")
      ("rules", po::value(&o.rules), "the rules compared from: a pack folder or 'builtin' (default: builtin)")
      ("against", po::value(&o.against), "the rules compared with: a pack folder or 'builtin'")
      ("as-of", po::value(&o.as_of), "decide both sides as of this date, YYYY-MM-DD (default: today)")
      ("format", po::value(&o.format), "text or json (default: text)")
      ("lang", po::value(&o.lang), "zh or en (default: zh)");
  po::variables_map vm = parse_arguments(args, desc, o.files);
  if (vm.count("help")) {
    out << help_text("diff", language_of(args));
    return kExitSame;
  }
  if (o.against.empty()) throw usage("cli.usage.against_required");
  if (o.format != "text" && o.format != "json") throw one_of("--format", "text, json", o.format);
  Language language = parse_language(o.lang);
  Date as_of = parse_as_of(o.as_of);
  if (o.files.empty()) o.files.push_back("-");
  for (const auto& f : o.files) {
    std::error_code ec;
    if (f != "-" && !std::filesystem::is_regular_file(f, ec)) {
      throw cannot_read(f);
    }
    if (f != "-" && !std::ifstream(f)) throw usage("cli.usage.cannot_open", {arg("file", f)});
  }
  auto before = load_side(o.rules, "--rules", as_of, err);
  if (!before) return kExitTrouble;
  auto after = load_side(o.against, "--against", as_of, err);
  if (!after) return kExitTrouble;

  bool json = o.format == "json";
  PopulationDiff diff(std::move(*before), std::move(*after), language);
  bool trouble = false;
  try {
    Run run{diff, language, json, Spool(json ? "," : ""), Spool(json ? "," : "")};
    for (const auto& f : o.files) {
      if (f == "-") {
        SpooledInput input;
        diff_stream(run, f, input.stream(0), input.stream(1), err);
        if (input.read_failed()) {
          err << "talent: " << message("cli.diff.stdin_failed", language) << "\n";
          trouble = true;
        }
      } else {
        std::ifstream in_before(f, std::ios::binary), in_after(f, std::ios::binary);
        diff_stream(run, f, in_before, in_after, err);
      }
    }
    if (json) write_json(out, diff, run.records, run.rejected, run.changes);
    else write_text(out, diff, run.records, run.rejected, run.changes, language);
    out.flush();
    if (run.rejected.size() > 0) {
      err << "talent: " << message("cli.diff.not_compared", language, {arg("count", std::to_string(run.rejected.size()))}) << "\n";
      trouble = true;
    }
  } catch (const TotalTooLarge& e) {
    err << "talent: " << message("cli.diff.total_too_large", language, {arg("program", display_text(e.program))}) << "\n";
    return kExitTrouble;
  } catch (const std::runtime_error& e) {
    err << "talent: " << e.what() << "\n";
    return kExitTrouble;
  }
  if (trouble) return kExitTrouble;
  return diff.changed() > 0 ? kExitDifferent : kExitSame;
}

}  // namespace talent::cli
