#pragma once
// ctml::hard_swish: TFLite's HARD_SWISH, x * relu6(x + 3) / 6, float and int8 (TFLite's fixed-point
// "reluish" arithmetic, bit-exact, as a compile-time table of the 256 int8 inputs).

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <ctml/layers/layer.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml {

namespace detail {

/// gemmlowp's 16-bit saturating rounding doubling high multiply: (a * b * 2) >> 16, rounded to nearest.
constexpr std::int16_t srdhm16(std::int16_t a, std::int16_t b) {
  if (a == b && a == std::numeric_limits<std::int16_t>::min())
    return std::numeric_limits<std::int16_t>::max();
  const std::int32_t ab = std::int32_t{a} * std::int32_t{b};
  const std::int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<std::int16_t>((ab + nudge) / (1 << 15));  // division truncates toward zero
}
/// The same without rounding (TFLite's SaturatingDoublingHighMul): cancels the rounding bias of srdhm16.
constexpr std::int16_t sdhm16(std::int16_t a, std::int16_t b) {
  if (a == b && a == std::numeric_limits<std::int16_t>::min())
    return std::numeric_limits<std::int16_t>::max();
  return static_cast<std::int16_t>(std::int32_t{a} * std::int32_t{b} / (1 << 15));
}
constexpr std::int16_t saturating_left_shift16(std::int16_t v, int amount) {
  const std::int64_t r = std::int64_t{v} * (std::int64_t{1} << amount);
  return static_cast<std::int16_t>(r > 32767 ? 32767 : (r < -32768 ? -32768 : r));
}
/// A Q31 multiplier rounded to Q15 (TFLite's DownScaleInt32ToInt16Multiplier).
constexpr std::int16_t to_q15(std::int32_t m) {
  if (m >= std::numeric_limits<std::int32_t>::max() - (1 << 15))
    return std::numeric_limits<std::int16_t>::max();
  return static_cast<std::int16_t>((m + (1 << 15)) >> 16);
}

/// Whether TFLite takes an int8 HARD_SWISH from `in` to `out`: its output multiplier (in_scale / 128 /
/// out_scale) must not need a left shift.
consteval bool hard_swish_quantization_ok(quantization in, quantization out) {
  return in.scale > 0.0f && out.scale > 0.0f && out.zero_point >= -128 && out.zero_point <= 127 &&
         quantize_multiplier(static_cast<double>((1.0f / 128.0f) * in.scale / out.scale)).shift <= 0;
}

/// TFLite's int8 HARD_SWISH for every input byte: x - zero point on a 7-bit finer 16-bit scale, times the
/// output multiplier; the "reluish" factor relu6(x + 3) / 6 in [0, 1] as Q15 (the input rescaled so that
/// 3.0 is 2^15, saturating, then mapped from [-1, 1] to [0, 1]); their product, shifted to the output.
constexpr std::array<std::int8_t, 256> hard_swish_table(quantization in, quantization out) {
  const float hires = (1.0f / 128.0f) * in.scale;  // float steps, as TFLite's Prepare
  const multiplier om = quantize_multiplier(static_cast<double>(hires / out.scale));
  const multiplier rm = quantize_multiplier(static_cast<double>(hires / (3.0f / 32768.0f)));
  const std::int16_t om16 = to_q15(om.value), rm16 = to_q15(rm.value);
  std::array<std::int8_t, 256> t{};
  for (int byte = 0; byte < 256; ++byte) {
    const auto x = static_cast<std::int16_t>((byte < 128 ? byte : byte - 256) - in.zero_point);
    const auto hires_x = static_cast<std::int16_t>(x * (1 << 7));
    const std::int16_t preshift_out = srdhm16(hires_x, om16);
    std::int16_t reluish = hires_x;
    if (rm.shift > 0) reluish = saturating_left_shift16(reluish, rm.shift - 1);
    reluish = srdhm16(reluish, rm16);
    if (rm.shift > 0) reluish = saturating_left_shift16(reluish, 1);
    if (rm.shift < 0) reluish = static_cast<std::int16_t>(rounding_divide_by_pot(reluish, -rm.shift));
    reluish = static_cast<std::int16_t>((std::int32_t{reluish} + (1 << 15)) >> 1);
    const std::int16_t y = sdhm16(reluish, preshift_out);
    // TFLite adds the zero point in int16 (wrapping), then clamps to int8.
    const auto r = static_cast<std::int16_t>(rounding_divide_by_pot(y, -om.shift) + out.zero_point);
    t[static_cast<std::size_t>(byte)] = static_cast<std::int8_t>(r < -128 ? -128 : (r > 127 ? 127 : r));
  }
  return t;
}

template <class Layer, class In>
inline constexpr bool hard_swish_shift = false;
}  // namespace detail

/// Hard swish, x * relu6(x + 3) / 6 (`keras.layers.Activation("hard_swish")`, TFLite's HARD_SWISH,
/// bit-exact). Float: TFLite's formula. int8: TFLite's fixed-point arithmetic evaluated at compile time for
/// the 256 inputs into a table (256 bytes of flash, one load per element); `Out` is the output's
/// quantization (int8 only). Runs in place.
/// Usage: `ctml::hard_swish<my_data::hs_q>` (float: `ctml::hard_swish<>`)
template <const quantization&... Out>
struct hard_swish {
  static_assert(sizeof...(Out) <= 1, "ctml::hard_swish: at most one output quantization");

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>, "ctml::hard_swish: element type must be int8 or float");
      return false;
    } else if constexpr (std::is_same_v<T, std::int8_t> && sizeof...(Out) != 1) {
      static_assert(
          detail::dependent_false<In>,
          "ctml::hard_swish: an int8 hard_swish needs its output quantization: ctml::hard_swish<out_q>");
      return false;
    } else if constexpr (std::is_same_v<T, std::int8_t> &&
                         !(detail::hard_swish_quantization_ok(In::quant, Out) && ...)) {
      static_assert(detail::hard_swish_shift<hard_swish, In>,
                    "ctml::hard_swish: invalid quantization: scales > 0, an int8 output zero point, and "
                    "in_scale / 128 / out_scale below 1 (TFLite requires it)");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr bool is_float = std::is_same_v<T, float>;
    struct output_quant {
      static constexpr quantization value = [] {
        if constexpr (is_float)
          return quantization{};
        else
          return (Out, ...);
      }();
    };
    using input = In;
    using output = tensor_spec<typename In::shape, T, output_quant>;
    static constexpr const char* name = "hard_swish";
    static constexpr std::size_t macs = 0, scratch_bytes = 0, state_bytes = 0;
    static constexpr std::size_t weight_bytes = is_float ? 0 : 256;  // the int8 table
    static constexpr bool in_place = true;

    static void run(const T* x, T* y, std::byte* /*scratch*/) noexcept {
      if constexpr (is_float) {
        for (std::size_t i = 0; i < In::size; ++i) {
          const float v = x[i];
          // std::min(6, std::max(0, v + 3)) as TFLite writes it (NaN gives 0).
          const float r = 0.0f < v + 3.0f ? v + 3.0f : 0.0f;
          y[i] = v * (r < 6.0f ? r : 6.0f) / 6.0f;
        }
      } else {
        static constexpr std::array<std::int8_t, 256> table =
            detail::hard_swish_table(In::quant, output_quant::value);
        for (std::size_t i = 0; i < In::size; ++i) y[i] = table[static_cast<std::uint8_t>(x[i])];
      }
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
