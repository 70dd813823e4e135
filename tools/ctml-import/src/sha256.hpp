#pragma once
// SHA-256 (FIPS 180-4), for the source checksum printed in generated headers.

#include <cstdint>
#include <span>
#include <string>

namespace ctml_import {

/// Lower-case hex digest of `data`.
std::string sha256_hex(std::span<const std::uint8_t> data);

}  // namespace ctml_import
