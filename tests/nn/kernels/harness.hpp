#pragma once
// Shared helpers of the kernel tests: a deterministic random source (same data on every target)
// and random quantization parameters in the ranges TFLite produces.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml/quant/fixed_point.hpp>

namespace kernels_test {

/// Arena scratch of the selected kernels (in a model, the layer's bytes of the arena).
alignas(16) inline std::byte g_scratch[8192];

/// Scratch for kernel type K (`K::scratch_bytes`, checked to fit).
template <class K>
std::byte* scratch_for() {
  static_assert(K::scratch_bytes <= sizeof(g_scratch), "kernel scratch larger than the test buffer");
  return g_scratch;
}

/// Kernel K's weights (K::prepare, which a layer evaluates at compile time) from N run-time int8
/// weights as imported, in a word-aligned buffer that stays valid until the next call.
alignas(16) inline std::int8_t g_prepared[12288];
template <class K, std::size_t N>
const std::int8_t* prepare_for(const std::int8_t* imported) {
  std::array<std::int8_t, N> w;
  std::memcpy(w.data(), imported, N);
  const auto p = K::prepare(w);
  static_assert(sizeof(p) <= sizeof(g_prepared), "prepared weights larger than the test buffer");
  std::memcpy(g_prepared, p.data(), p.size());
  return g_prepared;
}

/// xorshift32: small, deterministic, identical on host and Cortex-M.
struct rng {
  std::uint32_t s;
  constexpr std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
  /// Uniform in [lo, hi].
  constexpr std::int32_t uniform(std::int32_t lo, std::int32_t hi) {
    return lo + static_cast<std::int32_t>(next() % static_cast<std::uint32_t>(hi - lo + 1));
  }
  constexpr std::int8_t s8() {
    // A quarter of the values at the extremes, where widening and offsets go wrong first.
    const std::uint32_t r = next() % 16;
    if (r == 0) return -128;
    if (r == 1) return 127;
    return static_cast<std::int8_t>(uniform(-128, 127));
  }
};

/// A multiplier that maps an accumulator of typical magnitude 2^acc_bits to about +-2^7 (with
/// jitter, so some outputs clamp); shift may come out positive for small accumulators.
inline ctml::multiplier random_multiplier(rng& r, int acc_bits) {
  ctml::multiplier m;
  m.value = static_cast<std::int32_t>((1u << 30) + (r.next() >> 2));
  m.shift = 7 - acc_bits + r.uniform(-2, 2);
  if (m.shift < -31) m.shift = -31;
  return m;
}

/// Bit length of n (for sizing multipliers).
constexpr int bits(int n) {
  int b = 0;
  while ((1 << b) < n) ++b;
  return b;
}

}  // namespace kernels_test
