// The co-authoring editor: TipTap on a Y.Doc synced through our collab-server with the stock y-websocket client.
// Loaded only in the browser (see EditorMount): the Y.Doc and the provider are created inside an effect.
import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect, useMemo, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { contentExtensions } from "./content-extensions";

export type ConnectionState = "connecting" | "connected" | "offline";

export interface CollabGrantView {
  token: string;
  documentName: string;
  access: "read-write" | "read-only";
}

export interface ManuscriptEditorProps {
  grant: CollabGrantView;
  user: { id: string; name: string };
  /** Fetches a fresh token when the server refuses an expired one. */
  refreshGrant: () => Promise<CollabGrantView | null>;
  /** Saved versions, newest first, that a co-author can restore as a new edit. */
  versions: Array<{ number: number; name: string }>;
  loadVersion: (number: number) => Promise<Record<string, unknown>>;
}

const CARET_COLOURS = ["#0b5cab", "#b3261e", "#1e7b45", "#8a4baf", "#c2570c", "#00796b", "#ad1457", "#5d4037"];

export function colourFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return CARET_COLOURS[Math.abs(hash) % CARET_COLOURS.length];
}

function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss" : "ws"}://${host}/collab`;
}

interface Session {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export function ManuscriptEditor({ grant, user, refreshGrant, versions, loadVersion }: ManuscriptEditorProps) {
  const [session, setSession] = useState<Session | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [synced, setSynced] = useState(false);
  const [pending, setPending] = useState(false);
  const [closeReason, setCloseReason] = useState<string | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabUrl(), grant.documentName, doc, { params: { token: grant.token }, maxBackoffTime: 2500 });
    provider.on("status", ({ status }: { status: string }) => {
      setConnection(status === "connected" ? "connected" : status === "connecting" ? "connecting" : "offline");
      if (status !== "connected") setSynced(false);
    });
    provider.on("sync", (isSynced: boolean) => setSynced(isSynced));
    provider.on("connection-close", (event: CloseEvent | null) => {
      if (!event) return;
      if (event.code === 4401) {
        // The token expired: ask the app for a fresh one; the provider reconnects with it.
        void refreshGrant().then((fresh) => {
          if (fresh) provider.params = { token: fresh.token };
          else provider.disconnect();
        });
      } else if (event.code === 4403) {
        setCloseReason("You no longer have access to this manuscript.");
        provider.disconnect();
      }
    });
    // Local edits not yet acknowledged by the server: y-websocket keeps them in the doc and resends on reconnect.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) setPending(true);
    };
    doc.on("update", onUpdate);
    setSession({ doc, provider });
    return () => {
      doc.off("update", onUpdate);
      provider.destroy();
      doc.destroy();
    };
    // A new grant for another document means a new session; token refreshes reuse the provider.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [grant.documentName]);

  useEffect(() => {
    if (connection === "connected" && synced) setPending(false);
  }, [connection, synced]);

  if (!session) return <p className="muted">Opening the manuscript…</p>;
  return (
    <EditorSurface
      key={grant.documentName}
      session={session}
      user={user}
      readOnly={grant.access === "read-only"}
      versions={versions}
      loadVersion={loadVersion}
      status={<ConnectionBadge connection={connection} synced={synced} pending={pending} closeReason={closeReason} />}
    />
  );
}

function ConnectionBadge({ connection, synced, pending, closeReason }: { connection: ConnectionState; synced: boolean; pending: boolean; closeReason: string | null }) {
  let label: string;
  let tone: string;
  if (closeReason) {
    label = closeReason;
    tone = "error";
  } else if (connection === "connected" && synced) {
    label = "Connected · all changes synced";
    tone = "ok";
  } else if (connection === "connected") {
    label = "Connected · syncing…";
    tone = "busy";
  } else if (connection === "connecting") {
    label = pending ? "Reconnecting · your edits are kept and will sync" : "Connecting…";
    tone = "busy";
  } else {
    label = pending ? "Offline · your edits are kept and will sync" : "Offline";
    tone = "offline";
  }
  return (
    <p className={`connection connection--${tone}`} role="status" aria-live="polite" data-connection={connection} data-synced={synced ? "yes" : "no"}>
      {label}
    </p>
  );
}

interface SurfaceProps {
  session: Session;
  user: { id: string; name: string };
  readOnly: boolean;
  status: React.ReactNode;
  versions: Array<{ number: number; name: string }>;
  loadVersion: (number: number) => Promise<Record<string, unknown>>;
}

