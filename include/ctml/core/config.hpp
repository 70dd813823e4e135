#pragma once
// Compiler-specific attributes the kernels use, behind CTML_ macros (few, and only where measured).

#if defined(__GNUC__) || defined(__clang__)
/// Forces inlining of small kernel building blocks whose call would cost more than their body.
#define CTML_FORCE_INLINE [[gnu::always_inline]] inline
#else
#define CTML_FORCE_INLINE inline
#endif
