import FuzzSupport

runFuzzer { fuzzAssessment($0, $1) }
