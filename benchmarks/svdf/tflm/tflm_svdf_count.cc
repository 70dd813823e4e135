// TFLite Micro on the Cortex-M4 / M55 under QEMU for the SVDF and LSTM comparisons (../README.md,
// ../../lstm/README.md), one stateful model per image: every frame streamed through one interpreter
// (Reset() before each frame when frames::reset_each) must give TFLM's golden output bytes (so the
// build is right), then one more Invoke is counted with the counter of ctml's images (QEMU -icount,
// cmake/cortex_m/src/counter.cpp). Not part of ctml; not built by CMake or CI.
#include <cstdint>
#include <cstring>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/schema/schema_generated.h"

#include MODEL_DATA_HEADER  // model_data[]: the .tflite file
#include FRAMES_HEADER      // frames::input, frames::output (benchmarks/svdf/embed_frames.py)

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

void operator delete(void*) noexcept {}
void operator delete(void*, unsigned int) noexcept {}
extern "C" void __cxa_pure_virtual() {
  ctml_cm_print_error("tflm_svdf_count: pure virtual call\n");
  ctml_cm_exit(3);
}
extern "C" void DebugLog(const char*, va_list) {}
extern "C" int DebugVsnprintf(char* buffer, size_t size, const char*, va_list) {
  if (size > 0) buffer[0] = '\0';
  return 0;
}

namespace {
alignas(16) std::uint8_t tensor_arena[128 * 1024];

[[gnu::noinline]] TfLiteStatus invoke(tflite::MicroInterpreter& interpreter) {
  return interpreter.Invoke();
}
}  // namespace

int main() {
  const tflite::Model* model = tflite::GetModel(model_data);
  tflite::MicroMutableOpResolver<8> resolver;
  resolver.AddSvdf();
  resolver.AddUnidirectionalSequenceLSTM();
  resolver.AddReshape();
  resolver.AddFullyConnected();
  resolver.AddSoftmax();
  resolver.AddQuantize();
  tflite::MicroInterpreter interpreter(model, resolver, tensor_arena, sizeof tensor_arena);
  if (interpreter.AllocateTensors() != kTfLiteOk) {
    ctml_cm_print("FAIL AllocateTensors\n");
    return 1;
  }
  const std::size_t in_bytes = interpreter.input(0)->bytes, out_bytes = interpreter.output(0)->bytes;
  const std::size_t frame_count = sizeof frames::input / in_bytes;
  if (sizeof frames::input % in_bytes != 0 || sizeof frames::output != frame_count * out_bytes) {
    ctml_cm_print("FAIL the embedded frames differ in size from the model's\n");
    return 1;
  }
  int failures = 0;
  for (std::size_t t = 0; t < frame_count; ++t) {
    if (frames::reset_each) interpreter.Reset();
    std::memcpy(interpreter.input(0)->data.raw, frames::input + t * in_bytes, in_bytes);
    const bool ok =
        invoke(interpreter) == kTfLiteOk &&
        std::memcmp(interpreter.output(0)->data.raw, frames::output + t * out_bytes, out_bytes) == 0;
    if (!ok) ++failures;
  }
  std::memcpy(interpreter.input(0)->data.raw, frames::input, in_bytes);
  if (frames::reset_each) interpreter.Reset();
  ctml_cm_counter_begin();
  invoke(interpreter);
  const std::uint64_t instructions = ctml_cm_counter_end();
  ctml_cm_print("TFLM model=" STRINGIFY(MODEL_NAME) " insns=");
  ctml_cm_print_u64(instructions);
  ctml_cm_print(" frames=");
  ctml_cm_print_u64(frame_count);
  ctml_cm_print(failures == 0 ? " golden=ok\n" : " golden=FAIL\n");
  return failures == 0 ? 0 : 1;
}
