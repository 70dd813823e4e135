# Compiles every compile-fail case of a build in one go (the test compile_fail_build, the fixture the
# cases need; see ctml_add_compile_fail_test in ctml_dev.cmake):
#   cmake -DBUILD_DIR=... -DCONFIG=... -P ctml_compile_fail_build.cmake
# The outcomes of an earlier run are removed first, so that a case whose compile did not run fails.
cmake_minimum_required(VERSION 3.25)
# So are objects an older build wrote for the cases (the cases write none: -fsyntax-only), which
# would make the build skip them.
file(GLOB_RECURSE stale ${BUILD_DIR}/*.ctml_cf.rc ${BUILD_DIR}/*.o ${BUILD_DIR}/*.obj)
list(FILTER stale INCLUDE REGEX "(\\.ctml_cf\\.rc|/CMakeFiles/compile_fail_[^/]*\\.dir/.*)$")
if(stale)
  file(REMOVE ${stale})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ctml_compile_fail_cases --config ${CONFIG}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compile_fail_build: building the compile-fail cases failed (${rc})")
endif()
