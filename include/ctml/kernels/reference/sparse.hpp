#pragma once
// Sparse int8 conv2d and dense (issue #14, unstructured pruning): the weight format, its
// compile-time builder, the portable kernels (the oracle of the specialised ones) and the kernel
// types sparse_conv2d_s8_kernel / sparse_dense_s8_kernel. Which layers take them: kernels/sparse.hpp.
//
// Format (`sparse_rows`): each weight row (a conv's output channel over its receptive field
// k = k_h * k_w * in_c, a dense unit over its inputs) keeps only its non-zero weights, in groups of
// 4 (the last group of a row padded with zero weights at element 0), plus one uint16 per row: its
// number of groups. Rows of at most 256 elements ("narrow"): a group is 8 bytes, the four elements
// (uint8) then the four int8 weights: 2 bytes per non-zero weight. Longer rows: 12 bytes, four
// uint16 offsets pre-scaled to what the kernel adds to its base pointer (conv: element * 8, the bytes
// of one element of a 4-pixel int16 patch; dense: the element), so that one UXTAH / ADD ..., LSR #16
// makes an address on the DSP extension, then the four weights: 3 bytes per non-zero weight.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include <ctml/core/arch.hpp>
#include <ctml/kernels/geometry.hpp>
#include <ctml/kernels/kernel.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml::kernels {

/// Whether rows of `row` elements take the narrow groups (uint8 elements).
constexpr bool sparse_narrow(std::size_t row) {
  return row <= 256;
}

/// Weight rows with their zeros left out, `Groups` groups of 4 non-zero weights over `Rows` rows,
/// narrow or not (the format above). `data()` is the object itself: the sparse kernels' `run` takes it.
/// Usage: `static constexpr auto w = make_sparse_rows<64, 256, 8>(ohwi); K::run(in, w.data(), ...);`
template <std::size_t Rows, std::size_t Groups, bool Narrow>
struct sparse_rows {
  static constexpr std::size_t group_bytes = Narrow ? 8 : 12;
  alignas(4) std::array<std::uint8_t, Groups * group_bytes> groups;
  std::array<std::uint16_t, Rows> row_groups;  ///< groups of each row, in row order
  constexpr const sparse_rows* data() const noexcept { return this; }
};

/// Non-zero weights of a layer and the groups of 4 the sparse format stores for them (rows of
/// `Row` weights each, every row's last group padded).
struct sparse_count {
  std::size_t nonzero = 0;
  std::size_t groups = 0;
};
/// Counts `n` weights in rows of `row` (raw pointers and one statement per weight: few constexpr
/// steps, see max_sparse_weights).
template <class T>
constexpr sparse_count count_sparse(const T* w, std::size_t n, std::size_t row) {
  sparse_count c;
  for (const T* r = w; r != w + n; r += row) {
    std::size_t k = 0;
    for (const T* p = r; p != r + row; ++p) k += *p != T{} ? 1 : 0;
    c.nonzero += k;
    c.groups += (k + 3) / 4;
  }
  return c;
}
/// count_sparse over a weights array as imported.
/// Usage: `constexpr auto c = kernels::count_sparse(w.as_array(), k);`
template <class T, std::size_t N>
constexpr sparse_count count_sparse(const std::array<T, N>& w, std::size_t row) {
  return count_sparse(w.data(), N, row);
}

/// The most weights a layer may have for the sparse kernels: the count and the format are made at
/// compile time, a few constexpr steps per weight, within Clang's default -fconstexpr-steps
/// (1,048,576) like kernels::max_prepared_weights.
inline constexpr std::size_t max_sparse_weights = max_prepared_weights;

