#pragma once
// ctml::batch_matmul: TFLite's BATCH_MATMUL with one constant operand (int8, int16, float), batch dims
// broadcast, adj_x / adj_y; the constant is rearranged at compile time so no operand is transposed at run
// time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/shape.hpp>
#include <ctml/kernels/batch_matmul.hpp>
#include <ctml/layers/binary.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/quant/fixed_point.hpp>

namespace ctml {

/// Options of ctml::batch_matmul (TFLite's BatchMatMulOptions, plus which operand is the constant).
struct batch_matmul_options {
  bool adj_x = false;         ///< the first operand (lhs) is stored transposed ([..., K, M])
  bool adj_y = false;         ///< the second operand (rhs) is stored transposed ([..., N, K])
  bool constant_lhs = false;  ///< the constant is the first operand and the input the second
};

namespace detail {
template <class Layer, class Lhs, class Rhs>
inline constexpr bool batch_matmul_shapes_mismatch = false;
}  // namespace detail

/// y = lhs x rhs over the last two axes, batch axes broadcast, like `tf.linalg.matmul(x, c)` / TFLite's
/// BATCH_MATMUL with a constant operand `C` (a ctml::constant_operand whose shape is TFLite's, rank 2 to 5,
/// with its quantization and the output's). The input's TFLite shape is [1, In...] (ctml drops the batch
/// axis; so does the output, whose leading axis must be 1). int8: any zero points; int16: zero points 0;
/// per-tensor scales; TFLite's integer arithmetic. No scratch.
/// Usage: `ctml::batch_matmul<ctml::batch_matmul_options{.adj_y = true}, my_data::w>`
template <batch_matmul_options O, const auto& C>
struct batch_matmul {
  using data_type = std::remove_cvref_t<decltype(C)>;
  using value_type = typename data_type::value_type;
  using constant_shape = typename data_type::shape;

  /// TFLite's shape of the input ([1, In...]) and of both operands, extended with leading 1s to `R`.
  template <class In>
  static constexpr std::size_t out_rank =
      In::shape::rank + 1 > constant_shape::rank ? In::shape::rank + 1 : constant_shape::rank;
  template <std::size_t R, std::size_t N>
  static constexpr std::array<int, R> extend(const std::array<int, N>& d) {
    std::array<int, R> e{};
    for (std::size_t i = 0; i < R; ++i) e[i] = i + N < R ? 1 : d[i + N - R];
    return e;
  }
  template <class In>
  static constexpr auto input_dims = [] {
    std::array<int, In::shape::rank + 1> d{};
    d[0] = 1;
    for (std::size_t i = 0; i < In::shape::rank; ++i) d[i + 1] = In::shape::dims[i];
    return extend<out_rank<In>>(d);
  }();
  template <class In>
  static constexpr auto constant_dims = extend<out_rank<In>>(constant_shape::dims);
  template <class In>
  static constexpr auto lhs_dims = O.constant_lhs ? constant_dims<In> : input_dims<In>;
  template <class In>
  static constexpr auto rhs_dims = O.constant_lhs ? input_dims<In> : constant_dims<In>;

  template <class In>
  static consteval bool shapes_match() {
    constexpr std::size_t r = out_rank<In>;
    const auto l = lhs_dims<In>, rr = rhs_dims<In>;
    for (std::size_t i = 0; i + 2 < r; ++i)
      if (l[i] != rr[i] && l[i] != 1 && rr[i] != 1) return false;
    const int kl = O.adj_x ? l[r - 2] : l[r - 1];
    const int kr = O.adj_y ? rr[r - 1] : rr[r - 2];
    if (kl != kr) return false;
    // ctml's tensors have a batch axis of 1, which it drops: so must the output's leading axis be.
    return r == 2 ? (O.adj_x ? l[1] : l[0]) == 1 : (l[0] > rr[0] ? l[0] : rr[0]) == 1;
  }

