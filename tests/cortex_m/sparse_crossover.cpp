// Instructions of the sparse kernels against the dense kernel of the target, per layer type, at
// several shares of zero weights (QEMU -icount: exact counts). The rule kernels::prefers_sparse
// takes its thresholds from these numbers (docs/kernels.md, "Sparse kernels"). Prints one line per
// layer and sparsity: `SPARSE <layer> <zeros %> dense <instr> <bytes> sparse <instr> <bytes>`, and
// fails (exit 1, a FAIL line) when the sparse kernel's output bytes differ from the dense kernel's.
//   cmake --build --preset cortex-m4 --target cortex_m_sparse_crossover
//   ctest --preset cortex-m4 -R sparse_crossover -V
#include <array>
#include <cstddef>
#include <cstdint>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include <ctml/kernels/conv2d.hpp>
#include <ctml/kernels/dense.hpp>
#include <ctml/kernels/depthwise_conv2d.hpp>
#include <ctml/kernels/sparse.hpp>

namespace {

using ctml::kernels::requant_constants;
using ctml::kernels::window_geometry;

alignas(4) std::int8_t g_in[32 * 32 * 16];
alignas(4) std::int8_t g_out[32 * 32 * 16];
std::int8_t g_ref[32 * 32 * 16];  // the dense kernel's output, for the sparse one's
bool g_failed = false;
alignas(16) std::byte g_scratch[8192];
std::int32_t g_bias[256];  // zeros: the conv kernels read the biases as imported
ctml::multiplier g_mult[256];

constexpr std::uint32_t next(std::uint32_t& s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}

/// N weights, `zeros` % of them 0 (at random positions), the others in [-127, 127] \ {0}.
template <std::size_t N>
constexpr std::array<std::int8_t, N> weights(int zeros) {
  std::array<std::int8_t, N> w{};
  std::uint32_t s = 0x12345u + static_cast<std::uint32_t>(zeros);
  for (auto& v : w) {
    const bool zero = static_cast<int>(next(s) % 100) < zeros;
    const auto x = static_cast<std::int8_t>(static_cast<int>(next(s) % 254) - 127);
    v = zero ? std::int8_t{0} : (x == 0 ? std::int8_t{1} : x);
  }
  return w;
}

/// Keeps the dense kernel's first `n` output bytes, or compares the sparse kernel's with them.
void keep(std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) g_ref[i] = g_out[i];
}
void compare(const char* layer, int zeros, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (g_ref[i] != g_out[i]) {
      ctml_cm_print("FAIL ");
      ctml_cm_print(layer);
      ctml_cm_print(" at ");
      ctml_cm_print_u64(static_cast<std::uint64_t>(zeros));
      ctml_cm_print(" % zeros: the sparse kernel's output differs from the dense kernel's\n");
      g_failed = true;
      return;
    }
  }
}

void print(const char* layer, int zeros, std::uint64_t dense, std::size_t dense_bytes, std::uint64_t sparse,
           std::size_t sparse_bytes) {
  ctml_cm_print("SPARSE ");
  ctml_cm_print(layer);
  ctml_cm_print(" ");
  ctml_cm_print_u64(static_cast<std::uint64_t>(zeros));
  ctml_cm_print(" dense ");
  ctml_cm_print_u64(dense);
  ctml_cm_print(" ");
  ctml_cm_print_u64(dense_bytes);
  ctml_cm_print(" sparse ");
  ctml_cm_print_u64(sparse);
  ctml_cm_print(" ");
  ctml_cm_print_u64(sparse_bytes);
  ctml_cm_print("\n");
}

template <window_geometry G, int Zeros>
struct conv_at {
  static constexpr std::size_t k = static_cast<std::size_t>(G.k_h * G.k_w * G.in_c);
  static constexpr auto w = weights<k* static_cast<std::size_t>(G.out_c)>(Zeros);
  static constexpr auto counts = ctml::kernels::count_sparse(w, k);
  static constexpr requant_constants q{128, -128, -128, 127};
  using dense = ctml::kernels::conv2d_s8_kernel<G, q>;
  using sparse = ctml::kernels::sparse_conv2d_s8_kernel<G, q, counts.groups>;
  static constexpr auto dense_w = dense::prepare(w);
  static constexpr auto sparse_w = sparse::prepare(w);
  static void measure(const char* name) {
    ctml_cm_counter_begin();
    dense::run(g_in, dense_w.data(), g_bias, g_mult, g_out, g_scratch);
    const std::uint64_t d = ctml_cm_counter_end();
    constexpr auto n = static_cast<std::size_t>(G.out_h * G.out_w * G.out_c);
    keep(n);
    ctml_cm_counter_begin();
    sparse::run(g_in, sparse_w.data(), g_bias, g_mult, g_out, g_scratch);
    const std::uint64_t s = ctml_cm_counter_end();
    compare(name, Zeros, n);
    print(name, Zeros, d, sizeof(dense_w), s, sizeof(sparse_w));
  }
};

