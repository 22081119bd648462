//! The preview server of `sopdoc serve`: the built site over HTTP on the loopback
//! address, with live reload.
//!
//! A deliberately small HTTP/1.1 server on `std::net` (one request per connection, `GET`
//! and `HEAD` only, one thread per connection up to a cap), because a local preview needs
//! nothing more and an async stack would double the build time of the crate. It serves:
//!
//! - `/…` from `<out>/html`, and `/pdf/…` from `<out>/pdf` (the site's PDF links point
//!   there); nothing else: `..` segments (also percent-encoded), backslashes, NUL bytes
//!   and symbolic links leading outside those folders are refused;
//! - `/__sopdoc/events`: server-sent events, `reload` after a rebuild wrote new output and
//!   `diagnostics` (a JSON list, empty once fixed) after each save;
//! - `/__sopdoc/live.js`: the script that listens to them. It is injected into HTML pages
//!   as they are served, never into the files on disk.
#![allow(clippy::disallowed_methods)] // The preview server reads the built site from the output folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::diag::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::source::SourceMap;

/// URL path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__sopdoc/events";
/// URL path of the live-reload script.
pub const SCRIPT_PATH: &str = "/__sopdoc/live.js";

const LIVE_JS: &str = include_str!("live.js");
/// Most connections served at once; more are answered 503.
const MAX_CONNECTIONS: usize = 64;
/// Most event streams open at once. They stay open, so they have their own allowance:
/// a page left open in many tabs (or a client opening streams on purpose) never takes the
/// connections other requests need.
const MAX_EVENT_STREAMS: usize = 16;
/// Longest time a client has to send its whole request head (a client sending a byte every
/// few seconds would otherwise hold a connection for ever).
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// Largest request head read.
const MAX_HEAD: usize = 16 * 1024;
/// How often an idle event stream sends a comment (which also notices closed clients).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The live-reload state shared by the watch loop (which publishes) and the event streams.
#[derive(Debug, Default)]
pub struct Live {
    state: Mutex<LiveState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct LiveState {
    /// Bumped at every publication.
    generation: u64,
    /// The generation of the last `reload`.
    reload: u64,
    /// The diagnostics of the last save, as a one-line JSON list.
    diagnostics: String,
    stopped: bool,
}

impl Live {
    /// A new shared state.
    pub fn new() -> Arc<Live> {
        Arc::new(Live {
            state: Mutex::new(LiveState {
                diagnostics: "[]".into(),
                ..LiveState::default()
            }),
            changed: Condvar::new(),
        })
    }

    fn update(&self, f: impl FnOnce(&mut LiveState)) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut state);
        state.generation += 1;
        self.changed.notify_all();
    }

    /// Publishes the result of a save: its errors (none once fixed), and whether new output
    /// was written (the pages reload).
    pub fn publish(&self, diagnostics: &[Diagnostic], sources: &SourceMap, reload: bool) {
        let json = diagnostics_json(diagnostics, sources);
        self.update(|s| {
            s.diagnostics = json;
            if reload {
                s.reload = s.generation + 1;
            }
        });
    }

    /// Ends every event stream.
    pub fn stop(&self) {
        self.update(|s| s.stopped = true);
    }
}

