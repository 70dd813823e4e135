#pragma once
// Budgets: one static_assert that a model fits a part's RAM and flash, with the numbers in the error.

#include <cstddef>
#include <limits>

namespace ctml {

/// What a model may use. RAM counts the arena and persistent state; flash counts the constants the
/// kernels read (weights, biases, multipliers), not code. Unset fields are unlimited.
/// Usage: `ctml::budget{.ram = 16_KiB, .flash = 64_KiB}`
struct budget {
  std::size_t ram = std::numeric_limits<std::size_t>::max();
  std::size_t flash = std::numeric_limits<std::size_t>::max();
};

/// Satisfied when `Model` fits `B`: for constraints and tests that branch on it.
template <class Model, budget B>
concept FitsBudget = Model::ram_bytes <= B.ram&& Model::weight_bytes <= B.flash;

namespace detail {
// Instantiated only when a budget is exceeded, so the compiler's "in instantiation of" line shows
// the model and both numbers: `ram_bytes_exceed_budget<kws, 16001, 16000>` (needed, budget).
template <class Model, std::size_t Needed, std::size_t Budget>
struct ram_bytes_exceed_budget {
  static_assert(Needed <= Budget,
                "ctml::fits: the model needs more RAM (arena + state bytes) than the budget; see "
                "ram_bytes_exceed_budget<model, needed, budget> above and docs/memory.md");
  static constexpr bool value = Needed <= Budget;
};
template <class Model, std::size_t Needed, std::size_t Budget>
struct flash_bytes_exceed_budget {
  static_assert(Needed <= Budget,
                "ctml::fits: the model's constants (weights, biases, multipliers) need more flash than the "
                "budget; see flash_bytes_exceed_budget<model, needed, budget> above");
  static constexpr bool value = Needed <= Budget;
};

template <class Model, budget B>
consteval bool check_budget() {
  if constexpr (Model::ram_bytes > B.ram) {
    return ram_bytes_exceed_budget<Model, Model::ram_bytes, B.ram>::value;
  } else if constexpr (Model::weight_bytes > B.flash) {
    return flash_bytes_exceed_budget<Model, Model::weight_bytes, B.flash>::value;
  } else {
    return true;
  }
}
}  // namespace detail

/// True when `Model` fits `B`; otherwise a compile error naming the model, the bytes it needs and
/// the budget (see docs/memory.md for how to shrink a model).
/// Usage: `static_assert(ctml::fits<kws, ctml::budget{.ram = 16_KiB, .flash = 64_KiB}>);`
template <class Model, budget B>
inline constexpr bool fits = detail::check_budget<Model, B>();

}  // namespace ctml
