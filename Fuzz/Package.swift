// swift-tools-version: 6.1
//
// libFuzzer targets for the Academy package (issue 8). Not part of CI: run `scripts/fuzz`.
//
// Why the library targets are mirrored here instead of `.package(path: "..")`: the main package
// exports only the `academy` executable product, and SwiftPM lets another package import modules
// only through library products. Rather than add a product to the main manifest, `Mirror/` holds
// symlinks to `../Sources/<Target>`, so these targets compile exactly the main sources (with the
// sanitizer flags that `scripts/fuzz` passes) and the main build is untouched. The dependency list
// below is the subset of the main manifest's that these targets need; `scripts/fuzz` copies the main
// Package.resolved in first so both build the same versions. Keep the target list in step with
// ../Package.swift when a mirrored target gains a dependency.
import PackageDescription

/// The fuzz entry points: executables whose main.swift hands `LLVMFuzzerTestOneInput` to libFuzzer's
/// driver (see FuzzSupport.runFuzzer for why not libFuzzer's own `main` and `-parse-as-library`).
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, path: "Targets/\(name)")
}

let package = Package(
    name: "AcademyFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Mirrors of the main package's library targets (symlinks into ../Sources).
        .systemLibrary(name: "CCmark", path: "Mirror/CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(name: "AcademyCore", path: "Mirror/AcademyCore"),
        .target(name: "CommonMark", dependencies: ["CCmark", "AcademyCore"], path: "Mirror/CommonMark"),
        .target(name: "Pages", dependencies: ["AcademyCore"], path: "Mirror/Pages"),
        .target(
            name: "SiteBuilder",
            dependencies: [
                "AcademyCore", "CommonMark", "Pages",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Mirror/SiteBuilder"
        ),
        .target(
            name: "AcademyStore",
            dependencies: [
                "AcademyCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Mirror/AcademyStore"
        ),
        .target(
            name: "AcademyServer",
            dependencies: [
                "AcademyCore", "AcademyStore", "Pages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Mirror/AcademyServer"
        ),

        // Shared by the fuzz targets: scratch folders, running async code from libFuzzer's callback.
        .target(name: "CFuzzDriver", path: "Targets/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "Targets/FuzzSupport"),

        // Module front matter and Markdown: module.md, a lesson and its translation.
        fuzzTarget("fuzz-module", ["SiteBuilder", "AcademyCore"]),
        // Question banks (and, from the same bytes, examinations and rubrics), then drawing and grading.
        fuzzTarget("fuzz-assessment", ["SiteBuilder", "AcademyCore", "AcademyServer"]),
        // The API's JSON bodies and the pages' form bodies, through Request.json / Request.form; answers
        // through the store's encoding (AcademyStore's StoredAnswer).
        fuzzTarget("fuzz-request", [
            "AcademyServer", "AcademyStore", "AcademyCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // multipart/form-data uploads (the roster import), through Request.multipart, then Roster.parse.
        fuzzTarget("fuzz-upload", [
            "AcademyServer", "AcademyCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // Roster CSV files (CSV.parse and Roster.parse).
        fuzzTarget("fuzz-csv", ["AcademyCore"]),
    ],
    swiftLanguageModes: [.v6]
)
