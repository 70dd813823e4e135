#pragma once
// The machinery shared by the two-input element-wise layers ctml::add, ctml::sub, ctml::mul, ctml::div,
// ctml::minimum and ctml::maximum: TFLite's broadcasting, the int8 / int16 / float checks and constants,
// and a constant second operand (ctml::constant_operand) folded in as a weight.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <ctml/kernels/binary.hpp>
#include <ctml/kernels/elementwise.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml {

/// A constant second operand of ctml::add, sub, mul, div, minimum or maximum, kept in flash (TFLite models
/// often add a constant bias or multiply by a constant scale): its values (row-major, shape `S`,
/// broadcast against the input), its quantization and the op's output quantization (int8 and int16;
/// both unused for float). Usage:
///   inline constexpr ctml::constant_operand<std::int8_t, ctml::shape<8>> scale{
///       .values = {...}, .quant = {0.01f, 0}, .output = {0.05f, -3}};
///   ctml::node<"y", ctml::mul<ctml::mul_options{}, scale>, "x">
template <class T, Shape S>
struct constant_operand {
  using value_type = T;
  using shape = S;
  std::array<T, S::size> values{};
  quantization quant{};
  quantization output{};
};

namespace detail {
template <class T>
inline constexpr bool is_constant_operand = false;
template <class T, class S>
inline constexpr bool is_constant_operand<constant_operand<T, S>> = true;

template <class Layer, class A, class B>
inline constexpr bool shapes_do_not_broadcast = false;
template <class Layer, class T>
inline constexpr bool float_only = false;
template <class Layer, class A>
inline constexpr bool quantization_differs = false;

constexpr bool same_quantization(quantization a, quantization b) {
  return a.scale == b.scale && a.zero_point == b.zero_point;
}
constexpr bool is_min_max(kernels::binary_op op) {
  return op == kernels::binary_op::minimum || op == kernels::binary_op::maximum;
}

/// Element types of the two-input element-wise layers.
template <class T>
concept BinaryElement =
    std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t> || std::is_same_v<T, float>;

/// Whether shapes A and B broadcast (numpy/TFLite: aligned at the last axis, each pair of dims equal
/// or one of them 1) to a shape of rank <= 4.
template <class A, class B>
consteval bool broadcastable() {
  if (A::rank > 4 || B::rank > 4) return false;
  const std::size_t r = A::rank > B::rank ? A::rank : B::rank;
  for (std::size_t i = 0; i < r; ++i) {
    const int a = i < A::rank ? A::dims[A::rank - 1 - i] : 1;
    const int b = i < B::rank ? B::dims[B::rank - 1 - i] : 1;
    if (a != b && a != 1 && b != 1) return false;
  }
  return true;
}
template <class A, class B>
consteval auto broadcast_dims() {
  constexpr std::size_t r = A::rank > B::rank ? A::rank : B::rank;
  std::array<int, r> d{};
  for (std::size_t i = 0; i < r; ++i) {
    const int a = i < A::rank ? A::dims[A::rank - 1 - i] : 1;
    const int b = i < B::rank ? B::dims[B::rank - 1 - i] : 1;
    d[r - 1 - i] = a > b ? a : b;
  }
  return d;
}
/// Strides (in elements) of an operand of shape `S` read at output position (i0..i3) of the rank-4
/// padded output `dims`: 0 along the axes it broadcasts.
template <class S>
constexpr void operand_strides(const int* dims, int* strides) {
  int stride = 1;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t axis = 3 - i;  // output axis, from the innermost
    const int d = i < S::rank ? S::dims[S::rank - 1 - i] : 1;
    strides[axis] = (d == 1 && dims[axis] != 1) || i >= S::rank ? 0 : stride;
    stride *= d;
  }
}
template <class A, class B>
consteval kernels::broadcast_geometry broadcast_geometry_of() {
  kernels::broadcast_geometry g{};
  constexpr auto d = broadcast_dims<A, B>();
  for (std::size_t i = 0; i < d.size(); ++i) g.dims[4 - d.size() + i] = d[i];
  operand_strides<A>(g.dims, g.a_stride);
  operand_strides<B>(g.dims, g.b_stride);
  g.same = std::is_same_v<A, B>;
  return g;
}

