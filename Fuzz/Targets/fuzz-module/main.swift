import FuzzSupport

runFuzzer { fuzzModule($0, $1) }