/// The sparse format of `Rows` rows of int8 weights (`w` row-major, as imported: OHWI, or dense
/// [units][in]), wide offsets scaled by `Scale`; `Groups` = count_sparse(w, row).groups.
template <std::size_t Rows, std::size_t Groups, int Scale, std::size_t N>
constexpr auto make_sparse_rows(const std::array<std::int8_t, N>& w) {
  constexpr std::size_t row = N / Rows;
  constexpr bool narrow = sparse_narrow(row);
  static_assert(N % Rows == 0 && (narrow || (row - 1) * Scale <= 0xffff), "sparse offsets are uint16");
  using R = sparse_rows<Rows, Groups, narrow>;
  constexpr std::size_t gb = R::group_bytes;
  R r{};
  // Raw pointers and few statements per weight: Clang counts every call and statement against its
  // -fconstexpr-steps (max_sparse_weights).
  std::uint8_t* next = r.groups.data();  // where the next group starts
  std::uint8_t* group = next;
  std::uint16_t* counts = r.row_groups.data();
  const std::int8_t* p = w.data();
  for (std::size_t o = 0; o < Rows; ++o, p += row) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < row; ++i) {
      if (p[i] == 0) continue;
      const std::size_t e = n++ & 3;
      if (e == 0) {
        group = next;
        next += gb;
      }
      if constexpr (narrow) {
        group[e] = static_cast<std::uint8_t>(i);
      } else {
        group[2 * e] = static_cast<std::uint8_t>((i * Scale) & 0xff);
        group[2 * e + 1] = static_cast<std::uint8_t>((i * Scale) >> 8);
      }
      group[gb - 4 + e] = static_cast<std::uint8_t>(p[i]);
    }
    *counts++ = static_cast<std::uint16_t>((n + 3) / 4);
  }
  return r;
}

/// Element e (0..3) of a group, as stored: a narrow group's element, a wide group's scaled offset.
template <bool Narrow>
constexpr int sparse_entry(const std::uint8_t* group, int e) noexcept {
  if constexpr (Narrow)
    return group[e];
  else
    return group[2 * e] | (group[2 * e + 1] << 8);
}
/// Weight e (0..3) of a group.
template <bool Narrow>
constexpr std::int32_t sparse_weight(const std::uint8_t* group, int e) noexcept {
  return static_cast<std::int8_t>(group[(Narrow ? 4 : 8) + e]);
}

/// bias[u] + input_offset * sum_i w[u][i] in int32 (wrapping, as the sum of the products does):
/// the input offset folded at compile time, for the kernels that read x without it (dense: no
/// padding, so it is exact for every input).
template <std::size_t Rows, std::size_t N>
constexpr std::array<std::int32_t, Rows> fold_input_offset(const std::array<std::int8_t, N>& w,
                                                           const std::array<std::int32_t, Rows>& bias,
                                                           std::int32_t input_offset) {
  constexpr std::size_t row = N / Rows;
  std::array<std::int32_t, Rows> r{};
  const std::int8_t* p = w.data();
  for (std::size_t o = 0; o < Rows; ++o) {
    std::int32_t s = 0;  // |sum| <= 128 * row: no overflow for the rows max_sparse_weights allows
    for (const std::int8_t* e = p + row; p != e; ++p) s += *p;
    r[o] =
        static_cast<std::int32_t>(static_cast<std::uint32_t>(bias[o]) +
                                  static_cast<std::uint32_t>(s) * static_cast<std::uint32_t>(input_offset));
  }
  return r;
}

/// Output pixels a sparse conv kernel computes per pass over the weights: each decoded weight
/// serves 4 accumulators.
inline constexpr int sparse_pixels = 4;

/// Elements of a sparse conv's receptive field, and whether a geometry can take the sparse kernel
/// (the 4-pixel int16 patch in scratch: at most 8 KB; depth multiplier 1).
template <window_geometry G>
inline constexpr int sparse_field = G.k_h* G.k_w* G.in_c;
template <window_geometry G>
constexpr bool sparse_conv2d_fits() {
  return sparse_field<G> <= 1024 && G.depth_multiplier == 1;
}

/// Depthwise weights with their zeros left out: per output channel its number of non-zero taps,
/// then for each (in channel order, then tap order) its tap t = fy * k_w + fx and its weight; 2
/// bytes per non-zero weight and 1 per channel. `data()` is the object itself.
/// Usage: `static constexpr auto w = make_sparse_taps<64, 58>(weights_khkwoc);`
template <std::size_t Channels, std::size_t Nonzero>
struct sparse_taps {
  std::array<std::uint8_t, Channels> count;
  std::array<std::uint8_t, Nonzero> tap;
  std::array<std::int8_t, Nonzero> value;
  constexpr const sparse_taps* data() const noexcept { return this; }
};

