//! The interface's language: what sopdoc says to the author (diagnostics, hints, status
//! lines, reports), as data per language.
//!
//! Messages are Fluent (`locales/<lang>/*.ftl`, embedded in the binary): a message has a
//! key, named variables and, where a number is involved, plural forms chosen by the
//! language's own rules ("1 erreur", "2 erreurs", "0 erreur"). Translators edit the files,
//! not the code. Bidirectional isolation marks are switched off: they would reach
//! terminals, JSON and snapshots as invisible characters.
//!
//! The words printed *in documents* (table, section, page) are another matter, chosen by
//! the document's language: see [`crate::l10n`].
//!
//! Code builds a [`Message`] with [`msg!`](crate::msg) and keeps it with its English text
//! (a [`Text`]): machine outputs (JSON, SARIF) stay in English, stable for tools, and the
//! human outputs print [`Message::text`] in [`ui_lang`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[cfg(test)]
pub(crate) mod typography;

/// The interface languages, English first (the fallback and the machine outputs' language).
pub const LANGUAGES: &[&str] = &["en", "fr"];

/// The Fluent files of each language, in [`LANGUAGES`] order.
const FILES: &[(&str, &[(&str, &str)])] = &[
    (
        "en",
        &[
            (
                "diagnostics.ftl",
                include_str!("../locales/en/diagnostics.ftl"),
            ),
            ("interface.ftl", include_str!("../locales/en/interface.ftl")),
            ("help.ftl", include_str!("../locales/en/help.ftl")),
        ],
    ),
    (
        "fr",
        &[
            (
                "diagnostics.ftl",
                include_str!("../locales/fr/diagnostics.ftl"),
            ),
            ("interface.ftl", include_str!("../locales/fr/interface.ftl")),
            ("help.ftl", include_str!("../locales/fr/help.ftl")),
        ],
    ),
];

/// The Fluent sources of `lang`, file name and text (for tests and tools).
pub fn sources(lang: &str) -> &'static [(&'static str, &'static str)] {
    FILES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[], |(_, files)| files)
}

static UI_LANG: AtomicUsize = AtomicUsize::new(0);

/// The language the interface speaks in this process (English until [`set_ui_lang`]).
pub fn ui_lang() -> &'static str {
    LANGUAGES[UI_LANG.load(Ordering::Relaxed).min(LANGUAGES.len() - 1)]
}

/// Chooses the interface language for the rest of the process; an unknown code is ignored
/// (the command line validates it first).
pub fn set_ui_lang(lang: &str) {
    if let Some(i) = LANGUAGES.iter().position(|l| *l == lang) {
        UI_LANG.store(i, Ordering::Relaxed);
    }
}

/// The interface language a locale name asks for: `fr_FR.UTF-8`, `fr-CA`, `fr` give
/// `fr`; `C`, `POSIX` and languages sopdoc does not speak give English.
pub fn language_of_locale(locale: &str) -> &'static str {
    let primary = locale
        .split(['.', '@', '_', '-'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .copied()
        .find(|l| *l == primary)
        .unwrap_or("en")
}

/// The interface language when no `--ui-lang` is given: `SOPDOC_LANG`, then the operating
/// system's language, then `LC_ALL`, `LC_MESSAGES`, `LANG`; English when none is set.
/// `env` reads a variable and `os` is the operating system's locale (`sys-locale`), so the
/// order can be tested without touching the process.
pub fn choose_language(env: impl Fn(&str) -> Option<String>, os: Option<String>) -> &'static str {
    let set = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    if let Some(v) = set(env("SOPDOC_LANG")) {
        return language_of_locale(&v);
    }
    if let Some(v) = set(os) {
        return language_of_locale(&v);
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = set(env(var)) {
            return language_of_locale(&v);
        }
    }
    "en"
}

/// The interface language of this process's environment ([`choose_language`] over the real
/// variables and the operating system's locale).
pub fn language_from_environment() -> &'static str {
    choose_language(|k| std::env::var(k).ok(), sys_locale::get_locale())
}

