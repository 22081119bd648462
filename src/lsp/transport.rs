//! The wire: JSON-RPC messages framed by `Content-Length` headers, as the Language Server
//! Protocol sends them over stdio.
//!
//! lsp-server's own stdio transport stops reading at the first malformed message, which
//! would take the server down on one bad byte from a client; this reader keeps going. A
//! frame whose body is not a JSON-RPC message is reported to the caller as
//! [`Incoming::Malformed`] (answered with a parse error) and the stream is read on from
//! the next header. Frames are capped, so a wrong `Content-Length` cannot make the server
//! allocate gigabytes.

use std::io::{self, BufRead, Write};

use lsp_server::Message;

/// The largest frame accepted: well above a 4 MiB paste in a buffer of several MiB.
pub const MAX_FRAME: usize = 64 * 1024 * 1024;

/// What one frame held.
#[derive(Debug)]
pub enum Incoming {
    /// A request, response or notification.
    Message(Message),
    /// A frame that could not be read as a message; the text says why.
    Malformed(String),
}

/// Reads the next frame; `Ok(None)` at the end of the input.
///
/// # Errors
/// Only I/O errors of the input itself (a closed pipe mid-frame).
pub fn read(input: &mut dyn BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut seen_header = false;
    loop {
        line.clear();
        if read_line_capped(input, &mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if seen_header {
                break;
            }
            // Blank lines between frames are tolerated.
            continue;
        }
        seen_header = true;
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("Content-Length `{}` is not a number", value.trim())),
                );
            }
        } else {
            return Ok(Some(Incoming::Malformed(format!(
                "malformed header line `{}`",
                header.chars().take(80).collect::<String>()
            ))));
        }
    }
    let size = match length {
        Some(Ok(n)) if n <= MAX_FRAME => n,
        Some(Ok(n)) => {
            return Ok(Some(Incoming::Malformed(format!(
                "a frame of {n} bytes is over the {MAX_FRAME}-byte limit"
            ))));
        }
        Some(Err(e)) => return Ok(Some(Incoming::Malformed(e))),
        None => return Ok(Some(Incoming::Malformed("no Content-Length header".into()))),
    };
    let mut body = vec![0; size];
    input.read_exact(&mut body)?;
    let Ok(text) = String::from_utf8(body) else {
        return Ok(Some(Incoming::Malformed("the body is not UTF-8".into())));
    };
    Ok(Some(match serde_json::from_str::<Message>(&text) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(format!("not a JSON-RPC message: {e}")),
    }))
}

/// Reads one header line, at most 8 KiB of it (a header is short; garbage is cut).
fn read_line_capped(input: &mut dyn BufRead, line: &mut String) -> io::Result<usize> {
    let mut bytes = Vec::new();
    let mut total = 0;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if bytes.len() < 8192 {
            bytes.extend_from_slice(&buf[..take.min(8192 - bytes.len())]);
        }
        input.consume(take);
        total += take;
        if done {
            break;
        }
    }
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(total)
}

/// Writes one message as a frame and flushes it.
///
/// # Errors
/// The output's I/O error (the client went away).
pub fn write(output: &mut dyn Write, message: &Message) -> io::Result<()> {
    let text = serde_json::to_string(&JsonRpc {
        jsonrpc: "2.0",
        message,
    })?;
    write_raw(output, &text)
}

/// Writes a body as it is (the parse-error response, whose `id` is `null`).
///
/// # Errors
/// The output's I/O error.
pub fn write_raw(output: &mut dyn Write, text: &str) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n", text.len())?;
    output.write_all(text.as_bytes())?;
    output.flush()
}

#[derive(serde::Serialize)]
struct JsonRpc<'a> {
    jsonrpc: &'static str,
    #[serde(flatten)]
    message: &'a Message,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut reader = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(i) = read(&mut reader).unwrap() {
            out.push(match i {
                Incoming::Message(Message::Request(r)) => format!("request {}", r.method),
                Incoming::Message(Message::Notification(n)) => format!("notification {}", n.method),
                Incoming::Message(Message::Response(_)) => "response".into(),
                Incoming::Malformed(why) => format!("malformed: {why}"),
            });
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_malformed_frame_is_reported_and_the_next_one_still_reads() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            "Garbage without colon\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        let got = frames(&input);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(
            got[0].starts_with("malformed: not a JSON-RPC message"),
            "{got:?}"
        );
        assert_eq!(got[1], "request initialize");
        assert!(
            got[2].starts_with("malformed: malformed header line"),
            "{got:?}"
        );
        assert_eq!(got[3], "notification exit");
    }

    #[test]
    fn an_oversized_length_is_refused_without_allocating() {
        let got = frames("Content-Length: 99999999999\r\n\r\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("over the"), "{got:?}");
    }

    #[test]
    fn written_frames_read_back() {
        let message = Message::Notification(lsp_server::Notification::new(
            "window/logMessage".into(),
            serde_json::json!({"type": 4, "message": "é"}),
        ));
        let mut out = Vec::new();
        write(&mut out, &message).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(frames(&text), ["notification window/logMessage"]);
        assert!(text.contains("\"jsonrpc\":\"2.0\""));
    }
}
