// kernels::copy_kernel (selected: Helium's vector copy on the M55) against a byte loop: lengths
// around the 16- and 64-byte steps, unaligned ends, and the overlapping forward copy (dst < src)
// that a layer run in place in bands of several rows uses (layers/in_place.hpp).
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include <doctest/doctest.h>

#include <ctml/kernels/copy.hpp>

#include "harness.hpp"

namespace {

alignas(16) std::uint8_t g_buf[512];
alignas(16) std::uint8_t g_ref[512];

void fill(std::uint32_t seed) {
  kernels_test::rng r{seed};
  for (std::size_t i = 0; i < sizeof g_buf; ++i) g_ref[i] = g_buf[i] = static_cast<std::uint8_t>(r.next());
}

int differences() {
  int d = 0;
  for (std::size_t i = 0; i < sizeof g_buf; ++i) d += g_buf[i] != g_ref[i];
  return d;
}

}  // namespace

TEST_CASE("copy_kernel: disjoint ranges, every length up to 200, odd offsets") {
  using K = ctml::kernels::copy_kernel<>;
  for (std::size_t n = 0; n <= 200; ++n) {
    for (std::size_t src : {std::size_t{256}, std::size_t{259}}) {
      for (std::size_t dst : {std::size_t{0}, std::size_t{3}}) {
        fill(static_cast<std::uint32_t>(n * 7 + src + dst + 1));
        K::run(g_buf + src, g_buf + dst, n);
        for (std::size_t i = 0; i < n; ++i) g_ref[dst + i] = g_ref[src + i];
        CAPTURE(n);
        CAPTURE(src);
        CAPTURE(dst);
        CHECK(differences() == 0);  // and nothing outside [dst, dst + n) written
      }
    }
  }
}

TEST_CASE("copy_kernel: forward copy of overlapping ranges (dst < src)") {
  using K = ctml::kernels::copy_kernel<>;
  for (std::size_t shift :
       {std::size_t{1}, std::size_t{5}, std::size_t{16}, std::size_t{40}, std::size_t{64}}) {
    for (std::size_t n : {std::size_t{15}, std::size_t{64}, std::size_t{100}, std::size_t{320}}) {
      fill(static_cast<std::uint32_t>(shift * 1000 + n));
      K::run_forward(g_buf + 8 + shift, g_buf + 8, n);
      for (std::size_t i = 0; i < n; ++i) g_ref[8 + i] = g_ref[8 + shift + i];  // forward, as memmove
      CAPTURE(shift);
      CAPTURE(n);
      CHECK(differences() == 0);
    }
  }
}
