/* The C interface, from C99: every function of talent/talent.h with concrete
   expected results, and one rule set shared by eight threads.

     capi_test PACK_DIR       (PACK_DIR: rules/hohhot-talent-25) */
#include <talent/talent.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int failures = 0;

#define CHECK(condition)                                                 \
  do {                                                                   \
    if (!(condition)) {                                                  \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                        \
    }                                                                    \
  } while (0)

static int contains(const char* text, const char* piece) { return text && strstr(text, piece) != NULL; }

static void check_equal(const char* actual, const char* expected, int line) {
  if (!actual || strcmp(actual, expected) != 0) {
    fprintf(stderr, "%s:%d: expected\n  %s\nbut got\n  %s\n", __FILE__, line, expected, actual ? actual : "(NULL)");
    ++failures;
  }
}
#define CHECK_EQUAL(actual, expected) check_equal((actual), (expected), __LINE__)

/* Worked example 1 of docs/policy-reading.md. */
static const char* kExample1 =
    "{\"id\":\"EX-1\",\"degree\":\"doctorate\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
    "\"graduation_date\":\"2024-07-01\",\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}";
static const char* kRentEligible =
    "{\"program\":\"rent_subsidy\",\"title\":\"Rent subsidy for graduates\",\"status\":\"eligible\",\"amount\":\"1000.00\","
    "\"frequency\":\"monthly\",\"window\":{\"start\":\"2024-07-01\",\"end\":\"2026-07-01\"},\"clause\":\"C-RENT\"";

static int decide(const talent_rules* rules, const char* record, const char* as_of, unsigned flags, char** out) {
  return talent_decide(rules, record, record ? strlen(record) : 0, as_of, flags, out);
}

/* `actual` is `head`, a digest of 64 hex digits, then `tail`: the whole
   result but the pack's digest, which changes with any edit of the pack. */
static void check_around_digest(const char* actual, const char* head, const char* tail, int line) {
  size_t n = strlen(head);
  int ok = actual && strncmp(actual, head, n) == 0 && strlen(actual) >= n + 64 &&
           strspn(actual + n, "0123456789abcdef") == 64 && strcmp(actual + n + 64, tail) == 0;
  if (!ok) {
    fprintf(stderr, "%s:%d: expected\n  %s<digest>%s\nbut got\n  %s\n", __FILE__, line, head, tail, actual ? actual : "(NULL)");
    ++failures;
  }
}
#define CHECK_AROUND_DIGEST(actual, head, tail) check_around_digest((actual), (head), (tail), __LINE__)

static void test_version(void) {
  CHECK_EQUAL(talent_version(), TALENT_VERSION_STRING);
  CHECK(talent_abi_version() == TALENT_ABI_VERSION);
  CHECK(TALENT_VERSION_NUMBER == TALENT_VERSION_MAJOR * 10000 + TALENT_VERSION_MINOR * 100 + TALENT_VERSION_PATCH);
}

