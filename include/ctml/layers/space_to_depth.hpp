#pragma once
// ctml::space_to_depth and ctml::depth_to_space: TFLite's SPACE_TO_DEPTH and DEPTH_TO_SPACE, moving
// blocks of pixels into channels and back. Both are a fixed permutation of (H, W, C) seen as rank 4,
// so they run the transpose kernel with a compile-time geometry.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/shape.hpp>
#include <ctml/kernels/transpose.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

namespace detail {
template <class Layer, int Block, class Shape>
inline constexpr bool block_does_not_divide = false;

/// The checks of both layers: element type, an (H, W, C) input, a block that divides what it must.
template <class Layer, int B, TensorSpec In, bool ToDepth>
consteval bool valid_block_rearrange() {
  using T = typename In::value_type;
  if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                  std::is_same_v<T, std::int32_t> || std::is_same_v<T, float>)) {
    static_assert(dependent_false<In>,
                  "ctml::space_to_depth / depth_to_space: element type must be int8, int16, int32 or float");
    return false;
  } else if constexpr (In::shape::rank != 3) {
    static_assert(input_rank_mismatch<Layer, 3, typename In::shape>,
                  "ctml::space_to_depth / depth_to_space: the input must be (height, width, channels)");
    return false;
  } else if constexpr (B < 1 || (ToDepth && (In::shape::dims[0] % B != 0 || In::shape::dims[1] % B != 0)) ||
                       (!ToDepth && In::shape::dims[2] % (B * B) != 0)) {
    static_assert(block_does_not_divide<Layer, B, typename In::shape>,
                  "ctml::space_to_depth / depth_to_space: the block size must be >= 1 and divide the height "
                  "and width (space_to_depth) or its square the channels (depth_to_space)");
    return false;
  }
  return true;
}

/// The bound layer of both: output shape `Out`, the transpose geometry `G` over the input's bytes.
template <TensorSpec In, Shape Out, kernels::transpose_geometry G, const char* Name>
struct block_rearrange_bound {
  using T = typename In::value_type;
  using input = In;
  using output = tensor_spec<Out, T, quant_ref_of<In>>;
  static constexpr const char* name = Name;
  static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
  static constexpr bool in_place = false;
  using kernel = kernels::transpose_kernel<T, G>;
  static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
  static void run(const T* x, T* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
};
inline constexpr char space_to_depth_name[] = "space_to_depth";
inline constexpr char depth_to_space_name[] = "depth_to_space";
}  // namespace detail

/// Moves each `B` x `B` block of pixels into the channels, like `tf.nn.space_to_depth` (TFLite's
/// SPACE_TO_DEPTH): (H, W, C) becomes (H / B, W / B, B * B * C), channel (i * B + j) * C + c of an
/// output pixel holding pixel (i, j) of its block. Element types int8, int16, int32, float
/// (quantization kept); no scratch. Usage: `ctml::space_to_depth<2>`
template <int B>
struct space_to_depth {
  // The input as (H / B, B, W / B, B * C), read in the order (H / B, W / B, B, B * C).
  template <TensorSpec In>
  static consteval kernels::transpose_geometry geometry() {
    constexpr int h = In::shape::dims[0], w = In::shape::dims[1], c = In::shape::dims[2];
    return {{h / B, w / B, B, B * c}, {B * w * c, B * c, w * c, 1}};
  }
  template <TensorSpec In>
  struct bound : detail::block_rearrange_bound<
                     In, shape<In::shape::dims[0] / B, In::shape::dims[1] / B, B * B * In::shape::dims[2]>,
                     geometry<In>(), detail::space_to_depth_name> {};
  template <TensorSpec In>
  using bind =
      detail::bind_checked<detail::valid_block_rearrange<space_to_depth, B, In, true>(), bound<In>, In>;
};

/// Moves channels into `B` x `B` blocks of pixels, the inverse of ctml::space_to_depth, like
/// `tf.nn.depth_to_space` (TFLite's DEPTH_TO_SPACE): (H, W, C) becomes (H * B, W * B, C / (B * B)).
/// Element types int8, int16, int32, float (quantization kept); no scratch.
/// Usage: `ctml::depth_to_space<2>`
template <int B>
struct depth_to_space {
  // The input as (H, W, B, B * C'), read in the order (H, B, W, B * C').
  template <TensorSpec In>
  static consteval kernels::transpose_geometry geometry() {
    constexpr int h = In::shape::dims[0], w = In::shape::dims[1], c = In::shape::dims[2];
    return {{h, B, w, c / B}, {w * c, c / B, c, 1}};
  }
  template <TensorSpec In>
  struct bound : detail::block_rearrange_bound<
                     In, shape<In::shape::dims[0] * B, In::shape::dims[1] * B, In::shape::dims[2] / (B * B)>,
                     geometry<In>(), detail::depth_to_space_name> {};
  template <TensorSpec In>
  using bind =
      detail::bind_checked<detail::valid_block_rearrange<depth_to_space, B, In, false>(), bound<In>, In>;
};

}  // namespace ctml
