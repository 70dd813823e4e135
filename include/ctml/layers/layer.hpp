#pragma once
// The layer protocol shared by every layer template, and the vocabulary their options use.
//
// A layer as the user writes it (`ctml::conv2d<options, weights>`) is *unbound*: it does not know
// its input. A model binds it to the previous layer's output: `L::template bind<In>` is the bound
// layer, with static members
//   using input = In;  using output = tensor_spec<...>;
//   static constexpr const char* name;            // "conv2d", for summaries and diagnostics
//   static constexpr std::size_t weight_bytes, macs, scratch_bytes, state_bytes;
//   static constexpr bool in_place;               // output may be written over the input's bytes
//   static void run(const in_t*, out_t*, std::byte* scratch) noexcept;            // state_bytes == 0
//   static void run(const in_t*, out_t*, std::byte* scratch, std::byte* state) noexcept;  // otherwise
//   static void reset(std::byte* state) noexcept;  // stateful layers only

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/shape.hpp>
#include <ctml/quant/quantization.hpp>

namespace ctml {

/// Height and width of a kernel, stride, pool or dilation.
struct hw {
  int h = 1;
  int w = 1;
};

/// TFLite's padding schemes: VALID uses no padding; SAME pads so that out = ceil(in / stride).
enum class padding { valid, same };

/// Explicit padding of a convolution's input on each side (with padding::valid), in pixels: the
/// padded pixels hold the input's zero point (0 for float), so they add nothing to the sum. A PAD
/// before a VALID convolution, folded in by ctml-import. Usage: `.pads = {.top = 1, .bottom = 2}`
struct pads2d {
  int top = 0, bottom = 0, left = 0, right = 0;
};

/// Quantization carried as a type: `value` is the quantization (a float cannot be a template argument
/// in every C++20 compiler, so tensors refer to it through a type).
template <const quantization& Q>
struct quant_ref {
  static constexpr quantization value = Q;
};
/// The quantization of float tensors (unused by their kernels).
struct no_quant {
  static constexpr quantization value{1.0f, 0};
};

/// Describes a tensor: its shape, element type and quantization.
/// Usage: `ctml::tensor_spec<ctml::shape<49, 10, 1>, std::int8_t, ctml::quant_ref<kws_data::input>>`
template <Shape S, class T, class Q = no_quant>
struct tensor_spec {
  using shape = S;
  using value_type = T;
  static constexpr quantization quant = Q::value;
  static constexpr std::size_t size = S::size;
  static constexpr std::size_t bytes = S::size * sizeof(T);
};

/// The quantization of tensor `Spec`, as a type (for layers that keep their input's quantization).
template <class Spec>
struct quant_ref_of {
  static constexpr quantization value = Spec::quant;
};

namespace detail {
template <class T>
struct is_tensor_spec : std::false_type {};
template <class S, class T, class Q>
struct is_tensor_spec<tensor_spec<S, T, Q>> : std::true_type {};
}  // namespace detail

/// Satisfied by `ctml::tensor_spec<...>`.
template <class T>
concept TensorSpec = detail::is_tensor_spec<T>::value;

/// Satisfied by a layer bound to its input (see the protocol at the top of this header).
template <class B>
concept BoundLayer = requires {
  requires TensorSpec<typename B::input>;
  requires TensorSpec<typename B::output>;
  { B::name } -> std::convertible_to<const char*>;
  { B::weight_bytes } -> std::convertible_to<std::size_t>;
  { B::macs } -> std::convertible_to<std::size_t>;
  { B::scratch_bytes } -> std::convertible_to<std::size_t>;
  { B::state_bytes } -> std::convertible_to<std::size_t>;
  { B::in_place } -> std::convertible_to<bool>;
};

/// Satisfied by a layer that can be bound to input `In`.
template <class L, class In>
concept LayerFor = TensorSpec<In> && BoundLayer<typename L::template bind<In>>;

/// Element types ctml's layers compute in.
template <class T>
concept Quantized8 = std::same_as<T, std::int8_t>;
template <class T>
concept Element = Quantized8<T> || std::same_as<T, float>;
/// int16 activations (TFLite's 16x8 scheme: int8 weights, int64 bias), which conv2d, depthwise_conv2d,
/// dense and conv2d_transpose take (the other layers refuse them with their element-type check).
template <class T>
concept Quantized16 = std::same_as<T, std::int16_t>;

/// The bias type that goes with an activation type: int32 for int8, int64 for int16, float for float.
template <class T>
using bias_t =
    std::conditional_t<std::is_same_v<T, float>, float,
                       std::conditional_t<std::is_same_v<T, std::int16_t>, std::int64_t, std::int32_t>>;

namespace detail {
// Output size along one axis, TFLite's ComputeOutSize.
constexpr int out_size(padding p, int in, int filter, int stride, int dilation) {
  const int eff = (filter - 1) * dilation + 1;
  return p == padding::same ? (in + stride - 1) / stride : (in + stride - eff) / stride;
}
// Leading (top/left) padding along one axis, TFLite's ComputePaddingWithOffset: the total padding
// is split with the odd pixel going to the bottom/right.
constexpr int pad_before(padding p, int in, int filter, int stride, int dilation) {
  if (p == padding::valid) return 0;
  const int eff = (filter - 1) * dilation + 1;
  const int out = out_size(p, in, filter, stride, dilation);
  const int total = (out - 1) * stride + eff - in;
  return total > 0 ? total / 2 : 0;
}

// Always false. A layer's check names one of these in its static_assert, so that the compiler
// prints the layer and what it got right by the message (GCC in the note below the error, Clang in
// the error line), e.g. `input_shape_mismatch<ctml::dense<...>, ctml::shape<64>, ctml::shape<128>>`.
template <class Layer, class Expected, class Got>
inline constexpr bool input_shape_mismatch = false;
template <class Layer, std::size_t ExpectedRank, class Got>
inline constexpr bool input_rank_mismatch = false;
template <class Layer, class Input, class Weights>
inline constexpr bool element_type_mismatch = false;
template <class Layer, auto Member, std::size_t Holds, std::size_t Listed>
inline constexpr bool initializer_length_mismatch = false;
template <class Layer, auto Option, auto Weights>
inline constexpr bool options_weights_mismatch = false;
template <class Layer, class Input>
inline constexpr bool invalid_quantization = false;

/// What a model binds in place of a layer whose checks failed. It keeps the layer protocol, so the
/// check's static_assert stays the only error: the model binds no later layer (`bind_edges`), and
/// the arena, `invoke` and budgets still compile.
template <class In>
struct failed_layer {
  using input = In;
  using output = In;
  static constexpr const char* name = "(failed check)";
  static constexpr std::size_t weight_bytes = 0, macs = 0, scratch_bytes = 0, state_bytes = 0;
  static constexpr bool in_place = false;
  template <class... Args>
  static void run(Args...) noexcept {}
};
template <class B>
inline constexpr bool is_failed_layer = false;
template <class In>
inline constexpr bool is_failed_layer<failed_layer<In>> = true;

/// A layer's `bind`: `Bound` when its checks pass, else `failed_layer` (`Bound` is only named then,
/// never instantiated, so nothing that depends on the failed check can add errors).
/// Usage: `template <TensorSpec In> using bind = detail::bind_checked<valid<In>(), bound<In>, In>;`
template <bool Valid, class Bound, class In>
using bind_checked = std::conditional_t<Valid, Bound, failed_layer<In>>;

template <class>
inline constexpr bool dependent_false = false;
}  // namespace detail

}  // namespace ctml
