#pragma once
// ctml::softmax over the last axis, int8 and int16 (TFLite-exact fixed point) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/softmax.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/weights.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml {

inline constexpr softmax_params default_softmax{};

/// Softmax over the last axis, like `keras.layers.Softmax`. int8: output scale 1/256 and zero point
/// -128 (enforced at compile time, as TFLite Micro requires), the exp and reciprocal in TFLite's
/// fixed-point arithmetic, bit-exact. `Out` = std::int16_t: int8 input, int16 output of scale 1/65536
/// and zero point -32768 (TFLite's int8 -> int16 SOFTMAX, e.g. keyword_scrambled's). int16 input (TFLite's
/// 16x8 SOFTMAX): zero points 0, output scale 1/32768, TFLite's two interpolated int16 tables.
/// Usage: `ctml::softmax<>` (beta 1), or `ctml::softmax<my_data::sm>` with a `ctml::softmax_params`,
///        `ctml::softmax<my_data::sm, std::int16_t>`.
template <const softmax_params& P = default_softmax, class Out = void>
struct softmax {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!Element<T> && !std::is_same_v<T, std::int16_t>) {
      static_assert(detail::dependent_false<In>, "ctml::softmax: element type must be int8, int16 or float");
      return false;
    } else if constexpr (std::is_same_v<T, std::int16_t>) {
      // TFLite's 16x8 SOFTMAX: zero points 0, output Q0.15 (TFLite Micro's tolerance on the scale).
      if constexpr (!(std::is_void_v<Out> || std::is_same_v<Out, std::int16_t>) ||
                    In::quant.zero_point != 0 || !(In::quant.scale > 0.0f) || P.output.zero_point != 0 ||
                    !(P.output.scale - 1.0f / 32768.0f <= 0.001f / 32768.0f &&
                      1.0f / 32768.0f - P.output.scale <= 0.001f / 32768.0f)) {
        static_assert(
            detail::dependent_false<In>,
            "ctml::softmax: int16 softmax needs an int16 output, zero points 0 and output scale 1/32768 "
            "(TFLite Micro's requirement)");
        return false;
      }
    } else if constexpr (!std::is_void_v<Out> &&
                         !(std::is_same_v<Out, std::int16_t> && std::is_same_v<T, std::int8_t>)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::softmax: the output type may only be std::int16_t, from an int8 input (TFLite's "
                    "int8 -> int16 SOFTMAX)");
      return false;
    } else if constexpr (std::is_same_v<Out, std::int16_t> &&
                         (P.output.zero_point != -32768 ||
                          !(P.output.scale - 1.0f / 65536.0f <= 0.001f / 65536.0f &&
                            1.0f / 65536.0f - P.output.scale <= 0.001f / 65536.0f))) {
      static_assert(detail::dependent_false<In>,
                    "ctml::softmax: int16 output must have scale 1/65536 and zero point -32768 (TFLite "
                    "Micro's requirement)");
      return false;
    } else if constexpr (std::is_void_v<Out> && !std::is_same_v<T, float> &&
                         (P.output.scale != 1.0f / 256.0f || P.output.zero_point != -128)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::softmax: int8 output must have scale 1/256 and zero point -128 (TFLite Micro's "
                    "requirement)");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    using To = std::conditional_t<std::is_void_v<Out>, T, Out>;
    static constexpr int depth = In::shape::dims[In::shape::rank - 1];
    static constexpr int rows = static_cast<int>(In::shape::size) / depth;

    struct output_quant {
      static constexpr quantization value = std::is_same_v<T, float> ? quantization{} : P.output;
    };
    using input = In;
    using output = tensor_spec<typename In::shape, To, output_quant>;

    static constexpr const char* name = "softmax";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;

    // TFLite's PreprocessSoftmaxScaling with 5 integer bits, and the input radius below which exp is 0.
    static constexpr kernels::softmax_constants constants = [] {
      constexpr int integer_bits = 5;
      double real = static_cast<double>(P.beta) * static_cast<double>(In::quant.scale) *
                    static_cast<double>(std::int64_t{1} << (31 - integer_bits));
      if (real > 2147483647.0) real = 2147483647.0;
      const multiplier m = quantize_multiplier(real);
      const double max_input_rescaled = 1.0 * ((1 << integer_bits) - 1) *
                                        static_cast<double>(std::int64_t{1} << (31 - integer_bits)) /
                                        static_cast<double>(std::int64_t{1} << m.shift);
      return kernels::softmax_constants{m.value, m.shift,
                                        -static_cast<std::int32_t>(math::floor(max_input_rescaled))};
    }();

    /// The kernel the target selects (scratch and run: kernels/kernel.hpp).
    /// int16: TFLite's multiplier of the input difference, scaled so that [-65535, 0] covers [-10, 0].
    static constexpr multiplier s16_multiplier = quantize_multiplier(
        static_cast<double>(In::quant.scale) * static_cast<double>(P.beta) / (10.0 / 65535.0));
    using kernel = std::conditional_t<
        std::is_same_v<T, std::int16_t>, kernels::softmax_s16_kernel<rows, depth>,
        std::conditional_t<std::is_same_v<T, float>, kernels::softmax_f32_kernel<rows, depth>,
                           std::conditional_t<std::is_same_v<To, std::int16_t>,
                                              kernels::softmax_s8_s16_kernel<rows, depth, constants>,
                                              kernels::softmax_s8_kernel<rows, depth, constants>>>>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    static void run(const T* x, To* y, std::byte* scratch) noexcept {
      if constexpr (std::is_same_v<T, float>) {
        kernel::run(x, P.beta, y, scratch);
      } else if constexpr (std::is_same_v<T, std::int16_t>) {
        kernel::run(x, s16_multiplier, y, scratch);
      } else {
        static_assert(constants.input_left_shift >= 0,
                      "ctml::softmax: beta * input scale too small for int8 softmax");
        kernel::run(x, y, scratch);
      }
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
