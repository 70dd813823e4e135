// Minimal Cortex-M firmware with a ctml model: copy this folder to start a port.
//
//   - kws.hpp is generated from the .tflite by ctml-import at build time (CMakeLists.txt);
//   - the arena lives in a named linker section (.ctml_arena), so it can go to any RAM you choose;
//   - the budget of a real part is checked by the compiler (model) and the linker (whole image,
//     part_budget.ld): 256 KiB flash, 64 KiB RAM;
//   - one inference on a sample input, the result printed.
// Output goes through semihosting here (ctml_cm_print); on a board, write to your UART instead.
#include <cstddef>
#include <cstdint>

#include <ctml_cm/semihosting.hpp>

#include <ctml/ctml.hpp>

#include "kws.hpp"
#include "sample_input.hpp"

using namespace ctml::literals;

// The part: 256 KiB flash, 64 KiB RAM. Leave room for code (32 KiB) and for stack and the rest of
// the application (8 KiB); the model must fit in what remains.
static_assert(ctml::fits<kws, ctml::budget{.ram = 64_KiB - 8_KiB, .flash = 256_KiB - 32_KiB}>);

namespace {

// The activation arena: kws::arena_bytes bytes, 16-byte aligned, not zeroed at start-up.
[[gnu::section(".ctml_arena")]] ctml::arena<kws> arena;

// The MLPerf Tiny keyword-spotting classes, in the model's output order.
constexpr const char* labels[] = {"down",  "go",   "left", "no",  "off",     "on",
                                  "right", "stop", "up",   "yes", "silence", "unknown"};
static_assert(std::size(labels) == ctml::arena<kws>::output_size);

}  // namespace

int main() {
  auto input = arena.input();
  for (std::size_t i = 0; i < input.size(); ++i) input[i] = sample_input[i];

  kws::invoke(arena);

  const auto scores = arena.output();
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i)
    if (scores[i] > scores[best]) best = i;

  ctml_cm_print("top class: ");
  ctml_cm_print_u64(best);
  ctml_cm_print(" (");
  ctml_cm_print(labels[best]);
  ctml_cm_print("), score ");
  ctml_cm_print_i64(scores[best]);
  ctml_cm_print("\n");
  return 0;
}
