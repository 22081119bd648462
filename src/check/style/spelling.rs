//! Spelling: the `spelling` rule kind, words of the prose against Hunspell dictionaries.
//!
//! The French (Grammalecte "classique", MPL 2.0) and British English (LibreOffice en_GB)
//! dictionaries are compiled into the binary (`dictionaries/`, with their licences) and read
//! by `spellbook`, a pure-Rust Hunspell. A dictionary is parsed once per process, only for
//! the languages a project has, and [`preload`] starts that on other threads as soon as the
//! project is loaded, so it overlaps resolving instead of delaying the checks.
//!
//! What is never a finding: words of the registries (actor names and acronyms, acronyms and
//! their expansions, glossary terms, legal short titles, in every language: names stay as
//! registered), the project's word lists (`styles/words.txt`, `styles/words.<lang>.txt`),
//! words with two capitals or more (acronyms, `McKinsey`), words glued to digits or to code,
//! links and addresses (the runs replace them, see [`super::scope`]), roman numerals, and
//! inline quotations (spared like every wording rule; block quotes are out of scope).
//!
//! A finding's fix is the dictionary's suggestion only when it is safe to apply blindly: the
//! only suggestion, or the same letters with other accents or capitals (`procedure` →
//! `procédure`). Other suggestions are listed in a hint.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use spellbook::Dictionary;
use unicode_normalization::UnicodeNormalization;

use super::pack::DictionaryName;
use super::scope::OBJECT;
use crate::model::Registries;

const FR_AFF: &str = include_str!("../../../dictionaries/fr/fr.aff");
const FR_DIC: &str = include_str!("../../../dictionaries/fr/fr.dic");
const EN_GB_AFF: &str = include_str!("../../../dictionaries/en_GB/en_GB.aff");
const EN_GB_DIC: &str = include_str!("../../../dictionaries/en_GB/en_GB.dic");

/// How many suggestions a hint lists.
const MAX_SUGGESTIONS: usize = 4;

/// A dictionary's place: empty until first use, then the parsed dictionary (`None` inside
/// only if a shipped dictionary failed to parse, which the tests rule out).
type Slot = Mutex<Option<Option<Arc<Dictionary>>>>;

static FR: Slot = Mutex::new(None);
static EN_GB: Slot = Mutex::new(None);

/// The dictionary `name`, parsed on first use and kept until [`release`]. A check that
/// asks while another thread parses it waits for that parse.
pub fn dictionary(name: DictionaryName) -> Option<Arc<Dictionary>> {
    let (cell, aff, dic) = match name {
        DictionaryName::Fr => (&FR, FR_AFF, FR_DIC),
        DictionaryName::EnGb => (&EN_GB, EN_GB_AFF, EN_GB_DIC),
    };
    let mut slot = cell.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(parsed) = slot.as_ref() {
        return parsed.clone();
    }
    let started = std::time::Instant::now();
    let dict = Dictionary::new(aff, dic).ok().map(Arc::new);
    crate::timings::record(&format!("spelling: parse the {name:?} dictionary"), started);
    *slot = Some(dict.clone());
    dict
}

/// Lets the parsed dictionaries (about 30 MiB) and the suggestions found go, once a process
/// has nothing left to check: a build calls it before laying out its PDFs. A later check
/// parses the dictionaries again.
pub fn release() {
    for cell in [&FR, &EN_GB] {
        *cell.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
    suggestion_cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
}

/// The shipped dictionary for a language code (`fr`, `fr-ML`, `en`, `en-GB`).
pub fn dictionary_for(lang: &str) -> Option<DictionaryName> {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    match primary.to_ascii_lowercase().as_str() {
        "fr" => Some(DictionaryName::Fr),
        "en" => Some(DictionaryName::EnGb),
        _ => None,
    }
}

/// Starts parsing the dictionaries of `langs` on background threads (each parse happens
/// once; a check that needs one before it is ready waits for it). Asking again, as every
/// analysis does, starts nothing.
pub fn preload<'a>(langs: impl IntoIterator<Item = &'a str>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STARTED: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];
    for name in langs.into_iter().filter_map(dictionary_for) {
        if STARTED[name as usize].swap(true, Ordering::Relaxed) {
            continue;
        }
        std::thread::spawn(move || {
            dictionary(name);
        });
    }
}

