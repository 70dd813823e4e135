#pragma once
// ctml::depthwise_conv2d: depthwise 2-D convolution with a depth multiplier, int8 (TFLite-exact) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/depthwise_conv2d.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/layers/weights.hpp>

namespace ctml {

/// Keras-like options of a depthwise convolution (declaration order matters for designated initialisers).
struct depthwise_conv2d_options {
  hw kernel_size{1, 1};
  hw strides{1, 1};
  ctml::padding padding = ctml::padding::valid;
  int depth_multiplier = 1;
  hw dilation_rate{1, 1};
  ctml::activation activation = ctml::activation::none;
};

/// Depthwise convolution, like `keras.layers.DepthwiseConv2D`: output channel c * depth_multiplier + m
/// filters input channel c. Weights [KH][KW][C * depth_multiplier]; int8 arithmetic as TFLite Micro.
/// Usage: `ctml::depthwise_conv2d<ctml::depthwise_conv2d_options{.kernel_size = {3, 3},
///         .padding = ctml::padding::same, .activation = ctml::activation::relu}, my_data::dw1>`
template <depthwise_conv2d_options O, const auto& W>
struct depthwise_conv2d {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;
  static_assert(
      O.kernel_size.h > 0 && O.kernel_size.w > 0 && O.strides.h > 0 && O.strides.w > 0 &&
          O.dilation_rate.h > 0 && O.dilation_rate.w > 0 && O.depth_multiplier > 0,
      "ctml::depthwise_conv2d: kernel_size, strides, dilation_rate and depth_multiplier must be positive");
  static_assert(weights_type::kernel_h == O.kernel_size.h && weights_type::kernel_w == O.kernel_size.w,
                "ctml::depthwise_conv2d: weights have a different kernel_size");

  template <TensorSpec In>
  struct bind
      : detail::weighted_base<In, W, static_cast<std::size_t>(weights_type::out_channels), O.activation> {
    using base =
        detail::weighted_base<In, W, static_cast<std::size_t>(weights_type::out_channels), O.activation>;
    using T = typename In::value_type;
    static_assert(In::shape::rank == 3,
                  "ctml::depthwise_conv2d: input must have rank 3 ([H, W, C]); reshape first");
    static_assert(std::is_same_v<T, value_type>,
                  "ctml::depthwise_conv2d: input and weights have different element types");
    static constexpr hwc in = as_hwc<typename In::shape>();
    static constexpr int out_c = in.c * O.depth_multiplier;
    static_assert(
        detail::check_input_shape<depthwise_conv2d,
                                  shape<in.h, in.w, weights_type::out_channels / O.depth_multiplier>,
                                  typename In::shape>(),
        "ctml::depthwise_conv2d: input channels * depth_multiplier differ from the weights' channels");
    static constexpr int out_h =
        detail::out_size(O.padding, in.h, O.kernel_size.h, O.strides.h, O.dilation_rate.h);
    static constexpr int out_w =
        detail::out_size(O.padding, in.w, O.kernel_size.w, O.strides.w, O.dilation_rate.w);
    static_assert(out_h > 0 && out_w > 0, "ctml::depthwise_conv2d: kernel larger than the (padded) input");

    using input = In;
    using output = tensor_spec<shape<out_h, out_w, out_c>, T, typename base::output_quant>;

    static constexpr const char* name = "depthwise_conv2d";
    static constexpr std::size_t macs =
        static_cast<std::size_t>(out_h) * out_w * out_c * O.kernel_size.h * O.kernel_size.w;
    static constexpr kernels::window_geometry geometry{
        in.h,
        in.w,
        in.c,
        out_h,
        out_w,
        out_c,
        O.kernel_size.h,
        O.kernel_size.w,
        O.strides.h,
        O.strides.w,
        O.dilation_rate.h,
        O.dilation_rate.w,
        detail::pad_before(O.padding, in.h, O.kernel_size.h, O.strides.h, O.dilation_rate.h),
        detail::pad_before(O.padding, in.w, O.kernel_size.w, O.strides.w, O.dilation_rate.w),
        O.depth_multiplier};

    /// The kernel the target selects (weights, scratch and run: kernels/kernel.hpp).
    using kernel = std::conditional_t<base::is_float, kernels::depthwise_conv2d_f32_kernel<geometry>,
                                      kernels::depthwise_conv2d_s8_kernel<geometry, base::requant>>;
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
