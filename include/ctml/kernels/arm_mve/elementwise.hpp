#pragma once
// int8 ADD with Helium (MVE). TFLite's quantized add rescales each input on its own,
// MBQM((x + offset) << left_shift, M_in) (double rounding), before the sum is requantized. That
// term depends on one int8 value only: per input it is a 256-entry int32 table computed at compile
// time (1 KB of flash; layers with the same constants share it), read with a gather load indexed
// by the value's byte. Per 4 elements: 2 widening loads, 2 gathers, 1 add, the output
// requantization with compile-time constants (4-5 instructions), offset, clamp and a 4-byte store.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/add_table.hpp>
#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/reference/elementwise.hpp>
#include <ctml/quant/fixed_point.hpp>

#if CTML_ARCH_ARM_MVE

namespace ctml::kernels::arm_mve {

namespace detail {

/// multiply_by_quantized_multiplier with a compile-time multiplier on 4 lanes.
template <multiplier M>
CTML_FORCE_INLINE int32x4_t requantize_c(int32x4_t x) noexcept {
  if constexpr (M.shift > 0) x = vshlq_n_s32(x, M.shift);
  x = vqrdmulhq_n_s32(x, M.value);
  if constexpr (M.shift < 0) {
    // Ties away from zero: negative values one lower before the ties-up rounding shift.
    x = vqaddq_s32(x, vshrq_n_s32(x, 31));
    x = vrshrq_n_s32(x, -M.shift);
  }
  return x;
}

}  // namespace detail

/// int8 add with TFLite's rescaling. Bit-identical to reference::add_s8.
template <std::size_t N, reference::add_constants K>
void add_s8(const std::int8_t* a, const std::int8_t* b, std::int8_t* out) noexcept {
  const std::int32_t* ta =
      kernels::detail::add_input_table<K.input1_offset, K.left_shift, K.input1>::values.data();
  const std::int32_t* tb =
      kernels::detail::add_input_table<K.input2_offset, K.left_shift, K.input2>::values.data();
  const auto sum = [&](uint32x4_t ia, uint32x4_t ib) {
    const int32x4_t t =
        vaddq_s32(vldrwq_gather_shifted_offset_s32(ta, ia), vldrwq_gather_shifted_offset_s32(tb, ib));
    const int32x4_t r = vaddq_n_s32(detail::requantize_c<K.output>(t), K.output_offset);
    return vminq_s32(vmaxq_s32(r, vdupq_n_s32(K.act_min)), vdupq_n_s32(K.act_max));
  };
  const auto* ua = reinterpret_cast<const std::uint8_t*>(a);
  const auto* ub = reinterpret_cast<const std::uint8_t*>(b);
  constexpr std::size_t body = N & ~std::size_t{3};
  for (std::size_t i = 0; i < body; i += 4) vstrbq_s32(out + i, sum(vldrbq_u32(ua + i), vldrbq_u32(ub + i)));
  if constexpr (N % 4 != 0) {
    // The last N % 4 elements: inactive lanes index entry 0 and are not stored.
    const mve_pred16_t p = vctp32q(N % 4);
    const int32x4_t v = sum(vldrbq_z_u32(ua + body, p), vldrbq_z_u32(ub + body, p));
    vstrbq_p_s32(out + body, v, p);
    stored();
  }
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// int8 ADD with Helium (compile-time tables read by gathers, every length).
template <std::size_t N, add_constants K>
struct add_s8_kernel<N, K, arch::arm_mve> : no_scratch {
  static void run(const std::int8_t* a, const std::int8_t* b, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    arm_mve::add_s8<N, K>(a, b, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE
