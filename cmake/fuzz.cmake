# libFuzzer targets (OBOROT_FUZZ=ON, clang only): one x_fuzz.cc beside each
# parser, built with -fsanitize=fuzzer,address,undefined and registered with
# CTest under the label "fuzz" as a short run (OBOROT_FUZZ_SECONDS each) from
# a corpus in the build folder, seeded from the sample corpus and the test
# fixtures, with a dictionary made at build time from data/ TSV files and the
# target's own ASCII tokens. See README, "Bad input".
#
#   oborot_fuzz(oborot_decode_fuzz SOURCES decode_fuzz.cc DEPS oborot_text
#               DICT ${PROJECT_SOURCE_DIR}/data/lexicons/months.tsv html_fuzz.dict
#               SEEDS ${PROJECT_SOURCE_DIR}/data/sample)
set(OBOROT_FUZZ_SECONDS 10 CACHE STRING "seconds of each fuzz target's run in the test suite")

function(oborot_fuzz name)
  if(NOT OBOROT_FUZZ)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;DICT;SEEDS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} oborot_warnings)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  set(dir ${PROJECT_BINARY_DIR}/fuzz)
  set(dict ${dir}/${name}.dict)
  set(dict_inputs "")
  foreach(d ${ARG_DICT})
    get_filename_component(abs ${d} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND dict_inputs ${abs})
  endforeach()
  add_custom_command(OUTPUT ${dict} COMMAND oborot_fuzz_dict ${dict} ${dict_inputs}
                     DEPENDS oborot_fuzz_dict ${dict_inputs} COMMENT "Fuzz dictionary for ${name}")
  add_custom_target(${name}_dict DEPENDS ${dict})
  add_dependencies(${name} ${name}_dict)
  set_property(GLOBAL APPEND PROPERTY OBOROT_SUITE_TARGETS ${name})
  file(MAKE_DIRECTORY ${dir}/corpus/${name} ${dir}/artifacts)
  add_test(NAME ${name}
           COMMAND ${name} -max_total_time=${OBOROT_FUZZ_SECONDS} -timeout=25 -rss_limit_mb=2560 -dict=${dict}
                   -artifact_prefix=${dir}/artifacts/${name}- -print_final_stats=1 ${dir}/corpus/${name} ${ARG_SEEDS})
  math(EXPR timeout "${OBOROT_FUZZ_SECONDS} + 240")
  set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT ${timeout}
                       ENVIRONMENT "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endfunction()
