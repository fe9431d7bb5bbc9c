// Done when: a clinician imports a FHIR bundle, resolves identifiers, records consent; a second clinician on another
// node finds the case through Matchmaker Exchange; the patient revokes and the case disappears from the next search;
// the case access log verifies.
import { spawnSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { BASE_URL, SECOND_NODE_URL } from "../../playwright.config";
import { demoEmail } from "./helpers";
import { DEFAULT_DEMO_PASSWORD } from "../../db/seed";

const NODE_A = BASE_URL;
const NODE_A_LOOPBACK = BASE_URL.replace("localhost", "127.0.0.1");
const NODE_B = SECOND_NODE_URL;

const BUNDLE = {
  resourceType: "Bundle",
  type: "collection",
  entry: [
    {
      resource: {
        resourceType: "Patient",
        id: "p1",
        identifier: [{ system: "urn:mrn", value: "445566" }],
        name: [{ family: "Smith", given: ["John"] }],
        gender: "male",
        birthDate: "2017-05-14",
        telecom: [{ system: "phone", value: "617-555-0199" }],
        address: [{ line: ["45 Elm Street"], city: "Boston", postalCode: "02115", country: "US" }],
      },
    },
    {
      resource: {
        resourceType: "Condition",
        code: { coding: [{ system: "http://purl.obolibrary.org/obo/hp.owl", code: "HP:0002373", display: "Febrile seizures" }] },
        onsetDateTime: "2018-02-03",
        note: [{ text: "Seen by Dr Anna Jones on 3 February 2018; MRN 445566. Prolonged febrile seizures, then afebrile seizures." }],
      },
    },
    { resource: { resourceType: "Condition", code: { coding: [{ system: "http://purl.obolibrary.org/obo/hp.owl", code: "HP:0001250", display: "Seizures" }] } } },
    { resource: { resourceType: "Condition", code: { coding: [{ system: "http://purl.obolibrary.org/obo/hp.owl", code: "HP:0001263", display: "Global developmental delay" }] } } },
    {
      resource: {
        resourceType: "Condition",
        verificationStatus: { coding: [{ code: "refuted" }] },
        code: { coding: [{ system: "http://purl.obolibrary.org/obo/hp.owl", code: "HP:0001251", display: "Ataxia" }] },
      },
    },
    { resource: { resourceType: "Condition", code: { coding: [{ system: "http://www.omim.org", code: "607208", display: "Dravet syndrome" }] } } },
    {
      resource: {
        resourceType: "Observation",
        code: { coding: [{ system: "http://loinc.org", code: "69548-6" }] },
        component: [
          { code: { coding: [{ system: "http://loinc.org", code: "48018-6" }] }, valueCodeableConcept: { coding: [{ system: "http://www.genenames.org", code: "HGNC:10585", display: "SCN1A" }] } },
          { code: { coding: [{ system: "http://loinc.org", code: "53034-5" }] }, valueCodeableConcept: { coding: [{ code: "LA6706-1", display: "Heterozygous" }] } },
        ],
      },
    },
  ],
};

async function signedIn(browser: Browser, baseURL: string, key: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill(demoEmail(key));
  await page.getByLabel("Password").fill(DEFAULT_DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

async function searchOnNodeB(page: Page) {
  await page.goto("/cases/search");
  const picker = page.getByLabel("Find an HPO term");
  await picker.fill("febrile seiz");
  await page.getByRole("button", { name: "Add Febrile seizures as observed" }).click();
  await picker.fill("HP:0001263");
  await page.getByRole("button", { name: "Add Global developmental delay as observed" }).click();
  await page.getByLabel("Genes").fill("SCN1A");
  await page.getByLabel("Also search federated nodes (Matchmaker Exchange)").check();
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/^Node A: \d+ match/)).toBeVisible();
}

test("a case imported on one node is found from another through MME, until the patient revokes", async ({ browser }) => {
  test.setTimeout(120_000);

  // institution admins connect the nodes: A issues a token for B; B stores it as the token it sends A
  const adminA = await signedIn(browser, NODE_A, "admin");
  await adminA.goto("/federation/peers");
  await adminA.getByLabel("Name").fill("Node B");
  await adminA.getByLabel("Base URL").fill(NODE_B);
  await adminA.getByLabel("Country").fill("IS");
  await adminA.getByRole("button", { name: "Add peer" }).click();
  const token = (await adminA.getByTestId("inbound-token").textContent())!.trim();
  expect(token.length).toBeGreaterThan(20);

  const adminB = await signedIn(browser, NODE_B, "admin");
  await adminB.goto("/federation/peers");
  await adminB.getByLabel("Name").fill("Node A");
  await adminB.getByLabel("Base URL").fill(NODE_A_LOOPBACK);
  await adminB.getByLabel("Country").fill("US");
  await adminB.getByLabel("Token it gave us").fill(token);
  await adminB.getByLabel("Timeout (ms)").fill("4000");
  await adminB.getByRole("button", { name: "Add peer" }).click();
  await expect(adminB.getByRole("cell", { name: /Node A/ })).toBeVisible();

  // clinician on A imports a FHIR bundle, resolves the identifiers, saves, records consent
  const clinicianA = await signedIn(browser, NODE_A, "clinician");
  await clinicianA.goto("/cases/new");
  await clinicianA.getByLabel("FHIR R4 Bundle or MME patient (JSON)").fill(JSON.stringify(BUNDLE));
  await clinicianA.getByRole("button", { name: "Import FHIR bundle" }).click();
  await expect(clinicianA.getByText("Removed on import:")).toBeVisible();
  await expect(clinicianA.getByText("the patient's name")).toBeVisible();
  await expect(clinicianA.getByText(/the date of birth \(kept only as the age band/)).toBeVisible();
  await expect(clinicianA.getByRole("table", { name: "Chosen phenotypes" }).getByText("Febrile seizures")).toBeVisible();
  await expect(clinicianA.getByLabel("Status of Ataxia")).toHaveValue("no");
  await clinicianA.getByLabel("Case label").fill("Boy with febrile then afebrile seizures");
  await clinicianA.getByRole("button", { name: "Check for identifiers" }).click();
  const findings = clinicianA.getByRole("table", { name: "Identifiers found" });
  await expect(findings.getByText("a medical record number")).toBeVisible();
  await expect(findings.getByText("a date more precise than the year")).toBeVisible();
  const save = clinicianA.getByRole("button", { name: "Save case" });
  await expect(save).toBeDisabled();
  await clinicianA.getByRole("button", { name: "Redact all" }).click();
  await expect(clinicianA.getByText("Every identifier is resolved.")).toBeVisible();
  await save.click();
  await expect(clinicianA.getByRole("heading", { name: "Case saved" })).toBeVisible();
  const patientLink = (await clinicianA.getByTestId("patient-link").textContent())!.trim();
  await clinicianA.getByRole("link", { name: "Open the case and record consent" }).click();
  await expect(clinicianA.getByText("No consent recorded")).toBeVisible();
  await expect(clinicianA.getByText(/\[DATE: 2018\]/)).toBeVisible();
  await expect(clinicianA.getByText("Anna Jones")).toHaveCount(0);
  await clinicianA.getByLabel("Permitted use (DUO)").selectOption("HMB");
  await clinicianA.getByLabel("Allow matching with other nodes (Matchmaker Exchange)").check();
  await clinicianA.getByLabel("The patient (or their guardian) gave this consent").check();
  await clinicianA.getByRole("button", { name: "Record consent" }).click();
  await expect(clinicianA.getByText("Consent version 1 recorded.")).toBeVisible();

  // a second clinician, on node B, finds it through Matchmaker Exchange, labelled by node and explained
  const clinicianB = await signedIn(browser, NODE_B, "clinician");
  await searchOnNodeB(clinicianB);
  const match = clinicianB.getByRole("article", { name: "Match Boy with febrile then afebrile seizures" });
  await expect(match).toBeVisible();
  await expect(match.getByText("Node A", { exact: true })).toBeVisible();
  await expect(match.getByText("Shared genes: SCN1A")).toBeVisible();
  await expect(match.getByRole("list", { name: "Why it matched" })).toContainText("Febrile seizures");
  await expect(clinicianB.getByText("Human Phenotype Ontology (release 2017-04-13)").first()).toBeVisible();

  // the patient sees the use and revokes in one click
  const patient = await (await browser.newContext()).newPage();
  await patient.goto(patientLink);
  await expect(patient.getByRole("heading", { name: "How your case is used" })).toBeVisible();
  await expect(patient.getByRole("table", { name: "Uses of your case" })).toContainText("Node B (Matchmaker Exchange node)");
  await expect(patient.getByText("Uses that already happened cannot be recalled", { exact: false })).toBeVisible();
  await patient.getByRole("button", { name: "Withdraw my consent" }).click();
  await expect(patient.getByText(/Your consent is withdrawn/)).toBeVisible();

  // the next search no longer finds it
  await searchOnNodeB(clinicianB);
  await expect(clinicianB.getByRole("article", { name: "Match Boy with febrile then afebrile seizures" })).toHaveCount(0);

  // the access log of node A verifies
  const verify = spawnSync("npx", ["tsx", "scripts/verify-audit.ts", "--pglite", "data/e2e/pglite"], { encoding: "utf8" });
  expect(verify.stdout).toMatch(/Case access log intact: \d+ entries/);
  expect(verify.status).toBe(0);
});

test("an MME JSON import with disease-specific consent is shown only to a search for that disease", async ({ browser }) => {
  const patient = {
    id: "bench-1",
    label: "Mandibulofacial dysostosis, demo",
    contact: { name: "Dr Original", href: "mailto:original@example.org" },
    features: [
      { id: "HP:0000453", label: "Choanal atresia", observed: "yes" },
      { id: "HP:0000405", label: "Conductive hearing impairment", observed: "yes" },
      { id: "HP:0011451", observed: "yes" },
    ],
    genomicFeatures: [{ gene: { id: "EFTUD2" } }],
    disorders: [{ id: "MIM:610536", label: "Mandibulofacial dysostosis, Guion-Almeida type" }],
  };
  const clinician = await signedIn(browser, NODE_A, "clinician");
  await clinician.goto("/cases/new");
  await clinician.getByLabel("FHIR R4 Bundle or MME patient (JSON)").fill(JSON.stringify({ patient }));
  await clinician.getByRole("button", { name: "Import MME JSON" }).click();
  await expect(clinician.getByText("the original contact (you become the contact)")).toBeVisible();
  await expect(clinician.getByLabel("Disorder id")).toHaveValue("OMIM:610536");
  await clinician.getByRole("button", { name: "Check for identifiers" }).click();
  await expect(clinician.getByText("No identifiers found.")).toBeVisible();
  await clinician.getByRole("button", { name: "Save case" }).click();
  await clinician.getByRole("link", { name: "Open the case and record consent" }).click();
  await clinician.getByLabel("Permitted use (DUO)").selectOption("DS");
  await clinician.getByLabel("Disease (for DS)").fill("OMIM:610536");
  await clinician.getByLabel("The patient (or their guardian) gave this consent").check();
  await clinician.getByRole("button", { name: "Record consent" }).click();
  await expect(clinician.getByText("Consent version 1 recorded.")).toBeVisible();
  await expect(clinician.getByText("GA4GH Data Use Ontology", { exact: false }).first()).toBeVisible();

  const search = async (purpose: string, disease?: string) => {
    await clinician.goto("/cases/search");
    await clinician.getByLabel("Find an HPO term").fill("choanal atresia");
    await clinician.getByRole("button", { name: "Add Choanal atresia as observed" }).click();
    await clinician.getByLabel("Genes").fill("EFTUD2");
    await clinician.getByLabel("Purpose of use (DUO)").selectOption(purpose);
    if (disease) await clinician.getByLabel("Disease (for DS)").fill(disease);
    await clinician.getByRole("button", { name: "Search" }).click();
    await expect(clinician.getByRole("heading", { name: /\d+ match/ })).toBeVisible();
  };
  const hit = () => clinician.getByRole("article", { name: "Match Mandibulofacial dysostosis, demo" });
  await search("HMB");
  await expect(hit()).toHaveCount(0);
  await search("DS", "OMIM:610536");
  await expect(hit()).toBeVisible();
  await expect(hit().getByText("This node", { exact: true })).toBeVisible();
  await expect(hit().getByText("Shared genes: EFTUD2")).toBeVisible();
});
