# Regenerates the plan pictures into OUT and fails if docs/memory differs (update them with
# `mlperf_tiny_run --plan-svg docs/memory`).
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${TOOL} --plan-svg ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mlperf_tiny_run --plan-svg failed")
endif()
foreach(m kws vww ic ad kws_9216 vww_40960 ic_36864)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/${m}.svg ${DOCS}/${m}.svg RESULT_VARIABLE diff)
  if(NOT diff EQUAL 0)
    message(FATAL_ERROR "docs/memory/${m}.svg is out of date: run mlperf_tiny_run --plan-svg docs/memory")
  endif()
endforeach()