/// A value for a message variable: text, or a number (which chooses plural forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text, inserted as it is.
    Str(String),
    /// A whole number.
    Num(i64),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Self {
        Arg::Str(s.into_owned())
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Str(c.to_string())
    }
}
/// Anything printable, by reference (`&name`, `&count`): a whole number written the
/// usual way becomes a number (it prints the same, and chooses plural forms).
impl<T: std::fmt::Display + ?Sized> From<&T> for Arg {
    fn from(v: &T) -> Self {
        let s = v.to_string();
        match s.parse::<i64>() {
            Ok(n) if n.to_string() == s => Arg::Num(n),
            _ => Arg::Str(s),
        }
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_arg!(usize, u64, u32, u16, u8, i64, i32);

/// A message of the catalogue with its variables, not yet put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: &'static str,
    /// Shared, like `given`: a style rule's message and source hint are cloned into each
    /// of its findings, and a long text has hundreds of thousands.
    args: Arc<[(&'static str, Arg)]>,
    /// Texts given ready-made per language (a style pack's `{fr: …, en: …}`), used
    /// instead of the catalogue when present.
    given: Arc<[(String, String)]>,
}

impl Message {
    /// The message `key` with its variables (see [`msg!`](crate::msg)).
    pub fn new(key: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        Message {
            key,
            args: args.into(),
            given: Arc::new([]),
        }
    }

    /// A message whose texts are given per language code (data from outside the
    /// catalogue); English, or else the first, stands in for a missing language.
    pub fn given(texts: Vec<(String, String)>) -> Self {
        Message {
            key: "",
            args: Arc::new([]),
            given: texts.into(),
        }
    }

    /// The message's key in the Fluent files.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in `lang` (English when the language lacks it; the key itself if even
    /// English lacks it, which a test forbids).
    pub fn text(&self, lang: &str) -> String {
        if !self.given.is_empty() {
            let pick = |l: &str| self.given.iter().find(|(g, _)| g == l).map(|(_, t)| t);
            return pick(lang)
                .or_else(|| pick("en"))
                .or_else(|| self.given.first().map(|(_, t)| t))
                .cloned()
                .unwrap_or_default();
        }
        let args = self.fluent_args();
        format(lang, self.key, &args)
            .or_else(|| format("en", self.key, &args))
            .unwrap_or_else(|| self.key.to_string())
    }

    /// The message in the interface language.
    pub fn ui(&self) -> String {
        self.text(ui_lang())
    }

    fn fluent_args(&self) -> FluentArgs<'_> {
        let mut args = FluentArgs::new();
        for (name, value) in self.args.iter() {
            let v = match value {
                Arg::Str(s) => FluentValue::from(s.as_str()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            args.set(*name, v);
        }
        args
    }
}

/// A message with its variables: `msg!("xref-unknown-target", id = target)`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new(
            $key,
            vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        )
    };
}

/// The message `key` (no variables) in `lang` exactly, with no fallback to English:
/// `None` when the language lacks it (keys built at run time, such as the help texts').
pub fn lookup(key: &str, lang: &str) -> Option<String> {
    format(lang, key, &FluentArgs::new())
}

/// The message `key` (no variables) in the interface language.
pub fn tr(key: &'static str) -> String {
    Message::new(key, Vec::new()).ui()
}

/// Text for the user: its English words, and the catalogue message it was made from when
/// there is one (text built by hand, or quoted from a style pack, has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The English words (what JSON and SARIF print).
    pub en: String,
    /// The message, to say it in another language.
    pub msg: Option<Message>,
}

impl Text {
    /// The text in `lang`.
    pub fn text(&self, lang: &str) -> Cow<'_, str> {
        match &self.msg {
            Some(m) if lang != "en" => Cow::Owned(m.text(lang)),
            _ => Cow::Borrowed(&self.en),
        }
    }
}

impl From<Message> for Text {
    fn from(m: Message) -> Self {
        Text {
            en: m.text("en"),
            msg: Some(m),
        }
    }
}
impl From<String> for Text {
    fn from(en: String) -> Self {
        Text { en, msg: None }
    }
}
impl From<&str> for Text {
    fn from(en: &str) -> Self {
        Text::from(en.to_string())
    }
}
impl From<&String> for Text {
    fn from(en: &String) -> Self {
        Text::from(en.clone())
    }
}
impl From<Cow<'_, str>> for Text {
    fn from(en: Cow<'_, str>) -> Self {
        Text::from(en.into_owned())
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static BTreeMap<&'static str, Bundle> {
    static BUNDLES: OnceLock<BTreeMap<&'static str, Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        FILES
            .iter()
            .map(|(lang, files)| {
                let id: unic_langid::LanguageIdentifier = lang.parse().expect("a language tag");
                let mut bundle = Bundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(false);
                for (name, text) in *files {
                    // Built-in data, checked by the tests below: a broken file is a bug.
                    let res = FluentResource::try_new((*text).to_string())
                        .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/{name}: {errors:?}"));
                    bundle
                        .add_resource(res)
                        .unwrap_or_else(|errors| panic!("locales/{lang}/{name}: {errors:?}"));
                }
                (*lang, bundle)
            })
            .collect()
    })
}