  template <TensorSpec In>
  static consteval bool valid() {
    using T = typename In::value_type;
    if constexpr (!detail::is_constant_operand<data_type>) {
      static_assert(detail::dependent_false<In>,
                    "ctml::batch_matmul: the constant must be a ctml::constant_operand<T, ctml::shape<...>>");
      return false;
    } else if constexpr (!std::is_same_v<T, value_type>) {
      static_assert(detail::element_type_mismatch<batch_matmul, T, value_type>,
                    "ctml::batch_matmul: the input's element type differs from the constant's");
      return false;
    } else if constexpr (!detail::BinaryElement<T>) {
      static_assert(detail::dependent_false<In>,
                    "ctml::batch_matmul: element type must be int8, int16 or float");
      return false;
    } else if constexpr (In::shape::rank + 1 < 2 || In::shape::rank + 1 > 5 || constant_shape::rank < 2 ||
                         constant_shape::rank > 5) {
      static_assert(detail::input_rank_mismatch<batch_matmul, 5, typename In::shape>,
                    "ctml::batch_matmul: both operands need rank 2 to 5 (TFLite's shapes: the input's "
                    "with its batch axis)");
      return false;
    } else if constexpr (!shapes_match<In>()) {
      static_assert(
          detail::batch_matmul_shapes_mismatch<batch_matmul, shape_of<lhs_dims<In>>, shape_of<rhs_dims<In>>>,
          "ctml::batch_matmul: the operands' depths (after adj_x / adj_y) differ, their batch axes do not "
          "broadcast, or the output's leading axis is not 1");
      return false;
    } else if constexpr (std::is_same_v<T, std::int8_t> &&
                         !(detail::valid_quantization(In::quant) && detail::valid_quantization(C.quant) &&
                           detail::valid_quantization(C.output))) {
      static_assert(detail::invalid_quantization<batch_matmul, In>,
                    "ctml::batch_matmul: int8 needs positive scales and zero points in [-128, 127]");
      return false;
    } else if constexpr (std::is_same_v<T, std::int16_t> &&
                         !(detail::valid_quantization_s16(In::quant) &&
                           detail::valid_quantization_s16(C.quant) &&
                           detail::valid_quantization_s16(C.output) &&
                           output_multiplier(In::quant.scale, C.quant.scale, C.output.scale).shift < 8)) {
      static_assert(detail::invalid_quantization<batch_matmul, In>,
                    "ctml::batch_matmul: int16 needs zero points 0 and input * constant / output scales "
                    "below 128");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr std::size_t r = out_rank<In>;
    static constexpr auto ld = lhs_dims<In>, rd = rhs_dims<In>, id = input_dims<In>, cd = constant_dims<In>;
    static constexpr int m = O.adj_x ? ld[r - 1] : ld[r - 2];
    static constexpr int n = O.adj_y ? rd[r - 2] : rd[r - 1];
    static constexpr int k = O.adj_x ? ld[r - 2] : ld[r - 1];
    static constexpr auto out_dims = [] {
      std::array<int, r> d{};
      for (std::size_t i = 0; i + 2 < r; ++i) d[i] = ld[i] > rd[i] ? ld[i] : rd[i];
      d[r - 2] = m;
      d[r - 1] = n;
      std::array<int, r - 1> o{};
      for (std::size_t i = 1; i < r; ++i) o[i - 1] = d[i];
      return o;
    }();
    static constexpr std::size_t batches = [] {
      std::size_t b = 1;
      for (std::size_t i = 0; i + 2 < r; ++i) b *= std::size_t(ld[i] > rd[i] ? ld[i] : rd[i]);
      return b;
    }();
    // Offset of each product's matrix in the input and in the constant (a broadcast axis stays put).
    template <bool Input>
    static constexpr std::array<std::size_t, batches> batch_offsets() {
      const auto& d = Input ? id : cd;
      std::array<std::size_t, batches> off{};
      for (std::size_t t = 0; t < batches; ++t) {
        std::size_t rest = t, o = 0, stride = std::size_t(d[r - 2]) * std::size_t(d[r - 1]);
        for (std::size_t i = r - 2; i-- > 0;) {
          const std::size_t ob = std::size_t(ld[i] > rd[i] ? ld[i] : rd[i]);
          if (d[i] != 1) o += (rest % ob) * stride;
          rest /= ob;
          stride *= std::size_t(d[i]);
        }
        off[t] = o;
      }
      return off;
    }
    static constexpr auto input_batch = batch_offsets<true>();
    static constexpr auto constant_batch = batch_offsets<false>();
    // The constant, each matrix rearranged to rows of K (the lhs' rows or the rhs' columns).
    static constexpr auto constant = [] {
      std::array<T, constant_shape::size> rows_of_k{};
      const std::size_t rows = std::size_t(O.constant_lhs ? m : n), depth = std::size_t(k);
      const bool transposed = O.constant_lhs ? O.adj_x : !O.adj_y;  // stored [K][rows]
      for (std::size_t b = 0; b < constant_shape::size / (rows * depth); ++b)
        for (std::size_t i = 0; i < rows; ++i)
          for (std::size_t j = 0; j < depth; ++j)
            rows_of_k[b * rows * depth + i * depth + j] =
                C.values[b * rows * depth + (transposed ? j * rows + i : i * depth + j)];
      return rows_of_k;
    }();
    static constexpr std::int32_t input_offset = std::is_same_v<T, std::int8_t> ? -In::quant.zero_point : 0;
    static constexpr std::int32_t constant_offset = std::is_same_v<T, std::int8_t> ? -C.quant.zero_point : 0;
    // The input's strides: as the lhs a(i, k), or as the rhs b(j, k).
    static constexpr int in_row = O.constant_lhs ? (O.adj_y ? k : 1) : (O.adj_x ? 1 : k);
    static constexpr int in_depth = O.constant_lhs ? (O.adj_y ? 1 : n) : (O.adj_x ? m : 1);
    static constexpr kernels::batch_matmul_geometry geometry =
        O.constant_lhs
            ? kernels::batch_matmul_geometry{m, n, k, k, 1, in_row, in_depth, constant_offset, input_offset}
            : kernels::batch_matmul_geometry{m, n, k, in_row, in_depth, k, 1, input_offset, constant_offset};
    struct output_quant {
      static constexpr quantization value = std::is_same_v<T, float> ? quantization{} : C.output;
    };
    static constexpr multiplier mult = [] {
      if constexpr (std::is_same_v<T, float>)
        return multiplier{};
      else  // lhs scale * rhs scale / output scale (a product: the order does not matter)
        return output_multiplier(In::quant.scale, C.quant.scale, C.output.scale);
    }();
    static constexpr kernels::requant_constants requant = [] {
      if constexpr (std::is_same_v<T, float>)
        return kernels::requant_constants{};
      else
        return detail::requant_for<T>(In::quant, C.output, activation::none);
    }();
    using kernel = kernels::batch_matmul_kernel<T, batches, geometry, requant>;

    using input = In;
    using output = tensor_spec<shape_of<out_dims>, T, output_quant>;
    static constexpr const char* name = "batch_matmul";
    static constexpr std::size_t macs = batches * std::size_t(m) * std::size_t(n) * std::size_t(k);
    static constexpr std::size_t weight_bytes =
        sizeof(constant) + sizeof(input_batch) + sizeof(constant_batch);
    static constexpr std::size_t scratch_bytes = kernel::scratch_bytes, state_bytes = 0;
    static constexpr bool in_place = false;

    static void run(const T* x, T* y, std::byte* scratch) noexcept {
      if constexpr (O.constant_lhs)
        kernel::run(constant.data(), x, constant_batch.data(), input_batch.data(), mult, y, scratch);
      else
        kernel::run(x, constant.data(), input_batch.data(), constant_batch.data(), mult, y, scratch);
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
