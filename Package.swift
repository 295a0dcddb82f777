// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Academy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "academy", targets: ["academy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // libcmark, from Debian's libcmark-dev; see Sources/CCmark/module.modulemap.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Pure domain values and rules: no I/O, no frameworks.
        .target(name: "AcademyCore"),
        // The only target that touches cmark pointers.
        .target(name: "CommonMark", dependencies: ["CCmark", "AcademyCore"]),
        // HTML layout and components shared by the static site and the server.
        .target(name: "Pages", dependencies: ["AcademyCore"]),
        // Loads Curriculum/ and Assessments/, validates, renders and writes the site.
        .target(
            name: "SiteBuilder",
            dependencies: [
                "AcademyCore", "CommonMark", "Pages",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // SQLite through GRDB: one gatekeeper type, named migrations, durable group-committed writes.
        .target(
            name: "AcademyStore",
            dependencies: [
                "AcademyCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The Hummingbird application: buildApplication(...), controllers, sessions, CSRF, headers.
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
            ]
        ),
        .executableTarget(
            name: "academy",
            dependencies: [
                "AcademyCore", "SiteBuilder", "AcademyStore", "AcademyServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark", "AcademyCore"]),
        .testTarget(name: "AcademyCoreTests", dependencies: ["AcademyCore"]),
        .testTarget(name: "PagesTests", dependencies: ["Pages", "AcademyCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "AcademyStoreTests",
            dependencies: ["AcademyStore", "AcademyCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AcademyServerTests",
            dependencies: [
                "AcademyServer", "AcademyStore", "AcademyCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: [
                "SiteBuilder", "AcademyCore",
                .product(name: "CompressNIO", package: "compress-nio"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