/// The sparse_taps of depthwise weights as imported ([KH][KW][OC], `N` = taps * Channels).
template <std::size_t Channels, std::size_t Nonzero, std::size_t N>
constexpr sparse_taps<Channels, Nonzero> make_sparse_taps(const std::array<std::int8_t, N>& w) {
  constexpr std::size_t taps = N / Channels;
  static_assert(N % Channels == 0 && taps <= 32, "sparse depthwise: at most 32 taps (masks of 32 bits)");
  sparse_taps<Channels, Nonzero> r{};
  std::size_t k = 0;
  for (std::size_t c = 0; c < Channels; ++c) {
    std::size_t n = 0;
    for (std::size_t t = 0; t < taps; ++t) {
      const std::int8_t v = w[t * Channels + c];
      if (v == 0) continue;
      r.tap[k] = static_cast<std::uint8_t>(t);
      r.value[k++] = v;
      ++n;
    }
    r.count[c] = static_cast<std::uint8_t>(n);
  }
  return r;
}

/// Depthwise biases for the sparse kernel: TFLite's (for windows over the padding), then each with
/// input_offset * sum w folded in (for windows inside the input): 2 * Channels int32.
template <std::size_t Channels, std::size_t N>
constexpr std::array<std::int32_t, 2 * Channels> depthwise_folded_bias(
    const std::array<std::int8_t, N>& w, const std::array<std::int32_t, Channels>& bias,
    std::int32_t input_offset) {
  std::array<std::int32_t, 2 * Channels> r{};
  for (std::size_t c = 0; c < Channels; ++c) {
    std::int32_t s = 0;
    for (std::size_t t = c; t < N; t += Channels) s += w[t];
    r[c] = bias[c];
    r[Channels + c] =
        static_cast<std::int32_t>(static_cast<std::uint32_t>(bias[c]) +
                                  static_cast<std::uint32_t>(s) * static_cast<std::uint32_t>(input_offset));
  }
  return r;
}

/// Whether a depthwise geometry can take the sparse kernel (its taps are bits of a 32-bit mask).
template <window_geometry G>
constexpr bool sparse_depthwise_fits() {
  return G.k_h * G.k_w <= 32;
}

}  // namespace ctml::kernels

