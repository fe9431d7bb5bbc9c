import * as Y from "yjs";

export interface Contribution {
  /** Visible characters per user id. */
  byUser: Record<string, number>;
  /** Visible characters written by client ids with no known author. */
  unattributed: number;
  total: number;
}

/**
 * Counts the visible characters of a Y.XmlFragment (TipTap's is named 'default') per author:
 * every non-deleted string item of every Y.XmlText is credited to the user of its Yjs client id.
 * Accepts a Y.Doc or an encoded state (`Y.encodeStateAsUpdate`, a snapshot).
 */
export function computeContribution(
  source: Y.Doc | Uint8Array,
  clientAuthors: Map<number, string> | Record<number, string>,
  fragmentName = "default",
): Contribution {
  const authors = clientAuthors instanceof Map ? clientAuthors : new Map(Object.entries(clientAuthors).map(([k, v]) => [Number(k), v]));
  let doc: Y.Doc;
  let owned = false;
  if (source instanceof Y.Doc) doc = source;
  else {
    doc = new Y.Doc();
    Y.applyUpdate(doc, source);
    owned = true;
  }
  const result: Contribution = { byUser: {}, unattributed: 0, total: 0 };
  const visit = (node: Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) {
      for (let item = node._start; item !== null; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        const length = item.length;
        const userId = authors.get(item.id.client);
        if (userId === undefined) result.unattributed += length;
        else result.byUser[userId] = (result.byUser[userId] ?? 0) + length;
        result.total += length;
      }
    } else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      for (const child of node.toArray()) visit(child);
    }
  };
  try {
    visit(doc.getXmlFragment(fragmentName));
  } finally {
    if (owned) doc.destroy();
  }
  return result;
}
