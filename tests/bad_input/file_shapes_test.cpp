// Files in odd shapes: links in a loop, links out of the pack or the suite's
// folder, devices and FIFOs where a file is expected, /dev/zero on standard
// input. Each is made at test time (a repository cannot hold most of them)
// and checked through the library and through the `talent` command line:
// a message naming the file, never an abort, a hang or a file read from
// elsewhere.
#include "talent/talent.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// A fresh folder holding a copy of the built-in pack in `pack/`.
struct Scratch {
  fs::path root = fs::temp_directory_path() / ("talent-file-shapes-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(root);
    fs::create_directories(root / "pack");
    for (const talent::PackFile& f : talent::builtin_pack_files()) {
      std::ofstream(root / "pack" / f.name, std::ios::binary) << f.content;
    }
  }
  ~Scratch() { fs::remove_all(root); }
  std::string pack() const { return (root / "pack").string(); }
};

// Runs the CLI with a time limit; its exit status and what it wrote.
struct Run {
  int status = -1;
  std::string output;
};
Run cli(const std::string& arguments) {
  std::string command = "timeout 10 " + std::string(TALENT_CLI) + " " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  Run run;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
  int status = ::pclose(pipe);
  REQUIRE(WIFEXITED(status));
  run.status = WEXITSTATUS(status);
  return run;
}

std::string messages(const talent::LoadResult& r) { return talent::format(r.diagnostics); }

}  // namespace

TEST_CASE("a pack file that is a loop of links is reported, not thrown", "[file_shapes]") {
  Scratch s;
  fs::create_symlink("loop.yaml", s.root / "pack" / "loop.yaml");
  talent::LoadResult r = talent::load_rule_set(s.pack());
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(messages(r), Catch::Contains("loop.yaml: error: cannot read this pack file: cannot open it: Too many levels of symbolic links"));
  Run run = cli("validate " + s.pack());
  CHECK(run.status == 1);
  CHECK_THAT(run.output, Catch::Contains("Too many levels of symbolic links"));
}

TEST_CASE("a pack file linked to a file outside the pack is not read", "[file_shapes]") {
  Scratch s;
  fs::remove(s.root / "pack" / "rent_subsidy.yaml");
  fs::create_symlink("/etc/passwd", s.root / "pack" / "rent_subsidy.yaml");
  talent::LoadResult r = talent::load_rule_set(s.pack());
  REQUIRE_FALSE(r.ok());
  std::string said = messages(r);
  CHECK_THAT(said, Catch::Contains("rent_subsidy.yaml: error: cannot read this pack file: it lies outside the folder"));
  CHECK_THAT(said, !Catch::Contains("root:"));  // not a line of the file
  Run run = cli("validate " + s.pack());
  CHECK(run.status == 1);
  CHECK_THAT(run.output, !Catch::Contains("root:"));
  // A link to a file inside the pack is read.
  fs::remove(s.root / "pack" / "rent_subsidy.yaml");
  for (const talent::PackFile& f : talent::builtin_pack_files()) {
    if (f.name == "rent_subsidy.yaml") std::ofstream(s.root / "pack" / "rent.txt", std::ios::binary) << f.content;
  }
  fs::create_symlink("rent.txt", s.root / "pack" / "rent_subsidy.yaml");
  CHECK(talent::load_rule_set(s.pack()).ok());
}

TEST_CASE("a pack file that is a FIFO or a folder is reported, not opened", "[file_shapes]") {
  Scratch s;
  REQUIRE(::mkfifo((s.root / "pack" / "waiting.yaml").c_str(), 0600) == 0);
  fs::create_directory(s.root / "pack" / "folder.yaml");
  talent::LoadResult r = talent::load_rule_set(s.pack());
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(messages(r), Catch::Contains("waiting.yaml: error: cannot read this pack file: it is not a regular file"));
  CHECK_THAT(messages(r), Catch::Contains("folder.yaml: error: cannot read this pack file: it is a folder, not a file"));
  CHECK(cli("validate " + s.pack()).status == 1);
}

TEST_CASE("a suite's record file is read only from the suite's folder, and only when it is a file", "[file_shapes]") {
  Scratch s;
  fs::create_directories(s.root / "suite");
  REQUIRE(::mkfifo((s.root / "suite" / "fifo.json").c_str(), 0600) == 0);
  fs::create_symlink("loop.json", s.root / "suite" / "loop.json");
  std::ofstream(s.root / "suite" / "cases.yaml") << R"(as_of: 2025-06-30
cases:
  - {name: zero, record_file: /dev/zero, expect: {rent_subsidy: {status: eligible}}}
  - {name: passwd, record_file: ../../../../../../../etc/passwd, expect: {rent_subsidy: {status: eligible}}}
  - {name: fifo, record_file: fifo.json, expect: {rent_subsidy: {status: eligible}}}
  - {name: loop, record_file: loop.json, expect: {rent_subsidy: {status: eligible}}}
)";
  auto rules = talent::builtin_rule_set();
  talent::SuiteFile suite = talent::load_suite(*rules, (s.root / "suite" / "cases.yaml").string());
  REQUIRE(suite.errors.size() == 4);
  CHECK_THAT(suite.errors[0].message, Catch::Contains("'/dev/zero': it lies outside the folder"));
  CHECK_THAT(suite.errors[1].message, Catch::Contains("etc/passwd': it lies outside the folder"));
  CHECK_THAT(suite.errors[2].message, Catch::Contains("fifo.json': it is not a regular file"));
  CHECK_THAT(suite.errors[3].message, Catch::Contains("loop.json': cannot open it: Too many levels of symbolic links"));
  Run run = cli("test " + (s.root / "suite").string());
  CHECK(run.status == 1);
  CHECK_THAT(run.output, Catch::Contains("it is not a regular file"));
  CHECK_THAT(run.output, !Catch::Contains("root:"));
}

TEST_CASE("a suite folder holding a loop of links is reported, not thrown", "[file_shapes]") {
  Scratch s;
  fs::create_directories(s.root / "tests");
  fs::create_symlink("b.yaml", s.root / "tests" / "a.yaml");
  fs::create_symlink("a.yaml", s.root / "tests" / "b.yaml");
  fs::create_symlink(".", s.root / "tests" / "again");  // a folder linking to itself
  Run run = cli("test " + (s.root / "tests").string());
  CHECK(run.status == 1);
  CHECK_THAT(run.output, Catch::Contains("a.yaml: error: cannot read the suite file: cannot open it: Too many levels of symbolic links"));
}

TEST_CASE("/dev/zero on standard input ends at once with one result", "[file_shapes]") {
  Run run = cli("batch --as-of 2025-06-30 < /dev/zero");
  CHECK(run.status == 1);
  CHECK(run.output ==
        "{\"id\":null,\"record\":1,\"line\":1,\"error\":{\"field\":null,\"code\":\"unreadable\",\"message\":"
        "\"the input holds NUL bytes: it is not a text file\"},\"errors\":[{\"field\":null,\"code\":\"unreadable\",\"message\":"
        "\"the input holds NUL bytes: it is not a text file\"}]}\n");
}
