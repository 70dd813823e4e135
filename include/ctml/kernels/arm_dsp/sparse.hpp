#pragma once
// Sparse int8 conv2d and dense for cores with the DSP extension (Cortex-M4/M7/M33; M55 falls back
// here): the format of reference/sparse.hpp, read a group of 4 non-zero weights at a time.
//
// conv2d: the 4-pixel patch holds, per element, two words: pixels 0 and 1, pixels 2 and 3 (int16
// halves, x + input offset, 0 in the padding). A group is one LDRD of its 4 elements and 4 weights
// (narrow; wide groups: LDRD of 4 byte offsets, LDR of the weights) and two SXTB16 (w0 w2 | w1 w3);
// per weight then UBFX + ADD ..., LSL #3 (wide: one UXTAH or ADD ..., LSR #16), one LDRD of the 4
// pixels' inputs, and SMLABB / SMLATB (SMLABT / SMLATT for the weights in the top halves): 30-34
// instructions per 16 non-zero MACs against the dense kernel's 0.75 per MAC (SMLAD on int16
// weights), so sparse pays from about 57-61 % zeros on (measured: kernels/sparse.hpp).
// dense: the input offset is folded into the biases at compile time; per weight one address
// instruction, LDRSB and one SMLAxy.
// depthwise: the portable loops (reference/sparse.hpp) with the requantization prepared per channel.

#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/arm_dsp/intrinsics.hpp>
#include <ctml/kernels/arm_dsp/requantize.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/reference/sparse.hpp>

#if CTML_ARCH_ARM_DSP

