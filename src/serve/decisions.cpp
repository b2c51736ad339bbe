// POST /v1/decisions: one record, or {"records": [...]}, decided as
// `talent batch` decides them (docs/embedding.md#http); with ?what_if=true,
// as `talent check --what-if` does.
#include "serve/limits.hpp"
#include "serve/query.hpp"
#include "serve/service_text.hpp"
#include "serve/worker.hpp"

#include <istream>
#include <vector>

namespace talent::serve {
namespace {

// Reads ?as_of=&reasons=&lang=&what_if=; "" when they are all right, else what is wrong.
std::string read_options(std::string_view query, DecideOptions& options, ErrorCode& code) {
  unsigned given = 0;
  QueryProblem problem = read_query(
      query, {"as_of", "reasons", "lang", "what_if"},
      [&options](std::size_t which, const std::string& value) -> std::string {
        if (which == 0) {
          auto day = parse_date(value);
          if (!day) return "as_of must be a real date YYYY-MM-DD, not \"" + value.substr(0, 64) + "\"";
          options.as_of = *day;
        } else if (which == 1) {
          if (value == "full") options.reasons = Reasons::full;
          else if (value == "compact") options.reasons = Reasons::compact;
          else if (value == "none") options.reasons = Reasons::none;
          else return "reasons must be full, compact or none, not \"" + value.substr(0, 64) + "\"";
        } else if (which == 2) {
          if (value == "zh") options.language = Language::zh;
          else if (value == "en") options.language = Language::en;
          else return "lang must be zh or en, not \"" + value.substr(0, 64) + "\"";
        } else {
          if (value == "true") options.what_if = true;
          else if (value == "false") options.what_if = false;
          else return "what_if must be true or false, not \"" + value.substr(0, 64) + "\"";
        }
        return "";
      },
      given);
  if (!problem.message.empty()) {
    code = problem.code;
    return problem.message;
  }
  if (!(given & 1u)) options.as_of = today();
  return "";
}

void refuse(Answer& a, unsigned status, ErrorCode code, const std::string& message) {
  a.status = status;
  a.body = error_json(code, message);
}

// Writes the receipts, or turns the answer into a 503 when they cannot be.
bool write_receipts(Service& service, const std::string& receipts, Answer& a) {
  std::string error;
  if (service.log->append(receipts, error)) return true;
  refuse(a, 503, ErrorCode::unreadable, error + "; nothing was decided: a decision is only given with its receipt");
  a.tally = Tally{};
  return false;
}

}  // namespace

void answer_decisions(std::string_view query, std::string& body, Worker& worker, Answer& a) {
  Service& service = worker.service();
  a.snapshot = service.rules.current();
  if (!a.snapshot) {
    refuse(a, 503, ErrorCode::missing, "no rule set is in force yet; GET /healthz says why");
    return;
  }
  DecideOptions options;
  ErrorCode code = ErrorCode::invalid_value;
  std::string problem = read_options(query, options, code);
  if (!problem.empty()) {
    refuse(a, 400, code, problem);
    return;
  }
  Body shape = worker.body_reader().read(body);
  if (shape.kind == Body::Kind::malformed) {
    refuse(a, 400, shape.code, shape.problem);
    return;
  }
  Decider& decider = worker.decider(a.snapshot);
  std::string head;
  if (service.log) head = receipt_head(utc_timestamp(), a.request_id, *a.snapshot, options);
  // The records are cut from the body as `talent batch` cuts them from a
  // file, every one before any is decided, so that too many are refused
  // before anything is decided.
  bool single = shape.kind == Body::Kind::record;
  TextView view(single ? std::string_view(body) : shape.records);
  std::istream in(&view);
  RecordReader reader(*a.snapshot->rules, in);
  std::vector<RecordText>& texts = worker.texts();
  std::size_t most = options.what_if ? kMaxWhatIfRecordsPerRequest : kMaxRecordsPerRequest;
  std::size_t count = 0;
  for (; count <= most; ++count) {
    if (count == texts.size()) texts.emplace_back();
    if (texts[count].text.capacity() > (1u << 16)) std::string().swap(texts[count].text);  // let a huge one go
    if (!reader.next_text(texts[count])) break;
  }
  if (count > most) {
    refuse(a, 413, ErrorCode::limit,
           "a request " + std::string(options.what_if ? "with what_if=true " : "") + "may hold at most " +
               std::to_string(most) + " records; send the rest in another");
    return;
  }
  if (single && count != 1) {
    refuse(a, 400, ErrorCode::syntax, "the body holds more than one JSON value; send several records as {\"records\": [...]}");
    return;
  }
  if (single) {
    bool decided = decider.decide(texts[0], options, a.body, a.tally);
    const std::optional<RecordError>& error = decider.last().error;
    // A body that is not a JSON object at all is a malformed request, not a
    // rejected record: no receipt.
    if (!decided && error && error->field.empty() && (error->code == ErrorCode::syntax || error->code == ErrorCode::wrong_type)) {
      a.status = 400;
      a.tally = Tally{};
      return;
    }
    a.status = decided ? 200 : 422;
    if (service.log) {
      std::string receipt;
      append_receipt(head, 1, texts[0].text, a.body, receipt);
      write_receipts(service, receipt, a);
    }
    return;
  }
  std::string results;
  std::vector<std::size_t> ends;  // where each record's result ends in `results`
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) results += ',';
    decider.decide(texts[i], options, results, a.tally);
    ends.push_back(results.size());
  }
  a.status = a.tally.rejected == 0 ? 200 : 422;
  a.body = "{\"records\":" + std::to_string(count) + ",\"decided\":" + std::to_string(a.tally.decided) +
           ",\"rejected\":" + std::to_string(a.tally.rejected) + ",\"results\":[";
  a.body += results;
  a.body += "]}";
  if (service.log && count > 0) {
    std::string receipts;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < count; ++i) {
      std::string_view result(results.data() + begin, ends[i] - begin);
      append_receipt(head, texts[i].number, texts[i].text, result, receipts);
      begin = ends[i] + 1;  // past the comma
    }
    write_receipts(service, receipts, a);
  }
}

}  // namespace talent::serve
