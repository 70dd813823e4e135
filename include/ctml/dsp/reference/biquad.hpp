#pragma once
// One float32 transposed-Direct-Form-II section over a block, and its portable code: the
// customization point detail::sos_section_impl<arch> (dsp/arch.hpp) of sos_filter.

#include <cstddef>

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

}  // namespace ctml::dsp::detail
