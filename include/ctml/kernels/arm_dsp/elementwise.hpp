#pragma once
// int8 ADD for cores with the DSP extension. TFLite's quantized add rescales each input with its
// own multiplier before summing: ((x + offset) << left_shift) * M_in, double-rounded. That term
// depends on one int8 value only, so for each input it is a 256-entry table computed at compile
// time (1 KB of flash per input); the kernel is then two table loads, one add and one
// requantization per element. Bit-identical to reference::add_s8 (same arithmetic per entry).

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/add_table.hpp>
#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>
#include <ctml/kernels/reference/elementwise.hpp>
#include <ctml/quant/fixed_point.hpp>

// Only the DSP-extension targets compile this kernel (the header is empty elsewhere).
#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

/// int8 ADD of N elements (out may alias a or b). Usage: `arm_dsp::add_s8<N, K>(a, b, out)`.
template <std::size_t N, reference::add_constants K>
void add_s8(const std::int8_t* a, const std::int8_t* b, std::int8_t* out) noexcept {
  const std::int32_t* ta =
      kernels::detail::add_input_table<K.input1_offset, K.left_shift, K.input1>::values.data();
  const std::int32_t* tb =
      kernels::detail::add_input_table<K.input2_offset, K.left_shift, K.input2>::values.data();
  const auto* ua = reinterpret_cast<const std::uint8_t*>(a);
  const auto* ub = reinterpret_cast<const std::uint8_t*>(b);
  for (std::size_t i = 0; i < N; ++i) {
    const std::int32_t s = ta[ua[i]] + tb[ub[i]];
    out[i] = requantize_s8<K.output_offset, K.act_min, K.act_max>(s, K.output);
  }
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// int8 ADD with the DSP extension (compile-time tables, every length).
template <std::size_t N, add_constants K>
struct add_s8_kernel<N, K, arch::arm_dsp> : no_scratch {
  static void run(const std::int8_t* a, const std::int8_t* b, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    arm_dsp::add_s8<N, K>(a, b, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP
