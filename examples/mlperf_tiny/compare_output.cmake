# Runs RUN [ARGS] MODEL INPUT, captures stdout into a file and compares it byte for byte with EXPECTED.
string(MAKE_C_IDENTIFIER "${MODEL}${ARGS}" out)  # one file per test: tests may run in parallel
execute_process(COMMAND ${RUN} ${ARGS} ${MODEL} ${INPUT} OUTPUT_FILE ${CMAKE_CURRENT_BINARY_DIR}/out_${out}.bin
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${RUN} exited with ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${CMAKE_CURRENT_BINARY_DIR}/out_${out}.bin ${EXPECTED}
                RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "output differs from ${EXPECTED}")
endif()
