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

/// Plans offsets for `n` tensors. Greedy by size (largest first, ties by first use), each at the
/// lowest offset that overlaps no already placed tensor alive at the same time; an aliasing tensor
/// takes the offset of the tensor it aliases, and the two are planned as one buffer alive for the
/// union of their lifetimes. Writes `offsets[0..n)` and returns the arena size in bytes.
/// REQUIRES: `order` and `offsets` have room for `n` entries; aliases point to lower indices.
constexpr std::size_t plan_arena(const tensor_lifetime* t, std::size_t n, std::size_t* offsets,
                                 std::size_t* order, tensor_lifetime* merged) {
  // Merge alias chains into their root: the root's buffer lives as long as any member.
  for (std::size_t i = 0; i < n; ++i) merged[i] = t[i];
  auto root = [&](std::size_t i) {
    while (t[i].alias >= 0) i = static_cast<std::size_t>(t[i].alias);
    return i;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = root(i);
    if (r == i) continue;
    merged[r].bytes = merged[r].bytes > t[i].bytes ? merged[r].bytes : t[i].bytes;
    merged[r].first = merged[r].first < t[i].first ? merged[r].first : t[i].first;
    merged[r].last = merged[r].last > t[i].last ? merged[r].last : t[i].last;
    merged[i].bytes = 0;  // planned through its root
  }
  // Order roots by size descending, then by first use (insertion sort: n is small).
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (root(i) != i) continue;
    std::size_t j = count++;
    while (j > 0) {
      const tensor_lifetime& a = merged[order[j - 1]];
      const tensor_lifetime& b = merged[i];
      if (a.bytes > b.bytes || (a.bytes == b.bytes && a.first <= b.first)) break;
      order[j] = order[j - 1];
      --j;
    }
    order[j] = i;
  }
  std::size_t arena = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = order[k];
    const tensor_lifetime& me = merged[i];
    const std::size_t size = align_up(me.bytes);
    std::size_t offset = 0;
    if (size != 0) {
      // Try candidate offsets: 0 and the end of every conflicting placed buffer; keep the lowest fit.
      std::size_t best = static_cast<std::size_t>(-1);
      for (std::size_t c = 0; c <= k; ++c) {
        std::size_t cand = 0;
        if (c < k) {
          const tensor_lifetime& o = merged[order[c]];
          if (o.bytes == 0 || o.last < me.first || me.last < o.first) continue;
          cand = offsets[order[c]] + align_up(o.bytes);
        }
        bool fits = true;
        for (std::size_t p = 0; p < k && fits; ++p) {
          const tensor_lifetime& o = merged[order[p]];
          if (o.bytes == 0 || o.last < me.first || me.last < o.first) continue;
          const std::size_t lo = offsets[order[p]], hi = lo + align_up(o.bytes);
          if (cand < hi && lo < cand + size) fits = false;
        }
        if (fits && cand < best) best = cand;
      }
      offset = best;
    }
    offsets[i] = offset;
    if (offset + size > arena) arena = offset + size;
  }
  for (std::size_t i = 0; i < n; ++i) offsets[i] = offsets[root(i)];
  return arena;
}

}  // namespace ctml
