#pragma once
// ctml::conv2d_transpose: transposed 2-D convolution (TFLite's TRANSPOSE_CONV), int8, int16x8 and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/conv2d_transpose.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/layers/weights.hpp>

namespace ctml {

/// Keras-like options of a transposed convolution. `output_size` {0, 0} (the default) is Keras's:
/// input * strides with SAME padding, (input - 1) * strides + kernel_size with VALID; TFLite models
/// state theirs (what ctml-import writes).
struct conv2d_transpose_options {
  int filters = 1;
  hw kernel_size{1, 1};
  hw strides{1, 1};
  ctml::padding padding = ctml::padding::valid;
  hw output_size{0, 0};
  ctml::activation activation = ctml::activation::none;
};

namespace detail {
/// The output extent of a transposed convolution along one axis: `given`, or Keras's default.
constexpr int transpose_out_size(int given, padding p, int in, int k, int stride) {
  if (given != 0) return given;
  return p == padding::same ? in * stride : (in - 1) * stride + k;
}
}  // namespace detail

/// Transposed convolution over an [H, W, C] input, like `keras.layers.Conv2DTranspose` (TFLite's
/// TRANSPOSE_CONV): each input pixel spreads over a kernel-sized window of the output, `strides`
/// apart. Weights OHWI [filters][KH][KW][in channels] in a `ctml::conv2d_weights` object (TFLite's
/// layout); int8: per-channel or per-tensor symmetric weights, int32 bias; int16 (TFLite's 16x8) when
/// the weights object is declared for std::int16_t (int64 bias, zero points 0); float. Arithmetic
/// and rounding as TFLite Micro's reference kernel (float: the same order of additions). The output
/// size must be one the forward convolution maps back onto the input (checked at compile time).
/// Usage: `ctml::conv2d_transpose<ctml::conv2d_transpose_options{.filters = 64, .kernel_size = {3, 4},
///         .strides = {1, 2}, .padding = ctml::padding::same}, my_data::up0>`
template <conv2d_transpose_options O, const auto& W>
struct conv2d_transpose {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using S = typename In::shape;
    constexpr detail::listing listed = detail::first_mislisted(W);
    if constexpr (!(O.filters > 0 && O.kernel_size.h > 0 && O.kernel_size.w > 0 && O.strides.h > 0 &&
                    O.strides.w > 0 && O.output_size.h >= 0 && O.output_size.w >= 0)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::conv2d_transpose: filters, kernel_size and strides must be positive");
      return false;
    } else if constexpr (weights_type::out_channels != O.filters) {
      static_assert(detail::options_weights_mismatch<conv2d_transpose, O.filters, weights_type::out_channels>,
                    "ctml::conv2d_transpose: .filters differs from the filters of the weights object");
      return false;
    } else if constexpr (weights_type::kernel_h != O.kernel_size.h ||
                         weights_type::kernel_w != O.kernel_size.w) {
      static_assert(detail::options_weights_mismatch<conv2d_transpose, O.kernel_size,
                                                     hw{weights_type::kernel_h, weights_type::kernel_w}>,
                    "ctml::conv2d_transpose: .kernel_size differs from the kernel of the weights object");
      return false;
    } else if constexpr (S::rank != 3) {
      static_assert(
          detail::input_rank_mismatch<conv2d_transpose, 3, S>,
          "ctml::conv2d_transpose: input must have rank 3 [H, W, C]; a flatten or dense before it?");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type>) {
      static_assert(detail::element_type_mismatch<conv2d_transpose, typename In::value_type, value_type>,
                    "ctml::conv2d_transpose: the input's element type differs from the one the weights "
                    "object is declared for (int8, int16 or float)");
      return false;
    } else if constexpr (S::dims[2] != weights_type::in_channels) {
      static_assert(detail::input_shape_mismatch<conv2d_transpose,
                                                 shape<S::dims[0], S::dims[1], weights_type::in_channels>, S>,
                    "ctml::conv2d_transpose: the input's channels differ from the weights' input channels");
      return false;
    } else if constexpr (detail::out_size(O.padding,
                                          detail::transpose_out_size(O.output_size.h, O.padding, S::dims[0],
                                                                     O.kernel_size.h, O.strides.h),
                                          O.kernel_size.h, O.strides.h, 1) != S::dims[0] ||
                         detail::out_size(O.padding,
                                          detail::transpose_out_size(O.output_size.w, O.padding, S::dims[1],
                                                                     O.kernel_size.w, O.strides.w),
                                          O.kernel_size.w, O.strides.w, 1) != S::dims[1]) {
      static_assert(
          detail::input_shape_mismatch<conv2d_transpose, shape<O.output_size.h, O.output_size.w>, S>,
          "ctml::conv2d_transpose: .output_size is not one that a convolution with these "
          "kernel_size, strides and padding maps onto the input");
      return false;
    } else if constexpr (listed.holds != listed.listed) {
      static_assert(
          detail::initializer_length_mismatch<conv2d_transpose, listed.member, listed.holds, listed.listed>,
          "ctml::conv2d_transpose: an initializer of the weights object lists fewer or more values than it "
          "holds");
      return false;
    } else if constexpr (!detail::valid_quantization<In, W>()) {
      static_assert(detail::invalid_quantization<conv2d_transpose, In>,
                    "ctml::conv2d_transpose: int8 needs positive scales and zero points in [-128, 127]; "
                    "int16 zero points 0 and input * weight / output scales below 128");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound : detail::weighted_base<In, W, static_cast<std::size_t>(O.filters), O.activation> {
    using base = detail::weighted_base<In, W, static_cast<std::size_t>(O.filters), O.activation>;
    using T = typename In::value_type;
    static constexpr hwc in = as_hwc<typename In::shape>();
    static constexpr int out_h =
        detail::transpose_out_size(O.output_size.h, O.padding, in.h, O.kernel_size.h, O.strides.h);
    static constexpr int out_w =
        detail::transpose_out_size(O.output_size.w, O.padding, in.w, O.kernel_size.w, O.strides.w);

    using input = In;
    using output = tensor_spec<shape<out_h, out_w, O.filters>, T, typename base::output_quant>;

    static constexpr const char* name = "conv2d_transpose";
    /// Every input pixel times every tap and filter, as TFLite's scatter counts them (taps that land
    /// outside the output included).
    static constexpr std::size_t macs =
        static_cast<std::size_t>(in.h) * in.w * in.c * O.kernel_size.h * O.kernel_size.w * O.filters;
    /// The forward convolution from the output back to the input, TFLite's padding for it.
    static constexpr kernels::window_geometry geometry{
        in.h,
        in.w,
        in.c,
        out_h,
        out_w,
        O.filters,
        O.kernel_size.h,
        O.kernel_size.w,
        O.strides.h,
        O.strides.w,
        1,
        1,
        detail::pad_before(O.padding, out_h, O.kernel_size.h, O.strides.h, 1),
        detail::pad_before(O.padding, out_w, O.kernel_size.w, O.strides.w, 1),
        1};

    /// The kernel the target selects (weights, scratch and run: kernels/kernel.hpp).
    using kernel = std::conditional_t<
        base::is_float, kernels::conv2d_transpose_f32_kernel<geometry>,
        std::conditional_t<base::is_int16, kernels::conv2d_transpose_s16_kernel<geometry, base::requant>,
                           kernels::conv2d_transpose_s8_kernel<geometry, base::requant>>>;
    static constexpr auto weights = kernel::prepare(W.weights.as_array());
    static constexpr std::size_t weight_bytes = sizeof(weights) + base::constant_bytes;
    static constexpr std::size_t params = W.weights.size() + base::bias.size();  ///< as Keras counts them
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    static void run(const T* x, T* y, std::byte* scratch) noexcept {
      if constexpr (base::is_float)
        kernel::run(x, weights.data(), base::bias.data(), base::float_bounds.min, base::float_bounds.max, y,
                    scratch);
      else
        kernel::run(x, weights.data(), base::bias.data(), base::multipliers.data(), y, scratch);
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
