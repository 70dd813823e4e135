#pragma once
// ctml::quantize and ctml::dequantize: TFLite's QUANTIZE and DEQUANTIZE, the float input and output
// around an int8 model (the TFLite converter's default), and int8 requantization.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/elementwise.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>

namespace ctml {

/// TFLite's QUANTIZE to int8 with quantization `Out`: from float, round(x / scale) + zero point
/// (the quotient in double, as TFLite); from int8, requantized to `Out` (TFLite's arithmetic).
/// Usage: `ctml::sequential<ctml::input<ctml::shape<490>, float>, ctml::quantize<my_data::q_in>, ...>`
template <const quantization& Out>
struct quantize {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    if constexpr (!Element<typename In::value_type>) {
      static_assert(detail::dependent_false<In>, "ctml::quantize: input must be float or int8");
      return false;
    } else if constexpr (!detail::valid_quantization(Out)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::quantize: the output needs a positive scale and a zero point in [-128, 127]");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    using input = In;
    using output = tensor_spec<typename In::shape, std::int8_t, quant_ref<Out>>;
    static constexpr const char* name = "quantize";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = std::is_same_v<T, std::int8_t>;  // element i reads element i only
    using kernel = kernels::quantize_kernel<In::size, T, std::int8_t, In::quant, Out>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, std::int8_t* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

/// TFLite's DEQUANTIZE of an int8 tensor to float: scale * (x - zero point), with the input's
/// quantization. Usage: `ctml::sequential<..., ctml::softmax<>, ctml::dequantize>`
struct dequantize {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    if constexpr (!std::is_same_v<typename In::value_type, std::int8_t>) {
      static_assert(detail::dependent_false<In>, "ctml::dequantize: input must be int8");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using input = In;
    using output = tensor_spec<typename In::shape, float>;
    static constexpr const char* name = "dequantize";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;  // 4 output bytes per input byte
    using kernel = kernels::quantize_kernel<In::size, std::int8_t, float, In::quant, quantization{}>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const std::int8_t* x, float* y, std::byte* scratch) noexcept {
      kernel::run(x, y, scratch);
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
