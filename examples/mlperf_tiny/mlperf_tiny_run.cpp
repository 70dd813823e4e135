// mlperf_tiny_run: runs an MLPerf Tiny reference model on a raw int8 input tensor.
//   mlperf_tiny_run [--repeat N] MODEL INPUT.bin   writes the raw int8 output tensor to stdout
//   mlperf_tiny_run --summary MODEL                prints the model summary (layers, arena bytes)
//   mlperf_tiny_run --plan-svg DIR                 draws every model's arena plan to DIR/<model>.svg
// MODEL: kws, vww, ic, ad, or one of them under a RAM budget: kws_9216, vww_40960, ic_36864. N: a whole
// number from 1 to max_repeat (1,000,000). Errors print one line on stderr and exit with status 2.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "ad.hpp"
#include "ic.hpp"
#include "kws.hpp"
#include "plan_svg.hpp"
#include "vww.hpp"

namespace {

// The same models under the RAM budgets of docs/memory.md (ctml::scheduled): convolutions in place
// (KWS, IC) and VWW's first stage as a patch. Same bytes out, less RAM.
struct kws_9216 final : ctml::scheduled<kws, ctml::budget{.ram = 9'216}> {};
struct vww_40960 final : ctml::scheduled<vww, ctml::budget{.ram = 40'960}> {};
struct ic_36864 final : ctml::scheduled<ic, ctml::budget{.ram = 36'864}> {};

// --repeat is for timing and instruction counts (benchmarks/callgrind.sh runs 1 and 2). A million
// inferences of the slowest model (VWW, ~5 ms each on an x86-64 host at -O2) take ~80 minutes, long
// enough for any timing; a larger count is a typo (a digit too many), refused at once rather than
// running for days.
constexpr long max_repeat = 1'000'000;
static_assert(max_repeat == 1'000'000, "update the usage and error texts below");

/// Parses all of `text` as a decimal whole number in [lo, hi]. Unlike strtol: no leading space or
/// '+', nothing after the digits, and overflow is an error (std::from_chars reports it).
bool parse_whole(const char* text, long lo, long hi, long& value) {
  const char* const end = text + std::strlen(text);
  const auto [stop, ec] = std::from_chars(text, end, value);
  return ec == std::errc{} && stop == end && value >= lo && value <= hi;
}

int fail(const char* fmt, const char* arg = "") {
  std::fprintf(stderr, "mlperf_tiny_run: ");
  std::fprintf(stderr, fmt, arg);
  std::fprintf(stderr, "\n");
  return 2;
}

template <class Model>
int summary(const char* name) {
  ctml::print_summary<Model>([](char c) { std::putchar(c); }, name);
  return 0;
}

template <class Model>
int run(const char* path, long repeat) {
  static ctml::arena<Model> arena;
  constexpr std::size_t n = ctml::arena<Model>::input_size;
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return fail("cannot open input file '%s'", path);
  static typename Model::input_type input[n];  // VWW: 27 KiB, not for the stack
  const std::size_t got = std::fread(input, 1, sizeof input, f);
  const bool extra = std::fgetc(f) != EOF;
  std::fclose(f);
  if (got != sizeof input || extra) {
    std::fprintf(stderr, "mlperf_tiny_run: the model expects %zu bytes of input, '%s' has %s%zu\n",
                 sizeof input, path, extra ? "more than " : "", got);
    return 2;
  }
  for (long r = 0; r < repeat; ++r) {
    std::memcpy(arena.input().data(), input, sizeof input);  // the inference may overwrite its input
    Model::invoke(arena);
  }
  const auto out = arena.output();
  if (std::fwrite(out.data(), sizeof(out[0]), out.size(), stdout) != out.size())
    return fail("cannot write output");
  return 0;
}

struct model_entry {
  const char* name;
  int (*summary)(const char*);
  int (*run)(const char*, long);
  bool (*plan_svg)(const std::string&, const char*);
  const char* title;
};
constexpr model_entry models[] = {
    {"kws", summary<kws>, run<kws>, plan_svg::draw<kws>, "KWS (DS-CNN)"},
    {"vww", summary<vww>, run<vww>, plan_svg::draw<vww>, "VWW (MobileNetV1 0.25)"},
    {"ic", summary<ic>, run<ic>, plan_svg::draw<ic>, "IC (ResNet-8)"},
    {"ad", summary<ad>, run<ad>, plan_svg::draw<ad>, "AD (autoencoder)"},
    {"kws_9216", summary<kws_9216>, run<kws_9216>, plan_svg::draw<kws_9216>, "KWS, RAM budget 9,216"},
    {"vww_40960", summary<vww_40960>, run<vww_40960>, plan_svg::draw<vww_40960>, "VWW, RAM budget 40,960"},
    {"ic_36864", summary<ic_36864>, run<ic_36864>, plan_svg::draw<ic_36864>, "IC, RAM budget 36,864"},
};

const model_entry* find(const char* name) {
  for (const auto& m : models)
    if (std::strcmp(m.name, name) == 0) return &m;
  return nullptr;
}

int usage() {
  std::fprintf(stderr,
               "usage: mlperf_tiny_run [--repeat N] MODEL INPUT.bin   (N: 1 to 1000000)\n"
               "       mlperf_tiny_run --summary MODEL\n"
               "       mlperf_tiny_run --plan-svg DIR\n"
               "MODEL: ");
  for (const auto& m : models) std::fprintf(stderr, "%s ", m.name);
  std::fprintf(stderr, "\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  long repeat = 1;
  int i = 1;
  if (argc == 3 && std::strcmp(argv[1], "--summary") == 0) {
    const model_entry* m = find(argv[2]);
    return m ? m->summary(m->name) : fail("unknown model '%s' (try --help)", argv[2]);
  }
  if (argc == 3 && std::strcmp(argv[1], "--plan-svg") == 0) {
    for (const auto& m : models)
      if (!m.plan_svg(std::string(argv[2]) + "/" + m.name + ".svg", m.title))
        return fail("cannot write to directory '%s'", argv[2]);
    return 0;
  }
  if (argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) return usage(), 0;
  if (argc > 2 && std::strcmp(argv[1], "--repeat") == 0) {
    if (!parse_whole(argv[2], 1, max_repeat, repeat))
      return fail("--repeat takes a whole number from 1 to 1000000, got '%s'", argv[2]);
    i = 3;
  }
  if (argc - i != 2) return usage();
  const model_entry* m = find(argv[i]);
  if (!m) return fail("unknown model '%s' (try --help)", argv[i]);
  return m->run(argv[i + 1], repeat);
}
