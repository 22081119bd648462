//! `sopdoc lsp`: a Language Server over stdio, on the same loader and stages as `check`.
//!
//! The editor's open buffers lie over the disk through an [`Overlay`], so what the author
//! sees is what is analyzed, saved or not. Analysis runs on a worker thread
//! ([`analysis`]), debounced and superseded by newer text; the message loop stays free to
//! answer. Every file of the project gets its diagnostics ([`diagnostics`]), and a file
//! whose problems went away gets an empty list. Go to definition ([`navigate`]), hover
//! ([`hover`]) and completion ([`complete`]) read the resolved model; a request that
//! arrives while newer text is being analyzed waits for that analysis, so its answer
//! matches the text the author sees. Code actions ([`actions`]) offer every fix `check
//! --fix` knows, the other spelling suggestions, and "add to the word list".
//!
//! Messages and menu entries speak the interface language: `--ui-lang` or `SOPDOC_LANG`
//! when set, else the editor's own language (`locale` in `initialize`), else the system's.
//!
//! The protocol types are `lsp-types`; the message types `lsp-server` (both as
//! rust-analyzer uses them: small, synchronous, no async runtime). The wire is read by
//! [`transport`], which survives malformed messages. A failing request is answered with
//! an error and logged; it never takes the server down.

pub mod actions;
pub mod analysis;
pub mod complete;
pub mod convert;
pub mod diagnostics;
pub mod hover;
pub mod navigate;
pub mod references;
pub mod symbols;
pub mod transport;

use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crossbeam_channel::{Receiver, Sender, select, unbounded};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;

use self::analysis::{Job, Snapshot};
use self::convert::Encoding;
use self::transport::Incoming;
use crate::source::{SourceId, Span};
use crate::world::{DiskWorld, Overlay, World};

/// Why the server stopped other than by `exit`.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    /// Writing to the client failed (it went away).
    #[error("cannot write to the editor: {0}")]
    Write(#[from] io::Error),
}

/// The command that adds a word to a word list when the editor cannot create files
/// through an edit: arguments `[path, word]`.
pub const ADD_WORD_COMMAND: &str = "sopdoc.addToWordList";

/// Serves one client on `input` and `output` until `exit` or the end of the input.
/// `follow_client` lets the editor's language (`locale` in `initialize`) choose the
/// interface language; the command line passes `false` when the user chose one.
/// Returns whether `shutdown` came before (the exit code the protocol asks for).
///
/// # Errors
/// [`LspError::Write`] when the output is closed.
pub fn serve(
    input: Box<dyn BufRead + Send>,
    output: &mut dyn Write,
    follow_client: bool,
) -> Result<bool, LspError> {
    let (incoming_tx, incoming) = unbounded();
    std::thread::Builder::new()
        .name("sopdoc-lsp-reader".into())
        .spawn(move || read_loop(input, &incoming_tx))
        .expect("a thread can be spawned");
    let (results_tx, results) = unbounded();
    let mut server = Server {
        out: output,
        enc: Encoding::Utf16,
        root: None,
        overlay: Overlay::new(DiskWorld::shared()),
        buffers: HashMap::new(),
        generation: 0,
        dirty: BTreeSet::new(),
        jobs: None,
        results_tx,
        snapshot: None,
        analyzed: 0,
        published: diagnostics::ByFile::new(),
        converter: diagnostics::Converter::default(),
        deferred: Vec::new(),
        initialized: false,
        shutdown: false,
        follow_client,
        create_files: false,
    };
    server.run(&incoming, &results)
}

fn read_loop(mut input: Box<dyn BufRead + Send>, tx: &Sender<Incoming>) {
    while let Ok(Some(incoming)) = transport::read(&mut *input) {
        let exit = matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == note::Exit::METHOD);
        if tx.send(incoming).is_err() || exit {
            return;
        }
    }
}

