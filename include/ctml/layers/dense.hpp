#pragma once
// ctml::dense: fully connected layer, int8 (TFLite-exact) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/dense.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/layers/weights.hpp>

namespace ctml {

/// Keras-like options of a dense layer.
struct dense_options {
  int units = 1;
  ctml::activation activation = ctml::activation::none;
};

/// Fully connected layer over a rank-1 input, like `keras.layers.Dense` (TFLite FULLY_CONNECTED).
/// Weights [units][in_features]; int8: per-tensor or per-unit weight scales, TFLite's arithmetic.
/// Usage: `ctml::dense<ctml::dense_options{.units = 12}, my_data::fc>` (flatten first: `ctml::flatten`).
template <dense_options O, const auto& W>
struct dense {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;
  static_assert(O.units > 0, "ctml::dense: units must be positive");
  static_assert(weights_type::units == O.units, "ctml::dense: weights have a different number of units");

  template <TensorSpec In>
  struct bind {
    using T = typename In::value_type;
    static_assert(In::shape::rank == 1,
                  "ctml::dense: input must have rank 1; insert ctml::flatten before it");
    static_assert(std::is_same_v<T, value_type>,
                  "ctml::dense: input and weights have different element types");
    static_assert(detail::check_input_shape<dense, shape<weights_type::in_features>, typename In::shape>(),
                  "ctml::dense: input features differ from the weights' input features");
    static constexpr int in_features = weights_type::in_features;

    struct output_quant {
      static constexpr quantization value = [] {
        if constexpr (std::is_same_v<T, float>)
          return quantization{};
        else
          return W.output;
      }();
    };
    using input = In;
    using output = tensor_spec<shape<O.units>, T, output_quant>;

    static constexpr const char* name = "dense";
    static constexpr std::size_t macs = static_cast<std::size_t>(O.units) * in_features;
    static constexpr auto weights = W.weights;
    static constexpr auto bias = W.bias;
    static constexpr auto multipliers = [] {
      if constexpr (std::is_same_v<T, float>)
        return 0;
      else
        return detail::channel_multipliers<static_cast<std::size_t>(weights_type::scales)>(
            In::quant.scale, W.weight_scales, W.output.scale);
    }();
    static constexpr std::size_t weight_bytes =
        sizeof(weights) + sizeof(bias) + (std::is_same_v<T, float> ? 0 : sizeof(multipliers));
    static constexpr std::size_t params =
        weights.size() + bias.size();  ///< trainable parameters, as Keras counts them
    static constexpr std::size_t scratch_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;

    static void run(const T* x, T* y, std::byte* /*scratch*/) noexcept {
      if constexpr (std::is_same_v<T, float>) {
        constexpr float_range r = activation_range_float(O.activation);
        kernels::dense_f32<O.units, in_features>(x, weights.data(), bias.data(), r.min, r.max, y);
      } else {
        static_assert(detail::valid_quantization(In::quant) && detail::valid_quantization(W.output),
                      "ctml::dense: int8 scales must be positive and zero points in [-128, 127]");
        constexpr kernels::requant_constants q = detail::requant_for(In::quant, W.output, O.activation);
        kernels::dense_s8<O.units, in_features, (weights_type::scales > 1), q>(x, weights.data(), bias.data(),
                                                                               multipliers.data(), y);
      }
    }
  };
};

}  // namespace ctml
