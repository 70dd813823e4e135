// The arena planner: no two buffers alive at the same time overlap (checked exhaustively here),
// and the arena is as small as the largest set of simultaneously live buffers allows on chains.
#include <array>
#include <cstddef>

#include <doctest/doctest.h>

#include <ctml/graph/planner.hpp>

namespace {
template <std::size_t N>
std::size_t plan(const std::array<ctml::tensor_lifetime, N>& t, std::array<std::size_t, N>& off) {
  std::array<std::size_t, N> order{};
  std::array<ctml::tensor_lifetime, N> merged{};
  return ctml::plan_arena(t.data(), N, off.data(), order.data(), merged.data());
}
bool alive_together(const ctml::tensor_lifetime& a, const ctml::tensor_lifetime& b) {
  return !(a.last < b.first || b.last < a.first);
}
}  // namespace

TEST_CASE("a chain needs the largest adjacent pair") {
  // KWS: input 490, four 8000-byte activations, then 64, 12, 12.
  std::array<ctml::tensor_lifetime, 7> t{
      {{490, -1, 0}, {8000, 0, 1}, {8000, 1, 2}, {8000, 2, 3}, {64, 3, 4}, {12, 4, 5}, {12, 5, 6}}};
  std::array<std::size_t, 7> off{};
  CHECK(plan(t, off) == 16000);
}

TEST_CASE("no two live buffers overlap; aliases share offsets") {
  std::array<ctml::tensor_lifetime, 8> t{{{100, -1, 0},
                                          {300, 0, 3},  // a skip connection: alive over several ops
                                          {200, 1, 2},
                                          {200, 2, 2, 2},  // in place over tensor 2
                                          {50, 2, 4},
                                          {400, 3, 4},
                                          {7, 4, 5},
                                          {0, 1, 1}}};
  std::array<std::size_t, 8> off{};
  const std::size_t arena = plan(t, off);
  CHECK(off[3] == off[2]);
  for (std::size_t i = 0; i < t.size(); ++i) {
    CHECK(off[i] % ctml::arena_alignment == 0);
    CHECK(off[i] + t[i].bytes <= arena);
    for (std::size_t j = i + 1; j < t.size(); ++j) {
      if (t[i].bytes == 0 || t[j].bytes == 0 || t[j].alias == static_cast<int>(i) ||
          !alive_together(t[i], t[j]))
        continue;
      const bool disjoint = off[i] + t[i].bytes <= off[j] || off[j] + t[j].bytes <= off[i];
      CHECK(disjoint);
    }
  }
  // Lower bound: the largest sum of buffers alive at one op (op 3: 300 + 50 + 400 = 752 < 756 aligned).
  CHECK(arena >= 752);
  CHECK(arena <= 100 + 300 + 200 + 50 + 400 + 8);
}
