#pragma once
// int8 fully connected for cores with the DSP extension. Four units at a time share the widened
// input word (SXTAB16 adds the input offset while widening); each unit then needs one weight load,
// two SXTB16 and two SMLAD per 4 MACs. Input lengths that are not a multiple of 4 finish with a
// scalar tail; unit counts that are not a multiple of 4 finish one unit at a time.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/dense.hpp>

// Only the DSP-extension targets compile this kernel (the header is empty elsewhere).
#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

namespace detail {

/// Whether the six-unit asm loop takes a layer: 8 or 16 inputs per iteration, and every weight word
/// of an iteration within LDR's 12-bit immediate offset of the first row's pointer.
template <int In>
inline constexpr bool six_unit_loop = In % 8 == 0 && 5 * In + 12 <= 4095;

// One weight word (byte offset K within the iteration's 8 inputs) of unit U: load at the row's constant
// offset, widen, two SMLADs against the widened input pair.
#define CTML_DSP_DENSE_UNIT(U, K)         \
  "ldr %[x], [%[wp], %[o" #U "]+" #K      \
  "]\n\t"                                 \
  "sxtb16 %[t], %[x]\n\t"                 \
  "smlad %[a" #U "], %[xl], %[t], %[a" #U \
  "]\n\t"                                 \
  "sxtb16 %[x], %[x], ror #8\n\t"         \
  "smlad %[a" #U "], %[xh], %[x], %[a" #U "]\n\t"
#define CTML_DSP_DENSE_STEP(K)                                                                  \
  "ldr %[x], [%[xp]], #4\n\t"                                                                   \
  "sxtab16 %[xl], %[off], %[x]\n\t"                                                             \
  "sxtab16 %[xh], %[off], %[x], ror #8\n\t" CTML_DSP_DENSE_UNIT(0, K) CTML_DSP_DENSE_UNIT(1, K) \
      CTML_DSP_DENSE_UNIT(2, K) CTML_DSP_DENSE_UNIT(3, K) CTML_DSP_DENSE_UNIT(4, K)             \
          CTML_DSP_DENSE_UNIT(5, K)

// The six-unit loop: STEPS (the iteration's CTML_DSP_DENSE_STEPs) over `n` iterations, the weight
// pointer BYTES further each time. Operands: the locals of dense_six_units.
#define CTML_DSP_DENSE_LOOP(STEPS, BYTES)                                                                    \
  __asm__("1:\n\t" STEPS "adds %[wp], %[wp], #" #BYTES                                                       \
          "\n\t"                                                                                             \
          "subs %[n], %[n], #1\n\t"                                                                          \
          "bne 1b"                                                                                           \
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [a4] "+r"(a4), [a5] "+r"(a5),        \
            [x] "=&r"(x), [t] "=&r"(t), [xl] "=&r"(xl), [xh] "=&r"(xh), [xp] "+r"(xp), [wp] "+r"(wp),        \
            [n] "+r"(n)                                                                                      \
          : [off] "r"(off), [o0] "n"(0), [o1] "n"(In), [o2] "n"(2 * In), [o3] "n"(3 * In), [o4] "n"(4 * In), \
            [o5] "n"(5 * In)                                                                                 \
          : "cc", "memory")

/// Six units over the whole input, as one asm loop: GCC 12 schedules the C version's loads ahead
/// and spills accumulators; by hand the loop needs 14 registers (6 accumulators, the widened input
/// pair, the input offset, 2 temporaries, 2 pointers, a counter) and 4 x (3 + 6 x 5) + 3
/// instructions per 96 MACs (1.41 per MAC).
template <int In, requant_constants Q>
inline void dense_six_units(const std::int8_t* in, const std::int8_t* w, std::int32_t (&acc)[6]) noexcept {
  const std::int32_t off = dual_offset(Q.input_offset);
  std::int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3], a4 = acc[4], a5 = acc[5];
  std::int32_t x, t, xl, xh;
  const std::int8_t* xp = in;
  const std::int8_t* wp = w;
  if constexpr (In % 16 == 0) {  // 16 inputs per iteration
    int n = In / 16;
    CTML_DSP_DENSE_LOOP(
        CTML_DSP_DENSE_STEP(0) CTML_DSP_DENSE_STEP(4) CTML_DSP_DENSE_STEP(8) CTML_DSP_DENSE_STEP(12), 16);
  } else {  // 8 inputs per iteration
    int n = In / 8;
    CTML_DSP_DENSE_LOOP(CTML_DSP_DENSE_STEP(0) CTML_DSP_DENSE_STEP(4), 8);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
  acc[4] = a4;
  acc[5] = a5;
}

#undef CTML_DSP_DENSE_LOOP
#undef CTML_DSP_DENSE_STEP
#undef CTML_DSP_DENSE_UNIT

/// NU units over the whole input, 4 inputs per step (layers the asm loop does not take, and the
/// last Units % 6 units).
template <int In, int NU, requant_constants Q>
inline void dense_units(const std::int8_t* in, const std::int8_t* w, std::int32_t (&acc)[NU]) noexcept {
  constexpr std::int32_t off2 = dual_offset(Q.input_offset);
  std::int32_t a[NU];  // fully unrolled below, so these live in registers
#pragma GCC unroll 8
  for (int u = 0; u < NU; ++u) a[u] = acc[u];
  const std::int8_t* xp = in;
  const std::int8_t* wp = w;
#pragma GCC unroll 2
  for (int i = 0; i < In / 4; ++i) {
    const std::int32_t x = load4(xp);
    const std::int32_t xl = sxtab16(off2, x), xh = sxtab16_ror8(off2, x);
#pragma GCC unroll 8
    for (int u = 0; u < NU; ++u) {
      const std::int32_t wv = load4(wp + u * In);
      a[u] = smlad(xh, sxtb16_ror8(wv), smlad(xl, sxtb16(wv), a[u]));
    }
    xp += 4;
    wp += 4;
  }
  for (int i = In & ~3; i < In; ++i)
    for (int u = 0; u < NU; ++u) a[u] += (std::int32_t{in[i]} + Q.input_offset) * std::int32_t{w[u * In + i]};
#pragma GCC unroll 8
  for (int u = 0; u < NU; ++u) acc[u] = a[u];
}

/// A block's requantization out of line (inlined, the block's code grows and GCC allocates worse).
template <requant_constants Q, int NU, int MultStep>
[[gnu::noinline]] void requantize_units(const std::int32_t (&acc)[1][NU], const multiplier* mult,
                                        std::int8_t* out) noexcept {
  requantize_block<Q, 1, NU, 0, MultStep>(acc, mult, out);
}

/// Units [U0, U0 + NU) of the layer: accumulate, requantize.
template <int In, int NU, bool PerChannel, requant_constants Q>
inline void dense_block(int u0, const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
                        const multiplier* mult, std::int8_t* out) noexcept {
  std::int32_t acc[1][NU];
#pragma GCC unroll 8
  for (int j = 0; j < NU; ++j) acc[0][j] = bias[u0 + j];
  if constexpr (NU == 6 && six_unit_loop<In>)
    dense_six_units<In, Q>(in, weights + u0 * In, acc[0]);
  else
    dense_units<In, NU, Q>(in, weights + u0 * In, acc[0]);
  requantize_units<Q, NU, PerChannel ? 1 : 0>(acc, mult + (PerChannel ? u0 : 0), out + u0);
}

/// The size-first kernel (CTML_KERNELS_SIZE_FIRST): shape and quantization constants at run time,
/// three units per pass over the input, one copy of code for every dense layer of a program.
[[gnu::noinline]] inline void dense_s8_shared(int units, int in_len, bool per_channel,
                                              const requant_constants& quant, const std::int8_t* in,
                                              const std::int8_t* weights, const std::int32_t* bias,
                                              const multiplier* mult, std::int8_t* out) noexcept {
  const requant_constants q = quant;
  const std::int32_t off2 = dual_offset(q.input_offset);
  const int in_q = in_len & ~3;
  int u = 0;
  // Three units per pass: 3 accumulators, 3 weight pointers, the input pointer and its end, the
  // offset and 4 temporaries fit in the registers (four units spilled: 2.1 instead of 1.8 per MAC).
  for (; u + 3 <= units; u += 3) {
    const std::int8_t* w0 = weights + u * in_len;
    const std::int8_t* w1 = w0 + in_len;
    const std::int8_t* w2 = w1 + in_len;
    std::int32_t a0 = bias[u], a1 = bias[u + 1], a2 = bias[u + 2];
    const std::int8_t* xp = in;
    const std::int8_t* const x_end = in + in_q;
    // One asm step per 4 inputs: at -Os GCC 12 kept the C version's accumulators on the stack.
    while (xp != x_end) {
      std::int32_t x, xl, xh, t;
      __asm__(
          "ldr %[x], [%[xp]], #4\n\t"
          "sxtab16 %[xl], %[off], %[x]\n\t"
          "sxtab16 %[xh], %[off], %[x], ror #8\n\t"
          "ldr %[x], [%[w0]], #4\n\t"
          "sxtb16 %[t], %[x]\n\t"
          "smlad %[a0], %[xl], %[t], %[a0]\n\t"
          "sxtb16 %[x], %[x], ror #8\n\t"
          "smlad %[a0], %[xh], %[x], %[a0]\n\t"
          "ldr %[x], [%[w1]], #4\n\t"
          "sxtb16 %[t], %[x]\n\t"
          "smlad %[a1], %[xl], %[t], %[a1]\n\t"
          "sxtb16 %[x], %[x], ror #8\n\t"
          "smlad %[a1], %[xh], %[x], %[a1]\n\t"
          "ldr %[x], [%[w2]], #4\n\t"
          "sxtb16 %[t], %[x]\n\t"
          "smlad %[a2], %[xl], %[t], %[a2]\n\t"
          "sxtb16 %[x], %[x], ror #8\n\t"
          "smlad %[a2], %[xh], %[x], %[a2]"
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [xp] "+r"(xp), [w0] "+r"(w0), [w1] "+r"(w1),
            [w2] "+r"(w2), [x] "=&r"(x), [xl] "=&r"(xl), [xh] "=&r"(xh), [t] "=&r"(t)
          : [off] "r"(off2)
          : "memory");
    }
    for (int i = 0; i < in_len - in_q; ++i) {
      const std::int32_t x = std::int32_t{x_end[i]} + q.input_offset;
      a0 += x * w0[i];
      a1 += x * w1[i];
      a2 += x * w2[i];
    }
    const multiplier* m = mult + (per_channel ? u : 0);
    const int step = per_channel ? 1 : 0;
    out[u] = requantize_s8(a0, m[0], q);
    out[u + 1] = requantize_s8(a1, m[step], q);
    out[u + 2] = requantize_s8(a2, m[2 * step], q);
  }
  for (; u < units; ++u) {
    const std::int8_t* w = weights + u * in_len;
    std::int32_t a = bias[u];
    for (int i = 0; i < in_q; i += 4) {
      const std::int32_t x = load4(in + i), wv = load4(w + i);
      a = smlad(sxtab16_ror8(off2, x), sxtb16_ror8(wv), smlad(sxtab16(off2, x), sxtb16(wv), a));
    }
    for (int i = in_q; i < in_len; ++i) a += (std::int32_t{in[i]} + q.input_offset) * w[i];
    out[u] = requantize_s8(a, mult[per_channel ? u : 0], q);
  }
}

}  // namespace detail

