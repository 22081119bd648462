//! One chapter of an import, in named steps: read both sides ([`Sides`]), match the XLIFF
//! units to the source's and report what is wrong with them, plan the replacements on the
//! skeleton, then write them and check that the text reads back as intended.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::{Ctx, reparse, tidy};
use crate::diag::rules;
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::model::{Chapter, Project};
use crate::msg;
use crate::source::{Span, relative_path};
use crate::translate::segment::{Piece, Unit, UnitKind, chapter_units};
use crate::translate::state::{TranslationState, UnitState};
use crate::translate::text::{canonical, fingerprint, to_markdown};
use crate::translate::xliff::{State, XFile, XUnit};

/// The two sides of a chapter: the source and, when it exists, the current translation.
struct Sides<'t> {
    src_ch: &'t Chapter,
    src_text: &'t str,
    src_units: Vec<Unit>,
    /// The translation's chapter, text and units.
    trg: Option<(&'t Chapter, &'t str, Vec<Unit>)>,
    /// Whether the translation has the source's blocks one for one (the front matter's
    /// `title` is optional in a translation: blocks decide alignment).
    aligned: bool,
    /// For each source unit, the translation's unit that translates it (by content when
    /// blocks were inserted or removed, see [`crate::translate::align`]).
    matched: Vec<Option<usize>>,
}

/// The unit ids of `units`, the front matter's `title` aside.
fn body_ids(units: &[Unit]) -> Vec<String> {
    units
        .iter()
        .filter(|u| u.id != "title")
        .map(|u| u.id.clone())
        .collect()
}

fn by_id(units: &[Unit]) -> HashMap<&str, &Unit> {
    units.iter().map(|u| (u.id.as_str(), u)).collect()
}

impl<'t> Sides<'t> {
    fn read(
        project: &'t Project,
        src_ch: &'t Chapter,
        trg_ch: Option<&'t Chapter>,
        state: Option<&BTreeMap<String, UnitState>>,
    ) -> Self {
        let src_text = crate::translate::text_of(project, src_ch);
        let src_units = chapter_units(src_ch, src_text);
        let trg = trg_ch.map(|c| {
            let text = crate::translate::text_of(project, c);
            (c, text, chapter_units(c, text))
        });
        let aligned = trg
            .as_ref()
            .is_some_and(|(_, _, units)| body_ids(units) == body_ids(&src_units));
        let matched = crate::translate::align::match_units(
            &src_units,
            trg.as_ref().map_or(&[], |(_, _, units)| units.as_slice()),
            state,
        );
        Sides {
            src_ch,
            src_text,
            src_units,
            trg,
            aligned,
            matched,
        }
    }

    /// The translation's unit for the source unit with this id.
    fn current(&self, id: &str) -> Option<&Unit> {
        let k = self.src_units.iter().position(|u| u.id == id)?;
        self.matched[k].map(|i| &self.trg_units()[i])
    }

    fn trg_units(&self) -> &[Unit] {
        self.trg.as_ref().map_or(&[], |(_, _, units)| units)
    }

    /// The skeleton the import writes on: the translation when it mirrors the source,
    /// else the source.
    fn skeleton(&self) -> (&str, &[Unit]) {
        match &self.trg {
            Some((_, text, units)) if self.aligned => (text, units),
            _ => (self.src_text, &self.src_units),
        }
    }
}

/// One replacement: the skeleton unit at `unit` gets `pieces`, from XLIFF unit `xliff`
/// (none when a rebuilt chapter takes back the translation it had).
struct Edit<'f> {
    unit: usize,
    pieces: Vec<Piece>,
    xliff: Option<&'f XUnit>,
}

