// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Academy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "academy", targets: ["academy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // libcmark, from Debian's libcmark-dev; see Sources/CCmark/module.modulemap.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The only target that touches cmark pointers.
        .target(name: "CommonMark", dependencies: ["CCmark"]),
        // Pure domain values and rules: no I/O, no frameworks.
        .target(name: "AcademyCore"),
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
        .executableTarget(
            name: "academy",
            dependencies: [
                "AcademyCore", "SiteBuilder",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        .testTarget(name: "AcademyCoreTests", dependencies: ["AcademyCore"]),
        .testTarget(name: "PagesTests", dependencies: ["Pages", "AcademyCore"]),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: ["SiteBuilder", "AcademyCore"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
