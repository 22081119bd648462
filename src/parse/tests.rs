use super::*;
use crate::model::*;
use crate::source::SourceMap;

fn parse(text: &str) -> (ParsedChapter, SourceFile) {
    let mut map = SourceMap::new();
    let file = SourceFile::new("c.md", None, text.to_string());
    let id = map.add(file.clone());
    (parse_chapter(&file, id), file)
}

fn rules(p: &ParsedChapter) -> Vec<&str> {
    p.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

#[test]
fn headings_keep_explicit_ids_and_spans() {
    let (p, f) = parse("# Objet {#objet}\n\nTexte.\n\n## Portée\n");
    let BlockKind::Heading(h) = &p.blocks[0].kind else {
        panic!()
    };
    assert_eq!(h.explicit_id.as_deref(), Some("objet"));
    assert_eq!(plain_text(&h.content), "Objet");
    let BlockKind::Heading(h2) = &p.blocks[2].kind else {
        panic!()
    };
    assert_eq!(h2.explicit_id, None);
    assert_eq!(f.line_col(p.blocks[2].span.start), (5, 1));
}

#[test]
fn front_matter_is_read_and_errors_located() {
    let (p, _) = parse("---\ntitle: Annexes\nannex: true\n---\n# A\n");
    assert!(p.meta.annex);
    assert_eq!(p.meta.title.as_deref(), Some("Annexes"));
    let (p, f) = parse("---\ntitle: x\nanex: true\n---\n# A\n");
    let d = &p.diagnostics[0];
    assert_eq!(d.rule, "meta/front-matter");
    assert_eq!(f.line_col(d.span().unwrap().start).0, 3);
    assert_eq!(d.hints, vec!["did you mean `annex`?"]);
}

#[test]
fn front_matter_with_crlf() {
    let (p, f) = parse("---\r\ntitle: x\r\nbad: 1\r\n---\r\n# A\r\n");
    let d = &p.diagnostics[0];
    assert_eq!(f.line_col(d.span().unwrap().start).0, 3);
}

#[test]
fn callouts_tables_captions_footnotes_tasks() {
    let text = "> [!WARNING]\n> Attention.\n\nTable: Acteurs {#tbl-acteurs}\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\n- [ ] case\n- [x] faite\n\nTexte[^1].\n\n[^1]: Une note.\n";
    let (p, _) = parse(text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert!(matches!(
        p.blocks[0].kind,
        BlockKind::Callout {
            kind: CalloutKind::Warning,
            ..
        }
    ));
    let BlockKind::Table(t) = &p.blocks[1].kind else {
        panic!("{:?}", p.blocks[1])
    };
    let cap = t.caption.as_ref().unwrap();
    assert_eq!(cap.id.as_deref(), Some("tbl-acteurs"));
    assert_eq!(plain_text(&cap.content), "Acteurs");
    assert_eq!(t.header.len(), 2);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.aligns[1], Align::Right);
    let BlockKind::List(l) = &p.blocks[2].kind else {
        panic!()
    };
    assert_eq!(l.items[0].task, Some(false));
    assert_eq!(l.items[1].task, Some(true));
    assert_eq!(p.footnotes.len(), 1);
}

#[test]
fn raw_html_is_reported_and_kept_as_text_comments_are_not() {
    let (p, _) = parse("<div>x</div>\n\n<!-- sopdoc-disable x -->\n\nTexte <b>gras</b>.\n");
    assert_eq!(
        rules(&p),
        vec!["parse/raw-html", "parse/raw-html", "parse/raw-html"]
    );
    assert!(matches!(&p.blocks[0].kind, BlockKind::RawHtml(t) if t.contains("<div>")));
    assert_eq!(p.comments.len(), 1);
}

#[test]
fn figures_are_images_alone_in_a_paragraph() {
    let (p, _) = parse("![Circuit](c.png) {#fig-circuit}\n");
    let BlockKind::Figure { caption, image } = &p.blocks[0].kind else {
        panic!("{:?}", p.blocks)
    };
    assert_eq!(caption.id.as_deref(), Some("fig-circuit"));
    assert_eq!(image.alt, "Circuit");
}

#[test]
fn deep_nesting_is_cut_and_reported() {
    let text = format!("{}x\n", "> ".repeat(200));
    let (p, _) = parse(&text);
    assert_eq!(rules(&p), vec!["parse/too-deep"]);
    let mut depth = 0;
    let mut blocks = &p.blocks;
    while let Some(Block {
        kind: BlockKind::Quote(inner),
        ..
    }) = blocks.first()
    {
        depth += 1;
        blocks = inner;
    }
    assert!(depth <= MAX_DEPTH, "{depth}");
    assert!(plain_text_of(&p.blocks).contains('x'));
}

fn plain_text_of(blocks: &[Block]) -> String {
    let mut s = String::new();
    walk_blocks(blocks, &mut |b| {
        block_inlines(b, &mut |i| s.push_str(&plain_text(i)))
    });
    s
}

#[test]
fn nul_bytes_are_errors() {
    let (p, _) = parse("# T\n\nA\0B\n");
    assert_eq!(rules(&p), vec!["parse/nul-byte"]);
}

#[test]
fn text_is_printed_as_written() {
    let (p, _) = parse("Il a dit \"oui\" -- et ... voila.\n");
    let BlockKind::Paragraph(inl) = &p.blocks[0].kind else {
        panic!()
    };
    assert_eq!(plain_text(inl), "Il a dit \"oui\" -- et ... voila.");
}

#[test]
fn definition_lists() {
    let (p, _) = parse("Victime\n: Personne qui...\n");
    let BlockKind::Definitions(items) = &p.blocks[0].kind else {
        panic!("{:?}", p.blocks)
    };
    assert_eq!(plain_text(&items[0].term), "Victime");
    assert_eq!(items[0].definitions.len(), 1);
}

/// The parsed tree holds no room its vectors reserved while growing: a list item of one
/// paragraph of one text is one block and one inline, not four of each.
#[test]
fn parsed_vectors_hold_no_unused_room() {
    let (p, _) = parse(
        "# Objet\n\n- Un *point* [lien](#objet).\n- Deux.\n\n> Citée.\n\nTexte[^n].\n\n[^n]: Note.\n",
    );
    fn blocks(v: &[Block], vecs: &mut Vec<(usize, usize)>) {
        for b in v {
            match &b.kind {
                BlockKind::Paragraph(i) => inlines(i, vecs),
                BlockKind::List(l) => {
                    vecs.push((l.items.len(), l.items.capacity()));
                    for item in &l.items {
                        vecs.push((item.blocks.len(), item.blocks.capacity()));
                        blocks(&item.blocks, vecs);
                    }
                }
                BlockKind::Quote(q) => {
                    vecs.push((q.len(), q.capacity()));
                    blocks(q, vecs);
                }
                _ => {}
            }
        }
    }
    fn inlines(v: &Vec<Inline>, vecs: &mut Vec<(usize, usize)>) {
        vecs.push((v.len(), v.capacity()));
        for i in v {
            match &i.kind {
                InlineKind::Emphasis(c) => inlines(c, vecs),
                InlineKind::Link(l) => inlines(&l.content, vecs),
                _ => {}
            }
        }
    }
    let mut vecs = vec![(p.blocks.len(), p.blocks.capacity())];
    blocks(&p.blocks, &mut vecs);
    for f in &p.footnotes {
        vecs.push((f.blocks.len(), f.blocks.capacity()));
        blocks(&f.blocks, &mut vecs);
    }
    assert!(vecs.len() >= 10, "{vecs:?}");
    assert!(vecs.iter().all(|(len, cap)| len == cap), "{vecs:?}");
}
