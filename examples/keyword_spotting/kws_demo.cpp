// Keyword spotting on one second of audio features: 49 frames x 10 MFCCs, int8 (scale
// 0.584702909, zero point 83), through the MLPerf Tiny DS-CNN. Usage: kws_demo FEATURES.int8.bin
#include <cstdio>
#include <iterator>

#include "kws.hpp"

namespace {
// The 12 outputs of the MLPerf Tiny keyword-spotting model, in order.
constexpr const char* labels[12] = {"down",  "go",   "left", "no",  "off",     "on",
                                    "right", "stop", "up",   "yes", "silence", "unknown"};
static_assert(std::size(labels) == kws::output_shape::size);

ctml::arena<kws> arena;
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: kws_demo FEATURES.int8.bin  (490 int8 MFCC values, 49 frames x 10)\n");
    return 2;
  }
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::fprintf(stderr, "kws_demo: cannot open '%s'\n", argv[1]);
    return 2;
  }
  const std::size_t got = std::fread(arena.input().data(), 1, arena.input().size(), f);
  const bool extra = std::fgetc(f) != EOF;
  std::fclose(f);
  if (got != arena.input().size() || extra) {
    std::fprintf(stderr, "kws_demo: '%s' must hold exactly %zu int8 values\n", argv[1], arena.input().size());
    return 2;
  }
  kws::invoke(arena);
  const auto scores = arena.output();
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i)
    if (scores[i] > scores[best]) best = i;
  std::printf("top class: %zu (%s), score %d\n", best, labels[best], scores[best]);
  for (std::size_t i = 0; i < scores.size(); ++i)
    std::printf("  %-8s %4d  (p = %.3f)\n", labels[i], scores[i], (scores[i] + 128) / 256.0);
  std::printf("arena: %zu bytes, weights: %zu bytes, MACs: %zu\n", kws::arena_bytes, kws::weight_bytes,
              kws::macs);
  return 0;
}
