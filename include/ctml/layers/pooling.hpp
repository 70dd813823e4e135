#pragma once
// ctml::average_pool2d and ctml::max_pool2d over [H, W, C], int8 (TFLite-exact) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/pooling.hpp>
#include <ctml/layers/in_place.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>

namespace ctml {

/// Keras-like options of a pooling layer.
struct pool2d_options {
  hw pool_size{1, 1};
  hw strides{1, 1};
  ctml::padding padding = ctml::padding::valid;
  ctml::activation activation = ctml::activation::none;
  /// average_pool2d over int8 only: TFLite's integer average (default) or ONNX's float32 arithmetic
  /// (a QDQ AveragePool / GlobalAveragePool; docs/onnx.md), whose output may take another quantization.
  ctml::requantization requantization = ctml::requantization::tflite;
};

namespace detail {
enum class pool_kind { average, max };

template <pool_kind Kind, pool2d_options O, const quantization&... Output>
struct pool2d {
  static_assert(O.pool_size.h > 0 && O.pool_size.w > 0 && O.strides.h > 0 && O.strides.w > 0,
                "ctml::average_pool2d / max_pool2d: pool_size and strides must be positive");
  static constexpr bool is_onnx = O.requantization == requantization::onnx;
  static_assert(sizeof...(Output) == 0 || (sizeof...(Output) == 1 && is_onnx),
                "ctml::average_pool2d: an output quantization needs requantization::onnx (TFLite's pooling "
                "keeps its input's)");

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using S = typename In::shape;
    if constexpr (S::rank != 3) {
      static_assert(input_rank_mismatch<pool2d, 3, S>,
                    "ctml::average_pool2d / max_pool2d: input must have rank 3 [H, W, C]; a flatten or dense "
                    "before it?");
      return false;
    } else if constexpr (!Element<typename In::value_type>) {
      static_assert(dependent_false<In>,
                    "ctml::average_pool2d / max_pool2d: element type must be int8 or float");
      return false;
    } else if constexpr (is_onnx && (Kind != pool_kind::average ||
                                     !std::is_same_v<typename In::value_type, std::int8_t>)) {
      static_assert(dependent_false<In>,
                    "ctml::average_pool2d: requantization::onnx is an int8 average pooling mode (max pooling "
                    "and float have one arithmetic)");
      return false;
    } else if constexpr (out_size(O.padding, S::dims[0], O.pool_size.h, O.strides.h, 1) <= 0 ||
                         out_size(O.padding, S::dims[1], O.pool_size.w, O.strides.w, 1) <= 0) {
      static_assert(input_shape_mismatch<pool2d, shape<O.pool_size.h, O.pool_size.w>, S>,
                    "ctml::average_pool2d / max_pool2d: pool larger than the input");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr hwc in = as_hwc<typename In::shape>();
    static constexpr int out_h = out_size(O.padding, in.h, O.pool_size.h, O.strides.h, 1);
    static constexpr int out_w = out_size(O.padding, in.w, O.pool_size.w, O.strides.w, 1);

    struct out_q {
      static constexpr quantization value = [] {
        if constexpr (sizeof...(Output) == 1)
          return (Output, ...);
        else
          return In::quant;
      }();
    };
    using input = In;
    // Pooling keeps the input's quantization (TFLite requires equal input and output scales); in ONNX's
    // arithmetic the output may have its own.
    using output = tensor_spec<shape<out_h, out_w, in.c>, T, out_q>;

    static constexpr const char* name = Kind == pool_kind::average ? "average_pool2d" : "max_pool2d";
    static constexpr std::size_t macs =
        static_cast<std::size_t>(out_h) * out_w * in.c * O.pool_size.h * O.pool_size.w;
    static constexpr std::size_t weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;
    static constexpr kernels::window_geometry geometry{
        in.h,
        in.w,
        in.c,
        out_h,
        out_w,
        in.c,
        O.pool_size.h,
        O.pool_size.w,
        O.strides.h,
        O.strides.w,
        1,
        1,
        pad_before(O.padding, in.h, O.pool_size.h, O.strides.h, 1),
        pad_before(O.padding, in.w, O.pool_size.w, O.strides.w, 1),
        1};

    static constexpr kernels::reference::onnx_pool_constants onnx_constants = [] {
      const quantized_range r = activation_range<std::int8_t>(O.activation, out_q::value);
      return kernels::reference::onnx_pool_constants{
          In::quant.scale, In::quant.zero_point, out_q::value.scale, out_q::value.zero_point, r.min, r.max};
    }();

    /// The kernel the target selects for geometry G (the layer's, or a band of its rows:
    /// layers/in_place.hpp; scratch and run: kernels/kernel.hpp).
    template <kernels::window_geometry G>
    using kernel_at = std::conditional_t<
        is_onnx, kernels::average_pool2d_onnx_kernel<G, onnx_constants>,
        std::conditional_t<Kind == pool_kind::average, kernels::average_pool2d_kernel<G, T>,
                           kernels::max_pool2d_kernel<G, T>>>;
    using kernel = kernel_at<geometry>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    /// The layer on geometry G: the whole layer, or a band of its output rows (layers/in_place.hpp).
    template <kernels::window_geometry G>
    static void run_at(const T* x, T* y, std::byte* scratch) noexcept {
      using K = kernel_at<G>;
      if constexpr (is_onnx) {
        K::run(x, y, scratch);
      } else if constexpr (std::is_same_v<T, float>) {
        constexpr float_range r = activation_range_float(O.activation);
        K::run(x, r.min, r.max, y, scratch);
      } else {
        constexpr quantized_range r = activation_range<T>(O.activation, In::quant);
        K::run(x, r.min, r.max, y, scratch);
      }
    }
    static void run(const T* x, T* y, std::byte* scratch) noexcept { run_at<geometry>(x, y, scratch); }
    /// The layer run in place over its input, a row at a time, when a RAM budget asks for it
    /// (ctml::scheduled, layers/in_place.hpp).
    using in_place_variant = detail::row_in_place<bound>;
  };
  template <TensorSpec In>
  using bind = bind_checked<valid<In>(), bound<In>, In>;
};
}  // namespace detail

/// Average pooling, like `keras.layers.AveragePooling2D` (padding taps are not counted). With
/// `.requantization = ctml::requantization::onnx` (int8), ONNX's arithmetic, optionally to another
/// output quantization: `ctml::average_pool2d<ctml::pool2d_options{..., .requantization =
/// ctml::requantization::onnx}, my_data::pool_output_q>`.
/// Usage: `ctml::average_pool2d<ctml::pool2d_options{.pool_size = {25, 5}, .strides = {25, 5}}>`
template <pool2d_options O, const quantization&... Output>
struct average_pool2d : detail::pool2d<detail::pool_kind::average, O, Output...> {};

/// Max pooling, like `keras.layers.MaxPooling2D`.
/// Usage: `ctml::max_pool2d<ctml::pool2d_options{.pool_size = {2, 2}, .strides = {2, 2}}>`
template <pool2d_options O>
struct max_pool2d : detail::pool2d<detail::pool_kind::max, O> {};

}  // namespace ctml
