#pragma once
// Helium (MVE with floating point: Cortex-M55/M85 with an FPU) paths of the float FFTs: the
// specialisation detail::fft_f32_impl<arch::arm_mve>. Empty unless the compiler targets
// floating-point Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE_FLOAT

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <arm_mve.h>

#include <ctml/core/config.hpp>
#include <ctml/dsp/reference/fft.hpp>

namespace ctml::dsp::detail {

// Helium (MVE with floating point) paths of the float FFTs. A vector holds two complex values
// {re, im, re, im}. Complex products are VCMUL + VCMLA (rotations 0 and 90, or 270 for the conjugate
// twiddle of the inverse), multiplications by +-i are folded into VCADD, and the first pass gathers
// its inputs and scatters its outputs, so every stage works on whole vectors. VCMLA and VFMA round
// once per multiply-add, so the results can differ from the portable code in the last bits
// (docs/dsp.md states the bound; tests/dsp/float_mve_test.cpp checks it on Cortex-M55).
namespace mve {

// w * d (forward) or conj(w) * d (inverse), two complex values at once.
template <bool Inverse>
CTML_FORCE_INLINE float32x4_t cmul(float32x4_t w, float32x4_t d) {
  const float32x4_t p = vcmulq_f32(w, d);  // {w.re d.re, w.re d.im}
  if constexpr (Inverse)
    return vcmlaq_rot270_f32(p, w, d);  // + {w.im d.im, -w.im d.re}
  else
    return vcmlaq_rot90_f32(p, w, d);  // + {-w.im d.im, w.im d.re}
}

// a + (-i) b forward, a + i b inverse: the DIT butterfly's "minus i" for each direction.
template <bool Inverse>
CTML_FORCE_INLINE float32x4_t add_mi(float32x4_t a, float32x4_t b) {
  if constexpr (Inverse)
    return vcaddq_rot90_f32(a, b);
  else
    return vcaddq_rot270_f32(a, b);
}
// a - (-i) b forward, a - i b inverse.
template <bool Inverse>
CTML_FORCE_INLINE float32x4_t sub_mi(float32x4_t a, float32x4_t b) {
  if constexpr (Inverse)
    return vcaddq_rot270_f32(a, b);
  else
    return vcaddq_rot90_f32(a, b);
}

// Byte addresses of the first complex value of groups 0 and 1 of a first pass of radix R over x:
// {re, im} of x[0] and of x[R].
template <std::size_t R>
CTML_FORCE_INLINE uint32x4_t group_addresses(const complex_f32* x) {
  const auto a = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(x));
  const uint32x4_t lanes = {0u, 4u, 8u * R, 8u * R + 4u};
  return vaddq_n_u32(lanes, a);
}

// First pass (radix 4 or 8, as first_pass) on two groups at a time: the low half of each vector
// belongs to group 2u, the high half to group 2u + 1. gather(u, j) returns input j of both groups.
template <std::size_t N, bool Inverse, typename Gather>
CTML_FORCE_INLINE void first_pass(complex_f32* x, Gather gather) {
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  uint32x4_t out = group_addresses<radix>(x);
  for (std::size_t u = 0; u < N / radix / 2; ++u) {
    if constexpr (radix == 8) {
      const float32x4_t p0 = gather(u, 0), p1 = gather(u, 1), p2 = gather(u, 2), p3 = gather(u, 3);
      const float32x4_t p4 = gather(u, 4), p5 = gather(u, 5), p6 = gather(u, 6), p7 = gather(u, 7);
      const float32x4_t b0 = vaddq_f32(p0, p1), b1 = vsubq_f32(p0, p1);
      const float32x4_t b2 = vaddq_f32(p2, p3), b3 = vsubq_f32(p2, p3);
      const float32x4_t b4 = vaddq_f32(p4, p5), b5 = vsubq_f32(p4, p5);
      const float32x4_t b6 = vaddq_f32(p6, p7), b7 = vsubq_f32(p6, p7);
      const float32x4_t c0 = vaddq_f32(b0, b2), c2 = vsubq_f32(b0, b2);
      const float32x4_t c1 = add_mi<Inverse>(b1, b3), c3 = sub_mi<Inverse>(b1, b3);
      const float32x4_t c4 = vaddq_f32(b4, b6), c6 = vsubq_f32(b4, b6);
      const float32x4_t c5 = add_mi<Inverse>(b5, b7), c7 = sub_mi<Inverse>(b5, b7);
      // Stage 8: c5 (1 -+ i)/sqrt 2 = r (c5 -+ i c5), c7 (-1 -+ i)/sqrt 2 = -r (c7 +- i c7).
      constexpr float r = 0.70710678118654752f;
      const float32x4_t t1 = vmulq_n_f32(add_mi<Inverse>(c5, c5), r);
      const float32x4_t t3 = vmulq_n_f32(sub_mi<Inverse>(c7, c7), -r);
      vstrwq_scatter_base_f32(out, 0, vaddq_f32(c0, c4));
      vstrwq_scatter_base_f32(out, 32, vsubq_f32(c0, c4));
      vstrwq_scatter_base_f32(out, 8, vaddq_f32(c1, t1));
      vstrwq_scatter_base_f32(out, 40, vsubq_f32(c1, t1));
      vstrwq_scatter_base_f32(out, 16, add_mi<Inverse>(c2, c6));
      vstrwq_scatter_base_f32(out, 48, sub_mi<Inverse>(c2, c6));
      vstrwq_scatter_base_f32(out, 24, vaddq_f32(c3, t3));
      vstrwq_scatter_base_f32(out, 56, vsubq_f32(c3, t3));
    } else {
      const float32x4_t p0 = gather(u, 0), p1 = gather(u, 1), p2 = gather(u, 2), p3 = gather(u, 3);
      const float32x4_t b0 = vaddq_f32(p0, p1), b1 = vsubq_f32(p0, p1);
      const float32x4_t b2 = vaddq_f32(p2, p3), b3 = vsubq_f32(p2, p3);
      vstrwq_scatter_base_f32(out, 0, vaddq_f32(b0, b2));
      vstrwq_scatter_base_f32(out, 16, vsubq_f32(b0, b2));
      vstrwq_scatter_base_f32(out, 8, add_mi<Inverse>(b1, b3));
      vstrwq_scatter_base_f32(out, 24, sub_mi<Inverse>(b1, b3));
    }
    out = vaddq_n_u32(out, 16u * radix);
  }
}

// Stages L and 2L on two k at a time (vectors at p0 .. p3), twiddles w1 = W_L^k, w2 = W_2L^k.
template <bool Inverse>
CTML_FORCE_INLINE void radix22(float* p0, float* p1, float* p2, float* p3, float32x4_t w1, float32x4_t w2) {
  const float32x4_t a = cmul<Inverse>(w1, vld1q_f32(p1));
  const float32x4_t c = cmul<Inverse>(w1, vld1q_f32(p3));
  const float32x4_t x0 = vld1q_f32(p0), x2 = vld1q_f32(p2);
  const float32x4_t b0 = vaddq_f32(x0, a), b1 = vsubq_f32(x0, a);
  const float32x4_t b2 = vaddq_f32(x2, c), b3 = vsubq_f32(x2, c);
  const float32x4_t t2 = cmul<Inverse>(w2, b2), t3 = cmul<Inverse>(w2, b3);
  vst1q_f32(p0, vaddq_f32(b0, t2));
  vst1q_f32(p2, vsubq_f32(b0, t2));
  vst1q_f32(p1, add_mi<Inverse>(b1, t3));
  vst1q_f32(p3, sub_mi<Inverse>(b1, t3));
}

// The fused passes of detail::fused_pass, vectorised over k. With fewer k pairs than groups the
// twiddles are loaded once per k pair (k outer loop).
template <std::size_t N, std::size_t L, bool Inverse>
inline void fused_pass(complex_f32* x) {
  constexpr std::size_t h = L / 2;
  constexpr std::size_t groups = N / (2 * L);
  float* xf = reinterpret_cast<float*>(x);
  const float* w1 = reinterpret_cast<const float*>(fft_tables<N>::twiddles.data() + (h - 4));
  const float* w2 = reinterpret_cast<const float*>(fft_tables<N>::twiddles.data() + (L - 4));
  if constexpr (h / 2 < groups) {
    for (std::size_t k = 0; k < h; k += 2) {
      const float32x4_t v1 = vld1q_f32(w1 + 2 * k), v2 = vld1q_f32(w2 + 2 * k);
      float* p = xf + 2 * k;
      for (std::size_t g = 0; g < groups; ++g, p += 4 * L)
        radix22<Inverse>(p, p + 2 * h, p + 2 * L, p + 2 * L + 2 * h, v1, v2);
    }
  } else {
    for (std::size_t g = 0; g < groups; ++g) {
      float* p = xf + 4 * L * g;
      for (std::size_t k = 0; k < h; k += 2)
        radix22<Inverse>(p + 2 * k, p + 2 * h + 2 * k, p + 2 * L + 2 * k, p + 2 * L + 2 * h + 2 * k,
                         vld1q_f32(w1 + 2 * k), vld1q_f32(w2 + 2 * k));
    }
  }
  if constexpr (4 * L <= N) fused_pass<N, 4 * L, Inverse>(x);
}

template <std::size_t N, bool Inverse>
inline void later_passes(complex_f32* x) {
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  fused_pass<N, remaining % 2 == 1 ? 16 : 8, Inverse>(x);
}

// Used from N = 16: the first pass needs at least two groups.
template <std::size_t N>
inline constexpr bool usable = N >= 16;

template <std::size_t N, bool Inverse>
inline void fft_core(complex_f32* x) {
  bit_reverse_permute<N>(x);
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  // In place: each iteration reads both of its groups before writing them.
  const uint32x4_t in = group_addresses<radix>(x);
  first_pass<N, Inverse>(x, [in](std::size_t u, std::size_t j) {
    return vldrwq_gather_base_f32(vaddq_n_u32(in, static_cast<std::uint32_t>(16 * radix * u)), 8 * j);
  });
  later_passes<N, Inverse>(x);
}

template <std::size_t N>
inline void fft_of_pairs(const float* in, complex_f32* x) {
  constexpr std::size_t radix = (std::countr_zero(N) - 2) % 2 == 1 ? 8 : 4;
  constexpr std::size_t q = N / radix;  // groups; group 2u + 1 starts q / 2 pairs after group 2u
  const uint32x4_t lanes = {0u, 1u, static_cast<std::uint32_t>(q), static_cast<std::uint32_t>(q + 1)};
  first_pass<N, false>(x, [in, lanes](std::size_t u, std::size_t j) {
    const std::size_t rj = radix == 8 ? ((j & 1u) << 2 | (j & 2u) | (j >> 2)) : ((j & 1u) << 1 | (j >> 1));
    const uint32x4_t idx = vaddq_n_u32(lanes, 2u * group_reversal<q>::table[2 * u]);
    return vldrwq_gather_shifted_offset_f32(in + 2 * rj * q, idx);
  });
  later_passes<N, false>(x);
}

// The rfft split step for k = 1 .. m/2, two k at a time: X[k] = (s - i w d) / 2 and
// X[m-k] = conj(s + i w d) / 2 with s = a + conj b, d = a - conj b, a = z[k], b = z[m-k]. The
// inverse computes Z[k] = (s + i conj(w) d) / 2 and Z[m-k] = conj(s - i conj(w) d) / 2.
template <std::size_t N, bool Inverse>
inline void split(complex_f32* z) {
  constexpr std::size_t m = N / 2;
  float* zf = reinterpret_cast<float*>(z);
  const float* w = reinterpret_cast<const float*>(rfft_tables<N>::split.data());
  const float32x4_t conj = {1.0f, -1.0f, 1.0f, -1.0f};
  const float32x4_t half_conj = {0.5f, -0.5f, 0.5f, -0.5f};
  // {re, im} of z[m - k] and z[m - k - 1]: b in the order of a, written back in place.
  const auto base = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(z + (m - 1)));
  const uint32x4_t lanes = {0u, 4u, 0u - 8u, 0u - 4u};  // z[m - k], then z[m - k - 1]
  uint32x4_t mirror = vaddq_n_u32(lanes, base);
  for (std::size_t k = 1; k < m / 2; k += 2) {
    const float32x4_t a = vld1q_f32(zf + 2 * k);
    const float32x4_t c = vmulq_f32(vldrwq_gather_base_f32(mirror, 0), conj);
    const float32x4_t s = vaddq_f32(a, c), d = vsubq_f32(a, c);
    const float32x4_t u = cmul<Inverse>(vld1q_f32(w + 2 * k), d);
    const float32x4_t lo = Inverse ? vcaddq_rot90_f32(s, u) : vcaddq_rot270_f32(s, u);
    const float32x4_t hi = Inverse ? vcaddq_rot270_f32(s, u) : vcaddq_rot90_f32(s, u);
    vstrwq_scatter_base_f32(mirror, 0, vmulq_f32(hi, half_conj));
    vst1q_f32(zf + 2 * k, vmulq_n_f32(lo, 0.5f));
    mirror = vsubq_n_u32(mirror, 16u);
  }
}

