// Runs `steps` streaming GRU steps of one configuration, for instruction counting under callgrind:
//   gru_instructions <float|int8> <units> <features> <steps>
// Prints the model's RAM and flash. benchmarks/gru/count_instructions.py runs it twice (different
// step counts) and divides the difference, so start-up costs cancel.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "gru_bench_models.hpp"

template <class Model>
static int run(int steps) {
  static ctml::arena<Model> a;
  static ctml::state<Model> st;
  st.reset();
  int checksum = 0;
  for (int t = 0; t < steps; ++t) {
    gru_bench::fill_input(a, t & 15);
    Model::invoke(a, st);
    checksum += static_cast<int>(a.output()[0] * 1000);
  }
  std::printf("arena_bytes %zu state_bytes %zu ram_bytes %zu weight_bytes %zu macs %zu checksum %d\n",
              Model::arena_bytes, Model::state_bytes, Model::ram_bytes, Model::weight_bytes, Model::macs,
              checksum);
  return 0;
}

template <int U, int F>
static int dispatch(bool is_float, int steps) {
  return is_float ? run<gru_bench::float_step<U, F>>(steps) : run<gru_bench::int8_step<U, F>>(steps);
}

int main(int argc, char** argv) {
  if (argc != 5 || (std::strcmp(argv[1], "float") != 0 && std::strcmp(argv[1], "int8") != 0)) {
    std::fprintf(stderr,
                 "usage: gru_instructions <float|int8> <units 16|32|64> <features 8|24|40> <steps>\n");
    return 2;
  }
  const bool f = std::strcmp(argv[1], "float") == 0;
  const int u = std::atoi(argv[2]), n = std::atoi(argv[3]), steps = std::atoi(argv[4]);
  if (steps < 0) return std::fprintf(stderr, "steps must be >= 0\n"), 2;
#define GRU_CASE(U, F) \
  if (u == U && n == F) return dispatch<U, F>(f, steps)
  GRU_CASE(16, 8);
  GRU_CASE(16, 24);
  GRU_CASE(16, 40);
  GRU_CASE(32, 8);
  GRU_CASE(32, 24);
  GRU_CASE(32, 40);
  GRU_CASE(64, 8);
  GRU_CASE(64, 24);
  GRU_CASE(64, 40);
#undef GRU_CASE
  std::fprintf(stderr, "unsupported configuration: %d units, %d features\n", u, n);
  return 2;
}