function EditorSurface({ session, user, readOnly, status, versions, loadVersion }: SurfaceProps) {
  const extensions = useMemo(
    () => [
      ...contentExtensions(),
      Collaboration.configure({ document: session.doc, field: "default" }),
      CollaborationCaret.configure({ provider: session.provider, user: { name: user.name, color: colourFor(user.id) } }),
      CharacterCount,
      Placeholder.configure({ placeholder: readOnly ? "" : "Start writing: Introduction, Methods, Results, Discussion…" }),
    ],
    [session, user.id, user.name, readOnly],
  );
  const editor = useEditor({ extensions, editable: !readOnly, immediatelyRender: false }, [extensions]);
  const [, force] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const rerender = () => force((n) => n + 1);
    editor.on("update", rerender);
    editor.on("selectionUpdate", rerender);
    return () => {
      editor.off("update", rerender);
      editor.off("selectionUpdate", rerender);
    };
  }, [editor]);

  return (
    <div className="editor-layout">
      <div className="editor-main">
        <div className="editor-bar">
          {status}
          {readOnly ? <p className="badge">Read-only</p> : null}
        </div>
        {!readOnly && editor ? <Toolbar editor={editor} /> : null}
        <div className="editor-surface" data-testid="manuscript-editor">
          <EditorContent editor={editor} />
        </div>
      </div>
      <aside className="editor-side" aria-label="Document outline">
        {editor ? <Outline editor={editor} /> : null}
        {editor ? <WordCount editor={editor} /> : null}
        <Presence provider={session.provider} />
        {editor && !readOnly && versions.length > 0 ? <RestoreVersion editor={editor} versions={versions} loadVersion={loadVersion} /> : null}
      </aside>
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const button = (label: string, run: () => void, active = false, title = label) => (
    <button type="button" className={`tool${active ? " tool--active" : ""}`} onClick={run} aria-pressed={active} title={title}>
      {label}
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {button("B", () => chain().toggleBold().run(), editor.isActive("bold"), "Bold")}
      {button("I", () => chain().toggleItalic().run(), editor.isActive("italic"), "Italic")}
      {button("H1", () => chain().toggleHeading({ level: 1 }).run(), editor.isActive("heading", { level: 1 }), "Heading 1")}
      {button("H2", () => chain().toggleHeading({ level: 2 }).run(), editor.isActive("heading", { level: 2 }), "Heading 2")}
      {button("H3", () => chain().toggleHeading({ level: 3 }).run(), editor.isActive("heading", { level: 3 }), "Heading 3")}
      {button("• List", () => chain().toggleBulletList().run(), editor.isActive("bulletList"), "Bulleted list")}
      {button("1. List", () => chain().toggleOrderedList().run(), editor.isActive("orderedList"), "Numbered list")}
      {button("Table", () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), false, "Insert a table")}
      {button(
        "Figure",
        () => {
          const src = window.prompt("Image address (https://… or /path)");
          if (!src) return;
          const caption = window.prompt("Caption") ?? "";
          chain().insertContent({ type: "figure", attrs: { src, caption } }).run();
        },
        false,
        "Insert a figure with a caption",
      )}
      {button(
        "∑",
        () => {
          const latex = window.prompt("LaTeX, e.g. \\frac{a}{b}");
          if (latex) chain().insertInlineMath({ latex }).run();
        },
        false,
        "Insert an equation",
      )}
      {button(
        "Footnote",
        () => {
          const text = window.prompt("Footnote text");
          if (text) chain().insertContent({ type: "footnote", attrs: { text } }).run();
        },
        false,
        "Insert a footnote",
      )}
      {button(
        "Link",
        () => {
          const href = window.prompt("Link address");
          if (href) chain().extendMarkRange("link").setLink({ href }).run();
        },
        editor.isActive("link"),
        "Link",
      )}
    </div>
  );
}

function Outline({ editor }: { editor: Editor }) {
  const headings: Array<{ level: number; text: string; pos: number }> = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === "heading") headings.push({ level: Number(node.attrs.level), text: node.textContent, pos });
    return node.type.name !== "heading";
  });
  return (
    <nav className="outline" aria-label="Outline">
      <h2>Outline</h2>
      {headings.length === 0 ? (
        <p className="muted">Headings appear here.</p>
      ) : (
        <ul>
          {headings.map((h) => (
            <li key={h.pos} style={{ paddingLeft: `${(h.level - 1) * 0.75}rem` }}>
              <button type="button" className="link-button" onClick={() => editor.chain().focus().setTextSelection(h.pos + 1).scrollIntoView().run()}>
                {h.text || "(untitled)"}
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function WordCount({ editor }: { editor: Editor }) {
  const words = editor.storage.characterCount?.words?.() ?? 0;
  return (
    <p className="muted" data-testid="word-count">
      {words} {words === 1 ? "word" : "words"}
    </p>
  );
}

function Presence({ provider }: { provider: WebsocketProvider }) {
  const [people, setPeople] = useState<Array<{ name: string; color: string }>>([]);
  useEffect(() => {
    const update = () => {
      const states = [...provider.awareness.getStates().values()] as Array<{ user?: { name: string; color: string } }>;
      setPeople(states.flatMap((s) => (s.user ? [s.user] : [])));
    };
    provider.awareness.on("change", update);
    update();
    return () => provider.awareness.off("change", update);
  }, [provider]);
  return (
    <section aria-label="Who is here">
      <h2>Here now</h2>
      <ul className="presence">
        {people.map((p, i) => (
          <li key={`${p.name}-${i}`}>
            <span className="presence__dot" style={{ background: p.color }} aria-hidden="true" /> {p.name}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RestoreVersion({ editor, versions, loadVersion }: { editor: Editor; versions: SurfaceProps["versions"]; loadVersion: SurfaceProps["loadVersion"] }) {
  const [message, setMessage] = useState<string | null>(null);
  const restore = async (number: number) => {
    if (!window.confirm(`Replace the current text with version ${number}? Everyone sees the change, and it can be undone by restoring another version.`)) return;
    try {
      const content = await loadVersion(number);
      // A new edit by this author through the CRDT: collaborators receive it like any other change.
      editor.chain().focus().setContent(content).run();
      setMessage(`Version ${number} restored.`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "Restoring failed.");
    }
  };
  return (
    <section aria-label="Restore a version">
      <h2>Restore</h2>
      <ul className="presence">
        {versions.map((v) => (
          <li key={v.number}>
            <button type="button" className="link-button" onClick={() => void restore(v.number)}>
              Restore v{v.number} · {v.name}
            </button>
          </li>
        ))}
      </ul>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
