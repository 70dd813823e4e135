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
// Always false. Named in the failing static_assert so that the compiler prints the model and both
// numbers by the message (GCC in the note below it, Clang in the error line), e.g.
// `ram_bytes_exceed_budget<kws, 16001, 16000>` (needed, budget).
template <class Model, std::size_t Needed, std::size_t Budget>
inline constexpr bool ram_bytes_exceed_budget = false;
template <class Model, std::size_t Needed, std::size_t Budget>
inline constexpr bool flash_bytes_exceed_budget = false;

// On a failed check the static_assert is the error, and the result is true so that the caller's
// own `static_assert(ctml::fits<...>)` does not repeat it (branch on ctml::FitsBudget instead). The
// numbers are template parameters so that both compilers print them.
template <class Model, std::size_t Ram, std::size_t RamBudget, std::size_t Flash, std::size_t FlashBudget>
consteval bool check_bytes() {
  if constexpr (Ram > RamBudget) {
    static_assert(ram_bytes_exceed_budget<Model, Ram, RamBudget>,
                  "ctml::fits: the model needs more RAM (state + scratch bytes: arena, work buffers) than "
                  "the budget; see docs/memory.md");
  } else if constexpr (Flash > FlashBudget) {
    static_assert(flash_bytes_exceed_budget<Model, Flash, FlashBudget>,
                  "ctml::fits: the model's constants (weights, biases, multipliers, tables) need more flash "
                  "than the budget; see docs/memory.md");
  }
  return true;
}
template <class Model, budget B>
consteval bool check_budget() {
  if constexpr (!Budgeted<Model>) {
    static_assert(Budgeted<Model>,
                  "ctml::fits<M, budget>: M must state flash_bytes, state_bytes, scratch_bytes and "
                  "ram_bytes (ctml::Budgeted): an NN model, a tree ensemble, a DSP block or a "
                  "ctml::pipeline");
    return true;
  } else {
    return check_bytes<Model, Model::ram_bytes, B.ram, Model::flash_bytes, B.flash>();
  }
}
}  // namespace detail

/// True when `Model` fits `B`; otherwise a compile error naming the model, the bytes it needs and
/// the budget (so it is meant for static_assert; to branch on a budget use ctml::FitsBudget) (see
/// docs/memory.md for how to shrink a model). `Model` is any ctml::Budgeted type: an NN model, a tree
/// ensemble, a DSP block or a whole ctml::pipeline. Usage: `static_assert(ctml::fits<kws, ctml::budget{.ram =
/// 16_KiB, .flash = 64_KiB}>);`
template <class Model, budget B>
inline constexpr bool fits = detail::check_budget<Model, B>();

}  // namespace ctml