/// Words accepted in one language besides the dictionary's: the registries' and the word
/// lists'.
///
/// It also remembers each word's verdict per dictionary, for every checker made with it:
/// the translations of a language share what one of them learnt, and the editor, which
/// keeps the accepted words while the lists and registries stay the same, judges only the
/// words it has not seen yet after a keystroke.
#[derive(Debug, Default)]
pub struct Accepted {
    /// Words as written (a capitalized entry is accepted capitalized only).
    exact: HashSet<String>,
    /// Entries written in lower case, which also accept their capitalized forms.
    lower: HashSet<String>,
    /// Verdicts on words, per dictionary.
    verdicts: Mutex<HashMap<(DictionaryName, String), bool>>,
}

impl Accepted {
    /// The accepted words of a project: every word of the registries' names, acronyms,
    /// terms and legal short titles (all languages), and the entries of `lists`.
    pub fn new<'a>(registries: &'a Registries, lists: impl IntoIterator<Item = &'a str>) -> Self {
        let mut acc = Accepted::default();
        let mut texts: Vec<&str> = Vec::new();
        let local = |t: &'a crate::model::LocalText, out: &mut Vec<&'a str>| match t {
            crate::model::LocalText::Same(s) => out.push(s),
            crate::model::LocalText::PerLanguage(m) => out.extend(m.values().map(String::as_str)),
        };
        for a in &registries.actors {
            local(&a.name, &mut texts);
            if let Some(s) = &a.acronym {
                local(s, &mut texts);
            }
        }
        for a in &registries.acronyms {
            local(&a.short, &mut texts);
            local(&a.long, &mut texts);
        }
        for t in &registries.terms {
            local(&t.term, &mut texts);
        }
        for i in &registries.instruments {
            local(&i.short, &mut texts);
        }
        for text in texts {
            for r in words(text) {
                acc.insert(&text[r]);
            }
        }
        // The tool's own name, which its templates and guides use.
        acc.insert("sopdoc");
        for list in lists {
            for entry in list_entries(list) {
                acc.insert(entry.1);
            }
        }
        acc
    }

    fn insert(&mut self, word: &str) {
        let word = normalize(word);
        for part in std::iter::once(word.as_str()).chain(word.split(['-', '\u{2011}'])) {
            if part.chars().next().is_some_and(char::is_lowercase) {
                self.lower.insert(part.to_string());
            }
            self.exact.insert(part.to_string());
        }
    }

    /// Whether `word` (typographic apostrophes already straightened) is accepted as is, as
    /// the capitalized form of a lower-case entry, or in upper case.
    fn accepts(&self, word: &str) -> bool {
        if self.exact.contains(word) {
            return true;
        }
        let lower = word.to_lowercase();
        if self.lower.contains(&lower) {
            return true;
        }
        // `SÉGOU` for the entry `Ségou`; `Ségou` for `ségou` was handled above.
        word.chars().all(|c| !c.is_lowercase())
            && self.exact.iter().any(|e| e.to_uppercase() == word)
    }
}

/// The entries of a word list: `(line index, word)`, blank lines and `#` comments skipped.
pub fn list_entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let w = l.split('#').next().unwrap_or("").trim();
        (!w.is_empty()).then_some((i, w))
    })
}

/// Typographic apostrophes as straight ones, composed characters (NFC).
fn normalize(word: &str) -> String {
    word.replace(['\u{2019}', '\u{02BC}'], "'").nfc().collect()
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2011}')
}

/// Characters that make a neighbouring word part of something that is not prose: a number
/// (`1er`, `2e`), a name in code (`_`, `/`), an object the run masks (code, link, address).
fn glues(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '_' | '/' | '\\' | '@' | '#' | '=' | '+' | '&' | '|' | '~' | '^' | '*'
        )
        || c == OBJECT
        || c == '\u{1F}'
}

