// Stage 4: checked syntax trees to the flat node arrays of compiled.hpp.
#pragma once

#include "compiled.hpp"
