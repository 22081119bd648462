//! Generated markup held deflated between its generation and its layout.
//!
//! A build generates the markup of every PDF first and lets the resolved model go before
//! Typst lays the documents out (see `crate::build::BuildOptions::release_models`): at
//! 400 documents the model weighs about as much as two layouts. A document's markup is
//! about 160 KB of text and its source map one entry per inline (40 bytes each in
//! memory); held as they are, the maps alone would outweigh the model. Deflated, with the
//! map written as variable-length deltas, a document keeps a few tens of kilobytes.

use std::ops::Range;

use super::markup::Markup;
use crate::memory::deflate;
use crate::source::{SourceId, Span};

/// A [`Markup`], deflated.
#[derive(Debug, Clone)]
pub struct PackedMarkup {
    text: Vec<u8>,
    map: Vec<u8>,
}

impl PackedMarkup {
    /// Packs `markup`.
    pub fn pack(markup: &Markup) -> Self {
        let mut map = Vec::with_capacity(markup.map.len() * 8);
        let mut last_start = 0usize;
        for (range, span) in &markup.map {
            // Ranges come sorted by start: the start as a delta, the rest as lengths.
            let delta = range.start.wrapping_sub(last_start) as u64;
            last_start = range.start;
            put(&mut map, delta);
            put(&mut map, (range.end - range.start) as u64);
            put(&mut map, u64::from(span.source.index()));
            put(&mut map, span.start as u64);
            put(&mut map, (span.end - span.start) as u64);
        }
        PackedMarkup {
            text: deflate(markup.text.as_bytes()),
            map: deflate(&map),
        }
    }

    /// The markup back, as it was packed.
    pub fn unpack(&self) -> Markup {
        let text = inflate(&self.text);
        // Packed from a `String` in this process: the bytes are UTF-8.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let bytes = inflate(&self.map);
        let mut map = Vec::new();
        let mut at = 0;
        let mut start = 0usize;
        while at < bytes.len() {
            let mut next = || get(&bytes, &mut at) as usize;
            start = start.wrapping_add(next());
            let len = next();
            let source = SourceId::from_index(next() as u32);
            let span_start = next();
            let span_len = next();
            let range: Range<usize> = start..start + len;
            map.push((range, Span::new(source, span_start..span_start + span_len)));
        }
        Markup { text, map }
    }

    /// Bytes held.
    pub fn size(&self) -> usize {
        self.text.len() + self.map.len()
    }
}

/// The bytes [`deflate`] packed; packed by this process, they inflate.
fn inflate(bytes: &[u8]) -> Vec<u8> {
    crate::memory::inflate(bytes, bytes.len() * 6).unwrap_or_default()
}

use crate::memory::put_varint as put;

/// Reads a number [`put`] wrote at `*at`, moving past it (0 past the end).
fn get(bytes: &[u8], at: &mut usize) -> u64 {
    crate::memory::get_varint(bytes, at).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_comes_back_as_it_was_packed() {
        let a = SourceId::from_index(0);
        let b = SourceId::from_index(70_000);
        let markup = Markup {
            text: "// é\n#chapter-mark(\"1\", \"Objet\")\nTexte « cité ».\n".repeat(40),
            map: vec![
                (0..2000, Span::new(a, 0..0)),
                (5..40, Span::new(b, 3..90)),
                (5..6, Span::new(b, 3..4)),
                (41..41, Span::new(a, 1_000_000..1_000_007)),
                (1999..2000, Span::new(a, 12..12)),
            ],
        };
        let packed = PackedMarkup::pack(&markup);
        assert!(packed.size() < markup.text.len() / 4, "{}", packed.size());
        let back = packed.unpack();
        assert_eq!(back.text, markup.text);
        assert_eq!(back.map, markup.map);
        assert_eq!(back.span_at(5), markup.span_at(5));
    }

    #[test]
    fn numbers_round_trip_through_base_128() {
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        let mut bytes = Vec::new();
        for v in values {
            put(&mut bytes, v);
        }
        let mut at = 0;
        let back: Vec<u64> = values.iter().map(|_| get(&bytes, &mut at)).collect();
        assert_eq!(back, values);
        assert_eq!(at, bytes.len());
    }
}
