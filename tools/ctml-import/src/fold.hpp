#pragma once
// Import-time constant folding: operators whose result is known from the file alone (QUANTIZE or
// DEQUANTIZE of a constant, SHAPE of a static shape, PACK / STRIDED_SLICE / RESHAPE of constants, as
// TFLite's converter leaves them) are computed here, with TFLite Micro's arithmetic, and their outputs
// become constants. validate() then skips those operators (tflite::model::folded_ops).

#include <cstdint>
#include <vector>

#include "flatbuffer.hpp"
#include "tflite.hpp"

namespace ctml_import {

/// `raw` with the foldable operators marked and their outputs turned into constants whose bytes follow
/// the file's in `bytes` (a copy of the file with them appended); empty `bytes`: nothing was folded.
struct folded_model {
  tflite::model raw;
  std::vector<std::uint8_t> bytes;
};

folded_model fold_constants(const tflite::model& raw, const fb::buffer& file);

}  // namespace ctml_import
