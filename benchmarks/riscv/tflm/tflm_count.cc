// TFLite Micro with its reference kernels on RV32 under QEMU: every embedded TFLM input must give
// the golden output bytes (so the build is right), then one Invoke after a warm-up is counted
// with the same counter as ctml's images (QEMU -icount, cmake/cortex_m/src/counter.cpp).
// Built outside CMake by this folder's Makefile; not part of ctml.
#include <cstdint>
#include <cstring>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/schema/schema_generated.h"

#include MODEL_DATA_HEADER  // model_data[]: the .tflite file
#include GOLDEN_HEADER      // ctml_cm_golden::cases (tests/cortex_m/models/embed_golden.cmake)

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

// No libstdc++/libsupc++ on this target: what TFLM's virtual destructors and pure virtuals need.
void operator delete(void*) noexcept {}
void operator delete(void*, unsigned int) noexcept {}
extern "C" void __cxa_pure_virtual() {
  ctml_cm_print_error("tflm_count: pure virtual call\n");
  ctml_cm_exit(3);
}
// TFLM_ASSERT and friends end here; picolibc's abort would raise a signal.
extern "C" void abort() {
  ctml_cm_print_error("tflm_count: abort\n");
  ctml_cm_exit(134);
}
// MicroPrintf goes nowhere (TFLM prints only on errors, which the checks below report).
extern "C" void DebugLog(const char*, va_list) {}
extern "C" int DebugVsnprintf(char* buffer, size_t size, const char*, va_list) {
  if (size > 0) buffer[0] = '\0';
  return 0;
}

namespace {
alignas(16) std::uint8_t tensor_arena[ARENA_BYTES];

[[gnu::noinline]] TfLiteStatus invoke(tflite::MicroInterpreter& interpreter) {
  return interpreter.Invoke();
}
}  // namespace

int main() {
  const tflite::Model* model = tflite::GetModel(model_data);
  tflite::MicroMutableOpResolver<9> resolver;
  resolver.AddConv2D();
  resolver.AddDepthwiseConv2D();
  resolver.AddAveragePool2D();
  resolver.AddReshape();
  resolver.AddFullyConnected();
  resolver.AddSoftmax();
  resolver.AddQuantize();
  resolver.AddDequantize();
  resolver.AddAdd();
  tflite::MicroInterpreter interpreter(model, resolver, tensor_arena, sizeof tensor_arena);
  if (interpreter.AllocateTensors() != kTfLiteOk) {
    ctml_cm_print("FAIL AllocateTensors\n");
    return 1;
  }
  TfLiteTensor* input = interpreter.input(0);
  TfLiteTensor* output = interpreter.output(0);
  if (input->bytes != ctml_cm_golden::input_bytes || output->bytes != ctml_cm_golden::output_bytes) {
    ctml_cm_print("FAIL tensor sizes differ from the golden data\n");
    return 1;
  }
  int failures = 0;
  for (const auto& c : ctml_cm_golden::cases) {
    std::memcpy(input->data.raw, c.input, ctml_cm_golden::input_bytes);
    if (invoke(interpreter) != kTfLiteOk ||
        std::memcmp(output->data.raw, c.output, ctml_cm_golden::output_bytes) != 0) {
      ctml_cm_print("FAIL ");
      ctml_cm_print(c.name);
      ctml_cm_print("\n");
      ++failures;
    }
  }
  std::memcpy(input->data.raw, ctml_cm_golden::cases[0].input, ctml_cm_golden::input_bytes);
  ctml_cm_counter_begin();
  invoke(interpreter);
  const std::uint64_t instructions = ctml_cm_counter_end();
  ctml_cm_print("TFLM model=" STRINGIFY(MODEL_NAME) " target=" STRINGIFY(TARGET) " insns=");
  ctml_cm_print_u64(instructions);
  ctml_cm_print(" arena_used=");
  ctml_cm_print_u64(interpreter.arena_used_bytes());
  ctml_cm_print(" cases=");
  ctml_cm_print_u64(sizeof ctml_cm_golden::cases / sizeof ctml_cm_golden::cases[0]);
  ctml_cm_print(failures == 0 ? " golden=ok\n" : " golden=FAIL\n");
  return failures == 0 ? 0 : 1;
}
