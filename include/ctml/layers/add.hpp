#pragma once
// ctml::add: element-wise sum of two tensors of the same shape (residual connections), int8 with
// TFLite's quantized ADD arithmetic (bit-exact) and float.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/elementwise.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml {

/// Options of an add: the fused activation.
struct add_options {
  ctml::activation activation = ctml::activation::none;
};

/// Element-wise a + b, like `keras.layers.Add`, for graphs: `ctml::node<"sum", ctml::add<opts, out_q>, "a",
/// "b">`. int8: each input is rescaled to twice the larger input scale with a 20-bit left shift, summed, and
/// rescaled to the output scale, exactly as TFLite's ADD. Runs in place over its first input when the graph
/// no longer needs it. Usage: `ctml::add<ctml::add_options{.activation = ctml::activation::relu},
/// my_data::sum_output_q>`
template <add_options O = add_options{}, const quantization&... Output>
struct add {
  static_assert(sizeof...(Output) <= 1, "ctml::add: at most one output quantization");
  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec A, TensorSpec B>
  static consteval bool valid() {
    if constexpr (!std::is_same_v<typename A::value_type, typename B::value_type>) {
      static_assert(detail::element_type_mismatch<add, typename A::value_type, typename B::value_type>,
                    "ctml::add: both inputs must have the same element type");
      return false;
    } else if constexpr (!std::is_same_v<typename A::shape, typename B::shape>) {
      static_assert(detail::input_shape_mismatch<add, typename A::shape, typename B::shape>,
                    "ctml::add: both inputs must have the same shape (no broadcasting)");
      return false;
    } else if constexpr (!std::is_same_v<typename A::value_type, float> && sizeof...(Output) != 1) {
      static_assert(detail::dependent_false<A>,
                    "ctml::add: an int8 add needs its output quantization: ctml::add<options, my_output_q>");
      return false;
    }
    return true;
  }

  template <TensorSpec A, TensorSpec B>
  struct bound {
    using T = typename A::value_type;
    static constexpr quantization out_q = [] {
      if constexpr (sizeof...(Output) == 1)
        return (Output, ...);
      else
        return quantization{};
    }();
    struct output_quant {
      static constexpr quantization value = out_q;
    };
    using input = A;
    using input2 = B;
    using output = tensor_spec<typename A::shape, T, output_quant>;
    static constexpr const char* name = "add";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = true;  // element i depends only on element i of each input

    static constexpr kernels::add_constants constants = [] {
      if constexpr (std::is_same_v<T, float>) {
        return kernels::add_constants{};
      } else {
        constexpr int left_shift = 20;
        const double twice_max =
            2.0 * static_cast<double>(A::quant.scale > B::quant.scale ? A::quant.scale : B::quant.scale);
        const quantized_range r = activation_range<std::int8_t>(O.activation, out_q);
        return kernels::add_constants{-A::quant.zero_point,
                                      -B::quant.zero_point,
                                      out_q.zero_point,
                                      left_shift,
                                      quantize_multiplier(static_cast<double>(A::quant.scale) / twice_max),
                                      quantize_multiplier(static_cast<double>(B::quant.scale) / twice_max),
                                      quantize_multiplier(twice_max / (static_cast<double>(1 << left_shift) *
                                                                       static_cast<double>(out_q.scale))),
                                      r.min,
                                      r.max};
      }
    }();

    /// The kernel the target selects (scratch and run: kernels/kernel.hpp).
    using kernel = std::conditional_t<std::is_same_v<T, float>, kernels::add_f32_kernel<A::size>,
                                      kernels::add_s8_kernel<A::size, constants>>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    static void run(const T* a, const T* b, T* y, std::byte* scratch) noexcept {
      if constexpr (std::is_same_v<T, float>) {
        constexpr float_range r = activation_range_float(O.activation);
        kernel::run(a, b, r.min, r.max, y, scratch);
      } else {
        kernel::run(a, b, y, scratch);
      }
    }
  };
  template <TensorSpec A, TensorSpec B>
  using bind = detail::bind_checked<valid<A, B>(), bound<A, B>, A>;
};

}  // namespace ctml
