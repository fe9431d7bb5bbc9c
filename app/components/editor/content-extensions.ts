import type { AnyExtension } from "@tiptap/core";
import { Image } from "@tiptap/extension-image";
import { Mathematics } from "@tiptap/extension-mathematics";
import { TableKit } from "@tiptap/extension-table";
import { StarterKit } from "@tiptap/starter-kit";
import { Citation, Figure, Footnote } from "./extensions";

/**
 * The manuscript schema: every node and mark a manuscript may hold. The browser editor adds collaboration,
 * carets, counting and placeholders on top; the server uses the same list to build documents (seed, imports).
 */
export function contentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({ undoRedo: false, heading: { levels: [1, 2, 3] }, link: { openOnClick: false, autolink: true } }),
    TableKit.configure({ table: { resizable: false } }),
    Image.configure({ inline: false, allowBase64: false }),
    Figure,
    Footnote,
    Citation,
    Mathematics,
  ];
}
