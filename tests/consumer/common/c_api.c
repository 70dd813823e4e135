/* A C11 program on the C API that ctml_add_model(... C_API) generated: TFLite Micro's micro_speech
   (int8), every golden case, outputs compared byte for byte with TFLM's. Compiled as C with
   -std=c11 -Wall -Wextra -Wpedantic (-Werror). */
#include <stdio.h>
#include <string.h>

#include "micro_speech.h"
#include "micro_speech_goldens.h"

_Static_assert(GOLDEN_INPUT_BYTES == MICRO_SPEECH_INPUT_BYTES, "input size");
_Static_assert(GOLDEN_OUTPUT_BYTES == MICRO_SPEECH_OUTPUT_BYTES, "output size");
_Static_assert(MICRO_SPEECH_INPUT_ELEMENTS == 1960 && MICRO_SPEECH_OUTPUT_ELEMENTS == 4, "element counts");
_Static_assert(MICRO_SPEECH_STATE_BYTES == 0, "a feed-forward model has no state");

static _Alignas(MICRO_SPEECH_ARENA_ALIGN) unsigned char arena[MICRO_SPEECH_ARENA_BYTES + 1];

int main(void) {
  int differ = 0;
  micro_speech_input_t input[MICRO_SPEECH_INPUT_ELEMENTS];
  micro_speech_output_t output[MICRO_SPEECH_OUTPUT_ELEMENTS];
  for (int c = 0; c < GOLDEN_CASES; ++c) {
    memcpy(input, golden_input[c], sizeof input);
    if (micro_speech_invoke(input, output, arena) != 0) {
      printf("%s: micro_speech_invoke refused an aligned arena\n", golden_name[c]);
      return 2;
    }
    if (memcmp(output, golden_output[c], sizeof output) != 0) {
      printf("%s: differs from TFLM\n", golden_name[c]);
      ++differ;
    }
  }
  /* The quantization macros: the last case's first score as a probability. */
  const float p = MICRO_SPEECH_OUTPUT_SCALE * (float)(output[0] - MICRO_SPEECH_OUTPUT_ZERO_POINT);
  /* A misaligned arena and a null pointer are refused, nothing run. */
  if (micro_speech_invoke(input, output, arena + 1) != -1 || micro_speech_invoke(NULL, output, arena) != -1) {
    printf("micro_speech_invoke accepted a misaligned arena or a null input\n");
    return 3;
  }
  printf("c_api: micro_speech, %d cases, %d differ from TFLM, arena %u bytes, last p[0] %d/1000\n",
         GOLDEN_CASES, differ, (unsigned)MICRO_SPEECH_ARENA_BYTES, (int)(p * 1000.0f));
  return differ == 0 ? 0 : 1;
}
