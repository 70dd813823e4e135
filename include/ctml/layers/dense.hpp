#pragma once
// ctml::dense: fully connected layer, int8 (TFLite-exact) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/dense.hpp>
#include <ctml/kernels/sparse.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/layers/weights.hpp>

namespace ctml {

/// Keras-like options of a dense layer.
struct dense_options {
  int units = 1;
  ctml::activation activation = ctml::activation::none;
  /// int8 only: TFLite's fixed-point requantization (default) or ONNX's (quantized ONNX models).
  ctml::requantization requantization = ctml::requantization::tflite;
  /// requantization::onnx only: the weights' zero point (per tensor), for ONNX's asymmetric weights.
  int weight_zero_point = 0;
};

/// Fully connected layer over a rank-1 input, like `keras.layers.Dense` (TFLite FULLY_CONNECTED).
/// Weights [units][in_features]; int8: per-tensor or per-unit weight scales, TFLite's arithmetic.
/// int16 (TFLite's 16x8) when the weights object is declared for std::int16_t activations (as conv2d).
/// Usage: `ctml::dense<ctml::dense_options{.units = 12}, my_data::fc>` (flatten first: `ctml::flatten`)
///        (int16: `my_data::fc` a `ctml::dense_weights<std::int16_t, 12, 64>`)
template <dense_options O, const auto& W>
struct dense {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using S = typename In::shape;
    constexpr detail::listing listed = detail::first_mislisted(W);
    if constexpr (weights_type::units != O.units) {
      static_assert(detail::options_weights_mismatch<dense, O.units, weights_type::units>,
                    "ctml::dense: .units differs from the units of the weights object");
      return false;
    } else if constexpr (S::rank != 1) {
      static_assert(detail::input_rank_mismatch<dense, 1, S>,
                    "ctml::dense: input must have rank 1; insert ctml::flatten before it");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type> &&
                         (Quantized16<typename In::value_type> || Quantized16<value_type>)) {
      static_assert(
          detail::element_type_mismatch<dense, typename In::value_type, value_type>,
          "ctml::dense: int16 activations need a weights object declared for them, "
          "ctml::dense_weights<std::int16_t, ...> (TFLite's 16x8: int8 weights, int64 bias), and int8 "
          "activations one declared for std::int8_t");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type>) {
      static_assert(detail::element_type_mismatch<dense, typename In::value_type, value_type>,
                    "ctml::dense: the input's element type differs from the weights' (int8 with float?)");
      return false;
    } else if constexpr (S::dims[0] != weights_type::in_features) {
      static_assert(detail::input_shape_mismatch<dense, shape<weights_type::in_features>, S>,
                    "ctml::dense: the input's size differs from the weights' input features");
      return false;
    } else if constexpr (listed.holds != listed.listed) {
      static_assert(
          detail::initializer_length_mismatch<dense, listed.member, listed.holds, listed.listed>,
          "ctml::dense: an initializer of the weights object lists fewer or more values than it holds");
      return false;
    } else if constexpr (O.requantization == requantization::onnx &&
                         !std::is_same_v<typename In::value_type, std::int8_t>) {
      static_assert(
          detail::dependent_false<In>,
          "ctml::dense: requantization::onnx is an int8 mode; float and int16 layers have one arithmetic");
      return false;
    } else if constexpr (O.weight_zero_point != 0 &&
                         (O.requantization != requantization::onnx || O.weight_zero_point < -128 ||
                          O.weight_zero_point > 127)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::dense: a weight zero point (in [-128, 127]) needs requantization::onnx; TFLite's "
                    "weights are symmetric");
      return false;
    } else if constexpr (!detail::valid_quantization<In, W>()) {
      static_assert(detail::invalid_quantization<dense, In>,
                    "ctml::dense: int8 needs positive scales and zero points in [-128, 127]; int16 "
                    "zero points 0 and input * weight / output scales below 128");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound
      : detail::weighted_base<In, W, static_cast<std::size_t>(weights_type::scales > 1 ? O.units : 1),
                              O.activation> {
    using base =
        detail::weighted_base<In, W, static_cast<std::size_t>(weights_type::scales > 1 ? O.units : 1),
                              O.activation>;
    using T = typename In::value_type;
    static constexpr int in_features = weights_type::in_features;

    using input = In;
    using output = tensor_spec<shape<O.units>, T, typename base::output_quant>;

    static constexpr const char* name = "dense";
    static constexpr std::size_t macs = static_cast<std::size_t>(O.units) * in_features;
    /// The kernel the target selects (weights, scratch and run: kernels/kernel.hpp).
    static constexpr bool is_onnx = O.requantization == requantization::onnx;
    static constexpr bool per_unit = weights_type::scales > 1;
    /// Non-zero weights, and the groups of 4 the sparse format stores them in (kernels/sparse.hpp);
    /// layers over kernels::max_sparse_weights are not counted (reported as all non-zero).
    static constexpr kernels::sparse_count sparse_counts = [] {
      if constexpr (W.weights.size() <= kernels::max_sparse_weights)
        return kernels::count_sparse(W.weights.as_array(), static_cast<std::size_t>(in_features));
      else
        return kernels::sparse_count{W.weights.size(), 0};
    }();
    static constexpr std::size_t weight_count = W.weights.size();  ///< weight values (summary)
    static constexpr std::size_t nonzero_weights = sparse_counts.nonzero;
    /// The int8 (TFLite) layer takes the sparse kernel where kernels::prefers_sparse says it pays.
    static constexpr bool sparse_kernel =
        !base::is_float && !base::is_int16 && !is_onnx &&
        kernels::prefers_sparse<kernels::sparse_op::dense>(
            W.weights.size(), sparse_counts.nonzero, sparse_counts.groups, static_cast<std::size_t>(O.units));
    using dense_kernel = std::conditional_t<
        base::is_float, kernels::dense_f32_kernel<O.units, in_features>,
        std::conditional_t<
            base::is_int16, kernels::dense_s16_kernel<O.units, in_features, per_unit, base::requant>,
            std::conditional_t<is_onnx,
                               kernels::dense_s8_onnx_kernel<O.units, in_features, per_unit, base::requant,
                                                             -O.weight_zero_point>,
                               kernels::dense_s8_kernel<O.units, in_features, per_unit, base::requant>>>>;
    using kernel = std::conditional_t<
        sparse_kernel,
        kernels::sparse_dense_s8_kernel<O.units, in_features, per_unit, base::requant, sparse_counts.groups>,
        dense_kernel>;
    /// requantization::onnx: ONNX's float32 multipliers, per tensor or per unit.
    static constexpr auto onnx_multipliers = [] {
      if constexpr (is_onnx)
        return detail::onnx_multipliers<static_cast<std::size_t>(per_unit ? O.units : 1)>(
            In::quant.scale, W.weight_scales, W.output.scale);
      else
        return 0;
    }();
    static constexpr auto weights = kernel::prepare(W.weights.as_array());
    /// The biases the kernel reads (as imported, or with the input offset folded in: the sparse one).
    static constexpr auto run_bias = kernels::prepared_bias<kernel>(W.weights.as_array(), base::bias);
    static constexpr std::size_t weight_bytes =
        sizeof(weights) + (is_onnx ? sizeof(base::bias) + sizeof(onnx_multipliers)
                                   : base::constant_bytes - sizeof(base::bias) + sizeof(run_bias));
    /// Flash the dense kernel's weights and biases would take (the same as weight_bytes when it runs).
    static constexpr std::size_t dense_weight_bytes = [] {
      if constexpr (sparse_kernel)
        return base::template kernel_bytes<dense_kernel>();
      else
        return weight_bytes;
    }();
    /// Multiply-accumulates the chosen kernel performs: the non-zero weights' for the sparse one.
    static constexpr std::size_t macs_run = sparse_kernel ? sparse_counts.nonzero : macs;
    static constexpr std::size_t params = W.weights.size() + base::bias.size();  ///< as Keras counts them
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    static void run(const T* x, T* y, std::byte* scratch) noexcept {
      if constexpr (base::is_float)
        kernel::run(x, weights.data(), base::bias.data(), base::float_bounds.min, base::float_bounds.max, y,
                    scratch);
      else if constexpr (is_onnx)
        kernel::run(x, weights.data(), base::bias.data(), onnx_multipliers.data(), y, scratch);
      else
        kernel::run(x, weights.data(), run_bias.data(), base::multipliers.data(), y, scratch);
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