/// The errors of a save as a one-line JSON list for the page's overlay. `message` is the
/// English text; `text` the message and `head` the overlay's heading in the interface
/// language.
fn diagnostics_json(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let lang = crate::i18n::ui_lang();
    let head = crate::msg!("serve-overlay-head", count = errors.len()).text(lang);
    let list: Vec<serde_json::Value> = errors
        .iter()
        .map(|d| {
            let (line, column) = d
                .span()
                .map_or((0, 0), |s| sources.get(s.source).line_col(s.start));
            serde_json::json!({
                "rule": d.rule,
                "message": d.message,
                "text": d.say(&d.message, lang),
                "head": head,
                "file": d.path(sources).unwrap_or(""),
                "line": line,
                "column": column,
            })
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

/// A bound preview server, not yet serving.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    out_dir: PathBuf,
    live: Arc<Live>,
    check_host: bool,
}

impl Server {
    /// Listens on `host:port`. When the port is taken, tries the next ten; port 0 lets the
    /// system choose.
    ///
    /// # Errors
    /// [`Error::Listen`] when no port could be bound.
    pub fn bind(host: &str, port: u16, out_dir: &Path, live: Arc<Live>) -> Result<Server> {
        let tries = if port == 0 { 1 } else { 11 };
        let mut last = None;
        for p in (0..tries).filter_map(|i| port.checked_add(i)) {
            let addr = format_addr(host, p);
            match TcpListener::bind(&addr) {
                Ok(listener) => {
                    let addr = listener.local_addr().map_err(|source| Error::Listen {
                        addr: addr.clone(),
                        source,
                    })?;
                    return Ok(Server {
                        listener,
                        addr,
                        out_dir: out_dir.to_path_buf(),
                        live,
                        check_host: is_loopback_name(host),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some((addr, e)),
                Err(source) => return Err(Error::Listen { addr, source }),
            }
        }
        let (addr, source) = last.unwrap_or_else(|| {
            (
                format_addr(host, port),
                std::io::Error::from(std::io::ErrorKind::AddrInUse),
            )
        });
        Err(Error::Listen { addr, source })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL of the site's landing page.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves on a background thread until the process ends. `log`, when given, is called
    /// with the method, path and status of every request.
    ///
    /// # Errors
    /// [`Error::Read`] when the output folder's path cannot be made absolute.
    pub fn spawn(self, log: Option<Logger>) -> Result<std::thread::JoinHandle<()>> {
        let out_dir = std::path::absolute(&self.out_dir).map_err(|source| Error::Read {
            path: self.out_dir.clone(),
            source,
        })?;
        let site = Arc::new(Site {
            out_dir,
            live: self.live,
            log,
            connections: AtomicUsize::new(0),
            event_streams: AtomicUsize::new(0),
            check_host: self.check_host,
        });
        let listener = self.listener;
        Ok(std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                if site.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                    site.connections.fetch_sub(1, Ordering::SeqCst);
                    let mut stream = stream;
                    let _ = respond(&mut stream, 503, "text/plain", b"busy\n", false);
                    continue;
                }
                let site = Arc::clone(&site);
                std::thread::spawn(move || {
                    let _ = site.handle(stream);
                    site.connections.fetch_sub(1, Ordering::SeqCst);
                });
            }
        }))
    }
}

/// A request logger: method, path, status.
pub type Logger = Box<dyn Fn(&str, &str, u16) + Send + Sync>;

fn format_addr(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

struct Site {
    out_dir: PathBuf,
    live: Arc<Live>,
    log: Option<Logger>,
    connections: AtomicUsize,
    event_streams: AtomicUsize,
    /// Answer loopback `Host` names only (the server listens on the loopback).
    check_host: bool,
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file (or folder) below one of the served folders.
    File {
        /// `html` or `pdf`.
        base: &'static str,
        /// The decoded, checked segments below it.
        segments: Vec<String>,
    },
    /// The event stream.
    Events,
    /// The live-reload script.
    Script,
    /// A path that is refused outright (`..`, encoded separators, NUL…).
    Forbidden,
}

/// Decodes and checks a request target (`/fr/sop-01/01-objet.html?x`). No path that could
/// leave the served folders gets past this: `.` and `..` segments (plain or
/// percent-encoded), backslashes, NUL bytes, invalid UTF-8 and non-origin forms are
/// [`Target::Forbidden`].
pub fn route(target: &str) -> Target {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Target::Forbidden;
    }
    if path == EVENTS_PATH {
        return Target::Events;
    }
    if path == SCRIPT_PATH {
        return Target::Script;
    }
    let mut segments = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        let Some(seg) = percent_decode(raw) else {
            return Target::Forbidden;
        };
        if seg == "."
            || seg == ".."
            || seg.contains(['/', '\\', '\0'])
            || seg.contains(':')
            || seg.starts_with("~")
        {
            return Target::Forbidden;
        }
        segments.push(seg);
    }
    if segments.first().is_some_and(|s| s == "pdf") {
        segments.remove(0);
        Target::File {
            base: "pdf",
            segments,
        }
    } else {
        Target::File {
            base: "html",
            segments,
        }
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a served file, from its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

/// Inserts the live-reload script before the last `</body>` (or at the end).
pub fn inject_script(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + tag.len());
    out.push_str(&text[..at]);
    out.push_str(&tag);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        reason(status),
        body.len()
    );
    let mut answer = head.into_bytes();
    if !head_only {
        answer.extend_from_slice(body);
    }
    client_gone_is_fine(stream.write_all(&answer).and_then(|()| stream.flush()))
}

/// A client that hangs up before reading the whole answer (a browser leaving the page, a
/// probe that reads only the status line) is not a failure of the server: the request was
/// answered, and is logged with its status like any other.
fn client_gone_is_fine(result: std::io::Result<()>) -> std::io::Result<()> {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset};
    match result {
        Err(e) if matches!(e.kind(), BrokenPipe | ConnectionReset | ConnectionAborted) => Ok(()),
        other => other,
    }
}

