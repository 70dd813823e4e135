#pragma once
// int8 fully connected (and 1x1 convolution, kernels/armv6m/conv2d.hpp) for Armv6-M: Cortex-M0 and
// M0+, Thumb-1 only (no DSP extension, no SXTB16/SMLAD, no long multiply, 8 low registers).
//
// What Thumb-1 does well, and how the kernel uses it (ctml knows the weights at compile time):
// - LDRB takes a 5-bit immediate offset, LDRSB only a register offset. The weights are stored as
//   unsigned bytes w + 128, interleaved for four units over eight inputs (32 bytes per block), so
//   every weight of a block is one LDRB at a constant offset from one pointer;
//   sum x * w = sum x * (w + 128) - 128 * sum x, and sum x is computed once per input vector.
// - The input offset is folded into a per-unit constant at compile time: sum (x + zp) * w =
//   sum x * w + zp * sum w.
// - Four inputs come with one LDM (word) and are sign-extended with SXTB / LSLS+ASRS / ASRS.
// - The four accumulators live in the high registers r8-r11 (ADD reaches them), so the low ones hold
//   the pointers, the counter, the input word, the input and the product: 3 instructions per MAC
//   (LDRB, MULS, ADD) plus about 0.6 for the input and the loop.

#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/armv6m/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/kernels/reference/dense.hpp>

