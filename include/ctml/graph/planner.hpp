#pragma once
// The arena planner: gives every tensor of a model an offset in one buffer so that tensors whose
// lifetimes overlap never share bytes. Plain constexpr code over caller-provided storage, so the
// library runs it at compile time (sequential/graph) and ctml-import runs the same code at run time
// to print the plan in a generated header's summary.

#include <cstddef>

namespace ctml {

/// One buffer the plan must place.
struct tensor_lifetime {
  std::size_t bytes = 0;  ///< size; 0 for tensors that need no arena memory
  int first = 0;          ///< index of the op that writes it (-1: written before op 0, e.g. the input)
  int last = 0;           ///< index of the last op that reads it (inclusive)
  int alias = -1;         ///< index of an earlier tensor whose bytes it reuses (in-place ops, reshape)
};

/// Bytes are placed at multiples of this; the arena itself is aligned to 16.
inline constexpr std::size_t arena_alignment = 4;

constexpr std::size_t align_up(std::size_t n, std::size_t a = arena_alignment) {
  return (n + a - 1) / a * a;
}

namespace detail {
constexpr bool lifetimes_overlap(const tensor_lifetime& a, const tensor_lifetime& b) {
  return !(a.last < b.first || b.last < a.first);
}

// Places roots in `order[0..count)` one by one. Each goes to the lowest offset that overlaps no
// placed buffer alive at the same time, or, when `top_limit` is non-zero and the tensor's rank in
// the order is odd, to the highest such offset below `top_limit` (ping-pong between the two ends,
// optimal for chains). Returns the arena size.
constexpr std::size_t place(const tensor_lifetime* merged, const std::size_t* order, std::size_t count,
                            std::size_t* offsets, std::size_t top_limit) {
  std::size_t arena = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = order[k];
    const tensor_lifetime& me = merged[i];
    const std::size_t size = align_up(me.bytes);
    auto fits_at = [&](std::size_t at) {
      for (std::size_t p = 0; p < k; ++p) {
        const tensor_lifetime& o = merged[order[p]];
        if (o.bytes == 0 || !lifetimes_overlap(o, me)) continue;
        const std::size_t lo = offsets[order[p]], hi = lo + align_up(o.bytes);
        if (at < hi && lo < at + size) return false;
      }
      return true;
    };
    // Candidates: 0, the end of each conflicting placed buffer, and (top placement) the start of
    // each conflicting buffer or the limit, minus our size.
    std::size_t low = static_cast<std::size_t>(-1), high = 0;
    bool have_high = false;
    for (std::size_t c = 0; c <= k && size != 0; ++c) {
      std::size_t ends[2] = {0, top_limit};
      if (c < k) {
        const tensor_lifetime& o = merged[order[c]];
        if (o.bytes == 0 || !lifetimes_overlap(o, me)) continue;
        ends[0] = offsets[order[c]] + align_up(o.bytes);
        ends[1] = offsets[order[c]];
      }
      if (ends[0] < low && fits_at(ends[0])) low = ends[0];
      if (top_limit != 0 && ends[1] >= size && ends[1] <= top_limit) {
        const std::size_t at = ends[1] - size;
        if ((!have_high || at > high) && fits_at(at)) {
          high = at;
          have_high = true;
        }
      }
    }
    std::size_t offset = size == 0 ? 0 : low;
    if (size != 0 && top_limit != 0 && (k % 2 == 1) && have_high) offset = high;
    offsets[i] = offset;
    if (offset + size > arena) arena = offset + size;
  }
  return arena;
}
}  // namespace detail

/// Copies `t[0..n)` to `merged`, each aliasing tensor folded into the tensor it aliases (its root):
/// the root's bytes become the larger of the two and its lifetime the union; the alias's bytes 0.
/// REQUIRES: aliases point to lower indices.
constexpr void merge_aliases(const tensor_lifetime* t, std::size_t n, tensor_lifetime* merged) {
  for (std::size_t i = 0; i < n; ++i) merged[i] = t[i];
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t r = i;
    while (t[r].alias >= 0) r = static_cast<std::size_t>(t[r].alias);
    if (r == i) continue;
    merged[r].bytes = merged[r].bytes > t[i].bytes ? merged[r].bytes : t[i].bytes;
    merged[r].first = merged[r].first < t[i].first ? merged[r].first : t[i].first;
    merged[r].last = merged[r].last > t[i].last ? merged[r].last : t[i].last;
    merged[i].bytes = 0;  // planned through its root
  }
}

/// Bytes (each buffer aligned) of the buffers of `merged[0..n)` alive while op `op` runs: no plan
/// can use less, and the schedulers (graph/scheduled.hpp) look for the op where it peaks.
constexpr std::size_t live_bytes(const tensor_lifetime* merged, std::size_t n, int op) {
  std::size_t live = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (merged[i].bytes && merged[i].first <= op && op <= merged[i].last) live += align_up(merged[i].bytes);
  return live;
}

/// Plans offsets for `n` tensors so that buffers alive at the same time never overlap; an
/// aliasing tensor takes the offset of the tensor it aliases, and the two are planned as one buffer
/// alive for the union of their lifetimes. Three placements are tried and the smallest arena kept:
/// largest first (TFLM's greedy rule), first use first, and first use first alternating between the
/// bottom and the top of an arena as small as the largest set of simultaneously live buffers (which
/// is optimal for chains). Writes `offsets[0..n)` and returns the arena size in bytes.
/// REQUIRES: `order`, `offsets` and `merged` have room for `n` entries; aliases point to lower indices.
constexpr std::size_t plan_arena(const tensor_lifetime* t, std::size_t n, std::size_t* offsets,
                                 std::size_t* order, tensor_lifetime* merged) {
  merge_aliases(t, n, merged);
  auto root = [&](std::size_t i) {
    while (t[i].alias >= 0) i = static_cast<std::size_t>(t[i].alias);
    return i;
  };
  // The lower bound: the most bytes alive during any one op.
  int first_op = 0, last_op = 0;
  for (std::size_t i = 0; i < n; ++i) {
    first_op = merged[i].first < first_op ? merged[i].first : first_op;
    last_op = merged[i].last > last_op ? merged[i].last : last_op;
  }
  std::size_t bound = 0;
  for (int op = first_op; op <= last_op; ++op) {
    const std::size_t live = live_bytes(merged, n, op);
    bound = live > bound ? live : bound;
  }
  auto run = [&](int strategy) {
    // Order the roots: by size (ties: first use) for strategy 0, by first use (ties: larger first) otherwise.
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (root(i) != i) continue;
      std::size_t j = count++;
      while (j > 0) {
        const tensor_lifetime& a = merged[order[j - 1]];
        const tensor_lifetime& b = merged[i];
        const bool before = strategy == 0 ? (a.bytes > b.bytes || (a.bytes == b.bytes && a.first <= b.first))
                                          : (a.first < b.first || (a.first == b.first && a.bytes >= b.bytes));
        if (before) break;
        order[j] = order[j - 1];
        --j;
      }
      order[j] = i;
    }
    return detail::place(merged, order, count, offsets, strategy == 2 ? bound : 0);
  };
  int best = 0;
  std::size_t best_bytes = run(0);
  for (int strategy = 1; strategy < 3; ++strategy) {
    const std::size_t bytes = run(strategy);
    if (bytes < best_bytes) {
      best_bytes = bytes;
      best = strategy;
    }
  }
  run(best);  // the offsets of the winner (each run overwrites them)
  for (std::size_t i = 0; i < n; ++i) offsets[i] = offsets[root(i)];
  return best_bytes;
}

}  // namespace ctml