/// The words of `text` worth checking, as byte ranges: letters, joined by apostrophes and
/// hyphens, not glued to digits or code, not `file.ext`-like.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_letter(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        loop {
            while at(end).is_some_and(is_letter) {
                end += 1;
            }
            if at(end).is_some_and(is_joiner) && at(end + 1).is_some_and(is_letter) {
                end += 1;
                continue;
            }
            break;
        }
        i = end;
        let before = start.checked_sub(1).and_then(at);
        let after = at(end);
        let dotted =
            |c: Option<char>, next: Option<char>| c == Some('.') && next.is_some_and(is_letter);
        if before.is_some_and(glues)
            || after.is_some_and(glues)
            || dotted(after, at(end + 1))
            || dotted(before, start.checked_sub(2).and_then(at))
        {
            continue;
        }
        let range = chars[start].0..chars.get(end).map_or(text.len(), |&(b, _)| b);
        out.push(range);
    }
    out
}

/// Whether a word is left alone whatever the dictionary says.
fn exempt(word: &str) -> bool {
    let mut letters = 0;
    let mut capitals = 0;
    for c in word.chars() {
        if is_letter(c) {
            letters += 1;
        }
        if c.is_uppercase() {
            capitals += 1;
        }
    }
    letters < 2 || capitals >= 2 || is_roman(word)
}

fn is_roman(word: &str) -> bool {
    const ROMAN: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    ROMAN.contains(&word)
}

/// French elisions, stripped before looking a name up (`l’OIM`, `d’Interpol`).
const ELISIONS: &[&str] = &[
    "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'",
    "quoiqu'", "presqu'",
];

/// The checker of one language: its dictionary, the accepted words and a cache of verdicts.
#[derive(Clone)]
pub struct Speller {
    name: DictionaryName,
    dict: Arc<Dictionary>,
    accepted: Arc<Accepted>,
}

impl Speller {
    /// A checker for `name`; `None` when the dictionary is unusable.
    pub fn new(name: DictionaryName, accepted: Arc<Accepted>) -> Option<Self> {
        Some(Speller {
            name,
            dict: dictionary(name)?,
            accepted,
        })
    }

    /// The dictionary checked against.
    pub fn name(&self) -> DictionaryName {
        self.name
    }

    /// The ranges of `text` holding words neither the dictionary nor the accepted words
    /// know.
    pub fn unknown(&mut self, text: &str) -> Vec<Range<usize>> {
        words(text)
            .into_iter()
            .filter(|r| !self.known(&text[r.clone()]))
            .collect()
    }

    fn known(&self, word: &str) -> bool {
        if exempt(word) {
            return true;
        }
        let key = (self.name, word.to_string());
        let verdicts = &self.accepted.verdicts;
        if let Some(&v) = verdicts.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return v;
        }
        let v = self.judge(word);
        verdicts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, v);
        v
    }

    fn judge(&self, word: &str) -> bool {
        let norm = normalize(word);
        if self.accepted.accepts(&norm) || self.dict.check(&norm) {
            return true;
        }
        // A name after an elision, or with an English possessive.
        let lower = norm.to_lowercase();
        let bases = ELISIONS
            .iter()
            .filter(|e| lower.starts_with(*e))
            .map(|e| &norm[e.len()..])
            .chain(norm.strip_suffix("'s"))
            .chain(norm.strip_suffix("s'"));
        for base in bases {
            if !base.is_empty() && (self.accepted.accepts(base) || self.dict.check(base)) {
                return true;
            }
        }
        // Compounds the dictionary lacks are right when each part is (`post-conflit`).
        norm.contains(['-', '\u{2011}'])
            && norm.split(['-', '\u{2011}']).all(|p| {
                p.is_empty() || exempt(p) || self.accepted.accepts(p) || self.dict.check(p)
            })
    }
}

/// Suggestions per dictionary and word.
type SuggestionCache = Mutex<HashMap<(DictionaryName, String), Arc<Vec<String>>>>;

