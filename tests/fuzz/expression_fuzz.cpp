// Fuzz target: one rule-language expression. Parses it, type-checks it as
// each type a pack can ask for against the built-in schema, and when it
// checks, compiles it and evaluates it over the sample records.
#include "lang/checker.hpp"
#include "lang/compiled.hpp"
#include "lang/compiler.hpp"
#include "eval/evaluator.hpp"
#include "fuzz_records.hpp"
#include "lang/parser.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace talent;
using namespace talent::detail;

struct Fixture {
  std::shared_ptr<const RuleSet> rules = builtin_rule_set();
  CompiledPack pack = rules->compiled();  // a private copy to compile into
  std::vector<Record> records = fuzz::parse_samples(*rules);
};

void evaluate_expression(Fixture& f, const Expr& checked) {
  std::size_t nodes = f.pack.nodes.size(), constants = f.pack.constants.size(), strings = f.pack.strings.size();
  CompiledExpression e = compile_expression(checked, f.pack);
  for (const Record& record : f.records) {
    for (const char* day : {"2025-06-30", "1400-01-01", "9999-12-31"}) {
      Date as_of = *parse_date(day);
      const CompiledVersion& version = f.pack.versions[f.pack.version_at(as_of)];
      Evaluator ev(f.pack, version, record, as_of, std::max(as_of, version.info.effective_from));
      try {
        Value v = ev.eval(e.root);
        if (v.known && checked.type == ValueType::money) {
          std::int64_t fen = 0;
          (void)exact_round(v.number, 100, fen);
        }
      } catch (const ArithmeticFailure&) {
      }
    }
  }
  f.pack.nodes.resize(nodes);
  f.pack.constants.resize(constants);
  f.pack.strings.resize(strings);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (ValueType want : {ValueType::boolean, ValueType::money, ValueType::date, ValueType::rate, ValueType::integer}) {
    Expr expr;
    ExpressionError error;
    if (!parse_expression(text, expr, error)) return 0;
    std::vector<ExpressionError> errors;
    if (check_expression(fixture.pack.schema, expr, want, errors, &fixture.pack.names)) evaluate_expression(fixture, expr);
  }
  return 0;
}