/// The quantized constants of ADD / SUB / MUL, as TFLite Micro prepares them (add_common.cc,
/// sub_common.cc, mul_common.cc): ADD in double, SUB with its float intermediate steps, MUL with one
/// multiplier s1 * s2 / s_out.
template <kernels::binary_op Op, class T>
consteval kernels::add_constants binary_constants(quantization a, quantization b, quantization out,
                                                  activation act) {
  const quantized_range r = activation_range<T>(act, out);
  const int left_shift = std::is_same_v<T, std::int16_t> ? 15 : 20;
  if constexpr (Op == kernels::binary_op::prelu) {
    // TFLite's CalculatePreluParams: both multipliers from doubles.
    return kernels::add_constants{
        -a.zero_point,
        -b.zero_point,
        out.zero_point,
        0,
        quantize_multiplier(static_cast<double>(a.scale) / static_cast<double>(out.scale)),
        {},
        quantize_multiplier(static_cast<double>(a.scale) * static_cast<double>(b.scale) /
                            static_cast<double>(out.scale)),
        r.min,
        r.max};
  } else if constexpr (Op == kernels::binary_op::mul) {
    return kernels::add_constants{
        -a.zero_point,
        -b.zero_point,
        out.zero_point,
        0,
        {},
        {},
        quantize_multiplier(static_cast<double>(a.scale) * static_cast<double>(b.scale) /
                            static_cast<double>(out.scale)),
        r.min,
        r.max};
  } else if constexpr (Op == kernels::binary_op::sub) {
    const float twice_max = 2 * (a.scale > b.scale ? a.scale : b.scale);
    return kernels::add_constants{-a.zero_point,
                                  -b.zero_point,
                                  out.zero_point,
                                  left_shift,
                                  quantize_multiplier(static_cast<double>(a.scale / twice_max)),
                                  quantize_multiplier(static_cast<double>(b.scale / twice_max)),
                                  quantize_multiplier(static_cast<double>(
                                      twice_max / (static_cast<float>(1 << left_shift) * out.scale))),
                                  r.min,
                                  r.max};
  } else {
    const double twice_max = 2.0 * static_cast<double>(a.scale > b.scale ? a.scale : b.scale);
    return kernels::add_constants{-a.zero_point,
                                  -b.zero_point,
                                  out.zero_point,
                                  left_shift,
                                  quantize_multiplier(static_cast<double>(a.scale) / twice_max),
                                  quantize_multiplier(static_cast<double>(b.scale) / twice_max),
                                  quantize_multiplier(twice_max / (static_cast<double>(1 << left_shift) *
                                                                   static_cast<double>(out.scale))),
                                  r.min,
                                  r.max};
  }
}

template <class T>
constexpr bool valid_binary_quantization(quantization q) {
  if constexpr (std::is_same_v<T, std::int16_t>)
    return q.scale > 0.0f && q.zero_point == 0;  // TFLite's 16x8 scheme: symmetric int16
  else
    return q.scale > 0.0f && q.zero_point >= -128 && q.zero_point <= 127;
}

/// The arithmetic of a two-input layer: its `requantization_mode` (ctml::add and ctml::mul take one in their
/// options), else TFLite's.
template <class Layer>
consteval requantization requantization_of() {
  if constexpr (requires { Layer::requantization_mode; })
    return Layer::requantization_mode;
  else
    return requantization::tflite;
}

