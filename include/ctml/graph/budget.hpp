#pragma once
// Budgets: the memory vocabulary every ctml model, tree ensemble, DSP block and pipeline publishes
// (ctml::Budgeted), and one static_assert that it fits a part's RAM and flash, with the numbers in
// the error. The meaning of each number: docs/memory.md.

#include <concepts>
#include <cstddef>
#include <limits>
#include <type_traits>

namespace ctml {

namespace detail {
template <class V>
concept byte_count = std::same_as<std::remove_cv_t<V>, std::size_t>;
}  // namespace detail

/// A type that states what it needs in memory, as `static constexpr std::size_t` members:
/// - `flash_bytes`:   constant data it reads (weights, biases, multipliers, node tables, DSP tables);
///                    code is not counted;
/// - `state_bytes`:   RAM whose contents must survive from one call to the next (GRU state, ring
///                    buffers, a sliding window of features);
/// - `scratch_bytes`: RAM used only while a call runs (an NN model's arena, FFT work buffers);
/// - `ram_bytes`:     `state_bytes + scratch_bytes`, the RAM to reserve. Stack is not counted.
/// NN models, tree ensembles, DSP blocks that own buffers and ctml::pipeline all model it.
/// Usage: `static_assert(ctml::Budgeted<ctml::dsp::kws_frontend>);`
template <class T>
concept Budgeted = requires {
  requires detail::byte_count<decltype(T::flash_bytes)>;
  requires detail::byte_count<decltype(T::state_bytes)>;
  requires detail::byte_count<decltype(T::scratch_bytes)>;
  requires detail::byte_count<decltype(T::ram_bytes)>;
};

/// What a model may use. RAM counts state and scratch bytes (for an NN model: the arena and the
/// persistent state); flash counts the constants it reads (weights, tables), not code. Unset fields
/// are unlimited.
/// Usage: `ctml::budget{.ram = 16_KiB, .flash = 64_KiB}`
struct budget {
  std::size_t ram = std::numeric_limits<std::size_t>::max();
  std::size_t flash = std::numeric_limits<std::size_t>::max();
};

/// Satisfied when `Model` (any ctml::Budgeted type) fits `B`: for constraints and tests that branch
/// on it.
template <class Model, budget B>
concept FitsBudget = Budgeted<Model> && Model::ram_bytes <= B.ram&& Model::flash_bytes <= B.flash;

namespace detail {
// Instantiated only when a budget is exceeded, so the compiler's "in instantiation of" line shows
// the model and both numbers: `ram_bytes_exceed_budget<kws, 16001, 16000>` (needed, budget).
template <class Model, std::size_t Needed, std::size_t Budget>
struct ram_bytes_exceed_budget {
  static_assert(Needed <= Budget,
                "ctml::fits: the model needs more RAM (state + scratch bytes: arena, work buffers) than "
                "the budget; see ram_bytes_exceed_budget<model, needed, budget> above and docs/memory.md");
  static constexpr bool value = Needed <= Budget;
};
template <class Model, std::size_t Needed, std::size_t Budget>
struct flash_bytes_exceed_budget {
  static_assert(Needed <= Budget,
                "ctml::fits: the model's constants (weights, biases, multipliers, tables) need more flash "
                "than the budget; see flash_bytes_exceed_budget<model, needed, budget> above");
  static constexpr bool value = Needed <= Budget;
};

template <class Model, budget B>
consteval bool check_budget() {
  if constexpr (!Budgeted<Model>) {
    static_assert(Budgeted<Model>,
                  "ctml::fits<M, budget>: M must state flash_bytes, state_bytes, scratch_bytes and "
                  "ram_bytes (ctml::Budgeted): an NN model, a tree ensemble, a DSP block or a "
                  "ctml::pipeline");
    return false;
  } else if constexpr (Model::ram_bytes > B.ram) {
    return ram_bytes_exceed_budget<Model, Model::ram_bytes, B.ram>::value;
  } else if constexpr (Model::flash_bytes > B.flash) {
    return flash_bytes_exceed_budget<Model, Model::flash_bytes, B.flash>::value;
  } else {
    return true;
  }
}
}  // namespace detail

/// True when `Model` fits `B`; otherwise a compile error naming the model, the bytes it needs and
/// the budget (see docs/memory.md for how to shrink a model). `Model` is any ctml::Budgeted type:
/// an NN model, a tree ensemble, a DSP block or a whole ctml::pipeline.
/// Usage: `static_assert(ctml::fits<kws, ctml::budget{.ram = 16_KiB, .flash = 64_KiB}>);`
template <class Model, budget B>
inline constexpr bool fits = detail::check_budget<Model, B>();

}  // namespace ctml
