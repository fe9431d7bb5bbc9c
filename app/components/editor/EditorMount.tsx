import { useEffect, useState } from "react";
import type { CollabGrantView, ManuscriptEditorProps } from "./ManuscriptEditor";

type EditorComponent = (props: ManuscriptEditorProps) => JSX.Element;

/** Loads the editor (TipTap, Yjs, the WebSocket provider) in the browser only, after hydration. */
export function EditorMount({
  manuscriptId,
  grant,
  user,
  versions,
}: {
  manuscriptId: string;
  grant: CollabGrantView;
  user: { id: string; name: string };
  versions: Array<{ number: number; name: string }>;
}) {
  const [Editor, setEditor] = useState<EditorComponent | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import("./ManuscriptEditor")
      .then((module) => live && setEditor(() => module.ManuscriptEditor))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);
  if (failed) return <div className="alert alert--error">The editor could not be loaded. Reload the page to try again.</div>;
  if (!Editor) return <p className="muted">Loading the editor…</p>;
  const refreshGrant = async () => {
    const response = await fetch(`/manuscripts/${manuscriptId}/collab-token`, { method: "POST" });
    return response.ok ? ((await response.json()) as CollabGrantView) : null;
  };
  const loadVersion = async (number: number) => {
    const response = await fetch(`/manuscripts/${manuscriptId}/versions/${number}/json`);
    if (!response.ok) throw new Error("This version could not be loaded.");
    return ((await response.json()) as { content: Record<string, unknown> }).content;
  };
  return <Editor grant={grant} user={user} refreshGrant={refreshGrant} versions={versions} loadVersion={loadVersion} />;
}
