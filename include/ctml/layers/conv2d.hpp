#pragma once
// ctml::conv2d: 2-D convolution, int8 (TFLite-exact) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/conv2d.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/layers/weights.hpp>

namespace ctml {

/// Keras-like options of a convolution. Members in declaration order (designated initialisers).
struct conv2d_options {
  int filters = 1;
  hw kernel_size{1, 1};
  hw strides{1, 1};
  ctml::padding padding = ctml::padding::valid;
  hw dilation_rate{1, 1};
  ctml::activation activation = ctml::activation::none;
};

/// 2-D convolution over an [H, W, C] input, like `keras.layers.Conv2D`.
/// Layout: NHWC activations, OHWI weights. int8: per-channel (or per-tensor) symmetric weights,
/// int32 bias, asymmetric int8 input/output; requantization and rounding exactly as TFLite Micro's
/// reference kernel (enforced: weights must match the options and the input channels at compile time).
/// Usage: `ctml::conv2d<ctml::conv2d_options{.filters = 64, .kernel_size = {10, 4}, .strides = {2, 2},
///         .padding = ctml::padding::same, .activation = ctml::activation::relu}, my_data::conv0>`
template <conv2d_options O, const auto& W>
struct conv2d {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;
  static_assert(O.filters > 0 && O.kernel_size.h > 0 && O.kernel_size.w > 0 && O.strides.h > 0 &&
                    O.strides.w > 0 && O.dilation_rate.h > 0 && O.dilation_rate.w > 0,
                "ctml::conv2d: filters, kernel_size, strides and dilation_rate must be positive");
  static_assert(weights_type::out_channels == O.filters,
                "ctml::conv2d: weights have a different number of filters");
  static_assert(weights_type::kernel_h == O.kernel_size.h && weights_type::kernel_w == O.kernel_size.w,
                "ctml::conv2d: weights have a different kernel_size");

  template <TensorSpec In>
  struct bind : detail::weighted_base<In, W, static_cast<std::size_t>(O.filters), O.activation> {
    using base = detail::weighted_base<In, W, static_cast<std::size_t>(O.filters), O.activation>;
    using T = typename In::value_type;
    static_assert(In::shape::rank == 3, "ctml::conv2d: input must have rank 3 ([H, W, C]); reshape first");
    static_assert(std::is_same_v<T, value_type>,
                  "ctml::conv2d: input and weights have different element types");
    static constexpr hwc in = as_hwc<typename In::shape>();
    static_assert(
        detail::check_input_shape<conv2d, shape<in.h, in.w, weights_type::in_channels>, typename In::shape>(),
        "ctml::conv2d: input channels differ from the weights' input channels");
    static constexpr int out_h =
        detail::out_size(O.padding, in.h, O.kernel_size.h, O.strides.h, O.dilation_rate.h);
    static constexpr int out_w =
        detail::out_size(O.padding, in.w, O.kernel_size.w, O.strides.w, O.dilation_rate.w);
    static_assert(out_h > 0 && out_w > 0, "ctml::conv2d: kernel larger than the (padded) input");

    using input = In;
    using output = tensor_spec<shape<out_h, out_w, O.filters>, T, typename base::output_quant>;

    static constexpr const char* name = "conv2d";
    static constexpr std::size_t macs =
        static_cast<std::size_t>(out_h) * out_w * O.filters * O.kernel_size.h * O.kernel_size.w * in.c;
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
        O.dilation_rate.h,
        O.dilation_rate.w,
        detail::pad_before(O.padding, in.h, O.kernel_size.h, O.strides.h, O.dilation_rate.h),
        detail::pad_before(O.padding, in.w, O.kernel_size.w, O.strides.w, O.dilation_rate.w),
        1};

    /// The kernel the target selects; it owns the weight layout, its preparation and the scratch.
    using kernel = std::conditional_t<base::is_float, kernels::conv2d_f32_kernel<geometry>,
                                      kernels::conv2d_s8_kernel<geometry, base::requant>>;
    // What the kernel reads at run time, in its layout; the float scales stay at compile time.
    static constexpr auto weights = kernel::prepare(W.weights);
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
};

}  // namespace ctml
