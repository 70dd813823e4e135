#pragma once
// The portable Q15 FFTs: compile-time twiddles, the halving butterfly arithmetic that defines every
// Q15 transform's bits, and the customization point detail::fft_q15_impl<arch> (dsp/arch.hpp) whose
// arch::generic specialisation is the oracle of the DSP-extension and Helium paths. The public
// transforms and the scaling they carry are in dsp/fft_q15.hpp.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <ctml/core/math.hpp>
#include <ctml/dsp/arch.hpp>
#include <ctml/dsp/complex.hpp>
#include <ctml/dsp/reference/fft.hpp>

namespace ctml::dsp::detail {

// Saturation to int16, portable (fft_q15_impl<A>::saturate is the one the transforms use).
constexpr std::int16_t saturate_q15(std::int32_t v) {
  return static_cast<std::int16_t>(v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
}
// round(v / 2^s), halves rounded up; >> on negative values is arithmetic in C++20.
constexpr std::int32_t round_shift(std::int32_t v, int s) {
  return (v + (1 << (s - 1))) >> s;
}
constexpr std::int64_t round_shift(std::int64_t v, int s) {
  return (v + (std::int64_t{1} << (s - 1))) >> s;
}

// Twiddles stored as (-cos, -sin) of the angle in Q15: both always lie in [-1, 1) for the angles
// used here (0 .. pi forward), so 1.0 never needs representing and no twiddle is rounded off-scale.
struct twiddle_q15 {
  std::int16_t ncos, nsin;
};
constexpr twiddle_q15 make_twiddle_q15(double x) {  // angle pi * x
  auto q = [](double v) {
    const double r = math::round(v * 32768.0);
    return static_cast<std::int16_t>(r > 32767.0 ? 32767.0 : r);
  };
  return {q(-math::cospi(x)), q(-math::sinpi(x))};
}

template <std::size_t N>
struct fft_q15_tables {
  // Stage L = 2 .. N, k < L/2, stored stage after stage; offset of stage L: L/2 - 1.
  static constexpr std::array<twiddle_q15, N - 1> twiddles = [] {
    std::array<twiddle_q15, N - 1> t{};
    std::size_t c = 0;
    for (std::size_t l = 2; l <= N; l <<= 1)
      for (std::size_t k = 0; k < l / 2; ++k)
        t[c++] = make_twiddle_q15(2.0 * static_cast<double>(k) / static_cast<double>(l));
    return t;
  }();
};

// Butterfly arithmetic. A radix-2 butterfly with twiddle w and its stage's halving is
//   v = sat(round(-(b w)))                (Q15 x Q15 products summed exactly in 32 bits, rounded to
//                                          Q15, halves up, saturated to [-32768, 32767])
//   (a + b w) / 2 = (a - v) >> 1,  (a - b w) / 2 = (a + v) >> 1   (rounding down; always in range)
// (b conj(w) in the inverse). With the twiddles stored as (-cos, -sin), -(b w) is a plain dual
// multiply-accumulate: on the Arm DSP extension SMLAD/SMLSDX with 2^14 as accumulator, QADD doubling
// (saturation) and PKHTB, then SHADD16/SHSUB16; on Helium VQRDMLADH/VQRDMLSDHX, then VHADD/VHSUB.
// Saturation can only act when |b| > 1 (complex inputs with both parts near full scale), never for
// rfft_q15's halved input.
struct cq32 {
  std::int32_t re, im;
};
template <typename Impl, bool Inverse>
constexpr cq32 neg_product(cq32 b, twiddle_q15 w) {
  const std::int32_t nc = w.ncos, ns = w.nsin;
  // b w = -(b.re nc + b.im ns) + i (b.re ns - b.im nc);  b conj(w) = -(b.re nc - b.im ns) - i (b.im nc + b.re
  // ns)
  const std::int32_t re = Inverse ? b.re * nc - b.im * ns : b.re * nc + b.im * ns;
  const std::int32_t im = Inverse ? b.im * nc + b.re * ns : b.im * nc - b.re * ns;
  return {Impl::saturate((re + (1 << 14)) >> 15), Impl::saturate((im + (1 << 14)) >> 15)};
}
// Returns {(a + b w) / 2, (a - b w) / 2} given v = neg_product(b, w).
constexpr std::pair<cq32, cq32> butterfly(cq32 a, cq32 v) {
  return {{(a.re - v.re) >> 1, (a.im - v.im) >> 1}, {(a.re + v.re) >> 1, (a.im + v.im) >> 1}};
}
// (a + t) / 2 and (a - t) / 2 rounded down (SHADD16/SHSUB16 semantics), for the exact twiddles 1 and -+i.
constexpr cq32 half_sum(cq32 a, cq32 t) {
  return {(a.re + t.re) >> 1, (a.im + t.im) >> 1};
}
constexpr cq32 half_diff(cq32 a, cq32 t) {
  return {(a.re - t.re) >> 1, (a.im - t.im) >> 1};
}
constexpr cq32 load(const complex_q15& c) {
  return {c.re, c.im};
}
constexpr complex_q15 store(cq32 c) {
  return {static_cast<std::int16_t>(c.re), static_cast<std::int16_t>(c.im)};
}

template <std::size_t N>
struct rfft_q15_tables {
  // exp(-2 pi i k / N), k = 0 .. N/4, as (-cos, -sin).
  static constexpr std::array<twiddle_q15, N / 4 + 1> split = [] {
    std::array<twiddle_q15, N / 4 + 1> t{};
    for (std::size_t k = 0; k <= N / 4; ++k)
      t[k] = make_twiddle_q15(2.0 * static_cast<double>(k) / static_cast<double>(N));
    return t;
  }();
};

// Radix-2 decimation in time, every stage halving: stages 2 and 4 (twiddles 1 and -+i, exact) run as
// one pass without multiplies; with an odd number of stages left, stage 8 runs alone (this function,
// radix 2, with Impl's saturation); the others are fused in pairs, which halves the loads and stores
// and gives the same bits as running them one by one. Returns the first stage L of the pairs.
template <typename Impl, std::size_t N, bool Inverse>
constexpr std::size_t fft_q15_odd_stage(complex_q15* x) {
  constexpr unsigned remaining = static_cast<unsigned>(std::countr_zero(N)) - 2;
  if constexpr (remaining % 2 == 1) {
    const twiddle_q15* w = fft_q15_tables<N>::twiddles.data() + 3;
    for (std::size_t g = 0; g < N; g += 8) {
      complex_q15* a = x + g;
      complex_q15* b = a + 4;
      for (std::size_t k = 0; k < 4; ++k) {
        const auto [lo, hi] = butterfly(load(a[k]), neg_product<Impl, Inverse>(load(b[k]), w[k]));
        a[k] = store(lo);
        b[k] = store(hi);
      }
    }
    return 16;
  } else {
    return 8;
  }
}

// rfft_q15 with the stage code of Impl: pairs of samples packed as complex values, halved (|x[2n] +
// i x[2n+1]| can reach sqrt 2, and the halving stages never overflow only for magnitudes <= 1) and
// written straight into bit-reversed order (Impl::pack), the N/2-point FFT (Z / N), then the split
// step (Impl::split), which divides by 2 instead of 4 to make up for the packing's halving.
template <typename Impl, std::size_t N>
constexpr void rfft_q15_run(const std::int16_t* in, complex_q15* out) {
  constexpr std::size_t m = N / 2;
  Impl::template pack<N>(in, out);
  Impl::template core<m, false, true>(out);  // Z / (2 m)
  const std::int32_t z0r = out[0].re, z0i = out[0].im;
  out[0] = {Impl::saturate(z0r + z0i), 0};
  out[m] = {Impl::saturate(z0r - z0i), 0};
  Impl::template split<N>(out);
}

/// The Q15 FFTs' customization point (dsp/arch.hpp): core<N, Inverse, InputBitReversed>(x), the
/// in-place halving FFT (x already in bit-reversed order when InputBitReversed), and rfft<N>(in,
/// out), with the stage functions first_stages, pack, split and saturate that an architecture may
/// replace alone (rfft_q15_run, fft_q15_odd_stage).
/// Usage: `detail::fft_q15_impl<target_arch>::core<256, false, false>(x);`
template <arch A>
struct fft_q15_impl : fft_q15_impl<ctml::fallback_of(A)> {};

/// The portable Q15 transforms: the bits every other path reproduces.
template <>
struct fft_q15_impl<arch::generic> {
  // sat(v) to int16: the butterflies' and split steps' saturation.
  static constexpr std::int16_t saturate(std::int32_t v) { return saturate_q15(v); }

  template <std::size_t N, bool Inverse, bool InputBitReversed>
  static constexpr void core(complex_q15* x) {
    if constexpr (!InputBitReversed) bit_reverse_permute<N>(x);
    first_stages<N, Inverse>(x);
    for (std::size_t l = fft_q15_odd_stage<fft_q15_impl, N, Inverse>(x); l < N; l <<= 2) {
      const std::size_t h = l / 2;
      const twiddle_q15* w1 = fft_q15_tables<N>::twiddles.data() + (h - 1);  // stage L
      const twiddle_q15* w2 = fft_q15_tables<N>::twiddles.data() + (l - 1);  // stage 2L
      for (std::size_t g = 0; g < N; g += 2 * l) {
        complex_q15* p0 = x + g;
        complex_q15* p1 = p0 + h;
        complex_q15* p2 = p0 + l;
        complex_q15* p3 = p2 + h;
        for (std::size_t k = 0; k < h; ++k) {
          const auto [b0, b1] =
              butterfly(load(p0[k]), neg_product<fft_q15_impl, Inverse>(load(p1[k]), w1[k]));
          const auto [b2, b3] =
              butterfly(load(p2[k]), neg_product<fft_q15_impl, Inverse>(load(p3[k]), w1[k]));
          // stage 2L: (b0, b2) with W_2L^k and (b1, b3) with W_2L^(k + L/2) (the table's entry k + h)
          const auto [o0, o2] = butterfly(b0, neg_product<fft_q15_impl, Inverse>(b2, w2[k]));
          const auto [o1, o3] = butterfly(b1, neg_product<fft_q15_impl, Inverse>(b3, w2[k + h]));
          p0[k] = store(o0);
          p2[k] = store(o2);
          p1[k] = store(o1);
          p3[k] = store(o3);
        }
      }
    }
  }
  template <std::size_t N>
  static constexpr void rfft(const std::int16_t* in, complex_q15* out) {
    rfft_q15_run<fft_q15_impl, N>(in, out);
  }

  // Stages 2 and 4 of every group of four.
  template <std::size_t N, bool Inverse>
  static constexpr void first_stages(complex_q15* x) {
    for (std::size_t g = 0; g < N; g += 4) {
      complex_q15* p = x + g;
      const cq32 p0 = load(p[0]), p1 = load(p[1]), p2 = load(p[2]), p3 = load(p[3]);
      const cq32 a0 = half_sum(p0, p1), a1 = half_diff(p0, p1), a2 = half_sum(p2, p3), a3 = half_diff(p2, p3);
      const cq32 t =
          Inverse ? cq32{-a3.im, a3.re} : cq32{a3.im, -a3.re};  // a3 (+-i), in 32 bits: no overflow
      p[0] = store(half_sum(a0, a2));
      p[2] = store(half_diff(a0, a2));
      p[1] = store(half_sum(a1, t));
      p[3] = store(half_diff(a1, t));
    }
  }

  // rfft_q15's packing: sample pairs halved (rounded) into bit-reversed order.
  template <std::size_t N>
  static constexpr void pack(const std::int16_t* in, complex_q15* out) {
    const auto& rev = fft_tables<N / 2>::reversed;
    for (std::size_t n = 0; n < N / 2; ++n)
      out[rev[n]] = {static_cast<std::int16_t>(round_shift(std::int32_t{in[2 * n]}, 1)),
                     static_cast<std::int16_t>(round_shift(std::int32_t{in[2 * n + 1]}, 1))};
  }

  // rfft_q15's split step for k = 1 .. N/4, in 64 bits.
  template <std::size_t N>
  static constexpr void split(complex_q15* out) {
    constexpr std::size_t m = N / 2;
    const auto& w = rfft_q15_tables<N>::split;
    for (std::size_t k = 1; k <= m / 2; ++k) {
      const std::int64_t ar = out[k].re, ai = out[k].im, br = out[m - k].re, bi = out[m - k].im;
      // P = a + conj b, Q/i = (a - conj b)/i; X[k] = (P + w Q/i) / 2, X[m-k] = conj(P - w Q/i) / 2.
      const std::int64_t pr = ar + br, pi = ai - bi;
      const std::int64_t qr = ai + bi, qi = -(ar - br);
      const std::int64_t nc = w[k].ncos, ns = w[k].nsin;  // w = -nc + i ns
      const std::int64_t tr = -qr * nc - qi * ns;         // Q15 * Q15 = Q30
      const std::int64_t ti = qr * ns - qi * nc;
      const std::int64_t p_r = pr << 15, p_i = pi << 15;
      out[k] = {saturate(static_cast<std::int32_t>(round_shift(p_r + tr, 16))),
                saturate(static_cast<std::int32_t>(round_shift(p_i + ti, 16)))};
      out[m - k] = {saturate(static_cast<std::int32_t>(round_shift(p_r - tr, 16))),
                    saturate(static_cast<std::int32_t>(round_shift(-(p_i - ti), 16)))};
    }
  }
};

}  // namespace ctml::dsp::detail
