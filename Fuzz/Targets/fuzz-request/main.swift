import FuzzSupport

runFuzzer { fuzzRequest($0, $1) }
