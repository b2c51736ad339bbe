#include "serve/decider.hpp"

namespace talent::serve {

Decider::Decider(std::shared_ptr<const RuleSet> rules) : rules_(std::move(rules)), parser_(*rules_) {}

DecisionWriter& Decider::writer(const DecideOptions& options) {
  std::size_t index = static_cast<std::size_t>(options.language) * 3 + static_cast<std::size_t>(options.reasons);
  if (!writers_[index]) writers_[index] = std::make_unique<DecisionWriter>(*rules_, options.language, options.reasons);
  return *writers_[index];
}

bool Decider::decide(const RecordText& text, const DecideOptions& options, std::string& out, Tally& tally) {
  parser_.parse(text, parsed_);
  return finish(options, out, tally);
}

bool Decider::decide(std::string_view text, const DecideOptions& options, std::string& out, Tally& tally) {
  parser_.parse(text, 1, parsed_);
  return finish(options, out, tally);
}

// As `talent batch` does it (cli/pipeline.cpp): an amount that cannot be
// computed exactly rejects the record with the evaluation's error.
bool Decider::finish(const DecideOptions& options, std::string& out, Tally& tally) {
  const RuleSet& rules = *rules_;
  if (parsed_.record) {
    try {
      evaluate(rules, *parsed_.record, options.as_of, EvaluateOptions{options.reasons != Reasons::none}, decision_);
      if (options.what_if) {
        // Suggestions cost far more than writing; the tree writer writes them.
        out += to_json(rules, decision_, options.language, suggest(rules, *parsed_.record, options.as_of),
                       options.reasons);
      } else {
        writer(options).append(decision_, out);
      }
      if (tally.programs.size() < rules.programs().size()) tally.programs.resize(rules.programs().size());
      for (const ProgramDecision& p : decision_.programs) ++tally.programs[p.program][static_cast<std::size_t>(p.status)];
      ++tally.decided;
      return true;
    } catch (const EvaluationError& e) {
      parsed_.error = to_record_error(rules, e);
      parsed_.errors.assign(1, *parsed_.error);
    }
  }
  ++tally.rejected;
  return rejected(options, out);
}

bool Decider::rejected(const DecideOptions& options, std::string& out) {
  // A request's records are named by their place in it, not by lines of a file.
  parsed_.line = 0;
  writer(options).append(parsed_, out);
  return false;
}

bool Decider::timeline(const RecordText& text, Date from, Date to, std::string& out) {
  parser_.parse(text, parsed_);
  if (parsed_.record) {
    try {
      out += to_json(*rules_, talent::timeline(*rules_, *parsed_.record, from, to));
      return true;
    } catch (const EvaluationError& e) {
      parsed_.error = to_record_error(*rules_, e);
      parsed_.errors.assign(1, *parsed_.error);
    }
  }
  return rejected(DecideOptions{}, out);
}

}  // namespace talent::serve
