# Toolchain file for bare-metal Cortex-M with the Arm GNU toolchain (Debian gcc-arm-none-eabi,
# libnewlib-arm-none-eabi, libstdc++-arm-none-eabi-newlib).
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-none-eabi.cmake -DCTML_CM_TARGET=m4 ...
#
# CTML_CM_TARGET picks the core and the QEMU machine that emulates it (see docs/cortex-m.md):
#   m0p  Cortex-M0+ code (Armv6-M), run on mps2-an385 (QEMU models an M3 there; same instructions)
#   m4   Cortex-M4F, hard float            mps2-an386
#   m7   Cortex-M7, double-precision FPU   mps2-an500
#   m33  Cortex-M33, FPU + DSP             mps2-an505
#   m55  Cortex-M55, FPU + Helium (MVE)    mps3-an547
# Executables link the project's startup and linker script (cmake/cortex_m/) and write a map file
# next to the ELF; CMAKE_CROSSCOMPILING_EMULATOR runs them under qemu-system-arm, so ctest works.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CTML_CM_TARGET "m4" CACHE STRING "Cortex-M target: m0p, m4, m7, m33 or m55")
set_property(CACHE CTML_CM_TARGET PROPERTY STRINGS m0p m4 m7 m33 m55)
# try_compile projects re-read this file: pass the target through to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CTML_CM_TARGET)

if(CTML_CM_TARGET STREQUAL "m0p")
  set(_cpu "-mcpu=cortex-m0plus -mfloat-abi=soft")
  set(CTML_CM_MACHINE mps2-an385)
elseif(CTML_CM_TARGET STREQUAL "m4")
  set(_cpu "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
  set(CTML_CM_MACHINE mps2-an386)
elseif(CTML_CM_TARGET STREQUAL "m7")
  set(_cpu "-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard")
  set(CTML_CM_MACHINE mps2-an500)
elseif(CTML_CM_TARGET STREQUAL "m33")
  set(_cpu "-mcpu=cortex-m33 -mfloat-abi=hard")
  set(CTML_CM_MACHINE mps2-an505)
elseif(CTML_CM_TARGET STREQUAL "m55")
  set(_cpu "-mcpu=cortex-m55 -mfloat-abi=hard")
  set(CTML_CM_MACHINE mps3-an547)
else()
  message(FATAL_ERROR "CTML_CM_TARGET='${CTML_CM_TARGET}': expected one of m0p, m4, m7, m33, m55")
endif()
string(REPLACE "-" "_" CTML_CM_LINKER_SCRIPT_NAME "${CTML_CM_MACHINE}")

get_filename_component(CTML_CM_DIR "${CMAKE_CURRENT_LIST_DIR}/../cortex_m" ABSOLUTE)
set(CTML_CM_LINKER_SCRIPT "${CTML_CM_DIR}/ld/${CTML_CM_LINKER_SCRIPT_NAME}.ld")

find_program(CMAKE_C_COMPILER arm-none-eabi-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER arm-none-eabi-g++ REQUIRED)
set(CMAKE_ASM_COMPILER "${CMAKE_C_COMPILER}")
find_program(CMAKE_OBJCOPY arm-none-eabi-objcopy)
find_program(CMAKE_SIZE arm-none-eabi-size)
# Compiler checks link without our startup: build a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Statics without guards and atexit-free destructors: what firmware wants, and no libc locks.
# -Wno-psabi: GCC notes ABI changes of GCC 7.1 on every std::vector use; everything here is built
# by one compiler, so they carry no information.
set(_common "-mthumb ${_cpu} -ffunction-sections -fdata-sections -Wno-psabi")
set(CMAKE_C_FLAGS_INIT "${_common}")
set(CMAKE_CXX_FLAGS_INIT "${_common} -fno-threadsafe-statics -fno-use-cxa-atexit")
set(CMAKE_ASM_FLAGS_INIT "${_common}")
# rdimon: newlib's syscalls over semihosting. -nostartfiles: our startup (cmake/cortex_m/src).
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "--specs=rdimon.specs -nostartfiles -Wl,--gc-sections -T${CTML_CM_LINKER_SCRIPT} -L${CTML_CM_DIR}/ld")
# Every image gets a link map (<elf>.map): the no-heap check and the footprint report read it.
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_CXX_COMPILER> <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> -Wl,-Map=<TARGET>.map <LINK_LIBRARIES>")
set(CMAKE_EXECUTABLE_SUFFIX_CXX ".elf")
set(CMAKE_EXECUTABLE_SUFFIX ".elf")

set(CMAKE_CROSSCOMPILING_EMULATOR "${CTML_CM_DIR}/run.sh;--machine;${CTML_CM_MACHINE}")

# Header-only host packages (doctest) are usable as they are: no find root path.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
