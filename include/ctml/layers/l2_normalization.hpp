#pragma once
// ctml::l2_normalization: TFLite's L2_NORMALIZATION, each vector along the last axis divided by its L2
// norm, float and int8 (output fixed at scale 1/128, zero point 0).

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/l2_normalization.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

/// The int8 output quantization of `ctml::l2_normalization`: [-1, 127/128] in steps of 1/128 (TFLite's).
inline constexpr quantization l2_normalization_output{1.0f / 128.0f, 0};

/// x / ||x|| along the last axis, like `tf.math.l2_normalize(x, axis=-1)` (TFLite's L2_NORMALIZATION,
/// bit-exact). Float: x / max(sqrt(sum x^2), 1e-6). int8: TFLite's integer arithmetic (the int32 sum of
/// squares, a fixed-point inverse square root by Newton-Raphson, one requantization per element); the
/// output quantization is TFLite's fixed one, `Out` must equal it. Runs in place.
/// Usage: `ctml::l2_normalization<>`
template <const quantization& Out = l2_normalization_output>
struct l2_normalization {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!(std::is_same_v<T, std::int8_t> || std::is_same_v<T, float>)) {
      static_assert(detail::dependent_false<In>,
                    "ctml::l2_normalization: element type must be int8 or float");
      return false;
    } else if constexpr (std::is_same_v<T, std::int8_t> &&
                         (Out.scale != l2_normalization_output.scale || Out.zero_point != 0 ||
                          In::quant.zero_point < -128 || In::quant.zero_point > 127)) {
      static_assert(detail::invalid_quantization<l2_normalization, In>,
                    "ctml::l2_normalization: int8 output must have scale 1/128 and zero point 0 (TFLite's "
                    "L2_NORMALIZATION)");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr bool is_float = std::is_same_v<T, float>;
    using input = In;
    using output = tensor_spec<typename In::shape, T, std::conditional_t<is_float, no_quant, quant_ref<Out>>>;
    static constexpr const char* name = "l2_normalization";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = true;  // each vector is read whole before it is written
    static constexpr std::size_t depth = static_cast<std::size_t>(In::shape::dims[In::shape::rank - 1]);
    using kernel = std::conditional_t<is_float, kernels::l2_normalization_f32_kernel<In::size / depth, depth>,
                                      kernels::l2_normalization_kernel<In::size / depth, depth>>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, T* y, std::byte* scratch) noexcept {
      if constexpr (is_float)
        kernel::run(x, y, scratch);
      else
        kernel::run(x, In::quant.zero_point, y, scratch);
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
