/* The C interface to talent: for C99, and for every language that calls C
   (Go's cgo, Java's FFM or JNA, .NET P/Invoke, Rust, Python's ctypes).

   Records go in and decisions come out as JSON text (UTF-8), exactly as
   docs/decision-contract.md describes and as `talent batch` prints them.
   Handles are opaque. No C++ exception ever crosses this interface: every
   failure is a return value and, where there is room, a JSON error object.

   Thread-safety: a talent_rules is immutable once made. Any number of threads
   may call talent_decide, talent_decide_batch, talent_timeline and
   talent_rules_json on one talent_rules at once. Free it with talent_rules_free once no call is using
   it. Strings the library returns are the caller's: free each with
   talent_free, from any thread.

     char* error = NULL;
     talent_rules* rules = talent_rules_builtin(&error);
     char* decision = NULL;
     const char* record = "{\"id\":\"A-1\",\"degree\":\"doctorate\"}";
     int rc = talent_decide(rules, record, strlen(record), "2025-06-30", TALENT_REASONS, &decision);
     if (rc <= TALENT_REJECTED) puts(decision);   // a decision, or the record's error object
     talent_free(decision);
     talent_rules_free(rules);
*/
#ifndef TALENT_TALENT_H
#define TALENT_TALENT_H

#include "talent/export.h"
#include "talent/version.hpp"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A loaded, compiled rule pack. */
typedef struct talent_rules talent_rules;

/* Flags of talent_decide and talent_decide_batch; 0 is the fast path:
   no reasons, texts in Chinese. */
#define TALENT_REASONS 1u /* every condition's reason and the amount's basis, as `talent batch` gives by default */
#define TALENT_ENGLISH 2u /* titles, labels, details and notes in English (`--lang en`) */
/* A field the pack's schema does not declare: by default the schema decides
   (the Hohhot pack rejects the record). With TALENT_UNKNOWN_WARN the record is
   decided without it and the decision lists it under "ignored"; with
   TALENT_UNKNOWN_IGNORE it is left out silently. Not both. */
#define TALENT_UNKNOWN_WARN 4u
#define TALENT_UNKNOWN_IGNORE 8u
/* Each program the record is not eligible for (ineligible or needs_info)
   gets "what_if": the fewest changes of facts that would make it eligible,
   exactly as `talent check --what-if --format json` gives them
   (docs/decision-contract.md, "What would make it eligible"). Costs far
   more than the decision itself: ask for it when a person will read it. */
#define TALENT_WHAT_IF 16u

/* What talent_decide and talent_decide_batch return. */
#define TALENT_DECIDED 0  /* every record was decided */
#define TALENT_REJECTED 1 /* a record was rejected; its result is an error object (the others are decided) */
#define TALENT_USAGE 2    /* the call was wrong (no rules, a bad as_of, unknown flags); *out_json says why */
#define TALENT_FAILED 3   /* the library could not finish (out of memory); *out_json is NULL */

/* The version of the library loaded, "major.minor.patch" (a static string). */
TALENT_API const char* talent_version(void);
/* Its ABI version: the number in the SONAME (libtalent.so.1). */
TALENT_API int talent_abi_version(void);

/* The rule pack built into the library (rules/hohhot-talent-25). On failure
   returns NULL and, when error is not NULL, sets *error to a JSON object
   (free it with talent_free); otherwise sets *error to NULL. */
TALENT_API talent_rules* talent_rules_builtin(char** error);
/* Loads the rule pack in the folder dir (its manifest is dir/pack.yaml). On
   failure returns NULL and sets *error (when not NULL) to
   {"error":{"field":null,"code":..,"message":..},"diagnostics":[{"file","line","column","code","message"},...]},
   where message holds every problem as `talent validate` prints it. */
TALENT_API talent_rules* talent_rules_load(const char* dir, char** error);
/* Frees a rule set made by talent_rules_builtin or talent_rules_load; NULL is ignored. */
TALENT_API void talent_rules_free(talent_rules* rules);

/* Decides one record: record_json holds len bytes (need not end in NUL) of
   one JSON object (a YAML mapping is read too). as_of is "YYYY-MM-DD", or NULL
   for today's local date. Sets *out_json to one line of JSON, to be freed with
   talent_free:
     TALENT_DECIDED   the decision: {"id","as_of","ruleset","programs":[...]}
     TALENT_REJECTED  the rejected record: {"id","record":1,"error":{"field","code","message"}}
     TALENT_USAGE     {"error":{"field":null,"code","message"}}; nothing was decided
     TALENT_FAILED    NULL
   When out_json itself is NULL nothing is decided and TALENT_USAGE is returned. */
TALENT_API int talent_decide(const talent_rules* rules, const char* record_json, size_t len, const char* as_of,
                             unsigned flags, char** out_json);

/* Decides every record of records (len bytes): JSON Lines, a JSON array of
   objects, JSON objects one after another, or YAML documents separated by
   `---` (docs/decision-contract.md, "Input forms"). Sets *out_jsonl to one
   line per record, in order, each ending in '\n' — N records in, N lines out,
   a rejected record as its error object — exactly as `talent batch` prints
   them. Returns TALENT_DECIDED, TALENT_REJECTED when any record was rejected,
   or TALENT_USAGE / TALENT_FAILED as talent_decide does. Input holding no
   record gives an empty string and TALENT_DECIDED. */
TALENT_API int talent_decide_batch(const talent_rules* rules, const char* records, size_t len, const char* as_of,
                                   unsigned flags, char** out_jsonl);

/* When each program's outcome changes for one applicant as the as-of date
   moves over the days from `from` to `to` (both "YYYY-MM-DD", both
   included; NULL: ten years before, or after, today's local date), as
   `talent timeline --format json` prints it: one line,
     {"id","from","to","ruleset":{"id","version","digest"},
      "programs":[{"program","segments":[{"from","to","status","amount"?,"version"}]}]}
   (docs/decision-contract.md, "Timelines"). record_json and len as for
   talent_decide; flags may hold TALENT_UNKNOWN_WARN or TALENT_UNKNOWN_IGNORE.
   Returns TALENT_DECIDED with the timeline, TALENT_REJECTED with the
   rejected record's error object, TALENT_USAGE (a date that is not a real
   day, `to` before `from`, unknown flags) or TALENT_FAILED, setting
   *out_json as talent_decide does. */
TALENT_API int talent_timeline(const talent_rules* rules, const char* record_json, size_t len, const char* from,
                               const char* to, unsigned flags, char** out_json);

/* The rule set as one line of JSON: id, version, digest, its versions, the
   programs with their conditions and amounts, the parameters with their dated
   values, the definitions, the record's fields, the clauses. flags may hold
   TALENT_ENGLISH. Returns TALENT_DECIDED (0), TALENT_USAGE or TALENT_FAILED,
   setting *out_json as talent_decide does. */
TALENT_API int talent_rules_json(const talent_rules* rules, unsigned flags, char** out_json);

/* Frees a string returned by this library; NULL is ignored. */
TALENT_API void talent_free(char* text);

#ifdef __cplusplus
}
#endif

#endif /* TALENT_TALENT_H */
