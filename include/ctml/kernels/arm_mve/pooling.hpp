#pragma once
// int8 average pooling with Helium (MVE): 8 channels per vector, each valid tap one widening load
// (VLDRB.S16) and one add. A window of at most 256 taps sums within int16 (|sum| <= 256 * 128).
// The rounding division (half away from zero, TFLite's) and the clamp stay scalar per channel:
// MVE has no vector division, and the count changes with the padding at the borders.
// int8 max pooling: 16 channels per vector, one load and one VMAX per valid tap (starting from
// act_min, which is the lower clamp), one VMIN and a tail-predicated store.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_mve/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/pooling.hpp>

#if CTML_ARCH_ARM_MVE

namespace ctml::kernels::arm_mve {

/// Whether the Helium average pool covers geometry G (int16 window sums).
template <window_geometry G>
constexpr bool average_pool2d_fits() {
  return G.k_h * G.k_w <= 256;
}

/// int8 average pool. Bit-identical to reference::average_pool2d<G, std::int8_t, std::int32_t>.
template <window_geometry G>
void average_pool2d_s8(const std::int8_t* in, std::int32_t act_min, std::int32_t act_max,
                       std::int8_t* out) noexcept {
  static_assert(average_pool2d_fits<G>(), "arm_mve::average_pool2d_s8: window over 256 taps");
  constexpr int C = G.in_c;
  for_each_window<G>([&](const window_position& p) {
    const int count = (p.ty.end - p.ty.begin) * (p.tx.end - p.tx.begin);
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int c = 0; c < C; c += 8) {
      const mve_pred16_t lanes = vctp16q(static_cast<std::uint32_t>(C - c));
      int16x8_t sum = vdupq_n_s16(0);
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        const std::int8_t* ip = in + ((p.y0 + fy) * G.in_w + p.x0 + p.tx.begin) * C + c;
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx, ip += C) sum = vaddq_s16(sum, vldrbq_z_s16(ip, lanes));
      }
      std::int16_t s[8];
      vst1q_s16(s, sum);
      const int n = C - c < 8 ? C - c : 8;
      for (int j = 0; j < n; ++j) {
        const std::int32_t acc = s[j];
        std::int32_t v = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
        v = v < act_min ? act_min : (v > act_max ? act_max : v);
        o[c + j] = static_cast<std::int8_t>(v);
      }
    }
  });
}

/// int8 max pool. Bit-identical to reference::max_pool2d<G, std::int8_t> for act_min <= act_max
/// (TFLite's activation ranges; bounds outside int8 clamp nothing and are saturated to it).
/// Usage: `arm_mve::max_pool2d_s8<G>(in, -128, 127, out)`.
template <window_geometry G>
void max_pool2d_s8(const std::int8_t* in, std::int32_t act_min, std::int32_t act_max,
                   std::int8_t* out) noexcept {
  constexpr int C = G.in_c;
  const int8x16_t lo =
      vdupq_n_s8(static_cast<std::int8_t>(act_min < -128 ? -128 : (act_min > 127 ? 127 : act_min)));
  const int8x16_t hi =
      vdupq_n_s8(static_cast<std::int8_t>(act_max < -128 ? -128 : (act_max > 127 ? 127 : act_max)));
  for_each_window<G>([&](const window_position& p) {
    std::int8_t* o = out + p.out_index<G.out_w, G.out_c>();
    for (int c = 0; c < C; c += 16) {
      const mve_pred16_t lanes = vctp8q(static_cast<std::uint32_t>(C - c));
      // max(taps..., act_min) is the max clamped from below (every window has a valid tap).
      int8x16_t m = lo;
      for (int fy = p.ty.begin; fy < p.ty.end; ++fy) {
        const std::int8_t* ip = in + ((p.y0 + fy) * G.in_w + p.x0 + p.tx.begin) * C + c;
        for (int fx = p.tx.begin; fx < p.tx.end; ++fx, ip += C) m = vmaxq_s8(m, vldrbq_z_s8(ip, lanes));
      }
      vstrbq_p_s8(o + c, vminq_s8(m, hi), lanes);
      stored();
    }
  });
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// int8 average pooling with Helium (windows of up to 256 taps).
template <window_geometry G>
requires(arm_mve::average_pool2d_fits<G>()) struct average_pool2d_kernel<G, std::int8_t, arch::arm_mve>
    : no_scratch {
  static void run(const std::int8_t* in, std::int32_t act_min, std::int32_t act_max, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    arm_mve::average_pool2d_s8<G>(in, act_min, act_max, out);
  }
};

/// int8 max pooling with Helium (every window).
template <window_geometry G>
struct max_pool2d_kernel<G, std::int8_t, arch::arm_mve> : no_scratch {
  static void run(const std::int8_t* in, std::int32_t act_min, std::int32_t act_max, std::int8_t* out,
                  std::byte* /*scratch*/) noexcept {
    arm_mve::max_pool2d_s8<G>(in, act_min, act_max, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE
