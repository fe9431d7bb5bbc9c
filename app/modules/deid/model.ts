// De-identification after the HIPAA Safe Harbor method (45 CFR 164.514(b)(2)): the identifier kinds it lists, as
// found in free text. Shared by review-assist (manuscripts) and the case library (ingest).

export const identifierKinds = [
  "name",
  "address",
  "zip",
  "location",
  "date",
  "age",
  "phone",
  "fax",
  "email",
  "ssn",
  "mrn",
  "health-plan",
  "account",
  "licence",
  "vehicle",
  "device",
  "url",
  "ip",
  "other-id",
] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

export interface IdentifierHit {
  kind: IdentifierKind;
  start: number;
  end: number;
  text: string;
  /** What to write instead, keeping what Safe Harbor allows (the year of a date, "90+" for great ages). */
  suggestion: string;
}

export const KIND_LABELS: Record<IdentifierKind, string> = {
  name: "a person's name",
  address: "a street address",
  zip: "a postal code",
  location: "a place of residence below state level",
  date: "a date more precise than the year",
  age: "an age over 89",
  phone: "a telephone number",
  fax: "a fax number",
  email: "an e-mail address",
  ssn: "a social security number",
  mrn: "a medical record number",
  "health-plan": "a health plan number",
  account: "an account number",
  licence: "a certificate or licence number",
  vehicle: "a vehicle identifier",
  device: "a device identifier or serial number",
  url: "a web address",
  ip: "an IP address",
  "other-id": "a unique identifying code",
};
