// Runs one case of the bad-input catalogue, through the library or through
// the `talent` command line, and compares the answer with the expected one.
//
//   bad_input_runner lib|cli TALENT SECONDS record FILE     (expects FILE.expected, and FILE.stderr if any)
//   bad_input_runner lib|cli TALENT SECONDS pack DIR        (expects DIR/expected.txt,
//                                                            or DIR/expected.jsonl for DIR/records.jsonl)
//   bad_input_runner lib|cli TALENT SECONDS generated NAME  (inputs made here, too large to keep)
//
// A record case's expected file is what `talent batch --as-of 2025-06-30
// FILE` prints (a FILE.csv is a spreadsheet) (decisions compared by status and amount); a FILE.text,
// when there is one, is what `talent check --as-of 2025-06-30 FILE` prints. A pack case's DIR holds the files that replace the
// built-in pack's; expected.txt is exactly what `talent validate pack` prints
// on stderr. Every run must finish within SECONDS and must not die of a
// signal. On a mismatch the actual output is printed, ready to review and paste.
#include "talent/talent.hpp"

#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <iterator>
#include <sstream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using talent::ParsedRecord;

namespace {

const char* kAsOf = "2025-06-30";
const char* kPackName = "pack";  // the folder name diagnostics show

struct Failure {
  std::string message;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure{"cannot read " + path.string()};
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw Failure{"cannot write " + path.string()};
}

// Decisions carry the pack's digest, which changes with every edit of the
// built-in pack; cases compare everything else.
std::string without_digests(std::string text) {
  const std::string key = "\"digest\":\"sha256:";
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
    std::size_t start = at + key.size();
    std::size_t end = text.find('"', start);
    if (end == std::string::npos) break;
    text.replace(start, end - start, "…");
  }
  return text;
}

// A decision line reduced to what the cases are about: each program's status
// and amount. Reasons and their wording belong to other tests; error lines
// are compared whole.
std::string essentials(const std::string& text) {
  std::istringstream lines(text);
  std::string out;
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::ordered_json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("programs")) {
      nlohmann::ordered_json reduced;
      reduced["id"] = j["id"];
      reduced["programs"] = nlohmann::ordered_json::array();
      for (const auto& p : j["programs"]) {
        nlohmann::ordered_json q;
        q["program"] = p["program"];
        q["status"] = p["status"];
        if (p.contains("amount")) q["amount"] = p["amount"];
        reduced["programs"].push_back(q);
      }
      line = reduced.dump();
    }
    out += line + "\n";
  }
  return out;
}

void expect_equal(const std::string& what, const std::string& expected, const std::string& actual) {
  if (without_digests(expected) == without_digests(actual)) return;
  if (essentials(expected) == essentials(actual)) return;
  throw Failure{what + " differs.\n--- expected\n" + expected + "--- actual\n" + actual + "---"};
}

// A fresh temporary folder, removed when the case ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "talent-bad-input-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw Failure{"cannot create a temporary folder"};
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// ---------------------------------------------------------------------------
// Timing: every run of the library or the CLI is held to the limit, in
// processor time (this process and the children it has waited for, user and
// system), so that a machine busy with other work does not fail a run that
// did its own work in time. A run that hangs without working is stopped by
// CTest's timeout.

double g_limit_seconds = 2.0;

double processor_seconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage u{};
    getrusage(who, &u);
    total += static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
             static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }
  return total;
}

template <typename F>
auto timed(const std::string& what, F&& run) {
  double start = processor_seconds();
  auto wall_start = std::chrono::steady_clock::now();
  auto result = run();
  double seconds = processor_seconds() - start;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  if (seconds > g_limit_seconds) {
    throw Failure{what + " took " + std::to_string(seconds) + " s of processor time (" + std::to_string(wall) +
                  " s on the clock); the limit is " + std::to_string(g_limit_seconds) + " s"};
  }
  return result;
}

// ---------------------------------------------------------------------------
// The library, as an embedder uses it.

// What `talent batch` prints for every record of `in`; with a `spreadsheet`
// name, for every row of the CSV file of that name.
std::string decide_stream(const talent::RuleSet& rules, std::istream& in, const std::string& spreadsheet = "") {
  talent::RecordReader reader(rules, in);
  std::optional<talent::SpreadsheetReader> sheet;
  if (!spreadsheet.empty()) sheet.emplace(rules, in, talent::SpreadsheetOptions{"", {}, spreadsheet});
  talent::RecordParser parser(rules);
  talent::RecordText text;
  ParsedRecord p;
  std::string out;
  while (sheet ? sheet->next_text(text) : reader.next_text(text)) {
    parser.parse(text, p);
    if (p.record) {
      try {
        out += talent::to_json(rules, talent::evaluate(rules, *p.record, *talent::parse_date(kAsOf))) + "\n";
        continue;
      } catch (const talent::EvaluationError& e) {
        p.error = talent::to_record_error(rules, e);
        p.errors.assign(1, *p.error);
      }
    }
    out += talent::to_json(p) + "\n";
  }
  return out;
}

