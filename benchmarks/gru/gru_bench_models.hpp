#pragma once
// Benchmark GRUs: weights from a constexpr pseudo-random generator (the numbers do not matter for
// speed, only the shapes), one streaming model per (type, units, features).

#include <array>
#include <cstdint>

#include <ctml/graph/arena.hpp>
#include <ctml/graph/sequential.hpp>
#include <ctml/layers/gru.hpp>

namespace gru_bench {

struct lcg {
  std::uint32_t s;
  constexpr float next() {  // in [-0.5, 0.5)
    s = s * 1664525u + 1013904223u;
    return static_cast<float>(s >> 8) / 16777216.0f - 0.5f;
  }
};

template <int U, int F>
constexpr ctml::gru_weights<float, U, F> make_float() {
  ctml::gru_weights<float, U, F> w{};
  lcg r{std::uint32_t(U * 131 + F)};
  for (auto& v : w.kernel) v = r.next();
  for (auto& v : w.recurrent_kernel) v = r.next() * 0.5f;
  for (auto& v : w.input_bias) v = r.next() * 0.2f;
  for (auto& v : w.recurrent_bias) v = r.next() * 0.2f;
  return w;
}
template <int U, int F>
constexpr ctml::gru_weights<std::int8_t, U, F> make_int8() {
  ctml::gru_weights<std::int8_t, U, F> w{};
  lcg r{std::uint32_t(U * 131 + F)};
  for (auto& v : w.kernel) v = static_cast<std::int8_t>(r.next() * 254.0f);
  for (auto& v : w.recurrent_kernel) v = static_cast<std::int8_t>(r.next() * 254.0f);
  for (auto& v : w.input_bias) v = static_cast<std::int32_t>(r.next() * 2000.0f);
  for (auto& v : w.recurrent_bias) v = static_cast<std::int32_t>(r.next() * 2000.0f);
  for (auto& v : w.kernel_scales) v = 0.004f;
  for (auto& v : w.recurrent_scales) v = 0.002f;
  return w;
}
template <int U, int F>
inline constexpr auto float_weights = make_float<U, F>();
template <int U, int F>
inline constexpr auto int8_weights = make_int8<U, F>();
inline constexpr ctml::quantization input_quant{0.02f, -3};

template <int U, int F>
struct float_step final : ctml::sequential<ctml::input<ctml::shape<F>, float>,
                                           ctml::gru<ctml::gru_options{.units = U}, float_weights<U, F>>> {};
template <int U, int F>
struct int8_step final : ctml::sequential<ctml::input<ctml::shape<F>, std::int8_t, input_quant>,
                                          ctml::gru<ctml::gru_options{.units = U}, int8_weights<U, F>>> {};

/// Fills the input with a deterministic signal (in range for both types).
template <class Model>
void fill_input(ctml::arena<Model>& a, int t) {
  int i = 0;
  for (auto& v : a.input()) {
    if constexpr (std::is_same_v<typename Model::input_type, float>)
      v = static_cast<float>(((i * 7 + t * 3) % 17) - 8) * 0.1f;
    else
      v = static_cast<std::int8_t>(((i * 7 + t * 3) % 101) - 50);
    ++i;
  }
}

}  // namespace gru_bench