impl Site {
    fn handle(&self, mut stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.set_write_timeout(Some(Duration::from_secs(10)))?;
        let Some(Head {
            method,
            target,
            host,
        }) = read_head(&mut stream)?
        else {
            return respond(
                &mut stream,
                431,
                "text/plain",
                b"request too large\n",
                false,
            );
        };
        // DNS rebinding: a page of another site whose name was made to point at 127.0.0.1
        // sends its own name as Host. A loopback server answers loopback names only.
        if self.check_host
            && let Some(host) = &host
            && !is_loopback_host_header(host)
        {
            if let Some(log) = &self.log {
                log(&method, &target, 421);
            }
            return respond(
                &mut stream,
                421,
                "text/plain",
                b"this preview answers only to localhost, 127.0.0.1 and [::1]\n",
                false,
            );
        }
        let head_only = method == "HEAD";
        if route(&target) == Target::Events
            && let Some(log) = &self.log
        {
            // Logged when the stream opens: it stays open.
            log(&method, &target, 200);
        }
        let status = if method != "GET" && !head_only {
            respond(
                &mut stream,
                405,
                "text/plain",
                b"only GET and HEAD\n",
                false,
            )?;
            405
        } else {
            self.serve(&mut stream, &target, head_only)?
        };
        if let Some(log) = &self.log
            && route(&target) != Target::Events
        {
            log(&method, &target, status);
        }
        Ok(())
    }

    fn serve(&self, stream: &mut TcpStream, target: &str, head_only: bool) -> std::io::Result<u16> {
        match route(target) {
            Target::Forbidden => {
                respond(stream, 403, "text/plain", b"forbidden\n", head_only)?;
                Ok(403)
            }
            Target::Script => {
                respond(
                    stream,
                    200,
                    content_type(Path::new("x.js")),
                    LIVE_JS.as_bytes(),
                    head_only,
                )?;
                Ok(200)
            }
            Target::Events => {
                if head_only {
                    respond(stream, 200, "text/event-stream", b"", true)?;
                    return Ok(200);
                }
                if self.event_streams.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_STREAMS {
                    self.event_streams.fetch_sub(1, Ordering::SeqCst);
                    respond(
                        stream,
                        503,
                        "text/plain",
                        b"too many live-reload streams\n",
                        false,
                    )?;
                    return Ok(503);
                }
                // The stream leaves the pool of ordinary connections while it is open.
                self.connections.fetch_sub(1, Ordering::SeqCst);
                let result = self.events(stream);
                self.connections.fetch_add(1, Ordering::SeqCst);
                self.event_streams.fetch_sub(1, Ordering::SeqCst);
                result?;
                Ok(200)
            }
            Target::File { base, segments } => {
                self.file(stream, base, &segments, target, head_only)
            }
        }
    }

