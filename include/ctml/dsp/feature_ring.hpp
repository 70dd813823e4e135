#pragma once
// The last Rows feature rows of a stream in a ring of Rows rows, copied out oldest first on demand:
// half the RAM of sliding_window, for a model input that has to be written anyway.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace ctml::dsp {

/// The last Rows feature rows of a stream (e.g. 49 frames x 10 MFCCs for keyword spotting) in a
/// ring of Rows x Cols values. push_row writes one row (no shifting); copy_to writes the window,
/// oldest row first, into the caller's buffer, typically the model's input tensor, which an NN
/// model's arena reuses during inference and so cannot hold the window itself.
/// Memory: Rows * Cols values and two 32-bit counters (sliding_window, whose view needs no copy,
/// holds every row twice).
/// Usage:
///   ctml::dsp::feature_ring<std::int8_t, 49, 10> w;
///   w.push_row(row);                          // 10 values
///   if (w.full()) w.copy_to(model_input);     // 490 values, oldest first
template <typename T, std::size_t Rows, std::size_t Cols>
class feature_ring {
  static_assert(Rows >= 1 && Cols >= 1 && Rows <= 0xFFFF'FFFF,
                "ctml::dsp::feature_ring<T, Rows, Cols>: need 1 <= Rows < 2^32, Cols >= 1");

 public:
  static constexpr std::size_t num_rows = Rows;
  static constexpr std::size_t num_cols = Cols;
  static constexpr std::size_t num_values = Rows * Cols;
  /// Memory (ctml::Budgeted, docs/memory.md): everything is state (the rows and the ring position).
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(feature_ring);
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t ram_bytes = sizeof(feature_ring);

  /// Appends a row, dropping the oldest once Rows rows are held.
  constexpr void push_row(std::span<const T, Cols> row) {
    std::copy(row.begin(), row.end(), buf_.begin() + static_cast<std::ptrdiff_t>(next_ * Cols));
    next_ = next_ + 1 == Rows ? 0 : next_ + 1;
    if (count_ < Rows) ++count_;
  }
  /// True once Rows rows have been pushed since construction or reset().
  constexpr bool full() const { return count_ == Rows; }
  constexpr std::size_t size() const { return count_; }
  /// Writes the last Rows rows, oldest first (rows not yet pushed read as T{}): two block copies.
  constexpr void copy_to(std::span<T, num_values> out) const {
    const auto split = buf_.begin() + static_cast<std::ptrdiff_t>(next_ * Cols);
    std::copy(buf_.begin(), split, std::copy(split, buf_.end(), out.begin()));
  }
  constexpr void reset() {
    buf_.fill(T{});
    next_ = 0;
    count_ = 0;
  }

 private:
  std::array<T, num_values> buf_{};
  std::uint32_t next_ = 0;  // the slot of the next row, i.e. of the oldest once full
  std::uint32_t count_ = 0;
};

}  // namespace ctml::dsp
