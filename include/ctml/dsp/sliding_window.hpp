#pragma once
// A window over the last Rows feature rows of a stream, always readable as one contiguous span.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace ctml::dsp {

/// The last Rows feature rows of a stream (e.g. 49 frames x 10 MFCCs for keyword spotting), kept
/// so that the model input is always one contiguous span, oldest row first, with no copying and no
/// recomputation: each row is stored twice, at slot r and r + Rows, of a 2 x Rows ring.
/// Memory: 2 * Rows * Cols values and two 32-bit counters (feature_ring: half that, copied out).
/// Usage:
///   ctml::dsp::sliding_window<std::int8_t, 49, 10> w;
///   w.push_row(row);                 // 10 values
///   if (w.full()) model(w.view());   // 490 values, oldest first
template <typename T, std::size_t Rows, std::size_t Cols>
class sliding_window {
  static_assert(Rows >= 1 && Cols >= 1 && Rows <= 0xFFFF'FFFF,
                "ctml::dsp::sliding_window<T, Rows, Cols>: need 1 <= Rows < 2^32, Cols >= 1");

 public:
  static constexpr std::size_t num_rows = Rows;
  static constexpr std::size_t num_cols = Cols;
  /// Memory (ctml::Budgeted, docs/memory.md): everything is state (the rows and the ring position).
  static constexpr std::size_t flash_bytes = 0;
  static constexpr std::size_t state_bytes = sizeof(sliding_window);
  static constexpr std::size_t scratch_bytes = 0;
  static constexpr std::size_t ram_bytes = sizeof(sliding_window);

  constexpr void push_row(std::span<const T, Cols> row) {
    for (std::size_t c = 0; c < Cols; ++c) {
      buf_[head_ * Cols + c] = row[c];
      buf_[(head_ + Rows) * Cols + c] = row[c];
    }
    head_ = head_ + 1 == Rows ? 0 : head_ + 1;
    if (count_ < Rows) ++count_;
  }
  /// True once Rows rows have been pushed since construction or reset().
  constexpr bool full() const { return count_ == Rows; }
  constexpr std::size_t size() const { return count_; }
  /// The last Rows rows, oldest first (rows not yet pushed read as T{}).
  constexpr std::span<const T, Rows * Cols> view() const {
    return std::span<const T, Rows * Cols>(buf_.data() + head_ * Cols, Rows * Cols);
  }
  constexpr void reset() {
    buf_.fill(T{});
    head_ = 0;
    count_ = 0;
  }

 private:
  std::array<T, 2 * Rows * Cols> buf_{};
  std::uint32_t head_ = 0;
  std::uint32_t count_ = 0;
};

}  // namespace ctml::dsp
