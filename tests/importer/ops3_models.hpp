#pragma once
// Small models for int16 LOGISTIC and TANH (issue #11), written with the fbt builder. TFLM's outputs
// for them are in tests/data/tflm_ops/<name>/ (README there, make_ops3_cases.py); importer_test checks
// that the committed .tflite files equal these.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "opsmath_models.hpp"

namespace ops3 {

constexpr std::int32_t logistic_code = 14, tanh_code = 28;

/// The models by folder name (tests/data/tflm_ops/<name>/<name>.tflite).
inline std::vector<std::pair<std::string, fbt::model_spec>> models() {
  // int16 x of scale `scale` (zero point 0) -> op -> Q0.15 y.
  const auto s16 = [](std::int32_t code, float scale) {
    return opsmath::hard_swish(opsmath::activation({1, 2048}, opsmath::i16, "x", scale, 0), 1.0f / 32768.0f,
                               0, code);
  };
  // Every input scale kind TFLite Micro distinguishes: the power of two its table takes directly (2^-12;
  // for TANH also 2^-11: multiplier 3 << shift), another power of two (the general path, exact), other
  // scales (the multiplier truncated), the largest (saturating, no shift) and a tiny one (shift 31).
  return {
      {"logistic_s16_pot", s16(logistic_code, 1.0f / 4096.0f)},
      {"logistic_s16_pot10", s16(logistic_code, 1.0f / 1024.0f)},
      {"logistic_s16", s16(logistic_code, 0.0005f)},
      {"logistic_s16_wide", s16(logistic_code, 2.5f)},
      {"logistic_s16_tiny", s16(logistic_code, 1e-9f)},
      {"tanh_s16_pot", s16(tanh_code, 1.0f / 4096.0f)},
      {"tanh_s16_pot11", s16(tanh_code, 1.0f / 2048.0f)},
      {"tanh_s16_pot9", s16(tanh_code, 1.0f / 512.0f)},
      {"tanh_s16", s16(tanh_code, 0.0013f)},
      {"tanh_s16_wide", s16(tanh_code, 2.0f)},
  };
}

}  // namespace ops3