namespace ctml::kernels::arm_dsp {

namespace detail {

/// Lanes of output pixels pa and pb (-1: none, zeros) of the 4-pixel patch, starting at `patch`
/// (lanes 0-1) or patch + 2 (lanes 2-3): element i of each at patch[4 i] and patch[4 i + 1].
/// Taps inside the input for both pixels with whole groups of 4 channels go word-wise (LDR,
/// SXTAB16, PKHBT / PKHTB), others element-wise.
template <window_geometry G, requant_constants Q>
inline void fill_sparse_pair(const std::int8_t* in, int pa, int pb, std::int16_t* patch) noexcept {
  const int ya = pa / G.out_w * G.stride_h - G.pad_top, xa = pa % G.out_w * G.stride_w - G.pad_left;
  const int yb = pb / G.out_w * G.stride_h - G.pad_top, xb = pb % G.out_w * G.stride_w - G.pad_left;
  constexpr std::int32_t off2 = dual_offset(Q.input_offset);
  std::int16_t* d = patch;
  for (int fy = 0; fy < G.k_h; ++fy) {
    for (int fx = 0; fx < G.k_w; ++fx, d += 4 * G.in_c) {
      const int iya = ya + fy * G.dilation_h, ixa = xa + fx * G.dilation_w;
      const int iyb = yb + fy * G.dilation_h, ixb = xb + fx * G.dilation_w;
      const std::int8_t* ia = pa >= 0 && iya >= 0 && iya < G.in_h && ixa >= 0 && ixa < G.in_w
                                  ? in + (iya * G.in_w + ixa) * G.in_c
                                  : nullptr;
      const std::int8_t* ib = pb >= 0 && iyb >= 0 && iyb < G.in_h && ixb >= 0 && ixb < G.in_w
                                  ? in + (iyb * G.in_w + ixb) * G.in_c
                                  : nullptr;
      if constexpr (G.in_c % 4 == 0) {
        if (ia != nullptr && ib != nullptr) {
          std::int16_t* e = d;
          for (int c = 0; c < G.in_c; c += 4, e += 16) {
            const std::int32_t a = load4(ia + c), b = load4(ib + c);
            const auto a02 = static_cast<std::uint32_t>(sxtab16(off2, a));
            const auto a13 = static_cast<std::uint32_t>(sxtab16_ror8(off2, a));
            const auto b02 = static_cast<std::uint32_t>(sxtab16(off2, b));
            const auto b13 = static_cast<std::uint32_t>(sxtab16_ror8(off2, b));
            store_word(e, static_cast<std::int32_t>((a02 & 0xffffu) | (b02 << 16)));
            store_word(e + 4, static_cast<std::int32_t>((a13 & 0xffffu) | (b13 << 16)));
            store_word(e + 8, static_cast<std::int32_t>((a02 >> 16) | (b02 & 0xffff0000u)));
            store_word(e + 12, static_cast<std::int32_t>((a13 >> 16) | (b13 & 0xffff0000u)));
          }
          continue;
        }
      }
      for (int c = 0; c < G.in_c; ++c) {
        d[4 * c] = ia != nullptr ? static_cast<std::int16_t>(std::int32_t{ia[c]} + Q.input_offset) : 0;
        d[4 * c + 1] = ib != nullptr ? static_cast<std::int16_t>(std::int32_t{ib[c]} + Q.input_offset) : 0;
      }
    }
  }
}

}  // namespace detail

/// Sparse int8 convolution (the format of reference/sparse.hpp, offsets element * 8). Bit-identical
/// to reference::sparse_conv2d_s8 and to the dense kernels. `patch`: 8 * sparse_field<G> bytes,
/// 4-byte aligned.
template <window_geometry G, requant_constants Q, std::size_t Groups, bool Narrow>
void sparse_conv2d_s8(const std::int8_t* in, const sparse_rows<G.out_c, Groups, Narrow>* w,
                      const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                      std::int16_t* patch) noexcept {
  constexpr int pixels = G.out_h * G.out_w;
  const auto* base = reinterpret_cast<const std::uint8_t*>(patch);
  for (int px = 0; px < pixels; px += sparse_pixels) {
    const int n = pixels - px < sparse_pixels ? pixels - px : sparse_pixels;
    detail::fill_sparse_pair<G, Q>(in, px, n > 1 ? px + 1 : -1, patch);
    detail::fill_sparse_pair<G, Q>(in, n > 2 ? px + 2 : -1, n > 3 ? px + 3 : -1, patch + 2);
    const auto* g = reinterpret_cast<const std::uint8_t*>(w->groups.data());
    const std::uint16_t* rows = w->row_groups.data();
    std::int8_t* o = out + px * G.out_c;
    for (int oc = 0; oc < G.out_c; ++oc) {
      std::int32_t a0 = bias[oc], a1 = a0, a2 = a0, a3 = a0;
      constexpr int gb = static_cast<int>(sparse_rows<G.out_c, Groups, Narrow>::group_bytes);
      const std::uint8_t* const end = g + gb * rows[oc];
      while (g != end) {
        std::int32_t x01, x23, wq;
        const std::uint8_t *p0, *p1, *p2, *p3;
        if constexpr (Narrow) {  // four element bytes (one word), then four weights
          std::int32_t iq;
          load_pair_at<0>(g, iq, wq);
          const auto u = static_cast<std::uint32_t>(iq);
          p0 = base + 8 * (u & 0xffu);
          p1 = base + 8 * ((u >> 8) & 0xffu);
          p2 = base + 8 * ((u >> 16) & 0xffu);
          p3 = base + 8 * (u >> 24);
        } else {  // four uint16 byte offsets (two words), then four weights
          std::int32_t e01, e23;
          load_pair_at<0>(g, e01, e23);
          wq = load4(reinterpret_cast<const std::int8_t*>(g) + 8);
          const auto u01 = static_cast<std::uint32_t>(e01), u23 = static_cast<std::uint32_t>(e23);
          p0 = base + (u01 & 0xffffu);
          p1 = base + (u01 >> 16);
          p2 = base + (u23 & 0xffffu);
          p3 = base + (u23 >> 16);
        }
        const std::int32_t wa = sxtb16(wq), wb = sxtb16_ror8(wq);  // w0 w2 | w1 w3
        load_pair_at<0>(p0, x01, x23);
        a0 = smlabb(x01, wa, a0);
        a1 = smlatb(x01, wa, a1);
        a2 = smlabb(x23, wa, a2);
        a3 = smlatb(x23, wa, a3);
        load_pair_at<0>(p1, x01, x23);
        a0 = smlabb(x01, wb, a0);
        a1 = smlatb(x01, wb, a1);
        a2 = smlabb(x23, wb, a2);
        a3 = smlatb(x23, wb, a3);
        load_pair_at<0>(p2, x01, x23);
        a0 = smlabt(x01, wa, a0);
        a1 = smlatt(x01, wa, a1);
        a2 = smlabt(x23, wa, a2);
        a3 = smlatt(x23, wa, a3);
        load_pair_at<0>(p3, x01, x23);
        a0 = smlabt(x01, wb, a0);
        a1 = smlatt(x01, wb, a1);
        a2 = smlabt(x23, wb, a2);
        a3 = smlatt(x23, wb, a3);
        g += gb;
      }
      if (n == sparse_pixels) {
        const std::int32_t acc[4][1] = {{a0}, {a1}, {a2}, {a3}};
        requantize_block<Q, 4, 1, G.out_c>(acc, mult + oc, o + oc);
      } else {
        const std::int32_t acc[4] = {a0, a1, a2, a3};
        for (int l = 0; l < n; ++l)
          o[l * G.out_c + oc] = requantize_s8<Q.output_offset, Q.act_min, Q.act_max>(acc[l], mult[oc]);
      }
    }
  }
}

/// Sparse int8 dense (offsets are elements; biases with the input offset folded in). Bit-identical
/// to reference::sparse_dense_s8.
template <int Units, bool PerChannel, requant_constants Q, std::size_t Groups, bool Narrow>
void sparse_dense_s8(const std::int8_t* in, const sparse_rows<Units, Groups, Narrow>* w,
                     const std::int32_t* bias, const multiplier* mult, std::int8_t* out) noexcept {
  const auto* g = reinterpret_cast<const std::uint8_t*>(w->groups.data());
  const std::uint16_t* rows = w->row_groups.data();
  for (int u = 0; u < Units; ++u) {
    std::int32_t a = bias[u];
    constexpr int gb = static_cast<int>(sparse_rows<Units, Groups, Narrow>::group_bytes);
    const std::uint8_t* const end = g + gb * rows[u];
    while (g != end) {
      std::int32_t wq;
      std::uint32_t i0, i1, i2, i3;
      if constexpr (Narrow) {
        std::int32_t iq;
        load_pair_at<0>(g, iq, wq);
        const auto v = static_cast<std::uint32_t>(iq);
        i0 = v & 0xffu;
        i1 = (v >> 8) & 0xffu;
        i2 = (v >> 16) & 0xffu;
        i3 = v >> 24;
      } else {
        std::int32_t e01, e23;
        load_pair_at<0>(g, e01, e23);
        wq = load4(reinterpret_cast<const std::int8_t*>(g) + 8);
        const auto u01 = static_cast<std::uint32_t>(e01), u23 = static_cast<std::uint32_t>(e23);
        i0 = u01 & 0xffffu;
        i1 = u01 >> 16;
        i2 = u23 & 0xffffu;
        i3 = u23 >> 16;
      }
      const std::int32_t wa = sxtb16(wq), wb = sxtb16_ror8(wq);
      a = smlabb(in[i0], wa, a);
      a = smlabb(in[i1], wb, a);
      a = smlabt(in[i2], wa, a);
      a = smlabt(in[i3], wb, a);
      g += gb;
    }
    out[u] = requantize_s8<Q.output_offset, Q.act_min, Q.act_max>(a, mult[PerChannel ? u : 0]);
  }
}

/// The requantization of one depthwise output channel, prepared once per channel (the sparse
/// depthwise kernel's Rq): one SMLAL and a few ALU instructions per output for a right shift.
template <requant_constants Q>
struct channel_requantize {
  multiplier m;
  right_shift_multiplier r;
  CTML_FORCE_INLINE std::int8_t operator()(std::int32_t acc) const noexcept {
    if (m.shift < 0) return clamp_s8<Q.output_offset, Q.act_min, Q.act_max>(r(acc));
    return requantize_s8<Q.output_offset, Q.act_min, Q.act_max>(acc, m);
  }
};

}  // namespace ctml::kernels::arm_dsp

