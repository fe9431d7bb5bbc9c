import { normaliseOrcid, signUpSchema } from "./model";

describe("ORCID iD", () => {
  it.each([
    ["0000-0002-1825-0097", "0000-0002-1825-0097"],
    ["https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"],
    ["0000-0002-1694-233x", "0000-0002-1694-233X"],
  ])("accepts %s", (input, expected) => {
    expect(normaliseOrcid(input)).toBe(expected);
  });

  it.each(["0000-0002-1825-0098", "0000-0002-1825-009", "0000000218250097", "abcd-0002-1825-0097", ""])("refuses %s", (input) => {
    expect(normaliseOrcid(input)).toBeNull();
  });
});

describe("sign-up input", () => {
  it("normalises the e-mail and keeps only self-service roles", () => {
    const ok = signUpSchema.safeParse({ name: "Dr A", email: " Ada@Example.ORG ", password: "twelve chars!", roles: ["author"] });
    expect(ok.success && ok.data.email).toBe("ada@example.org");
    const editor = signUpSchema.safeParse({ name: "Dr A", email: "a@example.org", password: "twelve chars!", roles: ["editor"] });
    expect(editor.success).toBe(false);
  });
});