template <int Units, int In, int Zeros>
struct dense_at {
  static constexpr auto w = weights<static_cast<std::size_t>(Units* In)>(Zeros);
  static constexpr auto counts = ctml::kernels::count_sparse(w, static_cast<std::size_t>(In));
  static constexpr requant_constants q{128, -128, -128, 127};
  using dense = ctml::kernels::dense_s8_kernel<Units, In, true, q>;
  using sparse = ctml::kernels::sparse_dense_s8_kernel<Units, In, true, q, counts.groups>;
  static constexpr auto dense_w = dense::prepare(w);
  static constexpr auto sparse_w = sparse::prepare(w);
  static constexpr std::array<std::int32_t, static_cast<std::size_t>(Units)> bias{};
  static constexpr auto sparse_b = ctml::kernels::prepared_bias<sparse>(w, bias);  // input offset folded
  static void measure(const char* name) {
    ctml_cm_counter_begin();
    dense::run(g_in, dense_w.data(), bias.data(), g_mult, g_out, g_scratch);
    const std::uint64_t d = ctml_cm_counter_end();
    keep(static_cast<std::size_t>(Units));
    ctml_cm_counter_begin();
    sparse::run(g_in, sparse_w.data(), sparse_b.data(), g_mult, g_out, g_scratch);
    const std::uint64_t s = ctml_cm_counter_end();
    compare(name, Zeros, static_cast<std::size_t>(Units));
    print(name, Zeros, d, sizeof(dense_w), s, sizeof(sparse_w));
  }
};

template <window_geometry G, int Zeros>
struct dw_at {
  static constexpr auto w = weights<static_cast<std::size_t>(G.k_h* G.k_w* G.out_c)>(Zeros);
  static constexpr std::size_t nonzero = ctml::kernels::count_sparse(w, w.size()).nonzero;
  static constexpr requant_constants q{128, -128, -128, 127};
  using dense = ctml::kernels::depthwise_conv2d_s8_kernel<G, q>;
  using sparse = ctml::kernels::sparse_depthwise_conv2d_s8_kernel<G, q, nonzero>;
  static constexpr auto dense_w = dense::prepare(w);
  static constexpr auto sparse_w = sparse::prepare(w);
  static constexpr std::array<std::int32_t, static_cast<std::size_t>(G.out_c)> bias{};
  static constexpr auto dense_b = ctml::kernels::prepared_bias<dense>(w, bias);
  static constexpr auto sparse_b = ctml::kernels::prepared_bias<sparse>(w, bias);
  static void measure(const char* name) {
    ctml_cm_counter_begin();
    dense::run(g_in, dense_w.data(), dense_b.data(), g_mult, g_out, g_scratch);
    const std::uint64_t d = ctml_cm_counter_end();
    constexpr auto n = static_cast<std::size_t>(G.out_h * G.out_w * G.out_c);
    keep(n);
    ctml_cm_counter_begin();
    sparse::run(g_in, sparse_w.data(), sparse_b.data(), g_mult, g_out, g_scratch);
    const std::uint64_t s = ctml_cm_counter_end();
    compare(name, Zeros, n);
    print(name, Zeros, d, sizeof(dense_w) + sizeof(dense_b), s, sizeof(sparse_w) + sizeof(sparse_b));
  }
};

template <template <int> class L>
void sweep(const char* name) {
  L<0>::measure(name);
  L<30>::measure(name);
  L<50>::measure(name);
  L<60>::measure(name);
  L<70>::measure(name);
  L<75>::measure(name);
  L<80>::measure(name);
  L<90>::measure(name);
  L<95>::measure(name);
}

// KWS (DS-CNN) pointwise 64 -> 64 on 25x5; its first conv 10x4 1 -> 64 (stride 2, SAME) on 49x10;
// IC (ResNet-8) 3x3 16 -> 16 on 32x32 (SAME); a dense 256 -> 64; KWS's depthwise 3x3 over 64
// channels on 25x5 (bytes with the biases: the sparse kernel's are twice TFLite's).
constexpr window_geometry kws_pw{25, 5, 64, 25, 5, 64, 1, 1};
constexpr window_geometry kws_first{49, 10, 1, 25, 5, 64, 10, 4, 2, 2, 1, 1, 4, 1};
constexpr window_geometry ic_conv{32, 32, 16, 32, 32, 16, 3, 3, 1, 1, 1, 1, 1, 1};
template <int Z>
using pw = conv_at<kws_pw, Z>;
template <int Z>
using first = conv_at<kws_first, Z>;
template <int Z>
using conv3 = conv_at<ic_conv, Z>;
template <int Z>
using fc = dense_at<64, 256, Z>;
constexpr window_geometry kws_dw{25, 5, 64, 25, 5, 64, 3, 3, 1, 1, 1, 1, 1, 1};
template <int Z>
using dw = dw_at<kws_dw, Z>;

}  // namespace

int main() {
  std::uint32_t s = 7;
  for (auto& x : g_in) x = static_cast<std::int8_t>(next(s));
  for (auto& m : g_mult) m = {1 << 30, -9};
  sweep<pw>("pointwise_64x64_25x5");
  sweep<first>("conv_10x4_1x64_25x5");
  sweep<conv3>("conv_3x3_16x16_32x32");
  sweep<fc>("dense_256x64");
  sweep<dw>("depthwise_3x3_64_25x5");
  return g_failed ? 1 : 0;
}
