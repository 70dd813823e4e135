#pragma once
// Compiler-specific attributes the kernels use, behind CTML_ macros (few, and only where measured).

#if defined(__GNUC__) || defined(__clang__)
/// Forces inlining of small kernel building blocks whose call would cost more than their body.
#define CTML_FORCE_INLINE [[gnu::always_inline]] inline
/// The entry of an int8 conv2d / depthwise / dense kernel (its kernel type's `run`): out of line
/// whatever the call graph, so a model's code and instruction counts do not depend on how many call
/// sites of `invoke` a firmware has. Measured (docs/kernels.md): inlined into a single caller, GCC
/// 12 made Cortex-M0+ dense code 13 % slower; out of line, one and two call sites count the same.
#define CTML_KERNEL_ENTRY [[gnu::noinline]]
#else
#define CTML_FORCE_INLINE inline
#define CTML_KERNEL_ENTRY
#endif
