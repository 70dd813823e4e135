#pragma once
// What every op's kernel type provides: the one customization point per op (docs/kernels.md).
//
// Each op has a class template, e.g. `kernels::conv2d_s8_kernel<G, Q, A = target_arch>`. Its
// primary template (in kernels/reference/<op>.hpp) takes the kernel of fallback_of(A); the
// specialization for arch::generic is the portable kernel; kernels/<arch>/<op>.hpp specialise it
// for their architecture, constrained to what they cover. A kernel type has:
// - `scratch_bytes`: arena bytes `run` needs (planned by the layer, 4-byte aligned, may be 0);
// - `run(..., std::byte* scratch)`: the computation, the same signature on every architecture;
// - weighted ops also `layout` (a weight_layout) and `prepare(weights)`: a constexpr function from
//   the weights as imported (TFLite's) to what `run` reads (any object with `data()`), evaluated
//   at compile time by the layer into flash;
// - optionally `prepares_bias = true` and `prepare_bias(weights, bias)`: a constexpr function from
//   the weights and biases as imported to the biases `run` reads (e.g. the input offset folded in,
//   arm_mve/conv2d.hpp), evaluated at compile time by the layer (`prepared_bias` below). Without it
//   `run` reads the biases as imported;
// - optionally `pixel_block`, `band_rows`: the output pixels, rows `run` computes together (below);
// - optionally `runs_in_place`: `run_in_place` computes the layer over its own input (below).
// Layers name the kernel type and ask it; they never test the target. Name a kernel type only
// after including its kernels/<op>.hpp (not kernels/reference/<op>.hpp alone), so that every
// translation unit sees the same specializations.

#include <cstddef>

namespace ctml::kernels {

/// How a kernel wants a layer's weights in flash (`prepare` makes them at compile time).
enum class weight_layout {
  as_imported,         ///< TFLite's: OHWI (conv2d), [KH][KW][OC] (depthwise), [units][in] (dense)
  hwio,                ///< conv2d: HWIO (the portable kernel for channel-blocked layers)
  ohwi_s16,            ///< conv2d: OHWI widened to int16 in SMLAD order (arm_dsp/weights.hpp), as bytes
  armv6m_interleaved,  ///< dense, conv2d, depthwise: Armv6-M's (armv6m/), with folded offsets
  pair_order,  ///< int16x8 conv2d/dense: as imported, groups of 4 stored w0 w2 w1 w3 (arm_dsp/weights.hpp)
  mve_channel_groups,  ///< depthwise: [C/4][KH][KW][4], zero-padded (arm_mve/depthwise_conv2d.hpp)
  sparse_rows,  ///< conv2d, dense: the non-zero weights of each row in groups of 4 (reference/sparse.hpp)
};

/// The most weights a kernel re-lays out at compile time (`prepare`): every prepared weight costs the
/// compiler some constexpr steps, and one evaluation must stay within GCC's and Clang's default
/// limits (-fconstexpr-ops-limit, -fconstexpr-steps). A larger layer takes a kernel that reads its
/// weights as imported (docs/importer.md, "Large models").
inline constexpr std::size_t max_prepared_weights = 131072;

/// Base of a kernel type that reads the weights as imported and needs no scratch.
/// Usage: `struct dense_s8_kernel<...> : imported_weights { static void run(...); };`
struct imported_weights {
  static constexpr weight_layout layout = weight_layout::as_imported;
  static constexpr std::size_t scratch_bytes = 0;
  template <class Weights>
  static constexpr Weights prepare(const Weights& w) {
    return w;
  }
};

/// The output pixels kernel type K computes together (`K::pixel_block`; 2 if it does not say): a layer
/// run in place in bands (layers/in_place.hpp) makes its 1x1 bands a multiple of it.
template <class K>
inline constexpr int pixel_block = [] {
  if constexpr (requires { K::pixel_block; })
    return static_cast<int>(K::pixel_block);
  else
    return 2;
}();

/// The output rows kernel type K computes together (`K::band_rows`; 1 if it does not say): a layer
/// run in place (layers/in_place.hpp) calls K on bands of that many rows, at the cost of a ring of
/// that many rows more.
template <class K>
inline constexpr int band_rows = [] {
  if constexpr (requires { K::band_rows; })
    return static_cast<int>(K::band_rows);
  else
    return 1;
}();

/// Whether kernel type K can run its layer over its own input (`K::runs_in_place`, with
/// `in_place_scratch_bytes` and `run_in_place(xy, weights, bias, mult, scratch)`): a layer run in
/// place (layers/in_place.hpp) then calls it once instead of once per band of rows.
template <class K>
inline constexpr bool runs_in_place = requires {
  requires K::runs_in_place;
};

/// Whether kernel type K reads biases made by its `prepare_bias` rather than the biases as imported.
template <class K>
inline constexpr bool prepares_bias = requires {
  requires K::prepares_bias;
};

/// The biases kernel type K reads: `K::prepare_bias(weights, bias)` if K prepares them, else `bias`.
/// Usage (in a layer): `static constexpr auto run_bias = kernels::prepared_bias<kernel>(w, bias);`
template <class K, class Weights, class Bias>
constexpr auto prepared_bias(const Weights& w, const Bias& bias) {
  if constexpr (prepares_bias<K>)
    return K::prepare_bias(w, bias);
  else
    return bias;
}

/// Base of a kernel type without weights that needs no scratch.
struct no_scratch {
  static constexpr std::size_t scratch_bytes = 0;
};

}  // namespace ctml::kernels
