// POST /v1/timeline: one record's timeline, as `talent timeline --format
// json` prints it (docs/embedding.md#http).
#include "serve/limits.hpp"
#include "serve/query.hpp"
#include "serve/service_text.hpp"
#include "serve/worker.hpp"

#include <istream>

namespace talent::serve {
namespace {

void refuse(Answer& a, unsigned status, ErrorCode code, const std::string& message) {
  a.status = status;
  a.body = error_json(code, message);
}

// Reads ?from=&to=: the range, by default ten years either side of today,
// as `talent timeline` takes it. "" when it is right, else what is wrong.
std::string read_range(std::string_view query, Date& from, Date& to, ErrorCode& code) {
  unsigned given = 0;
  QueryProblem problem = read_query(
      query, {"from", "to"},
      [&from, &to](std::size_t which, const std::string& value) -> std::string {
        auto day = parse_date(value);
        if (!day) return std::string(which == 0 ? "from" : "to") + " must be a real date YYYY-MM-DD, not \"" +
                         value.substr(0, 64) + "\"";
        (which == 0 ? from : to) = *day;
        return "";
      },
      given);
  if (!problem.message.empty()) {
    code = problem.code;
    return problem.message;
  }
  Date now = today();
  auto shifted = [&now](long years) {
    auto day = add_years(now, years);
    return day ? *day : now;
  };
  if (!(given & 1u)) from = shifted(-10);
  if (!(given & 2u)) to = shifted(10);
  code = ErrorCode::invalid_value;
  if (to < from) return "to (" + format_date(to) + ") is before from (" + format_date(from) + ")";
  auto longest = add_years(from, kMaxTimelineYears);
  if (longest && *longest < to) {
    code = ErrorCode::limit;
    return "a timeline covers at most " + std::to_string(kMaxTimelineYears) + " years: from " + format_date(from) +
           " it may run to " + format_date(*longest) + ", not " + format_date(to);
  }
  return "";
}

}  // namespace

void answer_timeline(std::string_view query, std::string& body, Worker& worker, Answer& a) {
  a.snapshot = worker.service().rules.current();
  if (!a.snapshot) {
    refuse(a, 503, ErrorCode::missing, "no rule set is in force yet; GET /healthz says why");
    return;
  }
  Date from, to;
  ErrorCode code = ErrorCode::invalid_value;
  std::string problem = read_range(query, from, to, code);
  if (!problem.empty()) {
    refuse(a, 400, code, problem);
    return;
  }
  Body shape = worker.body_reader().read(body);
  if (shape.kind == Body::Kind::malformed) {
    refuse(a, 400, shape.code, shape.problem);
    return;
  }
  if (shape.kind == Body::Kind::list) {
    refuse(a, 400, ErrorCode::wrong_type,
           "/v1/timeline takes one record, a JSON object; a list of records is for /v1/decisions");
    return;
  }
  // Cut as /v1/decisions cuts a single record: a second JSON value after it
  // is refused, not left unread.
  TextView view(body);
  std::istream in(&view);
  RecordReader reader(*a.snapshot->rules, in);
  std::vector<RecordText>& texts = worker.texts();
  if (texts.size() < 2) texts.resize(2);
  for (std::size_t i = 0; i < 2; ++i) {
    if (texts[i].text.capacity() > (1u << 16)) std::string().swap(texts[i].text);  // let a huge one go
  }
  std::size_t count = 0;
  while (count < 2 && reader.next_text(texts[count])) ++count;
  if (count != 1) {
    refuse(a, 400, ErrorCode::syntax, "the body holds more than one JSON value; /v1/timeline takes one record");
    return;
  }
  Decider& decider = worker.decider(a.snapshot);
  bool done = decider.timeline(texts[0], from, to, a.body);
  const std::optional<RecordError>& error = decider.last().error;
  // A body that is not a JSON object at all is a malformed request, not a
  // rejected record.
  if (!done && error && error->field.empty() && (error->code == ErrorCode::syntax || error->code == ErrorCode::wrong_type)) {
    a.status = 400;
    return;
  }
  a.status = done ? 200 : 422;
}

}  // namespace talent::serve
