//! `sopdoc lsp` driven as an editor drives it: the real binary, JSON-RPC frames over its
//! stdin and stdout, on a copy of `tests/fixtures/lsp` in a temporary folder.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{TempProject, copy_dir, fixture, sopdoc};

/// How long to wait for any one message before calling the server stuck (a guard against
/// a hanging test, not a measure of speed).
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    /// Notifications received while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
    project: TempProject,
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    /// Starts the server on a copy of the fixture and initializes it.
    fn start() -> Client {
        Client::start_with(Some("en"), json!({}))
    }

    /// [`Client::start`] with `SOPDOC_LANG` set to `lang` (or unset, so the editor's
    /// `locale`, French, counts) and the client `capabilities` given.
    fn start_with(lang: Option<&str>, capabilities: Value) -> Client {
        let project = TempProject::empty();
        copy_dir(&fixture("lsp"), project.root());
        let mut command = sopdoc();
        match lang {
            Some(l) => command.env("SOPDOC_LANG", l),
            None => command.env_remove("SOPDOC_LANG"),
        };
        let mut child = command
            .arg("lsp")
            .current_dir(project.root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("sopdoc lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(v) = read_frame(&mut stdout) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            seen: Vec::new(),
            next_id: 0,
            project,
        };
        let root = client.uri("");
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": capabilities, "locale": "fr"}),
        );
        assert_eq!(
            init["result"]["capabilities"]["positionEncoding"], "utf-16",
            "{init}"
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "sopdoc");
        client.notify("initialized", json!({}));
        client
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.project.root().canonicalize().unwrap().join(rel)
    }

    fn uri(&self, rel: &str) -> String {
        let path = self.path(rel);
        let mut uri = String::from("file://");
        for part in path.to_str().unwrap().split('/').filter(|p| !p.is_empty()) {
            uri.push('/');
            for b in part.bytes() {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    uri.push(b as char);
                } else {
                    uri.push_str(&format!("%{b:02X}"));
                }
            }
        }
        uri
    }

    fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.send_raw(&v.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(PATIENCE)
            .expect("the server answers")
    }

    /// The next message that satisfies `pred`, keeping the others for later.
    fn until(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.next();
            if pred(&m) {
                return m;
            }
            self.seen.push(m);
        }
    }

    /// Sends a request and returns its response, keeping notifications for later.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.next();
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
            self.seen.push(m);
        }
    }

    /// Waits for diagnostics published for `rel` that satisfy `done`; returns them.
    fn diagnostics_until(&mut self, rel: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let uri = self.uri(rel);
        let mut pending = std::mem::take(&mut self.seen).into_iter();
        loop {
            let m = match pending.next() {
                Some(m) => m,
                None => self.next(),
            };
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                let list = m["params"]["diagnostics"].as_array().unwrap().clone();
                if done(&list) {
                    return list;
                }
            }
        }
    }

    fn open(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, rel: &str, version: i64, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// A request at the position of `needle` (plus `delta` characters) in the file `rel`.
    fn at(&mut self, method: &str, rel: &str, text: &str, needle: &str, delta: usize) -> Value {
        let position = position_of(text, needle, delta);
        let uri = self.uri(rel);
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
    }

    /// `shutdown` then `exit`; the exit code.
    fn stop(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code().unwrap_or(-1)
    }
}

