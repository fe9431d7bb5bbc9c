// A realistic manuscript (one line per block, as `plainTextOf` renders a version) for the anchoring tests.
export const PARAGRAPHS = [
  "Early mobilisation after hip fracture surgery in older adults: a randomised controlled trial",
  "Abstract",
  "Background: Prolonged bed rest after hip fracture surgery is associated with delirium, pressure injuries and loss of independence. We assessed whether mobilisation within 24 hours of surgery improves functional recovery.",
  "Methods: We randomly assigned 412 patients aged 65 years or older to early mobilisation (n = 206) or usual care (n = 206). The primary outcome was the Barthel Index at 30 days.",
  "Results: The mean Barthel Index at 30 days was 71.2 in the early mobilisation group and 66.8 in the usual care group (difference 4.4, 95% CI 1.1 to 7.7). The difference in 90-day mortality was not statistically significant (p = 0.41).",
  "Introduction",
  "Hip fractures affect about 1.6 million people worldwide every year, and one in four patients dies within a year of the injury. Guidelines recommend mobilisation on the day after surgery, but the evidence behind this recommendation comes mostly from observational studies.",
  "Bed rest is still common on orthopaedic wards, particularly at weekends and when physiotherapy staffing is low. Whether earlier mobilisation changes outcomes that matter to patients has not been tested in an adequately powered trial.",
  "Methods",
  "This was a pragmatic, assessor-blinded, randomised controlled trial in six hospitals. Patients aged 65 years or older who underwent surgery for a proximal femoral fracture were eligible. Patients with pathological fractures or who were bedbound before the fracture were excluded.",
  "Randomisation was done by a central web-based system with permuted blocks of four and six, stratified by hospital and pre-fracture mobility. Assessors of the primary outcome did not know the group assignment.",
  "The sample size of 412 patients gave 90% power to detect a difference of 5 points in the Barthel Index at a two-sided alpha of 0.05, allowing for 15% loss to follow-up.",
  "Results",
  "Between March 2021 and August 2023, 1,187 patients were screened and 412 were randomised. The drop-out rate was 12% in the intervention arm and 15% in the control arm, mostly because of deaths and withdrawals.",
  "The mean Barthel Index at 30 days was 71.2 (SD 18.4) in the early mobilisation group and 66.8 (SD 19.9) in the usual care group. The difference in length of stay was not statistically significant (p = 0.27).",
  "Delirium occurred in 38 patients (18%) in the early mobilisation group and 52 patients (25%) in the usual care group. The difference in pressure injuries was not statistically significant (p = 0.33).",
  "Discussion",
  "Mobilisation within 24 hours of surgery improved function at 30 days without an increase in falls or wound complications. The size of the effect is close to the minimal clinically important difference of the Barthel Index.",
  "Our trial has limitations. Physiotherapy in the usual care group was not standardised, and adherence to the protocol was lower at weekends. The follow-up of 90 days may be too short to show effects on long-term independence.",
  "Conclusion",
  "Early mobilisation after hip fracture surgery is safe and improves functional recovery in older adults.",
];

export const TEXT = PARAGRAPHS.join("\n");

/** The text with paragraph `index` replaced (or removed when `replacement` is null). */
export function withParagraph(index: number, replacement: string | null, paragraphs = PARAGRAPHS): string {
  const copy = [...paragraphs];
  if (replacement === null) copy.splice(index, 1);
  else copy[index] = replacement;
  return copy.join("\n");
}

/** Start and end of the first occurrence of `phrase` at or after `from`; throws when missing (a broken fixture). */
export function rangeOf(text: string, phrase: string, from = 0): [number, number] {
  const start = text.indexOf(phrase, from);
  if (start === -1) throw new Error(`fixture text does not contain "${phrase}"`);
  return [start, start + phrase.length];
}
