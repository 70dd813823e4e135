# Runs one compile-fail case (see ctml_add_compile_fail_test in ctml_dev.cmake):
#   cmake -DBUILD_DIR=... -DTARGET=... -DCONFIG=... -DSOURCE=<case.cpp> -P ctml_compile_fail_check.cmake
# The build must fail. In the compiler's output, the case's `// EXPECT:` regex must match somewhere;
# `// FIRST-ERROR:` must match the first error line (what a user reads first); `// ERRORS: N` is
# the number of error lines, so that a cascade after the first error fails the test.
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET} --config ${CONFIG}
                OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
if(rc EQUAL 0)
  message(FATAL_ERROR "${TARGET}: compiled, but the case must not compile")
endif()

# Line by line without CMake lists, which would split at ';' and not inside square brackets.
set(error_count 0)
set(first "")
set(rest "${out}\n")
while(TRUE)
  string(FIND "${rest}" "\n" eol)
  if(eol EQUAL -1)
    break()
  endif()
  string(SUBSTRING "${rest}" 0 ${eol} line)
  math(EXPR eol "${eol} + 1")
  string(SUBSTRING "${rest}" ${eol} -1 rest)
  # GCC and Clang: "file:line:col: error: ..." or "fatal error: ..."; not ninja's own lines.
  if(line MATCHES "(^|: )(fatal )?error: ")
    math(EXPR error_count "${error_count} + 1")
    if(error_count EQUAL 1)
      set(first "${line}")
    endif()
  endif()
endwhile()
message(STATUS "${TARGET}: ${error_count} error line(s); first: ${first}")

file(READ ${SOURCE} source)
if(source MATCHES "(^|\n)// EXPECT: ([^\n]*)")
  if(NOT out MATCHES "${CMAKE_MATCH_2}")
    message(FATAL_ERROR "${TARGET}: nothing matches EXPECT '${CMAKE_MATCH_2}'. Output:\n${out}")
  endif()
endif()
if(source MATCHES "(^|\n)// FIRST-ERROR: ([^\n]*)")
  if(NOT first MATCHES "${CMAKE_MATCH_2}")
    message(FATAL_ERROR "${TARGET}: the first error line does not match '${CMAKE_MATCH_2}':\n${first}")
  endif()
endif()
if(source MATCHES "(^|\n)// ERRORS: ([0-9]+)")
  if(NOT error_count EQUAL CMAKE_MATCH_2)
    message(FATAL_ERROR "${TARGET}: ${error_count} error lines, expected ${CMAKE_MATCH_2}. Output:\n${out}")
  endif()
endif()
