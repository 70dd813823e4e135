#pragma once
// Standalone activations that keep their input's quantization: relu, relu6, relu_n1_to_1.
// They run in place (the output overwrites the input).

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/elementwise.hpp>
#include <ctml/layers/layer.hpp>

namespace ctml {

/// An element-wise clamp activation, like `keras.layers.Activation("relu")`; int8 bounds are the
/// activation's range quantized with the input's scale and zero point (TFLite's rule).
/// Usage: `ctml::activation_layer<ctml::activation::relu6>` or the aliases `ctml::relu`, `ctml::relu6`.
template <activation A>
struct activation_layer {
  template <TensorSpec In>
  struct bind {
    using T = typename In::value_type;
    static_assert(Element<T>, "ctml::relu: element type must be int8 or float");
    using input = In;
    using output = tensor_spec<typename In::shape, T, quant_ref_of<In>>;
    static constexpr const char* name = A == activation::relu    ? "relu"
                                        : A == activation::relu6 ? "relu6"
                                        : A == activation::none  ? "linear"
                                                                 : "relu_n1_to_1";
    static constexpr std::size_t macs = 0, weight_bytes = 0, state_bytes = 0;
    static constexpr bool in_place = true;

    /// The kernel the target selects (scratch and run: kernels/kernel.hpp).
    using kernel = kernels::clamp_kernel<In::size, T>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    static void run(const T* x, T* y, std::byte* scratch) noexcept {
      if constexpr (std::is_same_v<T, float>) {
        constexpr float_range r = activation_range_float(A);
        kernel::run(x, r.min, r.max, y, scratch);
      } else {
        constexpr quantized_range r = activation_range<T>(A, In::quant);
        kernel::run(x, static_cast<T>(r.min), static_cast<T>(r.max), y, scratch);
      }
    }
  };
};

/// max(x, 0). Usage: `ctml::relu`
using relu = activation_layer<activation::relu>;
/// min(max(x, 0), 6). Usage: `ctml::relu6`
using relu6 = activation_layer<activation::relu6>;
/// min(max(x, -1), 1). Usage: `ctml::relu_n1_to_1`
using relu_n1_to_1 = activation_layer<activation::relu_n1_to_1>;

}  // namespace ctml
