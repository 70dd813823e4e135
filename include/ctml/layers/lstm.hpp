#pragma once
// ctml::lstm: long short-term memory, float, int8 and int16x8, over a sequence or one time step at a time;
// TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM as TFLite Micro computes it (docs/lstm.md).

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/core/math.hpp>
#include <ctml/kernels/lstm.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

namespace ctml {

/// Trained LSTM parameters, gate blocks in ONNX order i (input), o (output), f (forget), c (cell):
///   kernel W [4 * Units][Features] and recurrent_kernel R [4 * Units][Units] are ONNX's W and R of
///   one direction as they are; bias [4 * Units] is ONNX's Wb + Rb (TFLite and Keras have one bias;
///   Keras orders the gates i, f, c, o and stores W, R transposed; TFLite has one tensor a gate).
/// int8 (TFLite's integer LSTM): one scale a gate for W (`kernel_scales`) and R (`recurrent_scales`),
///   bias at scale input_scale * kernel_scales[gate] (int32), the int16 cell state's scale
///   `cell_scale` (a power of two), and `output`: the quantization of h, which is the output.
/// int16 (TFLite's 16x8 LSTM, T = std::int16_t: the activations' type): int16 x and h with zero
///   points 0, int8 weights as for int8, the bias in int64.
/// Usage: `inline constexpr ctml::lstm_weights<float, 20, 8> lstm0{.kernel = {...}, ...};`
template <class T, int Units, int Features>
struct lstm_weights {
  static_assert(std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::int16_t>,
                "ctml::lstm_weights: element type must be float, std::int8_t or std::int16_t (TFLite's "
                "16x8 LSTM: int16 activations, int8 weights, int64 bias)");
  using value_type = T;
  using bias_type = std::conditional_t<std::is_same_v<T, std::int16_t>, std::int64_t, std::int32_t>;
  static constexpr int units = Units, features = Features;
  std::array<std::int8_t, static_cast<std::size_t>(4 * Units * Features)> kernel;
  std::array<std::int8_t, static_cast<std::size_t>(4 * Units * Units)> recurrent_kernel;
  std::array<bias_type, static_cast<std::size_t>(4 * Units)> bias;
  std::array<float, 4> kernel_scales;
  std::array<float, 4> recurrent_scales;
  float cell_scale = 1.0f / 2048.0f;
  quantization output{std::is_same_v<T, std::int16_t> ? 1.0f / 32768.0f : 1.0f / 128.0f, 0};
};
template <int Units, int Features>
struct lstm_weights<float, Units, Features> {
  using value_type = float;
  static constexpr int units = Units, features = Features;
  std::array<float, static_cast<std::size_t>(4 * Units * Features)> kernel;
  std::array<float, static_cast<std::size_t>(4 * Units * Units)> recurrent_kernel;
  std::array<float, static_cast<std::size_t>(4 * Units)> bias;
};

/// Options of an LSTM layer (TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM options; Keras-like names).
/// TFLite Micro has no peephole, projection, layer norm or coupled input-forget gate, and neither
/// has ctml::lstm: the last four options exist only to be refused at compile time with a clear
/// message (ctml-import refuses models that use them). Time-major or batch-major is the same
/// [T, F] input with a batch of one.
struct lstm_options {
  int units = 1;
  /// Sequence input [T, F] only: output every h [T, units] (TFLite's output) instead of the last [units].
  bool return_sequences = false;
  /// Sequence input only: keep h and c between invocations (TFLite's variable state tensors; Keras
  /// stateful=True). A rank-1 input (one time step, streaming) is always stateful.
  bool stateful = false;
  /// Refused (TFLite Micro refuses or ignores them): peephole connections, layer normalization, a
  /// projection layer of this many units, proj_clip (clips the projection; TFLite Micro ignores it).
  bool peephole = false;
  bool layer_norm = false;
  int projection_units = 0;
  float proj_clip = 0.0f;
  // cell_clip stays last: with bool members after it, Clang 14 built float LSTMs whose cell clip
  // differed from TFLM's (tflm_lstm_golden_test's float clip cases); GCC was right either way.
  /// > 0: the cell state is clipped to [-cell_clip, cell_clip] after each update (TFLite's cell_clip).
  float cell_clip = 0.0f;
};

/// Long short-term memory, like TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM / `keras.layers.LSTM` / ONNX
/// `LSTM` (one direction, sigmoid gates, tanh cell), bit for bit as TFLite Micro computes it.
///   Sequence mode: input [T, F] -> last h [units] (or [T, units] with return_sequences). Each
///   invocation starts from zero state, kept in scratch (unless `stateful`).
///   Streaming mode: input [F], one time step -> h [units]. h and c persist between invocations in
///   the model's state memory (`state_bytes`, outside the arena); `ctml::state<Model>::reset` sets
///   them to zero (int8: h to the output zero point, as TFLM resets its variable tensors). Static
///   state memory starts as zero bytes: an int8 model whose output zero point is not 0 needs reset().
/// float: TFLM's float kernel's operations in its order (C library expf / tanhf). int8: int8 input and
/// h, int16 gates (Q3.12 in, Q0.15 out) and cell state, TFLM's fixed-point sigmoid / tanh. int16x8
/// (weights declared for std::int16_t): int16 input and h (zero points 0), int64 accumulators.
/// Scratch: 4 gate vectors (float: 16, int8: 8 bytes a unit; on the DSP extension also x and h widened
/// to int16, and for a sequence x of two steps and 8 bytes a unit more: it takes two steps a pass over
/// the input weights), plus h and c when not persistent.
/// Usage: `ctml::lstm<ctml::lstm_options{.units = 20, .return_sequences = true}, my_data::lstm0>`
template <lstm_options O, const auto& W>
struct lstm {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;

