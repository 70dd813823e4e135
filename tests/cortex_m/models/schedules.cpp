// The schedules ctml::scheduled chooses for one model as its RAM budget goes from the plan without a
// budget down to the smallest schedule (docs/memory.md, "The RAM-instructions trade-off"): each
// budget at which the choice changes, with the RAM of the schedule chosen there and how it runs each
// layer (x: in place, p: in the patch of the first layers, .: into a tensor of its own), one
// `SCHEDULE` line each. The choice is the library's own (search_schedule, the search of
// ctml::scheduled: in-place convolutions, then patches), run on the target so that the kernels'
// scratch is the target's.
// Each program argument is a budget whose chosen schedule is printed as a `CHOSEN` line, after one
// `CANDIDATE` line for each schedule the search weighed there: the plain one and, when that does not
// fit, each patch, with whether it fits and the bytes it copies (the cost the search minimises).
// tools/memory_curve/measure.sh builds one golden image per budget and counts its instructions.
#include <cstddef>
#include <cstdint>

#include <ctml_cm/semihosting.hpp>

#include CTML_CM_MODEL_HEADER

#define CTML_CM_STRINGIFY_(x) #x
#define CTML_CM_STRINGIFY(x) CTML_CM_STRINGIFY_(x)

namespace {

using base = ctml::detail::model_base_t<CTML_CM_MODEL>;

void print(const char* what, std::size_t budget, const ctml::detail::candidate<base::layer_count>& s) {
  ctml_cm_print(what);
  ctml_cm_print(" model=" CTML_CM_STRINGIFY(CTML_CM_MODEL) " budget=");
  ctml_cm_print_u64(budget);
  ctml_cm_print(" ram=");
  ctml_cm_print_u64(s.ram);
  ctml_cm_print(" in_place=");
  char mask[base::layer_count + 1] = {};
  for (std::size_t k = 0; k < base::layer_count; ++k) {
    using ctml::detail::layer_run;
    mask[k] = s.layers[k] == layer_run::patch ? 'p' : s.layers[k] == layer_run::in_place ? 'x' : '.';
  }
  ctml_cm_print(mask);
}

void print_candidate(std::size_t budget, const ctml::detail::candidate<base::layer_count>& c) {
  if (!c.valid) return;
  print("CANDIDATE", budget, c);
  ctml_cm_print(c.fits ? " fits=yes cost=" : " fits=no cost=");
  ctml_cm_print_u64(c.cost);
  ctml_cm_print("\n");
}

std::size_t parse(const char* s) {
  std::size_t n = 0;
  for (; *s >= '0' && *s <= '9'; ++s) n = n * 10 + static_cast<std::size_t>(*s - '0');
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::size_t budget = parse(argv[i]);
    // As in search_schedule: patches are weighed only when the plain schedule does not fit.
    const auto plain = ctml::detail::candidate_of<base, 0>(budget);
    print_candidate(budget, plain);
    if (!plain.fits)
      for (const auto& c : ctml::detail::patch_candidates_of<base>(budget)) print_candidate(budget, c);
    const auto s = ctml::detail::search_schedule<base>(budget);
    if (s.fits) {
      print("CHOSEN", budget, s);
      ctml_cm_print("\n");
    }
  }
  // Without a budget (any budget the fastest plan fits), then the largest budget below each
  // schedule's RAM, down to the smallest schedule.
  std::size_t budget = SIZE_MAX;
  for (int step = 0; step < 64; ++step) {
    const auto s = ctml::detail::search_schedule<base>(budget);
    if (!s.fits) break;
    print("SCHEDULE", budget == SIZE_MAX ? 0 : budget, s);
    ctml_cm_print("\n");
    if (s.ram <= ctml::smallest_ram<base>) return 0;
    budget = s.ram - 1;
  }
  ctml_cm_print("FAIL schedules: the search did not reach the smallest schedule\n");
  return 1;
}
