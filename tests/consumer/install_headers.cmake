# Installs ctml's headers component from a configured tree that was never built (cmake --install
# needs no build for it), then checks what arrived: the headers, the CMake package, the importer's
# sources, and no ctml-import (that is the ctml_tools component).
#   cmake -DSOURCE=<ctml> -DBINARY=<dir> -DPREFIX=<dir> -DGENERATOR=<g> -P install_headers.cmake
file(REMOVE_RECURSE ${BINARY} ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G ${GENERATOR} -DCTML_INSTALL=ON
                        -DCTML_BUILD_TESTS=OFF -DCTML_BUILD_BENCHMARKS=OFF -DCTML_BUILD_EXAMPLES=OFF
                RESULT_VARIABLE _rc OUTPUT_QUIET)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "configure failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BINARY} --component ctml_headers --prefix ${PREFIX}
                RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cmake --install --component ctml_headers failed on an unbuilt tree")
endif()
foreach(_f include/ctml/ctml.hpp share/cmake/ctml/ctmlConfig.cmake share/cmake/ctml/ctml_add_model.cmake
           share/cmake/ctml/ctml_c_api.cmake share/ctml/ctml-import/CMakeLists.txt
           share/ctml/ctml-import/src/main.cpp)
  if(NOT EXISTS ${PREFIX}/${_f})
    message(FATAL_ERROR "not installed: ${_f}")
  endif()
endforeach()
if(EXISTS ${PREFIX}/bin/ctml-import)
  message(FATAL_ERROR "the headers component installed ctml-import")
endif()
message("consumer: headers installed without a build")
