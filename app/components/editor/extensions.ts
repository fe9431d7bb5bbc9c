import { mergeAttributes, Node } from "@tiptap/core";

/** A figure: an image with a caption, kept together as one block. */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: "" },
      caption: { default: "" },
    };
  },
  parseHTML() {
    return [
      {
        tag: "figure",
        getAttrs: (element) => {
          const el = element as HTMLElement;
          const img = el.querySelector("img");
          return { src: img?.getAttribute("src") ?? null, alt: img?.getAttribute("alt") ?? "", caption: el.querySelector("figcaption")?.textContent ?? "" };
        },
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    const { src, alt, caption } = HTMLAttributes as { src: string; alt: string; caption: string };
    return ["figure", { class: "figure" }, ["img", { src, alt: alt || caption }], ["figcaption", {}, caption]];
  },
});

/** A footnote: an inline marker whose text is shown on hover and listed at the end of the article. */
export const Footnote = Node.create({
  name: "footnote",
  group: "inline",
  inline: true,
  atom: true,
  addAttributes() {
    return { text: { default: "" } };
  },
  parseHTML() {
    return [{ tag: "sup[data-footnote]", getAttrs: (el) => ({ text: (el as HTMLElement).getAttribute("data-footnote") ?? "" }) }];
  },
  renderHTML({ HTMLAttributes }) {
    const text = String(HTMLAttributes.text ?? "");
    return ["sup", mergeAttributes({ "data-footnote": text, class: "footnote", title: text }), "*"];
  },
});

/**
 * An inline citation of a reference by id. The extension point for the reference manager (publication graph issue):
 * it stores the reference id and a display label; the bibliography is rendered from the manuscript's references.
 */
export const Citation = Node.create({
  name: "citation",
  group: "inline",
  inline: true,
  atom: true,
  addAttributes() {
    return { refId: { default: null }, label: { default: "[?]" } };
  },
  parseHTML() {
    return [{ tag: "cite[data-ref-id]", getAttrs: (el) => ({ refId: (el as HTMLElement).getAttribute("data-ref-id"), label: (el as HTMLElement).textContent }) }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["cite", { "data-ref-id": HTMLAttributes.refId, class: "citation" }, String(HTMLAttributes.label ?? "[?]")];
  },
});