struct Server<'a> {
    out: &'a mut dyn Write,
    enc: Encoding,
    /// The project root; `None` before `initialize` or when no `sopdoc.yaml` was found.
    root: Option<PathBuf>,
    overlay: Overlay,
    /// The open buffers' texts (the overlay holds the same).
    buffers: HashMap<PathBuf, String>,
    /// Increases with every change sent for analysis.
    generation: u64,
    /// Files changed since the last job.
    dirty: BTreeSet<PathBuf>,
    jobs: Option<Sender<Job>>,
    results_tx: Sender<Snapshot>,
    /// The last successful analysis.
    snapshot: Option<Snapshot>,
    /// The generation of the last analysis received (successful or not).
    analyzed: u64,
    published: diagnostics::ByFile,
    /// Converts diagnostics for the editor, reusing unchanged files' lists.
    converter: diagnostics::Converter,
    /// Requests waiting for the analysis of the newest text.
    deferred: Vec<Request>,
    initialized: bool,
    shutdown: bool,
    /// Whether the client's `locale` chooses the interface language.
    follow_client: bool,
    /// Whether the client applies edits that create files (`documentChanges` with
    /// `create`); else a missing word list is written by [`ADD_WORD_COMMAND`].
    create_files: bool,
}

impl Server<'_> {
    fn run(
        &mut self,
        incoming: &Receiver<Incoming>,
        results: &Receiver<Snapshot>,
    ) -> Result<bool, LspError> {
        loop {
            select! {
                recv(incoming) -> msg => match msg {
                    Ok(Incoming::Message(Message::Notification(n))) if n.method == note::Exit::METHOD => {
                        return Ok(self.shutdown);
                    }
                    Ok(Incoming::Message(m)) => self.message(m)?,
                    Ok(Incoming::Malformed(why)) => {
                        self.log(MessageType::ERROR, &format!("malformed message: {why}"))?;
                        let body = serde_json::json!({
                            "jsonrpc": "2.0",
                            "id": null,
                            "error": {"code": ErrorCode::ParseError as i32, "message": why},
                        });
                        transport::write_raw(self.out, &body.to_string())?;
                    }
                    // The client closed the input without `exit`.
                    Err(_) => return Ok(false),
                },
                recv(results) -> snapshot => {
                    if let Ok(s) = snapshot {
                        self.analyzed_(s)?;
                    }
                }
            }
        }
    }

    fn send(&mut self, m: impl Into<Message>) -> Result<(), LspError> {
        transport::write(self.out, &m.into())?;
        Ok(())
    }

    fn notify<N: note::Notification>(&mut self, params: N::Params) -> Result<(), LspError> {
        self.send(Notification::new(N::METHOD.to_string(), params))
    }

    fn log(&mut self, typ: MessageType, message: &str) -> Result<(), LspError> {
        self.notify::<note::LogMessage>(LogMessageParams {
            typ,
            message: message.to_string(),
        })
    }

    fn message(&mut self, m: Message) -> Result<(), LspError> {
        match m {
            Message::Request(r) => self.request(r),
            Message::Notification(n) => self.notification(n),
            // The server sends no requests, so a response answers nothing.
            Message::Response(_) => Ok(()),
        }
    }

    fn request(&mut self, r: Request) -> Result<(), LspError> {
        let id = r.id.clone();
        if r.method == req::Initialize::METHOD {
            if self.initialized {
                return self.error(id, ErrorCode::InvalidRequest, "already initialized");
            }
            return match serde_json::from_value::<InitializeParams>(r.params) {
                Ok(p) => self.initialize(id, p),
                Err(e) => self.error(id, ErrorCode::InvalidParams, &e.to_string()),
            };
        }
        if !self.initialized {
            return self.error(id, ErrorCode::ServerNotInitialized, "initialize first");
        }
        if self.shutdown {
            return self.error(id, ErrorCode::InvalidRequest, "the server is shutting down");
        }
        match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                self.deferred.clear();
                self.jobs = None;
                self.send(Response::new_ok(id, ()))
            }
            req::GotoDefinition::METHOD
            | req::HoverRequest::METHOD
            | req::Completion::METHOD
            | req::References::METHOD
            | req::CodeActionRequest::METHOD
            | req::DocumentSymbolRequest::METHOD
            | req::WorkspaceSymbolRequest::METHOD
            | req::PrepareRenameRequest::METHOD
            | req::Rename::METHOD => {
                if self.root.is_some() && self.analyzed < self.generation {
                    self.deferred.push(r);
                    Ok(())
                } else {
                    self.answer(r)
                }
            }
            req::ExecuteCommand::METHOD => {
                match serde_json::from_value::<ExecuteCommandParams>(r.params) {
                    Ok(p) => self.execute(id, p),
                    Err(e) => self.error(id, ErrorCode::InvalidParams, &e.to_string()),
                }
            }
            _ => self.error(
                id,
                ErrorCode::MethodNotFound,
                &format!("sopdoc does not handle `{}`", r.method),
            ),
        }
    }

    /// Runs [`ADD_WORD_COMMAND`]: writes the word into the list (atomically) and analyzes
    /// the project again.
    fn execute(&mut self, id: RequestId, p: ExecuteCommandParams) -> Result<(), LspError> {
        let args: Option<(String, String)> = match p.arguments.as_slice() {
            [path, word] => path
                .as_str()
                .zip(word.as_str())
                .map(|(a, b)| (a.to_string(), b.to_string())),
            _ => None,
        };
        let (Some((path, word)), Some(root)) = (args, self.root.clone()) else {
            return self.error(
                id,
                ErrorCode::InvalidParams,
                &format!("`{}` expects [path, word]", p.command),
            );
        };
        if p.command != ADD_WORD_COMMAND {
            return self.error(
                id,
                ErrorCode::InvalidParams,
                &format!("unknown command `{}`", p.command),
            );
        }
        let path = PathBuf::from(path);
        // Only a word list of this project, and one word.
        let list = path.strip_prefix(&root).ok().and_then(|rel| {
            let rel = rel.to_str()?;
            let name = rel.strip_prefix("styles/")?;
            // A name directly in `styles/` (`words.a/b.txt` would be a folder's file).
            (!name.contains('/') && crate::model::is_word_list_name(name)).then(|| rel.to_string())
        });
        let Some(rel) = list.filter(|_| !word.is_empty() && !word.contains(char::is_whitespace))
        else {
            return self.error(
                id,
                ErrorCode::InvalidParams,
                "only a project word list (styles/words*.txt) takes one word",
            );
        };
        let current = (&self.overlay as &dyn World)
            .read_to_string(&path)
            .unwrap_or_default();
        if let Some((at, text)) = actions::word_list_insertion(&current, &word) {
            let mut next = current;
            next.insert_str(at, &text);
            if let Err(e) = crate::output::write_atomic_in(&root, &path, next.as_bytes()) {
                return self.error(id, ErrorCode::RequestFailed, &e.to_string());
            }
        }
        self.send(Response::new_ok(id, ()))?;
        self.notify::<note::ShowMessage>(ShowMessageParams {
            typ: MessageType::INFO,
            message: crate::msg!("lsp-word-added", word = &word, file = &rel).ui(),
        })?;
        self.dirty.insert(path);
        self.schedule(true);
        Ok(())
    }

    fn error(&mut self, id: RequestId, code: ErrorCode, message: &str) -> Result<(), LspError> {
        self.send(Response::new_err(id, code as i32, message.to_string()))
    }

    fn initialize(&mut self, id: RequestId, p: InitializeParams) -> Result<(), LspError> {
        if self.follow_client
            && let Some(locale) = p.locale.as_deref().filter(|l| !l.trim().is_empty())
        {
            crate::i18n::set_ui_lang(crate::i18n::language_of_locale(locale));
        }
        let edits = p
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref());
        self.create_files = edits.is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations
                    .as_ref()
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
        });
        self.enc = Encoding::negotiate(
            p.capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        #[allow(deprecated)] // `rootUri` is what many clients still send.
        let start = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(p.root_uri)
            .and_then(|u| convert::path_of(&u))
            .or_else(|| p.root_path.map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok());
        self.root = start.and_then(|s| crate::project::find_root(&s).ok());
        let trigger = ["#", "@", ":", "(", " ", "[", ",", "{", "/"];
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.enc.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            definition_provider: Some(OneOf::Left(true)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            references_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![ADD_WORD_COMMAND.to_string()],
                ..Default::default()
            }),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(trigger.iter().map(|t| t.to_string()).collect()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "sopdoc".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        self.send(Response::new_ok(id, result))?;
        self.initialized = true;
        match self.root.clone() {
            Some(root) => {
                let (tx, rx) = unbounded();
                analysis::spawn(root.clone(), rx, self.results_tx.clone());
                self.jobs = Some(tx);
                self.log(
                    MessageType::INFO,
                    &format!("sopdoc project at {}", root.display()),
                )?;
                self.schedule(true);
            }
            None => {
                self.notify::<note::ShowMessage>(ShowMessageParams {
                    typ: MessageType::WARNING,
                    message: crate::msg!("lsp-no-project").ui(),
                })?;
            }
        }
        Ok(())
    }

    /// Sends the current buffers for analysis.
    fn schedule(&mut self, full: bool) {
        let Some(jobs) = &self.jobs else { return };
        self.generation += 1;
        let job = Job {
            generation: self.generation,
            world: self.overlay.clone(),
            changed: std::mem::take(&mut self.dirty),
            full,
        };
        if jobs.send(job).is_err() {
            self.jobs = None;
        }
    }

    fn notification(&mut self, n: Notification) -> Result<(), LspError> {
        if !self.initialized || self.shutdown {
            return Ok(());
        }
        let method = n.method.clone();
        let outcome = match method.as_str() {
            note::DidOpenTextDocument::METHOD => n
                .extract::<DidOpenTextDocumentParams>(&method)
                .map(|p| self.set_buffer(&p.text_document.uri, Some(p.text_document.text))),
            note::DidChangeTextDocument::METHOD => n
                .extract::<DidChangeTextDocumentParams>(&method)
                .map(|p| self.change(p)),
            note::DidCloseTextDocument::METHOD => n
                .extract::<DidCloseTextDocumentParams>(&method)
                .map(|p| self.set_buffer(&p.text_document.uri, None)),
            note::DidSaveTextDocument::METHOD => {
                n.extract::<DidSaveTextDocumentParams>(&method).map(|p| {
                    if let Some(text) = p.text {
                        self.set_buffer(&p.text_document.uri, Some(text));
                    }
                })
            }
            note::DidChangeWatchedFiles::METHOD => {
                self.schedule(true);
                Ok(())
            }
            note::Cancel::METHOD => n.extract::<CancelParams>(&method).map(|p| {
                let id: RequestId = match p.id {
                    NumberOrString::Number(i) => i.into(),
                    NumberOrString::String(s) => s.into(),
                };
                if let Some(i) = self.deferred.iter().position(|r| r.id == id) {
                    self.deferred.remove(i);
                    let _ = self.error(id, ErrorCode::RequestCanceled, "cancelled");
                }
            }),
            _ => Ok(()),
        };
        if let Err(e) = outcome {
            self.log(MessageType::ERROR, &format!("`{method}` ignored: {e}"))?;
        }
        Ok(())
    }

    /// Opens, replaces or (with `None`) closes the buffer of `uri`, and analyzes again.
    fn set_buffer(&mut self, uri: &Url, text: Option<String>) {
        let Some(path) = self.local_path(uri) else {
            return;
        };
        match text {
            Some(text) => {
                self.overlay.set(&path, text.clone());
                self.buffers.insert(path.clone(), text);
            }
            None => {
                self.overlay.close(&path);
                self.buffers.remove(&path);
            }
        }
        self.dirty.insert(path);
        self.schedule(false);
    }

    fn change(&mut self, p: DidChangeTextDocumentParams) {
        let Some(path) = self.local_path(&p.text_document.uri) else {
            return;
        };
        // A change to a buffer the client never opened starts from the file's text.
        let mut text = match self.buffers.get(&path) {
            Some(t) => t.clone(),
            None => (&self.overlay as &dyn World)
                .read_to_string(&path)
                .unwrap_or_default(),
        };
        for change in p.content_changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    let file = crate::source::SourceFile::new("", None, text);
                    let start = convert::offset(&file, range.start, self.enc);
                    let end = convert::offset(&file, range.end, self.enc).max(start);
                    let mut t = file.text;
                    t.replace_range(start..end, &change.text);
                    text = t;
                }
            }
        }
        self.set_buffer(&p.text_document.uri, Some(text));
    }

    /// The path of a `file:` URI inside the project (the project's spelling of it when the
    /// client names it through a link); `None` for other URIs and files outside.
    fn local_path(&self, uri: &Url) -> Option<PathBuf> {
        let root = self.root.as_ref()?;
        let path = convert::path_of(uri)?;
        if path.starts_with(root) {
            return Some(path);
        }
        // A folder on the way may be a link (`/tmp` → `/private/tmp`): ask the disk.
        let disk: &dyn World = &DiskWorld;
        let (dir, name) = (path.parent()?, path.file_name()?);
        let real = disk.canonicalize(dir).ok()?.join(name);
        real.starts_with(root).then_some(real)
    }

    fn analyzed_(&mut self, s: Snapshot) -> Result<(), LspError> {
        self.analyzed = self.analyzed.max(s.generation);
        match &s.analysis {
            Ok(a) => {
                let root = self.root.clone().unwrap_or_default();
                let world: &dyn World = &self.overlay;
                let started = std::time::Instant::now();
                let next =
                    self.converter
                        .convert(&a.diagnostics, &a.sources, &root, world, self.enc);
                let changes = diagnostics::changes(&self.published, &next);
                let converted = started.elapsed();
                let mut message = format!(
                    "analysis {}: {} ms ({}), {} diagnostics, {} files republished",
                    s.generation,
                    s.took.as_millis(),
                    if s.incremental {
                        "chapters re-parsed"
                    } else {
                        "project loaded"
                    },
                    a.diagnostics.len(),
                    changes.len()
                );
                for (stage, took) in &s.stages {
                    message.push_str(&format!("; {stage} {} ms", took.as_millis()));
                }
                if !s.stages.is_empty() {
                    message.push_str(&format!(
                        "; conversion for the editor {} ms",
                        converted.as_millis()
                    ));
                }
                for (uri, diagnostics) in changes {
                    self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
                        uri,
                        diagnostics,
                        version: None,
                    })?;
                }
                self.published = next;
                self.log(MessageType::LOG, &message)?;
                // The analysis replaced (a whole resolved collection and its findings) is
                // freed off the message loop: the next keystroke is likely on its way.
                if let Some(old) = self.snapshot.replace(s) {
                    let _ = std::thread::Builder::new().spawn(move || drop(old));
                }
            }
            Err(e) => {
                let e = e.clone();
                self.log(
                    MessageType::ERROR,
                    &format!("analysis {}: {e}", s.generation),
                )?;
            }
        }
        if self.analyzed >= self.generation {
            for r in std::mem::take(&mut self.deferred) {
                self.answer(r)?;
            }
        }
        Ok(())
    }

    /// Answers a request that reads the model; a panic in it is an internal error.
    fn answer(&mut self, r: Request) -> Result<(), LspError> {
        let id = r.id.clone();
        let rename = r.method == req::Rename::METHOD;
        let outcome = catch_unwind(AssertUnwindSafe(|| self.compute(r)));
        match outcome {
            Ok(Ok(value)) => {
                self.send(Response {
                    id,
                    response_result: Ok(value),
                })?;
                let translated = self
                    .snapshot
                    .as_ref()
                    .and_then(|s| s.analysis.as_ref().ok())
                    .and_then(|a| a.project.as_ref())
                    .is_some_and(|p| p.documents.iter().any(|d| d.translations.len() > 1));
                if rename && translated {
                    // Units exported before the rename carry the old ids.
                    self.notify::<note::ShowMessage>(ShowMessageParams {
                        typ: MessageType::WARNING,
                        message: crate::msg!("lsp-rename-xliff").ui(),
                    })?;
                }
                Ok(())
            }
            Ok(Err((code, e))) => self.error(id, code, &e),
            Err(_) => {
                self.log(MessageType::ERROR, "a request failed (an internal error)")?;
                self.error(id, ErrorCode::InternalError, "internal error")
            }
        }
    }

    fn compute(&self, r: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let json = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        match r.method.as_str() {
            req::GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = serde_json::from_value(r.params).map_err(bad)?;
                let pos = &p.text_document_position_params;
                let found = self.at(&pos.text_document.uri, pos.position).and_then(
                    |(project, source, offset)| {
                        let (_, target) = navigate::target_at(project, source, offset)?;
                        let span = navigate::definition(project, &target)?;
                        self.location(project, span)
                    },
                );
                json(serde_json::to_value(
                    found.map(GotoDefinitionResponse::Scalar),
                ))
            }
            req::HoverRequest::METHOD => {
                let p: HoverParams = serde_json::from_value(r.params).map_err(bad)?;
                let pos = &p.text_document_position_params;
                let found = self.at(&pos.text_document.uri, pos.position).and_then(
                    |(project, source, offset)| {
                        let lang = navigate::place_of(project, source)?
                            .translation
                            .lang
                            .clone();
                        let (span, text) = match navigate::target_at(project, source, offset) {
                            Some((span, target)) => (span, hover::text(project, &target, &lang)?),
                            None => hover::term_at(project, source, offset)?,
                        };
                        let file = project.sources.get(source);
                        Some(Hover {
                            contents: HoverContents::Markup(MarkupContent {
                                kind: MarkupKind::Markdown,
                                value: text,
                            }),
                            range: Some(convert::range(file, span.start, span.end, self.enc)),
                        })
                    },
                );
                json(serde_json::to_value(found))
            }
            req::Completion::METHOD => {
                let p: CompletionParams = serde_json::from_value(r.params).map_err(bad)?;
                let pos = &p.text_document_position;
                let items = self
                    .at(&pos.text_document.uri, pos.position)
                    .map(|(project, source, offset)| {
                        complete::items(project, source, offset, self.enc)
                    })
                    .unwrap_or_default();
                json(serde_json::to_value(CompletionResponse::Array(items)))
            }
            req::References::METHOD => {
                let p: ReferenceParams = serde_json::from_value(r.params).map_err(bad)?;
                let pos = &p.text_document_position;
                let found = self.at(&pos.text_document.uri, pos.position).and_then(
                    |(project, source, offset)| {
                        let (_, target) = navigate::target_at(project, source, offset)?;
                        let key = references::key_of(&target)?;
                        let list: Vec<Location> = references::occurrences(project, &key)
                            .into_iter()
                            .filter(|o| p.context.include_declaration || !o.definition)
                            .filter_map(|o| self.location(project, o.span))
                            .collect();
                        Some(list)
                    },
                );
                json(serde_json::to_value(found))
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: DocumentSymbolParams = serde_json::from_value(r.params).map_err(bad)?;
                let pos = Position::new(0, 0);
                let found = self
                    .at(&p.text_document.uri, pos)
                    .map(|(project, source, _)| {
                        let file = project.sources.get(source);
                        symbols::outline(project, source)
                            .into_iter()
                            .map(|s| self.document_symbol(file, s))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                json(serde_json::to_value(DocumentSymbolResponse::Nested(found)))
            }
            req::WorkspaceSymbolRequest::METHOD => {
                let p: WorkspaceSymbolParams = serde_json::from_value(r.params).map_err(bad)?;
                let project = self
                    .snapshot
                    .as_ref()
                    .and_then(|s| s.analysis.as_ref().ok())
                    .and_then(|a| a.project.as_ref());
                #[allow(deprecated)] // `SymbolInformation::deprecated` must still be written.
                let found: Vec<SymbolInformation> = project
                    .map(|project| {
                        symbols::search(project, &p.query, 256)
                            .into_iter()
                            .filter_map(|f| {
                                Some(SymbolInformation {
                                    name: f.name,
                                    kind: symbol_kind(f.kind),
                                    tags: None,
                                    deprecated: None,
                                    location: self.location(project, f.span)?,
                                    container_name: Some(f.container),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                json(serde_json::to_value(WorkspaceSymbolResponse::Flat(found)))
            }
            req::PrepareRenameRequest::METHOD => {
                let p: TextDocumentPositionParams =
                    serde_json::from_value(r.params).map_err(bad)?;
                let refused = |m: String| (ErrorCode::RequestFailed, m);
                let (project, source, offset) = self
                    .at(&p.text_document.uri, p.position)
                    .ok_or_else(|| refused("nothing to rename here".into()))?;
                let key = navigate::target_at(project, source, offset)
                    .and_then(|(_, t)| references::key_of(&t))
                    .ok_or_else(|| refused("nothing to rename here".into()))?;
                let placeholder = references::prepare(project, &key).map_err(refused)?;
                let at = references::occurrences(project, &key)
                    .into_iter()
                    .find(|o| {
                        o.id.source == source && o.span.start <= offset && offset <= o.span.end
                    })
                    .ok_or_else(|| refused("nothing to rename here".into()))?;
                let file = project.sources.get(source);
                json(serde_json::to_value(
                    PrepareRenameResponse::RangeWithPlaceholder {
                        range: convert::range(file, at.id.start, at.id.end, self.enc),
                        placeholder,
                    },
                ))
            }
            req::CodeActionRequest::METHOD => {
                let p: CodeActionParams = serde_json::from_value(r.params).map_err(bad)?;
                json(serde_json::to_value(self.code_actions(&p)))
            }
            req::Rename::METHOD => {
                let p: RenameParams = serde_json::from_value(r.params).map_err(bad)?;
                let pos = &p.text_document_position;
                let refused = |m: String| (ErrorCode::RequestFailed, m);
                let (project, source, offset) = self
                    .at(&pos.text_document.uri, pos.position)
                    .ok_or_else(|| refused("nothing to rename here".into()))?;
                let key = navigate::target_at(project, source, offset)
                    .and_then(|(_, t)| references::key_of(&t))
                    .ok_or_else(|| refused("nothing to rename here".into()))?;
                let edits = references::rename(project, &key, &p.new_name).map_err(refused)?;
                let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
                for (span, text) in edits {
                    if let Some(loc) = self.location(project, span) {
                        changes
                            .entry(loc.uri)
                            .or_default()
                            .push(TextEdit::new(loc.range, text));
                    }
                }
                // A heading's id keys its translation units: the state files follow.
                if let references::Key::Anchor { doc, id } = &key
                    && !id.contains('.')
                {
                    let world: &dyn World = &self.overlay;
                    let read = |path: &Path| world.read_to_string(path).ok();
                    for (path, edits) in
                        references::rename_state(project, doc, id, &p.new_name, &read)
                    {
                        let (Some(uri), Some(text)) = (convert::uri_of(&path), read(&path)) else {
                            continue;
                        };
                        let file = crate::source::SourceFile::new("", None, text);
                        let list = changes.entry(uri).or_default();
                        for (range, new) in edits {
                            let range = convert::range(&file, range.start, range.end, self.enc);
                            list.push(TextEdit::new(range, new));
                        }
                    }
                }
                json(serde_json::to_value(WorkspaceEdit::new(changes)))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("`{other}` is not handled"),
            )),
        }
    }

    /// The code actions for a range of an analyzed file.
    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some((project, source, start)) = self.at(&p.text_document.uri, p.range.start) else {
            return Vec::new();
        };
        let Some(Ok(analysis)) = self.snapshot.as_ref().map(|s| &s.analysis) else {
            return Vec::new();
        };
        let end = convert::offset(project.sources.get(source), p.range.end, self.enc);
        let world: &dyn World = &self.overlay;
        let read = |path: &Path| world.read_to_string(path).ok();
        let offers = actions::offers(
            &analysis.diagnostics,
            &analysis.sources,
            source,
            start..end.max(start),
            &project.root,
            &read,
            crate::i18n::ui_lang(),
        );
        let wanted = |kind: &CodeActionKind| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        offers
            .into_iter()
            .filter_map(|o| {
                let kind = match o.kind {
                    actions::Kind::QuickFix => CodeActionKind::QUICKFIX,
                    actions::Kind::FixAll => CodeActionKind::SOURCE_FIX_ALL,
                };
                wanted(&kind).then_some(())?;
                let diagnostics: Vec<lsp_types::Diagnostic> = o
                    .diagnostic
                    .and_then(|i| analysis.diagnostics.get(i))
                    .and_then(|d| {
                        let span = d.span()?;
                        let range = self.location(project, span)?.range;
                        Some(
                            p.context
                                .diagnostics
                                .iter()
                                .filter(|c| {
                                    c.range == range
                                        && c.code == Some(NumberOrString::String(d.rule.clone()))
                                })
                                .cloned()
                                .collect(),
                        )
                    })
                    .unwrap_or_default();
                let mut action = CodeAction {
                    title: o.title.clone(),
                    kind: Some(kind),
                    diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
                    is_preferred: o.preferred.then_some(true),
                    ..Default::default()
                };
                match o.change {
                    actions::Change::Replace(edits) => {
                        let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
                        for (span, text) in edits {
                            let loc = self.location(project, span)?;
                            changes
                                .entry(loc.uri)
                                .or_default()
                                .push(TextEdit::new(loc.range, text));
                        }
                        action.edit = Some(WorkspaceEdit::new(changes));
                    }
                    actions::Change::AddWord {
                        path,
                        word,
                        current,
                    } => {
                        let uri = convert::uri_of(&path)?;
                        match current {
                            Some(text) => {
                                let (at, insert) = actions::word_list_insertion(&text, &word)?;
                                let file = crate::source::SourceFile::new("", None, text);
                                let pos = convert::position(&file, at, self.enc);
                                let edit = TextEdit::new(Range::new(pos, pos), insert);
                                action.edit =
                                    Some(WorkspaceEdit::new(HashMap::from([(uri, vec![edit])])));
                            }
                            None if self.create_files => {
                                let start = Position::new(0, 0);
                                action.edit = Some(WorkspaceEdit {
                                    document_changes: Some(DocumentChanges::Operations(vec![
                                        DocumentChangeOperation::Op(ResourceOp::Create(
                                            CreateFile {
                                                uri: uri.clone(),
                                                options: Some(CreateFileOptions {
                                                    overwrite: Some(false),
                                                    ignore_if_exists: Some(true),
                                                }),
                                                annotation_id: None,
                                            },
                                        )),
                                        DocumentChangeOperation::Edit(TextDocumentEdit {
                                            text_document:
                                                OptionalVersionedTextDocumentIdentifier {
                                                    uri,
                                                    version: None,
                                                },
                                            edits: vec![OneOf::Left(TextEdit::new(
                                                Range::new(start, start),
                                                format!("{word}\n"),
                                            ))],
                                        }),
                                    ])),
                                    ..Default::default()
                                });
                            }
                            None => {
                                action.command = Some(Command::new(
                                    o.title,
                                    ADD_WORD_COMMAND.to_string(),
                                    Some(vec![
                                        serde_json::Value::from(path.to_str()?),
                                        serde_json::Value::from(word),
                                    ]),
                                ));
                            }
                        }
                    }
                }
                Some(CodeActionOrCommand::CodeAction(action))
            })
            .collect()
    }

    fn document_symbol(
        &self,
        file: &crate::source::SourceFile,
        s: symbols::Symbol,
    ) -> DocumentSymbol {
        #[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
        DocumentSymbol {
            name: s.name,
            detail: Some(format!("#{}", s.id)),
            kind: symbol_kind(s.kind),
            tags: None,
            deprecated: None,
            range: convert::range(file, s.range.start, s.range.end, self.enc),
            selection_range: convert::range(file, s.selection.start, s.selection.end, self.enc),
            children: Some(
                s.children
                    .into_iter()
                    .map(|c| self.document_symbol(file, c))
                    .collect(),
            ),
        }
    }

    /// The project, file and byte offset of a position in an open or loaded file.
    fn at(&self, uri: &Url, pos: Position) -> Option<(&crate::model::Project, SourceId, usize)> {
        let project = self
            .snapshot
            .as_ref()?
            .analysis
            .as_ref()
            .ok()?
            .project
            .as_ref()?;
        let path = self.local_path(uri)?;
        let source = source_of(project, &path)?;
        let offset = convert::offset(project.sources.get(source), pos, self.enc);
        Some((project, source, offset))
    }

    fn location(&self, project: &crate::model::Project, span: Span) -> Option<Location> {
        let file = project.sources.get(span.source);
        let path = file
            .abs_path
            .clone()
            .unwrap_or_else(|| project.root.join(&file.path));
        Some(Location::new(
            convert::uri_of(&path)?,
            convert::range(file, span.start, span.end, self.enc),
        ))
    }
}

/// The loaded file at `path`.
fn source_of(project: &crate::model::Project, path: &Path) -> Option<SourceId> {
    project
        .sources
        .iter()
        .find(|(_, f)| f.abs_path.as_deref() == Some(path))
        .map(|(id, _)| id)
}

/// How an editor draws a kind of anchor in its outline.
fn symbol_kind(kind: crate::model::AnchorKind) -> SymbolKind {
    use crate::model::AnchorKind as K;
    match kind {
        K::Chapter | K::Annex => SymbolKind::MODULE,
        K::Section | K::AnnexSection => SymbolKind::NAMESPACE,
        K::Table => SymbolKind::STRUCT,
        K::Figure => SymbolKind::OBJECT,
        K::Procedure => SymbolKind::FUNCTION,
        K::Step => SymbolKind::EVENT,
        K::Footnote => SymbolKind::STRING,
    }
}