/// The protocol position (line, UTF-16 column) of `needle` in `text`, `delta` characters on.
fn position_of(text: &str, needle: &str, delta: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` in the text"));
    let at = at
        + needle
            .chars()
            .take(delta)
            .map(char::len_utf8)
            .sum::<usize>();
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[line_start..at].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

fn codes(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

const OBJET: &str = "sop-sources/sop-01/fr/01-objet.md";
const PROCEDURES: &str = "sop-sources/sop-01/fr/02-procedures.md";
const DONNEES: &str = "sop-sources/sop-02/fr/01-donnees.md";
const PURPOSE: &str = "sop-sources/sop-01/en/01-objet.md";
const PROCEDURES_EN: &str = "sop-sources/sop-01/en/02-procedures.md";

#[test]
fn diagnostics_follow_the_unsaved_buffer_and_reach_the_files_it_breaks() {
    let mut c = Client::start();
    let disk = c.text(OBJET);
    // A broken reference after accented text and a character outside the BMP: the
    // column is counted in UTF-16 units.
    let broken = disk.replace(
        "Toute victime",
        "Été 𝄞 : voir la [](#portée-absente).\n\nToute victime",
    );
    c.open(OBJET, &broken);
    let list = c.diagnostics_until(OBJET, |l| {
        codes(l).contains(&"xref/unknown-target".to_string())
    });
    let d = list
        .iter()
        .find(|d| d["code"] == "xref/unknown-target")
        .unwrap();
    assert_eq!(d["severity"], 1, "{d}");
    assert_eq!(d["source"], "sopdoc");
    assert!(
        d["message"].as_str().unwrap().contains("portée-absente"),
        "{d}"
    );
    assert_eq!(
        d["range"]["start"],
        position_of(&broken, "[](#portée", 0),
        "{d}"
    );
    assert_eq!(
        d["range"]["end"],
        position_of(&broken, "absente)", 8),
        "{d}"
    );
    // The file on disk is untouched: the buffer is analyzed, not saved.
    assert_eq!(c.text(OBJET), disk);

    // Fixed in the buffer: the file's diagnostics are cleared with an empty list.
    c.change(OBJET, 2, &disk);
    c.diagnostics_until(OBJET, <[Value]>::is_empty);

    // Renaming the heading id in the buffer breaks the reference of another document,
    // which is not open.
    let renamed = disk
        .replace("{#portee}", "{#champ}")
        .replace("(#portee)", "(#champ)");
    c.change(OBJET, 3, &renamed);
    let other = c.diagnostics_until(DONNEES, |l| !l.is_empty());
    assert_eq!(codes(&other), ["xref/unknown-target"], "{other:?}");
    assert!(other[0]["message"].as_str().unwrap().contains("portee"));

    // Closing the buffer brings the disk's text back, and its diagnostics go.
    let uri = c.uri(OBJET);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.diagnostics_until(DONNEES, <[Value]>::is_empty);
    assert_eq!(c.stop(), 0);
}

#[test]
fn definition_goes_to_anchors_registries_steps_and_works() {
    let mut c = Client::start();
    let objet = c.text(OBJET);
    let procedures = c.text(PROCEDURES);
    let cases: [(&str, &str, &str, usize, &str, &str, usize); 9] = [
        // (file, its text, needle, delta, target file, target needle, its delta)
        (OBJET, &objet, "[](#portee)", 5, OBJET, "## Portée", 0),
        (
            OBJET,
            &objet,
            "[](sop-02#donnees)",
            5,
            DONNEES,
            "# Données",
            0,
        ),
        (OBJET, &objet, "[](sop-02)", 4, DONNEES, "# Données", 0),
        (
            OBJET,
            &objet,
            "[](#identification.age)",
            8,
            PROCEDURES,
            "- id: age",
            6,
        ),
        (OBJET, &objet, "[](#^age)", 4, OBJET, "[^age]: ", 0),
        (
            OBJET,
            &objet,
            "[](legal:loi",
            8,
            "sop-sources/legal.yaml",
            "loi-2012-023",
            0,
        ),
        (
            OBJET,
            &objet,
            "[@oim2019",
            3,
            "sop-sources/bibliography.yaml",
            "oim2019",
            0,
        ),
        (
            PROCEDURES,
            &procedures,
            "actor: police",
            9,
            "sop-sources/actors.yaml",
            "police",
            0,
        ),
        (
            PROCEDURES,
            &procedures,
            "next: cloture",
            7,
            PROCEDURES,
            "- id: cloture",
            6,
        ),
    ];
    for (file, text, needle, delta, target, target_needle, target_delta) in cases {
        let r = c.at("textDocument/definition", file, text, needle, delta);
        let target_text = c.text(target);
        assert_eq!(r["result"]["uri"], c.uri(target), "{needle}: {r}");
        assert_eq!(
            r["result"]["range"]["start"],
            position_of(&target_text, target_needle, target_delta),
            "{needle}: {r}"
        );
    }
    // A branch target leads to its step too.
    let r = c.at(
        "textDocument/definition",
        PROCEDURES,
        &procedures,
        "oui: enfant",
        6,
    );
    assert_eq!(
        r["result"]["range"]["start"],
        position_of(&procedures, "- id: enfant", 6),
        "{r}"
    );
    // Plain text has no definition.
    let r = c.at("textDocument/definition", OBJET, &objet, "La présente", 2);
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn hover_says_what_a_reference_prints_and_what_a_name_means() {
    let mut c = Client::start();
    let objet = c.text(OBJET);
    let procedures = c.text(PROCEDURES);
    let hover = |c: &mut Client, file: &str, text: &str, needle: &str, delta: usize| {
        let r = c.at("textDocument/hover", file, text, needle, delta);
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("a hover on `{needle}`: {r}"))
            .to_string()
    };
    let h = hover(&mut c, OBJET, &objet, "[](#portee)", 4);
    assert!(h.contains("section 1.1") && h.contains("Portée"), "{h}");
    let h = hover(&mut c, OBJET, &objet, "[](sop-02#donnees)", 4);
    assert!(h.contains("PSO") && h.contains("Données"), "{h}");
    let h = hover(&mut c, OBJET, &objet, "[](#identification.age)", 4);
    assert!(h.contains("étape 2") && h.contains("mineure"), "{h}");
    let h = hover(&mut c, OBJET, &objet, "[](legal:loi", 4);
    assert!(
        h.contains("article 3") && h.contains("relative à la lutte"),
        "{h}"
    );
    assert!(h.contains("Articles: 1, 3"), "{h}");
    let h = hover(&mut c, OBJET, &objet, "[@oim2019", 3);
    assert!(h.contains("Glossaire de la migration"), "{h}");
    let h = hover(&mut c, PROCEDURES, &procedures, "actor: police", 9);
    assert!(h.contains("BMPE") && h.contains("protection de l"), "{h}");
    let h = hover(&mut c, OBJET, &objet, "victime de la traite", 3);
    assert!(h.contains("Personne soumise à la traite"), "{h}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn completion_offers_ids_with_their_titles() {
    let mut c = Client::start();
    let objet = c.text(OBJET);
    let labels = |c: &mut Client, file: &str, text: &str, needle: &str| {
        let typed = text.replace("TAIL", needle);
        c.change(file, 2, &typed);
        let r = c.at(
            "textDocument/completion",
            file,
            &typed,
            needle,
            needle.chars().count(),
        );
        r["result"]
            .as_array()
            .unwrap_or_else(|| panic!("items after `{needle}`: {r}"))
            .iter()
            .map(|i| {
                (
                    i["label"].as_str().unwrap().to_string(),
                    i["detail"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    c.open(OBJET, &objet);
    let base = format!("{objet}\nTAIL\n");
    let got = labels(&mut c, OBJET, &base, "Voir [](#");
    assert!(
        got.iter()
            .any(|(l, d)| l == "portee" && d.contains("Portée")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(l, _)| l == "identification.age"),
        "{got:?}"
    );
    assert!(got.iter().any(|(l, _)| l == "^age"), "{got:?}");
    let got = labels(&mut c, OBJET, &base, "Voir [](sop-02#");
    assert!(got.iter().any(|(l, _)| l == "donnees"), "{got:?}");
    let got = labels(&mut c, OBJET, &base, "Voir [](legal:");
    assert!(got.iter().any(|(l, _)| l == "loi-2012-023"), "{got:?}");
    let got = labels(&mut c, OBJET, &base, "Voir [@");
    assert!(
        got.iter()
            .any(|(l, d)| l == "oim2019" && d.contains("Glossaire")),
        "{got:?}"
    );
    let got = labels(&mut c, OBJET, &base, "<!-- sopdoc-disable-next-line xref/");
    assert!(
        got.iter().any(|(l, _)| l == "xref/unknown-target"),
        "{got:?}"
    );

    let procedures = c.text(PROCEDURES);
    c.open(PROCEDURES, &procedures);
    let base = procedures.replace("    actor: police", "    TAIL");
    let got = labels(&mut c, PROCEDURES, &base, "actor: po");
    assert!(
        got.iter()
            .any(|(l, d)| l == "police" && d.contains("Brigade")),
        "{got:?}"
    );
    let base = procedures.replace("    next: cloture", "    TAIL");
    let got = labels(&mut c, PROCEDURES, &base, "next: cl");
    let steps: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(steps, ["reperage", "age", "enfant", "cloture"], "{got:?}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn bad_messages_and_unknown_methods_never_take_the_server_down() {
    let mut c = Client::start();
    // Not JSON: answered with a parse error whose id is null.
    c.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\"");
    let m = c.until(|m| m.get("error").is_some());
    assert_eq!(m["error"]["code"], -32700, "{m}");
    assert_eq!(m["id"], Value::Null);
    // JSON, but not a message.
    c.send_raw("[1, 2, 3]");
    // An unknown request: method not found. An unknown notification: ignored.
    let r = c.request("sopdoc/nothing", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("sopdoc/nothing", json!({"x": 1}));
    // Wrong parameters: invalid params, for requests and notifications alike.
    let r = c.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    c.notify("textDocument/didOpen", json!({"textDocument": "nope"}));
    // A file outside the project and a position past the end are no errors.
    let outside = TempProject::empty();
    let stray = outside.root().join("notes.md");
    std::fs::write(&stray, "# Notes\n").unwrap();
    let uri = format!("file://{}", stray.display());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "# Notes\n"}}),
    );
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(r["result"], Value::Null, "{r}");
    let objet = c.uri(OBJET);
    let r = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": objet}, "position": {"line": 9999, "character": 9999}}),
    );
    assert_eq!(r["result"], Value::Null, "{r}");
    // A 4 MiB paste is analyzed like any text.
    let big = format!(
        "# Objet {{#objet}}\n\n{}\n",
        "Texte collé. ".repeat(330_000)
    );
    assert!(big.len() > 4 * 1024 * 1024);
    c.open(OBJET, &big);
    let text = c.text(OBJET);
    c.change(OBJET, 2, &text);
    // Still serving.
    let r = c.at("textDocument/definition", OBJET, &text, "[](#portee)", 5);
    assert_eq!(r["result"]["uri"], c.uri(OBJET), "{r}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1_and_requests_before_initialize_are_refused() {
    let mut child = sopdoc()
        .arg("lsp")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}})
        .to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    let r = read_frame(&mut stdout).unwrap();
    assert_eq!(r["error"]["code"], -32002, "{r}");
    let body = json!({"jsonrpc": "2.0", "method": "exit"}).to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

/// Applies a workspace edit's single-line edits to the texts of the files it names.
fn apply(c: &Client, edit: &Value, files: &[&str]) -> Vec<String> {
    files
        .iter()
        .map(|rel| apply_edits(c.text(rel), &edit["changes"][c.uri(rel)]))
        .collect()
}

/// Applies a list of text edits (single-line ranges) to `text`.
fn apply_edits(mut text: String, edits: &Value) -> String {
    let mut edits: Vec<&Value> = edits
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    edits.sort_by_key(|e| {
        let s = &e["range"]["start"];
        (
            s["line"].as_u64().unwrap(),
            s["character"].as_u64().unwrap(),
        )
    });
    for e in edits.into_iter().rev() {
        let offset = |p: &Value| {
            let line = p["line"].as_u64().unwrap() as usize;
            let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
            let mut units = 0;
            let col = text[start..]
                .char_indices()
                .find(|(_, ch)| {
                    let done = units >= p["character"].as_u64().unwrap() as usize;
                    units += ch.len_utf16();
                    done
                })
                .map_or(text.len() - start, |(i, _)| i);
            start + col
        };
        let (s, e2) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        text.replace_range(s..e2, e["newText"].as_str().unwrap());
    }
    text
}

#[test]
fn references_and_rename_reach_every_document() {
    let mut c = Client::start();
    let objet = c.text(OBJET);
    let procedures = c.text(PROCEDURES);
    let donnees = c.text(DONNEES);
    let purpose = c.text(PURPOSE);
    let procedures_en = c.text(PROCEDURES_EN);
    let position = position_of(&objet, "[](#portee)", 5);
    let r = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": c.uri(OBJET)}, "position": position, "context": {"includeDeclaration": true}}),
    );
    let mut found: Vec<(String, Value)> = r["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|l| {
            (
                l["uri"].as_str().unwrap().to_string(),
                l["range"]["start"].clone(),
            )
        })
        .collect();
    found.sort_by_key(|(u, p)| (u.clone(), p.to_string()));
    let mut expected = vec![
        (c.uri(OBJET), position_of(&objet, "## Portée", 0)),
        (c.uri(OBJET), position_of(&objet, "[](#portee)", 0)),
        (
            c.uri(DONNEES),
            position_of(&donnees, "[](sop-01#portee)", 0),
        ),
        (c.uri(PURPOSE), position_of(&purpose, "## Scope", 0)),
        (c.uri(PURPOSE), position_of(&purpose, "[](#portee)", 0)),
    ];
    expected.sort_by_key(|(u, p)| (u.clone(), p.to_string()));
    assert_eq!(found, expected);
    // An actor: its entry in actors.yaml and every step that names it, in both languages.
    let r = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": c.uri(PROCEDURES)}, "position": position_of(&procedures, "actor: das", 8), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(r["result"].as_array().map(Vec::len), Some(7), "{r}");

    // Rename a heading id: its `{#id}` in both languages and every reference.
    let r = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": c.uri(OBJET)}, "position": position, "newName": "champ"}),
    );
    let got = apply(&c, &r["result"], &[OBJET, DONNEES, PURPOSE]);
    assert_eq!(got[0], objet.replace("#portee", "#champ"), "{r}");
    assert_eq!(got[1], donnees.replace("#portee", "#champ"), "{r}");
    assert_eq!(got[2], purpose.replace("#portee", "#champ"), "{r}");
    // Rename a step from a `next:`: the step, every branch and `next:` naming it.
    let r = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": c.uri(PROCEDURES)}, "position": position_of(&procedures, "next: cloture", 7), "newName": "fin"}),
    );
    let got = apply(&c, &r["result"], &[PROCEDURES, PROCEDURES_EN]);
    for (got, before) in got.iter().zip([&procedures, &procedures_en]) {
        let want = before
            .replace("id: cloture", "id: fin")
            .replace(": cloture}", ": fin}")
            .replace("next: cloture", "next: fin");
        assert_eq!(got, &want, "{r}");
    }
    // A step referred to by a link: the link's anchor follows.
    let r = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": c.uri(PROCEDURES)}, "position": position_of(&procedures, "- id: age", 7), "newName": "mineur"}),
    );
    let got = apply(
        &c,
        &r["result"],
        &[OBJET, PROCEDURES, PURPOSE, PROCEDURES_EN],
    );
    assert_eq!(
        got[0],
        objet.replace("#identification.age", "#identification.mineur"),
        "{r}"
    );
    assert_eq!(
        got[1],
        procedures.replace("- id: age", "- id: mineur"),
        "{r}"
    );
    assert_eq!(
        got[2],
        purpose.replace("#identification.age", "#identification.mineur"),
        "{r}"
    );
    assert_eq!(
        got[3],
        procedures_en.replace("- id: age", "- id: mineur"),
        "{r}"
    );
    // Refused: an id already taken, an invalid id.
    for (name, words) in [("objet", "already an id"), ("Mauvais Id", "not a valid id")] {
        let r = c.request(
            "textDocument/rename",
            json!({"textDocument": {"uri": c.uri(OBJET)}, "position": position, "newName": name}),
        );
        assert_eq!(r["error"]["code"], -32803, "{r}");
        assert!(
            r["error"]["message"].as_str().unwrap().contains(words),
            "{r}"
        );
    }
    // Nothing was written: the edits are the editor's to apply.
    assert_eq!(c.text(OBJET), objet);
    assert_eq!(c.stop(), 0);
}

