#pragma once
// The standard headers an exported model header includes.
#include <array>
#include <cstdint>
#include <string_view>
