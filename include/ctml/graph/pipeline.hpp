#pragma once
// ctml::pipeline: a DSP front end feeding an NN model or a tree ensemble, as one type whose memory
// facts (ctml::Budgeted) cover the whole chain, so one static_assert budgets the product. The rule
// for what adds up is in docs/memory.md ("Pipelines").

#include <array>
#include <cstddef>
#include <span>

#include <ctml/graph/arena.hpp>
#include <ctml/graph/budget.hpp>

namespace ctml {

/// One row of a pipeline's stage table (what `ctml::print_summary` prints for a pipeline).
struct stage_info {
  const char* role;  ///< "front end", "model", or "features" (the hand-off buffer a pipeline owns)
  const char* kind;  ///< "DSP block", "NN model", "trees", "buffer"
  std::size_t flash_bytes;
  std::size_t state_bytes;
  std::size_t scratch_bytes;
};

namespace detail {
// An NN model (ctml::sequential / ctml::graph) runs in a ctml::arena; a tree ensemble reads a
// feature vector; anything else is a block with compute(in, out).
template <class M>
concept nn_model = requires {
  M::arena_bytes;
  M::input_offset;
  typename M::input_spec;
};
template <class M>
concept tree_model = requires {
  M::num_trees;
  M::num_features;
  typename M::feature_type;
};

template <class S>
consteval const char* kind_of() {
  if constexpr (nn_model<S>)
    return "NN model";
  else if constexpr (tree_model<S>)
    return "trees";
  else
    return "DSP block";
}

// What the pipeline keeps to run the model: the arena (and state) of an NN model, the feature
// vector of a tree ensemble.
template <class M>
struct model_slot;
template <class M>
requires nn_model<M> &&(M::state_bytes == 0) struct model_slot<M> {
  static constexpr std::size_t handoff_bytes = 0;  // the front end writes into the arena's input
  ctml::arena<M> arena{};
  auto input() noexcept { return arena.input(); }
  auto run() noexcept {
    M::invoke(arena);
    return arena.output();
  }
  void reset() noexcept {}
};
template <class M>
requires nn_model<M> &&(M::state_bytes > 0) struct model_slot<M> {
  static constexpr std::size_t handoff_bytes = 0;
  ctml::arena<M> arena{};
  ctml::state<M> state{};
  auto input() noexcept { return arena.input(); }
  auto run() noexcept {
    M::invoke(arena, state);
    return arena.output();
  }
  void reset() noexcept { state.reset(); }
};
template <class M>
requires tree_model<M>
struct model_slot<M> {
  static constexpr std::size_t handoff_bytes = sizeof(std::array<typename M::feature_type, M::num_features>);
  std::array<typename M::feature_type, M::num_features> features{};
  std::span<typename M::feature_type, M::num_features> input() noexcept { return features; }
  auto run() noexcept { return M::predict(features); }
  void reset() noexcept {}
};
}  // namespace detail

/// A complete inference chain: `FrontEnd` (a DSP block with `compute(in, out)`) writes straight into
/// the input of `Model` (an NN model or a tree ensemble), which then runs. The pipeline owns the
/// front end, the model's arena (and state) or feature vector, and publishes the budget of the whole
/// (ctml::Budgeted): every stage's buffers are alive together, so flash, state and scratch bytes add
/// up, plus the alignment padding between the parts (docs/memory.md, "Pipelines").
/// Usage:
///   struct kws_pipeline final : ctml::pipeline<ctml::dsp::kws_frontend, kws> {};  // errors say kws_pipeline
///   static_assert(ctml::fits<kws_pipeline, ctml::budget{.ram = 32_KiB, .flash = 64_KiB}>);
///   static kws_pipeline p;
///   auto scores = p.run(audio);   // 16000 int16 samples -> 12 int8 scores
template <Budgeted FrontEnd, Budgeted Model>
class pipeline {
  static_assert(detail::nn_model<Model> || detail::tree_model<Model>,
                "ctml::pipeline<FrontEnd, Model>: Model must be an NN model (ctml::sequential, "
                "ctml::graph) or a tree ensemble (ctml::trees)");
  using slot = detail::model_slot<Model>;

 public:
  using front_end_type = FrontEnd;
  using model_type = Model;

  /// Constants of both stages.
  static constexpr std::size_t flash_bytes = FrontEnd::flash_bytes + Model::flash_bytes;
  /// Persistent RAM of both stages (streaming buffers, recurrent state).
  static constexpr std::size_t state_bytes = FrontEnd::state_bytes + Model::state_bytes;
  /// Everything the pipeline object holds: `sizeof(pipeline)`, so a budget on it is exact.
  static constexpr std::size_t ram_bytes = sizeof(pipeline);
  /// Work RAM of both stages, plus the feature vector a tree ensemble reads (an NN model's input
  /// already lies in its arena) and any alignment padding between the parts. Not overlaid: the
  /// front end's output must outlive the front end.
  static constexpr std::size_t scratch_bytes = ram_bytes - state_bytes;

  static constexpr std::size_t num_stages = slot::handoff_bytes > 0 ? 3 : 2;
  /// The stage table `ctml::print_summary` prints.
  static constexpr std::array<stage_info, num_stages> stages = [] {
    std::array<stage_info, num_stages> s{};
    s[0] = {"front end", detail::kind_of<FrontEnd>(), FrontEnd::flash_bytes, FrontEnd::state_bytes,
            FrontEnd::scratch_bytes};
    if constexpr (num_stages == 3) s[1] = {"features", "buffer", 0, 0, slot::handoff_bytes};
    s[num_stages - 1] = {"model", detail::kind_of<Model>(), Model::flash_bytes, Model::state_bytes,
                         Model::scratch_bytes};
    return s;
  }();

  /// Runs the front end on `in`, writing the model's input; returns what `FrontEnd::compute`
  /// returns (e.g. a ctml::dsp::frontend_status).
  template <class In>
  decltype(auto) extract(const In& in) {
    static_assert(
        requires(FrontEnd & f, const In& x, slot& m) { f.compute(x, m.input()); },
        "ctml::pipeline::extract(in): the front end has no compute(in, out) that writes the "
        "model's input (check the input type and that the feature count and type match)");
    return front_end_.compute(in, model_.input());
  }
  /// Runs the model on the features written last: an NN model's output span, or a tree ensemble's
  /// predict (class index or value).
  auto infer() noexcept { return model_.run(); }
  /// `extract(in)` then `infer()`. Usage: `auto scores = p.run(audio);`
  template <class In>
  auto run(const In& in) {
    extract(in);
    return infer();
  }

  /// Starts a new stream: clears the model's recurrent state and, if it has `reset()`, the front
  /// end's buffers.
  void reset() noexcept {
    if constexpr (requires { front_end_.reset(); }) front_end_.reset();
    model_.reset();
  }

  /// The front end, e.g. for streaming (`p.front_end().push(chunk)`).
  FrontEnd& front_end() noexcept { return front_end_; }
  /// Where the front end writes: the model's input tensor or feature vector.
  auto model_input() noexcept { return model_.input(); }

 private:
  // A front end without buffers takes no bytes.
  [[no_unique_address]] FrontEnd front_end_{};
  slot model_{};
};

}  // namespace ctml
