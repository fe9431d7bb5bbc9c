// CARE 2013 (Gagnier et al., "The CARE guidelines: consensus-based clinical case reporting guideline development").
// Items paraphrased in our own words.
import { type Checklist, item } from "./types";

const CASE_BODY = ["case", "results", "methods", "other"] as const;

export const CARE_2013: Checklist = {
  name: "CARE",
  version: "2013",
  reference: "Gagnier JJ et al. Glob Adv Health Med. 2013;2(5):38-43",
  articleTypes: ["case-report"],
  items: [
    item("1", "Title", "The title says this is a case report and names what the case is about.", [/\bcase (?:report|study)\b/i], { sections: ["title"] }),
    item("2", "Keywords", "Two to five keywords name the key elements of the case.", [/\bkey\s?words?\b/i]),
    item("3a", "Abstract: introduction", "The abstract says what is new or unusual about the case.", [/\b(?:rare|unusual|uncommon|novel|first (?:reported|described|case)|atypical|seldom)\b/i], { sections: ["abstract"], weakCues: [/\b(?:rare|unusual|uncommon|novel|atypical)\b/i] }),
    item("3b", "Abstract: case", "The abstract gives the main symptoms, diagnoses, interventions and outcomes.", [/\b(?:presented|diagnos(?:ed|is)|treated|underwent|received)\b/i], { sections: ["abstract"] }),
    item("3c", "Abstract: conclusion", "The abstract ends with the main lesson of the case.", [/\b(?:conclusions?|lessons?|learning points?|take-?away|clinicians should|should (?:be )?consider)\b/i], { sections: ["abstract"] }),
    item("4", "Introduction", "A short background explains why the case matters, with reference to the literature.", [/\b(?:previously (?:been )?(?:reported|described)|literature|prevalence|incidence|is a rare|are rare|has been reported)\b/i], { sections: ["introduction"] }),
    item("5a", "Patient information: demographics", "The patient is described without identifying details (age, sex, relevant background).", [/\b\d{1,2}[- ](?:year|month)[- ]old\b|\bin (?:his|her|their) (?:twenties|thirties|forties|fifties|sixties|seventies|eighties)\b/i], { sections: [...CASE_BODY], weakCues: [/\b(?:man|woman|male|female|boy|girl|infant)\b/i] }),
    item("5b", "Patient information: main concerns", "The main symptoms or concerns of the patient are stated.", [/\b(?:presented (?:to|with)|complain(?:ed|ing|ts?) of|chief (?:complaint|concern)|main concerns?|reported (?:a )?(?:history of )?\w+ (?:pain|fever|cough|weakness))\b/i], { sections: [...CASE_BODY], weakCues: [/\bsymptoms?\b/i] }),
    item("5c", "Patient information: history", "Medical, family and psychosocial history, including relevant comorbidities and genetic information.", [/\b(?:medical history|past history|family history|comorbidit|psychosocial|smok(?:er|ing|ed)|alcohol)\b/i], { sections: [...CASE_BODY], weakCues: [/\bhistory\b/i] }),
    item("5d", "Patient information: past interventions", "Earlier interventions and their outcomes.", [/\b(?:previous(?:ly)? (?:treated|received|underwent|prescribed)|prior (?:treatment|therapy|intervention|surgery)|had (?:previously )?been (?:treated|prescribed|taking)|had been on)\b/i], { sections: [...CASE_BODY], weakCues: [/\b(?:medication|was taking|usual medicines)\b/i] }),
    item("6", "Clinical findings", "The relevant physical examination and other significant clinical findings.", [/\b(?:physical examination|on examination|examination (?:revealed|showed)|vital signs|blood pressure|heart rate|auscultation|palpation)\b/i], { sections: [...CASE_BODY] }),
    item("7", "Timeline", "The history of the episode and the care, organised as a timeline.", [/\btimeline\b/i], { weakCues: [/\b(?:on day \d+|(?:\d+|two|three|four|five|six) (?:days|weeks|months) later|after (?:\d+|two|three|four|five|six) (?:days|weeks|months))\b/i] }),
    item("8a", "Diagnostic assessment: methods", "The diagnostic tests performed: examination, laboratory, imaging, questionnaires.", [/\b(?:laboratory|blood tests?|imaging|computed tomography|magnetic resonance|ultrasound|ultrasonograph|biopsy|histolog|echocardiogra|radiograph|electrocardiogra|serum)\w*/i, /\b(?:CT|MRI|ECG|EEG)\b/], { sections: [...CASE_BODY] }),
    item("8b", "Diagnostic assessment: challenges", "Challenges met while reaching the diagnosis (access, cost, language, culture, delays).", [/\b(?:diagnostic (?:challenge|difficult|delay)|challenging diagnosis|difficult to diagnose|misdiagnos|delay(?:ed)? (?:in )?diagnos|(?:language|financial|cultural|access) barrier)\w*/i], { weakCues: [/\b(?:challeng|difficult|delay)\w*/i] }),
    item("8c", "Diagnostic assessment: reasoning", "The diagnostic reasoning, including the differential diagnoses considered.", [/\b(?:differential diagnos[ie]s|(?:was|were) (?:excluded|ruled out)|ruled out|we considered)\b/i]),
    item("8d", "Diagnostic assessment: prognosis", "Prognostic characteristics such as staging, where relevant.", [/\b(?:prognos[ie]s|prognostic|staging|stage [IV\d]|risk score)\b/i]),
    item("9a", "Therapeutic intervention: types", "The kinds of intervention (pharmacological, surgical, preventive, self-care).", [/\b(?:treated with|started on|was given|administered|initiated|underwent|received)\b/i], { sections: [...CASE_BODY] }),
    item("9b", "Therapeutic intervention: administration", "How the intervention was given (dose, strength, duration).", [/\b\d+(?:[.,]\d+)?\s*(?:mg|µg|μg|mcg|g|IU|units|mL|ml|mmol)(?:\/(?:kg|day|h|d))?\b/], { sections: [...CASE_BODY], weakCues: [/\b(?:daily|twice|once|intravenous(?:ly)?|orally|dose)\b/i] }),
    item("9c", "Therapeutic intervention: changes", "Changes to the intervention and the reasons for them.", [/\b(?:was|were|been) (?:switched|discontinued|stopped|tapered|withdrawn)\b|\bdose (?:was )?(?:reduced|increased|adjusted)\b|\b(?:changed|switched) to\b|\breplaced by\b/i], { sections: [...CASE_BODY] }),
    item("10a", "Follow-up and outcomes: assessed outcomes", "Outcomes as assessed by the clinician and, when relevant, by the patient.", [/\b(?:at (?:\d+|one|two|three|six|twelve)[- ](?:weeks?|months?|years?)(?: of)? follow-up|follow-up (?:visit|at|of)|recovered|resolution|resolved|remission|improved)\b/i], { sections: [...CASE_BODY] }),
    item("10b", "Follow-up and outcomes: test results", "Important follow-up diagnostic and other test results.", [/\b(?:repeat|follow-up|subsequent|control) (?:imaging|tests?|scan|CT|MRI|laboratory|blood tests?|biopsy|echocardiogra\w*|measurements?)\b/i, /\b(?:normali[sz]ed|returned to normal)\b/i], { sections: [...CASE_BODY] }),
    item("10c", "Follow-up and outcomes: adherence", "How well the intervention was adhered to and tolerated, and how this was assessed.", [/\b(?:adheren|complian|tolerat)\w*/i]),
    item("10d", "Follow-up and outcomes: adverse events", "Adverse and unanticipated events.", [/\b(?:adverse (?:events?|effects?|reactions?)|side[- ]effects?|complications?|no (?:adverse|untoward))\b/i]),
    item("11a", "Discussion: strengths and limitations", "The strengths and limitations of how this case was managed.", [/\b(?:strengths?|limitations?)\b/i], { sections: ["discussion", "conclusion"] }),
    item("11b", "Discussion: literature", "The relevant medical literature is discussed.", [/\b(?:literature|previously reported|similar cases?|prior reports?|reported cases?)\b/i], { sections: ["discussion"] }),
    item("11c", "Discussion: rationale", "The reasoning behind the conclusions, including any assessment of causality.", [/\b(?:causal(?:ity)?|likely (?:caused|due|related)|attribut(?:ed|able)|we (?:believe|propose|suggest)|Naranjo|mechanism)\b/i], { sections: ["discussion", "conclusion"] }),
    item("11d", "Discussion: take-away lessons", "The main lessons of the case report.", [/\b(?:take-?away|learning points?|lessons?|clinicians should|should (?:be )?consider(?:ed)?|key messages?)\b/i], { sections: ["discussion", "conclusion", "abstract"] }),
    item("12", "Patient perspective", "The patient shares their own view or experience, when possible.", [/\b(?:patient(?:'s|’s)? perspective|in (?:his|her|their) (?:own )?words|the patient (?:said|stated|wrote|described|shared))\b/i]),
    item("13", "Informed consent", "The patient (or guardian) gave informed consent for publication.", [/\b(?:informed consent|written consent|consent (?:for publication )?(?:was|has been) obtained|consented to (?:the )?publication|gave (?:his|her|their) (?:written )?consent)\b/i], { weakCues: [/\bconsent\w*/i] }),
  ],
};
