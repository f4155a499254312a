pkg_check_modules(CRITERION REQUIRED IMPORTED_TARGET criterion>=2.4)

# nf_add_criterion_test(name SOURCES ... LIBS ... LABELS ... [TIMEOUT s] [SHARED] [ARGS ...])
# SHARED: the test may read ../shared (NF_SHARED_DIR is defined); give it the label "shared",
# which the default suite (scripts/test.sh) leaves out: a fresh clone has no ../shared.
function(nf_add_criterion_test name)
  cmake_parse_arguments(T "SHARED" "TIMEOUT" "SOURCES;LIBS;LABELS;ARGS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} PkgConfig::CRITERION)
  target_compile_definitions(${name} PRIVATE
    NF_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    NF_BINARY_DIR="${PROJECT_BINARY_DIR}"
    NF_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  if(T_SHARED)
    target_compile_definitions(${name} PRIVATE NF_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  endif()
  # Criterion forks a worker per test; -j1 keeps output readable and memory use flat.
  add_test(NAME ${name} COMMAND ${name} --jobs=1 ${T_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
    FAIL_REGULAR_EXPRESSION "ERROR: (Address|Leak)Sanitizer|runtime error:")
endfunction()

# Every tests/unit/<module>/test_*.c becomes one Criterion executable linked to LIBS.
function(nf_add_unit_tests_in_dir)
  cmake_parse_arguments(T "" "" "LIBS" ${ARGN})
  file(GLOB _srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test_*.c)
  foreach(src ${_srcs})
    get_filename_component(_n ${src} NAME_WE)
    nf_add_criterion_test(${_n} SOURCES ${src} LIBS ${T_LIBS} LABELS unit)
  endforeach()
endfunction()
