#pragma once
// The few DSP-extension instructions the arm_dsp kernels use, as inline functions.

#include <ctml/core/arch.hpp>

// Empty unless the compiler targets the DSP extension, so that the header check can include it on
// every target.
#if CTML_ARCH_ARM_DSP

#include <cstdint>
#include <cstring>

#include <arm_acle.h>

namespace ctml::kernels::arm_dsp {

/// Four int8 as one word (LDR; Cortex-M allows unaligned LDR, memcpy keeps it free of aliasing UB).
inline std::int32_t load4(const std::int8_t* p) noexcept {
  std::int32_t w;
  std::memcpy(&w, p, 4);
  return w;
}
/// Two words at byte offset Offset from a 4-byte aligned pointer: one LDRD (GCC 12 splits 64-bit
/// loads into two LDRs for the Cortex-M4; the immediate offset saves the address arithmetic).
template <int Offset>
inline void load_pair_at(const void* p, std::int32_t& a, std::int32_t& b) noexcept {
  const auto* at = static_cast<const std::int8_t*>(p) + Offset;
  if constexpr (Offset >= -1020 && Offset <= 1020 && Offset % 4 == 0) {
    __asm__("ldrd %0, %1, [%2, %3]"
            : "=r"(a), "=r"(b)
            : "r"(p), "n"(Offset), "m"(*reinterpret_cast<const std::uint64_t*>(at)));
  } else {
    __asm__("ldrd %0, %1, [%2]"
            : "=r"(a), "=r"(b)
            : "r"(at), "m"(*reinterpret_cast<const std::uint64_t*>(at)));
  }
}
inline void store_word(std::int16_t* p, std::int32_t w) noexcept {
  std::memcpy(p, &w, 4);
}

/// Bytes 0 and 2 sign-extended to two halfwords.
inline std::int32_t sxtb16(std::int32_t x) noexcept {
  return __sxtb16(x);
}

/// Bytes 1 and 3 sign-extended to two halfwords. GCC 12 has no __ror and does not fold a rotate
/// into SXTB16, so the rotated form is written in asm (one instruction instead of two).
inline std::int32_t sxtb16_ror8(std::int32_t x) noexcept {
  std::int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}

/// a + bytes 0 and 2 of x, per halfword (adds the input offset while widening).
inline std::int32_t sxtab16(std::int32_t a, std::int32_t x) noexcept {
  return __sxtab16(a, x);
}

/// a + bytes 1 and 3 of x, per halfword.
inline std::int32_t sxtab16_ror8(std::int32_t a, std::int32_t x) noexcept {
  std::int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
  return r;
}

/// acc + a.lo * b.lo + a.hi * b.hi.
inline std::int32_t smlad(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
  return static_cast<std::int32_t>(__smlad(a, b, acc));
}
/// acc + a.lo * b.lo.
inline std::int32_t smlabb(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
  return __smlabb(a, b, acc);
}
/// acc + a.hi * b.lo.
inline std::int32_t smlatb(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
  return __smlatb(a, b, acc);
}
/// acc + a.lo * b.hi.
inline std::int32_t smlabt(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
  return __smlabt(a, b, acc);
}
/// acc + a.hi * b.hi.
inline std::int32_t smlatt(std::int32_t a, std::int32_t b, std::int32_t acc) noexcept {
  return __smlatt(a, b, acc);
}

/// An int16 offset in both halfwords (for SXTAB16).
constexpr std::int32_t dual_offset(std::int32_t offset) noexcept {
  return static_cast<std::int32_t>((static_cast<std::uint32_t>(offset) & 0xffffu) * 0x10001u);
}

}  // namespace ctml::kernels::arm_dsp

#endif  // CTML_ARCH_ARM_DSP
