/* A plug-in (a shared object loaded with dlopen) with the static talent
   archive linked into it: this links only if the archive's code is
   position-independent. */
#include <talent/talent.h>

#include <string.h>

__attribute__((visibility("default"))) int plugin_decide(char** out) {
  static const char* record =
      "{\"id\":\"P-1\",\"degree\":\"master\",\"study_mode\":\"full_time\",\"institution\":\"regular_university\","
      "\"graduation_date\":\"2024-09-01\",\"employment\":{\"status\":\"enterprise\",\"in_city\":true}}";
  talent_rules* rules = talent_rules_builtin(NULL);
  int status = talent_decide(rules, record, strlen(record), "2025-06-30", 0, out);
  talent_rules_free(rules);
  return status;
}

__attribute__((visibility("default"))) void plugin_free(char* text) { talent_free(text); }
