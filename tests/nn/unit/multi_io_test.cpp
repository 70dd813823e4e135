// Models with several inputs and outputs (ctml::graph with several input nodes and ctml::outputs):
// the arena API, the memory plan (every input alive until its last reader, every output until the
// end), the results against a plain loop written here, and the summary.
#include <array>
#include <cstddef>
#include <string>

#include <doctest/doctest.h>

#include <ctml/ctml.hpp>

// y = (a * a - a) + b, z = a * a: input b is read by the last layer only, so the plan must keep it
// apart from everything written before; output z (written first) must survive the later layers.
struct two_io final
    : ctml::graph<ctml::node<"a", ctml::input<ctml::shape<3, 8>, float>>,
                  ctml::node<"b", ctml::input<ctml::shape<8>, float>>,
                  ctml::node<"sq", ctml::mul<>, "a", "a">, ctml::node<"d", ctml::sub<>, "sq", "a">,
                  ctml::node<"y", ctml::add<>, "d", "b">, ctml::outputs<"y", "sq">> {};

static_assert(two_io::input_count == 2 && two_io::output_count == 2);
static_assert(std::is_same_v<two_io::input_spec_at<1>::shape, ctml::shape<8>>);
static_assert(std::is_same_v<two_io::output_spec_at<0>::shape, ctml::shape<3, 8>>);
static_assert(two_io::output_tensors[0] == 4 && two_io::output_tensors[1] == 2);  // 2 inputs, then layers
static_assert(two_io::input_bytes[1] == 32 && two_io::output_bytes[0] == 96);
static_assert(two_io::tensor_last_use[1] == 2 && two_io::tensor_last_use[2] == 3);  // b: layer 2; sq: the end

namespace {
// Every pair of tensors alive at the same op has disjoint bytes, unless the later one runs in place
// over the earlier (same offset, the earlier's last reader writes it).
template <class M>
bool plan_is_sound() {
  constexpr std::size_t ni = M::input_count, n = ni + M::num_layers;
  std::array<int, n> first{};
  std::array<std::size_t, n> bytes{};
  for (std::size_t t = 0; t < n; ++t) {
    first[t] = t < ni ? -1 : static_cast<int>(t - ni);
    bytes[t] = t < ni ? M::input_bytes[t] : M::layers[t - ni].bytes;
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool alive = !(M::tensor_last_use[i] < first[j] || M::tensor_last_use[j] < first[i]);
      const std::size_t oi = M::tensor_offsets[i], oj = M::tensor_offsets[j];
      const bool overlap = oi < oj + bytes[j] && oj < oi + bytes[i];
      const bool in_place = oi == oj && M::tensor_last_use[i] == first[j];
      if (alive && overlap && !in_place) return false;
    }
  return true;
}
}  // namespace

TEST_CASE("several inputs and outputs: each input lives until its last reader, each output to the end") {
  CHECK(plan_is_sound<two_io>());
  static ctml::arena<two_io> arena;
  auto a = arena.input<0>();
  auto b = arena.input<1>();
  static_assert(decltype(a)::extent == 24 && decltype(b)::extent == 8);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = 0.25f * static_cast<float>(i) - 2.0f;
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = 10.0f * static_cast<float>(i);
  std::array<float, 24> x{};
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = a[i];
  two_io::invoke(arena);
  for (std::size_t i = 0; i < 24; ++i) {
    CHECK(arena.output<0>()[i] == (x[i] * x[i] - x[i]) + 10.0f * static_cast<float>(i % 8));
    CHECK(arena.output<1>()[i] == x[i] * x[i]);
  }
}

TEST_CASE("one input, one output: input() / output() and input<0>() / output<0>() are the same bytes") {
  using one = ctml::graph<ctml::node<"x", ctml::input<ctml::shape<4>, float>>,
                          ctml::node<"y", ctml::mul<>, "x", "x">>;
  static ctml::arena<one> arena;
  CHECK(arena.input().data() == arena.input<0>().data());
  CHECK(arena.output().data() == arena.output<0>().data());
  CHECK(one::input_offset == one::input_offsets[0]);
}

TEST_CASE("summary: every input and which layers are the outputs") {
  std::string s;
  ctml::print_summary<two_io>([&](char ch) { s += ch; }, "two_io");
  CHECK(s.find(" -  input                 (3, 8)") != std::string::npos);
  CHECK(s.find(" -  input                 (8)") != std::string::npos);
  CHECK(s.find("Outputs: layers 2, 0") != std::string::npos);
  CHECK(s.find(std::to_string(two_io::arena_bytes) + " bytes") != std::string::npos);
}
