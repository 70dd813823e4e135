#pragma once
// ctml::cast: TFLite's CAST, a value conversion between element types (no quantization).

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/cast.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

namespace detail {
template <class T>
inline constexpr bool cast_element = std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> ||
                                     std::is_same_v<T, std::int32_t> || std::is_same_v<T, float>;
}  // namespace detail

/// Converts every element to `To` with `static_cast`, like `tf.cast` (TFLite's CAST): the stored
/// values, not what they stand for (quantization is ignored, as TFLite ignores it; use
/// ctml::quantize / ctml::dequantize to convert real values). Float to integer truncates toward zero
/// and must stay in range. Element types int8, int16, int32, float both ways; the output is not
/// quantized. No scratch. Usage: `ctml::cast<float>`
template <class To>
struct cast {
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    if constexpr (!detail::cast_element<typename In::value_type> || !detail::cast_element<To>) {
      static_assert(detail::element_type_mismatch<cast, typename In::value_type, To>,
                    "ctml::cast: element types must be int8, int16, int32 or float");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    using input = In;
    using output = tensor_spec<typename In::shape, To>;
    static constexpr const char* name = "cast";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = false;
    using kernel = kernels::cast_kernel<T, To, In::size>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;
    static void run(const T* x, To* y, std::byte* scratch) noexcept { kernel::run(x, y, scratch); }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
