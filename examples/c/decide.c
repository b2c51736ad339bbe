/* decide: decides applicant records with the rules built into libtalent and
   prints one line of JSON per record, exactly as `talent batch` does.

     decide [--as-of YYYY-MM-DD] [--lang en] [--no-reasons] [--what-if] [--batch] FILE...

   Each FILE holds one record (a YAML or JSON object), decided with
   talent_decide. With --batch each FILE may hold many records (JSON Lines, a
   JSON array, YAML documents), decided with talent_decide_batch. '-' reads
   standard input. --what-if adds, to each program not granted, what would
   make it eligible (TALENT_WHAT_IF), as `talent batch --what-if` does. Exit status as talent batch's: 0 every record decided,
   1 a record rejected, 2 a usage error.

   Build it against an installed talent:
     cc -std=c99 decide.c $(pkg-config --cflags --libs talent) -o decide */
#include <talent/talent.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of `path` ("-": standard input) in a malloc'd buffer; NULL when
   it cannot be read. */
static char* read_all(const char* path, size_t* size) {
  FILE* in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  char* data = NULL;
  size_t capacity = 0;
  *size = 0;
  if (!in) return NULL;
  for (;;) {
    if (*size == capacity) {
      char* grown = realloc(data, capacity ? capacity * 2 : 65536);
      if (!grown) break;
      data = grown;
      capacity = capacity ? capacity * 2 : 65536;
    }
    size_t got = fread(data + *size, 1, capacity - *size, in);
    *size += got;
    if (got == 0) break;
  }
  int failed = ferror(in) || (capacity > 0 && *size == capacity);
  if (in != stdin) fclose(in);
  if (failed || !data) {
    free(data);
    return NULL;
  }
  return data;
}

int main(int argc, char** argv) {
  const char* as_of = NULL; /* today */
  unsigned flags = TALENT_REASONS;
  int batch = 0, first_file = argc;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
      as_of = argv[++i];
    } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
      const char* lang = argv[++i];
      if (strcmp(lang, "en") == 0) flags |= TALENT_ENGLISH;
      else if (strcmp(lang, "zh") != 0) {
        fprintf(stderr, "decide: --lang must be zh or en, not '%s'\n", lang);
        return 2;
      }
    } else if (strcmp(argv[i], "--no-reasons") == 0) {
      flags &= ~TALENT_REASONS;
    } else if (strcmp(argv[i], "--what-if") == 0) {
      flags |= TALENT_WHAT_IF;
    } else if (strcmp(argv[i], "--batch") == 0) {
      batch = 1;
    } else {
      first_file = i;
      break;
    }
  }
  if (first_file == argc) {
    fprintf(stderr, "usage: decide [--as-of YYYY-MM-DD] [--lang en] [--no-reasons] [--what-if] [--batch] FILE...\n");
    return 2;
  }

  char* error = NULL;
  talent_rules* rules = talent_rules_builtin(&error);
  if (!rules) {
    fprintf(stderr, "decide: %s\n", error ? error : "out of memory");
    talent_free(error);
    return 2;
  }

  int status = TALENT_DECIDED;
  for (int i = first_file; i < argc && status != TALENT_USAGE; ++i) {
    size_t size = 0;
    char* text = read_all(argv[i], &size);
    if (!text) {
      fprintf(stderr, "decide: cannot read '%s'\n", argv[i]);
      status = TALENT_USAGE;
      break;
    }
    char* out = NULL;
    int rc = batch ? talent_decide_batch(rules, text, size, as_of, flags, &out)
                   : talent_decide(rules, text, size, as_of, flags, &out);
    free(text);
    if (rc == TALENT_DECIDED || rc == TALENT_REJECTED) {
      fputs(out, stdout);
      if (!batch) fputc('\n', stdout); /* talent_decide's result is one line without its '\n' */
      if (rc == TALENT_REJECTED) status = TALENT_REJECTED;
    } else {
      fprintf(stderr, "decide: %s\n", out ? out : "out of memory");
      status = TALENT_USAGE;
    }
    talent_free(out);
  }
  talent_rules_free(rules);
  return status;
}
