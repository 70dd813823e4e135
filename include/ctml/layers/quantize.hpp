#pragma once
// ctml::quantize and ctml::dequantize: TFLite's QUANTIZE and DEQUANTIZE, the float input and output
// around an int8 model (the TFLite converter's default), and requantization between int8, int16
// and int32.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <ctml/kernels/elementwise.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>

namespace ctml {

namespace detail {
template <class T>
inline constexpr bool quantized_int =
    std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::int32_t>;
}  // namespace detail

/// TFLite's QUANTIZE to `To` (int8 by default; int16, int32) with quantization `Out`. From float (to
/// int8 or int16): round(x / scale) + zero point (the quotient in float, as TFLite Micro). From an integer
/// type, TFLite's requantization: (x - in zero point) * M + out zero point, M = in scale / out scale as a Q31
/// multiplier, clamped to `To`; the pairs TFLite Micro takes: int8 -> int8 / int16 / int32, int16 -> int8 /
/// int16 / int32, int32 -> int8 / int16. `R` = requantization::onnx: ONNX's QuantizeLinear instead, float
/// -> int8 rounded half to even (quantized ONNX models). Usage:
/// `ctml::sequential<ctml::input<ctml::shape<490>, float>, ctml::quantize<my_data::q_in>, ...>`,
///        `ctml::quantize<my_data::q16, std::int16_t>` (int32 or int8 -> int16).
template <const quantization& Out, class To = std::int8_t, requantization R = requantization::tflite>
struct quantize {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!std::is_same_v<T, float> && !detail::quantized_int<T>) {
      static_assert(detail::dependent_false<In>, "ctml::quantize: input must be float, int8, int16 or int32");
      return false;
    } else if constexpr (!detail::quantized_int<To>) {
      static_assert(detail::dependent_false<In>, "ctml::quantize: output type must be int8, int16 or int32");
      return false;
    } else if constexpr (std::is_same_v<T, float> && std::is_same_v<To, std::int32_t>) {
      static_assert(detail::dependent_false<In>,
                    "ctml::quantize: from float, to int8 or int16 (TFLite Micro has no float -> int32)");
      return false;
    } else if constexpr (std::is_same_v<T, std::int32_t> && std::is_same_v<To, std::int32_t>) {
      static_assert(detail::dependent_false<In>,
                    "ctml::quantize: int32 -> int32 is not a QUANTIZE TFLite Micro takes");
      return false;
    } else if constexpr (R == requantization::onnx &&
                         !(std::is_same_v<T, float> && std::is_same_v<To, std::int8_t>)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::quantize: requantization::onnx quantizes float to int8");
      return false;
    } else if constexpr (!(Out.scale > 0.0f) || Out.zero_point < std::numeric_limits<To>::min() ||
                         Out.zero_point > std::numeric_limits<To>::max()) {
      static_assert(detail::dependent_false<In>,
                    "ctml::quantize: the output needs a positive scale and a zero point of the output type");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    using input = In;
    using output = tensor_spec<typename In::shape, To, quant_ref<Out>>;
    static constexpr const char* name = "quantize";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    // Element i reads element i only: in place when the element sizes match.
    static constexpr bool in_place = !std::is_same_v<T, float> && sizeof(T) == sizeof(To);
    using kernel = std::conditional_t<R == requantization::onnx, kernels::quantize_onnx_kernel<In::size, Out>,
                                      kernels::quantize_kernel<In::size, T, To, In::quant, Out>>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, To* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

/// TFLite's DEQUANTIZE of an int8 or int16 tensor to float: scale * (x - zero point), with the
/// input's quantization. Usage: `ctml::sequential<..., ctml::softmax<>, ctml::dequantize>`
struct dequantize {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!std::is_same_v<T, std::int8_t> && !std::is_same_v<T, std::int16_t>) {
      static_assert(detail::dependent_false<In>, "ctml::dequantize: input must be int8 or int16");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    using input = In;
    using output = tensor_spec<typename In::shape, float>;
    static constexpr const char* name = "dequantize";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;  // 4 output bytes per input byte
    using kernel = kernels::quantize_kernel<In::size, T, float, In::quant, quantization{}>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, float* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
