#pragma once
// The single source of ctml's version.

#define CTML_VERSION_MAJOR 0
#define CTML_VERSION_MINOR 1
#define CTML_VERSION_PATCH 0

namespace ctml {
inline constexpr const char* version = "0.1.0";
}