static void test_decided(const talent_rules* rules) {
  char* out = NULL;
  CHECK(decide(rules, kExample1, "2025-06-30", TALENT_REASONS | TALENT_ENGLISH, &out) == TALENT_DECIDED);
  CHECK(strncmp(out, "{\"id\":\"EX-1\",\"as_of\":\"2025-06-30\",\"ruleset\":{\"id\":\"hohhot-talent-25\",\"version\":\"2024.12.1\","
                     "\"digest\":\"sha256:", 95) == 0);
  CHECK(contains(out, kRentEligible));
  CHECK(contains(out, "\"reasons\":[{\"condition\":"));
  CHECK(contains(out, "{\"program\":\"home_purchase_subsidy\",\"title\":\"Home-purchase subsidy for graduates\",\"status\":\"ineligible\""));
  CHECK(contains(out, "{\"program\":\"startup_loan_interest_subsidy\",\"title\":\"Qingcheng Dream loan interest subsidy\",\"status\":\"ineligible\""));
  CHECK(strchr(out, '\n') == NULL);
  talent_free(out);

  /* Without reasons: the same verdicts, no reasons; Chinese titles by default. */
  CHECK(decide(rules, kExample1, "2025-06-30", 0, &out) == TALENT_DECIDED);
  CHECK(contains(out, "\"title\":\"高校毕业生租房补贴\",\"status\":\"eligible\",\"amount\":\"1000.00\""));
  CHECK(!contains(out, "\"reasons\""));
  talent_free(out);

  /* Two years and a day after graduation the rent subsidy has ended. */
  CHECK(decide(rules, kExample1, "2026-07-02", 0, &out) == TALENT_DECIDED);
  CHECK(contains(out, "\"program\":\"rent_subsidy\",\"title\":\"高校毕业生租房补贴\",\"status\":\"ineligible\""));
  talent_free(out);

  /* len bounds the record: what follows it in memory is not read. */
  char buffer[512];
  snprintf(buffer, sizeof buffer, "%s garbage that is not JSON", kExample1);
  CHECK(talent_decide(rules, buffer, strlen(kExample1), "2025-06-30", 0, &out) == TALENT_DECIDED);
  talent_free(out);

  /* A YAML record is read too. */
  const char* yaml = "id: EX-4\ndegree: associate\nstudy_mode: full_time\n";
  CHECK(decide(rules, yaml, "2025-06-30", TALENT_ENGLISH, &out) == TALENT_DECIDED);
  CHECK(contains(out, "\"status\":\"needs_info\",\"frequency\":\"monthly\",\"clause\":\"C-RENT\",\"missing\":["));
  talent_free(out);

  /* No date: today's local date. */
  char today[16];
  time_t now = time(NULL);
  strftime(today, sizeof today, "%Y-%m-%d", localtime(&now));
  char expected[64];
  snprintf(expected, sizeof expected, "\"as_of\":\"%s\"", today);
  CHECK(decide(rules, kExample1, NULL, 0, &out) == TALENT_DECIDED);
  CHECK(contains(out, expected));
  talent_free(out);
}

