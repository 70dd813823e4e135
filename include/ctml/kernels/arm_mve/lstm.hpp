#pragma once
// The int8 LSTM step with Helium (MVE, Cortex-M55): a unit's four gate rows share each 16-element
// vector of x (and of h), one VMLADAVA (16 MACs) a row. The zero point is folded as
// sum w (x + off) = sum w x + sum w off, a second VMLADAVA with a vector of off into the same
// accumulator (four accumulators: eight, with separate row sums, spilled). Tails: predicated loads
// with zeros in the inactive lanes. The gate activations and the cell update are the DSP kernel's
// (arm_dsp/lstm.hpp). Integer sums in another order give the same int32: TFLite Micro's bytes.

#include <ctml/core/arch.hpp>
#include <ctml/core/config.hpp>
#include <ctml/kernels/arm_dsp/lstm.hpp>
#include <ctml/kernels/reference/lstm.hpp>

#if CTML_ARCH_ARM_MVE

#include <cstddef>
#include <cstdint>

#include <arm_mve.h>

namespace ctml::kernels::arm_mve {

/// acc[r] = sum_i w_r[i] (v[i] + offset) for the four rows w_r = w + r * stride (N columns).
template <int N>
CTML_FORCE_INLINE void lstm_dot4(const std::int8_t* w, int stride, const std::int8_t* v, std::int32_t offset,
                                 std::int32_t* acc) noexcept {
  // offset = -zero point is in [-127, 128]; 128 is not an int8: then x is complemented,
  // ~x - 127 = -(x + 128), and the sums come out negated (as arm_mve/dense.hpp does).
  const bool neg = offset == 128;
  const int8x16_t flip = vdupq_n_s8(static_cast<std::int8_t>(neg ? -1 : 0));
  const int8x16_t offv = vdupq_n_s8(static_cast<std::int8_t>(neg ? -127 : offset));
  const std::int8_t* vp = v;
  const std::int8_t* w0 = w;
  const std::int8_t* w1 = w + stride;
  const std::int8_t* w2 = w + 2 * stride;
  const std::int8_t* w3 = w + 3 * stride;
  std::int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const auto step = [&](int8x16_t x, int8x16_t wv, std::int32_t& a) {
    a = vmladavaq_s8(a, x, wv);
    a = vmladavaq_s8(a, offv, wv);
  };
  for (int i = 0; i + 16 <= N; i += 16) {
    // Hidden from the optimiser each step: loads with write-back, no address arithmetic (the rows
    // are U·F bytes apart, beyond the load offsets' reach).
    asm("" : "+r"(vp), "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    const int8x16_t x = veorq_s8(vldrbq_s8(vp), flip);
    step(x, vldrbq_s8(w0), a0);
    step(x, vldrbq_s8(w1), a1);
    step(x, vldrbq_s8(w2), a2);
    step(x, vldrbq_s8(w3), a3);
    vp += 16;
    w0 += 16;
    w1 += 16;
    w2 += 16;
    w3 += 16;
  }
  if constexpr (N % 16 != 0) {
    // Weights loaded with zeros in the inactive lanes: no product from x or the offset there.
    const mve_pred16_t p = vctp8q(N % 16);
    const int8x16_t x = veorq_s8(vldrbq_z_s8(vp, p), flip);
    step(x, vldrbq_z_s8(w0, p), a0);
    step(x, vldrbq_z_s8(w1, p), a1);
    step(x, vldrbq_z_s8(w2, p), a2);
    step(x, vldrbq_z_s8(w3, p), a3);
  }
  acc[0] = neg ? -a0 : a0;
  acc[1] = neg ? -a1 : a1;
  acc[2] = neg ? -a2 : a2;
  acc[3] = neg ? -a3 : a3;
}

/// One step. `scratch`: 4 * Units int16 (the gates).
template <int Units, int Features, int CellPower>
void lstm_step_s8(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const reference::lstm_s8_params& p,
                  std::int16_t* gates) noexcept {
  constexpr int U = Units, F = Features;
  for (int u = 0; u < U; ++u) {
    // Rows u, U + u, 2U + u, 3U + u: the unit's gates in ONNX order (i, o, f, c).
    std::int32_t xb[4] = {0, 0, 0, 0};
    std::int32_t rh[4] = {0, 0, 0, 0};
    lstm_dot4<F>(p.w + u * F, U * F, x, p.x_offset, xb);
    lstm_dot4<U>(p.r + u * U, U * U, h, p.h_offset, rh);
    for (int k = 0; k < 4; ++k) xb[k] += p.b[k * U + u];
    arm_dsp::lstm_unit_gates(U, u, xb, rh, p, gates);
  }
  arm_dsp::lstm_update<U, CellPower>(h, c, p, gates);
}

}  // namespace ctml::kernels::arm_mve

namespace ctml::kernels {

/// The int8 LSTM step with Helium.
template <int Units, int Features, int CellPower>
struct lstm_s8_kernel<Units, Features, CellPower, arch::arm_mve> {
  static constexpr std::size_t scratch_bytes = 4 * static_cast<std::size_t>(Units) * sizeof(std::int16_t);
  static void run(const std::int8_t* x, std::int8_t* h, std::int16_t* c, const lstm_s8_params& p,
                  std::byte* scratch) noexcept {
    arm_mve::lstm_step_s8<Units, Features, CellPower>(x, h, c, p, reinterpret_cast<std::int16_t*>(scratch));
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_MVE