namespace ctml::kernels::reference {

/// Lane `lane` of a 4-pixel patch: element i of output pixel px's receptive field at
/// patch[4 * i + lane], as x + input_offset (int16), 0 for taps in the padding: exact without
/// folding anything into the bias.
template <window_geometry G, requant_constants Q>
void fill_sparse_lane(const std::int8_t* in, int px, int lane, std::int16_t* patch) noexcept {
  const int y0 = px / G.out_w * G.stride_h - G.pad_top, x0 = px % G.out_w * G.stride_w - G.pad_left;
  std::int16_t* d = patch + lane;
  for (int fy = 0; fy < G.k_h; ++fy) {
    const int iy = y0 + fy * G.dilation_h;
    for (int fx = 0; fx < G.k_w; ++fx) {
      const int ix = x0 + fx * G.dilation_w;
      if (iy >= 0 && iy < G.in_h && ix >= 0 && ix < G.in_w) {
        const std::int8_t* ip = in + (iy * G.in_w + ix) * G.in_c;
        for (int c = 0; c < G.in_c; ++c, d += 4)
          *d = static_cast<std::int16_t>(std::int32_t{ip[c]} + Q.input_offset);
      } else {
        for (int c = 0; c < G.in_c; ++c, d += 4) *d = 0;
      }
    }
  }
}

/// Fills the patch of output pixels [px, px + n) (n <= 4; lanes past n zero).
template <window_geometry G, requant_constants Q, class Fill>
void fill_sparse_patch(const std::int8_t* in, int px, int n, std::int16_t* patch, Fill fill) noexcept {
  for (int l = 0; l < sparse_pixels; ++l) {
    if (l < n) {
      fill(in, px + l, l, patch);
    } else {
      for (int i = 0; i < sparse_field<G>; ++i) patch[4 * i + l] = 0;
    }
  }
}

/// The requantization the portable sparse kernels call (reference's); Armv6-M passes its own.
template <requant_constants Q>
struct portable_requantize {
  static constexpr std::int8_t apply(std::int32_t acc, multiplier m) noexcept {
    return requantize<Q>(acc, m);
  }
};

/// Sparse int8 convolution: per 4 output pixels the patch is filled once, then every output
/// channel runs over its non-zero weights only, each weight one multiply-add into 4 accumulators.
/// Bit-identical to conv2d_s8_ohwi over the dense weights.
template <window_geometry G, requant_constants Q, std::size_t Groups, class R = portable_requantize<Q>,
          bool Narrow>
void sparse_conv2d_s8(const std::int8_t* in, const sparse_rows<G.out_c, Groups, Narrow>* w,
                      const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                      std::int16_t* patch) noexcept {
  constexpr int pixels = G.out_h * G.out_w;
  for (int px = 0; px < pixels; px += sparse_pixels) {
    const int n = pixels - px < sparse_pixels ? pixels - px : sparse_pixels;
    fill_sparse_patch<G, Q>(in, px, n, patch, fill_sparse_lane<G, Q>);
    const std::uint8_t* g = w->groups.data();
    const auto* base = reinterpret_cast<const unsigned char*>(patch);
    constexpr int gb = static_cast<int>(sparse_rows<G.out_c, Groups, Narrow>::group_bytes);
    for (int oc = 0; oc < G.out_c; ++oc) {
      std::int32_t a0 = bias[oc], a1 = a0, a2 = a0, a3 = a0;
      for (int j = w->row_groups[static_cast<std::size_t>(oc)]; j > 0; --j, g += gb) {
#pragma GCC unroll 4
        for (int e = 0; e < 4; ++e) {
          // Wide offsets are bytes (no scaling: Thumb-1 has none in its addressing).
          const int at = Narrow ? 2 * sparse_pixels * sparse_entry<true>(g, e) : sparse_entry<false>(g, e);
          const auto* x = reinterpret_cast<const std::int16_t*>(base + at);
          const std::int32_t v = sparse_weight<Narrow>(g, e);
          a0 += x[0] * v;
          a1 += x[1] * v;
          a2 += x[2] * v;
          a3 += x[3] * v;
        }
      }
      std::int8_t* o = out + px * G.out_c + oc;
      const std::int32_t acc[4] = {a0, a1, a2, a3};
      for (int l = 0; l < n; ++l) o[l * G.out_c] = R::apply(acc[l], mult[oc]);
    }
  }
}

/// Sparse int8 dense: out[u] = requant(folded_bias[u] + sum over the non-zero w[u][i] of x[i] * w),
/// folded_bias = bias + input_offset * sum w (fold_input_offset). Bit-identical to dense_s8.
template <int Units, bool PerChannel, requant_constants Q, std::size_t Groups,
          class R = portable_requantize<Q>, bool Narrow>
void sparse_dense_s8(const std::int8_t* in, const sparse_rows<Units, Groups, Narrow>* w,
                     const std::int32_t* bias, const multiplier* mult, std::int8_t* out) noexcept {
  const std::uint8_t* g = w->groups.data();
  constexpr int gb = static_cast<int>(sparse_rows<Units, Groups, Narrow>::group_bytes);
  for (int u = 0; u < Units; ++u) {
    std::int32_t a = bias[u];
    for (int j = w->row_groups[static_cast<std::size_t>(u)]; j > 0; --j, g += gb)
#pragma GCC unroll 4
      for (int e = 0; e < 4; ++e)
        a += std::int32_t{in[sparse_entry<Narrow>(g, e)]} * sparse_weight<Narrow>(g, e);
    out[u] = R::apply(a, mult[PerChannel ? u : 0]);
  }
}

/// The output columns of geometry g whose windows lie inside the input along the width:
/// [left, right) (split_rows along the other axis).
constexpr row_split split_cols(const window_geometry& g) {
  window_geometry t = g;
  t.in_h = g.in_w;
  t.out_h = g.out_w;
  t.k_h = g.k_w;
  t.stride_h = g.stride_w;
  t.dilation_h = g.dilation_w;
  t.pad_top = g.pad_left;
  return split_rows(t);
}

/// Taps of one depthwise output channel, decoded once per channel: where each reads relative to
/// the window's first element, its row and column, its weight.
template <int MaxTaps>
struct channel_taps {
  int n = 0;
  int offset[MaxTaps];
  int tap[MaxTaps];  ///< fy * k_w + fx
  std::int32_t w[MaxTaps];
};

/// Bit fy * k_w + fx set for every tap of the rows (columns) of a window starting at `origin` that
/// land inside the input: a window's taps inside the input are the AND of its row and column masks.
template <window_geometry G>
constexpr std::uint32_t row_tap_mask(int origin) {
  std::uint32_t m = 0;
  for (int fy = 0; fy < G.k_h; ++fy)
    if (origin + fy * G.dilation_h >= 0 && origin + fy * G.dilation_h < G.in_h)
      m |= ((1u << G.k_w) - 1) << (fy * G.k_w);
  return m;
}
template <window_geometry G>
constexpr std::uint32_t col_tap_mask(int origin) {
  std::uint32_t m = 0;
  for (int fx = 0; fx < G.k_w; ++fx)
    if (origin + fx * G.dilation_w >= 0 && origin + fx * G.dilation_w < G.in_w)
      for (int fy = 0; fy < G.k_h; ++fy) m |= 1u << (fy * G.k_w + fx);
  return m;
}

/// Output channel oc of a sparse depthwise convolution over all of G's pixels; its taps in
/// registers when N (their count, known at compile time; -1: only at run time) is small, so that the
/// tap loop is unrolled. Windows inside the input start from the folded bias and read x as is;
/// windows over the padding start from TFLite's bias and add (x + input_offset) * w for their taps
/// inside the input (row_tap_mask & col_tap_mask).
template <window_geometry G, requant_constants Q, int N, int MaxTaps, class Rq>
void sparse_depthwise_channel(const std::int8_t* in, const channel_taps<MaxTaps>& t, std::int32_t bias,
                              std::int32_t folded, const Rq& rq_in, std::int8_t* out) noexcept {
  static_assert(G.k_h * G.k_w <= 32, "tap masks are 32 bits");
  constexpr row_split rows = split_rows(G), cols = split_cols(G);
  // The masks of every output column, made at compile time (border pixels are near half of a
  // small layer's: KWS's 25x5).
  static constexpr auto col_masks = [] {
    std::array<std::uint32_t, static_cast<std::size_t>(G.out_w)> m{};
    for (int ox = 0; ox < G.out_w; ++ox)
      m[static_cast<std::size_t>(ox)] = col_tap_mask<G>(ox * G.stride_w - G.pad_left);
    return m;
  }();
  const Rq rq = rq_in;  // a local: the int8 stores below may alias anything a reference reaches
  constexpr int n_reg = N > 0 ? N : 1;
  int off[n_reg] = {};
  std::int32_t w[n_reg] = {};
  for (int j = 0; j < N; ++j) {
    off[j] = t.offset[j];
    w[j] = t.w[j];
  }
  const int n = t.n;
  for (int oy = 0; oy < G.out_h; ++oy) {
    const int y0 = oy * G.stride_h - G.pad_top;
    const bool row_inside = oy >= rows.top && oy < rows.bottom;
    const std::uint32_t row_mask = row_inside ? ~0u : row_tap_mask<G>(y0);
    std::int8_t* o = out + oy * G.out_w * G.out_c;
    for (int ox = 0; ox < G.out_w; ++ox, o += G.out_c) {
      const int x0 = ox * G.stride_w - G.pad_left;
      const int first = (y0 * G.in_w + x0) * G.in_c;  // may be negative (padding): an index
      std::int32_t acc;
      if (row_inside && ox >= cols.top && ox < cols.bottom) {
        acc = folded;
        if constexpr (N >= 0) {
#pragma GCC unroll 16
          for (int j = 0; j < N; ++j) acc += std::int32_t{in[first + off[j]]} * w[j];
        } else {
          for (int j = 0; j < n; ++j) acc += std::int32_t{in[first + t.offset[j]]} * t.w[j];
        }
      } else {
        acc = bias;
        const std::uint32_t valid = row_mask & col_masks[static_cast<std::size_t>(ox)];
        for (int j = 0; j < n; ++j)
          if ((valid >> t.tap[j]) & 1u)
            acc += (std::int32_t{in[first + t.offset[j]]} + Q.input_offset) * t.w[j];
      }
      *o = rq(acc);
    }
  }
}

/// Channels with up to this many non-zero taps run an unrolled tap loop; more, a loop over them.
inline constexpr int sparse_unrolled_taps = 4;

/// Calls sparse_depthwise_channel with N = t.n (unrolled up to sparse_unrolled_taps, else -1).
template <window_geometry G, requant_constants Q, int MaxTaps, class Rq, int N = 0>
void sparse_depthwise_dispatch(const std::int8_t* in, const channel_taps<MaxTaps>& t, std::int32_t bias,
                               std::int32_t folded, const Rq& rq, std::int8_t* out) noexcept {
  if constexpr (N <= sparse_unrolled_taps && N <= MaxTaps) {
    if (t.n == N) return sparse_depthwise_channel<G, Q, N>(in, t, bias, folded, rq, out);
    sparse_depthwise_dispatch<G, Q, MaxTaps, Rq, N + 1>(in, t, bias, folded, rq, out);
  } else {
    sparse_depthwise_channel<G, Q, -1>(in, t, bias, folded, rq, out);
  }
}

/// The portable requantization of one channel (Rq of the sparse depthwise kernel).
template <requant_constants Q>
struct portable_channel_requantize {
  multiplier m;
  std::int8_t operator()(std::int32_t acc) const noexcept { return requantize<Q>(acc, m); }
};

/// Sparse int8 depthwise convolution, channel by channel (each channel's taps decoded once):
/// `bias` = depthwise_folded_bias (TFLite's, then folded). `MakeRq(m)` gives the channel's
/// requantization. Bit-identical to depthwise_conv2d_s8 over the dense weights.
template <window_geometry G, requant_constants Q, std::size_t Nonzero, class MakeRq>
void sparse_depthwise_conv2d_s8(const std::int8_t* in, const sparse_taps<G.out_c, Nonzero>* w,
                                const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                MakeRq make_rq) noexcept {
  constexpr int taps = G.k_h * G.k_w;
  const std::uint8_t* tp = w->tap.data();
  const std::int8_t* vp = w->value.data();
  for (int oc = 0; oc < G.out_c; ++oc) {
    channel_taps<taps> t;
    t.n = w->count[static_cast<std::size_t>(oc)];
    const int ic = oc / G.depth_multiplier;
    for (int j = 0; j < t.n; ++j) {
      const int tap = tp[j];
      t.tap[j] = tap;
      t.offset[j] = (tap / G.k_w * G.dilation_h * G.in_w + tap % G.k_w * G.dilation_w) * G.in_c + ic;
      t.w[j] = vp[j];
    }
    tp += t.n;
    vp += t.n;
    sparse_depthwise_dispatch<G, Q, taps>(in, t, bias[oc], bias[G.out_c + oc], make_rq(mult[oc]), out + oc);
  }
}

}  // namespace ctml::kernels::reference

