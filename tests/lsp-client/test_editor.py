"""`sopdoc lsp` driven by a real LSP client: pygls's client (through pytest-lsp, which also
checks every message against the protocol's types) announcing the capabilities VS Code and
Neovim send. Each test starts the server on a fresh copy of tests/fixtures/lsp, a project
in French with an English translation.

Run by tests/it/lsp_client.rs, which passes the binary under test as SOPDOC_BIN.
"""

import ast
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

FIXTURE = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "lsp"
OBJET = "sop-sources/sop-01/fr/01-objet.md"
PURPOSE = "sop-sources/sop-01/en/01-objet.md"
PROCEDURES = "sop-sources/sop-01/fr/02-procedures.md"
DONNEES = "sop-sources/sop-02/fr/01-donnees.md"
CLIENTS = ["visual-studio-code", "neovim"]
# The column encoding of the running test's server.
ENCODING = ["utf-16-le"]


def units(text):
    """The length of `text` in the negotiated column units."""
    n = len(text.encode(ENCODING[0]))
    return n // 2 if ENCODING[0] == "utf-16-le" else n


def server_env():
    env = dict(os.environ)
    env["SOPDOC_LANG"] = "en"
    return env


@pytest_lsp.fixture(
    params=CLIENTS,
    config=ClientServerConfig(
        server_command=[os.environ.get("SOPDOC_BIN", "sopdoc"), "lsp"],
        server_env=server_env(),
    ),
)
async def client(request, lsp_client: LanguageClient, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    lsp_client.root = root
    result = await lsp_client.initialize_session(
        t.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=root.as_uri(),
            workspace_folders=[t.WorkspaceFolder(uri=root.as_uri(), name="project")],
        )
    )
    # Neovim offers UTF-8 columns, VS Code only UTF-16: the server picks, and the tests count
    # columns its way.
    encoding = result.capabilities.position_encoding
    assert encoding in ("utf-8", "utf-16"), encoding
    lsp_client.encoding = "utf-8" if encoding == "utf-8" else "utf-16-le"
    ENCODING[0] = lsp_client.encoding
    yield
    await lsp_client.shutdown_session()


def uri(client, rel):
    return (client.root / rel).as_uri()


def text(client, rel):
    return (client.root / rel).read_text(encoding="utf-8")


def position(source, needle, delta=0):
    """The protocol position of `needle` in `source`, `delta` characters on."""
    at = source.index(needle) + delta
    line = source.count("\n", 0, at)
    start = source.rfind("\n", 0, at) + 1
    column = units(source[start:at])
    return t.Position(line=line, character=column)


def open_doc(client, rel, body, version=1):
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(
            text_document=t.TextDocumentItem(
                uri=uri(client, rel), language_id="markdown", version=version, text=body
            )
        )
    )


async def diagnostics_until(client, rel, done):
    """Waits for the diagnostics of `rel` to satisfy `done`."""
    target = uri(client, rel)
    for _ in range(200):
        current = client.diagnostics.get(target)
        if current is not None and done(current):
            return current
        await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    raise AssertionError(f"no diagnostics for {rel} as expected: {client.diagnostics.get(target)}")


def apply_edits(source, edits):
    """Applies text edits to `source`."""
    lines = source.splitlines(keepends=True)

    def offset(p):
        before = sum(len(l) for l in lines[: p.line])
        line = lines[p.line] if p.line < len(lines) else ""
        count, chars = 0, 0
        for ch in line:
            if count >= p.character:
                break
            count += units(ch)
            chars += 1
        return before + chars

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        source = source[:start] + new + source[end:]
    return source


async def test_diagnostics_follow_the_buffer_in_both_languages(client: LanguageClient):
    body = text(client, OBJET).replace("Toute victime", "Voir la [](#absente).\n\nToute victime")
    open_doc(client, OBJET, body)
    found = await diagnostics_until(client, OBJET, lambda l: any(d.code == "xref/unknown-target" for d in l))
    d = next(d for d in found if d.code == "xref/unknown-target")
    assert d.severity == t.DiagnosticSeverity.Error
    assert d.range.start == position(body, "[](#absente)")
    # The English translation has its own diagnostics.
    english = text(client, PURPOSE) + "\nSee [](#missing-en).\n"
    open_doc(client, PURPOSE, english)
    found = await diagnostics_until(client, PURPOSE, lambda l: any("missing-en" in d.message for d in l))
    assert any(d.code == "xref/unknown-target" for d in found)
    # Fixed: the list empties.
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri(client, OBJET), version=2),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=text(client, OBJET))],
        )
    )
    await diagnostics_until(client, OBJET, lambda l: len(l) == 0)


