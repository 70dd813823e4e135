// TFLite Micro on the Cortex-M4 under QEMU, one model per image (benchmarks/ops/tflm/Makefile): every
// embedded case must give TFLM's golden output bytes (so the build is right), then one Invoke of the
// first case after the checked runs is counted with the counter of ctml's images (QEMU -icount,
// cmake/cortex_m/src/counter.cpp). Not part of ctml; not built by CMake or CI.
#include <cstdint>
#include <cstring>

#include <ctml_cm/counter.hpp>
#include <ctml_cm/semihosting.hpp>

#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/schema/schema_generated.h"

#include MODEL_DATA_HEADER  // model_data[]: the .tflite file
#include CASES_HEADER       // golden::cases (tests/cortex_m/models/embed_cases.cmake)

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

// No libsupc++ use wanted: what TFLM's virtual destructors and pure virtuals need.
void operator delete(void*) noexcept {}
void operator delete(void*, unsigned int) noexcept {}
extern "C" void __cxa_pure_virtual() {
  ctml_cm_print_error("tflm_count: pure virtual call\n");
  ctml_cm_exit(3);
}
// MicroPrintf goes nowhere (TFLM prints only on errors, which the checks below report).
extern "C" void DebugLog(const char*, va_list) {}
extern "C" int DebugVsnprintf(char* buffer, size_t size, const char*, va_list) {
  if (size > 0) buffer[0] = '\0';
  return 0;
}

namespace {
alignas(16) std::uint8_t tensor_arena[512 * 1024];

[[gnu::noinline]] TfLiteStatus invoke(tflite::MicroInterpreter& interpreter) {
  return interpreter.Invoke();
}

void load(tflite::MicroInterpreter& interpreter, const golden::golden_case& c) {
  for (std::size_t i = 0; i < golden::num_inputs; ++i)
    std::memcpy(interpreter.input(i)->data.raw, c.inputs[i], golden::input_bytes[i]);
}
}  // namespace

int main() {
  const tflite::Model* model = tflite::GetModel(model_data);
  tflite::MicroMutableOpResolver<29> resolver;
  resolver.AddConv2D();
  resolver.AddDepthwiseConv2D();
  resolver.AddFullyConnected();
  resolver.AddReshape();
  resolver.AddQuantize();
  resolver.AddDequantize();
  resolver.AddAdd();
  resolver.AddSub();
  resolver.AddMul();
  resolver.AddPad();
  resolver.AddPadV2();
  resolver.AddStridedSlice();
  resolver.AddLeakyRelu();
  resolver.AddTransposeConv();
  resolver.AddMean();
  resolver.AddMaximum();
  resolver.AddMinimum();
  resolver.AddHardSwish();
  resolver.AddPrelu();
  resolver.AddL2Normalization();
  resolver.AddConcatenation();
  resolver.AddTranspose();
  resolver.AddSpaceToDepth();
  resolver.AddDepthToSpace();
  resolver.AddBatchMatMul();
  resolver.AddGather();
  resolver.AddCast();
  resolver.AddResizeNearestNeighbor();
  resolver.AddSoftmax();
  tflite::MicroInterpreter interpreter(model, resolver, tensor_arena, sizeof tensor_arena);
  if (interpreter.AllocateTensors() != kTfLiteOk) {
    ctml_cm_print("FAIL AllocateTensors\n");
    return 1;
  }
  if (interpreter.inputs_size() != golden::num_inputs || interpreter.outputs_size() != golden::num_outputs) {
    ctml_cm_print("FAIL input/output counts differ from the golden data\n");
    return 1;
  }
  for (std::size_t i = 0; i < golden::num_inputs; ++i)
    if (interpreter.input(i)->bytes != golden::input_bytes[i]) {
      ctml_cm_print("FAIL input sizes differ from the golden data\n");
      return 1;
    }
  for (std::size_t o = 0; o < golden::num_outputs; ++o)
    if (interpreter.output(o)->bytes != golden::output_bytes[o]) {
      ctml_cm_print("FAIL output sizes differ from the golden data\n");
      return 1;
    }
  int failures = 0;
  for (const auto& c : golden::cases) {
    load(interpreter, c);
    bool ok = invoke(interpreter) == kTfLiteOk;
    for (std::size_t o = 0; ok && o < golden::num_outputs; ++o)
      ok = std::memcmp(interpreter.output(o)->data.raw, c.outputs[o], golden::output_bytes[o]) == 0;
    if (!ok) {
      ctml_cm_print("FAIL ");
      ctml_cm_print(c.name);
      ctml_cm_print("\n");
      ++failures;
    }
  }
  load(interpreter, golden::cases[0]);
  ctml_cm_counter_begin();
  invoke(interpreter);
  const std::uint64_t instructions = ctml_cm_counter_end();
  ctml_cm_print("TFLM model=" STRINGIFY(MODEL_NAME) " insns=");
  ctml_cm_print_u64(instructions);
  ctml_cm_print(" cases=");
  ctml_cm_print_u64(sizeof golden::cases / sizeof golden::cases[0]);
  ctml_cm_print(failures == 0 ? " golden=ok\n" : " golden=FAIL\n");
  return failures == 0 ? 0 : 1;
}
