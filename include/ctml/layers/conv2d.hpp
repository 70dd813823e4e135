#pragma once
// ctml::conv2d: 2-D convolution, int8 (TFLite-exact) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/conv2d.hpp>
#include <ctml/kernels/sparse.hpp>
#include <ctml/layers/in_place.hpp>
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
  /// int8 only: TFLite's fixed-point requantization (default) or ONNX's (quantized ONNX models).
  ctml::requantization requantization = ctml::requantization::tflite;
  /// requantization::onnx only: the weights' zero point (per tensor), for ONNX's asymmetric weights.
  int weight_zero_point = 0;
  /// padding::valid only: explicit (possibly asymmetric) padding, e.g. a PAD folded in by ctml-import.
  pads2d pads{};
};

/// 2-D convolution over an [H, W, C] input, like `keras.layers.Conv2D`.
/// Layout: NHWC activations, OHWI weights. int8: per-channel (or per-tensor) symmetric weights,
/// int32 bias, asymmetric int8 input/output; requantization and rounding exactly as TFLite Micro's
/// reference kernel (enforced: weights must match the options and the input channels at compile time).
/// int16 (TFLite's 16x8): the weights object declared for std::int16_t activations makes the layer
/// take and give int16 (zero points 0, int8 weights, int64 bias, TFLM's 64-bit requantization); the
/// layer is written the same way.
/// Usage: `ctml::conv2d<ctml::conv2d_options{.filters = 64, .kernel_size = {10, 4}, .strides = {2, 2},
///         .padding = ctml::padding::same, .activation = ctml::activation::relu}, my_data::conv0>`
///        (int16: `my_data::conv0` a `ctml::conv2d_weights<std::int16_t, 64, 10, 4, 1>`)
template <conv2d_options O, const auto& W>
struct conv2d {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using S = typename In::shape;
    constexpr detail::listing listed = detail::first_mislisted(W);
    if constexpr (!(O.filters > 0 && O.kernel_size.h > 0 && O.kernel_size.w > 0 && O.strides.h > 0 &&
                    O.strides.w > 0 && O.dilation_rate.h > 0 && O.dilation_rate.w > 0)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::conv2d: filters, kernel_size, strides and dilation_rate must be positive");
      return false;
    } else if constexpr (weights_type::out_channels != O.filters) {
      static_assert(detail::options_weights_mismatch<conv2d, O.filters, weights_type::out_channels>,
                    "ctml::conv2d: .filters differs from the filters of the weights object");
      return false;
    } else if constexpr (weights_type::kernel_h != O.kernel_size.h ||
                         weights_type::kernel_w != O.kernel_size.w) {
      static_assert(detail::options_weights_mismatch<conv2d, O.kernel_size,
                                                     hw{weights_type::kernel_h, weights_type::kernel_w}>,
                    "ctml::conv2d: .kernel_size differs from the kernel of the weights object");
      return false;
    } else if constexpr (S::rank != 3) {
      static_assert(detail::input_rank_mismatch<conv2d, 3, S>,
                    "ctml::conv2d: input must have rank 3 [H, W, C]; a flatten or dense before it?");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type> &&
                         (Quantized16<typename In::value_type> || Quantized16<value_type>)) {
      static_assert(
          detail::element_type_mismatch<conv2d, typename In::value_type, value_type>,
          "ctml::conv2d: int16 activations need a weights object declared for them, "
          "ctml::conv2d_weights<std::int16_t, ...> (TFLite's 16x8: int8 weights, int64 bias), and int8 "
          "activations one declared for std::int8_t");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type>) {
      static_assert(detail::element_type_mismatch<conv2d, typename In::value_type, value_type>,
                    "ctml::conv2d: the input's element type differs from the weights' (int8 with float?)");
      return false;
    } else if constexpr (S::dims[2] != weights_type::in_channels) {
      static_assert(
          detail::input_shape_mismatch<conv2d, shape<S::dims[0], S::dims[1], weights_type::in_channels>, S>,
          "ctml::conv2d: the input's channels differ from the weights' input channels");
      return false;
    } else if constexpr (O.pads.top < 0 || O.pads.bottom < 0 || O.pads.left < 0 || O.pads.right < 0 ||
                         (O.padding != padding::valid &&
                          (O.pads.top | O.pads.bottom | O.pads.left | O.pads.right) != 0)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::conv2d: .pads must be >= 0, and only with padding::valid (SAME pads by itself)");
      return false;
    } else if constexpr (detail::out_size(O.padding, S::dims[0] + O.pads.top + O.pads.bottom, O.kernel_size.h,
                                          O.strides.h, O.dilation_rate.h) <= 0 ||
                         detail::out_size(O.padding, S::dims[1] + O.pads.left + O.pads.right, O.kernel_size.w,
                                          O.strides.w, O.dilation_rate.w) <= 0) {
      static_assert(detail::input_shape_mismatch<conv2d, shape<O.kernel_size.h, O.kernel_size.w>, S>,
                    "ctml::conv2d: kernel larger than the (padded) input");
      return false;
    } else if constexpr (listed.holds != listed.listed) {
      static_assert(
          detail::initializer_length_mismatch<conv2d, listed.member, listed.holds, listed.listed>,
          "ctml::conv2d: an initializer of the weights object lists fewer or more values than it holds");
      return false;
    } else if constexpr (O.requantization == requantization::onnx &&
                         !std::is_same_v<typename In::value_type, std::int8_t>) {
      static_assert(
          detail::dependent_false<In>,
          "ctml::conv2d: requantization::onnx is an int8 mode; float and int16 layers have one arithmetic");
      return false;
    } else if constexpr (O.weight_zero_point != 0 &&
                         (O.requantization != requantization::onnx || O.weight_zero_point < -128 ||
                          O.weight_zero_point > 127)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::conv2d: a weight zero point (in [-128, 127]) needs requantization::onnx; TFLite's "
                    "weights are symmetric");
      return false;
    } else if constexpr (!detail::valid_quantization<In, W>()) {
      static_assert(detail::invalid_quantization<conv2d, In>,
                    "ctml::conv2d: int8 needs positive scales and zero points in [-128, 127]; int16 "
                    "zero points 0 and input * weight / output scales below 128");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound : detail::weighted_base<In, W, static_cast<std::size_t>(O.filters), O.activation> {
    using base = detail::weighted_base<In, W, static_cast<std::size_t>(O.filters), O.activation>;
    using T = typename In::value_type;
    static constexpr hwc in = as_hwc<typename In::shape>();
    // Explicit pads (VALID only) widen the input the window slides over; the kernels skip the taps
    // outside the input, as they do for SAME's.
    static constexpr int out_h = detail::out_size(O.padding, in.h + O.pads.top + O.pads.bottom,
                                                  O.kernel_size.h, O.strides.h, O.dilation_rate.h);
    static constexpr int out_w = detail::out_size(O.padding, in.w + O.pads.left + O.pads.right,
                                                  O.kernel_size.w, O.strides.w, O.dilation_rate.w);

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
        detail::pad_before(O.padding, in.h, O.kernel_size.h, O.strides.h, O.dilation_rate.h) + O.pads.top,
        detail::pad_before(O.padding, in.w, O.kernel_size.w, O.strides.w, O.dilation_rate.w) + O.pads.left,
        1};

    /// The kernel the target selects; it owns the weight layout, its preparation and the scratch.
    static constexpr bool is_onnx = O.requantization == requantization::onnx;
    /// Non-zero weights, and the groups of 4 the sparse format stores them in (kernels/sparse.hpp);
    /// layers over kernels::max_sparse_weights are not counted (reported as all non-zero).
    static constexpr kernels::sparse_count sparse_counts = [] {
      if constexpr (W.weights.size() <= kernels::max_sparse_weights)
        return kernels::count_sparse(W.weights.as_array(),
                                     static_cast<std::size_t>(O.kernel_size.h * O.kernel_size.w * in.c));
      else
        return kernels::sparse_count{W.weights.size(), 0};
    }();
    static constexpr std::size_t weight_count = W.weights.size();  ///< weight values (summary)
    static constexpr std::size_t nonzero_weights = sparse_counts.nonzero;
    /// Which crossover of kernels::prefers_sparse applies: a pointwise or a k x k convolution.
    static constexpr kernels::sparse_op sparse_kind =
        O.kernel_size.h * O.kernel_size.w == 1 ? kernels::sparse_op::pointwise : kernels::sparse_op::conv;
    /// The int8 (TFLite) layer takes the sparse kernel where kernels::prefers_sparse says it pays: a
    /// decision of the layer's weights, the same for every band of its rows.
    static constexpr bool sparse_kernel =
        !base::is_float && !base::is_int16 && !is_onnx && kernels::sparse_conv2d_fits<geometry>() &&
        kernels::prefers_sparse<sparse_kind>(W.weights.size(), sparse_counts.nonzero, sparse_counts.groups,
                                             static_cast<std::size_t>(O.filters));
    /// The dense kernel for geometry G (the layer's, or a band of its rows: layers/in_place.hpp).
    template <kernels::window_geometry G>
    using dense_kernel_at = std::conditional_t<
        base::is_float, kernels::conv2d_f32_kernel<G>,
        std::conditional_t<
            base::is_int16, kernels::conv2d_s16_kernel<G, base::requant>,
            std::conditional_t<is_onnx,
                               kernels::conv2d_s8_onnx_kernel<G, base::requant, -O.weight_zero_point>,
                               kernels::conv2d_s8_kernel<G, base::requant>>>>;
    /// The kernel for geometry G: the sparse one or the dense one.
    template <kernels::window_geometry G>
    using kernel_at =
        std::conditional_t<sparse_kernel,
                           kernels::sparse_conv2d_s8_kernel<G, base::requant, sparse_counts.groups>,
                           dense_kernel_at<G>>;
    using kernel = kernel_at<geometry>;
    /// requantization::onnx: ONNX's float32 multipliers, one per filter.
    static constexpr auto onnx_multipliers = [] {
      if constexpr (is_onnx)
        return detail::onnx_multipliers<static_cast<std::size_t>(O.filters)>(In::quant.scale, W.weight_scales,
                                                                             W.output.scale);
      else
        return 0;
    }();
    // What the kernel reads at run time, in its layout; the float scales stay at compile time.
    static constexpr auto weights = kernel::prepare(W.weights.as_array());
    /// The biases the kernel reads (as imported, or prepared by the kernel at compile time: the same
    /// bytes of flash).
    static constexpr auto run_bias = kernels::prepared_bias<kernel>(W.weights.as_array(), base::bias);
    static constexpr std::size_t weight_bytes =
        sizeof(weights) + (is_onnx ? sizeof(base::bias) + sizeof(onnx_multipliers)
                                   : base::constant_bytes - sizeof(base::bias) + sizeof(run_bias));
    /// Flash the dense kernel's weights and biases would take (the same as weight_bytes when it runs).
    static constexpr std::size_t dense_weight_bytes = [] {
      if constexpr (sparse_kernel)
        return base::template kernel_bytes<dense_kernel_at<geometry>>();
      else
        return weight_bytes;
    }();
    /// Multiply-accumulates the chosen kernel performs: the non-zero weights' for the sparse one.
    static constexpr std::size_t macs_run =
        sparse_kernel ? sparse_counts.nonzero * static_cast<std::size_t>(out_h * out_w) : macs;
    static constexpr std::size_t params = W.weights.size() + base::bias.size();  ///< as Keras counts them
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    /// The layer on geometry G: the whole layer, or a band of its output rows (layers/in_place.hpp).
    template <kernels::window_geometry G>
    static void run_at(const T* x, T* y, std::byte* scratch) noexcept {
      using K = kernel_at<G>;
      if constexpr (base::is_float)
        K::run(x, weights.data(), base::bias.data(), base::float_bounds.min, base::float_bounds.max, y,
               scratch);
      else if constexpr (is_onnx)
        K::run(x, weights.data(), base::bias.data(), onnx_multipliers.data(), y, scratch);
      else
        K::run(x, weights.data(), run_bias.data(), base::multipliers.data(), y, scratch);
    }
    static void run(const T* x, T* y, std::byte* scratch) noexcept { run_at<geometry>(x, y, scratch); }
    /// The layer run in place over its input, a row at a time, when a RAM budget asks for it
    /// (ctml::scheduled, layers/in_place.hpp).
    using in_place_variant = detail::row_in_place<bound>;
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
