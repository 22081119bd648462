//! Reading files into the [`SourceMap`], with the checks every file gets: size, encoding.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::error::{Error, Result};
use crate::msg;
use crate::parse::MAX_FILE_BYTES;
use crate::source::{SourceFile, SourceId, SourceMap, Span, relative_path};
use crate::world::World;

/// Reads `path` into `sources`.
///
/// Returns `Ok(None)` (with a diagnostic) when the file is not usable text: too large or
/// not UTF-8. The file is still registered so the diagnostic has a location.
///
/// # Errors
/// [`Error::Read`] when the file cannot be opened at all.
pub fn read_source(
    world: &dyn World,
    root: &Path,
    path: &Path,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<SourceId>> {
    let rel = relative_path(root, path);
    let (_, len) = world.stat(path).map_err(|e| Error::Read {
        path: path.into(),
        source: e,
    })?;
    if len as usize > MAX_FILE_BYTES {
        let id = sources.add(SourceFile::new(rel, Some(path.into()), String::new()));
        diags.push(
            Diagnostic::error(
                rules::PARSE_TOO_LARGE,
                crate::msg!(
                    "parse-too-large",
                    size = format!("{:.1}", len as f64 / (1024.0 * 1024.0))
                ),
            )
            .at(Span::file_start(id))
            .hint(msg!("parse-too-large-hint")),
        );
        return Ok(None);
    }
    let bytes = world.read(path).map_err(|e| Error::Read {
        path: path.into(),
        source: e,
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(sources.add(SourceFile::new(
            rel,
            Some(path.into()),
            text,
        )))),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            // Offsets past the first bad byte shift in the lossy text; the first one is exact,
            // less a byte-order mark the source file drops. The span covers the whole
            // replacement character, so it ends on a character boundary.
            let start = valid - if text.starts_with('\u{feff}') { 3 } else { 0 };
            let id = sources.add(SourceFile::new(rel, Some(path.into()), text));
            diags.push(
                Diagnostic::error(rules::PARSE_ENCODING, msg!("parse-encoding"))
                    .at(Span::new(id, start..start + '\u{fffd}'.len_utf8()))
                    .hint(msg!("parse-encoding-hint")),
            );
            Ok(None)
        }
    }
}