/// The suggestions found, per dictionary and word.
fn suggestion_cache() -> &'static SuggestionCache {
    static CACHE: OnceLock<SuggestionCache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Suggestions for a misspelt `word`: a fix when one is safe to apply blindly, and the
/// suggestions to list. Computed once per word and dictionary per process.
///
/// Hunspell's full suggestion search (spellbook's `suggest`) takes 25 ms to 300 ms per word
/// with these dictionaries, far over the budget of a `check`, so sopdoc proposes the words of
/// the dictionary a typing slip away instead (an accent, the first capital, two letters
/// swapped, a letter doubled or dropped): a few dozen look-ups per word. Capitalized words are most often names, which no dictionary holds: they get
/// no suggestion (the hint says where to add them).
pub fn suggestions(name: DictionaryName, word: &str) -> (Option<String>, Arc<Vec<String>>) {
    let cache = suggestion_cache();
    let key = (name, word.to_string());
    let cached = cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .cloned();
    let list = match cached {
        Some(list) => list,
        None => {
            let list = Arc::new(match dictionary(name) {
                Some(dict) if word.chars().next().is_some_and(char::is_lowercase) => {
                    one_edit_away(&dict, word)
                }
                _ => Vec::new(),
            });
            cache
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, Arc::clone(&list));
            list
        }
    };
    let fix = list
        .first()
        .filter(|first| list.len() == 1 || base_letters(first) == base_letters(word))
        .cloned();
    (fix, list)
}

/// Accented letters and the letters they are mistyped for, both ways.
const ACCENTS: &[(char, &str)] = &[
    ('e', "éèêë"),
    ('a', "àâä"),
    ('i', "îï"),
    ('o', "ôö"),
    ('u', "ùûü"),
    ('c', "ç"),
    ('y', "ÿ"),
];

/// The letters a typist confuses with `c`: its accented forms, or its bare letter.
fn confusable(c: char) -> Vec<char> {
    let mut out = Vec::new();
    for (bare, accented) in ACCENTS {
        if c == *bare {
            out.extend(accented.chars());
        } else if accented.contains(c) {
            out.push(*bare);
            out.extend(accented.chars().filter(|&a| a != c));
        }
    }
    out
}

/// Dictionary words a typing slip away from `word`, most likely first: accents and the
/// first capital, swapped letters, a doubled or a dropped letter. A few dozen look-ups.
fn one_edit_away(dict: &Dictionary, word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut seen = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    let mut try_word = |cand: Vec<char>, out: &mut Vec<String>| {
        let cand: String = cand.into_iter().collect();
        if cand != word && seen.insert(cand.clone()) && dict.check(&normalize(&cand)) {
            out.push(cand);
        }
    };
    for i in 0..n {
        for l in confusable(chars[i]) {
            let mut c = chars.clone();
            c[i] = l;
            try_word(c, &mut out);
        }
    }
    let mut capital = chars.clone();
    if let Some(first) = capital.first_mut() {
        *first = first.to_uppercase().next().unwrap_or(*first);
    }
    try_word(capital, &mut out);
    for i in 0..n.saturating_sub(1) {
        let mut c = chars.clone();
        c.swap(i, i + 1);
        try_word(c, &mut out);
    }
    for i in 0..n {
        let mut c = chars.clone();
        c.remove(i);
        try_word(c, &mut out);
        let mut c = chars.clone();
        c.insert(i, chars[i]);
        try_word(c, &mut out);
    }
    out.truncate(MAX_SUGGESTIONS);
    if word.contains('\u{2019}') {
        for w in &mut out {
            *w = w.replace('\'', "\u{2019}");
        }
    }
    out
}

