#pragma once
// The exact sum of Q15 squares with integer Helium: the specialisation
// detail::sum_squares_q15_impl<arch::arm_mve>. Empty unless the compiler targets integer Helium.

#include <ctml/dsp/arch.hpp>
#if CTML_ARCH_ARM_MVE

#include <cstdint>
#include <span>
#include <type_traits>

#include <ctml/dsp/reference/statistics.hpp>

namespace ctml::dsp::detail {

template <>
struct sum_squares_q15_impl<arch::arm_mve> {
  static constexpr std::uint64_t run(std::span<const std::int16_t> x) {
    if (std::is_constant_evaluated()) return sum_squares_q15_impl<arch::generic>::run(x);
    // VMLALDAVA: eight 16x16 products summed exactly into 64 bits per instruction (the same sum as
    // the generic loop). Inline assembly keeps the accumulator in one even/odd register pair (GCC 12
    // moves it between pairs every iteration): 32 samples per low-overhead-loop iteration, then a
    // tail-predicated loop (WLSTP/LETP) for the remaining < 32.
    const std::int16_t* p = x.data();
    const auto blocks = static_cast<std::uint32_t>(x.size() / 32),
               rest = static_cast<std::uint32_t>(x.size() % 32);
    std::uint32_t lo, hi;
    __asm__ volatile(
        "movs r4, #0\n\tmovs r5, #0\n\t"
        "wls lr, %[blocks], 2f\n"
        "1:\n\t"
        "vldrh.s16 q0, [%[p]], #16\n\tvldrh.s16 q1, [%[p]], #16\n\t"
        "vmlaldava.s16 r4, r5, q0, q0\n\tvldrh.s16 q2, [%[p]], #16\n\t"
        "vmlaldava.s16 r4, r5, q1, q1\n\tvldrh.s16 q3, [%[p]], #16\n\t"
        "vmlaldava.s16 r4, r5, q2, q2\n\tvmlaldava.s16 r4, r5, q3, q3\n\t"
        "le lr, 1b\n"
        "2:\n\t"
        "wlstp.16 lr, %[rest], 4f\n"
        "3:\n\t"
        "vldrh.s16 q0, [%[p]], #16\n\tvmlaldava.s16 r4, r5, q0, q0\n\t"
        "letp lr, 3b\n"
        "4:\n\t"
        "mov %[lo], r4\n\tmov %[hi], r5"
        : [lo] "=r"(lo), [hi] "=r"(hi), [p] "+r"(p)
        : [blocks] "r"(blocks), [rest] "r"(rest)
        : "r4", "r5", "lr", "q0", "q1", "q2", "q3", "memory", "cc");
    return (std::uint64_t{hi} << 32) | lo;
  }
};

}  // namespace ctml::dsp::detail
#endif  // CTML_ARCH_ARM_MVE