/// The code actions offered at `needle` in the buffer `text` of `rel`, with the
/// diagnostics the server published for that range as the context.
fn actions_at(
    c: &mut Client,
    rel: &str,
    text: &str,
    needle: &str,
    published: &[Value],
) -> Vec<Value> {
    let position = position_of(text, needle, 1);
    let context: Vec<&Value> = published
        .iter()
        .filter(|d| d["range"]["start"]["line"] == position["line"])
        .collect();
    let uri = c.uri(rel);
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": position, "end": position}, "context": {"diagnostics": context}}),
    );
    r["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .clone()
}

fn titled<'a>(actions: &'a [Value], words: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap_or_default().contains(words))
        .unwrap_or_else(|| panic!("an action titled with `{words}` in {actions:#?}"))
}

const MISTAKES: &str = "\nUne procédrue est remise au juge Kidalworo. Que faire ? Rien.\n";

#[test]
fn code_actions_apply_the_fixes_check_knows_and_add_words_to_the_word_list() {
    let mut c = Client::start();
    let text = c.text(OBJET) + MISTAKES;
    c.open(OBJET, &text);
    let published = c.diagnostics_until(OBJET, |l| {
        codes(l).iter().filter(|c| *c == "spelling/fr").count() == 2
    });

    // The misspelt word: its fix is the preferred action, linked to its diagnostic.
    let actions = actions_at(&mut c, OBJET, &text, "procédrue", &published);
    let fix = titled(&actions, "`procédrue` with `procédure`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true, "{fix}");
    assert_eq!(fix["diagnostics"][0]["code"], "spelling/fr", "{fix}");
    let fixed = apply_edits(text.clone(), &fix["edit"]["changes"][c.uri(OBJET)]);
    assert_eq!(fixed, text.replace("procédrue", "procédure"));

    // The narrow no-break space before `?`, named rather than shown as a blank.
    let actions = actions_at(&mut c, OBJET, &text, " ?", &published);
    let space = titled(&actions, "narrow no-break space before `?`");
    let spaced = apply_edits(text.clone(), &space["edit"]["changes"][c.uri(OBJET)]);
    assert_eq!(spaced, text.replace("faire ? Rien", "faire\u{202f}? Rien"));

    // Every fix of the file at once, as `check --fix` would apply them.
    let uri = c.uri(OBJET);
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = r["result"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{r}");
    assert_eq!(all[0]["kind"], "source.fixAll");
    let both = apply_edits(text.clone(), &all[0]["edit"]["changes"][c.uri(OBJET)]);
    assert_eq!(
        both,
        text.replace("procédrue", "procédure")
            .replace("faire ? Rien", "faire\u{202f}? Rien")
    );

    // A name that is right: the list does not exist and this client cannot create files
    // through an edit, so the server writes it, and the finding goes.
    let actions = actions_at(&mut c, OBJET, &text, "Kidalworo", &published);
    let add = titled(&actions, "Add `Kidalworo` to styles/words.fr.txt");
    assert!(add["edit"].is_null(), "{add}");
    let command = add["command"].clone();
    assert_eq!(command["command"], "sopdoc.addToWordList");
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert!(r["error"].is_null(), "{r}");
    assert_eq!(c.text("styles/words.fr.txt"), "Kidalworo\n");
    let list = c.diagnostics_until(OBJET, |l| {
        codes(l).iter().filter(|c| *c == "spelling/fr").count() == 1
    });
    assert!(
        !list
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("Kidalworo")),
        "{list:?}"
    );

    // With the list there, the next word is an edit of it, in alphabetical place.
    let text2 = text.replace("Rien.", "Rien à Bourem.");
    c.change(OBJET, 2, &text2);
    let published = c.diagnostics_until(OBJET, |l| {
        l.iter()
            .any(|d| d["message"].as_str().unwrap().contains("Bourem"))
    });
    let actions = actions_at(&mut c, OBJET, &text2, "Bourem", &published);
    let add = titled(&actions, "Add `Bourem`");
    let edits = &add["edit"]["changes"][c.uri("styles/words.fr.txt")];
    assert_eq!(
        apply_edits(c.text("styles/words.fr.txt"), edits),
        "Bourem\nKidalworo\n",
        "{add}"
    );
    // A command that names something other than a word list is refused.
    let r = c.request(
        "workspace/executeCommand",
        json!({"command": "sopdoc.addToWordList", "arguments": [c.path("sopdoc.yaml"), "x"]}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn a_client_that_creates_files_gets_the_new_word_list_as_an_edit_and_speaks_its_language() {
    // No SOPDOC_LANG: the editor's `locale` (French) chooses the language.
    let caps = json!({"workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}}});
    let mut c = Client::start_with(None, caps);
    let text = c.text(OBJET) + MISTAKES;
    c.open(OBJET, &text);
    let published = c.diagnostics_until(OBJET, |l| {
        codes(l).iter().filter(|c| *c == "spelling/fr").count() == 2
    });
    let d = published
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("Kidalworo"))
        .unwrap();
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("n’est pas dans le dictionnaire français"),
        "{message}"
    );
    assert!(message.contains("conseil"), "{message}");
    let actions = actions_at(&mut c, OBJET, &text, "Kidalworo", &published);
    let add = titled(&actions, "Ajouter `Kidalworo` à styles/words.fr.txt");
    let ops = add["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create", "{add}");
    assert_eq!(ops[0]["uri"], c.uri("styles/words.fr.txt"));
    assert_eq!(ops[1]["edits"][0]["newText"], "Kidalworo\n");
    let actions = actions_at(&mut c, OBJET, &text, " ?", &published);
    titled(&actions, "espace fine insécable");
    // Completion and hover speak it too.
    let typed = format!("{text}\nVoir [](#\n");
    c.change(OBJET, 2, &typed);
    let r = c.at("textDocument/completion", OBJET, &typed, "Voir [](#", 9);
    let details: Vec<&str> = r["result"]
        .as_array()
        .unwrap_or_else(|| panic!("completion items: {r}"))
        .iter()
        .filter_map(|i| i["detail"].as_str())
        .collect();
    assert!(
        details.iter().any(|d| d.starts_with("chapitre 1 — ")),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.starts_with("étape 2 de la procédure ")),
        "{details:?}"
    );
    assert!(
        !details
            .iter()
            .any(|d| d.starts_with("chapter") || d.starts_with("step")),
        "{details:?}"
    );
    let r = c.at("textDocument/hover", OBJET, &typed, "[](legal:loi", 4);
    let h = r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(h.contains("Articles\u{a0}: 1, 3"), "{h}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn the_outline_and_the_workspace_search_show_what_the_pdf_numbers() {
    let mut c = Client::start();
    let objet = c.text(OBJET);
    let text = objet.clone()
        + "\n## Signalement {#signalement}\n\nTable: Délais {#tbl-delais}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    c.open(OBJET, &text);
    let uri = c.uri(OBJET);
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let top = r["result"].as_array().unwrap_or_else(|| panic!("{r}"));
    assert_eq!(top.len(), 1, "{r}");
    assert_eq!(top[0]["name"], "1 Objet", "{r}");
    assert_eq!(top[0]["detail"], "#objet");
    let children: Vec<&str> = top[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["1.1 Portée", "1.2 Signalement"], "{r}");
    let table = &top[0]["children"][1]["children"][0];
    assert_eq!(table["name"], "Tableau 1 — Délais", "{r}");
    assert_eq!(table["detail"], "#tbl-delais");
    // The section's range holds its table and runs to the end of the file.
    assert_eq!(
        top[0]["children"][1]["range"]["end"]["line"],
        text.lines().count(),
        "{r}"
    );

    // The procedures chapter: the procedure, its steps beneath it, numbered.
    let uri = c.uri(PROCEDURES);
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let procedure = &r["result"][0]["children"][0];
    assert_eq!(procedure["detail"], "#identification", "{r}");
    assert_eq!(
        procedure["name"], "2.1 Identification et orientation initiale",
        "{r}"
    );
    // Its diagram, then its steps, beneath it.
    assert_eq!(procedure["children"][0]["name"], "Figure 1", "{r}");
    let steps: Vec<&str> = procedure["children"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .skip(1)
        .map(|s| s["detail"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "#identification.reperage",
            "#identification.age",
            "#identification.enfant",
            "#identification.cloture"
        ]
    );

    // The workspace search finds titles in every language, accents ignored.
    let r = c.request("workspace/symbol", json!({"query": "portee"}));
    let mut found: Vec<(String, String)> = r["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["containerName"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("1.1 Portée".to_string(), "sop-01 (fr)".to_string()),
            ("1.1 Scope".to_string(), "sop-01 (en)".to_string()),
        ]
    );
    assert_eq!(c.stop(), 0);
}

#[test]
fn prepare_rename_offers_the_id_and_rename_keeps_the_translation_state() {
    let mut c = Client::start();
    let objet = c.text(OBJET);
    let procedures = c.text(PROCEDURES);
    let state = "version: 1\nsource_language: \"fr\"\nchapters:\n  \"01-objet.md\":\n    \"objet.h\": [\"1\", \"2\"]\n    \"portee.1\": [\"3\", \"4\"]\n    \"portee.h\": [\"5\", \"6\"]\n";
    std::fs::write(c.path("sop-sources/sop-01/en/translation.yaml"), state).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": c.uri("sop-sources/sop-01/en/translation.yaml"), "type": 1}]}),
    );
    let uri = c.uri(OBJET);
    let r = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": position_of(&objet, "[](#portee)", 6)}),
    );
    assert_eq!(r["result"]["placeholder"], "portee", "{r}");
    assert_eq!(
        r["result"]["range"]["start"],
        position_of(&objet, "portee)", 0),
        "{r}"
    );
    // A step from a link: the step's own id is offered.
    let r = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": position_of(&objet, "identification.age", 3)}),
    );
    assert_eq!(r["result"]["placeholder"], "age", "{r}");
    // Not an id: refused with a reason.
    let r = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri}, "position": position_of(&objet, "Toute victime", 2)}),
    );
    assert_eq!(r["error"]["code"], -32803, "{r}");
    let puri = c.uri(PROCEDURES);
    let r = c.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": puri}, "position": position_of(&procedures, "actor: police", 8)}),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only the ids"),
        "{r}"
    );

    let r = c.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": position_of(&objet, "[](#portee)", 6), "newName": "champ"}),
    );
    let got = apply(
        &c,
        &r["result"],
        &["sop-sources/sop-01/en/translation.yaml"],
    );
    assert_eq!(got[0], state.replace("\"portee.", "\"champ."), "{r}");
    // The translators are told that XLIFF files already out carry the old ids.
    let warning = c.until(|m| m["method"] == "window/showMessage");
    assert!(
        warning["params"]["message"]
            .as_str()
            .unwrap()
            .contains("XLIFF"),
        "{warning}"
    );
    assert_eq!(c.stop(), 0);
}
