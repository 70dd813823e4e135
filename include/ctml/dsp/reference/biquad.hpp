#pragma once
// One biquad section over a block, and its portable code: the customization points
// detail::sos_section_impl<arch> (float32 transposed Direct Form II, sos_filter),
// detail::sos_q15_section_impl<arch> (Q15 Direct Form I, sos_filter_q15) and
// detail::sos_q31_section_impl<arch> (Q31 Direct Form I, sos_filter_q31), dsp/arch.hpp.

#include <cstddef>
#include <cstdint>

#include <ctml/dsp/arch.hpp>

namespace ctml::dsp::detail {

template <arch A>
struct sos_section_impl : sos_section_impl<fallback_of(A)> {};

template <>
struct sos_section_impl<arch::generic> {
  // c: b0, b1, b2, a1, a2; z: s1, s2 (updated). y = b0 x + s1, s1 = (b1 x + s2) - a1 y,
  // s2 = b2 x - a2 y: a fused multiply-add makes the middle line two operations (5 per sample).
  // y may be x.
  static constexpr void run(const float* c, float* z, const float* x, float* y, std::size_t n) {
    const float b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[3], a2 = c[4];
    float s1 = z[0], s2 = z[1];
    for (std::size_t i = 0; i < n; ++i) {
      const float u = x[i];
      const float v = b0 * u + s1;
      s1 = b1 * u + s2 - a1 * v;
      s2 = b2 * u - a2 * v;
      y[i] = v;
    }
    z[0] = s1;
    z[1] = s2;
  }
};

// The fixed-point Direct Form I loop: z holds x[n-1], x[n-2], y[n-1], y[n-2] (updated); output(u, x1,
// x2, y1, y2) is a section output, already rounded and saturated, which is also the next y[n-1].
// y may be x. W: the state's type, wide enough for the products the output function forms.
template <typename T, typename W, typename Output>
constexpr void fixed_df1(T* z, const T* x, T* y, std::size_t n, Output output) {
  W x1 = z[0], x2 = z[1], y1 = z[2], y2 = z[3];
  for (std::size_t i = 0; i < n; ++i) {
    const W u = x[i];
    const W v = output(u, x1, x2, y1, y2);
    x2 = x1;
    x1 = u;
    y2 = y1;
    y1 = v;
    y[i] = static_cast<T>(v);
  }
  z[0] = static_cast<T>(x1);
  z[1] = static_cast<T>(x2);
  z[2] = static_cast<T>(y1);
  z[3] = static_cast<T>(y2);
}

template <arch A>
struct sos_q15_section_impl : sos_q15_section_impl<fallback_of(A)> {};

template <>
struct sos_q15_section_impl<arch::generic> {
  // c: b0, b1, b2, a1, a2 times 2^Shift; z: x[n-1], x[n-2], y[n-1], y[n-2] (updated). Exact sum,
  // then one rounding (half up) and saturation. y may be x.
  template <int Shift>
  static constexpr void run(const std::int16_t* c, std::int16_t* z, const std::int16_t* x, std::int16_t* y,
                            std::size_t n) {
    const std::int32_t b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[3], a2 = c[4];
    fixed_df1<std::int16_t, std::int32_t>(
        z, x, y, n, [=](std::int32_t u, std::int32_t x1, std::int32_t x2, std::int32_t y1, std::int32_t y2) {
          // |c| <= 2^15 and |x| <= 2^15: the five products and their sum fit in 33 bits.
          const std::int64_t acc = std::int64_t{b0 * u} + std::int64_t{b1 * x1} + std::int64_t{b2 * x2} -
                                   std::int64_t{a1 * y1} - std::int64_t{a2 * y2};
          const std::int64_t r = (acc + (std::int64_t{1} << (Shift - 1))) >> Shift;
          return static_cast<std::int32_t>(r > 32767 ? 32767 : (r < -32768 ? -32768 : r));
        });
  }
};

template <arch A>
struct sos_q31_section_impl : sos_q31_section_impl<fallback_of(A)> {};

template <>
struct sos_q31_section_impl<arch::generic> {
  // c: b0, b1, b2, a1, a2 times 2^Shift; z: x[n-1], x[n-2], y[n-1], y[n-2] (updated). The five exact
  // 64-bit products summed modulo 2^64 with the rounding constant (CMSIS-DSP's 64-bit accumulator,
  // wrapping instead of undefined), read as signed, shifted right by Shift and saturated. y may be x.
  template <int Shift>
  static constexpr void run(const std::int32_t* c, std::int32_t* z, const std::int32_t* x, std::int32_t* y,
                            std::size_t n) {
    const std::int64_t b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[3], a2 = c[4];
    auto p = [](std::int64_t a, std::int64_t b) { return static_cast<std::uint64_t>(a * b); };
    fixed_df1<std::int32_t, std::int64_t>(
        z, x, y, n, [=](std::int64_t u, std::int64_t x1, std::int64_t x2, std::int64_t y1, std::int64_t y2) {
          const std::uint64_t acc =
              (std::uint64_t{1} << (Shift - 1)) + p(b0, u) + p(b1, x1) + p(b2, x2) - p(a1, y1) - p(a2, y2);
          const std::int64_t r = static_cast<std::int64_t>(acc) >> Shift;
          return r > INT32_MAX ? std::int64_t{INT32_MAX} : (r < INT32_MIN ? std::int64_t{INT32_MIN} : r);
        });
  }
};

}  // namespace ctml::dsp::detail
