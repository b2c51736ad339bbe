# Installs the built library into WORK_DIR/prefix, builds examples/embed
# against it and checks the decision it prints (worked example 1 of docs/policy-reading.md).
file(REMOVE_RECURSE "${WORK_DIR}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
run("configuring the example" "${CMAKE_COMMAND}" -S "${EXAMPLE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" "-DCMAKE_CXX_COMPILER=${CXX}" -DCMAKE_BUILD_TYPE=Release)
run("building the example" "${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("running the example" "${WORK_DIR}/build/embed_example")

set(expected
  "\"id\":\"EX-1\",\"as_of\":\"2025-06-30\""
  "\"program\":\"rent_subsidy\",\"title\":\"Rent subsidy for graduates\",\"status\":\"eligible\",\"amount\":\"1000.00\",\"frequency\":\"monthly\",\"window\":{\"start\":\"2024-07-01\",\"end\":\"2026-07-01\"}"
  "\"program\":\"home_purchase_subsidy\",\"title\":\"Home-purchase subsidy for graduates\",\"status\":\"ineligible\""
  "\"program\":\"startup_loan_interest_subsidy\",\"title\":\"Qingcheng Dream loan interest subsidy\",\"status\":\"ineligible\"")
foreach(piece IN LISTS expected)
  string(FIND "${output}" "${piece}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the example's output lacks\n  ${piece}\nIt printed:\n${output}")
  endif()
endforeach()
message(STATUS "embed example printed the expected decision")