impl Ctx<'_> {
    /// Rebuilds one chapter; returns its new text and state, or `None` after diagnostics.
    pub(super) fn chapter(
        &mut self,
        f: &XFile,
        src_ch: &Chapter,
        trg_ch: Option<&Chapter>,
        old_state: &TranslationState,
        file_name: &str,
    ) -> Option<(String, BTreeMap<String, UnitState>)> {
        let chapter_state = old_state.chapters.get(file_name);
        let sides = Sides::read(self.project, src_ch, trg_ch, chapter_state);
        let errors_before = self.error_count();
        let targets = self.match_units(f, &sides, old_state, file_name);
        self.check_structure(&sides);
        if self.error_count() > errors_before {
            return None;
        }
        let (skel_text, skel_units) = sides.skeleton();
        self.warn_title_without_place(&targets, skel_units);
        let (edits, new_state) =
            self.plan_edits(&sides, &targets, old_state.chapters.get(file_name));
        let text = self.write_edits(f, &sides, skel_text, skel_units, &edits)?;
        self.changed += edits.len();
        Some((text, new_state))
    }

    /// The XLIFF units of `f` by id, each checked: known to the source, once only, its
    /// codes, staleness and conflicts with edits made by hand.
    fn match_units<'f>(
        &mut self,
        f: &'f XFile,
        sides: &Sides<'_>,
        old_state: &TranslationState,
        file_name: &str,
    ) -> HashMap<&'f str, &'f XUnit> {
        let src_by_id = by_id(&sides.src_units);
        let mut targets: HashMap<&str, &XUnit> = HashMap::new();
        for u in &f.units {
            if targets.contains_key(u.id.as_str()) {
                self.diags.push(
                    Diagnostic::error(
                        rules::TRANSLATE_XLIFF_MALFORMED,
                        msg!("translate-xliff-malformed", u_id = &u.id),
                    )
                    .at(self.at(u.pos)),
                );
                continue;
            }
            let Some(src) = src_by_id.get(u.id.as_str()).copied() else {
                self.report_unknown_unit(f, u, &sides.src_units);
                continue;
            };
            targets.insert(u.id.as_str(), u);
            let Some(target) = &u.target else { continue };
            let cur = sides.current(&u.id);
            self.check_codes(u, target, src, cur);
            self.warn_stale(u, src, sides.src_ch);
            if let Some(cur) = cur {
                self.check_conflict(u, target, (src, cur), sides, old_state, file_name);
            }
        }
        targets
    }

    fn report_unknown_unit(&mut self, f: &XFile, u: &XUnit, src_units: &[Unit]) {
        let mut d = Diagnostic::error(
            rules::TRANSLATE_UNKNOWN_UNIT,
            msg!(
                "translate-unknown-unit",
                u_id = &u.id,
                original = &f.original
            ),
        )
        .at(self.at(u.pos))
        .hint(msg!("translate-unknown-unit-hint"));
        if let Some(h) = did_you_mean(&u.id, src_units.iter().map(|s| s.id.as_str())) {
            d = d.hint(h);
        }
        self.diags.push(d);
    }

    /// The source of `u` changed since the export.
    fn warn_stale(&mut self, u: &XUnit, src: &Unit, src_ch: &Chapter) {
        if let Some(fp) = &u.fingerprint
            && !src.has_fingerprint(fp)
        {
            self.diags.push(
                Diagnostic::warning(
                    rules::TRANSLATE_STALE,
                    msg!("translate-stale", u_id = &u.id),
                )
                .at(self.at(u.pos))
                .related(
                    Span::new(src_ch.source, src.range.clone()),
                    msg!("translate-stale-note"),
                )
                .hint(msg!("translate-stale-hint")),
            );
        }
    }

    /// A translation edited by hand since the export is a conflict; text that a previous
    /// import wrote (its fingerprint is in the state file) is not, so a corrected XLIFF
    /// can be imported again.
    fn check_conflict(
        &mut self,
        u: &XUnit,
        target: &[Piece],
        (src, cur): (&Unit, &Unit),
        sides: &Sides<'_>,
        old_state: &TranslationState,
        file_name: &str,
    ) {
        // The source text a forced import left in a new block is no one's edit.
        let copy = crate::translate::align::is_untranslated_copy(
            src,
            cur,
            old_state.chapters.get(file_name),
        );
        let conflict = !copy
            && !u
                .target_fingerprint
                .as_deref()
                .is_some_and(|f| cur.has_fingerprint(f))
            && old_state
                .unit(file_name, &cur.id)
                .is_none_or(|st| !cur.has_fingerprint(&st.target))
            && canonical(target) != canonical(&cur.pieces);
        if !conflict {
            return;
        }
        let (tc, _, _) = sides.trg.as_ref().expect("a current unit has a chapter");
        let d = Diagnostic::error(
            rules::TRANSLATE_CONFLICT,
            msg!("translate-conflict", u_id = &u.id),
        )
        .at(self.at(u.target_pos))
        .related(
            Span::new(tc.source, cur.range.clone()),
            msg!("translate-conflict-note"),
        )
        .hint(msg!("translate-conflict-hint"));
        self.push_unless_forced(d);
    }

    /// A translation whose blocks do not mirror the source's would be rebuilt.
    fn check_structure(&mut self, sides: &Sides<'_>) {
        let Some((tc, _, _)) = sides.trg.as_ref().filter(|_| !sides.aligned) else {
            return;
        };
        let project = self.project;
        let d = Diagnostic::error(
            rules::TRANSLATE_STRUCTURE,
            msg!(
                "translate-structure",
                path = &(relative_path(
                    &project.root,
                    Path::new(&project.sources.get(tc.source).path)
                ))
            ),
        )
        .at(Span::file_start(tc.source))
        .hint(msg!("translate-structure-hint"));
        self.push_unless_forced(d);
    }

    /// An error, or a warning with `--force` (which overrides it).
    fn push_unless_forced(&mut self, mut d: Diagnostic) {
        if self.opts.force {
            d.severity = Severity::Warning;
        }
        self.diags.push(d);
    }

    /// A translated title with no one-line `title:` in the skeleton to write it to.
    fn warn_title_without_place(&mut self, targets: &HashMap<&str, &XUnit>, skel_units: &[Unit]) {
        if let Some(xu) = targets.get("title").filter(|x| x.target.is_some())
            && !skel_units.iter().any(|u| u.id == "title")
        {
            self.diags.push(
                Diagnostic::warning(rules::TRANSLATE_STRUCTURE, msg!("translate-structure-2"))
                    .at(self.at(xu.target_pos))
                    .hint(msg!("translate-structure-hint-2")),
            );
        }
    }

    /// The replacements to make on the skeleton, and the chapter's new translation state.
    fn plan_edits<'f>(
        &mut self,
        sides: &Sides<'_>,
        targets: &HashMap<&str, &'f XUnit>,
        old: Option<&BTreeMap<String, UnitState>>,
    ) -> (Vec<Edit<'f>>, BTreeMap<String, UnitState>) {
        let (_, skel_units) = sides.skeleton();
        let src_by_id = by_id(&sides.src_units);
        let mut new_state = BTreeMap::new();
        let mut edits = Vec::new();
        for (k, su) in skel_units.iter().enumerate() {
            let src = src_by_id.get(su.id.as_str()).copied().unwrap_or(su);
            let xu = targets.get(su.id.as_str()).copied();
            let target = xu
                .and_then(|x| x.target.as_ref())
                .filter(|t| !canonical(t).is_empty());
            // The translation this unit had, and what was recorded for it.
            let cur = sides.current(&su.id);
            let previous = || cur.and_then(|c| old.and_then(|o| o.get(&c.id)));
            let (Some(target), Some(xu)) = (target, xu) else {
                // No translation delivered: the text there stays. Rebuilt on the source (a
                // new file, or `--force`), the unit takes the translation it had, found by
                // content; a new block keeps the source text, unrecorded (`missing`).
                if !sides.aligned
                    && let Some(c) = cur
                    && canonical(&c.pieces) != canonical(&su.pieces)
                {
                    edits.push(Edit {
                        unit: k,
                        pieces: c.pieces.clone(),
                        xliff: None,
                    });
                }
                if let Some(prev) = previous() {
                    new_state.insert(su.id.clone(), prev.clone());
                }
                continue;
            };
            self.translated += 1;
            let same = canonical(target) == canonical(&su.pieces);
            let recorded = UnitState {
                source: xu.fingerprint.clone().unwrap_or_else(|| src.fingerprint()),
                target: fingerprint(target),
            };
            if same && xu.state == State::Initial {
                if let Some(prev) = previous() {
                    new_state.insert(su.id.clone(), prev.clone());
                }
            } else {
                new_state.insert(su.id.clone(), recorded);
            }
            if !same {
                edits.push(Edit {
                    unit: k,
                    pieces: tidy(target),
                    xliff: Some(xu),
                });
            }
        }
        (edits, new_state)
    }

    /// The skeleton with `edits` made. Plain text first; units that do not read back as
    /// intended (a `*` that would open emphasis, a line that would start a list) are
    /// written again escaped; `None` after diagnostics when that is not enough.
    fn write_edits(
        &mut self,
        f: &XFile,
        sides: &Sides<'_>,
        skel_text: &str,
        skel_units: &[Unit],
        edits: &[Edit<'_>],
    ) -> Option<String> {
        let mut escaped: HashSet<usize> = HashSet::new();
        let mut text = String::new();
        for round in 0..2 {
            text = apply(skel_text, skel_units, edits, &escaped);
            let check = reparse(&text, Some(sides.src_ch));
            let wrong = misread(&check, skel_units, edits);
            if body_ids(&check) == body_ids(&sides.src_units) && wrong.is_empty() {
                break;
            }
            if round == 1 || wrong.is_empty() {
                self.report_unwritable(f, skel_units, edits, &wrong);
                return None;
            }
            escaped.extend(wrong);
        }
        Some(text)
    }

    fn report_unwritable(
        &mut self,
        f: &XFile,
        skel_units: &[Unit],
        edits: &[Edit<'_>],
        wrong: &[usize],
    ) {
        for e in edits.iter().filter(|e| wrong.contains(&e.unit)) {
            self.diags.push(
                Diagnostic::error(
                    rules::TRANSLATE_BROKEN_CODE,
                    msg!("translate-broken-code", unit_id = &(skel_units[e.unit].id)),
                )
                .at(self.at(e.xliff.map_or(f.pos, |x| x.target_pos)))
                .hint(msg!("translate-broken-code-hint")),
            );
        }
        if wrong.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    rules::TRANSLATE_STRUCTURE,
                    msg!("translate-structure-3", original = &f.original),
                )
                .at(self.at(f.pos))
                .hint(msg!("translate-structure-hint-3")),
            );
        }
    }
}

/// `skel_text` with every edit written as Markdown (escaped for the units in `escaped`);
/// last in the file first, so earlier ranges stay valid (footnotes and the title are not
/// in file order in the unit list).
fn apply(
    skel_text: &str,
    skel_units: &[Unit],
    edits: &[Edit<'_>],
    escaped: &HashSet<usize>,
) -> String {
    let mut text = skel_text.to_string();
    let mut order: Vec<&Edit<'_>> = edits.iter().collect();
    order.sort_by_key(|e| std::cmp::Reverse(skel_units[e.unit].range.start));
    for e in order {
        let su = &skel_units[e.unit];
        let md = to_markdown(&e.pieces, su.kind, escaped.contains(&e.unit));
        if su.kind == UnitKind::Procedure {
            let (range, value) =
                crate::translate::text::yaml_value_edit(skel_text, su.range.clone(), &md);
            text.replace_range(range, &value);
        } else if su.kind == UnitKind::BranchLabel {
            let (range, key) =
                crate::translate::text::yaml_key_edit(skel_text, su.range.clone(), &md);
            text.replace_range(range, &key);
        } else {
            text.replace_range(su.range.clone(), &md);
        }
    }
    text
}

/// The edits whose unit does not read back with the intended content from `check`, the
/// units of the written text.
fn misread(check: &[Unit], skel_units: &[Unit], edits: &[Edit<'_>]) -> Vec<usize> {
    let by_id = by_id(check);
    edits
        .iter()
        .filter(|e| {
            by_id
                .get(skel_units[e.unit].id.as_str())
                .is_none_or(|u| canonical(&u.pieces) != canonical(&e.pieces))
        })
        .map(|e| e.unit)
        .collect()
}
