import FuzzSupport

runFuzzer { fuzzCSV($0, $1) }
