#pragma once
// ctml::svdf: TFLite's SVDF (singular value decomposition filter), float and int8 with int16 or int8
// state, one frame at a time (streaming) or over a sequence of frames.

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctml/kernels/svdf.hpp>
#include <ctml/layers/layer.hpp>
#include <ctml/layers/requant.hpp>
#include <ctml/quant/fixed_point.hpp>
#include <ctml/quant/quantization.hpp>

namespace ctml {

/// Trained SVDF parameters in TFLite's layout, filters = Units * Rank (filter u * Rank + r is rank r of
/// unit u): feature weights [filters][Features], time weights [filters][Memory], bias [Units] (zero if
/// the model has none).
/// int8: per-tensor scales of the feature and time weights; `state` quantizes the filter outputs kept
/// in the memory (TFLite's activation-state tensor, of type `State`: int16 or int8), `output` the int8
/// output; the bias is int32 at scale state.scale * time_scale.
/// Usage: `inline constexpr ctml::svdf_weights<std::int8_t, 32, 96, 10> s0{.feature = {...}, ...};`
template <class T, int Units, int Features, int Memory, int Rank = 1, class State = std::int16_t>
struct svdf_weights {
  static_assert(std::is_same_v<T, std::int8_t>,
                "ctml::svdf_weights: element type must be float or std::int8_t");
  static_assert(std::is_same_v<State, std::int16_t> || std::is_same_v<State, std::int8_t>,
                "ctml::svdf_weights: the int8 SVDF's state (and time weights) must be int16 or int8");
  using value_type = T;
  using state_type = State;
  static constexpr int units = Units, features = Features, memory = Memory, rank = Rank;
  std::array<std::int8_t, static_cast<std::size_t>(Units* Rank* Features)> feature;
  std::array<State, static_cast<std::size_t>(Units* Rank* Memory)> time;
  std::array<std::int32_t, static_cast<std::size_t>(Units)> bias;
  float feature_scale = 1.0f;
  float time_scale = 1.0f;
  quantization state{1.0f, 0};
  quantization output{1.0f / 128.0f, 0};
};
template <int Units, int Features, int Memory, int Rank, class State>
struct svdf_weights<float, Units, Features, Memory, Rank, State> {
  using value_type = float;
  using state_type = float;
  static constexpr int units = Units, features = Features, memory = Memory, rank = Rank;
  std::array<float, static_cast<std::size_t>(Units* Rank* Features)> feature;
  std::array<float, static_cast<std::size_t>(Units* Rank* Memory)> time;
  std::array<float, static_cast<std::size_t>(Units)> bias;
};

/// Options of an SVDF layer (TFLite's SVDFOptions plus the sequence-mode choices of ctml::gru).
struct svdf_options {
  int units = 1;
  int rank = 1;
  /// float only: TFLite's fused activation. TFLite Micro's int8 SVDF applies none (int8 must say none).
  activation act = activation::none;
  /// Sequence input [T, F] only: output every frame's output [T, units] instead of the last [units].
  bool return_sequences = false;
  /// Sequence input only: keep the memory between invocations. A rank-1 input (one frame,
  /// streaming, TFLite's SVDF) is always stateful.
  bool stateful = false;
};

/// SVDF layer, TFLite's SVDF op (e.g. the keyword-spotting models of TFLite Micro), bit-exact with
/// TFLite Micro's reference kernel.
///   Streaming mode: input [F], one frame -> [units]. The memory (filters * Memory values, TFLite's
///   activation state) persists between invocations in the model's state memory (`state_bytes`);
///   `Model::reset` (or `ctml::state<Model>::reset`) clears it as TFLite Micro does (int8 state to its
///   zero point, int16 and float to 0). Static state memory starts as zeros: call reset() first when
///   an int8 state has a non-zero zero point.
///   Sequence mode: input [T, F] -> the last frame's output [units] (or [T, units] with
///   return_sequences), the same bytes as T streaming invocations; each invocation starts from a
///   cleared memory kept in scratch (unless `stateful`).
/// Usage: `ctml::svdf<ctml::svdf_options{.units = 32}, my_data::svdf0>`
template <svdf_options O, const auto& W>
struct svdf {
  using weights_type = std::remove_cvref_t<decltype(W)>;
  using value_type = typename weights_type::value_type;

  /// int8: the scales positive, the zero points in range (float: nothing to check).
  template <TensorSpec In>
  static consteval bool quantization_ok() {
    if constexpr (std::is_same_v<value_type, float>)
      return true;
    else
      return detail::valid_quantization(In::quant) && detail::valid_quantization(W.output) &&
             W.state.scale > 0.0f && W.feature_scale > 0.0f && W.time_scale > 0.0f;
  }