/// ctml::add, sub, mul, div, minimum and maximum: `Layer` is the public layer (for diagnostics), `Params`
/// empty (float; minimum / maximum of any type), one ctml::quantization (the output's), or one
/// ctml::constant_operand (the second operand).
template <class Layer, kernels::binary_op Op, activation Act, const auto&... Params>
struct binary_layer {
  static_assert(sizeof...(Params) <= 1,
                "ctml::add/sub/mul: at most one parameter (the output quantization or a constant_operand)");
  static constexpr bool has_constant = (is_constant_operand<std::remove_cvref_t<decltype(Params)>> || ...);
  static constexpr bool has_quantization =
      (std::is_same_v<std::remove_cvref_t<decltype(Params)>, quantization> || ...);
  static constexpr const char* op_name = Op == kernels::binary_op::add       ? "add"
                                         : Op == kernels::binary_op::sub     ? "sub"
                                         : Op == kernels::binary_op::mul     ? "mul"
                                         : Op == kernels::binary_op::div     ? "div"
                                         : Op == kernels::binary_op::minimum ? "minimum"
                                         : Op == kernels::binary_op::maximum ? "maximum"
                                                                             : "prelu";

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec A, TensorSpec B>
  static consteval bool valid() {
    using T = typename A::value_type;
    if constexpr (!std::is_same_v<T, typename B::value_type>) {
      static_assert(detail::element_type_mismatch<Layer, T, typename B::value_type>,
                    "ctml::add/sub/mul: both inputs must have the same element type");
      return false;
    } else if constexpr (!BinaryElement<T>) {
      static_assert(detail::dependent_false<A>,
                    "ctml::add/sub/mul: element type must be std::int8_t, std::int16_t or float");
      return false;
    } else if constexpr (Op == kernels::binary_op::div && !std::is_same_v<T, float>) {
      static_assert(detail::float_only<Layer, T>,
                    "ctml::div: float only (TFLite Micro's DIV has no int16 kernel; int8 DIV is not "
                    "supported by ctml yet)");
      return false;
    } else if constexpr (!broadcastable<typename A::shape, typename B::shape>()) {
      static_assert(detail::shapes_do_not_broadcast<Layer, typename A::shape, typename B::shape>,
                    "ctml::add/sub/mul: the input shapes do not broadcast (aligned at the last axis, each "
                    "pair of dimensions must be equal or one of them 1; rank at most 4)");
      return false;
    } else if constexpr (Op == kernels::binary_op::prelu && std::is_same_v<T, std::int16_t>) {
      static_assert(
          detail::float_only<Layer, T>,
          "ctml::prelu: int8 or float (TFLite's int16 PRELU takes int8 alphas, which ctml does not)");
      return false;
    } else if constexpr (is_min_max(Op) && !std::is_same_v<T, float> &&
                         !(same_quantization(A::quant, B::quant) &&
                           same_quantization(output_quant<A>(), A::quant))) {
      static_assert(detail::quantization_differs<Layer, A>,
                    "ctml::minimum/maximum: both inputs and the output must have the same quantization "
                    "(TFLite compares the stored integers without rescaling)");
      return false;
    } else if constexpr (!is_min_max(Op) && !std::is_same_v<T, float> && !has_quantization && !has_constant) {
      static_assert(detail::dependent_false<A>,
                    "ctml::add/sub/mul: an int8 or int16 op needs its output quantization: "
                    "ctml::add<options, my_output_q>");
      return false;
    } else if constexpr (requantization_of<Layer>() == requantization::onnx &&
                         !std::is_same_v<T, std::int8_t>) {
      static_assert(
          detail::dependent_false<A>,
          "ctml::add/mul: requantization::onnx is an int8 mode; float and int16 have one arithmetic");
      return false;
    } else if constexpr (!std::is_same_v<T, float> &&
                         !(valid_binary_quantization<T>(A::quant) && valid_binary_quantization<T>(B::quant) &&
                           valid_binary_quantization<T>(output_quant<A>()))) {
      static_assert(detail::invalid_quantization<Layer, A>,
                    "ctml::add/sub/mul: invalid quantization: scales must be > 0; int8 zero points in "
                    "[-128, 127], int16 zero points 0 (TFLite's 16x8 scheme)");
      return false;
    }
    return true;
  }

  template <TensorSpec A>
  static constexpr quantization output_quant() {
    if constexpr (has_constant)
      return (Params.output, ...);
    else if constexpr (has_quantization)
      return (Params, ...);
    else if constexpr (is_min_max(Op))
      return A::quant;  // minimum / maximum keep their inputs' quantization
    else
      return quantization{};
  }

  template <TensorSpec A, TensorSpec B>
  struct bound {
    using T = typename A::value_type;
    struct out_q {
      static constexpr quantization value = output_quant<A>();
    };
    using input = A;
    using input2 = B;
    using output = tensor_spec<shape_of<broadcast_dims<typename A::shape, typename B::shape>()>, T, out_q>;
    static constexpr const char* name = op_name;
    static constexpr std::size_t macs = 0, state_bytes = 0;
    static constexpr std::size_t weight_bytes = has_constant ? B::bytes : 0;
    // Element i of the output reads element i of the first input when it has the output's shape.
    static constexpr bool in_place = std::is_same_v<typename A::shape, typename output::shape>;
    static constexpr kernels::broadcast_geometry geometry =
        broadcast_geometry_of<typename A::shape, typename B::shape>();