namespace ctml::kernels {

/// The sparse int8 convolution of geometry `G` and constants `Q` whose weights have `Groups`
/// groups of non-zero weights (count_sparse), on architecture `A`: the same members as
/// conv2d_s8_kernel (kernels/kernel.hpp), `prepare` making the sparse format from OHWI weights.
/// Layers choose it over conv2d_s8_kernel by kernels::prefers_sparse (kernels/sparse.hpp).
/// Usage: `using K = kernels::sparse_conv2d_s8_kernel<G, Q, 256>; constexpr auto w = K::prepare(ohwi);`
///        `K::run(in, w.data(), bias, mult, out, scratch);`
template <window_geometry G, requant_constants Q, std::size_t Groups, arch A = target_arch>
struct sparse_conv2d_s8_kernel : sparse_conv2d_s8_kernel<G, Q, Groups, fallback_of(A)> {};

/// The portable sparse convolution.
template <window_geometry G, requant_constants Q, std::size_t Groups>
struct sparse_conv2d_s8_kernel<G, Q, Groups, arch::generic> {
  static_assert(sparse_conv2d_fits<G>(), "sparse_conv2d_s8_kernel: receptive field over 1024 elements");
  static constexpr weight_layout layout = weight_layout::sparse_rows;
  static constexpr int pixel_block = sparse_pixels;
  static constexpr std::size_t scratch_bytes = sizeof(std::int16_t) * sparse_pixels * sparse_field<G>;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& ohwi) {
    return make_sparse_rows<static_cast<std::size_t>(G.out_c), Groups, 2 * sparse_pixels>(ohwi);
  }
  using rows = sparse_rows<static_cast<std::size_t>(G.out_c), Groups,
                           sparse_narrow(static_cast<std::size_t>(sparse_field<G>))>;
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in, const rows* weights, const std::int32_t* bias,
                                    const multiplier* mult, std::int8_t* out, std::byte* scratch) noexcept {
    reference::sparse_conv2d_s8<G, Q, Groups>(in, weights, bias, mult, out,
                                              reinterpret_cast<std::int16_t*>(scratch));
  }
};