/// int8 dense, weights [Units][In]. Bit-identical to reference::dense_s8.
template <int Units, int In, bool PerChannel, requant_constants Q>
void dense_s8(const std::int8_t* in, const std::int8_t* weights, const std::int32_t* bias,
              const multiplier* mult, std::int8_t* out) noexcept {
#if defined(CTML_KERNELS_SIZE_FIRST)
  detail::dense_s8_shared(Units, In, PerChannel, Q, in, weights, bias, mult, out);
#else
  constexpr int nu = 6;  // units per pass over the input (see dense_units)
  constexpr int blocks_end = Units - Units % nu;
  for (int u = 0; u < blocks_end; u += nu)
    detail::dense_block<In, nu, PerChannel, Q>(u, in, weights, bias, mult, out);
  if constexpr (Units % nu != 0)
    detail::dense_block<In, Units % nu, PerChannel, Q>(blocks_end, in, weights, bias, mult, out);
#endif
}

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// dense with the DSP extension (every shape).
template <int Units, int In, bool PerChannel, requant_constants Q>
struct dense_s8_kernel<Units, In, PerChannel, Q, arch::arm_dsp> : imported_weights {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const std::int8_t* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    arm_dsp::dense_s8<Units, In, PerChannel, Q>(in, weights, bias, mult, out);
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP
