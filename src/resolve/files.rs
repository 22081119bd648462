//! Which files of the project a chapter may show or link to — and so publish.
//!
//! A site copies every linked file next to its pages, and a PDF embeds every image, so a
//! link is a decision to publish. An SOP project about victims holds files that must never
//! leave it (lists of names, case notes, the git history), so the rule is a whitelist: a
//! chapter may reach only files in the sources folder, in the asset folders the manifest
//! declares (`assets: [images, forms]`) and the cover logo. The version-control folder,
//! sopdoc's own state, the output folder and the sensitive-names file are refused whatever
//! the configuration, and a symbolic link is judged by where it really leads.
//!
//! Images are also read up to their header here: one whose declared size would need
//! gigabytes to decode is refused before any renderer touches it.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, rules};
use crate::model::Project;
use crate::msg;
use crate::world::World;

/// Rule id of a link or image that leaves the publishable files.
pub(crate) const OUTSIDE_SOURCES: &str = rules::XREF_OUTSIDE_SOURCES.id;

/// At most this many pixels in an image (100 megapixels).
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;
/// At most this many pixels on either side of an image.
pub const MAX_IMAGE_SIDE: u64 = 20_000;
/// How much of an image is read to find its size: JPEG files may carry large metadata
/// before the frame header.
const IMAGE_HEADER_BYTES: usize = 1 << 20;
/// At most this many elements in an SVG image.
pub const MAX_SVG_ELEMENTS: usize = 200_000;

/// The folders a chapter may publish from, and those it never may.
#[derive(Debug, Clone)]
pub(crate) struct Publishable {
    world: Arc<dyn World>,
    root: PathBuf,
    /// Lexical and real (link-free) forms of each allowed folder.
    allowed: Vec<(PathBuf, PathBuf)>,
    logo: Option<(PathBuf, PathBuf)>,
    /// Lexical and real forms of each refused path (output folder, sensitive names).
    refused: Vec<(PathBuf, PathBuf, &'static str)>,
    sources_name: String,
}

impl Publishable {
    /// The policy of `project`'s manifest.
    pub(crate) fn new(project: &Project) -> Self {
        let root = project.root.clone();
        let world = project.world.clone();
        let both = |rel: &str| {
            let lexical = normalize(&root, &root, rel).unwrap_or_else(|| root.join(rel));
            let real = world
                .canonicalize(&lexical)
                .unwrap_or_else(|_| lexical.clone());
            (lexical, real)
        };
        let man = &project.manifest;
        let mut allowed = vec![both(&man.sources)];
        allowed.extend(man.assets.iter().map(|a| both(&a.value)));
        let (out, out_real) = both(&man.output);
        let mut refused = vec![(out, out_real, "is in the output folder")];
        if let Some(names) = &man.privacy.sensitive_names {
            let (l, r) = both(&names.value);
            refused.push((l, r, "is the sensitive-names file"));
        }
        Publishable {
            logo: man.logo.as_ref().map(|l| both(&l.value)),
            allowed,
            refused,
            sources_name: man.sources.clone(),
            root,
            world,
        }
    }

    /// The project-relative path (with `/`) of the file `dest` names, written in a file of
    /// the folder `dir`, when it exists and may be published.
    pub(crate) fn locate(&self, dir: &Path, dest: &str) -> Result<String, Diagnostic> {
        let decoded = percent_encoding::percent_decode_str(dest)
            .decode_utf8()
            .map_or_else(|_| dest.to_string(), |d| d.into_owned());
        let Some(lexical) = normalize(&self.root, dir, &decoded) else {
            return Err(self.outside(dest, "leads outside the project"));
        };
        self.judge(dest, &lexical, &self.root, false)?;
        if !self.world.exists(&lexical) {
            return Err(Diagnostic::error(
                rules::XREF_MISSING_FILE,
                msg!("xref-missing-file", dest = &dest),
            )
            .hint(msg!("xref-missing-file-hint")));
        }
        let real = self.world.canonicalize(&lexical).map_err(|e| {
            Diagnostic::error(
                rules::XREF_MISSING_FILE,
                msg!("xref-missing-file-2", dest = &dest, e = &e),
            )
        })?;
        self.judge(dest, &real, &self.root, true)?;
        if !self.world.is_file(&real) {
            return Err(Diagnostic::error(
                rules::XREF_MISSING_FILE,
                msg!("xref-missing-file-3", dest = &dest),
            )
            .hint(msg!("xref-missing-file-hint-2")));
        }
        Ok(relative(&self.root, &lexical))
    }

    /// Checks the cover logo (declared in the manifest, so allowed) against the paths
    /// that are never published; returns its project-relative path.
    pub(crate) fn locate_logo(&self, dest: &str) -> Result<String, Diagnostic> {
        let Some(lexical) = normalize(&self.root, &self.root, dest) else {
            return Err(self.outside(dest, "leads outside the project"));
        };
        self.judge(dest, &lexical, &self.root, false)?;
        if let Ok(real) = self.world.canonicalize(&lexical) {
            self.judge(dest, &real, &self.root, true)?;
        }
        Ok(relative(&self.root, &lexical))
    }

    /// Refuses `path` (lexical, or real when `real`) unless it may be published.
    fn judge(&self, dest: &str, path: &Path, root: &Path, real: bool) -> Result<(), Diagnostic> {
        let via = if real { " through a symbolic link" } else { "" };
        let pick = |pair: &(PathBuf, PathBuf)| if real { pair.1.clone() } else { pair.0.clone() };
        if let Ok(rel) = path.strip_prefix(root)
            && rel.components().any(|c| {
                let c = c.as_os_str();
                c == ".git" || c == crate::output::STATE_DIR
            })
        {
            return Err(self.outside(
                dest,
                &format!("leads{via} into version control or sopdoc's own state"),
            ));
        }
        for r in &self.refused {
            let (l, rl, why) = r;
            let refused = if real { rl } else { l };
            if path.starts_with(refused) {
                return Err(self.outside(dest, &format!("{why}{via}")));
            }
        }
        let allowed = self.allowed.iter().any(|a| path.starts_with(pick(a)))
            || self.logo.as_ref().is_some_and(|l| path == pick(l));
        if !allowed {
            let why = if real && path.strip_prefix(root).is_err() {
                format!("leads outside the project{via}")
            } else {
                format!(
                    "is outside the sources folder `{}` and the declared asset folders{via}",
                    self.sources_name
                )
            };
            return Err(self.outside(dest, &why));
        }
        Ok(())
    }

    /// Refuses an image whose header declares a size no renderer should try to decode.
    pub(crate) fn check_image(&self, rel: &str, dest: &str) -> Result<(), Diagnostic> {
        check_image_size(&*self.world, &self.root.join(rel), dest)
    }

    fn outside(&self, dest: &str, why: &str) -> Diagnostic {
        Diagnostic::error(
            OUTSIDE_SOURCES,
            msg!("xref-missing-file-4", dest = &dest, why = &why),
        )
        .hint(msg!(
            "xref-missing-file-hint-3",
            sources_name = &self.sources_name
        ))
    }
}

/// Checks the manifest's logo against the paths that are never published, and its size.
pub(crate) fn check_logo(project: &Project, diags: &mut Vec<Diagnostic>) {
    let Some(logo) = &project.manifest.logo else {
        return;
    };
    let file = project.sources.get(project.manifest_source);
    let span = crate::yaml::location_span(
        &logo.referenced,
        &file.text,
        file,
        crate::yaml::Embedding {
            source: project.manifest_source,
            offset: 0,
        },
    );
    let files = Publishable::new(project);
    let checked = files.locate_logo(&logo.value).and_then(|rel| {
        if project.world.is_file(&project.root.join(&rel)) {
            files.check_image(&rel, &logo.value)
        } else {
            Err(
                Diagnostic::error(rules::PDF_IMAGE, msg!("pdf-image", logo = &logo.value))
                    .hint(msg!("pdf-image-hint")),
            )
        }
    });
    if let Err(d) = checked {
        diags.push(d.at(span));
    }
}

/// `dest` joined to `dir` (or to `root` when it starts with `/`), `..` resolved without
/// touching the disk; `None` when it climbs above `root`. Both `/` and `\` separate.
fn normalize(root: &Path, dir: &Path, dest: &str) -> Option<PathBuf> {
    let mut path = if dest.starts_with(['/', '\\']) {
        root.to_path_buf()
    } else {
        dir.to_path_buf()
    };
    for part in dest.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if !path.pop() || !path.starts_with(root) {
                    return None;
                }
            }
            p => {
                // A drive or root inside a part (`C:`) is not a plain name.
                if Path::new(p)
                    .components()
                    .any(|c| !matches!(c, Component::Normal(_)))
                {
                    return None;
                }
                path.push(p);
            }
        }
    }
    path.starts_with(root).then_some(path)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Refuses an image whose header declares a size no renderer should try to decode.
