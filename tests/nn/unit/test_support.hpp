#pragma once
// Helpers for the layer tests: deterministic pseudo-random data made at compile time (layers take
// their weights as constexpr objects), and TFLite's padding rule stated once more, independently.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include <ctml/nn.hpp>

namespace test {

// xorshift32, as the golden data's input generator.
struct rng {
  std::uint32_t s;
  constexpr std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
  constexpr std::int8_t i8() { return static_cast<std::int8_t>(static_cast<std::uint8_t>(next() >> 24)); }
  constexpr std::int32_t i32(std::int32_t lo, std::int32_t hi) {
    return lo + static_cast<std::int32_t>(next() % static_cast<std::uint32_t>(hi - lo + 1));
  }
  constexpr float f(float lo, float hi) {
    return lo + (hi - lo) * static_cast<float>(next() >> 8) / 16777216.0f;
  }
};

template <std::size_t N>
constexpr std::array<std::int8_t, N> random_i8(std::uint32_t seed) {
  rng r{seed};
  std::array<std::int8_t, N> a{};
  for (auto& v : a) v = r.i8();
  return a;
}
template <std::size_t N>
constexpr std::array<std::int32_t, N> random_i32(std::uint32_t seed, std::int32_t lo, std::int32_t hi) {
  rng r{seed};
  std::array<std::int32_t, N> a{};
  for (auto& v : a) v = r.i32(lo, hi);
  return a;
}
template <std::size_t N>
constexpr std::array<float, N> random_f(std::uint32_t seed, float lo, float hi) {
  rng r{seed};
  std::array<float, N> a{};
  for (auto& v : a) v = r.f(lo, hi);
  return a;
}

inline std::vector<std::int8_t> input_i8(std::size_t n, std::uint32_t seed) {
  rng r{seed};
  std::vector<std::int8_t> v(n);
  for (auto& x : v) x = r.i8();
  return v;
}
inline std::vector<float> input_f(std::size_t n, std::uint32_t seed) {
  rng r{seed};
  std::vector<float> v(n);
  for (auto& x : v) x = r.f(-2.0f, 2.0f);
  return v;
}

// TFLite: out = ceil(in / stride) for SAME, ceil((in - eff + 1) / stride) for VALID; the total
// padding (out - 1) * stride + eff - in is split with the extra pixel after.
struct axis {
  int out, pad_before;
};
inline axis tflite_axis(bool same, int in, int k, int stride, int dilation) {
  const int eff = (k - 1) * dilation + 1;
  axis a{};
  if (same) {
    a.out = (in + stride - 1) / stride;
    int total = (a.out - 1) * stride + eff - in;
    if (total < 0) total = 0;
    a.pad_before = total / 2;
  } else {
    a.out = (in - eff) / stride + 1;
    a.pad_before = 0;
  }
  return a;
}

inline std::int8_t requant(std::int64_t acc, double in_s, double w_s, double out_s, std::int32_t out_zp,
                           std::int32_t lo, std::int32_t hi) {
  const ctml::multiplier m = ctml::quantize_multiplier(in_s * w_s / out_s);
  std::int32_t v = ctml::multiply_by_quantized_multiplier(static_cast<std::int32_t>(acc), m) + out_zp;
  if (v < lo) v = lo;
  if (v > hi) v = hi;
  return static_cast<std::int8_t>(v);
}

// Runs a bound layer on a buffer.
template <class B>
std::vector<typename B::output::value_type> run(const std::vector<typename B::input::value_type>& x) {
  std::vector<typename B::output::value_type> y(B::output::size);
  std::vector<std::byte> scratch(B::scratch_bytes + 1);
  B::run(x.data(), y.data(), scratch.data());
  return y;
}

// Random int8 weights for a conv2d / depthwise_conv2d with per-channel requantization (the in-place
// and patch tests build their layers from them), and random 64-bit values (int16 biases).
template <int OC, int KH, int KW, int IC>
constexpr ctml::conv2d_weights<std::int8_t, OC, KH, KW, IC, OC> conv_s8(std::uint32_t seed,
                                                                        ctml::quantization out) {
  return {random_i8<static_cast<std::size_t>(OC * KH * KW * IC)>(seed),
          random_i32<static_cast<std::size_t>(OC)>(seed + 1, -3000, 3000),
          random_f<static_cast<std::size_t>(OC)>(seed + 2, 0.001f, 0.01f), out};
}
template <int KH, int KW, int OC>
constexpr ctml::depthwise_conv2d_weights<std::int8_t, KH, KW, OC, OC> dw_s8(std::uint32_t seed,
                                                                            ctml::quantization out) {
  return {random_i8<static_cast<std::size_t>(KH * KW * OC)>(seed),
          random_i32<static_cast<std::size_t>(OC)>(seed + 1, -2000, 2000),
          random_f<static_cast<std::size_t>(OC)>(seed + 2, 0.002f, 0.02f), out};
}
template <std::size_t N>
constexpr std::array<std::int64_t, N> random_i64(std::uint32_t seed) {
  std::array<std::int64_t, N> a{};
  const auto v = random_i32<N>(seed, -40000, 40000);
  for (std::size_t i = 0; i < N; ++i) a[i] = v[i];
  return a;
}

// n random activations of type T (int8, int16 or float) spread over the whole range.
template <class T>
std::vector<T> random_input(std::size_t n, std::uint32_t seed) {
  rng r{seed};
  std::vector<T> v(n);
  for (auto& x : v) {
    if constexpr (std::is_same_v<T, float>)
      x = r.f(-2.0f, 2.0f);
    else if constexpr (std::is_same_v<T, std::int16_t>)
      x = static_cast<std::int16_t>(r.i32(-20000, 20000));
    else
      x = r.i8();
  }
  return v;
}

// Whether scheduled variants M... of model Ref give Ref's output bytes on one random int8 input
// (Ref's own output is checked against TFLM elsewhere).
template <class Ref, class... M>
bool same_output(std::uint32_t seed) {
  const auto x = random_input<std::int8_t>(Ref::input_spec::size, seed);
  static ctml::arena<Ref> ref;
  std::copy(x.begin(), x.end(), ref.input().begin());
  Ref::invoke(ref);
  const auto agrees = [&]<class S>() {
    static ctml::arena<S> arena;
    std::copy(x.begin(), x.end(), arena.input().begin());
    S::invoke(arena);
    return std::equal(ref.output().begin(), ref.output().end(), arena.output().begin());
  };
  return (agrees.template operator()<M>() && ...);
}

}  // namespace test
