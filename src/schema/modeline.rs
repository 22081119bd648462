//! The `# yaml-language-server: $schema=…` first line that ties a YAML file to its schema.
//!
//! yaml-language-server resolves a relative `$schema` against the file itself, so the path
//! climbs from the file's folder to the project root, then into `schemas/`. The modeline is
//! a YAML comment: sopdoc's loader and every other YAML reader skip it.

use super::{Kind, SCHEMAS_DIR};

/// What every modeline starts with.
pub const MODELINE_PREFIX: &str = "# yaml-language-server: $schema=";

/// The modeline of a file of `kind` at `rel` (relative to the project root, `/`
/// separators): `# yaml-language-server: $schema=../../schemas/document.schema.json`.
pub fn modeline_for(kind: &Kind, rel: &str) -> String {
    let depth = rel.trim_start_matches("./").matches('/').count();
    format!(
        "{MODELINE_PREFIX}{}{SCHEMAS_DIR}/{}",
        "../".repeat(depth),
        kind.file_name()
    )
}

/// `text` with `line` as its modeline: an existing modeline among the leading comment lines
/// is replaced in place, else `line` is put first. `None` when the text already has it.
pub fn with_modeline(text: &str, line: &str) -> Option<String> {
    let mut offset = 0;
    for l in text.split_inclusive('\n') {
        let trimmed = l.trim_end_matches(['\n', '\r']);
        if trimmed.starts_with(MODELINE_PREFIX) {
            if trimmed == line {
                return None;
            }
            let ending = &l[trimmed.len()..];
            let mut out = String::with_capacity(text.len() + line.len());
            out.push_str(&text[..offset]);
            out.push_str(line);
            out.push_str(if ending.is_empty() { "\n" } else { ending });
            out.push_str(&text[offset + l.len()..]);
            return Some(out);
        }
        if !trimmed.trim_start().starts_with('#') && !trimmed.trim().is_empty() {
            break;
        }
        offset += l.len();
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Some(format!("{line}{newline}{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::find;

    #[test]
    fn paths_climb_to_the_project_root() {
        let doc = find("document").unwrap();
        assert_eq!(
            modeline_for(doc, "sop-sources/sop-01/document.yaml"),
            "# yaml-language-server: $schema=../../schemas/document.schema.json"
        );
        assert_eq!(
            modeline_for(find("sopdoc").unwrap(), "sopdoc.yaml"),
            "# yaml-language-server: $schema=schemas/sopdoc.schema.json"
        );
    }

    #[test]
    fn a_modeline_is_added_once_and_corrected_in_place() {
        let line = "# yaml-language-server: $schema=schemas/sopdoc.schema.json";
        let text = "# My project\ntitle: x\n";
        let once = with_modeline(text, line).unwrap();
        assert_eq!(once, format!("{line}\n# My project\ntitle: x\n"));
        assert_eq!(with_modeline(&once, line), None);
        let stale = "# My project\n# yaml-language-server: $schema=old.json\ntitle: x\n";
        assert_eq!(
            with_modeline(stale, line).unwrap(),
            format!("# My project\n{line}\ntitle: x\n")
        );
        // A modeline-looking line after the first key is content, not a modeline.
        let late = "title: x\n# yaml-language-server: $schema=old.json\n";
        assert!(with_modeline(late, line).unwrap().starts_with(line));
    }

    #[test]
    fn crlf_files_keep_their_line_endings() {
        let line = "# yaml-language-server: $schema=schemas/sopdoc.schema.json";
        assert_eq!(
            with_modeline("title: x\r\n", line).unwrap(),
            format!("{line}\r\ntitle: x\r\n")
        );
    }
}
