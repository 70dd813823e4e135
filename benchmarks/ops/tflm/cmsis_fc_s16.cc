// CMSIS-NN's arm_fully_connected_s16 alone on the shape of tests/data/tflm_ops/dense_per_channel_s16
// (37 inputs -> 7 units, int64 bias), for benchmarks/ops/README.md: TFLM's CMSIS-NN FULLY_CONNECTED
// refuses per-channel int16 weights at Prepare, and CMSIS-NN (4ab83cc3) has no per-channel int16
// fully connected, so that model has no TFLM + CMSIS-NN image. Counted here, without TFLM:
// - per_tensor: one call over the 7 units (CMSIS-NN's s16 kernel with one multiplier: the least
//   any CMSIS-NN path can cost for this shape);
// - per_channel: seven calls of one unit, each with its unit's multiplier (how a CMSIS-NN user gets
//   per-channel results from the per-tensor kernel).
// The instructions do not depend on the values (deterministic pseudo-random data here).
#include <cstdint>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include "arm_nnfunctions.h"

namespace {

constexpr int in_n = 37, units = 7;
std::int16_t input[in_n], output[units];
std::int8_t weights[units * in_n];
std::int64_t bias[units];
std::int32_t mult[units], shift[units];

std::uint32_t state = 2463534242u;
std::uint32_t next() {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

[[gnu::noinline]] void fc(int u0, int n, std::int32_t multiplier, std::int32_t sh) {
  const cmsis_nn_context ctx{nullptr, 0};
  const cmsis_nn_fc_params params{0, 0, 0, {-32768, 32767}};
  const cmsis_nn_per_tensor_quant_params quant{multiplier, sh};
  const cmsis_nn_dims input_dims{1, 1, 1, in_n}, filter_dims{in_n, 1, 1, n}, bias_dims{1, 1, 1, n},
      output_dims{1, 1, 1, n};
  arm_fully_connected_s16(&ctx, &params, &quant, &input_dims, input, &filter_dims, weights + u0 * in_n,
                          &bias_dims, bias + u0, &output_dims, output + u0);
}

}  // namespace

int main() {
  for (auto& x : input) x = static_cast<std::int16_t>(next());
  for (auto& w : weights) w = static_cast<std::int8_t>(next());
  for (int u = 0; u < units; ++u) {
    bias[u] = static_cast<std::int32_t>(next() % 2000001) - 1000000;
    mult[u] = static_cast<std::int32_t>((1u << 30) + (next() >> 2));
    shift[u] = -10 - static_cast<std::int32_t>(next() % 3);
  }
  ctml_cm_counter_begin();
  fc(0, units, mult[0], shift[0]);
  const std::uint64_t per_tensor = ctml_cm_counter_end();
  ctml_cm_counter_begin();
  for (int u = 0; u < units; ++u) fc(u, 1, mult[u], shift[u]);
  const std::uint64_t per_channel = ctml_cm_counter_end();
  ctml_cm_print("cmsis_fc_s16 37x7 per_tensor insns=");
  ctml_cm_print_u64(per_tensor);
  ctml_cm_print(" per_channel insns=");
  ctml_cm_print_u64(per_channel);
  ctml_cm_print("\n");
  return 0;
}