fn format(lang: &str, key: &str, args: &FluentArgs<'_>) -> Option<String> {
    let bundle = bundles().get(lang)?;
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let out = bundle.format_pattern(pattern, Some(args), &mut errors);
    // A missing variable is a bug the key-parity test catches; the text is still usable.
    Some(out.into_owned())
}

/// Every message key of `lang`, with the variables its text uses (for the parity test and
/// for tools).
pub fn keys_and_variables(lang: &str) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut out: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for (_, text) in sources(lang) {
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_entry = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if starts_entry {
                if let Some((key, _)) = line.split_once('=') {
                    let key = key.trim().to_string();
                    out.entry(key.clone()).or_default();
                    current = Some(key);
                }
            } else if line.starts_with('#') || line.trim().is_empty() {
                if line.starts_with('#') {
                    current = None;
                }
                continue;
            }
            if let Some(key) = &current {
                let vars = out.entry(key.clone()).or_default();
                let mut rest = line;
                while let Some(i) = rest.find('$') {
                    rest = &rest[i + 1..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    if !name.is_empty() {
                        vars.insert(name);
                    }
                }
            }
        }
    }
    out
}

/// The jargon an author should never read in a message of a language other than English,
/// found in `text`: character codes (`U+202F`), `(s)` plurals, the names of the libraries
/// and parser terms behind the messages, rule-pack confidence codes in brackets.
pub fn jargon_in(text: &str) -> Vec<&'static str> {
    const WORDS: &[&str] = &[
        "(s)",
        "(e)",
        "(es)",
        "hayagriva",
        "scalar",
        "serde",
        "saphyr",
        "[un]",
        "[iom]",
        "[iom-second-hand]",
        "[gen-fr]",
        "[gen-en]",
        "[synth]",
        "confidence",
    ];
    let mut found: Vec<&'static str> = WORDS
        .iter()
        .copied()
        .filter(|w| text.to_lowercase().contains(w))
        .collect();
    let code_point = text.match_indices("U+").any(|(i, _)| {
        let hex = &text[i + 2..];
        hex.len() >= 4 && hex.bytes().take(4).all(|b| b.is_ascii_hexdigit())
    });
    if code_point {
        found.push("U+XXXX");
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_map_to_languages() {
        assert_eq!(language_of_locale("fr_FR.UTF-8"), "fr");
        assert_eq!(language_of_locale("fr-CA"), "fr");
        assert_eq!(language_of_locale("FR"), "fr");
        assert_eq!(language_of_locale("en_GB"), "en");
        assert_eq!(language_of_locale("C"), "en");
        assert_eq!(language_of_locale("POSIX"), "en");
        assert_eq!(language_of_locale("de_DE.UTF-8"), "en");
    }

    #[test]
    fn the_language_is_chosen_in_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(choose_language(env(&[]), None), "en");
        assert_eq!(choose_language(env(&[("LANG", "fr_FR.UTF-8")]), None), "fr");
        assert_eq!(
            choose_language(env(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "C")]), None),
            "en"
        );
        assert_eq!(
            choose_language(env(&[("LANG", "en_US.UTF-8")]), Some("fr-FR".into())),
            "fr"
        );
        assert_eq!(
            choose_language(env(&[("SOPDOC_LANG", "en")]), Some("fr-FR".into())),
            "en"
        );
        assert_eq!(
            choose_language(env(&[("SOPDOC_LANG", ""), ("LANG", "fr")]), None),
            "fr"
        );
    }

    #[test]
    fn every_key_exists_in_every_language_with_the_same_variables() {
        let en = keys_and_variables("en");
        assert!(en.len() > 20, "the English catalogue is read");
        for lang in LANGUAGES {
            let other = keys_and_variables(lang);
            let only_en: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let only_other: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(
                only_en.is_empty() && only_other.is_empty(),
                "{lang}: keys only in English {only_en:?}, only in {lang} {only_other:?}"
            );
            for (key, vars) in &en {
                assert_eq!(
                    vars, &other[key],
                    "{lang}: `{key}` uses other variables than in English"
                );
            }
        }
    }

    #[test]
    fn every_message_formats_without_errors_or_isolation_marks() {
        for lang in LANGUAGES {
            let bundle = &bundles()[lang];
            for (key, vars) in keys_and_variables(lang) {
                let mut args = FluentArgs::new();
                for v in &vars {
                    args.set(v.clone(), FluentValue::from(2));
                }
                let pattern = bundle
                    .get_message(&key)
                    .and_then(|m| m.value())
                    .unwrap_or_else(|| panic!("{lang}: {key} has no value"));
                let mut errors = Vec::new();
                let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{lang}: {key}: {errors:?}");
                assert!(
                    !out.contains(['\u{2068}', '\u{2069}']),
                    "{lang}: {key} has isolation marks"
                );
            }
        }
    }

    /// Every key the code names in `msg!`/`tr` exists in the catalogue (a typo would print
    /// the key itself).
    #[test]
    #[allow(clippy::disallowed_methods)] // Reads the crate's own source.
    fn the_code_names_only_existing_keys() {
        let en = keys_and_variables("en");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for marker in ["msg!(\"", "tr(\""] {
                for (at, _) in text.match_indices(marker) {
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let piece = &text[at + marker.len()..];
                    let key = piece.split('"').next().unwrap_or("");
                    if key.is_empty() || key.contains(' ') || key == "key" {
                        continue;
                    }
                    if !en.contains_key(key) {
                        missing.push(format!("{}: {key}", entry.path().display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from locales/en: {missing:#?}"
        );
    }

    /// Every message in a language other than English, formatted with numbers and with
    /// words for its variables, reads as plain words: no character codes, no `(s)`, no
    /// library names or confidence codes.
    #[test]
    fn messages_for_authors_have_no_jargon() {
        for lang in LANGUAGES.iter().filter(|l| **l != "en") {
            let bundle = &bundles()[lang];
            let mut found = Vec::new();
            for (key, vars) in keys_and_variables(lang) {
                let pattern = bundle.get_message(&key).and_then(|m| m.value()).unwrap();
                for sample in [FluentValue::from(1), FluentValue::from(2), "x".into()] {
                    let mut args = FluentArgs::new();
                    for v in &vars {
                        args.set(v.clone(), sample.clone());
                    }
                    let out = bundle.format_pattern(pattern, Some(&args), &mut Vec::new());
                    let jargon = jargon_in(&out);
                    if !jargon.is_empty() {
                        found.push(format!("{lang}: {key}: {jargon:?} in {out}"));
                    }
                }
            }
            found.dedup();
            assert!(found.is_empty(), "jargon: {found:#?}");
        }
        assert_eq!(jargon_in("une espace (U+202F) ici"), vec!["U+XXXX"]);
        assert_eq!(jargon_in("2 fois"), Vec::<&str>::new());
        assert_eq!(jargon_in("2 time(s)"), vec!["(s)"]);
    }

    /// The French catalogues follow French typography (see [`typography`]) in every text a
    /// message can show, whichever variant its numbers choose.
    #[test]
    fn french_messages_follow_french_typography() {
        let mut found = Vec::new();
        for (file, source) in sources("fr") {
            let texts = typography::fluent_texts(source);
            assert!(texts.len() > 20, "{file} is read");
            for (key, text) in texts {
                for fault in typography::french_typography_faults(&text) {
                    found.push(format!("locales/fr/{file}: {key}: {fault}"));
                }
            }
        }
        found.dedup();
        assert!(found.is_empty(), "French typography: {found:#?}");
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let m = |n: usize| msg!("summary-line", errors = n, warnings = n + 1, infos = n + 2);
        assert_eq!(m(1).text("en"), "1 error, 2 warnings, 3 infos");
        assert_eq!(m(0).text("en"), "0 errors, 1 warning, 2 infos");
        assert_eq!(m(0).text("fr"), "0 erreur, 1 avertissement, 2 remarques");
        assert_eq!(m(2).text("fr"), "2 erreurs, 3 avertissements, 4 remarques");
    }
}
