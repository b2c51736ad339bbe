#include "talent/version.hpp"

namespace talent {

const char* version() { return TALENT_VERSION_STRING; }
int abi_version() { return TALENT_ABI_VERSION; }

}  // namespace talent
