# Toolchain file for bare-metal RV32 with Debian's gcc-riscv64-unknown-elf (a multilib GCC that also
# builds rv32) and picolibc-riscv64-unknown-elf.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv32-unknown-elf.cmake -DCTML_RV_TARGET=rv32imac ...
#
# CTML_RV_TARGET picks the ISA (ABI ilp32, soft float: the ESP32-C3, GD32VF103 and CH32V003/203
# class of cores); every target runs on QEMU's `virt` machine (docs/integration.md, RISC-V):
#   rv32imac  integer, multiply/divide, atomics, compressed   picolibc multilib rv32imac/ilp32
#   rv32imc   the same without atomics (ESP32-C3-like)         picolibc multilib rv32im/ilp32
# Debian ships no libstdc++ for riscv64-unknown-elf. ctml and the on-target programs use only
# header-only parts of the C++ library (<array>, <span>, <type_traits>, <cmath>, ...), so the
# headers of Debian's libstdc++-arm-none-eabi-dev (GCC 12.2, configured for bare-metal newlib, which
# picolibc is compatible with) stand in; nothing of libstdc++.a is linked. doctest needs iostreams
# (libstdc++.a), so doctest tests are not built for this target.
# Executables link the project's startup and linker script (cmake/riscv/) and write a map file next
# to the ELF; CMAKE_CROSSCOMPILING_EMULATOR runs them under qemu-system-riscv32, so ctest works.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(CTML_RV_TARGET "rv32imac" CACHE STRING "RV32 target: rv32imac or rv32imc")
set_property(CACHE CTML_RV_TARGET PROPERTY STRINGS rv32imac rv32imc)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CTML_RV_TARGET)
if(NOT CTML_RV_TARGET MATCHES "^rv32ima?c$")
  message(FATAL_ERROR "CTML_RV_TARGET='${CTML_RV_TARGET}': expected rv32imac or rv32imc")
endif()
set(CTML_RV_MACHINE virt)

get_filename_component(CTML_RV_DIR "${CMAKE_CURRENT_LIST_DIR}/../riscv" ABSOLUTE)
set(CTML_RV_LINKER_SCRIPT "${CTML_RV_DIR}/ld/virt.ld")

find_program(CMAKE_C_COMPILER riscv64-unknown-elf-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++ REQUIRED)
set(CMAKE_ASM_COMPILER "${CMAKE_C_COMPILER}")
find_program(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy)
find_program(CMAKE_SIZE riscv64-unknown-elf-size)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# The C++ library headers (see above): GCC 12.2's, configured for bare metal.
set(CTML_RV_CXX_HEADERS "/usr/include/newlib/c++/12.2.1" CACHE PATH
    "Header-only C++ standard library for the RV32 build (Debian: libstdc++-arm-none-eabi-dev)")
if(NOT EXISTS "${CTML_RV_CXX_HEADERS}/array")
  message(FATAL_ERROR "No C++ library headers in CTML_RV_CXX_HEADERS='${CTML_RV_CXX_HEADERS}' "
                      "(apt-get install libstdc++-arm-none-eabi-dev, or point it at GCC 12 headers)")
endif()

# Statics without guards and atexit-free destructors, as for Cortex-M. -Wno-psabi: one compiler.
set(_common "-march=${CTML_RV_TARGET} -mabi=ilp32 -ffunction-sections -fdata-sections --specs=picolibc.specs")
set(CMAKE_C_FLAGS_INIT "${_common}")
set(CMAKE_CXX_FLAGS_INIT
    "${_common} -nostdinc++ -isystem ${CTML_RV_CXX_HEADERS} -isystem ${CTML_RV_CXX_HEADERS}/arm-none-eabi \
-fno-threadsafe-statics -fno-use-cxa-atexit -Wno-psabi")
set(CMAKE_ASM_FLAGS_INIT "${_common}")
# picolibc's libc and libm, and its semihosting stdio (--oslib=semihost: stdout/stderr for programs
# that printf; model images print through ctml_cm_print and link none of it); -nostartfiles: our
# startup (cmake/riscv/src); our linker script.
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "--oslib=semihost -nostartfiles -Wl,--gc-sections -T${CTML_RV_LINKER_SCRIPT} -L${CTML_RV_DIR}/ld")
# No libstdc++/libsupc++ to link: the C driver links (g++ would add -lstdc++, and GCC 12 has no
# -nostdlib++).
set(CMAKE_CXX_LINK_EXECUTABLE
    "${CMAKE_C_COMPILER} <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> -Wl,-Map=<TARGET>.map <LINK_LIBRARIES> -lm")
set(CMAKE_EXECUTABLE_SUFFIX_CXX ".elf")
set(CMAKE_EXECUTABLE_SUFFIX ".elf")

set(CMAKE_CROSSCOMPILING_EMULATOR "${CTML_RV_DIR}/run.sh")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
