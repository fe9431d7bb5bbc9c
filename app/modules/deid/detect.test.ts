import { findIdentifiers } from "./detect";
import type { IdentifierKind } from "./model";

function kinds(text: string): Array<[IdentifierKind, string, string]> {
  return findIdentifiers(text).map((h) => [h.kind, h.text, h.suggestion]);
}

describe("findIdentifiers", () => {
  it("finds names after titles, relations and from the first-name list", () => {
    expect(kinds("Mrs Jane Doe was seen by Dr. Ahmed Khan. Her daughter Sarah visited. The patient, John Smith, agreed.")).toEqual([
      ["name", "Jane Doe", "[NAME]"],
      ["name", "Ahmed Khan", "[NAME]"],
      ["name", "Sarah", "[NAME]"],
      ["name", "John Smith", "[NAME]"],
    ]);
  });

  it("does not take eponyms or sentence words for names", () => {
    expect(findIdentifiers("Charles Bonnet syndrome and Graves disease were excluded. The Patient Safety team agreed.")).toEqual([]);
  });

  it("finds dates more precise than a year and keeps the year in the suggestion", () => {
    expect(kinds("Seen on 12 March 2019, 03/12/2019, 2019-03-12, March 12, 2019, 14th of June 2020, in March 2019 and on March 12.")).toEqual([
      ["date", "12 March 2019", "[DATE: 2019]"],
      ["date", "03/12/2019", "[DATE: 2019]"],
      ["date", "2019-03-12", "[DATE: 2019]"],
      ["date", "March 12, 2019", "[DATE: 2019]"],
      ["date", "14th of June 2020", "[DATE: 2020]"],
      ["date", "March 2019", "[DATE: 2019]"],
      ["date", "March 12", "[DATE]"],
    ]);
  });

  it("leaves years, counts and ratios alone", () => {
    expect(findIdentifiers("In 2019, 12/40 (30%) patients had t(28) = 2.20, p = .04; May we add 1.5 mg?")).toEqual([]);
  });

  it("finds ages over 89 but not younger ages", () => {
    expect(kinds("A 92-year-old man, aged 95, another 101 y/o, a nonagenarian; a 67-year-old woman aged 45.")).toEqual([
      ["age", "92-year-old", "[AGE: 90+]"],
      ["age", "aged 95", "[AGE: 90+]"],
      ["age", "101 y/o", "[AGE: 90+]"],
      ["age", "nonagenarian", "[AGE: 90+]"],
    ]);
  });

  it("finds contact details, network addresses and government numbers", () => {
    expect(kinds("Call (617) 555-0142, fax: 617-555-0199, mail jane.doe@example.com, see https://janedoe.org/me. Host 192.168.1.20, SSN 123-45-6789.")).toEqual([
      ["phone", "(617) 555-0142", "[PHONE]"],
      ["fax", "617-555-0199", "[FAX]"],
      ["email", "jane.doe@example.com", "[EMAIL]"],
      ["url", "https://janedoe.org/me", "[URL]"],
      ["ip", "192.168.1.20", "[IP]"],
      ["ssn", "123-45-6789", "[SSN]"],
    ]);
  });

  it("finds record, plan, account, licence, vehicle and device numbers after their labels", () => {
    expect(
      kinds("MRN: 4471209. Insurance ID: ZX9981234. Account no. 55-1203-88. Driver's licence number D1234567. Licence plate: ABC-1234. Pacemaker serial number: PX-20391. Biobank ID: BB-00912."),
    ).toEqual([
      ["mrn", "4471209", "[MRN]"],
      ["health-plan", "ZX9981234", "[HEALTH PLAN ID]"],
      ["account", "55-1203-88", "[ACCOUNT]"],
      ["licence", "D1234567", "[LICENCE]"],
      ["vehicle", "ABC-1234", "[VEHICLE ID]"],
      ["device", "PX-20391", "[DEVICE ID]"],
      ["other-id", "BB-00912", "[ID]"],
    ]);
    expect(kinds("Her NHS number: 943 476 5919 was checked.")).toEqual([["health-plan", "943 476 5919", "[HEALTH PLAN ID]"]]);
  });

  it("finds geography below state level precisely", () => {
    expect(kinds("She lives at 42 Elm Street, Boston, MA 02118 and grew up in Little Snoring; postcode SW1A 1AA. She moved to Texas.")).toEqual([
      ["address", "42 Elm Street, Boston", "[ADDRESS]"],
      ["zip", "MA 02118", "[ZIP]"],
      ["location", "Little Snoring", "[LOCATION]"],
      ["zip", "SW1A 1AA", "[POSTCODE]"],
    ]);
    expect(findIdentifiers("Patients in London and 12345 samples were studied in Europe.")).toEqual([]);
  });

  it("returns hits whose text is exactly the text at their offsets, without overlaps", () => {
    const text = "Mr Oliver Brown (MRN 99812), seen 2020-01-05 at 7 Mill Lane, phone +44 20 7946 0958.";
    const hits = findIdentifiers(text);
    expect(hits.map((h) => h.kind)).toEqual(["name", "mrn", "date", "address", "phone"]);
    for (const hit of hits) expect(text.slice(hit.start, hit.end)).toBe(hit.text);
    for (let i = 1; i < hits.length; i++) expect(hits[i].start).toBeGreaterThanOrEqual(hits[i - 1].end);
  });
});

describe("findIdentifiers stays quiet on ordinary manuscript prose", () => {
  it.each([
    "Chen et al. (2019) and Thomas and colleagues found similar results [4].",
    "As Martin, 2018, reported, the member states agreed in 2019.",
    "Platelets were 150 × 10^9/L; a family member 2019 survey; the device was implanted.",
    "Patients aged 90 mg/kg were not included; the cohort spanned 95 years of records.",
    "The 96-well plate was read at 450 nm; serial dilutions were made.",
  ])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });
});
