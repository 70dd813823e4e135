#pragma once
// The int8 SVDF on the DSP extension (Cortex-M4, M7, M33, M55): the feature and time dot products with
// SMLAD, two multiply-accumulates per instruction. Same arithmetic as kernels/reference/svdf.hpp
// (integer sums in another order give the same int32), so the bytes are TFLite Micro's. Covers an int16
// memory of zero point 0 (TFLite's int16 activations: keyword_scrambled) and an int8 memory with any
// zero point (keyword_scrambled_8bit); an int16 memory with another zero point takes the reference.

#include <ctml/core/arch.hpp>
#include <ctml/kernels/reference/svdf.hpp>

#if CTML_ARCH_ARM_DSP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>

namespace ctml::kernels::arm_dsp {

inline std::int32_t load_halfword_pair(const std::int16_t* p) noexcept {
  std::int32_t w;
  std::memcpy(&w, p, 4);  // LDR (unaligned allowed on these cores)
  return w;
}

/// One frame. `xs` (scratch): Features rounded up to 4 int16, the input minus its zero point in
/// SXTB16 order (x0, x2, x1, x3 per group of four), so that a weight word's two SXTB16 halves meet
/// their inputs in one SMLAD each.
template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
void svdf_s8(const std::int8_t* x, S* state, const std::int8_t* feature, const S* time,
             const std::int32_t* bias, std::int8_t* y, std::int16_t* xs) noexcept {
  constexpr int filters = Units * Rank, groups = Features / 4;
  constexpr std::int32_t lo = std::is_same_v<S, std::int16_t> ? -32768 : -128, hi = -lo - 1;
  reference::svdf_shift(state, static_cast<std::size_t>(filters) * Memory);
  for (int g = 0; g < groups; ++g) {
    const std::int8_t* xg = x + 4 * g;
    xs[4 * g + 0] = static_cast<std::int16_t>(xg[0] - P.input_zero_point);
    xs[4 * g + 1] = static_cast<std::int16_t>(xg[2] - P.input_zero_point);
    xs[4 * g + 2] = static_cast<std::int16_t>(xg[1] - P.input_zero_point);
    xs[4 * g + 3] = static_cast<std::int16_t>(xg[3] - P.input_zero_point);
  }
  for (int f = 0; f < filters; ++f) {
    const std::int8_t* w = feature + f * Features;
    std::int32_t acc = 0;
    for (int g = 0; g < groups; ++g) {
      const std::int32_t ww = load4(w + 4 * g);
      acc = smlad(sxtb16(ww), load_halfword_pair(xs + 4 * g), acc);
      acc = smlad(sxtb16_ror8(ww), load_halfword_pair(xs + 4 * g + 2), acc);
    }
    for (int c = 4 * groups; c < Features; ++c)
      acc += std::int32_t{w[c]} * (std::int32_t{x[c]} - P.input_zero_point);
    acc = requantize(acc, P.to_state);  // = multiply_by_quantized_multiplier, one SMLAL
    acc = acc < lo ? lo : (acc > hi ? hi : acc);
    state[f * Memory + Memory - 1] = static_cast<S>(P.state_zero_point + acc);  // wraps, as TFLite Micro
  }
  // int8 memory: minus the zero point in each halfword while widening (SXTAB16), -zp in both halves.
  constexpr auto minus_zp =
      static_cast<std::int32_t>((static_cast<std::uint32_t>(-P.state_zero_point) & 0xFFFFu) * 0x10001u);
  for (int u = 0; u < Units; ++u) {
    auto out = static_cast<std::uint32_t>(bias[u]);  // wraps as the reference (kernels/reference/svdf.hpp)
    for (int r = 0; r < Rank; ++r) {
      const int f = u * Rank + r;
      const S* w = time + f * Memory;
      const S* s = state + f * Memory;
      std::int32_t acc = 0;
      int j = 0;
      if constexpr (std::is_same_v<S, std::int16_t>) {
        for (; j + 1 < Memory; j += 2) acc = smlad(load_halfword_pair(w + j), load_halfword_pair(s + j), acc);
      } else {
        for (; j + 3 < Memory; j += 4) {
          const std::int32_t ww = load4(w + j), ss = load4(s + j);
          acc = smlad(sxtb16(ww), sxtab16(minus_zp, ss), acc);
          acc = smlad(sxtb16_ror8(ww), sxtab16_ror8(minus_zp, ss), acc);
        }
      }
      auto sum = static_cast<std::uint32_t>(acc);  // SMLAD wraps too
      for (; j < Memory; ++j)
        sum += static_cast<std::uint32_t>(std::int32_t{w[j]} * (std::int32_t{s[j]} - P.state_zero_point));
      out += sum;
    }
    const std::int32_t q = requantize(static_cast<std::int32_t>(out), P.to_output) + P.output_zero_point;
    y[u] = static_cast<std::int8_t>(q < -128 ? -128 : (q > 127 ? 127 : q));
  }
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// SVDF on the DSP extension: int8 memory, or int16 memory of zero point 0.
template <int Units, int Rank, int Features, int Memory, class S, svdf_s8_params P>
requires(std::is_same_v<S, std::int8_t> ||
         P.state_zero_point == 0) struct svdf_s8_kernel<Units, Rank, Features, Memory, S, P, arch::arm_dsp> {
  static constexpr std::size_t scratch_bytes = static_cast<std::size_t>((Features + 3) / 4 * 4) * 2;
  static void run(const std::int8_t* x, S* state, const std::int8_t* feature, const S* time,
                  const std::int32_t* bias, std::int8_t* y, std::byte* scratch) noexcept {
    arm_dsp::svdf_s8<Units, Rank, Features, Memory, S, P>(x, state, feature, time, bias, y,
                                                          reinterpret_cast<std::int16_t*>(scratch));
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP
