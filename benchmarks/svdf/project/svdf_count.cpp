// One stateful model's image for the SVDF and LSTM comparisons (README.md here): every frame streamed
// through one state (reset before each frame when frames::reset_each) must give TFLite Micro's output
// bytes, then one more frame is counted (QEMU -icount, cmake/cortex_m/include/ctml_cm/counter.hpp), as
// benchmarks/svdf/tflm/tflm_svdf_count.cc counts TFLM.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include CTML_SVDF_MODEL_HEADER
#include CTML_SVDF_FRAMES_HEADER

#define CTML_SVDF_STR_(x) #x
#define CTML_SVDF_STR(x) CTML_SVDF_STR_(x)

namespace {
using model = CTML_SVDF_MODEL;
ctml::arena<model> arena;
ctml::state<model> state;

[[gnu::noinline]] void invoke() {
  model::invoke(arena, state);
}
}  // namespace

int main() {
  const std::size_t in_bytes = arena.input().size_bytes(), out_bytes = arena.output().size_bytes();
  const std::size_t frame_count = sizeof frames::input / in_bytes;
  if (sizeof frames::input % in_bytes != 0 || sizeof frames::output != frame_count * out_bytes) {
    ctml_cm_print("FAIL the embedded frames differ in size from the model's\n");
    return 1;
  }
  state.reset();
  int failures = 0;
  for (std::size_t t = 0; t < frame_count; ++t) {
    if (frames::reset_each) state.reset();
    std::memcpy(arena.input().data(), frames::input + t * in_bytes, in_bytes);
    invoke();
    if (std::memcmp(arena.output().data(), frames::output + t * out_bytes, out_bytes) != 0) ++failures;
  }
  std::memcpy(arena.input().data(), frames::input, in_bytes);
  if (frames::reset_each) state.reset();
  ctml_cm_counter_begin();
  invoke();
  const std::uint64_t instructions = ctml_cm_counter_end();
  ctml_cm_print("ctml model=" CTML_SVDF_STR(CTML_SVDF_MODEL) " insns=");
  ctml_cm_print_u64(instructions);
  ctml_cm_print(" frames=");
  ctml_cm_print_u64(frame_count);
  ctml_cm_print(failures == 0 ? " golden=ok\n" : " golden=FAIL\n");
  return failures == 0 ? 0 : 1;
}