namespace ctml::kernels {

/// Sparse conv2d with the DSP extension (every geometry the sparse format takes).
template <window_geometry G, requant_constants Q, std::size_t Groups>
struct sparse_conv2d_s8_kernel<G, Q, Groups, arch::arm_dsp>
    : sparse_conv2d_s8_kernel<G, Q, Groups, arch::generic> {
  CTML_KERNEL_ENTRY static void run(
      const std::int8_t* in,
      const typename sparse_conv2d_s8_kernel<G, Q, Groups, arch::generic>::rows* weights,
      const std::int32_t* bias, const multiplier* mult, std::int8_t* out, std::byte* scratch) noexcept {
    arm_dsp::sparse_conv2d_s8<G, Q, Groups>(in, weights, bias, mult, out,
                                            reinterpret_cast<std::int16_t*>(scratch));
  }
};

/// Sparse dense with the DSP extension.
template <int Units, int In, bool PerChannel, requant_constants Q, std::size_t Groups>
struct sparse_dense_s8_kernel<Units, In, PerChannel, Q, Groups, arch::arm_dsp>
    : sparse_dense_weights<Units, In, Q, Groups> {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in,
                                    const typename sparse_dense_weights<Units, In, Q, Groups>::rows* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    arm_dsp::sparse_dense_s8<Units, PerChannel, Q, Groups>(in, weights, bias, mult, out);
  }
};

/// Sparse depthwise with the DSP extension: the portable loops, the requantization prepared per channel.
template <window_geometry G, requant_constants Q, std::size_t Nonzero>
struct sparse_depthwise_conv2d_s8_kernel<G, Q, Nonzero, arch::arm_dsp>
    : sparse_depthwise_weights<G, Q, Nonzero> {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in,
                                    const typename sparse_depthwise_weights<G, Q, Nonzero>::taps* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    reference::sparse_depthwise_conv2d_s8<G, Q, Nonzero>(in, weights, bias, mult, out, [](multiplier m) {
      return arm_dsp::channel_requantize<Q>{
          m, m.shift < 0 ? arm_dsp::right_shift_multiplier{m} : arm_dsp::right_shift_multiplier{}};
    });
  }
};

}  // namespace ctml::kernels

#endif  // CTML_ARCH_ARM_DSP
