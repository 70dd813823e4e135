# RV32 runtime for cross builds with cmake/toolchains/riscv32-unknown-elf.cmake: start-up code,
# semihosting exit and output, trap reports, stack painting and the instruction counter, as the
# object library ctml_cm_runtime. It implements the Cortex-M runtime's interface
# (cmake/cortex_m/include/ctml_cm/*.hpp) and shares its counter and stack code, so the on-target
# suite in tests/cortex_m (runtime tests, golden models) builds and runs unchanged on RISC-V.
# Included by ctml_dev.cmake; every executable created after it links the runtime.
include_guard(GLOBAL)
if(NOT CTML_RV_MACHINE)
  message(FATAL_ERROR "ctml_riscv.cmake needs the toolchain file cmake/toolchains/riscv32-unknown-elf.cmake")
endif()
set(CTML_RV_DIR ${CMAKE_CURRENT_LIST_DIR})
get_filename_component(_ctml_cm_dir ${CMAKE_CURRENT_LIST_DIR}/../cortex_m ABSOLUTE)
# What tests/cortex_m keys on: the machine, the target's name, the fault a bad instruction gives.
set(CTML_CM_MACHINE ${CTML_RV_MACHINE})
set(CTML_CM_TARGET ${CTML_RV_TARGET})
set(CTML_CM_FAULT_PASS_REGEX
    "\\[rv\\] exception 2 pc=[0-9a-f]+.*stopped by exception 2 on [^ ]+ \\(exit 130\\)")

add_library(ctml_cm_runtime OBJECT
  ${CTML_RV_DIR}/src/startup.cpp ${CTML_RV_DIR}/src/faults.cpp
  ${_ctml_cm_dir}/src/semihosting.cpp ${_ctml_cm_dir}/src/counter.cpp ${_ctml_cm_dir}/src/stack.cpp)
target_include_directories(ctml_cm_runtime PUBLIC ${_ctml_cm_dir}/include)
target_compile_features(ctml_cm_runtime PUBLIC cxx_std_20)
target_compile_options(ctml_cm_runtime PRIVATE -fno-exceptions -fno-rtti
                       -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror)
target_compile_definitions(ctml_cm_runtime PRIVATE CTML_CM_TIMER_RISCV_CLINT)
file(GLOB _ctml_rv_ld ${CTML_RV_DIR}/ld/*.ld)
set_property(TARGET ctml_cm_runtime APPEND PROPERTY INTERFACE_LINK_DEPENDS ${_ctml_rv_ld})

link_libraries(ctml_cm_runtime)

# ctml_cm_add_test(<name> SOURCES <files...> [LIBRARIES <libs...>] [ARGS <args...>] [LABELS ...])
# An on-target program (no doctest): its exit code is the result; run under QEMU by ctest.
function(ctml_cm_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;ARGS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ctml::ctml ctml_warnings ctml_freestanding ${ARG_LIBRARIES})
  add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "cortex_m;riscv;${ARG_LABELS}")
endfunction()

# ctml-import runs on the build machine (CTML_IMPORT_EXECUTABLE or a host build, ctml_add_model.cmake).
set(CTML_CM_IMPORTER_AVAILABLE ON)
