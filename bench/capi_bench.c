/* capi_bench: the time of one call through the C interface, the way a
   backend calls it: JSON text in, JSON text out, a fresh string each time.

     capi_bench [CALLS]         (default 200000 calls per measurement)

   Decides the four worked examples' records in turn as of 2025-06-30 and
   prints, for talent_decide without and with reasons and for
   talent_decide_batch on 100 records, the median of 5 runs. */
#define _POSIX_C_SOURCE 199309L
#include <talent/talent.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char* kRecords[] = {
    "{\"id\":\"EX-1\",\"degree\":\"doctorate\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
    "\"graduation_date\":\"2024-07-01\",\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}",
    "{\"id\":\"EX-2\",\"degree\":\"bachelor\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
    "\"graduation_date\":\"2023-06-30\",\"employment\":{\"status\":\"self_employed\",\"in_city\":true},"
    "\"home_purchase\":{\"first_in_city\":true,\"date\":\"2025-03-01\"},\"startup_loan\":{\"kind\":\"personal_guarantee\","
    "\"principal\":\"400000.00\",\"annual_rate\":\"0.0385\",\"term_months\":48,\"start_date\":\"2025-01-10\"}}",
    "{\"id\":\"EX-3\",\"degree\":\"master\",\"study_mode\":\"part_time\",\"institution\":\"regular_university\","
    "\"graduation_date\":\"2024-01-10\",\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}",
    "{\"id\":\"EX-4\",\"degree\":\"associate\",\"study_mode\":\"full_time\",\"institution\":\"vocational_college\","
    "\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}",
};
enum { kRecordCount = 4, kRuns = 5, kBatch = 100 };

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

static size_t lengths[kRecordCount];
static unsigned long long output_bytes = 0; /* keeps the work from being optimised away */

/* Median seconds per call of talent_decide over `calls` calls. */
static double time_decide(const talent_rules* rules, long calls, unsigned flags) {
  double runs[kRuns];
  for (int r = 0; r < kRuns; ++r) {
    double start = seconds();
    for (long i = 0; i < calls; ++i) {
      char* out = NULL;
      int k = (int)(i % kRecordCount);
      if (talent_decide(rules, kRecords[k], lengths[k], "2025-06-30", flags, &out) != TALENT_DECIDED) {
        fprintf(stderr, "capi_bench: record %d was not decided: %s\n", k, out ? out : "(no result)");
        exit(1);
      }
      output_bytes += strlen(out);
      talent_free(out);
    }
    runs[r] = (seconds() - start) / (double)calls;
  }
  qsort(runs, kRuns, sizeof runs[0], by_value);
  return runs[kRuns / 2];
}

/* Median seconds per record of talent_decide_batch on batches of 100 JSON Lines. */
static double time_batch(const talent_rules* rules, long calls, unsigned flags) {
  size_t size = 0;
  for (int i = 0; i < kBatch; ++i) size += lengths[i % kRecordCount] + 1;
  char* text = malloc(size + 1);
  char* at = text;
  for (int i = 0; i < kBatch; ++i) {
    memcpy(at, kRecords[i % kRecordCount], lengths[i % kRecordCount]);
    at += lengths[i % kRecordCount];
    *at++ = '\n';
  }
  long batches = calls / kBatch > 0 ? calls / kBatch : 1;
  double runs[kRuns];
  for (int r = 0; r < kRuns; ++r) {
    double start = seconds();
    for (long i = 0; i < batches; ++i) {
      char* out = NULL;
      if (talent_decide_batch(rules, text, size, "2025-06-30", flags, &out) != TALENT_DECIDED) exit(1);
      output_bytes += strlen(out);
      talent_free(out);
    }
    runs[r] = (seconds() - start) / (double)(batches * kBatch);
  }
  free(text);
  qsort(runs, kRuns, sizeof runs[0], by_value);
  return runs[kRuns / 2];
}

static void report(const char* what, double per_call) {
  printf("%-40s %9.0f calls/s %9.1f us/call\n", what, 1.0 / per_call, per_call * 1e6);
}

int main(int argc, char** argv) {
  long calls = argc > 1 ? atol(argv[1]) : 200000;
  if (calls < 1) calls = 1;
  for (int i = 0; i < kRecordCount; ++i) lengths[i] = strlen(kRecords[i]);
  talent_rules* rules = talent_rules_builtin(NULL);
  if (!rules) return 1;
  printf("capi_bench: libtalent %s, the 4 worked examples in turn, %ld calls per run, median of %d runs, one thread\n",
         talent_version(), calls, kRuns);
  report("talent_decide, no reasons", time_decide(rules, calls, 0));
  report("talent_decide, reasons", time_decide(rules, calls, TALENT_REASONS));
  report("talent_decide_batch x100, no reasons", time_batch(rules, calls, 0));
  report("talent_decide_batch x100, reasons", time_batch(rules, calls, TALENT_REASONS));
  printf("output %llu bytes\n", output_bytes);
  talent_rules_free(rules);
  return 0;
}
