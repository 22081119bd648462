//! Helpers: temporary projects and running the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `sopdoc` binary built for these tests.
pub fn sopdoc() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sopdoc"));
    // English whatever the machine's language, so outputs compare with the snapshots;
    // tests/it/ui_lang.rs chooses other languages.
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .env("SOPDOC_LANG", "en");
    cmd
}

/// Absolute path of a fixture project under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A project in a temporary folder.
pub struct TempProject {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
}

/// A minimal valid manifest.
pub const MANIFEST: &str =
    "title: {fr: \"Projet d'essai\", en: \"Test project\"}\nlanguages: [fr, en]\n";

/// A minimal valid document.yaml for `id`.
pub fn document_yaml(id: &str) -> String {
    format!(
        "id: {id}\nkind: sop\ntitle: {{fr: \"Titre\", en: \"Title\"}}\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-28\n"
    )
}

impl TempProject {
    /// An empty folder.
    pub fn empty() -> Self {
        TempProject {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A valid project with one document `sop-01` and one chapter.
    pub fn minimal() -> Self {
        let p = Self::empty();
        p.write("sopdoc.yaml", MANIFEST);
        p.write("sop-sources/sop-01/document.yaml", &document_yaml("sop-01"));
        p.write(
            "sop-sources/sop-01/fr/01-objet.md",
            "# Objet {#objet}\n\nCe texte décrit la procédure.\n",
        );
        p
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a text file (creating folders).
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Writes a file (creating folders).
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Runs sopdoc with `--project ROOT` and `args`.
    pub fn run(&self, args: &[&str]) -> Output {
        sopdoc()
            .arg("--project")
            .arg(self.root())
            .args(args)
            .output()
            .expect("run sopdoc")
    }

    /// `check --format short` output lines and exit code.
    pub fn check_short(&self) -> (String, i32) {
        let out = self.run(&["check", "--format", "short"]);
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            out.status.code().unwrap_or(-1),
        )
    }
}

/// Copies a folder tree (for fixtures that a test modifies or builds into).
/// The bundled project, copied (for tests that build into it or edit it).
pub fn bundled_copy(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("sopdoc.yaml"), to.join("sopdoc.yaml")).unwrap();
    for dir in ["sop-sources", "styles"] {
        copy_dir(&root.join(dir), &to.join(dir));
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The text of a PDF (`pdftotext -layout`), white space collapsed to single spaces.
pub fn pdf_words(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/install-test-deps.sh");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether an outside tool the test drives is available. When it is missing, the test
/// fails if the environment variable `CI` is set (CI installs every tool, so a missing one
/// is a broken set-up, not a reason to pass), and otherwise prints a note and returns
/// `false` so the caller skips the part that needs it.
///
/// `what` names the tool in the messages; `present` is the caller's probe.
pub fn require(what: &str, present: bool) -> bool {
    require_under(std::env::var_os("CI").is_some(), what, present)
}

/// [`require`] with the CI flag given (so that the rule itself is tested).
fn require_under(ci: bool, what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    assert!(
        !ci,
        "{what} is missing: install it with scripts/install-test-deps.sh"
    );
    eprintln!(
        "note: {what} is missing, part of this test is skipped \
         (scripts/install-test-deps.sh installs it; with CI set this fails)"
    );
    false
}

/// The path of the first of `names` found on `PATH` as an executable file, under the
/// rule of [`require`]: `None` (skip) only outside CI.
pub fn require_tool(names: &[&str]) -> Option<PathBuf> {
    let found = find_on_path(names);
    require(&format!("`{}`", names.join("` or `")), found.is_some());
    found
}

fn find_on_path(names: &[&str]) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| {
                p.metadata()
                    .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            })
    })
}

/// Whether `python3` can import every module of `modules`, under the rule of [`require`].
pub fn require_python_modules(what: &str, modules: &[&str]) -> bool {
    let present = Command::new("python3")
        .arg("-c")
        .arg(format!("import {}", modules.join(", ")))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    require(what, present)
}

#[test]
#[should_panic(expected = "install it with scripts/install-test-deps.sh")]
fn a_missing_tool_fails_under_ci() {
    require_under(true, "`no-such-tool`", false);
}

#[test]
fn a_missing_tool_is_skipped_outside_ci_and_a_present_one_runs() {
    assert!(!require_under(false, "`no-such-tool`", false));
    assert!(require_under(true, "`sh`", true));
    assert!(find_on_path(&["sopdoc-no-such-tool"]).is_none());
    assert!(find_on_path(&["sopdoc-no-such-tool", "sh"]).is_some_and(|p| p.ends_with("sh")));
}
