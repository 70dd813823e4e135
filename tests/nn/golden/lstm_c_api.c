/* A C11 program on the C API of a model with state (ctml_add_model(... C_API)): TFLite Micro's int8
   mnist_lstm, whose LSTM keeps h and c between invocations. T_1 is one TFLM interpreter invoked 8
   times: the C API must give the same 8 outputs after one trained_lstm_int8_reset, and after a reset
   the first output again. Compiled as C with -std=c11 -Wall -Wextra -Wpedantic (-Werror). */
#include <stdio.h>
#include <string.h>

#include "trained_lstm_int8.h"

/* The LSTM's int16 c and int8 h of 20 units (60 bytes), rounded up to the state's 16-byte alignment. */
_Static_assert(TRAINED_LSTM_INT8_STATE_BYTES == 64, "state bytes");

enum { steps = 8 };
static _Alignas(TRAINED_LSTM_INT8_ARENA_ALIGN) unsigned char arena[TRAINED_LSTM_INT8_ARENA_BYTES];
static _Alignas(TRAINED_LSTM_INT8_STATE_ALIGN) unsigned char state[TRAINED_LSTM_INT8_STATE_BYTES + 1];
static trained_lstm_int8_input_t input[steps][TRAINED_LSTM_INT8_INPUT_ELEMENTS];
static trained_lstm_int8_output_t want[steps][TRAINED_LSTM_INT8_OUTPUT_ELEMENTS];

static int read_file(const char* name, void* dst, size_t bytes) {
  char path[512];
  snprintf(path, sizeof path, "%s/trained_lstm_int8/T_1/%s", CTML_TEST_DATA_DIR, name);
  FILE* f = fopen(path, "rb");
  if (!f) return 0;
  const size_t n = fread(dst, 1, bytes, f);
  const int more = fgetc(f) != EOF;
  fclose(f);
  return n == bytes && !more;
}

int main(void) {
  if (!read_file("input0.bin", input, sizeof input) || !read_file("output0.bin", want, sizeof want)) {
    printf("cannot read T_1 (or it has another size)\n");
    return 2;
  }
  trained_lstm_int8_output_t out[TRAINED_LSTM_INT8_OUTPUT_ELEMENTS];
  int differ = 0;
  if (trained_lstm_int8_reset(state) != 0) return 3;
  for (int t = 0; t < steps; ++t) {
    if (trained_lstm_int8_invoke(input[t], out, arena, state) != 0) return 3;
    if (memcmp(out, want[t], sizeof out) != 0) ++differ;
  }
  /* Without a reset the ninth invoke continues the sequence; with one it starts over. */
  if (trained_lstm_int8_reset(state) != 0 || trained_lstm_int8_invoke(input[0], out, arena, state) != 0)
    return 3;
  if (memcmp(out, want[0], sizeof out) != 0) ++differ;
  if (trained_lstm_int8_reset(state + 1) != -1 ||
      trained_lstm_int8_invoke(input[0], out, arena, state + 1) != -1) {
    printf("a misaligned state was accepted\n");
    return 4;
  }
  printf("lstm_c_api: trained_lstm_int8, %d steps and a reset, %d differ from TFLM, state %u bytes\n", steps,
         differ, (unsigned)TRAINED_LSTM_INT8_STATE_BYTES);
  return differ == 0 ? 0 : 1;
}
