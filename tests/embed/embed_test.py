#!/usr/bin/env python3
"""Installs the built talent into WORK/prefix and uses it as an embedder
would: checks the installed tree, builds examples/embed (C++) with
find_package, builds examples/c (C) with `pkg-config --cflags --libs talent`,
runs examples/python with the installed module and examples/http against
the installed `talent serve`, and checks that the C, Python and HTTP
examples decide the worked examples exactly as the installed `talent batch`
does.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

parser = argparse.ArgumentParser()
for name in ["build-dir", "source-dir", "work-dir", "generator", "cxx", "cc", "cmake", "abi", "version", "python-dir",
             "libdir"]:
    parser.add_argument("--" + name, required=True)
parser.add_argument("--shared", action="store_true")
args = parser.parse_args()

work = args.work_dir
prefix = os.path.join(work, "prefix")
libdir = os.path.join(prefix, args.libdir)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
problems = []


def run(what, command, env=None, **kwargs):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(f"{what} failed ({done.returncode}): {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def expect(condition, message):
    if not condition:
        problems.append(message)


run("cmake --install", [args.cmake, "--install", args.build_dir, "--prefix", prefix])

# The installed tree.
for path in ["include/talent/talent.hpp", "include/talent/talent.h", "include/talent/version.hpp",
             "include/talent/export.h", "share/talent/rules/hohhot-talent-25/pack.yaml",
             "share/talent/rules/hohhot-talent-25/tests/worked_examples.yaml", "share/doc/talent/embedding.md",
             "share/doc/talent/decision-contract.md", "share/doc/talent/examples/c/decide.c",
             "share/doc/talent/examples/http/decide.py",
             f"{args.libdir}/pkgconfig/talent.pc", f"{args.libdir}/cmake/talent/talentConfig.cmake"]:
    expect(os.path.exists(os.path.join(prefix, path)), f"not installed: {path}")
if args.shared:
    soname = os.path.join(libdir, f"libtalent.so.{args.abi}")
    expect(os.path.islink(soname) and os.path.islink(os.path.join(libdir, "libtalent.so")),
           f"libtalent.so and libtalent.so.{args.abi} should be links to the library")
    config = "".join(open(f).read() for f in glob.glob(os.path.join(libdir, "cmake/talent/talent*.cmake")))
    expect("INTERFACE_LINK_LIBRARIES" not in config, "the installed CMake package passes on link dependencies")
headers = "".join(open(f, encoding="utf-8").read() for f in glob.glob(os.path.join(prefix, "include/talent/*")))
for private in ["boost/", "yaml-cpp/", "nlohmann/"]:
    expect(private not in headers, f"an installed header includes {private}")

# The installed command finds its library without help, and the installed pack loads.
cli = os.path.join(prefix, "bin", "talent")
run("the installed talent command", [cli, "validate", os.path.join(prefix, "share/talent/rules/hohhot-talent-25")],
    env={k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"})

# C++: find_package(talent). With the shared library, the package must be
# found without any of talent's private dependencies.
private = ["Boost", "yaml-cpp", "OpenSSL", "nlohmann_json"] if args.shared else []
run("configuring the C++ example", [args.cmake, "-S", os.path.join(args.source_dir, "examples/embed"), "-B",
                                     os.path.join(work, "build-cpp"), "-G", args.generator,
                                     f"-DCMAKE_PREFIX_PATH={prefix}", f"-DCMAKE_CXX_COMPILER={args.cxx}",
                                     "-DCMAKE_BUILD_TYPE=Release"]
    + [f"-DCMAKE_DISABLE_FIND_PACKAGE_{p}=ON" for p in private])
run("building the C++ example", [args.cmake, "--build", os.path.join(work, "build-cpp")])
output = run("running the C++ example", [os.path.join(work, "build-cpp", "embed_example")])
for piece in ['"id":"EX-1","as_of":"2025-06-30"',
              '"program":"rent_subsidy","title":"Rent subsidy for graduates","status":"eligible","amount":"1000.00",'
              '"frequency":"monthly","window":{"start":"2024-07-01","end":"2026-07-01"}',
              '"program":"home_purchase_subsidy","title":"Home-purchase subsidy for graduates","status":"ineligible"',
              '"program":"startup_loan_interest_subsidy","title":"Qingcheng Dream loan interest subsidy",'
              '"status":"ineligible"']:
    expect(piece in output, f"the C++ example's output lacks {piece}; it printed:\n{output}")

# C++ without CMake, and C: pkg-config, exactly as docs/embedding.md says.
env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(libdir, "pkgconfig"), LD_LIBRARY_PATH=libdir)
expect(run("pkg-config", ["pkg-config", "--modversion", "talent"], env=env).strip() == args.version,
       "pkg-config --modversion talent is not the version built")
static = "" if args.shared else " --static"
embed_cpp = os.path.join(work, "embed_example_pc")
run("building the C++ example with pkg-config",
    ["sh", "-c", f'"$CXX" -std=c++17 "$SOURCE" -o "$OUT" $(pkg-config --cflags --libs{static} talent)'],
    env=dict(env, CXX=args.cxx, SOURCE=os.path.join(args.source_dir, "examples/embed/main.cpp"), OUT=embed_cpp))
expect(run("running the C++ example built with pkg-config", [embed_cpp], env=env) == output,
       "the C++ example built with pkg-config prints something else than the one built with CMake")
decide_c = os.path.join(work, "decide")
run("building the C example with pkg-config",
    ["sh", "-c", f'"$CC" -std=c99 -Wall -Wextra -pedantic -Werror "$SOURCE" -o "$OUT" '
                 f'$(pkg-config --cflags --libs{static} talent)'],
    env=dict(env, CC=args.cc, SOURCE=os.path.join(args.source_dir, "examples/c/decide.c"), OUT=decide_c))

examples = os.path.join(args.source_dir, "examples/applicants")
singles = sorted(glob.glob(os.path.join(examples, "*.yaml")))
compare = [sys.executable, os.path.join(args.source_dir, "tests/embed/compare_with_cli.py"), "--cli", cli]
done = subprocess.run(compare + ["--program", decide_c, "--batch-flag=--batch", "--single"] + singles
                      + ["--many", os.path.join(examples, "batch.jsonl")], env=env, stdout=subprocess.PIPE, text=True)
expect(done.returncode == 0, "the C example decides differently from talent batch:\n" + done.stdout)
print("C:", done.stdout.strip().splitlines()[-1])

# Python: the installed module.
if args.shared:
    python_dir = args.python_dir if os.path.isabs(args.python_dir) else os.path.join(prefix, args.python_dir)
    penv = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "TALENT_LIBRARY")}
    penv["PYTHONPATH"] = python_dir
    line = run("python3 -c 'import talent'", [sys.executable, "-c",
               "import talent; r = talent.RuleSet.builtin(); "
               "d = r.decide({'id': 'EX-1', 'degree': 'doctorate', 'study_mode': 'full_time', "
               "'institution': 'regular_university', 'graduation_date': '2024-07-01', "
               "'employment': {'status': 'enterprise', 'in_city': True}}, as_of='2025-06-30'); "
               "print(talent.__file__, talent.version(), d['programs'][0]['status'], d['programs'][0]['amount'])"],
               env=penv, cwd=work)
    expect(line.startswith(python_dir) and line.split()[1:] == [args.version, "eligible", "1000.00"],
           f"the installed Python module printed {line!r}")
    done = subprocess.run(compare + ["--program", sys.executable, "--program",
                                     os.path.join(args.source_dir, "examples/python/decide.py"),
                                     "--many"] + sorted(glob.glob(os.path.join(examples, "*"))),
                          env=penv, stdout=subprocess.PIPE, text=True, cwd=work)
    expect(done.returncode == 0, "the Python example decides differently from talent batch:\n" + done.stdout)
    print("Python:", done.stdout.strip().splitlines()[-1])

# HTTP: the installed command serving, the example client deciding through it.
served = subprocess.Popen([cli, "serve", "--port", "0", "--rules", os.path.join(prefix, "share/talent/rules/hohhot-talent-25")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env={k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"})
port = None
for line in served.stderr:
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if m:
        port = m.group(1)
        break
expect(port is not None, "the installed talent serve did not start")
if port:
    records = os.path.join(prefix, "share/talent/rules/hohhot-talent-25/tests/records/zh-founder.json")
    done = subprocess.run(compare + ["--program", sys.executable, "--program",
                                     os.path.join(args.source_dir, "examples/http/decide.py"),
                                     "--env", f"TALENT_URL=http://127.0.0.1:{port}",
                                     "--many", os.path.join(examples, "batch.jsonl"), records],
                          stdout=subprocess.PIPE, text=True, cwd=work)
    expect(done.returncode == 0, "the HTTP example decides differently from talent batch:\n" + done.stdout)
    print("HTTP:", done.stdout.strip().splitlines()[-1])
served.terminate()
expect(served.wait(timeout=20) == 0, "the installed talent serve did not stop cleanly on SIGTERM")

for p in problems:
    print("PROBLEM:", p)
print(f"{len(problems)} problem(s)" if problems else "installed tree, C++, C, Python and HTTP examples: as expected")
sys.exit(1 if problems else 0)
