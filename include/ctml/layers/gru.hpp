#pragma once
// ctml::gru: gated recurrent unit, float and int8, over a sequence or one time step at a time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/reference/gru.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

namespace ctml {

/// Trained GRU parameters, gate blocks in ONNX order z (update), r (reset), h (candidate):
///   kernel W [3 * Units][Features], recurrent_kernel R [3 * Units][Units] (ONNX's W and R for one
///   direction; Keras stores the transposes, PyTorch the order r, z, n: tools/onnx converts),
///   input_bias Wb [3 * Units], recurrent_bias Rb [3 * Units] (ONNX's B split in two; Keras with
///   reset_after = false has only Wb: leave Rb zero), initial_state h0 [Units] (zero unless given).
/// int8: per-row (per-channel) scales for W and R; Wb at scale input_scale * kernel_scales[j], Rb at
/// scale 2^-15 * recurrent_scales[j]; h0 in Q0.15 (h0 * 32768); `output` quantizes the int8 output.
/// Usage: `inline constexpr ctml::gru_weights<float, 20, 8> gru0{.kernel = {...}, ...};`
template <class T, int Units, int Features>
struct gru_weights {
  static_assert(std::is_same_v<T, std::int8_t>,
                "ctml::gru_weights: element type must be float or std::int8_t");
  using value_type = T;
  static constexpr int units = Units, features = Features;
  std::array<std::int8_t, static_cast<std::size_t>(3 * Units * Features)> kernel;
  std::array<std::int8_t, static_cast<std::size_t>(3 * Units * Units)> recurrent_kernel;
  std::array<std::int32_t, static_cast<std::size_t>(3 * Units)> input_bias;
  std::array<std::int32_t, static_cast<std::size_t>(3 * Units)> recurrent_bias;
  std::array<float, static_cast<std::size_t>(3 * Units)> kernel_scales;
  std::array<float, static_cast<std::size_t>(3 * Units)> recurrent_scales;
  std::array<std::int16_t, static_cast<std::size_t>(Units)> initial_state;
  quantization output{1.0f / 128.0f, 0};
};
template <int Units, int Features>
struct gru_weights<float, Units, Features> {
  using value_type = float;
  static constexpr int units = Units, features = Features;
  std::array<float, static_cast<std::size_t>(3 * Units * Features)> kernel;
  std::array<float, static_cast<std::size_t>(3 * Units * Units)> recurrent_kernel;
  std::array<float, static_cast<std::size_t>(3 * Units)> input_bias;
  std::array<float, static_cast<std::size_t>(3 * Units)> recurrent_bias;
  std::array<float, static_cast<std::size_t>(Units)> initial_state;
};

/// How the int8 GRU evaluates sigmoid and tanh (docs/gru.md): an interpolated 513-entry table
/// (default: fast, error < 2.6e-5) or gemmlowp-style fixed-point functions (error < 2e-7, slower).
enum class gru_int8_activations { table, exact };

/// Keras-like options of a GRU layer.
struct gru_options {
  int units = 1;
  /// Where the reset gate applies: true multiplies it after the recurrent matmul (Keras default,
  /// ONNX linear_before_reset = 1, PyTorch); false before it (ONNX default, Keras reset_after=False).
  bool reset_after = true;
  /// Sequence input [T, F] only: output every state [T, units] instead of the last one [units].
  bool return_sequences = false;
  /// Sequence input only: keep the state between invocations (Keras stateful=True). A rank-1 input
  /// (one time step, streaming) is always stateful.
  bool stateful = false;
  /// int8 only: sigmoid/tanh by table (default) or by the exact fixed-point functions.
  gru_int8_activations int8_activations = gru_int8_activations::table;
};

/// Gated recurrent unit, like `keras.layers.GRU` / ONNX `GRU` (one direction, sigmoid and tanh).
///   Sequence mode: input [T, F] -> last state [units] (or [T, units] with return_sequences). Each
///   invocation starts from the initial state, kept in scratch (unless `stateful`).
///   Streaming mode: input [F], one time step -> state [units]. The state persists between
///   invocations in the model's state memory (`state_bytes`, outside the arena); `Model::reset`
///   (or `ctml::state<Model>::reset`) sets it to the initial state. Static state memory starts as
///   zeros, which is the initial state unless one was given: then call reset() first.
/// float: the equations in kernels/reference/gru.hpp. int8: int8 input and output with zero points,
/// per-row int8 weight scales, int16 Q0.15 state, Q5.26 gate arithmetic with fixed-point sigmoid and
/// tanh (docs/gru.md states the scheme and its error bound).
/// Scratch: 12 * units bytes, plus the state (4 or 2 bytes a unit) when it is not persistent.
/// Usage: `ctml::gru<ctml::gru_options{.units = 20}, my_data::gru0>`
template <gru_options O, const auto& W>
struct gru {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using S = typename In::shape;
    if constexpr (weights_type::units != O.units) {
      static_assert(detail::options_weights_mismatch<gru, O.units, weights_type::units>,
                    "ctml::gru: weights have a different number of units than .units");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type>) {
      static_assert(detail::element_type_mismatch<gru, typename In::value_type, value_type>,
                    "ctml::gru: the input's element type differs from the weights' (int8 with float?)");
      return false;
    } else if constexpr (S::rank != 1 && S::rank != 2) {
      static_assert(detail::input_rank_mismatch<gru, 2, S>,
                    "ctml::gru: input must be [features] (streaming) or [time_steps, features] (sequence)");
      return false;
    } else if constexpr (S::rank == 1 && O.return_sequences) {
      static_assert(detail::input_rank_mismatch<gru, 2, S>,
                    "ctml::gru: return_sequences needs a sequence input [time_steps, features]; a "
                    "streaming input [features] returns the state of its one step");
      return false;
    } else if constexpr (S::dims[S::rank - 1] != weights_type::features) {
      static_assert(
          detail::input_shape_mismatch<gru, shape<weights_type::features>, shape<S::dims[S::rank - 1]>>,
          "ctml::gru: input features differ from the weights' features");
      return false;
    } else if constexpr (!std::is_same_v<value_type, float> && O.units > 512) {
      static_assert(detail::options_weights_mismatch<gru, O.units, 512>,
                    "ctml::gru: int8 supports at most 512 units (int32 accumulators)");
      return false;
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
    using state_type = std::conditional_t<is_float, float, std::int16_t>;
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

    static constexpr const char* name = "gru";
    static constexpr std::size_t u3 = 3 * static_cast<std::size_t>(units);
    static constexpr std::size_t params = u3 * static_cast<std::size_t>(features + units) + 2 * u3;
    static constexpr std::size_t macs =
        static_cast<std::size_t>(steps) * u3 * static_cast<std::size_t>(features + units);
    static constexpr std::size_t state_bytes = persistent ? units * sizeof(state_type) : 0;
    // 3 gate vectors (4 bytes each), then the state when it lives in scratch.
    static constexpr std::size_t scratch_bytes = u3 * 4 + (persistent ? 0 : units * sizeof(state_type));
    static constexpr bool in_place = false;

    // int8 constants: gate rescaling from the accumulators' scales to Q5.26, output requantization.
    static constexpr double gate_one = double(std::int64_t{1} << kernels::reference::gru_gate_fraction_bits);
    static constexpr auto to_gate = [] {
      std::array<std::array<multiplier, u3>, 2> m{};
      if constexpr (!is_float) {
        for (std::size_t j = 0; j < u3; ++j) {
          m[0][j] = quantize_multiplier(double{In::quant.scale} * double{W.kernel_scales[j]} * gate_one);
          m[1][j] = quantize_multiplier(double{W.recurrent_scales[j]} / 32768.0 * gate_one);
        }
      }
      return m;
    }();
    static constexpr multiplier out_multiplier = [] {
      if constexpr (is_float)
        return multiplier{};
      else
        return quantize_multiplier(1.0 / 32768.0 / double{W.output.scale});
    }();
    // int8: the input bias with the input zero point folded in (computed once, at compile time).
    static constexpr auto input_bias = [] {
      std::array<std::int32_t, is_float ? 1 : u3> b{};
      if constexpr (!is_float) {
        for (std::size_t j = 0; j < u3; ++j) {
          std::int32_t row = 0;
          for (std::size_t i = 0; i < static_cast<std::size_t>(features); ++i)
            row += W.kernel[j * features + i];
          b[j] = W.input_bias[j] - In::quant.zero_point * row;
        }
      }
      return b;
    }();
    // Flash: the whole weights object (it is one constexpr object) and, for int8, the constants
    // derived from it at compile time.
    static constexpr std::size_t weight_bytes =
        sizeof(weights_type) +
        (is_float
             ? 0
             : sizeof(input_bias) + sizeof(to_gate) + sizeof(out_multiplier) +
                   (O.int8_activations == gru_int8_activations::table ? sizeof(fixed::sigmoid_table) : 0));

    /// Sets a persistent state to the initial state.
    static void reset(std::byte* state) noexcept requires(persistent) {
      auto* h = reinterpret_cast<state_type*>(state);
      for (int u = 0; u < units; ++u) h[u] = W.initial_state[static_cast<std::size_t>(u)];
    }
    /// Sequence mode, state from the initial state in scratch.
    static void run(const T* x, T* y, std::byte* scratch) noexcept requires(!persistent) {
      auto* h = reinterpret_cast<state_type*>(scratch + u3 * 4);
      for (int u = 0; u < units; ++u) h[u] = W.initial_state[static_cast<std::size_t>(u)];
      steps_from(x, y, scratch, h);
    }
    /// Streaming (or stateful sequence) mode: the state persists in `state`.
    static void run(const T* x, T* y, std::byte* scratch, std::byte* state) noexcept requires(persistent) {
      steps_from(x, y, scratch, reinterpret_cast<state_type*>(state));
    }

   private:
    static void steps_from(const T* x, T* y, std::byte* scratch, state_type* h) noexcept {
      namespace k = kernels::reference;
      for (int t = 0; t < steps; ++t) {
        const T* xt = x + t * features;
        if constexpr (is_float) {
          k::gru_step_f32<units, features, O.reset_after>(xt, h, W.kernel.data(), W.recurrent_kernel.data(),
                                                          W.input_bias.data(), W.recurrent_bias.data(),
                                                          reinterpret_cast<float*>(scratch));
          if (O.return_sequences || t == steps - 1) {
            T* yt = y + (O.return_sequences ? t * units : 0);
            for (int u = 0; u < units; ++u) yt[u] = h[u];
          }
        } else {
          static_assert(detail::valid_quantization(In::quant) && detail::valid_quantization(W.output),
                        "ctml::gru: int8 scales must be positive and zero points in [-128, 127]");
          static constexpr k::gru_s8_params p{W.kernel.data(),   W.recurrent_kernel.data(),
                                              input_bias.data(), W.recurrent_bias.data(),
                                              to_gate[0].data(), to_gate[1].data()};
          k::gru_step_s8<units, features, O.reset_after, O.int8_activations == gru_int8_activations::exact>(
              xt, h, p, reinterpret_cast<std::int32_t*>(scratch));
          if (O.return_sequences || t == steps - 1)
            k::gru_output_s8<units>(h, out_multiplier, W.output.zero_point,
                                    y + (O.return_sequences ? t * units : 0));
        }
      }
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
