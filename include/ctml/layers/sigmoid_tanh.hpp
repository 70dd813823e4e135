#pragma once
// Element-wise sigmoid and tanh, float, int8 and int16: TFLite's LOGISTIC and TANH. Unlike relu (which
// keeps its input's quantization), their integer output quantization is fixed by the function's range,
// as TFLite requires: int8 sigmoid scale 1/256, zero point -128; int8 tanh scale 1/128, zero point 0;
// int16 both scale 2^-15, zero point 0 (and a zero input zero point).

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/math.hpp>
#include <ctml/kernels/elementwise.hpp>
#include <ctml/kernels/reference/sigmoid_tanh_s16.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/fixed_point_activation.hpp>

namespace ctml {

/// The int8 output quantization of `ctml::sigmoid`: [0, 1) in steps of 1/256 (TFLite's LOGISTIC).
inline constexpr quantization sigmoid_output{1.0f / 256.0f, -128};
/// The int8 output quantization of `ctml::tanh`: [-1, 1) in steps of 1/128 (TFLite's TANH).
inline constexpr quantization tanh_output{1.0f / 128.0f, 0};
/// The int16 output quantization of `ctml::sigmoid` and `ctml::tanh`: Q0.15 (TFLite's int16 LOGISTIC,
/// TANH). Usage: `ctml::sigmoid<ctml::sigmoid_tanh_output_s16>`.
inline constexpr quantization sigmoid_tanh_output_s16{1.0f / 32768.0f, 0};

/// Which function a `ctml::sigmoid_tanh_layer` computes.
enum class smooth_activation { sigmoid, tanh };

namespace detail {

/// TFLite's int8 LOGISTIC / TANH reference arithmetic (TFLite Micro's kernels) for every int8 input
/// of quantization `in`, indexed by the input's byte: x = q - zero point is brought to Q4.27 by the
/// multiplier scale * 2^27, put through the fixed-point logistic / tanh (Q0.31) and rounded to the
/// output step. |x| at or beyond the radius where Q4.27 would overflow (|value| >= 15) saturates.
template <smooth_activation F>
constexpr std::array<std::int8_t, 256> sigmoid_tanh_table(quantization in) {
  constexpr int integer_bits = 4;
  const multiplier m = quantize_multiplier(static_cast<double>(in.scale) * double(std::int64_t{1} << 27));
  // TFLite's CalculateInputRadius: the largest |x| whose Q4.27 value stays within +-15.
  const auto radius = static_cast<std::int32_t>(math::floor(math::ldexp(15.0 * double(1 << 27), -m.shift)));
  std::array<std::int8_t, 256> t{};
  for (int byte = 0; byte < 256; ++byte) {
    const std::int32_t x = (byte < 128 ? byte : byte - 256) - in.zero_point;
    std::int32_t y = 0;
    if (x <= -radius) {
      y = -128;
    } else if (x >= radius) {
      y = 127;
    } else {
      const std::int32_t a = multiply_by_quantized_multiplier(x, m);
      if constexpr (F == smooth_activation::sigmoid) {
        // gemmlowp's 1.0 in Q0.31 is 2^31 - 1, so for a < 0 its 1 - p is one raw unit below
        // fixed::logistic's 2^31 - p; the difference can decide a rounding tie.
        const std::int32_t p = fixed::logistic(a, integer_bits) - (a < 0 ? 1 : 0);
        y = rounding_divide_by_pot(p, 23) - 128;
      } else {
        // fixed::tanh equals gemmlowp's tanh except at |tanh| = 1 - 2^-31 (one raw unit), which
        // rounds to the same int8.
        y = rounding_divide_by_pot(fixed::tanh(a, integer_bits), 24);
      }
      y = y < -128 ? -128 : (y > 127 ? 127 : y);
    }
    t[static_cast<std::size_t>(byte)] = static_cast<std::int8_t>(y);
  }
  return t;
}

}  // namespace detail

/// Element-wise sigmoid or tanh, like `keras.layers.Activation("sigmoid")` / TFLite LOGISTIC, TANH.
/// float32: TFLite's float formulas with the C library's expf / tanhf (the same bits as TFLite Micro
/// built against the same C library; the GRU keeps its own <cmath>-free functions). int8: TFLite's
/// integer arithmetic, bit-exact, evaluated at compile time for all 256 inputs into a lookup table,
/// so `run` is one load per element and the layer costs 256 bytes of flash (`weight_bytes`). int16:
/// TFLite's int16 kernels (the input scaled to the 256-entry sigmoid table, interpolated; 512 bytes of
/// flash), input zero point 0 and scale at most 32767 / 12288. `Out` is the output quantization the
/// caller expects (e.g. from a .tflite file); anything other than TFLite's fixed one fails to compile
/// (int16: `ctml::sigmoid_tanh_output_s16`). Runs in place.
/// Usage: the aliases `ctml::sigmoid<>`, `ctml::tanh<>` (or `ctml::sigmoid<my_data::out_q>`).
template <smooth_activation F, const quantization& Out>
struct sigmoid_tanh_layer {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    constexpr bool is_sigmoid = F == smooth_activation::sigmoid;
    constexpr bool is_float = std::is_same_v<T, float>;
    constexpr bool is_s16 = std::is_same_v<T, std::int16_t>;
    if constexpr (!Element<T> && !is_s16) {
      static_assert(detail::dependent_false<In>,
                    "ctml::sigmoid, ctml::tanh: element type must be int8, int16 or float");
      return false;
    } else if constexpr (is_s16 && (Out.scale != sigmoid_tanh_output_s16.scale || Out.zero_point != 0)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::sigmoid, ctml::tanh: int16 output must have scale 2^-15 and zero point 0 "
                    "(ctml::sigmoid_tanh_output_s16, TFLite's int16 LOGISTIC / TANH)");
      return false;
    } else if constexpr (is_s16 && In::quant.zero_point != 0) {
      static_assert(detail::dependent_false<In>,
                    "ctml::sigmoid, ctml::tanh: int16 input zero point must be 0");
      return false;
    } else if constexpr (is_s16 &&
                         !(In::quant.scale > 0.0f && double(In::quant.scale) * 12288.0 <= 32767.0)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::sigmoid, ctml::tanh: int16 input scale must be in (0, 32767 / 12288] (TFLite's)");
      return false;
    } else if constexpr (is_s16) {
      return true;
    } else if constexpr (is_sigmoid && !is_float &&
                         (Out.scale != sigmoid_output.scale || Out.zero_point != sigmoid_output.zero_point)) {
      static_assert(
          detail::dependent_false<In>,
          "ctml::sigmoid: int8 output must have scale 1/256 and zero point -128 (TFLite's LOGISTIC)");
      return false;
    } else if constexpr (!is_sigmoid && !is_float &&
                         (Out.scale != tanh_output.scale || Out.zero_point != tanh_output.zero_point)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::tanh: int8 output must have scale 1/128 and zero point 0 (TFLite's TANH)");
      return false;
    } else if constexpr (!is_float && !(In::quant.scale > 0.0f && In::quant.scale < 8.0f)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::sigmoid, ctml::tanh: int8 input scale must be in (0, 8)");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr bool is_sigmoid = F == smooth_activation::sigmoid;
    static constexpr bool is_float = std::is_same_v<T, float>;

    using input = In;
    using output = tensor_spec<typename In::shape, T, std::conditional_t<is_float, no_quant, quant_ref<Out>>>;
    static constexpr const char* name = is_sigmoid ? "sigmoid" : "tanh";
    static constexpr std::size_t macs = 0, scratch_bytes = 0, state_bytes = 0;
    static constexpr bool is_s16 = std::is_same_v<T, std::int16_t>;
    // the int8 lookup table; int16: the shared sigmoid table
    static constexpr std::size_t weight_bytes = is_float ? 0 : (is_s16 ? 512 : 256);
    static constexpr bool in_place = true;

    static void run(const T* x, T* y, std::byte* /*scratch*/) noexcept {
      if constexpr (is_float) {
        namespace k = kernels::reference;
        for (std::size_t i = 0; i < In::size; ++i)
          y[i] = is_sigmoid ? k::logistic_f32(x[i]) : k::tanh_f32(x[i]);
      } else if constexpr (is_s16) {
        namespace k = kernels::reference;
        static constexpr k::s16_activation_input in =
            k::s16_activation_scaling(static_cast<double>(In::quant.scale), !is_sigmoid);
        for (std::size_t i = 0; i < In::size; ++i)
          y[i] = is_sigmoid ? k::logistic_s16(x[i], in) : k::tanh_s16(x[i], in);
      } else {
        static constexpr std::array<std::int8_t, 256> table = detail::sigmoid_tanh_table<F>(In::quant);
        for (std::size_t i = 0; i < In::size; ++i) y[i] = table[static_cast<std::uint8_t>(x[i])];
      }
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

/// 1 / (1 + e^-x), element-wise. Usage: `ctml::sigmoid<>`
template <const quantization& Out = sigmoid_output>
using sigmoid = sigmoid_tanh_layer<smooth_activation::sigmoid, Out>;
/// tanh(x), element-wise. Usage: `ctml::tanh<>`
template <const quantization& Out = tanh_output>
using tanh = sigmoid_tanh_layer<smooth_activation::tanh, Out>;

}  // namespace ctml