// dst[i] = src[i] * s for n floats (n a multiple of 4); dst may be src.
template <std::size_t n>
inline void scale(const float* src, float* dst, float s) {
  for (std::size_t i = 0; i < n; i += 4) vst1q_f32(dst + i, vmulq_n_f32(vld1q_f32(src + i), s));
}

template <std::size_t N, bool Inverse>
inline void fft(complex_f32* x) {
  fft_core<N, Inverse>(x);
  if constexpr (Inverse) {
    float* f = reinterpret_cast<float*>(x);
    scale<2 * N>(f, f, 1.0f / static_cast<float>(N));
  }
}

template <std::size_t N>
inline void rfft(const float* in, complex_f32* z) {
  constexpr std::size_t m = N / 2;
  fft_of_pairs<m>(in, z);
  const float z0r = z[0].re, z0i = z[0].im;
  z[0] = {z0r + z0i, 0.0f};
  z[m] = {z0r - z0i, 0.0f};
  split<N, false>(z);
}

template <std::size_t N>
inline void irfft(complex_f32* z, float* out) {
  constexpr std::size_t m = N / 2;
  const float x0 = z[0].re, xm = z[m].re;
  z[0] = {0.5f * (x0 + xm), 0.5f * (x0 - xm)};
  split<N, true>(z);
  fft_core<m, true>(z);
  scale<N>(reinterpret_cast<const float*>(z), out, 1.0f / static_cast<float>(m));
}

}  // namespace mve

/// Helium: the vector transforms from N = 16 complex points (rfft/irfft from N = 32; the first pass
/// needs at least two groups); smaller sizes and constant evaluation run the portable code.
template <>
struct fft_f32_impl<arch::arm_mve> {
  using reference = fft_f32_impl<arch::generic>;

  template <std::size_t N, bool Inverse>
  static constexpr void fft(complex_f32* x) {
    if (std::is_constant_evaluated()) return reference::fft<N, Inverse>(x);
    mve::fft<N, Inverse>(x);
  }

  template <std::size_t N>
  static constexpr void rfft(const float* in, complex_f32* z) {
    if constexpr (mve::usable<N / 2>)
      if (!std::is_constant_evaluated()) return mve::rfft<N>(in, z);
    reference::rfft<N>(in, z);
  }

  template <std::size_t N>
  static constexpr void irfft(complex_f32* z, float* out) {
    if constexpr (mve::usable<N / 2>)
      if (!std::is_constant_evaluated()) return mve::irfft<N>(z, out);
    reference::irfft<N>(z, out);
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE_FLOAT