/// Letters without accents, in lower case: `Procédure` → `procedure`.
fn base_letters(word: &str) -> String {
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller(name: DictionaryName, words: &str) -> Speller {
        let acc = Accepted::new(&Registries::default(), [words]);
        Speller::new(name, Arc::new(acc)).expect("the shipped dictionary parses")
    }

    fn unknown(s: &mut Speller, text: &str) -> Vec<String> {
        s.unknown(text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    /// French words that exercise the dictionary's affix rules (plurals, feminines,
    /// conjugations, elisions with both apostrophes, compounds, 1990 spellings), all of
    /// which must pass.
    const FRENCH_ACCEPTANCE: &str = "l’enfant l'enfant d’identification qu’elle aujourd’hui \
        jusqu’à lorsqu’il presqu’île victimes traite mineures coordonnatrice coordonnateurs \
        signalées orientés accompagnerons protégeraient réintégrées réinsertion \
        porte-parole sous-comité après-midi vis-à-vis c’est-à-dire peut-être \
        événement évènement connaître consentement exploitation \
        prise en charge judiciaire procureur procureure interprètes psychosociale \
        rapatriement hébergement Bamako Mali Genève";

    #[test]
    fn the_french_dictionary_accepts_what_french_writes() {
        let mut s = speller(DictionaryName::Fr, "");
        assert_eq!(unknown(&mut s, FRENCH_ACCEPTANCE), Vec::<String>::new());
        // The "classique" dictionary keeps the traditional spelling where the 1990 one is
        // not yet usual: a project that writes `connaitre` lists it in styles/words.fr.txt.
        assert_eq!(unknown(&mut s, "connaitre"), vec!["connaitre"]);
    }

    #[test]
    fn misspellings_are_found_with_a_safe_fix_or_a_list() {
        let mut s = speller(DictionaryName::Fr, "");
        assert_eq!(
            unknown(&mut s, "La procedure de réferencement des victimmes."),
            vec!["procedure", "réferencement", "victimmes"]
        );
        let (fix, list) = suggestions(DictionaryName::Fr, "procedure");
        assert_eq!(fix.as_deref(), Some("procédure"), "{list:?}");
        let mut en = speller(DictionaryName::EnGb, "");
        assert_eq!(
            unknown(
                &mut en,
                "We recieve and organize; they organise the colour."
            ),
            vec!["recieve"]
        );
        let (fix, list) = suggestions(DictionaryName::EnGb, "recieve");
        assert_eq!(fix.as_deref(), Some("receive"), "{list:?}");
        let (fix, list) = suggestions(DictionaryName::Fr, "victimmes");
        assert_eq!(fix.as_deref(), Some("victimes"), "{list:?}");
        // Names get no suggestion: they belong in a word list or a registry.
        assert!(suggestions(DictionaryName::Fr, "Koulikoro").1.is_empty());
    }

    #[test]
    fn words_glued_to_code_numbers_or_capitals_are_not_checked() {
        let mut s = speller(DictionaryName::Fr, "");
        let text =
            format!("Le 1er et le 2e. OIM CNLTPPA McKinsey fichier.md x_y {OBJECT}abcxyz (iv) a");
        assert_eq!(unknown(&mut s, &text), Vec::<String>::new());
    }

    #[test]
    fn word_lists_and_registries_are_accepted() {
        let mut s = speller(
            DictionaryName::Fr,
            "# lieux\nKoulikoro\nsahélo-saharien  # adjectif\n",
        );
        assert_eq!(
            unknown(
                &mut s,
                "Koulikoro, KOULIKORO, sahélo-saharien, Sahélo-saharien, koulikoro"
            ),
            vec!["koulikoro"]
        );
        let file: crate::model::registry::AcronymsFile = serde_saphyr::from_str(
            "acronyms:\n  - {id: x, short: CNLTP, long: \"Comité Tessalit-Kidal\"}\n",
        )
        .unwrap();
        let registries = Registries {
            acronyms: file.acronyms,
            ..Registries::default()
        };
        let acc = Accepted::new(&registries, []);
        let mut s = Speller::new(DictionaryName::Fr, Arc::new(acc)).unwrap();
        assert_eq!(
            unknown(&mut s, "à Tessalit et d’Kidal, Tessalit-Kidal"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn language_codes_pick_a_dictionary() {
        assert_eq!(dictionary_for("fr-ML"), Some(DictionaryName::Fr));
        assert_eq!(dictionary_for("en"), Some(DictionaryName::EnGb));
        assert_eq!(dictionary_for("pt"), None);
    }
}
