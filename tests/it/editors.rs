//! The editor integrations: `sopdoc lsp` under a real LSP client, and the VS Code extension
//! packaged as the Marketplace would take it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::require;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// pygls's language client (through pytest-lsp) drives the server through every
/// capability, with the capabilities VS Code and Neovim announce, on the fixture project in
/// French and English (tests/lsp-client/test_editor.py).
#[test]
fn a_real_lsp_client_drives_every_capability() {
    let present = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .status()
        .is_ok_and(|s| s.success());
    if !require("the Python package pytest-lsp", present) {
        return;
    }
    let out = Command::new("python3")
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/lsp-client",
        ])
        .current_dir(repo())
        .env("SOPDOC_BIN", env!("CARGO_BIN_EXE_sopdoc"))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every test ran, for both clients: none skipped, none deselected.
    assert!(stdout.contains("10 passed"), "{stdout}");
}

/// The VS Code extension (editors/vscode) packages with the pinned `vsce`, and the package
/// holds the client and the language client library it starts the server with.
#[test]
fn the_vscode_extension_packages() {
    let dir = repo().join("editors/vscode");
    let vsce = dir.join("node_modules/.bin/vsce");
    if !require(
        "editors/vscode/node_modules (npm ci in editors/vscode)",
        vsce.exists(),
    ) {
        return;
    }
    let check = Command::new("node")
        .args(["--check", "extension.js"])
        .current_dir(&dir)
        .output()
        .expect("node runs");
    assert!(check.status.success(), "{check:?}");
    let out_dir = tempfile::tempdir().unwrap();
    let vsix = out_dir.path().join("sopdoc.vsix");
    let out = Command::new(&vsce)
        .args(["package", "--allow-missing-repository", "--out"])
        .arg(&vsix)
        .current_dir(&dir)
        .output()
        .expect("vsce runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let file = std::fs::File::open(&vsix).unwrap();
    let archive = zip::ZipArchive::new(file).unwrap();
    let names: Vec<&str> = archive.file_names().collect();
    for needed in [
        "extension/package.json",
        "extension/extension.js",
        "extension/LICENSE.txt",
        "extension/node_modules/vscode-languageclient/node.js",
    ] {
        assert!(names.contains(&needed), "{needed} missing from {names:?}");
    }
    // The packaging tool itself stays out of the package.
    assert!(
        !names
            .iter()
            .any(|n| n.contains("node_modules/@vscode/vsce")),
        "{names:?}"
    );
}