/// The sparse int8 dense layer (`Units` outputs over `In` inputs, `Groups` groups of non-zero
/// weights) on architecture `A`: as dense_s8_kernel, with the input offset folded into the biases
/// at compile time (`prepare_bias`).
/// Usage: `using K = kernels::sparse_dense_s8_kernel<12, 64, false, Q, 40>;`
///        `K::run(in, K::prepare(w).data(), K::prepare_bias(w, bias).data(), mult, out, scratch);`
template <int Units, int In, bool PerChannel, requant_constants Q, std::size_t Groups, arch A = target_arch>
struct sparse_dense_s8_kernel : sparse_dense_s8_kernel<Units, In, PerChannel, Q, Groups, fallback_of(A)> {};

/// What every architecture's sparse dense kernel shares: the format and the folded biases.
template <int Units, int In, requant_constants Q, std::size_t Groups>
struct sparse_dense_weights {
  static constexpr weight_layout layout = weight_layout::sparse_rows;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr bool prepares_bias = true;
  using rows =
      sparse_rows<static_cast<std::size_t>(Units), Groups, sparse_narrow(static_cast<std::size_t>(In))>;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& w) {
    return make_sparse_rows<static_cast<std::size_t>(Units), Groups, 1>(w);
  }
  template <std::size_t N, std::size_t B>
  static constexpr auto prepare_bias(const std::array<std::int8_t, N>& w,
                                     const std::array<std::int32_t, B>& bias) {
    return fold_input_offset(w, bias, Q.input_offset);
  }
};