// What `talent check` prints for every record of the file named `name` in
// `in`: each decision or rejection as text for a caseworker, a blank line
// between records.
std::string check_stream(const talent::RuleSet& rules, std::istream& in, const std::string& name) {
  talent::RecordReader reader(rules, in);
  talent::RecordParser parser(rules);
  talent::RecordText text;
  ParsedRecord p;
  std::string out;
  for (bool first = true; reader.next_text(text); first = false) {
    if (!first) out += "\n";
    parser.parse(text, p);
    if (p.record) {
      try {
        out += talent::to_text(rules, talent::evaluate(rules, *p.record, *talent::parse_date(kAsOf)), talent::Language::zh);
        continue;
      } catch (const talent::EvaluationError& e) {
        p.error = talent::to_record_error(rules, e);
        p.errors.assign(1, *p.error);
      }
    }
    out += talent::to_text(rules, p, talent::Language::zh, name);
  }
  return out;
}

std::vector<talent::PackFile> pack_with(const fs::path& case_dir) {
  std::vector<talent::PackFile> files = talent::builtin_pack_files();
  for (const auto& entry : fs::directory_iterator(case_dir)) {
    if (entry.path().extension() != ".yaml") continue;
    std::string name = entry.path().filename().string();
    std::string content = read_file(entry.path());
    bool replaced = false;
    for (auto& f : files) {
      if (f.name == name) f.content = content, replaced = true;
    }
    if (!replaced) files.push_back(talent::PackFile{name, content});
  }
  return files;
}

void write_pack(const std::vector<talent::PackFile>& files, const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& f : files) write_file(dir / f.name, f.content);
}

std::string diagnostics_text(const talent::LoadResult& r) {
  std::size_t n = r.diagnostics.size();
  return talent::format(r.diagnostics) + std::to_string(n) + (n == 1 ? " error" : " errors") + "\n";
}

// ---------------------------------------------------------------------------
// The command line, as a caseworker runs it.

struct CliRun {
  int exit_status = -1;
  std::string out;
  std::string err;
};