static void test_rejected(const talent_rules* rules) {
  char* out = NULL;
  CHECK(decide(rules, "{\"id\":\"B-3\",\"graduation_date\":\"2023-02-30\"}", "2025-06-30", TALENT_REASONS, &out) ==
        TALENT_REJECTED);
  CHECK_EQUAL(out, "{\"id\":\"B-3\",\"record\":1,\"error\":{\"field\":\"graduation_date\",\"code\":\"invalid_value\","
                   "\"message\":\"expected a real calendar date YYYY-MM-DD, found \\\"2023-02-30\\\"\"},"
                   "\"errors\":[{\"field\":\"graduation_date\",\"code\":\"invalid_value\","
                   "\"message\":\"expected a real calendar date YYYY-MM-DD, found \\\"2023-02-30\\\"\"}]}");
  talent_free(out);

  /* Every problem of a record at once: the first in "error", all in "errors". */
  CHECK(decide(rules, "{\"id\":\"M-1\",\"degree\":\"masters\",\"graduation_date\":\"2023-02-30\","
                      "\"employment\":{\"in_city\":\"yes\"}}", "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(contains(out, "\"errors\":[{\"field\":\"degree\","));
  CHECK(contains(out, "},{\"field\":\"graduation_date\","));
  CHECK(contains(out, "},{\"field\":\"employment.in_city\",\"code\":\"wrong_type\""));
  talent_free(out);

  CHECK(decide(rules, "{\"id\":\"R-1\",\"degree\":\"masters\"}", "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(strncmp(out, "{\"id\":\"R-1\",\"record\":1,\"error\":{\"field\":\"degree\",\"code\":\"unknown_name\","
                     "\"message\":\"unknown value \\\"masters\\\" (did you mean 'master'?)", 114) == 0);
  talent_free(out);

  CHECK(decide(rules, "{\"degree\":\"master\"}", "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK_EQUAL(out, "{\"id\":null,\"record\":1,\"error\":{\"field\":\"id\",\"code\":\"missing\","
                   "\"message\":\"required field 'id' is missing\"},\"errors\":[{\"field\":\"id\",\"code\":\"missing\","
                   "\"message\":\"required field 'id' is missing\"}]}");
  talent_free(out);

  CHECK(decide(rules, "[1, 2]", "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(contains(out, "\"error\":{\"field\":null,\"code\":\"wrong_type\""));
  talent_free(out);

  /* Nothing at all is a rejected record too, never a crash. */
  CHECK(talent_decide(rules, NULL, 0, "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(contains(out, "\"record\":1,\"error\":{\"field\":null,"));
  talent_free(out);
}

static void test_usage(const talent_rules* rules) {
  char* out = NULL;
  CHECK(decide(NULL, kExample1, "2025-06-30", 0, &out) == TALENT_USAGE);
  CHECK_EQUAL(out, "{\"error\":{\"field\":null,\"code\":\"missing\",\"message\":\"no rule set given (rules is NULL)\"}}");
  talent_free(out);

  CHECK(decide(rules, kExample1, "2025-02-30", 0, &out) == TALENT_USAGE);
  CHECK_EQUAL(out, "{\"error\":{\"field\":null,\"code\":\"invalid_value\","
                   "\"message\":\"as_of must be a real date YYYY-MM-DD, not \\\"2025-02-30\\\"\"}}");
  talent_free(out);

  CHECK(decide(rules, kExample1, "", 0, &out) == TALENT_USAGE);
  talent_free(out);

  CHECK(decide(rules, kExample1, "2025-06-30", 32, &out) == TALENT_USAGE);
  CHECK(contains(out, "\"code\":\"invalid_value\",\"message\":\"unknown flags 32; this function takes TALENT_REASONS (1), "
                      "TALENT_ENGLISH (2), TALENT_UNKNOWN_WARN (4), TALENT_UNKNOWN_IGNORE (8) and TALENT_WHAT_IF (16)\""));
  talent_free(out);

  CHECK(decide(rules, kExample1, "2025-06-30", TALENT_UNKNOWN_WARN | TALENT_UNKNOWN_IGNORE, &out) == TALENT_USAGE);
  CHECK(contains(out, "TALENT_UNKNOWN_WARN and TALENT_UNKNOWN_IGNORE contradict each other"));
  talent_free(out);

  CHECK(talent_decide(rules, NULL, 5, "2025-06-30", 0, &out) == TALENT_USAGE);
  CHECK(contains(out, "\"code\":\"missing\",\"message\":\"record_json is NULL but len is 5\""));
  talent_free(out);

  /* Nowhere to put the result: nothing is decided. */
  CHECK(decide(rules, kExample1, "2025-06-30", 0, NULL) == TALENT_USAGE);
  CHECK(talent_decide_batch(rules, kExample1, strlen(kExample1), "2025-06-30", 0, NULL) == TALENT_USAGE);
  CHECK(talent_rules_json(rules, 0, NULL) == TALENT_USAGE);

  talent_free(NULL);
  talent_rules_free(NULL);
}

static int count_lines(const char* text) {
  int n = 0;
  for (; *text; ++text) n += *text == '\n';
  return n;
}

/* Window forms are read and listed; an unknown field rejects, or is left
   out and listed (warn), or left out silently (ignore). */
static void test_forms(const talent_rules* rules) {
  const char* forms = "{\"申请编号\":\"F-1\",\"毕业日期\":\"2024年6月30日\",\"备注\":\"x\"}";
  char* out = NULL;
  CHECK(decide(rules, forms, "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(contains(out, "\"error\":{\"field\":\"备注\",\"code\":\"unknown_name\""));
  talent_free(out);
  CHECK(decide(rules, forms, "2025-06-30", TALENT_UNKNOWN_WARN, &out) == TALENT_DECIDED);
  CHECK(contains(out, "\"normalized\":[{\"field\":\"id\",\"from\":\"申请编号\",\"to\":\"id\"},"
                      "{\"field\":\"graduation_date\",\"from\":\"毕业日期\",\"to\":\"graduation_date\"},"
                      "{\"field\":\"graduation_date\",\"from\":\"2024年6月30日\",\"to\":\"2024-06-30\"}],"
                      "\"ignored\":[\"备注\"]}"));
  talent_free(out);
  CHECK(talent_decide_batch(rules, forms, strlen(forms), "2025-06-30", TALENT_UNKNOWN_IGNORE, &out) == TALENT_DECIDED);
  CHECK(!contains(out, "\"ignored\""));
  CHECK(contains(out, "\"to\":\"2024-06-30\""));
  talent_free(out);
}

static void test_batch(const talent_rules* rules) {
  const char* lines =
      "{\"id\":\"B-1\",\"degree\":\"master\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
      "\"graduation_date\":\"2024-09-01\",\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}\n"
      "{\"id\":\"B-2\",\"graduation_date\":\"2023-02-30\"}\n"
      "\n"
      "{\"id\":\"B-3\"}\n";
  char* out = NULL;
  CHECK(talent_decide_batch(rules, lines, strlen(lines), "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(count_lines(out) == 3);
  CHECK(strncmp(out, "{\"id\":\"B-1\",\"as_of\":\"2025-06-30\"", 32) == 0);
  CHECK(contains(out, "\n{\"id\":\"B-2\",\"record\":2,\"line\":2,\"error\":{\"field\":\"graduation_date\",\"code\":\"invalid_value\""));
  CHECK(contains(out, "\n{\"id\":\"B-3\",\"as_of\":\"2025-06-30\""));
  CHECK(contains(out, "\"status\":\"eligible\",\"amount\":\"800.00\""));  /* a master's rent subsidy */
  talent_free(out);

  const char* array = "[{\"id\":\"A-1\"}, {\"id\":\"A-2\"}]";
  CHECK(talent_decide_batch(rules, array, strlen(array), "2025-06-30", 0, &out) == TALENT_DECIDED);
  CHECK(count_lines(out) == 2);
  CHECK(contains(out, "{\"id\":\"A-2\",\"as_of\":\"2025-06-30\""));
  talent_free(out);

  const char* yaml = "id: Y-1\n---\nid: Y-2\ndegree: nonsense\n---\nid: Y-3\n";
  CHECK(talent_decide_batch(rules, yaml, strlen(yaml), "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(count_lines(out) == 3);
  CHECK(contains(out, "{\"id\":\"Y-2\",\"record\":2,\"line\":3,\"error\":{\"field\":\"degree\",\"code\":\"unknown_name\""));
  talent_free(out);

  CHECK(talent_decide_batch(rules, "", 0, "2025-06-30", 0, &out) == TALENT_DECIDED);
  CHECK_EQUAL(out, "");
  talent_free(out);

  CHECK(talent_decide_batch(rules, lines, strlen(lines), "2025-13-01", 0, &out) == TALENT_USAGE);
  CHECK(contains(out, "\"code\":\"invalid_value\""));
  talent_free(out);
}

/* TALENT_WHAT_IF: worked example 1 five months after its rent subsidy
   ended (2026-07-01): each program not granted with what would grant it, as
   `talent check --what-if --format json --lang en --no-reasons` prints it. */
static void test_what_if(const talent_rules* rules) {
  char* out = NULL;
  CHECK(decide(rules, kExample1, "2026-11-29", TALENT_ENGLISH | TALENT_WHAT_IF, &out) == TALENT_DECIDED);
  CHECK_AROUND_DIGEST(
      out,
      "{\"id\":\"EX-1\",\"as_of\":\"2026-11-29\",\"ruleset\":{\"id\":\"hohhot-talent-25\",\"version\":\"2024.12.1\","
      "\"digest\":\"sha256:",
      "\",\"in_force\":{\"version\":\"2024.12.1\",\"since\":\"2024-12-01\"}},\"programs\":["
      "{\"program\":\"rent_subsidy\",\"title\":\"Rent subsidy for graduates\",\"status\":\"ineligible\",\"frequency\":\"monthly\","
      "\"clause\":\"C-RENT\",\"what_if\":[{\"changes\":[{\"field\":\"graduation_date\",\"at_least\":\"2024-11-29\","
      "\"at_most\":\"2026-11-29\",\"mutable\":false}]}]},"
      "{\"program\":\"home_purchase_subsidy\",\"title\":\"Home-purchase subsidy for graduates\",\"status\":\"ineligible\","
      "\"frequency\":\"once\",\"clause\":\"C-HOME\",\"what_if\":[{\"changes\":[{\"field\":\"home_purchase.first_in_city\","
      "\"set\":true},{\"field\":\"home_purchase.date\",\"at_least\":\"2024-07-01\",\"at_most\":\"2026-11-29\"}]}]},"
      "{\"program\":\"startup_loan_interest_subsidy\",\"title\":\"Qingcheng Dream loan interest subsidy\","
      "\"status\":\"ineligible\",\"frequency\":\"once\",\"clause\":\"C-LOAN\",\"what_if\":[]}]}");
  talent_free(out);

  /* Without the flag: the same decision, no what_if anywhere. */
  CHECK(decide(rules, kExample1, "2026-11-29", TALENT_ENGLISH, &out) == TALENT_DECIDED);
  CHECK(contains(out, "\"clause\":\"C-RENT\"},{\"program\":\"home_purchase_subsidy\""));
  CHECK(!contains(out, "what_if"));
  talent_free(out);

  /* A program granted has none; with reasons, what_if follows them. */
  CHECK(decide(rules, kExample1, "2025-06-30", TALENT_REASONS | TALENT_WHAT_IF, &out) == TALENT_DECIDED);
  CHECK(strstr(out, "\"what_if\"") > strstr(out, "\"program\":\"home_purchase_subsidy\""));
  CHECK(contains(out, "}],\"what_if\":[{\"changes\":[{\"field\":\"home_purchase.first_in_city\",\"set\":true},"
                      "{\"field\":\"home_purchase.date\",\"at_least\":\"2024-07-01\",\"at_most\":\"2025-06-30\"}]}]}"));
  talent_free(out);

  /* A fact the record lacks is to be provided; a rejected record is as without the flag. */
  CHECK(decide(rules, "{\"id\":\"W-1\",\"degree\":\"master\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
                      "\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}",
               "2025-06-30", TALENT_WHAT_IF, &out) == TALENT_DECIDED);
  CHECK(contains(out, "\"status\":\"needs_info\",\"frequency\":\"monthly\",\"clause\":\"C-RENT\",\"missing\":[\"graduation_date\"],"
                      "\"what_if\":[{\"changes\":[{\"field\":\"graduation_date\",\"at_least\":\"2023-06-30\",\"at_most\":\"2025-06-30\","
                      "\"provide\":true}]}]}"));
  talent_free(out);
  char* plain = NULL;
  CHECK(decide(rules, "{\"id\":\"W-2\",\"degree\":\"masters\"}", "2025-06-30", 0, &plain) == TALENT_REJECTED);
  CHECK(decide(rules, "{\"id\":\"W-2\",\"degree\":\"masters\"}", "2025-06-30", TALENT_WHAT_IF, &out) == TALENT_REJECTED);
  CHECK_EQUAL(out, plain);
  talent_free(out);
  talent_free(plain);

  /* A batch: every line as talent_decide gives it with the flag. */
  const char* lines = "{\"id\":\"W-3\",\"degree\":\"doctorate\"}\n{\"id\":\"W-4\",\"degree\":\"masters\"}\n";
  CHECK(talent_decide_batch(rules, lines, strlen(lines), "2025-06-30", TALENT_WHAT_IF, &out) == TALENT_REJECTED);
  CHECK(count_lines(out) == 2);
  char* first = NULL;
  CHECK(decide(rules, "{\"id\":\"W-3\",\"degree\":\"doctorate\"}", "2025-06-30", TALENT_WHAT_IF, &first) == TALENT_DECIDED);
  CHECK(out && first && strncmp(out, first, strlen(first)) == 0 && out[strlen(first)] == '\n');
  /* Five facts missing: no change of up to four facts grants the rent subsidy. */
  CHECK(contains(first, "\"clause\":\"C-RENT\",\"missing\":[\"employment.in_city\",\"employment.status\",\"graduation_date\","
                        "\"institution\",\"study_mode\"],\"what_if\":[]}"));
  talent_free(first);
  talent_free(out);
}

/* talent_timeline: worked example 2 over eleven years, as
   `talent timeline --format json --from 2020-01-01 --to 2030-12-31` prints it. */
static void test_timeline(const talent_rules* rules) {
  const char* ex2 =
      "{\"id\":\"EX-2\",\"degree\":\"bachelor\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
      "\"graduation_date\":\"2023-06-30\",\"employment\":{\"status\":\"self_employed\",\"in_city\":true},"
      "\"home_purchase\":{\"first_in_city\":true,\"date\":\"2025-03-01\"},\"startup_loan\":{\"kind\":\"personal_guarantee\","
      "\"principal\":\"400000.00\",\"annual_rate\":\"0.0385\",\"term_months\":48,\"start_date\":\"2025-01-10\"}}";
  char *out = NULL, *plain = NULL;
  CHECK(talent_timeline(rules, ex2, strlen(ex2), "2020-01-01", "2030-12-31", 0, &out) == TALENT_DECIDED);
  CHECK_AROUND_DIGEST(
      out,
      "{\"id\":\"EX-2\",\"from\":\"2020-01-01\",\"to\":\"2030-12-31\",\"ruleset\":{\"id\":\"hohhot-talent-25\","
      "\"version\":\"2024.12.1\",\"digest\":\"sha256:",
      "\"},\"programs\":[{\"program\":\"rent_subsidy\",\"segments\":["
      "{\"from\":\"2020-01-01\",\"to\":\"2023-06-29\",\"status\":\"ineligible\",\"version\":\"2024.12.1\"},"
      "{\"from\":\"2023-06-30\",\"to\":\"2025-06-30\",\"status\":\"eligible\",\"amount\":\"500.00\",\"version\":\"2024.12.1\"},"
      "{\"from\":\"2025-07-01\",\"to\":\"2030-12-31\",\"status\":\"ineligible\",\"version\":\"2024.12.1\"}]},"
      "{\"program\":\"home_purchase_subsidy\",\"segments\":["
      "{\"from\":\"2020-01-01\",\"to\":\"2025-02-28\",\"status\":\"ineligible\",\"version\":\"2024.12.1\"},"
      "{\"from\":\"2025-03-01\",\"to\":\"2030-12-31\",\"status\":\"eligible\",\"amount\":\"30000.00\",\"version\":\"2024.12.1\"}]},"
      "{\"program\":\"startup_loan_interest_subsidy\",\"segments\":["
      "{\"from\":\"2020-01-01\",\"to\":\"2030-12-31\",\"status\":\"eligible\",\"amount\":\"17325.00\",\"version\":\"2024.12.1\"}]}]}");
  talent_free(out);

  /* One day; the record read with its forms and an unknown field left out. */
  const char* forms = "{\"申请编号\":\"T-5\",\"学历\":\"硕士\",\"备注\":\"x\"}";
  CHECK(talent_timeline(rules, forms, strlen(forms), "2025-06-30", "2025-06-30", 0, &out) == TALENT_REJECTED);
  CHECK(contains(out, "\"error\":{\"field\":\"备注\",\"code\":\"unknown_name\""));
  talent_free(out);
  CHECK(talent_timeline(rules, forms, strlen(forms), "2025-06-30", "2025-06-30", TALENT_UNKNOWN_IGNORE, &out) == TALENT_DECIDED);
  CHECK(contains(out, "{\"id\":\"T-5\",\"from\":\"2025-06-30\",\"to\":\"2025-06-30\","));
  CHECK(contains(out, "{\"program\":\"rent_subsidy\",\"segments\":[{\"from\":\"2025-06-30\",\"to\":\"2025-06-30\",\"status\":\"needs_info\""));
  talent_free(out);

  /* No dates: ten years either side of today. */
  char from[32], to[32], expected[96];
  time_t now = time(NULL);
  struct tm day = *localtime(&now);
  int year = day.tm_year + 1900;
  if (day.tm_mon == 1 && day.tm_mday == 29) day.tm_mday = 28; /* a leap day's anniversary ten years off */
  snprintf(from, sizeof from, "%04d-%02d-%02d", year - 10, day.tm_mon + 1, day.tm_mday);
  snprintf(to, sizeof to, "%04d-%02d-%02d", year + 10, day.tm_mon + 1, day.tm_mday);
  snprintf(expected, sizeof expected, "\"from\":\"%s\",\"to\":\"%s\"", from, to);
  CHECK(talent_timeline(rules, ex2, strlen(ex2), NULL, NULL, 0, &out) == TALENT_DECIDED);
  CHECK(contains(out, expected));
  talent_free(out);

  /* Rejected records and wrong calls, as talent_decide reports them. */
  const char* bad = "{\"id\":\"T-1\",\"graduation_date\":\"2023-02-30\"}";
  CHECK(talent_timeline(rules, bad, strlen(bad), "2020-01-01", "2030-12-31", 0, &out) == TALENT_REJECTED);
  CHECK(decide(rules, bad, "2025-06-30", 0, &plain) == TALENT_REJECTED);
  CHECK_EQUAL(out, plain);
  talent_free(plain);
  talent_free(out);
  CHECK(talent_timeline(rules, ex2, strlen(ex2), "2030-12-31", "2020-01-01", 0, &out) == TALENT_USAGE);
  CHECK_EQUAL(out, "{\"error\":{\"field\":null,\"code\":\"invalid_value\",\"message\":\"to (2020-01-01) is before from (2030-12-31)\"}}");
  talent_free(out);
  CHECK(talent_timeline(rules, ex2, strlen(ex2), "2020-01-01", "2030-02-29", 0, &out) == TALENT_USAGE);
  CHECK_EQUAL(out, "{\"error\":{\"field\":null,\"code\":\"invalid_value\","
                   "\"message\":\"to must be a real date YYYY-MM-DD, not \\\"2030-02-29\\\"\"}}");
  talent_free(out);
  CHECK(talent_timeline(rules, ex2, strlen(ex2), "", NULL, 0, &out) == TALENT_USAGE);
  CHECK(contains(out, "from must be a real date YYYY-MM-DD"));
  talent_free(out);
  CHECK(talent_timeline(rules, ex2, strlen(ex2), NULL, NULL, TALENT_REASONS, &out) == TALENT_USAGE);
  CHECK(contains(out, "unknown flags 1; this function takes TALENT_UNKNOWN_WARN (4) and TALENT_UNKNOWN_IGNORE (8)"));
  talent_free(out);
  CHECK(talent_timeline(NULL, ex2, strlen(ex2), NULL, NULL, 0, &out) == TALENT_USAGE);
  talent_free(out);
  CHECK(talent_timeline(rules, NULL, 3, NULL, NULL, 0, &out) == TALENT_USAGE);
  talent_free(out);
  CHECK(talent_timeline(rules, ex2, strlen(ex2), NULL, NULL, 0, NULL) == TALENT_USAGE);
}

static void test_load(const talent_rules* builtin, const char* pack_dir) {
  char* error = (char*)"not cleared";
  talent_rules* loaded = talent_rules_load(pack_dir, &error);
  CHECK(loaded != NULL);
  CHECK(error == NULL);
  /* The pack in the folder is the pack built in: the same decision, digest included. */
  char *a = NULL, *b = NULL;
  CHECK(decide(loaded, kExample1, "2025-06-30", TALENT_REASONS, &a) == TALENT_DECIDED);
  CHECK(decide(builtin, kExample1, "2025-06-30", TALENT_REASONS, &b) == TALENT_DECIDED);
  CHECK_EQUAL(a, b);
  talent_free(a);
  talent_free(b);
  talent_rules_free(loaded);

  CHECK(talent_rules_load("/no/such/folder", &error) == NULL);
  CHECK_EQUAL(error, "{\"error\":{\"field\":null,\"code\":\"unreadable\",\"message\":\"/no/such/folder: error: not a folder "
                     "holding a rule pack (expected pack.yaml inside)\\n\"},\"diagnostics\":[{\"file\":\"/no/such/folder\","
                     "\"line\":0,\"column\":0,\"code\":\"unreadable\",\"message\":\"not a folder holding a rule pack "
                     "(expected pack.yaml inside)\"}]}");
  talent_free(error);

  CHECK(talent_rules_load(NULL, &error) == NULL);
  CHECK_EQUAL(error, "{\"error\":{\"field\":null,\"code\":\"missing\",\"message\":\"no rule pack folder given (dir is NULL)\"}}");
  talent_free(error);

  CHECK(talent_rules_load("/no/such/folder", NULL) == NULL); /* the reason may be declined */
}

static void test_rules_json(const talent_rules* rules) {
  char* out = NULL;
  CHECK(talent_rules_json(rules, TALENT_ENGLISH, &out) == TALENT_DECIDED);
  CHECK(strncmp(out, "{\"id\":\"hohhot-talent-25\",\"version\":\"2024.12.1\",\"digest\":\"sha256:", 63) == 0);
  CHECK(contains(out, "{\"program\":\"rent_subsidy\",\"title\":\"Rent subsidy for graduates\",\"clause\":\"C-RENT\",\"frequency\":\"monthly\""));
  CHECK(contains(out, "\"amount\":{\"expression\":\"rent_per_month\",\"parameters\":[\"rent_per_month\"],\"by\":\"degree\","
                      "\"table\":{\"doctorate\":\"1000.00\",\"master\":\"800.00\",\"bachelor\":\"500.00\""));
  CHECK(contains(out, "{\"path\":\"graduation_date\",\"type\":\"date\",\"label\":\"graduation date\"}"));
  CHECK(contains(out, "\"versions\":[{\"version\":\"2024.12.1\",\"title\":\"Hohhot's 25 Measures for a Talent-Strong City\","
                      "\"effective_from\":\"2024-12-01\""));
  CHECK(contains(out, "{\"parameter\":\"rent_years\",\"label\":\"years after graduation the rent subsidy lasts\","
                      "\"type\":\"int\",\"clause\":\"C-RENT\",\"history\":[{\"since\":\"2024-12-01\",\"value\":\"2\"}]}"));
  CHECK(contains(out, "{\"name\":\"rent_deadline\",\"label\":\"the second anniversary of graduation\","
                      "\"expression\":\"graduation_date + years(rent_years)\"}"));
  talent_free(out);
  CHECK(talent_rules_json(rules, TALENT_REASONS, &out) == TALENT_USAGE);
  talent_free(out);
}

/* Eight threads decide on one rule set at once; each result must equal the
   one decided alone. */
enum { kThreads = 8, kRounds = 100 };
static const char* kRecords[] = {
    "{\"id\":\"T-1\",\"degree\":\"doctorate\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
    "\"graduation_date\":\"2024-07-01\",\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}",
    "{\"id\":\"T-2\",\"degree\":\"bachelor\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
    "\"graduation_date\":\"2023-06-30\",\"employment\":{\"status\":\"self_employed\",\"in_city\":true},"
    "\"startup_loan\":{\"kind\":\"personal_guarantee\",\"principal\":\"400000.00\",\"annual_rate\":\"3.85%\",\"term_months\":48}}",
    "{\"id\":\"T-3\",\"degree\":\"masters\"}",
    "id: T-4\ndegree: associate\n",
};
enum { kRecordCount = sizeof kRecords / sizeof kRecords[0] };
static char* expected_results[kRecordCount];
static const talent_rules* shared_rules;

static void* decide_many(void* arg) {
  long* mismatches = arg;
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kRecordCount; ++i) {
      char* out = NULL;
      decide(shared_rules, kRecords[i], "2025-06-30", TALENT_REASONS, &out);
      if (!out || strcmp(out, expected_results[i]) != 0) ++*mismatches;
      talent_free(out);
    }
  }
  return NULL;
}

static void test_threads(const talent_rules* rules) {
  shared_rules = rules;
  for (int i = 0; i < kRecordCount; ++i) decide(rules, kRecords[i], "2025-06-30", TALENT_REASONS, &expected_results[i]);
  CHECK(contains(expected_results[1], "\"amount\":\"17325.00\""));
  pthread_t threads[kThreads];
  long mismatches[kThreads] = {0};
  for (int t = 0; t < kThreads; ++t) CHECK(pthread_create(&threads[t], NULL, decide_many, &mismatches[t]) == 0);
  for (int t = 0; t < kThreads; ++t) {
    pthread_join(threads[t], NULL);
    CHECK(mismatches[t] == 0);
  }
  for (int i = 0; i < kRecordCount; ++i) talent_free(expected_results[i]);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: capi_test PACK_DIR\n");
    return 2;
  }
  char* error = (char*)"not cleared";
  talent_rules* rules = talent_rules_builtin(&error);
  CHECK(rules != NULL);
  CHECK(error == NULL);
  if (!rules) return 1;

  test_version();
  test_decided(rules);
  test_rejected(rules);
  test_usage(rules);
  test_forms(rules);
  test_batch(rules);
  test_what_if(rules);
  test_timeline(rules);
  test_load(rules, argv[1]);
  test_rules_json(rules);
  test_threads(rules);
  talent_rules_free(rules);

  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("the C interface behaves as talent.h says\n");
  return 0;
}