async def test_definition_hover_references_and_completion(client: LanguageClient):
    body = text(client, OBJET)
    doc = t.TextDocumentIdentifier(uri=uri(client, OBJET))
    found = await client.text_document_definition_async(
        t.DefinitionParams(text_document=doc, position=position(body, "[](#portee)", 5))
    )
    location = found if isinstance(found, t.Location) else found[0]
    assert location.uri == uri(client, OBJET)
    assert location.range.start == position(body, "## Portée")
    hover = await client.text_document_hover_async(
        t.HoverParams(text_document=doc, position=position(body, "[](sop-02#donnees)", 5))
    )
    assert "PSO" in hover.contents.value or "SOP" in hover.contents.value, hover
    refs = await client.text_document_references_async(
        t.ReferenceParams(
            text_document=doc,
            position=position(body, "[](#portee)", 5),
            context=t.ReferenceContext(include_declaration=True),
        )
    )
    assert {r.uri for r in refs} == {uri(client, OBJET), uri(client, PURPOSE), uri(client, DONNEES)}
    # English: the same ids, with the English titles.
    english = text(client, PURPOSE)
    items = await client.text_document_completion_async(
        t.CompletionParams(
            text_document=t.TextDocumentIdentifier(uri=uri(client, PURPOSE)),
            position=position(english, "[](#portee)", 4),
        )
    )
    items = items.items if isinstance(items, t.CompletionList) else items
    portee = next(i for i in items if i.label == "portee")
    assert "Scope" in (portee.detail or "") + str(portee.documentation or ""), portee


async def test_rename_reaches_every_language(client: LanguageClient):
    body = text(client, OBJET)
    doc = t.TextDocumentIdentifier(uri=uri(client, OBJET))
    at = position(body, "[](#portee)", 5)
    prepared = await client.text_document_prepare_rename_async(t.PrepareRenameParams(text_document=doc, position=at))
    assert prepared.placeholder == "portee"
    edit = await client.text_document_rename_async(t.RenameParams(text_document=doc, position=at, new_name="champ"))
    changes = edit.changes or {}
    if edit.document_changes:
        changes = {c.text_document.uri: c.edits for c in edit.document_changes}
    for rel in (OBJET, PURPOSE, DONNEES):
        before = text(client, rel)
        assert apply_edits(before, changes[uri(client, rel)]) == before.replace("#portee", "#champ"), rel


async def test_code_actions_fix_and_add_to_the_word_list(client: LanguageClient):
    body = text(client, OBJET) + "\nUne procédrue au juge Kidalworo. Que faire ? Rien.\n"
    open_doc(client, OBJET, body)
    found = await diagnostics_until(client, OBJET, lambda l: sum(d.code == "spelling/fr" for d in l) == 2)
    doc = t.TextDocumentIdentifier(uri=uri(client, OBJET))

    async def actions(needle):
        at = position(body, needle, 1)
        context = [d for d in found if d.range.start.line == at.line]
        return await client.text_document_code_action_async(
            t.CodeActionParams(
                text_document=doc, range=t.Range(start=at, end=at), context=t.CodeActionContext(diagnostics=context)
            )
        )

    found_actions = await actions("procédrue")
    fix = next(a for a in found_actions if getattr(a, "is_preferred", False))
    assert fix.kind == t.CodeActionKind.QuickFix
    assert apply_edits(body, fix.edit.changes[uri(client, OBJET)]) == body.replace("procédrue", "procédure")
    add = next(a for a in await actions("Kidalworo") if "words.fr.txt" in a.title)
    word_list = uri(client, "styles/words.fr.txt")
    if getattr(add, "edit", None) is not None:
        # The client creates files through edits (VS Code): a create, then the word.
        create, insert = add.edit.document_changes
        assert isinstance(create, t.CreateFile) and create.uri == word_list
        assert insert.edits[0].new_text == "Kidalworo\n"
    else:
        # Otherwise the server writes the list when the client runs the action's command.
        # (lsprotocol reads any action carrying a `command` as a bare Command and keeps the
        # nested command as its text; VS Code and Neovim tell them apart by the command's
        # type, as the protocol says.)
        command = add.command if isinstance(add, t.CodeAction) else ast.literal_eval(add.command)
        if isinstance(command, t.Command):
            command = {"command": command.command, "arguments": command.arguments}
        assert command["command"] == "sopdoc.addToWordList"
        await client.workspace_execute_command_async(
            t.ExecuteCommandParams(command=command["command"], arguments=command["arguments"])
        )
        assert text(client, "styles/words.fr.txt") == "Kidalworo\n"
        await diagnostics_until(client, OBJET, lambda l: sum(d.code == "spelling/fr" for d in l) == 1)


async def test_outline_and_workspace_symbols(client: LanguageClient):
    doc = t.TextDocumentIdentifier(uri=uri(client, PROCEDURES))
    outline = await client.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=doc))
    chapter = outline[0]
    assert chapter.name == "2 Procédures"
    procedure = chapter.children[0]
    assert procedure.detail == "#identification"
    assert [s.detail for s in procedure.children if s.kind == t.SymbolKind.Event][:2] == [
        "#identification.reperage",
        "#identification.age",
    ]
    found = await client.workspace_symbol_async(t.WorkspaceSymbolParams(query="scope"))
    assert [(s.name, s.container_name) for s in found] == [("1.1 Scope", "sop-01 (en)")]
