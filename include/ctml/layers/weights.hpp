#pragma once
// The constexpr data objects that hold a layer's trained parameters (what ctml-import emits).
// They live in flash; the layers read them at compile time and keep only what the kernels need.

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <type_traits>

#include <ctml/quant/quantization.hpp>

namespace ctml {

/// A std::array of trained parameters that remembers how many values its initializer listed, so
/// that the layer can refuse a list one value short (a std::array would silently zero the rest).
/// `{}`, or leaving the member out, means all zeros on purpose.
/// Usage: `ctml::param_array<std::int32_t, 2> bias = {120, -7};` (what `.bias = {...}` builds)
template <class T, std::size_t N>
struct param_array : std::array<T, N> {
  std::size_t listed = N;  ///< values the initializer listed (N for `{}`)

  constexpr param_array() : std::array<T, N>{} {}
  /// Costs a constexpr loop over the values: GCC's default limits allow some 3 M values, Clang's
  /// (-fconstexpr-steps) some 300 K; the std::array constructor below has no loop (what ctml-import uses).
  constexpr param_array(std::initializer_list<T> values)  // NOLINT(google-explicit-constructor): `= {...}`
      : std::array<T, N>{}, listed{values.size()} {
    // Blocks of 4096: GCC limits the iterations of one loop (-fconstexpr-loop-limit, 262,144), not of
    // nested ones, so a large hand-written layer needs no flag there.
    const T* v = values.begin();
    T* out = this->data();  // raw pointers: no call per value (Clang counts calls as steps)
    const std::size_t n = values.size() < N ? values.size() : N;
    for (std::size_t block = 0; block < n; block += 4096)
      for (std::size_t i = block, end = n - block < 4096 ? n : block + 4096; i < end; ++i) out[i] = v[i];
  }
  /// From a std::array of exactly N values (e.g. computed by a constexpr function, or written
  /// `.weights = std::array<std::int8_t, N>{...}` as ctml-import does): all listed, copied without a
  /// constexpr loop (any N within the compilers' default limits).
  constexpr param_array(const std::array<T, N>& values)  // NOLINT(google-explicit-constructor)
      : std::array<T, N>{values} {}
  /// The values as a plain std::array (what the kernels keep; without `listed`).
  constexpr const std::array<T, N>& as_array() const noexcept { return *this; }
};

/// The array members of a weights object, to name one in a diagnostic.
enum class weights_member { weights, bias, weight_scales };

namespace detail {
/// The first array member of weights object `w` whose initializer listed fewer or more values than
/// the member holds; `holds == listed` when there is none.
struct listing {
  weights_member member;
  std::size_t holds, listed;
};
template <class W>
constexpr listing first_mislisted(const W& w) {
  if (w.weights.listed != w.weights.size())
    return {weights_member::weights, w.weights.size(), w.weights.listed};
  if (w.bias.listed != w.bias.size()) return {weights_member::bias, w.bias.size(), w.bias.listed};
  if constexpr (requires { w.weight_scales; })
    if (w.weight_scales.listed != w.weight_scales.size())
      return {weights_member::weight_scales, w.weight_scales.size(), w.weight_scales.listed};
  return {weights_member::weights, 0, 0};
}
}  // namespace detail

/// The element type of a layer's weights for activations of type `T`: int8 also under int16
/// activations (TFLite's 16x8 scheme), else `T`.
template <class T>
using weight_element_t = std::conditional_t<std::is_same_v<T, std::int16_t>, std::int8_t, T>;
/// The bias type of a quantized layer with activations of type `T`: int64 for int16 (16x8), else int32.
template <class T>
using quantized_bias_t = std::conditional_t<std::is_same_v<T, std::int16_t>, std::int64_t, std::int32_t>;

/// Convolution parameters: weights OHWI [OutC][KH][KW][InC], bias [OutC], per-channel (NScales ==
/// OutC) or per-tensor (NScales == 1) weight scales, output quantization. The float specialisation
/// holds weights and bias only. `T` is the activation type the layer computes in: std::int8_t (int8
/// weights, int32 bias), std::int16_t (TFLite's 16x8: int8 weights, int64 bias, zero points 0) or float.
/// Usage: `inline constexpr ctml::conv2d_weights<std::int8_t, 64, 10, 4, 1, 64> op0{.weights = {...}, ...};`
///        (int16 activations: `ctml::conv2d_weights<std::int16_t, 64, 10, 4, 1, 64>`, the same initializers)
template <class T, int OutC, int KH, int KW, int InC, int NScales = OutC>
struct conv2d_weights {
  using value_type = T;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, in_channels = InC, scales = NScales;
  param_array<weight_element_t<T>, static_cast<std::size_t>(OutC* KH* KW* InC)> weights;
  param_array<quantized_bias_t<T>, static_cast<std::size_t>(OutC)> bias;
  param_array<float, static_cast<std::size_t>(NScales)> weight_scales;
  quantization output;
};
template <int OutC, int KH, int KW, int InC, int NScales>
struct conv2d_weights<float, OutC, KH, KW, InC, NScales> {
  using value_type = float;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, in_channels = InC, scales = 0;
  param_array<float, static_cast<std::size_t>(OutC* KH* KW* InC)> weights;
  param_array<float, static_cast<std::size_t>(OutC)> bias;
};

/// Depthwise convolution parameters: weights [KH][KW][OutC] (TFLite's 1 x KH x KW x OutC), bias
/// [OutC], weight scales (per channel or per tensor), output quantization; `T` as for conv2d_weights.
/// Usage: `inline constexpr ctml::depthwise_conv2d_weights<std::int8_t, 3, 3, 64, 64> op1{...};`
template <class T, int KH, int KW, int OutC, int NScales = OutC>
struct depthwise_conv2d_weights {
  using value_type = T;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, scales = NScales;
  param_array<weight_element_t<T>, static_cast<std::size_t>(KH* KW* OutC)> weights;
  param_array<quantized_bias_t<T>, static_cast<std::size_t>(OutC)> bias;
  param_array<float, static_cast<std::size_t>(NScales)> weight_scales;
  quantization output;
};
template <int KH, int KW, int OutC, int NScales>
struct depthwise_conv2d_weights<float, KH, KW, OutC, NScales> {
  using value_type = float;
  static constexpr int out_channels = OutC, kernel_h = KH, kernel_w = KW, scales = 0;
  param_array<float, static_cast<std::size_t>(KH* KW* OutC)> weights;
  param_array<float, static_cast<std::size_t>(OutC)> bias;
};

/// Fully connected parameters: weights [Units][In] (TFLite's layout), bias [Units], weight scales
/// (per tensor: NScales == 1, or per unit), output quantization; `T` as for conv2d_weights.
/// Usage: `inline constexpr ctml::dense_weights<std::int8_t, 12, 64> op11{...};`
template <class T, int Units, int In, int NScales = 1>
struct dense_weights {
  using value_type = T;
  static constexpr int units = Units, in_features = In, scales = NScales;
  param_array<weight_element_t<T>, static_cast<std::size_t>(Units* In)> weights;
  param_array<quantized_bias_t<T>, static_cast<std::size_t>(Units)> bias;
  param_array<float, static_cast<std::size_t>(NScales)> weight_scales;
  quantization output;
};
template <int Units, int In, int NScales>
struct dense_weights<float, Units, In, NScales> {
  using value_type = float;
  static constexpr int units = Units, in_features = In, scales = 0;
  param_array<float, static_cast<std::size_t>(Units* In)> weights;
  param_array<float, static_cast<std::size_t>(Units)> bias;
};

/// Softmax parameters: beta and, for int8, the output quantization (TFLite requires 1/256, -128).
struct softmax_params {
  float beta = 1.0f;
  quantization output{1.0f / 256.0f, -128};
};

}  // namespace ctml
