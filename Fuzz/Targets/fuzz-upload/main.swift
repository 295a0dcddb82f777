import FuzzSupport

runFuzzer { fuzzUpload($0, $1) }
