#pragma once
// The constants TFLite prepares for an int8 ADD (as layers/add.hpp computes them), shared by the
// ADD kernel tests.
#include <ctml/kernels/elementwise.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace kernels_test {

/// Left shift 20, inputs rescaled to twice the larger input scale, the sum to the output scale.
/// Usage: `constexpr auto k = tflite_add(s1, z1, s2, z2, s_out, z_out);` (clamp to [lo, hi]).
constexpr ctml::kernels::add_constants tflite_add(double s1, int z1, double s2, int z2, double so, int zo,
                                                  int lo = -128, int hi = 127) {
  const double twice_max = 2.0 * (s1 > s2 ? s1 : s2);
  return ctml::kernels::add_constants{-z1,
                                      -z2,
                                      zo,
                                      20,
                                      ctml::quantize_multiplier(s1 / twice_max),
                                      ctml::quantize_multiplier(s2 / twice_max),
                                      ctml::quantize_multiplier(twice_max / (double(1 << 20) * so)),
                                      lo,
                                      hi};
}

}  // namespace kernels_test