    fn file(
        &self,
        stream: &mut TcpStream,
        base: &str,
        segments: &[String],
        target: &str,
        head_only: bool,
    ) -> std::io::Result<u16> {
        let base_dir = self.out_dir.join(base);
        let mut path = base_dir.clone();
        for s in segments {
            path.push(s);
        }
        if path.is_dir() {
            let url_path = target.split(['?', '#']).next().unwrap_or("/");
            if !url_path.ends_with('/') {
                // Relative links in the folder's index need the trailing slash.
                let head = format!(
                    "HTTP/1.1 301 Moved Permanently\r\nLocation: {url_path}/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                client_gone_is_fine(stream.write_all(head.as_bytes()))?;
                return Ok(301);
            }
            path.push("index.html");
        }
        // Symbolic links may not lead out of the served folder.
        let inside = match (path.canonicalize(), base_dir.canonicalize()) {
            (Ok(p), Ok(b)) => Some(p.starts_with(&b)),
            _ => None,
        };
        match inside {
            Some(true) if path.is_file() => {}
            Some(false) => {
                respond(stream, 403, "text/plain", b"forbidden\n", head_only)?;
                return Ok(403);
            }
            _ => {
                let lang = crate::i18n::ui_lang();
                let title =
                    crate::render::html::escape::escape(&crate::i18n::tr("serve-not-found"));
                let text =
                    crate::render::html::escape::escape(&crate::i18n::tr("serve-not-found-text"));
                let page = format!(
                    "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
                );
                let body = inject_script(page.as_bytes());
                respond(stream, 404, "text/html; charset=utf-8", &body, head_only)?;
                return Ok(404);
            }
        }
        let mut bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(_) => {
                respond(stream, 404, "text/plain", b"not found\n", head_only)?;
                return Ok(404);
            }
        };
        let ctype = content_type(&path);
        if ctype.starts_with("text/html") {
            bytes = inject_script(&bytes);
        }
        respond(stream, 200, ctype, &bytes, head_only)?;
        Ok(200)
    }

    /// The event stream: the current diagnostics at once, then every change.
    fn events(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n",
        )?;
        let (mut seen, mut reload_seen, diags) = {
            let s = self.live.state.lock().unwrap_or_else(|e| e.into_inner());
            (s.generation, s.reload, s.diagnostics.clone())
        };
        stream.write_all(format!("event: diagnostics\ndata: {diags}\n\n").as_bytes())?;
        stream.flush()?;
        loop {
            let (msg, stop) = {
                let guard = self.live.state.lock().unwrap_or_else(|e| e.into_inner());
                let (s, _) = self
                    .live
                    .changed
                    .wait_timeout_while(guard, KEEP_ALIVE, |s| s.generation == seen && !s.stopped)
                    .unwrap_or_else(|e| e.into_inner());
                if s.stopped {
                    (String::new(), true)
                } else if s.generation == seen {
                    (": keep-alive\n\n".to_string(), false)
                } else {
                    seen = s.generation;
                    let mut msg = format!("event: diagnostics\ndata: {}\n\n", s.diagnostics);
                    if s.reload != reload_seen {
                        reload_seen = s.reload;
                        msg.push_str(&format!("event: reload\ndata: {}\n\n", s.reload));
                    }
                    (msg, false)
                }
            };
            if stop {
                return Ok(());
            }
            stream.write_all(msg.as_bytes())?;
            stream.flush()?;
        }
    }
}

/// What the server reads of a request head.
struct Head {
    method: String,
    target: String,
    /// The `Host` header, when sent.
    host: Option<String>,
}

/// A socket reader that gives up at a fixed moment, however slowly the bytes come.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: std::time::Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self
            .until
            .saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Reads the request head within [`HEAD_DEADLINE`]; `None` when it is too large.
fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<Head>> {
    let deadline = Deadline {
        stream,
        until: std::time::Instant::now() + HEAD_DEADLINE,
    };
    let mut reader = BufReader::new(deadline.take(MAX_HEAD as u64));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut total = request_line.len();
    let mut host = None;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        total += n;
        if n == 0 {
            if total >= MAX_HEAD {
                return Ok(None);
            }
            break;
        }
        if line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_string());
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    Ok(Some(Head {
        method,
        target,
        host,
    }))
}

/// Whether the server is bound to a loopback name or address (then it checks `Host`).
fn is_loopback_name(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether a `Host` header names the loopback: `localhost`, `127.0.0.1` or `[::1]`, with or
/// without a port.
pub fn is_loopback_host_header(value: &str) -> bool {
    let name = if let Some(rest) = value.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || port.strip_prefix(':').is_some_and(is_port) => {
                return ip == "::1";
            }
            _ => return false,
        }
    } else {
        match value.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => value,
        }
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1"
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(base: &'static str, segs: &[&str]) -> Target {
        Target::File {
            base,
            segments: segs.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_client_that_hangs_up_mid_answer_is_still_logged() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("html")).unwrap();
        // Larger than any socket buffer: the server is still writing when the client leaves.
        std::fs::write(dir.path().join("html/big.pdf"), vec![b'x'; 8 << 20]).unwrap();
        let server = Server::bind("127.0.0.1", 0, dir.path(), Live::new()).unwrap();
        let addr = server.addr();
        let (tx, rx) = std::sync::mpsc::channel();
        let tx = Mutex::new(tx);
        server
            .spawn(Some(Box::new(move |m: &str, p: &str, status: u16| {
                let _ = tx.lock().unwrap().send(format!("{m} {p} {status}"));
            })))
            .unwrap();
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /big.pdf HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut head = [0u8; 12];
        s.read_exact(&mut head).unwrap();
        assert_eq!(&head[9..12], b"200");
        drop(s);
        let logged = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        assert_eq!(logged, "GET /big.pdf 200");
    }

    #[test]
    fn routes_refuse_traversal() {
        assert_eq!(
            route("/fr/sop-01/index.html"),
            file("html", &["fr", "sop-01", "index.html"])
        );
        assert_eq!(route("/"), file("html", &[]));
        assert_eq!(route("/pdf/sop-01-fr.pdf"), file("pdf", &["sop-01-fr.pdf"]));
        assert_eq!(route("/a%20b.html?x=1"), file("html", &["a b.html"]));
        for bad in [
            "/../secret",
            "/fr/../../secret",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/a%2fb",
            "/a%5cb",
            "/..%5c..%5csecret",
            "/%00",
            "/%zz",
            "/%ff",
            "http://example.org/",
            "/C:/x",
            "/./x",
        ] {
            assert_eq!(route(bad), Target::Forbidden, "{bad}");
        }
        assert_eq!(route(EVENTS_PATH), Target::Events);
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject_script(b"<body><p>x</p></body></html>")).unwrap();
        assert_eq!(
            out,
            format!("<body><p>x</p><script src=\"{SCRIPT_PATH}\"></script></body></html>")
        );
    }

    #[test]
    fn only_loopback_names_pass_the_host_check() {
        for ok in [
            "localhost",
            "localhost:8000",
            "LOCALHOST:1",
            "localhost.",
            "127.0.0.1",
            "127.0.0.1:4000",
            "[::1]",
            "[::1]:8000",
        ] {
            assert!(is_loopback_host_header(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "[::2]:80",
            "[::1]x",
            "localhost:80:80",
            "localhost:abc",
            "",
            "0.0.0.0",
        ] {
            assert!(!is_loopback_host_header(bad), "{bad}");
        }
        assert!(is_loopback_name("127.0.0.1") && is_loopback_name("::1"));
        assert!(is_loopback_name("localhost") && !is_loopback_name("0.0.0.0"));
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.pdf")), "application/pdf");
        assert_eq!(content_type(Path::new("a")), "application/octet-stream");
    }
}
