# Toolchain file for AArch64 Linux (Raspberry Pi-class boards) with Debian's g++-aarch64-linux-gnu;
# tests run under qemu-aarch64 (Debian qemu-user) with the cross C library in /usr/aarch64-linux-gnu.
#
#   cmake --preset aarch64-linux && cmake --build --preset aarch64-linux && ctest --preset aarch64-linux
#
# ctml-import runs on the build machine: pass -DCTML_IMPORT_EXECUTABLE=<host build's ctml-import>, or
# ctml_add_model() builds one for the host (cmake/ctml_add_model.cmake).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

find_program(CMAKE_C_COMPILER aarch64-linux-gnu-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++ REQUIRED)

set(CTML_AARCH64_SYSROOT "/usr/aarch64-linux-gnu" CACHE PATH "The AArch64 C library that qemu-aarch64 loads (-L)")
set(CMAKE_FIND_ROOT_PATH "${CTML_AARCH64_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# Header-only host packages (doctest's CMake config) stay findable; ctml_dev.cmake gives tests a
# copy of doctest.h, since doctest::doctest would put the build machine's /usr/include first.
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

find_program(CTML_QEMU_AARCH64 qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${CTML_QEMU_AARCH64};-L;${CTML_AARCH64_SYSROOT}")
