// Runs a full KWS inference (out of place, and under a RAM budget with its convolutions in place), and the
// float and int8 mnist_lstm models (ctml::lstm with its state), with every allocation function replaced by
// one that aborts: if the library (or anything it pulls in) touched the heap, this program dies instead of
// printing "ok".
#include <cstdio>
#include <cstdlib>
#include <new>

#include "kws.hpp"
#include "trained_lstm.hpp"
#include "trained_lstm_int8.hpp"

namespace {
[[noreturn]] void heap_used(const char* what) {
  std::fputs(what, stderr);
  std::fputs(": heap used during inference\n", stderr);
  std::abort();
}
bool armed = false;
}  // namespace

void* operator new(std::size_t) {
  heap_used("operator new");
}
void* operator new[](std::size_t) {
  heap_used("operator new[]");
}
void operator delete(void*) noexcept {}
void operator delete[](void*) noexcept {}
void operator delete(void*, std::size_t) noexcept {}
void operator delete[](void*, std::size_t) noexcept {}
extern "C" void* malloc(std::size_t) {
  if (armed) heap_used("malloc");
  return nullptr;  // nothing before `armed` may allocate either: stdio is used unbuffered below
}
extern "C" void* calloc(std::size_t, std::size_t) {
  if (armed) heap_used("calloc");
  return nullptr;
}
extern "C" void* realloc(void*, std::size_t) {
  if (armed) heap_used("realloc");
  return nullptr;
}
extern "C" void free(void*) {}

static ctml::arena<kws> arena;
struct kws_small final : ctml::scheduled<kws, ctml::budget{.ram = 9'216}> {};
static ctml::arena<kws_small> small_arena;
static ctml::arena<trained_lstm> lstm_arena;
static ctml::state<trained_lstm> lstm_state;
static ctml::arena<trained_lstm_int8> lstm8_arena;
static ctml::state<trained_lstm_int8> lstm8_state;

int main() {
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  std::setvbuf(stderr, nullptr, _IONBF, 0);
  for (std::size_t i = 0; i < arena.input().size(); ++i) arena.input()[i] = static_cast<std::int8_t>(i * 7);
  for (std::size_t i = 0; i < small_arena.input().size(); ++i)
    small_arena.input()[i] = static_cast<std::int8_t>(i * 7);
  armed = true;
  kws::invoke(arena);
  kws_small::invoke(small_arena);
  lstm_state.reset();
  trained_lstm::invoke(lstm_arena, lstm_state);
  lstm8_state.reset();
  trained_lstm_int8::invoke(lstm8_arena, lstm8_state);
  armed = false;
  int best = 0;
  for (int i = 1; i < 12; ++i)
    if (arena.output()[static_cast<std::size_t>(i)] > arena.output()[static_cast<std::size_t>(best)])
      best = i;
  for (std::size_t i = 0; i < 12; ++i)
    if (small_arena.output()[i] != arena.output()[i]) {
      std::fputs("kws under a RAM budget differs from kws\n", stderr);
      return 1;
    }
  std::printf("no heap: ok (class %d)\n", best);
  return 0;
}