    static constexpr kernels::add_constants constants = [] {
      if constexpr (std::is_same_v<T, float> || is_min_max(Op) ||
                    requantization_of<Layer>() == requantization::onnx)
        return kernels::add_constants{};
      else
        return binary_constants<Op, T>(A::quant, B::quant, out_q::value, Act);
    }();
    // The same-shape int8 ADD keeps its table-driven kernels (kernels/elementwise.hpp).
    static constexpr bool int8_add =
        Op == kernels::binary_op::add && geometry.same && std::is_same_v<T, std::int8_t>;
    static constexpr bool is_onnx = requantization_of<Layer>() == requantization::onnx;
    static constexpr kernels::reference::onnx_binary_constants onnx_constants = [] {
      const quantized_range r = activation_range<std::int8_t>(Act, out_q::value);
      return kernels::reference::onnx_binary_constants{
          A::quant.scale,     A::quant.zero_point,     B::quant.scale, B::quant.zero_point,
          out_q::value.scale, out_q::value.zero_point, r.min,          r.max};
    }();

    /// The kernel the target selects (scratch and run: kernels/kernel.hpp).
    using kernel = std::conditional_t<
        is_onnx, kernels::binary_onnx_kernel<Op, geometry, onnx_constants>,
        std::conditional_t<std::is_same_v<T, float>, kernels::binary_f32_kernel<Op, geometry>,
                           std::conditional_t<int8_add, kernels::add_s8_kernel<A::size, constants>,
                                              kernels::binary_q_kernel<Op, geometry, constants, T>>>>;
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes;

    static void run(const T* a, const T* b, T* y, std::byte* scratch) noexcept {
      if constexpr (std::is_same_v<T, float>) {
        // TFLite clamps float results to [lowest, max] even without an activation (an overflow to
        // infinity gives the largest float), unlike activation_range_float's infinite bounds.
        // (MINIMUM, MAXIMUM and PRELU do not clamp: the kernel ignores the range.)
        constexpr float_range inf = activation_range_float(Act);
        constexpr float big = std::numeric_limits<float>::max();
        constexpr float_range r{inf.min < -big ? -big : inf.min, inf.max > big ? big : inf.max};
        kernel::run(a, b, r.min, r.max, y, scratch);
      } else {
        kernel::run(a, b, y, scratch);
      }
    }
    /// With a constant second operand (from flash).
    static void run(const T* a, T* y, std::byte* scratch) noexcept { run(a, constant_values(), y, scratch); }
    static const T* constant_values() noexcept {
      if constexpr (has_constant)
        return (Params.values.data(), ...);
      else
        return nullptr;
    }
  };

  template <class P>
  struct constant_spec;
  template <class P>
  requires is_constant_operand<P>
  struct constant_spec<P> {
    struct q {
      static constexpr quantization value = (Params.quant, ...);
    };
    using type = tensor_spec<typename P::shape, typename P::value_type, q>;
  };

  template <TensorSpec A, TensorSpec... B>
  struct bind_impl {
    static_assert(sizeof...(B) == 1, "ctml::add/sub/mul: takes two inputs (or one and a constant_operand)");
  };
  template <TensorSpec A, TensorSpec B>
  struct bind_impl<A, B> {
    static_assert(!has_constant, "ctml::add/sub/mul: a layer with a constant_operand takes one input");
    using type = bind_checked<valid<A, B>(), bound<A, B>, A>;
  };
  template <TensorSpec A>
  requires has_constant struct bind_impl<A> {
    using C = typename constant_spec<std::remove_cvref_t<decltype((Params, ...))>>::type;
    using type = bind_checked<valid<A, C>(), bound<A, C>, A>;
  };
  template <TensorSpec... In>
  using bind = typename bind_impl<In...>::type;
};

}  // namespace detail
}  // namespace ctml
