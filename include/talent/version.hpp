// The library's version, at compile time (macros) and at run time (functions).
//
// TALENT_VERSION_* are the release this header belongs to; the build reads
// them from here, so this file is the one place the version is written.
// TALENT_ABI_VERSION is the number in the shared library's SONAME
// (libtalent.so.1): it goes up whenever a change breaks programs built
// against an earlier release of the same ABI version.
//
//   if (talent::abi_version() != TALENT_ABI_VERSION) { /* loaded another build */ }
//   std::cout << "talent " << talent::version();   // "0.1.0"
//
// The macros are plain C, so talent.h includes this header too.
#ifndef TALENT_VERSION_HPP
#define TALENT_VERSION_HPP

#include "talent/export.h"

#define TALENT_VERSION_MAJOR 0
#define TALENT_VERSION_MINOR 1
#define TALENT_VERSION_PATCH 0
#define TALENT_VERSION_STRING "0.1.0"
#define TALENT_ABI_VERSION 1
// One number that orders releases: 10000 * major + 100 * minor + patch.
#define TALENT_VERSION_NUMBER (TALENT_VERSION_MAJOR * 10000 + TALENT_VERSION_MINOR * 100 + TALENT_VERSION_PATCH)

#ifdef __cplusplus
namespace talent {

// The version of the library running, "major.minor.patch": the one loaded at
// run time, which may differ from the header a program was compiled with.
TALENT_API const char* version();
// Its ABI version (the SONAME's number).
TALENT_API int abi_version();

}  // namespace talent
#endif

#endif  // TALENT_VERSION_HPP