fn check_image_size(world: &dyn World, path: &Path, dest: &str) -> Result<(), Diagnostic> {
    let refuse = |what: String| {
        Diagnostic::error(
            rules::PDF_IMAGE,
            msg!("pdf-image-2", dest = &dest, what = &what),
        )
        .hint(msg!(
            "pdf-image-hint-2",
            side = &MAX_IMAGE_SIDE,
            megapixels = &(MAX_IMAGE_PIXELS / 1_000_000)
        ))
    };
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let (w, h) = if is_svg {
        let text = world.read_to_string(path).map_err(|e| {
            Diagnostic::error(rules::PDF_IMAGE, msg!("pdf-image-3", dest = &dest, e = &e))
        })?;
        let elements = count_elements(&text);
        if elements > MAX_SVG_ELEMENTS {
            return Err(refuse(format!(
                "has {elements} drawing elements (at most {MAX_SVG_ELEMENTS})"
            )));
        }
        match svg_size(&text) {
            Some(size) => size,
            None => return Ok(()),
        }
    } else {
        let head = world.read_prefix(path, IMAGE_HEADER_BYTES).map_err(|e| {
            Diagnostic::error(rules::PDF_IMAGE, msg!("pdf-image-3", dest = &dest, e = &e))
        })?;
        match imagesize::blob_size(&head) {
            Ok(s) => (s.width as f64, s.height as f64),
            // Not a format read here: the renderer reports what it cannot use.
            Err(_) => return Ok(()),
        }
    };
    let side = w.max(h);
    if side > MAX_IMAGE_SIDE as f64 {
        return Err(refuse(format!(
            "declares {:.0} × {:.0} pixels (at most {MAX_IMAGE_SIDE} a side)",
            w, h
        )));
    }
    if w * h > MAX_IMAGE_PIXELS as f64 {
        return Err(refuse(format!(
            "declares {:.0} × {:.0} pixels, {:.0} megapixels (at most {})",
            w,
            h,
            w * h / 1e6,
            MAX_IMAGE_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Start tags in an XML text (`<name`), a cheap bound on an SVG's work.
fn count_elements(text: &str) -> usize {
    text.as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count()
}

/// The declared size of an SVG in CSS pixels: `width`/`height` of the root element, else
/// its `viewBox`.
fn svg_size(text: &str) -> Option<(f64, f64)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<&str> {
        let mut rest = tag;
        while let Some(i) = rest.find(name) {
            let before = rest[..i].chars().last();
            let after = rest[i + name.len()..].trim_start();
            rest = &rest[i + name.len()..];
            if before.is_some_and(|c| c.is_whitespace())
                && let Some(after) = after.strip_prefix('=')
            {
                let after = after.trim_start();
                let quote = after.chars().next()?;
                if quote == '"' || quote == '\'' {
                    return after[1..].split(quote).next();
                }
            }
        }
        None
    };
    let length = |v: &str| -> Option<f64> {
        let v = v.trim();
        let split = v
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e'))
            .unwrap_or(v.len());
        let n: f64 = v[..split].parse().ok()?;
        let scale = match v[split..].trim() {
            "" | "px" => 1.0,
            "pt" => 4.0 / 3.0,
            "pc" => 16.0,
            "mm" => 96.0 / 25.4,
            "cm" => 96.0 / 2.54,
            "in" => 96.0,
            "em" | "ex" => 16.0,
            _ => return None,
        };
        Some((n * scale).abs())
    };
    let view_box = || {
        let parts: Vec<f64> = attr("viewBox")?
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        (parts.len() == 4).then(|| (parts[2].abs(), parts[3].abs()))
    };
    match (
        attr("width").and_then(length),
        attr("height").and_then(length),
    ) {
        (Some(w), Some(h)) => Some((w, h)),
        _ => view_box(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::disallowed_methods)] // Tests set up their files on disk.
    use super::*;

    #[test]
    fn normalize_stays_inside_the_root() {
        let root = Path::new("/p");
        let dir = Path::new("/p/src/doc/fr");
        assert_eq!(
            normalize(root, dir, "../assets/a.png"),
            Some(PathBuf::from("/p/src/doc/assets/a.png"))
        );
        assert_eq!(normalize(root, dir, "../../../../etc/passwd"), None);
        assert_eq!(normalize(root, dir, "..\\..\\..\\..\\x"), None);
        assert_eq!(
            normalize(root, dir, "/private/n.txt"),
            Some(PathBuf::from("/p/private/n.txt"))
        );
    }

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(r#"<?xml?><svg xmlns="x" width="200mm" height='10in'>"#),
            Some((200.0 * 96.0 / 25.4, 960.0))
        );
        assert_eq!(
            svg_size(r#"<svg viewBox="0 0 300000 20" xmlns="x">"#),
            Some((300000.0, 20.0))
        );
        assert_eq!(svg_size(r#"<svg width="100%" height="100%">"#), None);
        assert_eq!(count_elements("<svg><g><rect/></g> a < b</svg>"), 3);
    }

    #[test]
    fn huge_images_are_refused_from_their_header() {
        let dir = tempfile::tempdir().unwrap();
        // A valid PNG signature and IHDR claiming 200000 × 200000 pixels.
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend(200_000u32.to_be_bytes());
        png.extend(200_000u32.to_be_bytes());
        png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        let p = dir.path().join("bomb.png");
        std::fs::write(&p, &png).unwrap();
        let d = check_image_size(&crate::world::DiskWorld, &p, "bomb.png").unwrap_err();
        assert_eq!(d.rule, "pdf/image");
        assert!(d.message.contains("200000"), "{}", d.message);
        // 15000 × 15000 is within a side but over 100 megapixels.
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend(15_000u32.to_be_bytes());
        png.extend(15_000u32.to_be_bytes());
        png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        std::fs::write(&p, &png).unwrap();
        assert!(check_image_size(&crate::world::DiskWorld, &p, "bomb.png").is_err());
        let svg = dir.path().join("big.svg");
        std::fs::write(&svg, r#"<svg width="50000" height="10"></svg>"#).unwrap();
        assert!(check_image_size(&crate::world::DiskWorld, &svg, "big.svg").is_err());
        std::fs::write(&svg, r#"<svg width="500" height="100"><rect/></svg>"#).unwrap();
        assert!(check_image_size(&crate::world::DiskWorld, &svg, "big.svg").is_ok());
    }
}
