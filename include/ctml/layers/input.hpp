#pragma once
// ctml::input: the first entry of every model, naming the input's shape, type and quantization.

#include <cstdint>
#include <type_traits>

#include <ctml/layers/layer.hpp>

namespace ctml {

/// The model input, like `keras.Input`. int8 and int16 inputs name their quantization; float inputs do not.
/// Usage: `ctml::input<ctml::shape<49, 10, 1>, std::int8_t, kws_data::input>` or
///        `ctml::input<ctml::shape<8>, float>`
template <Shape S, class T, const quantization&... Q>
struct input {
  static_assert(Element<T> || std::is_same_v<T, std::int16_t>,
                "ctml::input: element type must be std::int8_t, std::int16_t or float");
  static_assert(sizeof...(Q) <= 1, "ctml::input: at most one quantization");
  static_assert(std::is_same_v<T, float> || sizeof...(Q) == 1,
                "ctml::input: an int8 or int16 input needs its quantization: ctml::input<shape, std::int8_t, "
                "my_quant>");
  struct quant_type {
    static constexpr quantization value = [] {
      if constexpr (sizeof...(Q) == 1)
        return (Q, ...);
      else
        return quantization{};
    }();
  };
  using spec = tensor_spec<S, T, quant_type>;
};

}  // namespace ctml
