/* TALENT_API marks what the talent library exports: its public C++ API and its
   C interface. The library is built with every other symbol hidden, so that
   only what include/talent/ declares with TALENT_API can be linked to.
   Needs only a C or C++ compiler; used by talent.h as well as the C++ headers. */
#ifndef TALENT_EXPORT_H
#define TALENT_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define TALENT_API __attribute__((visibility("default")))
#else
#define TALENT_API
#endif

#endif /* TALENT_EXPORT_H */