// Runs `talent args...` in `cwd`. Standard input comes from `feed`, which
// writes into a pipe (a generator), or is empty.
CliRun run_cli(const std::string& talent, const std::vector<std::string>& args, const fs::path& cwd,
               const std::function<void(int)>& feed = {}) {
  TempDir scratch;
  fs::path out_path = scratch.path() / "stdout", err_path = scratch.path() / "stderr";
  int in_pipe[2] = {-1, -1};
  if (feed && pipe(in_pipe) != 0) throw Failure{"pipe failed"};
  pid_t pid = fork();
  if (pid < 0) throw Failure{"fork failed"};
  if (pid == 0) {
    int in_fd = feed ? in_pipe[0] : open("/dev/null", O_RDONLY);
    int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0 || dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0 ||
        chdir(cwd.c_str()) != 0) {
      _exit(127);
    }
    if (feed) close(in_pipe[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(talent.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(talent.c_str(), argv.data());
    _exit(127);
  }
  if (feed) {
    close(in_pipe[0]);
    feed(in_pipe[1]);
    close(in_pipe[1]);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) throw Failure{"waitpid failed"};
  if (WIFSIGNALED(status)) {
    throw Failure{"talent died of signal " + std::to_string(WTERMSIG(status)) + " (exit status " +
                  std::to_string(128 + WTERMSIG(status)) + ")\n" + read_file(err_path)};
  }
  CliRun run;
  run.exit_status = WEXITSTATUS(status);
  if (run.exit_status >= 128 || run.exit_status == 127) {
    throw Failure{"talent exited with status " + std::to_string(run.exit_status) + "\n" + read_file(err_path)};
  }
  run.out = read_file(out_path);
  run.err = read_file(err_path);
  return run;
}

void expect_status(const CliRun& run, int expected) {
  if (run.exit_status != expected) {
    throw Failure{"exit status " + std::to_string(run.exit_status) + ", expected " + std::to_string(expected) +
                  "\nstdout:\n" + run.out + "stderr:\n" + run.err};
  }
}

int status_for(const std::string& batch_output) {
  return batch_output.find("\"error\":{") != std::string::npos ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Cases.

struct Runner {
  bool cli = false;
  std::string talent;

  void record(const fs::path& file, const std::string& expected) {
    if (!cli) {
      auto rules = talent::builtin_rule_set();
      std::string actual = timed("the library", [&] {
        std::ifstream in(file, std::ios::binary);
        return decide_stream(*rules, in, file.extension() == ".csv" ? file.filename().string() : "");
      });
      expect_equal("the library's results", expected, actual);
      if (fs::exists(file.string() + ".text")) {
        std::ifstream in(file, std::ios::binary);
        expect_equal("the library's text", read_file(file.string() + ".text"),
                     check_stream(*rules, in, file.filename().string()));
      }
      return;
    }
    if (fs::exists(file.string() + ".text")) {
      // Text for a caseworker: what came from outside shown, never acted on.
      CliRun check = timed("talent check", [&] {
        return run_cli(talent, {"check", "--as-of", kAsOf, file.filename().string()}, file.parent_path());
      });
      expect_equal("talent check's output", read_file(file.string() + ".text"), check.out);
    }
    CliRun run = timed("talent batch", [&] {
      return run_cli(talent, {"batch", "--as-of", kAsOf, file.filename().string()}, file.parent_path());
    });
    expect_equal("talent batch's output", expected, run.out);
    fs::path stderr_file = file.string() + ".stderr";
    expect_equal("talent batch's stderr", fs::exists(stderr_file) ? read_file(stderr_file) : "", run.err);
    expect_status(run, status_for(expected));
  }

  // `expected` is what `talent validate` prints; empty when the pack loads
  // and `records` (with `expected_records`) says what it decides.
  void pack(const std::vector<talent::PackFile>& files, const std::string& expected, const fs::path& records = {},
            const std::string& expected_records = {}) {
    TempDir temp;
    write_pack(files, temp.path() / kPackName);
    if (!cli) {
      // Through memory and through the folder: the same answer.
      talent::LoadResult in_memory = timed("load_rule_set(files)", [&] { return talent::load_rule_set(files, kPackName); });
      fs::path cwd = fs::current_path();
      fs::current_path(temp.path());
      talent::LoadResult from_folder = timed("load_rule_set(folder)", [&] { return talent::load_rule_set(kPackName); });
      fs::current_path(cwd);
      for (const talent::LoadResult* r : {&in_memory, &from_folder}) {
        if (!expected.empty()) {
          if (r->ok()) throw Failure{"the pack loaded; expected:\n" + expected};
          expect_equal("the diagnostics", expected, diagnostics_text(*r));
        } else {
          if (!r->ok()) throw Failure{"the pack does not load:\n" + diagnostics_text(*r)};
          std::string actual = timed("the library", [&] {
            std::ifstream in(records, std::ios::binary);
            return decide_stream(*r->rule_set, in);
          });
          expect_equal("the library's results", expected_records, actual);
        }
      }
      return;
    }
    if (!expected.empty()) {
      CliRun validate = timed("talent validate", [&] { return run_cli(talent, {"validate", kPackName}, temp.path()); });
      expect_equal("talent validate's stderr", expected, validate.err);
      expect_status(validate, 1);
      // talent check refuses to decide with a pack that does not load.
      CliRun check = timed("talent check", [&] {
        return run_cli(talent, {"check", "--rules", kPackName, "--as-of", kAsOf}, temp.path());
      });
      std::string count = expected.substr(expected.rfind('\n', expected.size() - 2) + 1);
      count.pop_back();
      std::string expected_check = expected.substr(0, expected.size() - count.size() - 1) + count +
                                   " in the rule pack " + kPackName + "\n";
      expect_equal("talent check's stderr", expected_check, check.err);
      expect_equal("talent check's output", "", check.out);
      expect_status(check, 2);
      return;
    }
    fs::copy_file(records, temp.path() / "records.jsonl");
    CliRun batch = timed("talent batch", [&] {
      return run_cli(talent, {"batch", "--rules", kPackName, "--as-of", kAsOf, "records.jsonl"}, temp.path());
    });
    expect_equal("talent batch's output", expected_records, batch.out);
    expect_status(batch, status_for(expected_records));
  }

  void pack_case(const fs::path& dir) {
    std::vector<talent::PackFile> files = pack_with(dir);
    if (fs::exists(dir / "records.jsonl")) {
      pack(files, "", dir / "records.jsonl", read_file(dir / "expected.jsonl"));
    } else {
      pack(files, read_file(dir / "expected.txt"));
    }
  }

  void generated(const std::string& name);
};

// A JSON Lines stream whose first line holds a gigabyte of text, made as it
// is read and never stored, followed by a valid record.
class GigabyteLine : public std::streambuf {
 public:
  static constexpr std::size_t kFill = std::size_t(1) << 30;
  static constexpr const char* kHead = "{\"id\": \"G-1\", \"name\": \"";
  static constexpr const char* kTail = "\"}\n{\"id\": \"G-2\", \"degree\": \"master\"}\n";

  GigabyteLine() { std::memset(block_, 'x', sizeof block_); }

  // Writes the whole stream to `fd` (for the CLI).
  static void write_to(int fd) {
    static char block[1 << 16];
    std::memset(block, 'x', sizeof block);
    auto put = [fd](const char* data, std::size_t size) {
      while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
      }
      return true;
    };
    if (!put(kHead, std::strlen(kHead))) return;
    for (std::size_t left = kFill; left > 0;) {
      std::size_t n = std::min(left, sizeof block);
      if (!put(block, n)) return;
      left -= n;
    }
    put(kTail, std::strlen(kTail));
  }

 protected:
  int_type underflow() override {
    if (stage_ == 0) {
      set(kHead, std::strlen(kHead));
    } else if (left_ > 0) {
      std::size_t n = std::min(left_, sizeof block_);
      left_ -= n;
      setg(block_, block_, block_ + n);
      return traits_type::to_int_type(*gptr());
    } else if (stage_ == 1) {
      set(kTail, std::strlen(kTail));
    } else {
      return traits_type::eof();
    }
    ++stage_;
    return traits_type::to_int_type(*gptr());
  }

 private:
  void set(const char* text, std::size_t size) {
    text_.assign(text, size);
    setg(text_.data(), text_.data(), text_.data() + size);
  }
  char block_[1 << 16];
  std::string text_;
  std::size_t left_ = kFill;
  int stage_ = 0;
};

// A rejected record's line with one problem, as `talent batch` prints it for
// a record on the first line of its input: `id` and `field` as JSON ("null"
// or a quoted string), the message as JSON string content.
std::string rejected(const std::string& id, const std::string& field, const std::string& code, const std::string& message) {
  std::string error = "{\"field\":" + field + ",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
  return "{\"id\":" + id + ",\"record\":1,\"line\":1,\"error\":" + error + ",\"errors\":[" + error + "]}\n";
}

const std::string kTooLarge =
    rejected("null", "null", "limit", "record is larger than the limit of 1048576 bytes; it was skipped");

void check_gigabyte_output(const std::string& out) {
  std::string first = out.substr(0, out.find('\n') + 1);
  expect_equal("the first result", kTooLarge, first);
  std::string rest = out.substr(first.size());
  std::string start = "{\"id\":\"G-2\",\"as_of\":\"2025-06-30\",\"ruleset\":";
  if (rest.compare(0, start.size(), start) != 0 || std::count(rest.begin(), rest.end(), '\n') != 1) {
    throw Failure{"expected one decision for G-2 after the skipped record, found:\n" + rest.substr(0, 300)};
  }
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

void Runner::generated(const std::string& name) {
  TempDir temp;
  if (name == "record_line_of_one_gigabyte") {
    if (!cli) {
      auto rules = talent::builtin_rule_set();
      std::string out = timed("the library", [&] {
        GigabyteLine source;
        std::istream in(&source);
        return decide_stream(*rules, in);
      });
      return check_gigabyte_output(out);
    }
    CliRun run = timed("talent batch -", [&] {
      return run_cli(talent, {"batch", "--as-of", kAsOf, "-"}, temp.path(), GigabyteLine::write_to);
    });
    check_gigabyte_output(run.out);
    return expect_status(run, 1);
  }
  if (name == "record_json_nested_10000") {
    fs::path file = temp.path() / "deep.json";
    write_file(file, "{\"id\": \"D-1\", \"name\": " + repeat("[", 10000) + repeat("]", 10000) + "}\n");
    return record(file, rejected("null", "null", "limit", "nesting deeper than 32 levels"));
  }
  if (name == "record_yaml_nested_10000") {
    fs::path file = temp.path() / "deep.yaml";
    write_file(file, "id: D-1\nname: " + repeat("[", 10000) + repeat("]", 10000) + "\n");
    return record(file, rejected("null", "null", "limit",
                                 "not valid YAML at line 2, column 38: nesting deeper than 32 levels"));
  }
  // Many keys and nodes on one line: each must cost constant time, not time
  // proportional to what came before it.
  std::string keys;
  for (int i = 0; i < 80000; ++i) keys += "k" + std::to_string(i) + ": 1, ";
  if (name == "record_json_80000_keys") {
    std::string quoted;
    for (int i = 0; i < 80000; ++i) quoted += "\"k" + std::to_string(i) + "\": 1, ";
    fs::path file = temp.path() / "keys.json";
    write_file(file, "{\"id\": \"K-1\", " + quoted + "\"k0\": 2}\n");
    return record(file, rejected("null", "null", "duplicate", "duplicate key 'k0'"));
  }
  if (name == "record_yaml_80000_keys") {
    fs::path file = temp.path() / "keys.yaml";
    std::string text = "{id: K-1, " + keys + "k0: 2}";
    write_file(file, text + "\n");
    return record(file, rejected("null", "null", "duplicate",
                                 "not valid YAML at line 1, column " + std::to_string(text.rfind("k0") + 1) +
                                     ": duplicate key 'k0' (first given on line 1)"));
  }
  if (name == "record_yaml_line_of_190000_nodes") {
    fs::path file = temp.path() / "nodes.yaml";
    write_file(file, "id: K-1\nname: [" + repeat("a,", 189999) + "a]\n");
    return record(file, rejected("\"K-1\"", "\"name\"", "wrong_type", "expected text, found a list"));
  }
  std::vector<talent::PackFile> files = talent::builtin_pack_files();
  auto replace = [&](const std::string& file, const std::string& content) {
    for (auto& f : files) {
      if (f.name == file) f.content = content;
    }
  };
  std::string rent;
  for (const auto& f : files) {
    if (f.name == "rent_subsidy.yaml") rent = f.content;
  }
  if (name == "pack_expression_nested_10000") {
    std::string deep = repeat("(", 10000) + "graduation_date <= as_of" + repeat(")", 10000);
    std::string old = "when: graduation_date <= as_of";
    replace("rent_subsidy.yaml", rent.replace(rent.find(old), old.size(), "when: " + deep));
    return pack(files, "pack/rent_subsidy.yaml:12:11: error: expression longer than 4096 bytes\n        when: " + deep +
                           "\n    " + std::string(10, ' ') + "^\n1 error\n");
  }
  if (name == "pack_yaml_80000_keys") {
    std::string old = "when: graduation_date <= as_of";
    std::string line = "    note: {" + keys + "k0: 2}";
    replace("rent_subsidy.yaml", rent.replace(rent.find(old), old.size(), old + "\n" + line));
    std::size_t column = line.rfind("k0") + 1;
    return pack(files, "pack/rent_subsidy.yaml:13:" + std::to_string(column) +
                           ": error: duplicate key 'k0' (first given on line 13)\n    " + line + "\n    " +
                           std::string(column - 1, ' ') + "^\n1 error\n");
  }
  if (name == "pack_yaml_nested_10000") {
    replace("rent_subsidy.yaml", repeat("[", 10000) + repeat("]", 10000) + "\n");
    return pack(files, "pack/rent_subsidy.yaml:1:65: error: nesting deeper than 64 levels\n    " + repeat("[", 10000) +
                           repeat("]", 10000) + "\n    " + std::string(64, ' ') + "^\n1 error\n");
  }
  if (name == "pack_file_of_100_megabytes") {
    std::string big = rent;
    std::string filler = "# " + std::string(98, '-') + "\n";
    big.reserve(100u << 20);
    while (big.size() + filler.size() <= (100u << 20)) big += filler;
    big.append((100u << 20) - big.size(), '#');
    replace("rent_subsidy.yaml", big);
    return pack(files, "pack/rent_subsidy.yaml: error: file is 104857600 bytes; a pack file may hold at most 1048576 bytes\n"
                       "1 error\n");
  }
  throw Failure{"no generated case '" + name + "'"};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: bad_input_runner lib|cli TALENT SECONDS record|pack|generated CASE\n";
    return 2;
  }
  Runner runner;
  runner.cli = std::string(argv[1]) == "cli";
  runner.talent = fs::absolute(argv[2]).string();
  g_limit_seconds = std::atof(argv[3]);
  std::string kind = argv[4];
  std::string target = argv[5];
  try {
    if (kind == "record") {
      fs::path file = fs::absolute(target);
      runner.record(file, read_file(file.string() + ".expected"));
    } else if (kind == "pack") {
      runner.pack_case(fs::absolute(target));
    } else if (kind == "generated") {
      runner.generated(target);
    } else {
      throw Failure{"unknown kind '" + kind + "'"};
    }
  } catch (const Failure& f) {
    std::cerr << kind << " " << target << " (" << argv[1] << "): " << f.message << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << kind << " " << target << " (" << argv[1] << "): unexpected exception: " << e.what() << "\n";
    return 1;
  }
  std::cout << "ok\n";
  return 0;
}