  static constexpr int cell_power() {
    if constexpr (std::is_same_v<value_type, float>) {
      return 0;
    } else {
      return math::frexp(double{W.cell_scale}).exponent - 1;
    }
  }

  static constexpr bool valid_cell_scale() {
    if constexpr (std::is_same_v<value_type, float>) {
      return true;
    } else {
      return W.cell_scale > 0.0f && math::ldexp(1.0, cell_power()) == double{W.cell_scale} &&
             cell_power() >= -27 && cell_power() <= 0;
    }
  }
  /// int16x8: every gate's requantization multiplier has a shift below 8 (TFLite's 64-bit contract).
  template <TensorSpec In>
  static constexpr bool small_gate_multipliers() {
    for (std::size_t k = 0; k < 4; ++k) {
      if (!(W.kernel_scales[k] > 0.0f) || !(W.recurrent_scales[k] > 0.0f)) return false;
      if (output_multiplier(In::quant.scale, W.kernel_scales[k], 1.0f / 4096.0f).shift >= 8) return false;
      if (output_multiplier(W.output.scale, W.recurrent_scales[k], 1.0f / 4096.0f).shift >= 8) return false;
    }
    return true;
  }

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using S = typename In::shape;
    if constexpr (weights_type::units != O.units) {
      static_assert(detail::options_weights_mismatch<lstm, O.units, weights_type::units>,
                    "ctml::lstm: weights have a different number of units than .units");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type> &&
                         (Quantized16<typename In::value_type> || Quantized16<value_type>)) {
      static_assert(detail::element_type_mismatch<lstm, typename In::value_type, value_type>,
                    "ctml::lstm: int16 activations need a weights object declared for them, "
                    "ctml::lstm_weights<std::int16_t, ...> (TFLite's 16x8 LSTM: int8 weights, int64 "
                    "bias), and int8 or float activations one declared for std::int8_t or float");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type>) {
      static_assert(detail::element_type_mismatch<lstm, typename In::value_type, value_type>,
                    "ctml::lstm: the input's element type differs from the weights' (int8 with float?)");
      return false;
    } else if constexpr (S::rank != 1 && S::rank != 2) {
      static_assert(detail::input_rank_mismatch<lstm, 2, S>,
                    "ctml::lstm: input must be [features] (streaming) or [time_steps, features] (sequence)");
      return false;
    } else if constexpr (S::rank == 1 && O.return_sequences) {
      static_assert(detail::input_rank_mismatch<lstm, 2, S>,
                    "ctml::lstm: return_sequences needs a sequence input [time_steps, features]; a "
                    "streaming input [features] returns h of its one step");
      return false;
    } else if constexpr (S::dims[S::rank - 1] != weights_type::features) {
      static_assert(
          detail::input_shape_mismatch<lstm, shape<weights_type::features>, shape<S::dims[S::rank - 1]>>,
          "ctml::lstm: input features differ from the weights' features");
      return false;
    } else if constexpr (!(O.cell_clip >= 0.0f)) {
      static_assert(detail::dependent_false<In>, "ctml::lstm: cell_clip must be >= 0 (0: no clipping)");
      return false;
    } else if constexpr (O.peephole) {
      static_assert(detail::dependent_false<In>,
                    "ctml::lstm: peephole connections are not supported (TFLite Micro's LSTM refuses them)");
      return false;
    } else if constexpr (O.projection_units != 0 || O.proj_clip != 0.0f) {
      static_assert(detail::dependent_false<In>,
                    "ctml::lstm: a projection layer (projection_units, proj_clip) is not supported (TFLite "
                    "Micro's LSTM refuses projection weights and ignores proj_clip)");
      return false;
    } else if constexpr (O.layer_norm) {
      static_assert(detail::dependent_false<In>,
                    "ctml::lstm: layer normalization is not supported (TFLite Micro's LSTM refuses it)");
      return false;
    } else if constexpr (std::is_same_v<value_type, std::int16_t>) {
      if constexpr (!detail::valid_quantization_s16(In::quant) || !detail::valid_quantization_s16(W.output)) {
        static_assert(detail::invalid_quantization<lstm, In>,
                      "ctml::lstm: int16 scales must be positive and int16 zero points 0 (TFLite's 16x8 "
                      "quantization is symmetric)");
        return false;
      } else if constexpr (!valid_cell_scale()) {
        static_assert(detail::dependent_false<In>,
                      "ctml::lstm: int16 cell_scale must be a power of two in [2^-27, 1] (TFLite Micro's "
                      "integer LSTM takes the cell state's scale as 2^n)");
        return false;
      } else if constexpr (!small_gate_multipliers<In>()) {
        static_assert(detail::invalid_quantization<lstm, In>,
                      "ctml::lstm: int16x8 needs input_scale * kernel_scale and output_scale * "
                      "recurrent_scale below 2^-5 for every gate (the range of TFLite's 64-bit "
                      "requantization to the gates' 2^-12)");
        return false;
      } else if constexpr (O.units > 4096 || weights_type::features > 65536) {
        static_assert(detail::options_weights_mismatch<lstm, O.units, 4096>,
                      "ctml::lstm: int16 supports at most 4096 units and 65536 features");
        return false;
      }
    } else if constexpr (!std::is_same_v<value_type, float>) {
      if constexpr (!detail::valid_quantization(In::quant) || !detail::valid_quantization(W.output)) {
        static_assert(detail::invalid_quantization<lstm, In>,
                      "ctml::lstm: int8 scales must be positive and zero points in [-128, 127]");
        return false;
      } else if constexpr (!valid_cell_scale()) {
        static_assert(detail::dependent_false<In>,
                      "ctml::lstm: int8 cell_scale must be a power of two in [2^-27, 1] (TFLite Micro's "
                      "integer LSTM takes the cell state's scale as 2^n)");
        return false;
      } else if constexpr (O.units > 4096 || weights_type::features > 65536) {
        static_assert(detail::options_weights_mismatch<lstm, O.units, 4096>,
                      "ctml::lstm: int8 supports at most 4096 units and 65536 features (int32 accumulators)");
        return false;
      }
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr bool streaming = In::shape::rank == 1;
    static constexpr int units = O.units;
    static constexpr int steps = streaming ? 1 : In::shape::dims[0];
    static constexpr int features = In::shape::dims[streaming ? 0 : 1];
    static constexpr bool is_float = std::is_same_v<T, float>;
    static constexpr bool is_int16 = std::is_same_v<T, std::int16_t>;
    using cell_type = std::conditional_t<is_float, float, std::int16_t>;
    static constexpr bool persistent = streaming || O.stateful;

    struct output_quant {
      static constexpr quantization value = [] {
        if constexpr (is_float)
          return quantization{};
        else
          return W.output;
      }();
    };
    using input = In;
    using output = std::conditional_t<O.return_sequences, tensor_spec<shape<steps, units>, T, output_quant>,
                                      tensor_spec<shape<units>, T, output_quant>>;

    static constexpr const char* name = "lstm";
    static constexpr std::size_t u4 = 4 * static_cast<std::size_t>(units);
    static constexpr std::size_t params = u4 * static_cast<std::size_t>(features + units) + u4;
    static constexpr std::size_t macs =
        static_cast<std::size_t>(steps) * u4 * static_cast<std::size_t>(features + units);
    // c first (the wider type), then h.
    static constexpr std::size_t state_size = units * (sizeof(cell_type) + sizeof(T));
    static constexpr std::size_t state_bytes = persistent ? state_size : 0;
    /// The int8 step the target selects (scratch and run: kernels/kernel.hpp).
    using kernel = std::conditional_t<is_int16, kernels::lstm_s16_kernel<units, features, cell_power()>,
                                      kernels::lstm_s8_kernel<units, features, cell_power()>>;
    using params_type = std::conditional_t<is_int16, kernels::lstm_s16_params, kernels::lstm_s8_params>;
    // A kernel with run2 takes two steps of a sequence at a time (one pass over W for both).
    static constexpr bool pairs = !is_float && steps >= 2 && requires { kernel::pair_scratch_bytes; };
    static constexpr std::size_t kernel_scratch = [] {
      if constexpr (pairs)
        return kernel::pair_scratch_bytes;
      else
        return kernel::scratch_bytes;
    }();
    // The step's scratch (float: the four gates), then the state when it is not persistent.
    static constexpr std::size_t step_scratch = is_float ? u4 * sizeof(float) : (kernel_scratch + 3) / 4 * 4;
    static constexpr std::size_t scratch_bytes = step_scratch + (persistent ? 0 : state_size);
    static constexpr bool in_place = false;

    // int8 constants, computed once at compile time as TFLM computes them in Prepare.
    static constexpr auto to_gate = [] {
      std::array<std::array<multiplier, 4>, 2> m{};
      if constexpr (!is_float) {
        for (std::size_t k = 0; k < 4; ++k) {
          m[0][k] = output_multiplier(In::quant.scale, W.kernel_scales[k], 1.0f / 4096.0f);
          m[1][k] = output_multiplier(W.output.scale, W.recurrent_scales[k], 1.0f / 4096.0f);
        }
      }
      return m;
    }();
    static constexpr std::size_t weight_bytes =
        sizeof(weights_type) +
        (is_float ? 0
                  : sizeof(to_gate) + sizeof(params_type) + sizeof(kernels::reference::sigmoid_table_u16));

    /// Sets a persistent state to zero (int8: h to the output zero point).
    static void reset(std::byte* state) noexcept requires(persistent) { zero(state); }
    /// Sequence mode: the state starts from zero, in scratch.
    static void run(const T* x, T* y, std::byte* scratch) noexcept requires(!persistent) {
      std::byte* state = scratch + step_scratch;
      zero(state);
      steps_from(x, y, scratch, state);
    }
    /// Streaming (or stateful sequence) mode: the state persists in `state`.
    static void run(const T* x, T* y, std::byte* scratch, std::byte* state) noexcept requires(persistent) {
      steps_from(x, y, scratch, state);
    }

   private:
    // TFLM: static_cast<int16_t>(min(max(clip / scale, -32768), 32767)), the double truncated.
    static constexpr std::int32_t quantized_clip() {
      const double v = double{O.cell_clip} / double{W.cell_scale};
      return static_cast<std::int32_t>(v > 32767.0 ? 32767.0 : v);
    }
    static void zero(std::byte* state) noexcept {
      auto* c = reinterpret_cast<cell_type*>(state);
      auto* h = reinterpret_cast<T*>(state + units * sizeof(cell_type));
      for (int u = 0; u < units; ++u) {
        c[u] = cell_type{};
        if constexpr (is_float)
          h[u] = 0.0f;
        else
          h[u] = static_cast<T>(W.output.zero_point);
      }
    }
    static void steps_from(const T* x, T* y, std::byte* scratch, std::byte* state) noexcept {
      namespace k = kernels::reference;
      auto* c = reinterpret_cast<cell_type*>(state);
      auto* h = reinterpret_cast<T*>(state + units * sizeof(cell_type));
      int t = 0;
      if constexpr (pairs) {
        for (; t + 1 < steps; t += 2) {
          T* y0 = O.return_sequences ? y + t * units : nullptr;
          kernel::run2(x + t * features, x + (t + 1) * features, h, c, int8_params(), scratch, y0);
          if (O.return_sequences || t + 1 == steps - 1) {
            T* yt = y + (O.return_sequences ? (t + 1) * units : 0);
            for (int u = 0; u < units; ++u) yt[u] = h[u];
          }
        }
      }
      for (; t < steps; ++t) {
        const T* xt = x + t * features;
        if constexpr (is_float) {
          k::lstm_step_f32<units, features>(xt, h, c, W.kernel.data(), W.recurrent_kernel.data(),
                                            W.bias.data(), O.cell_clip, reinterpret_cast<float*>(scratch));
        } else if constexpr (is_int16) {
          constexpr double q15 = 1.0 / 32768.0;
          static constexpr k::lstm_s16_params p{
              W.kernel.data(),
              W.recurrent_kernel.data(),
              W.bias.data(),
              to_gate[0].data(),
              to_gate[1].data(),
              quantize_multiplier(q15 * double{W.cell_scale} / double{W.cell_scale}),
              quantize_multiplier(q15 * q15 / double{W.cell_scale}),
              quantize_multiplier(q15 * q15 / double{W.output.scale}),
              0,
              O.cell_clip > 0.0f ? quantized_clip() : -1};
          kernel::run(xt, h, c, p, scratch);
        } else {
          kernel::run(xt, h, c, int8_params(), scratch);
        }
        if (O.return_sequences || t == steps - 1) {
          T* yt = y + (O.return_sequences ? t * units : 0);
          for (int u = 0; u < units; ++u) yt[u] = h[u];
        }
      }
    }
    static const kernels::reference::lstm_s8_params& int8_params() noexcept {
      namespace k = kernels::reference;
      constexpr double q15 = 1.0 / 32768.0;
      static constexpr k::lstm_s8_params p{
          W.kernel.data(),
          W.recurrent_kernel.data(),
          W.bias.data(),
          -In::quant.zero_point,
          -W.output.zero_point,
          to_gate[0].data(),
          to_gate[1].data(),
          quantize_multiplier(q15 * double{W.cell_scale} / double{W.cell_scale}),
          quantize_multiplier(q15 * q15 / double{W.cell_scale}),
          quantize_multiplier(q15 * q15 / double{W.output.scale}),
          W.output.zero_point,
          O.cell_clip > 0.0f ? quantized_clip() : -1};
      return p;
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