namespace ctml::kernels::armv6m {

/// Units per block of the interleaved layout, and inputs per block (one 32-byte LDRB window).
inline constexpr int dense_group = 4;
inline constexpr int dense_step = 8;

/// Whether the Armv6-M dot-product kernel takes a [Units][In] int8 weight matrix: whole input blocks.
constexpr bool dense_fits(int in) {
  return in % dense_step == 0 && in > 0;
}

/// The weights as the kernel reads them: per unit the folded constant input_offset * sum w (int32),
/// then the groups of four units interleaved in blocks of eight inputs (byte k*4 + j of a block is
/// unit j's weight for input k, plus 128, as uint8), then the remaining units' rows (plus 128).
/// Word-aligned: the constants are read as int32. Portable constexpr code (tests use it on the host).
template <int Units, int In>
struct dense_weights {
  static constexpr std::size_t bytes_count =
      4 * static_cast<std::size_t>(Units) + static_cast<std::size_t>(Units) * In;
  alignas(4) std::array<std::int8_t, bytes_count> bytes;
  constexpr const std::int8_t* data() const noexcept { return bytes.data(); }
  static constexpr std::size_t size() noexcept { return bytes_count; }
};

/// [Units][In] weights as imported -> dense_weights, at compile time. With Stride > In (the
/// convolution's patch rounded up to whole blocks), each row is In weights then Stride - In zeros.
/// Usage: `static constexpr auto w = armv6m::interleave_dense_weights<12, 64>(imported, Q.input_offset);`
template <int Units, int Stride, int In = Stride, std::size_t N>
constexpr auto interleave_dense_weights(const std::array<std::int8_t, N>& w, std::int32_t input_offset) {
  static_assert(N == static_cast<std::size_t>(Units) * In && Stride >= In,
                "interleave_dense_weights: size mismatch");
  dense_weights<Units, Stride> r{};
  // Raw pointers, no calls in the loops: few constexpr operations per weight (GCC's default limit).
  const std::int8_t* const wp = w.data();
  std::int8_t* out = r.bytes.data();
  for (int u = 0; u < Units; ++u) {
    std::int32_t s = 0;
    const std::int8_t* row = wp + static_cast<std::size_t>(u) * In;
    for (int i = 0; i < In; ++i) s += row[i];
    const auto c = static_cast<std::uint32_t>(s * input_offset);
    for (int b = 0; b < 4; ++b) *out++ = static_cast<std::int8_t>(static_cast<std::uint8_t>(c >> (8 * b)));
  }
  // weight + 128 as a byte; 0 + 128 past the row
  constexpr int grouped = Units - Units % dense_group;
  for (int g = 0; g < grouped; g += dense_group)
    for (int b = 0; b < Stride; b += dense_step)
      for (int k = 0; k < dense_step; ++k)
        for (int j = 0; j < dense_group; ++j) {
          const int v =
              b + k < In ? wp[static_cast<std::size_t>(g + j) * In + static_cast<std::size_t>(b + k)] : 0;
          *out++ = static_cast<std::int8_t>(static_cast<std::uint8_t>(v + 128));
        }
  for (int u = grouped; u < Units; ++u)
    for (int i = 0; i < Stride; ++i) {
      const int v = i < In ? wp[static_cast<std::size_t>(u) * In + static_cast<std::size_t>(i)] : 0;
      *out++ = static_cast<std::int8_t>(static_cast<std::uint8_t>(v + 128));
    }
  return r;
}

#if CTML_ARCH_ARMV6M

namespace detail {

using word_alias [[gnu::may_alias]] = std::int32_t;

/// sum x over `In` int8 inputs (word-aligned).
template <int In>
CTML_FORCE_INLINE std::int32_t sum_s8(const std::int8_t* x) noexcept {
  std::int32_t s = 0;
  for (int i = 0; i < In; ++i) s += x[i];
  return s;
}

// One input (register xk) against the four units' weights at block byte offset 4*K.
#define CTML_V6M_MAC4(K)       \
  "ldrb %[t], [%[wp], #" #K    \
  "*4+0]\n\t"                  \
  "muls %[t], %[xk], %[t]\n\t" \
  "add %[a0], %[t]\n\t"        \
  "ldrb %[t], [%[wp], #" #K    \
  "*4+1]\n\t"                  \
  "muls %[t], %[xk], %[t]\n\t" \
  "add %[a1], %[t]\n\t"        \
  "ldrb %[t], [%[wp], #" #K    \
  "*4+2]\n\t"                  \
  "muls %[t], %[xk], %[t]\n\t" \
  "add %[a2], %[t]\n\t"        \
  "ldrb %[t], [%[wp], #" #K    \
  "*4+3]\n\t"                  \
  "muls %[t], %[xk], %[t]\n\t" \
  "add %[a3], %[t]\n\t"
// Four inputs from one word: bytes 0, 1, 2, 3 sign-extended in turn (K0 = block input of byte 0).
#define CTML_V6M_WORD(K0, K1, K2, K3) \
  "ldm %[xp]!, {%[xw]}\n\t"                      \
  "sxtb %[xk], %[xw]\n\t" CTML_V6M_MAC4(K0)      \
  "lsls %[xk], %[xw], #16\n\t"                   \
  "asrs %[xk], %[xk], #24\n\t" CTML_V6M_MAC4(K1) \
  "lsls %[xk], %[xw], #8\n\t"                    \
  "asrs %[xk], %[xk], #24\n\t" CTML_V6M_MAC4(K2) \
  "asrs %[xk], %[xw], #24\n\t" CTML_V6M_MAC4(K3)

/// a[j] += sum x[i] * (w + 128) over `In` inputs for one group of four units; `wp` the group's
/// interleaved blocks, `x` word-aligned.
template <int In>
CTML_FORCE_INLINE void dot4(const std::int8_t* x, const std::int8_t* wp, std::int32_t (&a)[4]) noexcept {
  // Pinned to r8-r11: a plain "h" constraint fails register allocation at -Os.
  register std::int32_t a0 asm("r8") = a[0];
  register std::int32_t a1 asm("r9") = a[1];
  register std::int32_t a2 asm("r10") = a[2];
  register std::int32_t a3 asm("r11") = a[3];
  std::int32_t xw, xk, t;
  int n = In / dense_step;
  // Accumulators in r8-r11 ("h"), everything else in r0-r7 ("l"): Thumb-1's LDRB, MULS, LSLS and
  // ASRS take low registers only, ADD any.
  __asm__(".syntax unified\n"
          "1:\n\t" CTML_V6M_WORD(0, 1, 2, 3) CTML_V6M_WORD(4, 5, 6, 7)
          "adds %[wp], #32\n\t"
          "subs %[n], #1\n\t"
          "bne 1b"
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [xw] "=&l"(xw), [xk] "=&l"(xk),
            [t] "=&l"(t), [xp] "+l"(x), [wp] "+l"(wp), [n] "+l"(n)
          :
          : "cc", "memory");
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
}

#undef CTML_V6M_MAC4
#undef CTML_V6M_WORD

}  // namespace detail

/// One dense layer over one input vector: `prepared` from interleave_dense_weights, `x`
/// word-aligned. Writes `Units` int8 outputs. Also the per-pixel body of the convolution.
/// Usage: `armv6m::dense_s8<12, 64, true, Q>(x, w.data(), bias, mult, out);`
template <int Units, int In, bool PerChannel, requant_constants Q>
CTML_FORCE_INLINE void dense_s8(const std::int8_t* x, const std::int8_t* prepared, const std::int32_t* bias,
                                const multiplier* mult, std::int8_t* out) noexcept {
  const auto* folded = reinterpret_cast<const detail::word_alias*>(prepared);
  const std::int8_t* w = prepared + 4 * Units;
  const std::int32_t minus_sum = -128 * detail::sum_s8<In>(x);  // the +128 of the stored weights
  constexpr int grouped = Units - Units % dense_group;
  for (int u = 0; u < grouped; u += dense_group) {
    std::int32_t a[4];
    for (int j = 0; j < 4; ++j) a[j] = bias[u + j] + folded[u + j] + minus_sum;
    detail::dot4<In>(x, w, a);
    w += dense_group * In;
    for (int j = 0; j < 4; ++j) out[u + j] = armv6m::requantize<Q>(a[j], mult[PerChannel ? u + j : 0]);
  }
  for (int u = grouped; u < Units; ++u) {
    std::int32_t acc = bias[u] + folded[u] + minus_sum;
    for (int i = 0; i < In; ++i) acc += std::int32_t{x[i]} * std::int32_t{static_cast<std::uint8_t>(w[i])};
    w += In;
    out[u] = armv6m::requantize<Q>(acc, mult[PerChannel ? u : 0]);
  }
}

#endif  // CTML_ARCH_ARMV6M

}  // namespace ctml::kernels::armv6m

#if CTML_ARCH_ARMV6M

namespace ctml::kernels {

/// dense on Armv6-M, inputs a multiple of 8, at most max_prepared_weights (others take the portable kernel).
/// Usage (as every dense_s8_kernel): `K::run(in, K::prepare(w).data(), bias, mult, out, scratch);`
template <int Units, int In, bool PerChannel, requant_constants Q>
requires(armv6m::dense_fits(In) &&
         static_cast<std::size_t>(Units) * static_cast<std::size_t>(In) <=
             max_prepared_weights) struct dense_s8_kernel<Units, In, PerChannel, Q, arch::armv6m> {
  static constexpr weight_layout layout = weight_layout::armv6m_interleaved;
  static constexpr std::size_t scratch_bytes = 0;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& w) {
    return armv6m::interleave_dense_weights<Units, In>(w, Q.input_offset);
  }
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    armv6m::dense_s8<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARMV6M