/// The portable sparse dense layer.
template <int Units, int In, bool PerChannel, requant_constants Q, std::size_t Groups>
struct sparse_dense_s8_kernel<Units, In, PerChannel, Q, Groups, arch::generic>
    : sparse_dense_weights<Units, In, Q, Groups> {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in,
                                    const typename sparse_dense_weights<Units, In, Q, Groups>::rows* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    reference::sparse_dense_s8<Units, PerChannel, Q, Groups>(in, weights, bias, mult, out);
  }
};

/// The sparse int8 depthwise convolution of geometry `G`, constants `Q`, with `Nonzero` non-zero
/// weights, on architecture `A` (as depthwise_conv2d_s8_kernel; `prepare` makes sparse_taps,
/// `prepare_bias` TFLite's biases followed by the folded ones).
/// Usage: `using K = kernels::sparse_depthwise_conv2d_s8_kernel<G, Q, 58>;`
template <window_geometry G, requant_constants Q, std::size_t Nonzero, arch A = target_arch>
struct sparse_depthwise_conv2d_s8_kernel : sparse_depthwise_conv2d_s8_kernel<G, Q, Nonzero, fallback_of(A)> {
};

/// What every architecture's sparse depthwise kernel shares: the format and the biases.
template <window_geometry G, requant_constants Q, std::size_t Nonzero>
struct sparse_depthwise_weights {
  static constexpr weight_layout layout = weight_layout::sparse_rows;
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr bool prepares_bias = true;
  using taps = sparse_taps<static_cast<std::size_t>(G.out_c), Nonzero>;
  template <std::size_t N>
  static constexpr auto prepare(const std::array<std::int8_t, N>& w) {
    return make_sparse_taps<static_cast<std::size_t>(G.out_c), Nonzero>(w);
  }
  template <std::size_t N, std::size_t B>
  static constexpr auto prepare_bias(const std::array<std::int8_t, N>& w,
                                     const std::array<std::int32_t, B>& bias) {
    return depthwise_folded_bias(w, bias, Q.input_offset);
  }
};

/// The portable sparse depthwise convolution.
template <window_geometry G, requant_constants Q, std::size_t Nonzero>
struct sparse_depthwise_conv2d_s8_kernel<G, Q, Nonzero, arch::generic>
    : sparse_depthwise_weights<G, Q, Nonzero> {
  CTML_KERNEL_ENTRY static void run(const std::int8_t* in,
                                    const typename sparse_depthwise_weights<G, Q, Nonzero>::taps* weights,
                                    const std::int32_t* bias, const multiplier* mult, std::int8_t* out,
                                    std::byte* /*scratch*/) noexcept {
    reference::sparse_depthwise_conv2d_s8<G, Q, Nonzero>(in, weights, bias, mult, out, [](multiplier m) {
      return reference::portable_channel_requantize<Q>{m};
    });
  }
};

}  // namespace ctml::kernels