  /// The compile-time checks in order; the first that fails is the only error (see bind_checked).
  template <TensorSpec In>
  static consteval bool valid() {
    using S = typename In::shape;
    if constexpr (weights_type::units != O.units) {
      static_assert(detail::options_weights_mismatch<svdf, O.units, weights_type::units>,
                    "ctml::svdf: weights have a different number of units than .units");
      return false;
    } else if constexpr (weights_type::rank != O.rank) {
      static_assert(detail::options_weights_mismatch<svdf, O.rank, weights_type::rank>,
                    "ctml::svdf: weights have a different rank than .rank");
      return false;
    } else if constexpr (O.rank < 1 || weights_type::memory < 1) {
      static_assert(detail::options_weights_mismatch<svdf, O.rank, weights_type::memory>,
                    "ctml::svdf: rank and memory size must be at least 1");
      return false;
    } else if constexpr (!std::is_same_v<typename In::value_type, value_type>) {
      static_assert(detail::element_type_mismatch<svdf, typename In::value_type, value_type>,
                    "ctml::svdf: the input's element type differs from the weights' (int8 with float?)");
      return false;
    } else if constexpr (S::rank != 1 && S::rank != 2) {
      static_assert(detail::input_rank_mismatch<svdf, 2, S>,
                    "ctml::svdf: input must be [features] (streaming) or [frames, features] (sequence)");
      return false;
    } else if constexpr (S::rank == 1 && O.return_sequences) {
      static_assert(detail::input_rank_mismatch<svdf, 2, S>,
                    "ctml::svdf: return_sequences needs a sequence input [frames, features]; a streaming "
                    "input [features] returns the output of its one frame");
      return false;
    } else if constexpr (S::dims[S::rank - 1] != weights_type::features) {
      static_assert(
          detail::input_shape_mismatch<svdf, shape<weights_type::features>, shape<S::dims[S::rank - 1]>>,
          "ctml::svdf: input features differ from the weights' features");
      return false;
    } else if constexpr (!std::is_same_v<value_type, float> && O.act != activation::none) {
      static_assert(
          detail::options_weights_mismatch<svdf, O.act, activation::none>,
          "ctml::svdf: TFLite Micro's int8 SVDF applies no activation; use .act = none (ctml-import "
          "drops a fused activation of an int8 SVDF, as TFLite Micro ignores it)");
      return false;
    } else if constexpr (!quantization_ok<In>()) {
      static_assert(detail::invalid_quantization<svdf, In>,
                    "ctml::svdf: int8 scales must be positive and zero points in [-128, 127]");
      return false;
    }
    return true;
  }

  template <TensorSpec In>
  struct bound {
    using T = typename In::value_type;
    static constexpr bool streaming = In::shape::rank == 1;
    static constexpr int units = O.units, rank = O.rank, memory = weights_type::memory;
    static constexpr int filters = units * rank;
    static constexpr int steps = streaming ? 1 : In::shape::dims[0];
    static constexpr int features = In::shape::dims[streaming ? 0 : 1];
    static constexpr bool is_float = std::is_same_v<T, float>;
    using state_type = typename weights_type::state_type;
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

    static constexpr const char* name = "svdf";
    static constexpr svdf_options options = O;
    static constexpr const weights_type& weights = W;
    static constexpr std::size_t memory_elements = static_cast<std::size_t>(filters) * memory;
    static constexpr std::size_t params =
        static_cast<std::size_t>(filters) * static_cast<std::size_t>(features + memory) + units;
    static constexpr std::size_t macs = static_cast<std::size_t>(steps) * static_cast<std::size_t>(filters) *
                                        static_cast<std::size_t>(features + memory);
    static constexpr std::size_t memory_bytes = memory_elements * sizeof(state_type);
    static constexpr std::size_t state_bytes = persistent ? memory_bytes : 0;
    static constexpr bool in_place = false;
    static constexpr std::size_t weight_bytes = sizeof(weights_type);

    // TFLite Micro's effective scales, the products computed in float as it does.
    static constexpr kernels::svdf_s8_params params_s8 = [] {
      if constexpr (is_float) {
        return kernels::svdf_s8_params{};
      } else {
        const float s1 = In::quant.scale * W.feature_scale / W.state.scale;
        const float s2 = W.state.scale * W.time_scale / W.output.scale;
        return kernels::svdf_s8_params{quantize_multiplier(static_cast<double>(s1)),
                                       quantize_multiplier(static_cast<double>(s2)), In::quant.zero_point,
                                       W.state.zero_point, W.output.zero_point};
      }
    }();

    /// The kernel the target selects (scratch and run: kernels/kernel.hpp).
    using kernel =
        std::conditional_t<is_float, kernels::svdf_f32_kernel<units, rank, features, memory, O.act>,
                           kernels::svdf_s8_kernel<units, rank, features, memory, state_type, params_s8>>;
    static constexpr std::size_t kernel_scratch = (kernel::scratch_bytes + 3) / 4 * 4;
    // The kernel's scratch, then the memory when it is not persistent.
    static constexpr std::size_t scratch_bytes =
        kernel_scratch + (persistent ? 0 : (memory_bytes + 3) / 4 * 4);

    /// Clears a persistent memory as TFLite Micro resets its variable tensors.
    static void reset(std::byte* state) noexcept requires(persistent) {
      clear(reinterpret_cast<state_type*>(state));
    }
    /// Sequence mode, from a cleared memory in scratch.
    static void run(const T* x, T* y, std::byte* scratch) noexcept requires(!persistent) {
      auto* s = reinterpret_cast<state_type*>(scratch + kernel_scratch);
      clear(s);
      frames(x, y, s, scratch);
    }
    /// Streaming (or stateful sequence) mode: the memory persists in `state`.
    static void run(const T* x, T* y, std::byte* scratch, std::byte* state) noexcept requires(persistent) {
      frames(x, y, reinterpret_cast<state_type*>(state), scratch);
    }

   private:
    static void clear(state_type* s) noexcept {
      // TFLite Micro fills an int8 variable tensor with its zero point and any other type with 0.
      state_type v{};
      if constexpr (std::is_same_v<state_type, std::int8_t>) v = static_cast<std::int8_t>(W.state.zero_point);
      for (std::size_t i = 0; i < memory_elements; ++i) s[i] = v;
    }
    static void frames(const T* x, T* y, state_type* s, std::byte* scratch) noexcept {
      for (int t = 0; t < steps; ++t) {
        // Without return_sequences every frame writes the one output; the last one stays.
        kernel::run(x + t * features, s, W.feature.data(), W.time.data(), W.bias.data(),
                    y + (O.return_sequences ? t * units : 0), scratch);
      }
    }
  };
  template <TensorSpec In>
  using bind = detail::bind_checked<valid<In>(), bound<In>, In>;
};

}  // namespace ctml
